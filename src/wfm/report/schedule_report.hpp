// The schedule in HTML: the coverage chart (required vs on the phones vs on shift per interval),
// the service level the schedule delivers (Erlang per interval next to the simulation with the
// queue carried over) and a Gantt chart of each day's shifts with their breaks. The section goes
// into `wfm plan`'s report.html (a scenario with [schedule]); the whole page is `wfm schedule
// --html`'s schedule.html. Plain data in, markup out, like plan_report.hpp; built from a schedule
// run by schedule::report_section (src/wfm/schedule/report.hpp). Tested in
// tests/unit/report/schedule_report_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wfm/core/time.hpp"

namespace wfm::report {

// One interval of the schedule's coverage.
struct CoveragePoint {
  core::LocalTime start{};
  double required = 0;                 // required agents on the phones
  double on_phone = 0;                 // the schedule's agents on the phones (breaks removed)
  double on_shift = 0;                 // on site, breaks included
  std::optional<double> erlang_sl;     // Erlang C (A) with on_phone agents, the interval alone
  std::optional<double> simulated_sl;  // the schedule simulated, queue carried over
  std::optional<double> simulated_sl_half_width;  // its 95% confidence half-width
  double calls = 0;                               // offered: weighs the intervals below target
};

// One shift of a day's Gantt chart; times in seconds after the day's midnight.
struct GanttShift {
  std::string label;  // template name
  std::string who;    // the agent rostered to it, "unassigned"; empty: no roster
  int start_s = 0;
  int end_s = 0;                            // > start_s
  std::vector<std::pair<int, int>> breaks;  // [start, end) inside the shift
  std::vector<std::string> break_names;     // same size as breaks
};

struct GanttDay {
  std::string date;  // "2024-04-01"
  std::vector<GanttShift> shifts;
};

struct ScheduleSection {
  std::string queue;                                       // the queue scheduled, "all queues"
  int interval_s = 0;                                      // breaks lines at closed hours
  std::optional<double> sl_target;                         // fraction
  std::string erlang_model = "Erlang C";                   // of CoveragePoint::erlang_sl
  std::vector<std::pair<std::string, std::string>> facts;  // totals, shown in this order
  std::vector<CoveragePoint> coverage;                     // ascending start
  std::vector<GanttDay> gantt;                             // empty: no Gantt charts
};

// <section id="schedule">: facts, coverage chart, SL chart (when simulated; its axis near the
// data and, with a target, the note counting the intervals below it: sl_summary.hpp), Gantt per
// day.
std::string render_schedule_section(const ScheduleSection& section);

// One day's shifts as an inline SVG: a row per shift in start order, bars coloured by template,
// breaks cut out and named in tooltips (with the agent, when rostered; unassigned shifts outlined
// in red), hour gridlines. Empty string for a day without shifts.
std::string render_gantt(const GanttDay& day);

// schedule.html: a self-contained page (no scripts, no network) with the section above.
std::string render_schedule_report(const std::string& title, const std::string& generated_at,
                                   const ScheduleSection& section);

}  // namespace wfm::report
