// A schedule run as report data (report/schedule_report.hpp): the totals as facts, the coverage
// and simulated service per interval, and each day's shifts (with their agents, when rostered) for
// the Gantt chart. One builder for
// `wfm schedule --html` and `wfm plan`'s report section. Tested in
// tests/unit/schedule/report_test.cpp.
#pragma once

#include <optional>
#include <string>

#include "wfm/report/schedule_report.hpp"
#include "wfm/schedule/roster.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/schedule/service_loop.hpp"

namespace wfm::schedule {

struct ReportOptions {
  std::string rules_label;                // the rules file as the user named it
  std::string queue;                      // shown in the heading; "*" is shown as "all queues"
  std::optional<double> sl_target;        // drawn on the service chart
  std::string erlang_model = "Erlang C";  // what IntervalService::erlang_sl is
  // With a roster: each Gantt bar names its agent (or "unassigned"), and the facts its totals.
  const RosterResult* roster = nullptr;
  const std::vector<Agent>* agents = nullptr;  // the roster's agents
};

report::ScheduleSection report_section(const ShiftRules& rules, const ScheduleRun& run,
                                       const ReportOptions& options);

}  // namespace wfm::schedule
