// The pipeline's files: one column naming (docs/formats.md), optional columns only when they
// apply, half-widths in *_hw, booleans true/false, undefined measures empty.
#include <catch2/catch.hpp>

#include <sstream>

#include "wfm/pipeline/outputs.hpp"
#include "wfm/pipeline/totals.hpp"

using namespace wfm;

namespace {

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

pipeline::StaffingPlan one_interval(pipeline::Method method) {
  pipeline::StaffingPlan p;
  p.queues = {"q"};
  p.interval_s = 900;
  p.method = method;
  pipeline::StaffedInterval iv;
  iv.start = core::LocalTime{std::chrono::local_days{std::chrono::year{2024} / 3 / 4}} +
             std::chrono::hours(9);
  iv.calls = 40;
  iv.aht_s = 180;
  iv.result.offered_load = 8;
  iv.result.agents = 11;
  iv.result.service_level = 0.85;
  iv.result.asa_s = 7.5;
  iv.result.occupancy = 0.72;
  iv.scheduled = 16;
  if (method == pipeline::Method::kSimulation) {
    iv.analytic_agents = 10;
    iv.result.error = staffing::ErrorEstimate{0.02, 1.5, 0.01, 0.0};
  }
  p.intervals.push_back(iv);
  pipeline::compute_totals(p, {});
  return p;
}

}  // namespace

TEST_CASE("staffing CSV columns", "[pipeline]") {
  std::ostringstream a;
  pipeline::write_staffing_csv(a, one_interval(pipeline::Method::kAnalytic));
  CHECK(first_line(a.str()) ==
        "interval_start,queue,calls,aht_s,offered_load_erlangs,agents,scheduled_agents,"
        "service_level,p_wait,asa_s,occupancy,abandon_rate,meets_targets");
  CHECK(a.str().find("2024-03-04T09:00,q,40,180,8,11,16,0.85,0,7.5,0.72,0,true\n") !=
        std::string::npos);

  std::ostringstream s;
  pipeline::write_staffing_csv(s, one_interval(pipeline::Method::kSimulation));
  CHECK(first_line(s.str()) ==
        "interval_start,queue,calls,aht_s,offered_load_erlangs,agents,scheduled_agents,"
        "service_level,p_wait,asa_s,occupancy,abandon_rate,analytic_agents,service_level_hw,"
        "asa_s_hw,abandon_rate_hw,occupancy_hw,meets_targets");
  CHECK(s.str().find(",10,0.02,1.5,0,0.01,true\n") != std::string::npos);

  // A blend queue adds its outbound work; the other queues leave those columns empty.
  auto blend = one_interval(pipeline::Method::kAnalytic);
  blend.queues = {"q", "voice"};
  blend.queue_engines = {"blend", "erlang-c"};
  blend.intervals[0].result.outbound = staffing::OutboundWork{12.5, 0.9};
  blend.intervals.push_back(blend.intervals[0]);
  blend.intervals[1].queue = 1;
  blend.intervals[1].result.outbound.reset();
  std::ostringstream b;
  pipeline::write_staffing_csv(b, blend);
  CHECK(first_line(b.str()) ==
        "interval_start,queue,calls,aht_s,offered_load_erlangs,agents,scheduled_agents,"
        "service_level,p_wait,asa_s,occupancy,abandon_rate,outbound_per_hour,total_occupancy,"
        "meets_targets");
  CHECK(b.str().find(",q,40,180,8,11,16,0.85,0,7.5,0.72,0,12.5,0.9,true\n") != std::string::npos);
  CHECK(b.str().find(",voice,40,180,8,11,16,0.85,0,7.5,0.72,0,,,true\n") != std::string::npos);
}

TEST_CASE("daily CSV and totals JSON share the names", "[pipeline]") {
  const auto p = one_interval(pipeline::Method::kAnalytic);
  std::ostringstream d;
  pipeline::write_daily_csv(d, p);
  CHECK(first_line(d.str()) ==
        "date,queue,calls,required_agent_hours,scheduled_agent_hours,fte,peak_agents,"
        "peak_scheduled_agents,service_level,asa_s,abandon_rate,occupancy,intervals,"
        "infeasible_intervals");
  const auto j = pipeline::totals_json(p.overall);
  for (const char* k : {"calls", "required_agent_hours", "scheduled_agent_hours", "fte",
                        "peak_agents", "peak_scheduled_agents", "service_level", "asa_s",
                        "abandon_rate", "occupancy", "intervals", "infeasible_intervals"}) {
    INFO(k);
    CHECK(j.contains(k));
    CHECK(d.str().find(k) != std::string::npos);
  }
  CHECK(j.at("scheduled_agent_hours") == 4.0);  // 16 agents x 0.25 h
}

TEST_CASE("simulation estimates: *_hw columns, undefined measures empty", "[pipeline]") {
  std::ostringstream out;
  io::CsvWriter w(out);
  pipeline::write_estimate_header(w);
  w.end_row();
  sim::Estimates e;
  e.offered = {40, 2, true};
  pipeline::write_estimates(w, e);
  w.end_row();
  CHECK(out.str() ==
        "offered,offered_hw,answered,answered_hw,abandoned,abandoned_hw,unfinished,unfinished_hw,"
        "service_level,service_level_hw,p_wait,p_wait_hw,asa_s,asa_s_hw,abandon_rate,"
        "abandon_rate_hw,occupancy,occupancy_hw,queue_length,queue_length_hw,blocked,blocked_hw,"
        "blocking,blocking_hw,outbound,outbound_hw,total_occupancy,total_occupancy_hw\n"
        "40,2,,,,,,,,,,,,,,,,,,,,,,,,,,\n");
  const auto j = pipeline::estimates_json(e);
  CHECK(j.at("offered") == 40);
  CHECK(j.at("offered_hw") == 2);
  CHECK(j.at("asa_s").is_null());
}
