// Model files: a saved and reloaded model forecasts bit for bit the same table; every kind of
// damage is an InputError naming the file and the JSON path.
#include <catch2/catch.hpp>

#include <sstream>

#include "forecast_fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/forecast/model_file.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;
using nlohmann::json;

namespace {

void check_identical(const core::ForecastTable& a, const core::ForecastTable& b) {
  REQUIRE(a.queues.size() == b.queues.size());
  CHECK(a.interval_s == b.interval_s);
  CHECK(a.levels == b.levels);
  CHECK(a.has_aht == b.has_aht);
  for (std::size_t q = 0; q < a.queues.size(); ++q) {
    const auto& x = a.queues[q].intervals;
    const auto& y = b.queues[q].intervals;
    CHECK(a.queues[q].queue == b.queues[q].queue);
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(x[i].start == y[i].start);
      CHECK(x[i].calls == y[i].calls);  // bit for bit
      CHECK(x[i].aht_s == y[i].aht_s);
      REQUIRE(x[i].bounds.size() == y[i].bounds.size());
      for (std::size_t l = 0; l < x[i].bounds.size(); ++l) {
        CHECK(x[i].bounds[l].lo == y[i].bounds[l].lo);
        CHECK(x[i].bounds[l].hi == y[i].bounds[l].hi);
      }
    }
  }
}

std::string load_error(const json& doc) {
  std::istringstream in(doc.dump());
  try {
    load_models(in, "models/x.json");
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a saved model forecasts the same table bit for bit", "[forecast][model_file]") {
  const core::IntervalTable history = make_table(contract_spec());
  for (const std::string method :
       {"auto", "snaive", "snaive-day", "weekday-avg", "top-down", "regression", "hw"}) {
    SECTION(method) {
      ForecastOptions o;
      o.method = method;
      const ForecastRun run = run_forecast(history, o);
      const json doc = models_to_json(run.models, "wfm test");
      CHECK(doc["format"] == "wfm-forecast-model");
      CHECK(doc["version"] == 1);
      std::istringstream in(doc.dump(1));
      const auto loaded = load_models(in, "models/x.json");
      check_identical(run.table, forecast_from_models(loaded, o));
      // And a later horizon is the same from either.
      o.start = kMonday + std::chrono::days{49};
      check_identical(forecast_from_models(run.models, o), forecast_from_models(loaded, o));
    }
  }
}

TEST_CASE("damaged model files are input errors naming the file and the key",
          "[forecast][model_file]") {
  ForecastOptions o;
  o.method = "weekday-avg";
  const ForecastRun run = run_forecast(make_table(contract_spec()), o);
  const json good = models_to_json(run.models, "wfm test");

  json doc = good;
  doc["queues"][0]["members"][0]["arrays"]["profile"]["data"].erase(0);
  CHECK(load_error(doc) ==
        "models/x.json: key 'queues[0].members[0].arrays.profile.data': expected 280 numbers, "
        "got 279");

  doc = good;
  doc["queues"][0].erase("intervals");
  CHECK(load_error(doc) == "models/x.json: key 'queues[0].intervals': missing");

  doc = good;
  doc["queues"][0]["interval_s"] = "900";
  CHECK(load_error(doc) ==
        "models/x.json: key 'queues[0].interval_s': expected a whole number from 1 to 604800, got "
        "\"900\"");

  doc = good;
  doc["queues"][0]["members"][0]["method"] = "prophet";
  CHECK_THAT(load_error(doc),
             Catch::StartsWith("models/x.json: key 'queues[0].members[0].method': unknown "
                               "forecasting method 'prophet'"));

  doc = good;
  doc["queues"][0]["intervals"]["z_quantiles"].erase(5);
  CHECK(load_error(doc) ==
        "models/x.json: key 'queues[0].intervals.z_quantiles': expected 199 numbers, got 198");

  doc = good;
  doc["queues"][0]["last_date"] = "2024-02-30";
  CHECK_THAT(load_error(doc), Catch::Contains("key 'queues[0].last_date': expected a date"));

  doc = good;
  doc["format"] = "something-else";
  CHECK_THAT(load_error(doc), Catch::Contains("key 'format'"));

  doc = good;
  doc["version"] = 2;
  CHECK_THAT(load_error(doc), Catch::Contains("version 2"));

  doc = good;
  doc["queues"][0]["open"][6].erase(0);
  CHECK_THAT(load_error(doc), Catch::Contains("key 'queues[0].open[6]': expected 40"));

  doc = good;
  doc["queues"][0]["members"][0]["arrays"].erase("profile");
  CHECK_THAT(load_error(doc), Catch::Contains("key 'queues[0].members[0]'"));

  // Non-finite numbers (JSON has no NaN or infinity; an overflowing literal) and broken JSON.
  std::string text = good.dump();
  const auto pos = text.find("\"level_factor\":");
  REQUIRE(pos != std::string::npos);
  text.insert(pos + 15, "1e999,\"x\":");
  std::istringstream in(text);
  CHECK_THROWS_WITH(load_models(in, "models/x.json"),
                    Catch::StartsWith("models/x.json: not a valid JSON model file: number "
                                      "overflow parsing '1e999'"));
  std::istringstream broken("{\"format\": ");
  CHECK_THROWS_WITH(load_models(broken, "models/x.json"),
                    Catch::StartsWith("models/x.json: not a valid JSON model file"));
  CHECK_THROWS_WITH(load_models("/nonexistent/x.json"), Catch::Contains("cannot open"));
}
