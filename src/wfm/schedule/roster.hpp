// Rostering: the shifts of a schedule (optimizer.hpp, one list per day) given to named agents
// over one week or several, so that a planner can publish who works when (issue 11).
//
// Each agent has a contract (weekly paid hours min/max, working days per week), weekdays off
// and/or a time window the shifts must lie in, and an optional preferred start. The rules'
// `[roster]` table (rules.hpp: RosterRules) sets the rest between two shifts, the most working
// days in a row and the objective's weights. Hard: at most one shift per agent and day,
// availability, at most the weekly maximum hours and days, the rest time, the consecutive days.
// Soft: the weekly minimum (an agent short of it is reported, as is every shift given to nobody).
// A first or last week only partly rostered has its weekly limits scaled by the share of its open
// days rostered (assign_roster).
// Weeks are calendar weeks, Monday to Sunday; days outside the schedule count as days off, except
// that a previous roster (PreviousRoster) carries its last shifts in: the rest after an agent's
// shift on the day before the first day, and the working days in a row up to it.
//
// The solve: a greedy construction (whole tours first, then day by day, longest shifts first, each
// to the eligible agent furthest below their weekly minimum) that is feasible by construction;
// then the assignment MIP's LP relaxation (Clp), rounded to a second start (the (agent, shift or
// tour) pairs by LP value, each kept when the rules allow it, the rest filled greedily); then CBC's
// branch and bound (CbcModel over OsiClpSolverInterface, as optimizer.cpp) from the better start,
// all within one time limit; then, unless CBC proved optimality, a local improvement (each shift or
// tour given back to the agent for whom it costs least) that never raises the cost. The MIP
// minimises
//   unassigned_penalty x shifts given to nobody + under_minimum_penalty x hours below minimums
//   + preference_penalty x hours between each shift's start and its agent's preferred start
//   + split_tour_penalty x shifts of tours not given whole to one agent,
// a weighted sum (with the default weights 1000/10/1, one more assigned shift outweighs up to
// 100 hours of shortfall).
// Shifts with the same start, end and paid length are interchangeable for rostering and form one
// "cell"; their breaks are dealt out in the schedule's order afterwards.
// Weekly tours (ScheduledShift::tour > 0, from schedule_week) are kept on one agent: a tour is one
// variable of the MIP (agent x whole tour, identical tours grouped), and each of its shifts may
// also be given on its own, at rules.roster.split_tour_penalty per shift, so that a tour no agent
// can take whole still has its shifts rostered day by day; such tours are reported
// (RosterResult::tours_not_whole). The report says whether CBC proved optimality (after a time
// limit it never does) and gives the best lower bound known (CBC's, at least the LP relaxation's).
// Plain data in, a result out, no state. Tested in tests/unit/schedule/roster_test.cpp (an
// independent checker on every roster, brute force on small instances).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/rules.hpp"

