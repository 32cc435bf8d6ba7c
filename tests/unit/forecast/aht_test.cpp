// AHT forecast: recovers a constant and a weekday profile; shrinks thin cells towards the slot
// mean.
#include <catch2/catch.hpp>

#include "forecast_fixtures.hpp"
#include "wfm/forecast/aht.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

TEST_CASE("AHT: a constant handle time is forecast as it is", "[forecast][aht]") {
  const DayGrid g = make_day_grid(make_series(HistorySpec{}), kInterval);
  const auto m = fit_aht(g);
  REQUIRE(m.has_value());
  CHECK(m->level_factor == Approx(1));
  const std::vector<Date> dates{kMonday + std::chrono::days{42}, kMonday + std::chrono::days{47}};
  const Eigen::MatrixXd p = predict_aht(*m, dates);
  CHECK(p.rows() == 2);
  CHECK((p.array() - 300).abs().maxCoeff() < 1e-9);
}

TEST_CASE("AHT: a weekday profile is recovered", "[forecast][aht]") {
  DayGrid g = make_day_grid(make_series(HistorySpec{}), kInterval);
  for (Eigen::Index i = 0; i < g.days(); ++i) {
    const int wd = weekday_index(g.dates[static_cast<std::size_t>(i)]);
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      if (!std::isnan(g.aht_s(i, c))) g.aht_s(i, c) = 200 + 20 * wd + g.slots[c];
      if (!std::isnan(g.calls(i, c))) g.calls(i, c) = 500;  // many calls: little shrinkage
    }
  }
  const auto m = fit_aht(g);
  REQUIRE(m.has_value());
  for (int wd : {0, 2, 4, 5}) {
    const Date d = kMonday + std::chrono::days{42 + wd};
    const Eigen::MatrixXd p = predict_aht(*m, std::vector<Date>{d});
    const auto [lo, hi] = open_slots(wd);
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      if (g.slots[c] < lo || g.slots[c] >= hi) continue;
      CHECK(p(0, c) == Approx(200 + 20 * wd + g.slots[c]).epsilon(0.01));
    }
  }
}

TEST_CASE("AHT: a cell with few calls is shrunk towards its slot's mean", "[forecast][aht]") {
  DayGrid g = make_day_grid(make_series(HistorySpec{}), kInterval);
  const Eigen::Index c = 10;  // slot 42 on weekdays
  for (Eigen::Index i = 0; i < g.days(); ++i) {
    if (weekday_index(g.dates[static_cast<std::size_t>(i)]) != 0) continue;
    g.calls(i, c) = 1;
    g.aht_s(i, c) = 3000;  // one very long call every Monday
  }
  const auto m = fit_aht(g);
  REQUIRE(m.has_value());
  const double monday = m->profile(0, c);
  CHECK(monday > 300 * m->level_factor);
  CHECK(monday < 1000);  // 6 calls against a prior of 20 calls at ~300 s
  CHECK(m->profile(1, c) == Approx(300 * m->level_factor).epsilon(0.05));
}
