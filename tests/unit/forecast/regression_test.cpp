// Regression forecaster: recovers a noiseless weekday x intraday x trend pattern (also with a
// missing day and missing cells), restores from its state, rejects too-short history.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/forecast/day_grid.hpp"
#include "wfm/forecast/regression.hpp"

using namespace wfm;
using forecast::Date;

namespace {

// Weekdays Mon-Fri, 08:00-18:00 in 30-minute slots; calls = level(day) x weekday x shape(slot).
double truth(Date d, int slot, Date first) {
  const double day = static_cast<double>((d - first).count());
  const double level = 100 + 0.5 * day;
  const double weekday[] = {1.2, 1.05, 1.0, 0.95, 0.8};
  const double x = (slot - 16) / 20.0;
  const double shape = 1 + 0.6 * std::sin(3.14159265 * x) + 0.2 * std::cos(6.2831853 * x);
  return level * weekday[forecast::weekday_index(d)] * shape;
}

const Date kFirst = std::chrono::local_days{std::chrono::year{2024} / 1 / 1};  // a Monday

core::QueueSeries make_series(int days, const std::vector<Date>& skip = {}) {
  core::QueueSeries s;
  s.queue = "q";
  for (int i = 0; i < days; ++i) {
    const Date d = kFirst + std::chrono::days{i};
    if (forecast::weekday_index(d) >= 5) continue;
    if (std::find(skip.begin(), skip.end(), d) != skip.end()) continue;
    for (int slot = 16; slot < 36; ++slot) {
      core::IntervalRecord r;
      r.start = core::LocalTime{d} + std::chrono::seconds{slot * 1800};
      r.offered = truth(d, slot, kFirst);
      s.intervals.push_back(r);
    }
  }
  return s;
}

std::vector<Date> next_weekdays(const forecast::DayGrid& g, int days) {
  return forecast::horizon_dates(g, g.dates.back() + std::chrono::days{1}, days);
}

double max_rel_error(const Eigen::MatrixXd& f, const std::vector<Date>& dates,
                     const forecast::DayGrid& g) {
  double worst = 0;
  for (std::size_t i = 0; i < dates.size(); ++i) {
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      const double t = truth(dates[i], g.slots[static_cast<std::size_t>(c)], kFirst);
      worst = std::max(worst, std::abs(f(static_cast<Eigen::Index>(i), c) - t) / t);
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("regression recovers a weekday x intraday x trend pattern", "[forecast][regression]") {
  const auto grid = forecast::make_day_grid(make_series(70), 1800);
  const auto dates = next_weekdays(grid, 14);
  REQUIRE(dates.size() == 10);
  SECTION("undamped trend, tiny ridge: within 0.01 %") {
    forecast::RegressionOptions opt;
    opt.ridge = 1e-9;
    opt.trend_damping = 1;
    const auto f = forecast::Regression(opt).forecast(grid, dates);
    CHECK(max_rel_error(f, dates, grid) < 1e-4);
  }
  SECTION("defaults: within 1 %") {
    const auto f = forecast::Regression().forecast(grid, dates);
    CHECK(max_rel_error(f, dates, grid) < 0.01);
  }
}

TEST_CASE("regression skips missing days and cells, never zero", "[forecast][regression]") {
  const Date missing = kFirst + std::chrono::days{30};  // a Wednesday
  auto series = make_series(70, {missing});
  series.intervals.erase(series.intervals.begin() + 45);  // one cell of the third day
  auto grid = forecast::make_day_grid(series, 1800);
  REQUIRE(grid.row_of(missing) == -1);
  REQUIRE(grid.calls.hasNaN());
  const auto dates = next_weekdays(grid, 14);
  forecast::RegressionOptions opt;
  opt.ridge = 1e-9;
  opt.trend_damping = 1;
  const auto f = forecast::Regression(opt).forecast(grid, dates);
  CHECK(f.allFinite());
  CHECK(max_rel_error(f, dates, grid) < 1e-4);
}

TEST_CASE("regression: special days are left out of the fit", "[forecast][regression]") {
  auto grid = forecast::make_day_grid(make_series(70), 1800);
  const Date special = kFirst + std::chrono::days{29};
  grid.calls.row(grid.row_of(special)) *= 3;  // an event day
  const auto dates = next_weekdays(grid, 7);
  forecast::RegressionOptions opt;
  opt.ridge = 1e-9;
  opt.trend_damping = 1;
  opt.robust_k = 0;  // plain least squares: the event day biases the fit unless left out
  const forecast::Regression model(opt);
  const std::vector<Date> specials{special};
  CHECK(max_rel_error(model.fit(grid, specials)->predict(dates), dates, grid) < 1e-4);
  CHECK(max_rel_error(model.fit(grid)->predict(dates), dates, grid) > 0.01);
}

TEST_CASE("regression: Huber day weights curb an outlier day", "[forecast][regression]") {
  auto grid = forecast::make_day_grid(make_series(70), 1800);
  // Mild noise on every day, so the robust scale is not zero, and one day at three times its level.
  for (Eigen::Index i = 0; i < grid.days(); ++i)
    grid.calls.row(i) *= 1 + 0.01 * static_cast<double>((i % 5) - 2);
  grid.calls.row(grid.row_of(kFirst + std::chrono::days{29})) *= 3;
  const auto dates = next_weekdays(grid, 7);
  forecast::RegressionOptions opt;
  opt.trend_damping = 1;
  const double robust = max_rel_error(forecast::Regression(opt).forecast(grid, dates), dates, grid);
  opt.robust_k = 0;
  const double plain = max_rel_error(forecast::Regression(opt).forecast(grid, dates), dates, grid);
  INFO("robust " << robust << ", plain " << plain);
  CHECK(robust < 0.03);
  CHECK(plain > 2 * robust);
}

TEST_CASE("regression: restore(state) predicts as the fitted model", "[forecast][regression]") {
  const auto grid = forecast::make_day_grid(make_series(50), 1800);
  const auto dates = next_weekdays(grid, 21);
  const forecast::Regression model;
  const auto fitted = model.fit(grid);
  const auto restored = model.restore(fitted->state());
  CHECK(restored->state().method == "regression");
  CHECK(restored->predict(dates) == fitted->predict(dates));
}

TEST_CASE("regression: too-short history is an input error", "[forecast][regression]") {
  const auto grid = forecast::make_day_grid(make_series(10), 1800);
  REQUIRE(grid.days() < forecast::Regression().min_days());
  CHECK_THROWS_AS(forecast::Regression().fit(grid), core::InputError);
  CHECK_THROWS_WITH(forecast::Regression().fit(grid),
                    Catch::Contains("needs at least 14 days of history"));
}