namespace wfm::schedule {

struct DayResult;  // outputs.hpp

struct Agent {
  std::string id;
  double min_hours = 0;   // paid hours per calendar week (soft: reported when not reached)
  double max_hours = 40;  // paid hours per calendar week (hard)
  int max_days = 5;       // working days per calendar week (hard)
  unsigned unavailable_weekdays = 0;  // bit w set: ISO weekday w + 1 off (bit 0 Monday)
  // The window every date's work must lie in (seconds after midnight): shifts start at or after
  // available_from_s and end at or before available_to_s. An overnight shift's hours after
  // midnight are on the next date: it needs a window of 00:00-24:00 and the next weekday not off.
  int available_from_s = 0;
  int available_to_s = 86400;
  std::optional<int> preferred_start_s;
  std::size_t line = 0;  // the agents file's line, for messages (0: not from a file)
};

// One scheduled day: its date and its shifts (as DaySchedule::shifts).
struct RosterDay {
  std::chrono::local_days date;
  std::vector<ScheduledShift> shifts;
};

// A shift of an earlier roster (roster.csv, read by previous_roster_csv.hpp): what rostering the
// next days must respect across the boundary.
struct PreviousShift {
  std::string agent;
  std::chrono::local_days date;
  int start_s = 0;  // seconds after midnight of `date`
  int end_s = 0;    // seconds after midnight of `date` (86400: midnight; more: overnight)
  std::size_t line = 0;
};

struct PreviousRoster {
  std::string source;  // the file, for messages
  std::vector<PreviousShift> shifts;
};

struct RosterOptions {
  double time_limit_s = 60;  // the LP and CBC's branch and bound (greedy and model on top)
  bool use_mip = true;       // false: the greedy roster and the local improvement only
};

struct RosterEntry {
  int agent = 0;  // index into the agents
  int day = 0;    // index into the days
  int shift = 0;  // index into that day's shifts
};

struct AgentWeekShortfall {
  int agent = 0;
  std::chrono::local_days week;  // its Monday
  double hours = 0;              // paid hours rostered that week
  double min_hours = 0;          // the contract's, scaled for a partial week (assign_roster)
};

struct RosterReport {
  double greedy_cost = 0;     // the objective of the greedy start
  double lp_guided_cost = 0;  // the start rounded from the LP relaxation (0 without the MIP)
  double lp_bound = 0;        // the LP relaxation's value (0 without the MIP)
  double cost = 0;            // the objective of the roster returned
  double bound = 0;           // a lower bound on any roster's cost: CBC's or the LP's; 0 if neither
  double gap = 0;             // (cost - bound) / cost; 0 when cost is 0
  bool optimal = false;       // CBC proved `cost` optimal (never after a time limit)
  bool timed_out = false;     // the limit stopped Clp (LP unsolved) or CBC
  bool mip_used = false;
  double seconds = 0;     // the whole call
  double lp_seconds = 0;  // building the MIP and solving its LP relaxation
  double bb_seconds = 0;  // CBC's branch and bound
  double time_limit_s = 0;
  int variables = 0;
  int rows = 0;
  int tours = 0;        // tours in the schedule (0 without [tours])
  int tours_whole = 0;  // tours whose every shift went to one agent
};

// A tour whose shifts did not all go to one agent: its shifts given day by day (or to nobody).
struct TourSplit {
  int tour = 0;      // ScheduledShift::tour
  int shifts = 0;    // its shifts
  int assigned = 0;  // of them, given to an agent
};

struct RosterResult {
  std::vector<RosterEntry> entries;     // by agent, then day
  std::vector<RosterEntry> unassigned;  // agent = -1; by day, then shift
  std::vector<AgentWeekShortfall> under_minimum;
  std::vector<TourSplit> tours_not_whole;  // by tour id
  RosterReport report;
};

// The days of a schedule for rostering.
std::vector<RosterDay> roster_days(const std::vector<DayResult>& days);

// Checks the agents against the rules (ids unique; a weekly minimum that `max_days` shifts of the
// longest template cannot reach): core::InputError at `agents_file`, the agent's line and column.
void validate_agents(const ShiftRules& rules, const std::vector<Agent>& agents,
                     const std::string& agents_file);

// Gives the days' shifts to the agents. Days must be in date order, each date once. A calendar
// week only partly inside the period rostered (the first to the last day) has its weekly minimum
// hours scaled by the share of its open days inside the period, its working days by the same
// share rounded up, and its maximum hours by the same fraction as the days. The open weekdays are those with a day in a week wholly inside
// the period (all seven when there is none): a Monday-Saturday centre's last week ending on a
// Saturday is whole, a plan of Monday and Tuesday only is 2/7 of a week. With
// `previous`, an agent's shift on the day before the first day is rested from (min_rest) and the
// working days in a row that end on that day count towards max_consecutive_days; agents of
// `previous` who are not in `agents` are ignored, and a previous shift dated on or after the first
// day is a core::InputError at its line.
RosterResult assign_roster(const ShiftRules& rules, const std::vector<RosterDay>& days,
                           const std::vector<Agent>& agents, const RosterOptions& options = {},
                           const PreviousRoster& previous = {});

// The objective of `entries` (as assign_roster minimises it), from the roster alone.
double roster_cost(const ShiftRules& rules, const std::vector<RosterDay>& days,
                   const std::vector<Agent>& agents, const std::vector<RosterEntry>& entries);

// "optimal", "time limit reached" or "not proven optimal".
std::string roster_status(const RosterReport& report);

// `wfm schedule --json`'s "roster": counts, costs, bounds, status, the unassigned shifts (date,
// shift number within the day) and the agent-weeks under their minimum; `file` is roster.csv.
nlohmann::json roster_json(const RosterResult& roster, const std::vector<DayResult>& days,
                           const std::vector<Agent>& agents, const std::string& file);

}  // namespace wfm::schedule
