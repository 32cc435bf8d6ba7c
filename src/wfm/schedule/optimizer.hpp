// The shift-scheduling optimizer: one day's shifts and breaks from per-interval requirements,
// as a set-covering MIP solved by CBC (COIN-OR branch and cut, its C++ API: CbcModel over
// OsiClpSolverInterface).
//
// Model (Dantzig 1954's set covering, with explicit break-assignment variables in the manner of
// Bechtold & Jacobs 1990 / Aykin 1996): x_k agents on shift k (a template and a start), y_kbo
// agents of shift k taking break b at offset o of its window (sum_o y_kbo = x_k), u_t agents
// short in interval t. Minimise  sum_k cost_k x_k + penalty * sum_t u_t  subject to
//   on_phone_t = sum_k [t in k] x_k - sum_kbo [t in break b at o of k] y_kbo,  on_phone_t + u_t >=
//   r_t
// and the templates' daily min/max counts. Coverage is soft (u_t), so a day that cannot be
// covered still gets the best schedule and its shortage.
//
// Two phases, as issue 11 measured that solving the breaks as integers directly finds no feasible
// point at realistic size: (1) x integer, y and u continuous; (2) x fixed, breaks placed as an
// integer problem (y integer) minimising the shortage. Phase 1 is a relaxation of the whole
// problem, so its best bound is a lower bound on any schedule's cost: the reported gap is
// (cost - bound) / cost against it. The LP relaxation's value is reported too. A time-out returns
// the best schedule found (phase 1 starts from a rounded-up LP solution and phase 2 from every
// break at its window's start, so there always is one). Tested in
// tests/unit/schedule/optimizer_test.cpp against brute force on small instances.
//
// Weekly tours (rules.tours, issue 11): schedule_week solves a Monday-Sunday week at once. y_kp
// agents work shift k (a template and a start) on every working day of days-off pattern p, at
// days_per_week x the shift's cost; per day, the coverage rows and break variables are phase 1's
// with the day's agents sum_{p works d} y_kp, and the templates' min/max counts hold per day;
// a template's headcount (min/max_agents) bounds its tours sum_{k of it, p} y_kp in the week.
// Templates whose tours (days_per_week x paid length) fall outside [tours] min/max_weekly_hours
// make no tours. With a start variance V (rules.tours->start_variance), k is a start band instead (a template
// and the starts b..b+V) and integer shift counts z_dks (s in band k) with sum_s z_dks =
// sum_{p works d} y_kp carry day d's coverage, an implicit formulation in the manner of
// Bechtold & Jacobs 1990 (see schedule_week); V = 0 builds exactly the model without variance.
// Phase 1 (y and z integer, breaks and shortage continuous) is solved for the week; then each
// day's breaks are placed by the same phase 2 with that day's shift counts fixed. Each shift
// carries its tour (one agent's week). Phase 1's relaxation is solved by barrier, and CBC starts
// from LP dives that fix whole tours (rounding up, the LP re-balancing the rest; the day's start
// uses the same dive) followed by a pass dropping single tours while the cost falls: on the
// benchmark's week (bench/RESULTS.md) CBC from the rounded LP stayed 11% above the LP bound in
// 120 s, the dives' week is 0.5% above it. Tested in tests/unit/schedule/tours_test.cpp against
// brute force.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "wfm/schedule/rules.hpp"

namespace wfm::schedule {

struct SolveOptions {
  double time_limit_s = 60;    // per day, both phases (phase 1 gets 3/4, phase 2 the rest)
  double relative_gap = 1e-4;  // CBC stops phase 1 within this fraction of its bound
  // false: phase 1 returns its start (with tours: the LP dive's week) without running CBC; for
  // tests of the start and for quick answers.
  bool branch_and_cut = true;
};

// One agent's shift: template, start and one break start per break rule of the template
// (intervals after midnight).
struct ScheduledShift {
  int template_index = 0;
  int start = 0;
  std::vector<int> break_starts;
  int tour = 0;  // with tours: the agent-week it belongs to (1, 2, ... within its week); 0 without
};

struct SolveReport {
  double lp_bound = 0;    // the LP relaxation of phase 1 (every variable continuous)
  double best_bound = 0;  // CBC's lower bound at the end of phase 1 (>= lp_bound)
  double objective = 0;   // the schedule's cost: shifts + penalty x shortage after breaks
  double shift_cost = 0;
  double shortage = 0;  // agent-intervals short, after breaks
  double gap = 0;       // (objective - best_bound) / objective; 0 when objective is 0
  double time_limit_s = 0;
  double phase1_s = 0;
  double phase2_s = 0;
  bool phase1_optimal = false;  // proven within relative_gap
  bool phase2_optimal = false;
  bool timed_out = false;  // a phase hit its time limit: the best schedule found is returned
  int shift_variables = 0;
  int break_variables = 0;
  // With tours: lp_bound, best_bound, gap, time_limit_s, phase1_s, phase1_optimal are the week's
  // (the same in each of its days; objective, shift_cost and shortage are the day's own).
  bool week = false;
  // With tours: phase 1's cost (breaks continuous) at the start handed to CBC, the cheapest of
  // the starts, and at one of them, the LP relaxation's tours rounded up with every break at its
  // window's start (infinity when that breaks a template's count or headcount). Both 0 without
  // tours.
  double start_objective = 0;
  double rounded_start_objective = 0;
};

struct DaySchedule {
  std::vector<ScheduledShift> shifts;
  SolveReport report;
};

// Schedules one day: `required[t]` agents on the phones in interval t (rules.intervals_per_day()
// values, >= 0). With overnight templates, `required` may also run on into the next day's first
// intervals (rules.horizon() values; else they need no one there): the shifts of this day that
// reach them cover them, and the report's costs and bounds are over that horizon. Throws
// core::InputError for a wrong size; never fails for lack of agents.
DaySchedule schedule_day(const ShiftRules& rules, const std::vector<double>& required,
                         const SolveOptions& options = {});

// The working days (Monday first) of every days-off pattern a tour may follow: all sets of
// days_per_week days, or with consecutive_days_off only those whose days off are one cyclic block.
std::vector<std::array<bool, 7>> tour_patterns(const TourRules& tours);

struct WeekSchedule {
  std::array<DaySchedule, 7> days;  // Monday first; each day's report has week = true
  int tours = 0;                    // agent-weeks; shifts carry tour ids 1..tours
  double objective = 0;             // the week's cost (the days' objectives summed)
};

// Schedules a Monday-Sunday week of tours (rules.tours must be set): `required[d]` as for
// schedule_day. The time limit is for the whole week (phase 1 gets 3/4, the days' phase 2 share
// the rest). Throws core::InputError for wrong sizes, or when no schedule meeting the templates'
// daily counts and headcounts was found in time.
WeekSchedule schedule_week(const ShiftRules& rules,
                           const std::array<std::vector<double>, 7>& required,
                           const SolveOptions& options = {});

}  // namespace wfm::schedule
