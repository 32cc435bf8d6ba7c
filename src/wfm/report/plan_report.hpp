// The staffing plan report (report.html of `wfm plan`): one self-contained HTML page (inline CSS
// and SVG, no scripts, no network) from plain data the caller has already computed.
//
// Page: title and generation time (date and wfm version), the headline (FTE, agent-hours, cost,
// call-weighted SL, simulated SL, ASA, abandon rate, occupancy; each with its change against a
// previous plan's summary.json when given), warnings (prominent; infeasible intervals, simulation
// below target...), overall totals per queue, the assumptions, then per queue: calls (history and
// forecast with its prediction band), required vs scheduled agents (steps; infeasible intervals
// marked), service level per interval (expected, simulated with its confidence band, the target
// line; the y axis starts near the lowest value or 10 points under the target, not at 0; a note
// under it counts the intervals below target, since per-interval SL varies around the
// call-weighted total), occupancy per interval, and the daily totals table. The charts cut out
// gaps of more than two hours without data (closed nights and days). All text is escaped; missing
// or non-finite numbers show as an en dash. Series of any length render as one SVG path each. The
// struct is independent of the staffing and forecast modules so the report can be tested alone;
// `wfm plan` fills it. Tested in tests/unit/report/plan_report_test.cpp and in a real browser by
// tests/browser/report_browser_test.sh.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wfm/core/time.hpp"
#include "wfm/report/schedule_report.hpp"
#include "wfm/report/sl_summary.hpp"

namespace wfm::report {

struct HistoryPoint {
  core::LocalTime start{};
  double calls = 0;  // offered
};

struct ForecastPoint {
  core::LocalTime start{};
  double calls = 0;          // point forecast
  std::optional<double> lo;  // prediction interval at PlanQueue::forecast_level
  std::optional<double> hi;
};

struct StaffingPoint {
  core::LocalTime start{};
  double required_agents = 0;                     // on the phones
  double scheduled_agents = 0;                    // after shrinkage
  double expected_sl = 0;                         // analytic, fraction in [0, 1]
  std::optional<double> simulated_sl;             // fraction
  std::optional<double> simulated_sl_half_width;  // 95% confidence half-width, fraction
  double occupancy = 0;                           // fraction
  std::optional<double> asa_s;
  std::optional<double> abandonment;  // fraction of offered
  bool feasible = true;               // false: no agent count met every target
  double calls = 0;                   // offered (forecast): weighs the intervals below target
};

// Totals over a day, a queue or the whole plan. Rates are fractions.
struct PlanTotals {
  double calls = 0;
  double agent_hours = 0;  // scheduled agent-hours
  double fte = 0;
  std::optional<double> cost;
  std::optional<double> sl;
  std::optional<double> asa_s;
  std::optional<double> abandonment;
  std::optional<double> occupancy;
  std::optional<double> simulated_sl;  // call-weighted, from the simulation check
};

struct DailyTotals {
  std::chrono::local_days date{};
  PlanTotals totals;
};

struct PlanQueue {
  std::string name;
  int interval_s = 0;                   // interval length (breaks lines at gaps); 0: from the data
  std::optional<double> sl_target;      // fraction, drawn as the target line
  std::string sl_target_label;          // e.g. "80% in 20 s"; empty: from sl_target
  std::string channel;                  // e.g. "chat, up to 3 chats per agent"; empty: not shown
  std::optional<double> max_occupancy;  // fraction, drawn on the occupancy chart
  double forecast_level = 80;           // percent, for the band's label
  std::vector<HistoryPoint> history;    // ascending start
  std::vector<ForecastPoint> forecast;  // ascending start
  std::vector<StaffingPoint> staffing;  // ascending start
  std::vector<DailyTotals> daily;       // ascending date
  PlanTotals total;
};

struct PlanReportData {
  std::string title = "Staffing plan";
  std::string generated_at;  // free text, e.g. "2024-03-04 09:12 UTC by wfm 0.1.0"
  std::vector<std::pair<std::string, std::string>> assumptions;  // shown in this order
  std::vector<std::string> warnings;
  std::string currency;  // prefix for costs, e.g. "EUR"; empty: none
  std::vector<PlanQueue> queues;
  std::optional<PlanTotals> overall;        // all queues; nullopt: the row is left out
  std::optional<PlanTotals> previous;       // a previous plan's overall totals (--compare)
  std::string previous_label;               // where they come from, e.g. "plans/w13"
  std::optional<ScheduleSection> schedule;  // nullopt: no schedule section
};

// The whole page.
std::string render_plan_report(const PlanReportData& data);

// The headline figures: the overall totals (or the one queue's), with changes against
// data.previous when given. Empty when there are no queues.
std::string render_headline(const PlanReportData& data);

// The queue's intervals below its SL target (sl_summary.hpp); all zero without a target.
BelowTarget below_target(const PlanQueue& queue);

// The sections of one queue (charts and daily table), for embedding; `index` makes element ids
// unique ("q<index>-...").
std::string render_plan_queue(const PlanQueue& queue, std::size_t index,
                              const std::string& currency);

}  // namespace wfm::report
