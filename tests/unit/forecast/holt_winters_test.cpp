// Double-seasonal Holt-Winters: recovers a noiseless level x day x week pattern (also with a
// missing day and missing cells), follows a slow trend, restores from its state, rejects
// too-short history.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/forecast/day_grid.hpp"
#include "wfm/forecast/holt_winters.hpp"

using namespace wfm;
using forecast::Date;

namespace {

const Date kFirst = std::chrono::local_days{std::chrono::year{2024} / 1 / 1};  // a Monday

// Weekdays Mon-Fri, 08:00-18:00 in 30-minute slots; Friday closes at 16:00.
double truth(Date d, int slot, double trend_per_day) {
  const double day = static_cast<double>((d - kFirst).count());
  const double level = 100 * (1 + trend_per_day * day);
  const double weekday[] = {1.2, 1.05, 1.0, 0.95, 0.8};
  const double x = (slot - 16) / 20.0;
  const double shape = 1 + 0.6 * std::sin(3.14159265 * x) + 0.2 * std::cos(6.2831853 * x);
  const int wd = forecast::weekday_index(d);
  return level * weekday[wd] * shape * (wd == 0 && slot < 20 ? 1.3 : 1.0);
}

bool open(Date d, int slot) {
  const int wd = forecast::weekday_index(d);
  return wd < 5 && !(wd == 4 && slot >= 32);
}

core::QueueSeries make_series(int days, double trend, const std::vector<Date>& skip = {}) {
  core::QueueSeries s;
  for (int i = 0; i < days; ++i) {
    const Date d = kFirst + std::chrono::days{i};
    if (std::find(skip.begin(), skip.end(), d) != skip.end()) continue;
    for (int slot = 16; slot < 36; ++slot) {
      if (!open(d, slot)) continue;
      core::IntervalRecord r;
      r.start = core::LocalTime{d} + std::chrono::seconds{slot * 1800};
      r.offered = truth(d, slot, trend);
      s.intervals.push_back(r);
    }
  }
  return s;
}

std::vector<Date> next_weekdays(const forecast::DayGrid& g, int days) {
  return forecast::horizon_dates(g, g.dates.back() + std::chrono::days{1}, days);
}

// Largest relative error over open cells; closed cells must be 0.
double max_rel_error(const Eigen::MatrixXd& f, const std::vector<Date>& dates,
                     const forecast::DayGrid& g, double trend) {
  double worst = 0;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      const int slot = g.slots[static_cast<std::size_t>(c)];
      const double p = f(static_cast<Eigen::Index>(i), c);
      if (!open(dates[i], slot)) {
        CHECK(p == 0);
        continue;
      }
      const double t = truth(dates[i], slot, trend);
      worst = std::max(worst, std::abs(p - t) / t);
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("hw recovers a stable double-seasonal pattern exactly", "[forecast][hw]") {
  const auto grid = forecast::make_day_grid(make_series(56, 0), 1800);
  const auto dates = next_weekdays(grid, 14);
  REQUIRE(dates.size() == 10);
  const auto f = forecast::HoltWinters().forecast(grid, dates);
  CHECK(max_rel_error(f, dates, grid, 0) < 1e-9);
  const forecast::HoltWinters week_ahead(forecast::HoltWinters::Criterion::week_ahead);
  CHECK(max_rel_error(week_ahead.forecast(grid, dates), dates, grid, 0) < 1e-9);
}

TEST_CASE("hw: missing days and cells are not zeros", "[forecast][hw]") {
  const Date missing = kFirst + std::chrono::days{30};  // a Wednesday
  auto series = make_series(56, 0, {missing});
  series.intervals.erase(series.intervals.begin() + 205);
  const auto grid = forecast::make_day_grid(series, 1800);
  REQUIRE(grid.row_of(missing) == -1);
  REQUIRE(grid.calls.hasNaN());
  const auto dates = next_weekdays(grid, 14);
  const auto f = forecast::HoltWinters().forecast(grid, dates);
  CHECK(f.allFinite());
  CHECK(max_rel_error(f, dates, grid, 0) < 1e-9);
}

TEST_CASE("hw follows a slow trend closely", "[forecast][hw]") {
  const double trend = 0.002;  // 0.2 % a day
  const auto grid = forecast::make_day_grid(make_series(84, trend), 1800);
  const auto dates = next_weekdays(grid, 7);
  const auto fitted = forecast::HoltWinters().fit(grid);
  CHECK(max_rel_error(fitted->predict(dates), dates, grid, trend) < 0.03);
  const forecast::HoltWinters week_ahead(forecast::HoltWinters::Criterion::week_ahead);
  // Week-ahead estimation picks a slower level: without a trend term it lags more.
  CHECK(max_rel_error(week_ahead.forecast(grid, dates), dates, grid, trend) < 0.08);
  const auto& s = fitted->state().scalars;
  for (const char* p : {"alpha", "delta", "omega", "phi"}) {
    CHECK(s.at(p) >= 0);
    CHECK(s.at(p) <= 1);
  }
}

TEST_CASE("hw: restore(state) predicts as the fitted model", "[forecast][hw]") {
  const auto grid = forecast::make_day_grid(make_series(40, 0.001), 1800);
  const auto dates = next_weekdays(grid, 21);
  const forecast::HoltWinters model;
  const auto fitted = model.fit(grid);
  const auto restored = model.restore(fitted->state());
  CHECK(restored->state().method == "hw");
  CHECK(restored->predict(dates) == fitted->predict(dates));
}

TEST_CASE("hw: too-short history is an input error", "[forecast][hw]") {
  const auto grid = forecast::make_day_grid(make_series(12, 0), 1800);
  REQUIRE(grid.days() < forecast::HoltWinters().min_days());
  CHECK_THROWS_AS(forecast::HoltWinters().fit(grid), core::InputError);
  CHECK_THROWS_WITH(forecast::HoltWinters().fit(grid),
                    Catch::Contains("needs at least 14 days of history"));
}
