// One contract over every forecasting model (statsforecast's test_models.py habit): for every
// name in method_names(), on a history with closed Sundays, short Saturdays, a missing weekday and
// a missing cell: fit + predict equals forecast, a restored state predicts the same, the shape is
// dates x slots, values are finite, and through run_forecast the output is >= 0 with nested
// intervals, nothing on closed days/slots or a closed special day, and a holiday multiplier
// scales its day. Then pattern recovery and bad inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <map>

#include "forecast_fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/interval_csv.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

namespace {

SpecialDays specials(std::vector<SpecialDay> days) {
  SpecialDays s;
  s.source = "special.csv";
  s.days = std::move(days);
  std::sort(s.days.begin(), s.days.end(),
            [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  return s;
}

const core::QueueForecast& only_queue(const core::ForecastTable& t) {
  REQUIRE(t.queues.size() == 1);
  return t.queues.front();
}

}  // namespace

TEST_CASE("every model honours the forecaster contract", "[forecast][contract]") {
  const core::QueueSeries series = make_series(contract_spec());
  const DayGrid grid = make_day_grid(series, kInterval);
  REQUIRE(grid.width() == 40);
  const Date first = grid.dates.back() + std::chrono::days{1};
  const auto dates = horizon_dates(grid, first, 14);
  REQUIRE(dates.size() == 12);  // no Sundays

  for (const auto& name : method_names()) {
    SECTION(name) {
      const auto model = make_forecaster(name);
      CHECK(model->name() == name);
      const auto fitted = model->fit(grid);
      const Eigen::MatrixXd p = fitted->predict(dates);
      CHECK(p.rows() == static_cast<Eigen::Index>(dates.size()));
      CHECK(p.cols() == grid.width());
      CHECK(p.allFinite());
      CHECK(model->forecast(grid, dates) == p);
      CHECK(fitted->state().method == name);
      const auto restored = model->restore(fitted->state());
      CHECK(restored->predict(dates) == p);
      // Any later day too (not only the day after the history).
      const std::vector<Date> later{first + std::chrono::days{30}};
      CHECK(restored->predict(later) == fitted->predict(later));
    }
  }
}

TEST_CASE("every model through run_forecast: >= 0, nested intervals, closed time respected",
          "[forecast][contract]") {
  const core::IntervalTable history = make_table(contract_spec());
  const Date first = kMonday + std::chrono::days{42};  // a Monday
  const Date closed_day = first + std::chrono::days{2};
  const Date holiday = first + std::chrono::days{3};

  for (const auto& name : method_names()) {
    SECTION(name) {
      ForecastOptions o;
      o.method = name;
      o.horizon_days = 14;
      o.levels = {80, 95};
      const ForecastRun plain = run_forecast(history, o);
      o.special = specials({{closed_day, "closed", SpecialDay::Kind::closed, 1.0, 2},
                            {holiday, "campaign", SpecialDay::Kind::event, 1.5, 3}});
      const ForecastRun run = run_forecast(history, o);
      REQUIRE(run.models.size() == 1);
      CHECK(run.reports.front().method == name);
      CHECK(run.reports.front().missing_days == std::vector<Date>{kMonday + std::chrono::days{16}});
      const auto& q = only_queue(run.table);
      CHECK(run.table.levels == std::vector<double>{80, 95});
      CHECK(run.table.has_aht);
      std::map<core::LocalTime, double> plain_calls;
      for (const auto& iv : only_queue(plain.table).intervals) plain_calls[iv.start] = iv.calls;
      std::size_t on_holiday = 0;
      for (const auto& iv : q.intervals) {
        const Date d = std::chrono::floor<std::chrono::days>(iv.start);
        const int slot = static_cast<int>((iv.start - core::LocalTime{d}).count() / kInterval);
        const int wd = weekday_index(d);
        INFO(core::format_local_time(iv.start));
        CHECK(wd != 6);  // closed Sunday
        CHECK(d != closed_day);
        const auto [lo, hi] = open_slots(wd);
        CHECK(slot >= lo);
        CHECK(slot < hi);  // nothing after Saturday 13:00
        CHECK(std::isfinite(iv.calls));
        CHECK(iv.calls >= 0);
        REQUIRE(iv.bounds.size() == 2);
        CHECK(iv.bounds[1].lo <= iv.bounds[0].lo);
        CHECK(iv.bounds[0].lo <= iv.calls);
        CHECK(iv.calls <= iv.bounds[0].hi);
        CHECK(iv.bounds[0].hi <= iv.bounds[1].hi);
        CHECK(iv.bounds[1].lo >= 0);
        REQUIRE(iv.aht_s.has_value());
        CHECK(*iv.aht_s == Approx(300));
        if (d == holiday) {
          ++on_holiday;
          CHECK(iv.calls == Approx(1.5 * plain_calls.at(iv.start)));
        } else {
          CHECK(iv.calls == plain_calls.at(iv.start));
        }
      }
      CHECK(on_holiday == 40);
      // 14 days: 10 weekdays (one closed) x 40 + 2 Saturdays x 16.
      CHECK(q.intervals.size() == 9 * 40 + 2 * 16);
    }
  }
}

TEST_CASE("every model honours the contract on a weekly file", "[forecast][contract][weekly]") {
  // 30 weekly totals (Mondays, one missing week), rising by 10 calls a week with a wobble.
  core::IntervalTable t;
  t.source = "weekly.csv";
  t.interval_s = io::weekly_interval_s;
  t.queues.push_back(core::QueueSeries{"", {}});
  for (int w = 0; w < 30; ++w) {
    if (w == 12) continue;
    core::IntervalRecord r;
    r.start = core::LocalTime{kMonday + std::chrono::days{7 * w}};
    r.offered = 1000 + 10 * w + (w % 3) * 25;
    t.queues[0].intervals.push_back(r);
  }
  const DayGrid grid = make_day_grid(t.queues[0], t.interval_s);
  REQUIRE(grid.width() == 1);
  REQUIRE(grid.days() == 29);
  const Date first = grid.dates.back() + std::chrono::days{1};
  const auto dates = horizon_dates(grid, first, 28);
  REQUIRE(dates.size() == 4);  // the next four Mondays
  for (const auto& name : method_names()) {
    SECTION(name) {
      const auto model = make_forecaster(name);
      const auto fitted = model->fit(grid);
      const Eigen::MatrixXd p = fitted->predict(dates);
      CHECK(p.rows() == 4);
      CHECK(p.cols() == 1);
      CHECK(p.allFinite());
      CHECK(model->restore(fitted->state())->predict(dates) == p);
      // Weeks of 1,000 to 1,350 calls: no model strays far from them.
      CHECK(p.minCoeff() > 900);
      CHECK(p.maxCoeff() < 1700);

      ForecastOptions o;
      o.method = name;
      o.horizon_days = 28;
      const ForecastRun run = run_forecast(t, o);
      const auto& q = only_queue(run.table);
      CHECK(run.table.interval_s == io::weekly_interval_s);
      REQUIRE(q.intervals.size() == 4);
      for (const auto& iv : q.intervals) {
        INFO(core::format_local_time(iv.start));
        CHECK(weekday_index(std::chrono::floor<std::chrono::days>(iv.start)) == 0);
        CHECK(iv.calls >= 0);
        REQUIRE(iv.bounds.size() == 2);
        CHECK(iv.bounds[0].lo <= iv.calls);
        CHECK(iv.calls <= iv.bounds[0].hi);
      }
    }
  }
}

TEST_CASE("weekday-avg and snaive recover a repeating week exactly", "[forecast][contract]") {
  HistorySpec spec;
  spec.missing_days = {kMonday + std::chrono::days{16}};
  spec.missing_cells = {{kMonday + std::chrono::days{8}, 50}};
  const DayGrid grid = make_day_grid(make_series(spec), kInterval);
  const auto dates = horizon_dates(grid, grid.dates.back() + std::chrono::days{1}, 14);
  for (const std::string name : {"weekday-avg", "snaive"}) {
    const Eigen::MatrixXd p = make_forecaster(name)->forecast(grid, dates);
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const auto& mask = grid.open[static_cast<std::size_t>(weekday_index(dates[i]))];
      for (Eigen::Index c = 0; c < grid.width(); ++c) {
        if (!mask[static_cast<std::size_t>(c)]) continue;
        INFO(name << " " << core::format_local_date(dates[i]) << " slot " << grid.slots[c]);
        CHECK(p(static_cast<Eigen::Index>(i), c) ==
              Approx(pattern(dates[i], grid.slots[static_cast<std::size_t>(c)])).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("bad inputs give clear input errors", "[forecast][contract]") {
  const core::IntervalTable history = make_table(contract_spec());
  ForecastOptions o;
  o.method = "weekday-avg";

  SECTION("empty history") {
    core::IntervalTable empty;
    empty.source = "empty.csv";
    empty.interval_s = kInterval;
    CHECK_THROWS_AS(run_forecast(empty, o), core::InputError);
    DayGrid g;
    g.interval_s = kInterval;
    for (const auto& name : method_names()) {
      CHECK_THROWS_WITH(make_forecaster(name)->fit(g), Catch::Contains("empty"));
    }
  }
  SECTION("horizon 0") {
    o.horizon_days = 0;
    CHECK_THROWS_WITH(run_forecast(history, o),
                      Catch::Contains("--horizon") && Catch::Contains("at least 1 day"));
  }
  SECTION("history shorter than each model needs") {
    const DayGrid grid = make_day_grid(history.queues.front(), kInterval);
    for (const auto& name : method_names()) {
      const auto model = make_forecaster(name);
      INFO(name);
      const auto short_grid = head_days(grid, model->min_days() - 1);
      CHECK_THROWS_AS(model->fit(short_grid), core::InputError);
      CHECK_NOTHROW(model->fit(head_days(grid, model->min_days())));
    }
  }
  SECTION("unknown method") {
    o.method = "prophet";
    CHECK_THROWS_WITH(
        run_forecast(history, o),
        Catch::Contains("unknown forecasting method 'prophet'") && Catch::Contains("weekday-avg"));
    CHECK_THROWS_AS(make_forecaster("prophet"), core::InputError);
  }
  SECTION("start before the end of the history") {
    o.start = kMonday + std::chrono::days{40};
    CHECK_THROWS_WITH(run_forecast(history, o),
                      Catch::Contains("--start") && Catch::Contains("after the history"));
  }
  SECTION("auto needs enough history to backtest") {
    HistorySpec spec;
    spec.days = 12;  // fewer than the 14 days the models need before any backtest origin
    o.method = "auto";
    CHECK_THROWS_WITH(run_forecast(make_table(spec), o), Catch::Contains("enough history"));
  }
}
