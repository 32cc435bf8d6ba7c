// wfm aggregate's table: counts by arrival interval, AHT, empty intervals, the AHT fill, and the
// output loads with io::load_interval_table (so wfm staff reads it).
#include <catch2/catch.hpp>

#include <sstream>

#include "fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/kpi/aggregate.hpp"

using namespace wfm::kpi;

namespace {

struct Out {
  AggregateSummary summary;
  std::string csv;
};

Out aggregate(const std::string& contacts, AggregateOptions o = {}) {
  std::istringstream in(contacts);
  std::ostringstream out;
  Out r;
  r.summary = aggregate_contacts(in, "c.csv", default_mapping(), o, out);
  r.csv = out.str();
  return r;
}

const wfm::core::IntervalRecord* find(const wfm::core::IntervalTable& t, const std::string& queue,
                                      const std::string& start) {
  for (const auto& q : t.queues) {
    if (q.queue != queue) continue;
    for (const auto& iv : q.intervals) {
      if (wfm::core::format_local_time(iv.start) == start) return &iv;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("contacts to a 15-minute history that loads back", "[kpi][aggregate]") {
  const auto r = aggregate(test::contacts_csv);
  // Two queues x two days x 96 intervals.
  CHECK(r.summary.rows == 384);
  CHECK(r.summary.queues == 2);
  CHECK(r.summary.first_interval == "2024-03-04T00:00");
  CHECK(r.summary.last_interval == "2024-03-05T23:45");
  std::istringstream in(r.csv);
  wfm::io::IntervalCsvOptions options;
  options.gap_policy = wfm::io::GapPolicy::error;
  const auto t = wfm::io::load_interval_table(in, "history.csv", options);
  CHECK(t.interval_s == 900);
  CHECK(t.interval_count() == 384);
  CHECK(t.gaps.empty());
  // sales 08:00: c1, c2 handled (AHT (210 + 300) / 2), c3, c4 abandoned.
  const auto* s8 = find(t, "sales", "2024-03-04T08:00");
  REQUIRE(s8);
  CHECK(s8->offered == 4);
  CHECK(*s8->handled == 2);
  CHECK(*s8->abandoned == 2);
  CHECK(*s8->aht_s == Approx(255.0));
  // support 08:00: c5 only (transferred, 300 s); c6 (08:20, blocked) is in 08:15.
  const auto* p8 = find(t, "support", "2024-03-04T08:00");
  REQUIRE(p8);
  CHECK(p8->offered == 1);
  CHECK(*p8->handled == 1);
  CHECK(*p8->aht_s == Approx(300.0));
  const auto* quiet = find(t, "sales", "2024-03-04T03:00");
  REQUIRE(quiet);
  CHECK(quiet->offered == 0);
  CHECK_FALSE(quiet->aht_s.has_value());
  // Extra columns are there for people, ignored by the loader.
  CHECK(r.csv.rfind("interval_start,queue,offered,aht_s,handled,abandoned,blocked,transferred,"
                    "asa_s,talk_s,hold_s,acw_s,aht_filled\n",
                    0) == 0);
  CHECK(r.csv.find("2024-03-04T08:00,support,1,300,1,0,0,1,20,240,0,60,0\n") != std::string::npos);
}

TEST_CASE("an interval without a handled contact gets the queue's AHT, flagged",
          "[kpi][aggregate]") {
  // sales Tuesday 09:00 has only c9 (abandoned): the queue's mean AHT (210 + 300 + 120) / 3.
  const auto r = aggregate(test::contacts_csv);
  CHECK(r.summary.aht_filled == 2);
  CHECK(r.csv.find("2024-03-05T09:00,sales,1,210,0,1,0,0,,,,,1\n") != std::string::npos);
  // support Monday 08:15: c6 blocked only; support's mean AHT (300 + 130 + 300) / 3, written
  // with 9 significant digits.
  CHECK(r.csv.find("2024-03-04T08:15,support,1,243.333333,0,0,1,0,,,,,1\n") != std::string::npos);
}

TEST_CASE("options: interval length, AHT parts, omitted empty intervals", "[kpi][aggregate]") {
  AggregateOptions o;
  o.interval_s = 3600;
  o.aht = AhtParts{true, false, false};
  o.fill_empty_intervals = false;
  const auto r = aggregate(test::contacts_csv, o);
  // Monday 08:00 sales, support; Tuesday 07:00 sales, 09:00 sales, 10:00 support.
  CHECK(r.summary.rows == 5);
  CHECK(r.csv.find("2024-03-04T08:00,sales,4,180,2,2,") != std::string::npos);  // talk (160+200)/2
  o.interval_s = 7 * 60;
  CHECK_THROWS_WITH(aggregate(test::contacts_csv, o), Catch::Contains("divides a day"));
}

TEST_CASE("aggregate: bad rows, no contacts, no handle time", "[kpi][aggregate]") {
  const std::string bad = test::contacts_csv + "c11,sales,G,2024-03-05T11:00:00,,,maybe,,,,,,,,\n";
  CHECK_THROWS_WITH(aggregate(bad), Catch::Contains("c.csv:12: column 'outcome'"));
  AggregateOptions o;
  o.skip_bad_rows = true;
  CHECK(aggregate(bad, o).summary.read.bad_rows == 1);
  CHECK_THROWS_WITH(aggregate("arrival,outcome\n"), Catch::Contains("no contacts to aggregate"));
  CHECK_THROWS_WITH(aggregate("arrival,outcome,end\n2024-03-04T08:00,abandoned,2024-03-04T08:01\n"),
                    Catch::Contains("has 1 contacts but none handled"));
  // Without a queue column the history has one unnamed queue (no queue column).
  const auto r =
      aggregate("arrival,outcome,answer,talk_s\n2024-03-04T08:00,answered,2024-03-04T08:00,60\n");
  CHECK(r.csv.rfind("interval_start,offered,aht_s,", 0) == 0);
}
