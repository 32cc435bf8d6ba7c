// Outlier days: a planted spike is found and down-weighted, normal days are not.
#include <catch2/catch.hpp>

#include "forecast_fixtures.hpp"
#include "wfm/forecast/outliers.hpp"

using namespace wfm;
using namespace wfm::forecast;
using namespace wfm::forecast::test;

TEST_CASE("a planted spike day is found and down-weighted", "[forecast][outliers]") {
  HistorySpec spec;
  spec.noise = 1.0;
  const Date spike = kMonday + std::chrono::days{16};  // a Wednesday mid-history
  spec.day_factor = {{spike, 3.0}};
  DayGrid g = make_day_grid(make_series(spec), kInterval);
  const auto found = find_outliers(g);
  REQUIRE(found.size() == 1);
  const auto& o = found.front();
  CHECK(o.date == spike);
  CHECK(o.z > 4);
  CHECK(o.total == Approx(g.calls.row(g.row_of(spike)).sum()));
  CHECK(o.adjusted < o.total);
  CHECK(o.adjusted > o.reference);
  const Eigen::RowVectorXd before = g.calls.row(g.row_of(spike));
  const Eigen::RowVectorXd normal_before = g.calls.row(g.row_of(spike + std::chrono::days{1}));
  downweight_outliers(g, found);
  CHECK(g.calls.row(g.row_of(spike)).sum() == Approx(o.adjusted));
  // The intraday shape is kept: every interval scaled by the same factor.
  const double k = o.adjusted / o.total;
  for (Eigen::Index c = 0; c < g.width(); ++c) {
    if (!std::isnan(before(c))) CHECK(g.calls(g.row_of(spike), c) == Approx(before(c) * k));
  }
  // A normal day is untouched.
  CHECK(g.calls.row(g.row_of(spike + std::chrono::days{1})).isApprox(normal_before));
}

TEST_CASE("a history without anomalies has no outliers", "[forecast][outliers]") {
  HistorySpec spec;
  spec.noise = 1.0;
  CHECK(find_outliers(make_day_grid(make_series(spec), kInterval)).empty());
}
