// The backlog flow over an interval table: each queue staffed as staff_backlog staffs it alone,
// the staffing read back and projected gives the same work and the same table, and the rows of
// a staffing file that name no interval are counted.
#include "wfm/pipeline/backlog.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "wfm/io/csv_writer.hpp"
#include "wfm/io/interval_csv.hpp"

using namespace wfm;

namespace {

const char* kItems =
    "interval_start,queue,offered,aht_s\n"
    "2024-03-04T09:00,email,10,360\n"
    "2024-03-04T09:00,back,90,240\n"
    "2024-03-04T10:00,email,4,360\n"
    "2024-03-04T16:00,email,0,360\n"
    "2024-03-04T16:00,back,0,240\n";

staffing::BacklogOptions options() {
  staffing::BacklogOptions o;
  o.hours = staffing::BusinessHours{{false, true, true, true, true, true, false}, 9 * 3600,
                                    17 * 3600}
                .week();
  o.target = {1.0, 3 * 3600};
  return o;
}

core::IntervalTable table() {
  std::istringstream in(kItems);
  return io::load_interval_table(in, "items.csv");
}

std::string csv_of(const pipeline::BacklogRun& run) {
  std::ostringstream out;
  io::CsvWriter w(out);
  pipeline::write_backlog_table(w, run);
  return out.str();
}

}  // namespace

TEST_CASE("backlog run: each queue as staff_backlog staffs it", "[pipeline][backlog]") {
  const auto t = table();
  const auto run = pipeline::run_backlog(t, options(), std::nullopt, nullptr);
  REQUIRE(run.queues == std::vector<std::string>{"email", "back"});
  CHECK_FALSE(run.projected);
  for (std::size_t q = 0; q < 2; ++q) {
    staffing::BacklogQueue alone;
    alone.name = run.queues[q];
    for (const auto& rec : t.queues[q].intervals) {
      alone.intervals.push_back({rec.start, rec.offered, rec.offered > 0 ? *rec.aht_s : 0, 0});
    }
    auto o = options();
    o.interval_s = 3600;
    const auto direct = staffing::staff_backlog(alone, o);
    REQUIRE(direct.slots.size() == run.results[q].slots.size());
    for (std::size_t i = 0; i < direct.slots.size(); ++i) {
      CHECK(direct.slots[i].agents == run.results[q].slots[i].agents);
    }
    CHECK(direct.agent_hours == run.results[q].agent_hours);
  }
  // The table: both queues per interval, in file order; 8 hourly slots each.
  const std::string csv = csv_of(run);
  CHECK(csv.rfind("interval_start,queue,open,items,handle_s,agents,", 0) == 0);
  CHECK(csv.find("2024-03-04T09:00,email,") < csv.find("2024-03-04T09:00,back,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 8);
}

TEST_CASE("backlog run: the staffing projected back is the same", "[pipeline][backlog]") {
  const auto t = table();
  const auto staffed = pipeline::run_backlog(t, options(), std::nullopt, nullptr);
  io::StaffingPlanCsv::Entries agents;
  for (std::size_t q = 0; q < staffed.results.size(); ++q) {
    for (const auto& s : staffed.results[q].slots) {
      agents[{staffed.queues[q], s.start}] = static_cast<int>(s.agents);
    }
  }
  agents[{"nosuch", t.queues[0].intervals[0].start}] = 3;  // names no queue: not used
  const io::StaffingPlanCsv plan("agents.csv", agents);
  const auto projected = pipeline::run_backlog(t, options(), std::nullopt, &plan);
  CHECK(projected.projected);
  CHECK(projected.plan_rows_used == agents.size() - 1);
  CHECK(projected.closed_rows == 0);
  CHECK(csv_of(projected) == csv_of(staffed));
}

TEST_CASE("backlog run: no handle time and no default is an error", "[pipeline][backlog]") {
  std::istringstream in("interval_start,offered\n2024-03-04T09:00,5\n2024-03-04T10:00,5\n");
  const auto t = io::load_interval_table(in, "n.csv");
  CHECK_THROWS_WITH(pipeline::run_backlog(t, options(), std::nullopt, nullptr),
                    Catch::StartsWith("n.csv: column 'aht_s':"));
  const auto run = pipeline::run_backlog(t, options(), 300.0, nullptr);
  CHECK(run.queues == std::vector<std::string>{""});
  CHECK(csv_of(run).rfind("interval_start,open,", 0) == 0);  // no queue column
}
