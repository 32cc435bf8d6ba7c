// The fitted model shipped in models/sample.json still loads and forecasts exactly what a fresh
// fit of the same history forecasts (a change to a model's state or to fitting shows here; after
// an intended change, regenerate the file with the command in models/README.md).
#include <catch2/catch.hpp>

#include "wfm/forecast/model_file.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/io/interval_csv.hpp"

using namespace wfm;

TEST_CASE("models/sample.json forecasts what a fresh fit forecasts", "[forecast][model_file]") {
  const std::string root = WFM_SOURCE_DIR;
  const auto saved = forecast::load_models(root + "/models/sample.json");
  const auto history = io::load_interval_table(root + "/data/sample/history.csv");
  forecast::ForecastOptions o;
  o.horizon_days = 7;
  const auto fresh = forecast::run_forecast(history, o);
  const auto a = forecast::forecast_from_models(saved, o);
  const auto& b = fresh.table;
  REQUIRE(a.queues.size() == b.queues.size());
  for (std::size_t q = 0; q < a.queues.size(); ++q) {
    INFO(a.queues[q].queue);
    CHECK(a.queues[q].queue == b.queues[q].queue);
    REQUIRE(a.queues[q].intervals.size() == b.queues[q].intervals.size());
    for (std::size_t i = 0; i < a.queues[q].intervals.size(); ++i) {
      const auto& x = a.queues[q].intervals[i];
      const auto& y = b.queues[q].intervals[i];
      CHECK(x.start == y.start);
      // The JSON keeps every double exactly (shortest round-trip form), so the forecasts agree to
      // rounding in the prediction arithmetic only.
      CHECK(x.calls == Approx(y.calls).epsilon(1e-12));
      REQUIRE(x.bounds.size() == y.bounds.size());
      for (std::size_t k = 0; k < x.bounds.size(); ++k) {
        CHECK(x.bounds[k].lo == Approx(y.bounds[k].lo).epsilon(1e-12).margin(1e-12));
        CHECK(x.bounds[k].hi == Approx(y.bounds[k].hi).epsilon(1e-12));
      }
    }
  }
}
