// The schedule's files: schedule.csv (one row per shift, i.e. per agent to be rostered), the
// per-interval coverage CSV and, with agents, roster.csv (one row per rostered shift), for
// `wfm schedule` (docs/scheduling.md has the columns). Writing
// to a stream (or any io::TableWriter: typed columns for the Python module); the command writes
// them atomically. Tested through tests/cli/schedule_test.sh.
#pragma once

#include <optional>
#include <ostream>
#include <vector>

#include "wfm/io/table_writer.hpp"
#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/requirements.hpp"
#include "wfm/schedule/roster.hpp"

namespace wfm::schedule {

struct DayResult {
  DayRequirements requirements;
  DaySchedule schedule;
  std::vector<IntervalCoverage> coverage;
  CoverageTotals totals;
  // When the next date is not a day of the result (past the plan's last day, or a gap in its
  // dates), the intervals of that date this day's overnight shifts reach (next_day_coverage:
  // nothing required there); else empty. Not in `coverage` or `totals` (the shifts' paid hours
  // and cost are, on this day).
  std::vector<IntervalCoverage> past_plan = {};
};

// Schedules every day (in order) and computes its coverage. With rules.tours, the days are
// grouped into Monday-Sunday weeks, each solved by schedule_week: a day of a week missing from
// `days` needs no one, and appears in the result (with zero requirements) only when a tour works
// it. Each day's report then carries its week's bounds and gap (SolveReport::week). Without
// tours, with overnight templates, the days are solved in sequence: each day's model sees the
// next day's first intervals, and the next day needs only what that day's shifts left there
// (a greedy coupling, not one model of the period: docs/scheduling.md, "Overnight shifts"). A
// day's coverage counts the day before's shifts that run into it; what runs into a date outside
// the result is its `past_plan`.
std::vector<DayResult> schedule_days(const ShiftRules& rules,
                                     const std::vector<DayRequirements>& days,
                                     const SolveOptions& options);
// The Monday of `d`'s week.
std::chrono::local_days monday_of(std::chrono::local_days d);

// date, shift, template, start, end, paid_hours, cost, breaks ("break1 10:30-10:45; meal ..."),
// and with rules.tours a last column tour (the agent-week's id, unique over the schedule).
void write_schedule_csv(std::ostream& out, const ShiftRules& rules,
                        const std::vector<DayResult>& days);
void write_schedule_table(io::TableWriter& w, const ShiftRules& rules,
                          const std::vector<DayResult>& days);
struct DayService;  // simulate.hpp

// interval_start, required, on_shift, on_break, on_phone, over, under; with `service` (one per
// day, from simulate_schedule) also calls, erlang_sl, simulated_sl, simulated_sl_hw (empty when
// the interval has no calls). A day's past_plan intervals follow its rows, with required, over,
// under and the service columns empty (no requirement or demand is known there).
void write_coverage_csv(std::ostream& out, const ShiftRules& rules,
                        const std::vector<DayResult>& days,
                        const std::vector<DayService>* service = nullptr);
void write_coverage_table(io::TableWriter& w, const ShiftRules& rules,
                          const std::vector<DayResult>& days,
                          const std::vector<DayService>* service = nullptr);

// One row per day: date, shifts, paid_hours, required_hours, on_phone_hours, over_hours,
// under_hours, intervals_short, efficiency, shift_cost, cost, lp_bound, best_bound, gap,
// time_limit_s, seconds, shifts_optimal, breaks_optimal, timed_out; with `service` also
// erlang_sl, simulated_sl, simulated_sl_hw (`wfm schedule --json`'s day objects as a table).
void write_days_table(io::TableWriter& w, const std::vector<DayResult>& days,
                      const std::vector<DayService>* service = nullptr);

// agent, date, start, end, paid_hours, breaks, shift (the schedule.csv number of the day),
// template: one row per rostered shift, by agent then date (roster.hpp's entries).
void write_roster_csv(std::ostream& out, const ShiftRules& rules,
                      const std::vector<DayResult>& days, const std::vector<Agent>& agents,
                      const RosterResult& roster);
void write_roster_table(io::TableWriter& w, const ShiftRules& rules,
                        const std::vector<DayResult>& days, const std::vector<Agent>& agents,
                        const RosterResult& roster);

}  // namespace wfm::schedule
