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

TEST_CASE("backlog run: simulated per queue with its own streams, columns and totals",
          "[pipeline][backlog]") {
  auto run = pipeline::run_backlog(table(), options(), std::nullopt, nullptr);
  const std::string plain = csv_of(run);
  sim::SimSettings s;
  s.replications = 6;
  s.seed = 5;
  pipeline::simulate_backlog_run(run, s);
  REQUIRE(run.simulated.size() == 2);
  // Queue q is sim::simulate_backlog of its result with stream q.
  for (std::size_t q = 0; q < 2; ++q) {
    const auto alone = sim::simulate_backlog(run.results[q], s, q);
    CHECK(run.simulated[q].total.items.mean == alone.total.items.mean);
    CHECK(run.simulated[q].total.backlog_items.mean == alone.total.backlog_items.mean);
  }
  CHECK(run.simulated[0].total.items.mean != run.simulated[1].total.items.mean);

  // The table: the model's columns as before, then the simulated ones.
  const std::string text = csv_of(run);
  std::istringstream a(plain), b(text);
  std::string la, lb;
  std::size_t rows = 0;
  while (std::getline(a, la) && std::getline(b, lb)) {
    CHECK(lb.rfind(la + ",", 0) == 0);
    ++rows;
  }
  CHECK(rows > 1);
  CHECK(text.find(",deadlines_met,in_target,sim_items,sim_items_done,sim_backlog_items,"
                  "sim_in_target,sim_in_target_hw\n") != std::string::npos);

  // Totals over the queues: items in time over items due, backlogs summed.
  const auto all = pipeline::backlog_simulation_totals(run.simulated);
  double within = 0, due = 0, backlog = 0;
  for (const auto& q : run.simulated) {
    within += q.total.items_within_target.mean;
    due += q.total.items_due.mean;
    backlog += q.total.backlog_items.mean;
  }
  REQUIRE(all.fraction_within_target.has_value());
  CHECK(*all.fraction_within_target == Approx(within / due));
  CHECK(all.final_backlog_items == Approx(backlog));
  const auto j = pipeline::backlog_simulation_json(run.simulated[0]);
  CHECK(j["replications"] == 6);
  CHECK(j["items_due"].get<double>() <= j["items"].get<double>());
}

TEST_CASE("backlog run by simulation: each queue as staff_backlog_by_simulation staffs it",
          "[pipeline][backlog]") {
  const auto t =
      io::load_interval_table(std::string(WFM_SOURCE_DIR) + "/data/sample/email.csv", {});
  auto o = options();
  o.target = {0.9, 4 * 3600};
  sim::SimSettings s;
  s.replications = 5;
  s.seed = 2;
  std::vector<std::pair<std::size_t, int>> seen;  // (queue, sweep) reported
  const auto run = pipeline::run_backlog_by_simulation(
      t, o, std::nullopt, s, {}, [&](std::size_t q, int sweep, std::size_t day, std::size_t days) {
        CHECK(day <= days);
        if (seen.empty() || seen.back() != std::pair{q, sweep}) seen.emplace_back(q, sweep);
      });
  REQUIRE(run.queues == std::vector<std::string>{"orders", "returns"});
  REQUIRE(run.by_simulation.size() == 2);
  REQUIRE(run.simulated.size() == 2);
  CHECK(seen.front() == std::pair<std::size_t, int>{0, 1});
  CHECK(seen.back().first == 1);
  for (std::size_t q = 0; q < 2; ++q) {
    staffing::BacklogQueue alone;
    alone.name = run.queues[q];
    alone.source = t.source;
    for (const auto& rec : t.queues[q].intervals)
      alone.intervals.push_back({rec.start, rec.offered, rec.offered > 0 ? *rec.aht_s : 0, 0});
    auto oq = o;
    oq.interval_s = t.interval_s;
    const auto direct = sim::staff_backlog_by_simulation(alone, oq, s, {}, q);
    REQUIRE(run.results[q].slots.size() == direct.result.slots.size());
    for (std::size_t i = 0; i < direct.result.slots.size(); ++i)
      REQUIRE(run.results[q].slots[i].agents == direct.result.slots[i].agents);
    CHECK(run.simulated[q].total.fraction_within_target.mean ==
          direct.simulated.total.fraction_within_target.mean);
    CHECK(run.by_simulation[q].fluid_agent_hours == direct.fluid_agent_hours);
  }
  const std::string text = csv_of(run);
  CHECK(text.find(",deadlines_met,fluid_agents,in_target,") != std::string::npos);
  const auto rows = pipeline::backlog_queues_json(run);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["by_simulation"]["agent_hours"] == run.results[0].agent_hours);
  CHECK(rows[0]["by_simulation"]["by_day"].size() == 10);
  const auto all = pipeline::backlog_overall_json(run);
  CHECK(all["by_simulation"]["agent_hours"].get<double>() ==
        Approx(run.results[0].agent_hours + run.results[1].agent_hours));
  CHECK(all["by_simulation"]["fluid_agent_hours"].get<double>() <
        all["by_simulation"]["agent_hours"].get<double>());
}
