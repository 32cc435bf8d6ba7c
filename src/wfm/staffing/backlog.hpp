// Deferred (backlog) work: email, tickets, back-office items that may wait hours, staffed so that a
// fraction p of them is answered within T business hours, with FIFO processing and the backlog
// carried from one interval to the next (docs/backlog.md).
//
// The model is the cumulative-capacity (deadline) view of deferred work, derived here and not
// taken from a published source; tests/unit/staffing/backlog_test.cpp checks it against an
// item-by-item FIFO simulation written independently in the test, and sim/backlog_simulation.hpp
// simulates a staffing with random arrivals and work (where the fluid model is optimistic).
//  - Time is a dense grid of intervals of `interval_s` from the first interval given to the end of
//    the last; intervals not given have no arrivals. An interval is open when its weekday is an
//    open day and it lies within that day's hours (BacklogOptions::hours, core::WeekHours), and,
//    with a time zone, its start exists in the zone (the hour skipped in spring is closed and takes
//    no wall-clock age either). Work is done only in open intervals.
//  - The response-time clock counts business time only (open intervals); an item arriving while
//    closed starts its clock at the next opening. T is rounded down to whole intervals, k = ⌊T/Δ⌋.
//  - Conservative discretisation: an item arriving in an open interval is counted as arriving at
//    the interval's start (its clock starts then) but can be worked only from the next open
//    interval on, so the guarantee holds whatever its arrival time within the interval. It is due
//    by the end of the (k-1)-th open interval after its own; an item arriving while closed by the
//    end of the k-th open interval from the next opening.
//  - Agents work as one fluid FIFO server: n agents in an interval do n·Δ seconds of work, on the
//    oldest available items first; within one interval's arrivals (a cohort) items are done in
//    proportion to the cohort's work.
//  - Target: at least fraction p of every interval's items (hence of all items) done by their
//    deadline. With S_j the cumulative work done by the end of open interval j, that is
//    S_j ≥ R_j = max over cohorts c due by j of (work of cohorts before c + p·work of c).
//  - Staffing (staff_backlog): with the earlier intervals fixed, the agents of open interval j are
//    the fewest that, working at a constant rate from j, reach every upcoming deadline e
//    (⌈(U_e − S_{j−1}) / ((e − j + 1)·Δ)⌉ for the worst e, U the due curve R raised backwards so
//    that max_agents can still reach later deadlines), limited to the work available at j but never
//    below what deadline j itself needs, and at least min_agents. Exact for the fluid model: a
//    deadline is missed only when max_agents or the work's availability makes it impossible.
//  - Cohorts due after the last open interval of the grid are not staffed for: their work is the
//    final backlog (append the next period's data to staff them).
//  - Closed dates (BacklogOptions::closed_dates, holidays): every interval of such a date is
//    closed, whatever the week's hours: no work is done and the business clock does not run.
//  - Opening backlog (BacklogQueue::opening): items already waiting when the grid starts, each
//    group with its business age a at the start. They come first in the FIFO queue, oldest first,
//    workable from the first open interval. Of their response time T, T − a business seconds are
//    left: a group is due by the end of open interval m − 1, m = ⌊(T − a)/Δ⌋, the last interval
//    end within its deadline. A group with m <= 0 is overdue (its deadline has passed or falls
//    inside the first interval): it can never be within target, counts as due and missed, and is
//    due by the end of the first open interval like a group with m = 1, so the staffing clears it
//    at once (fraction p of it, FIFO first). Opening items are reported apart
//    (BacklogResult::opening_*), not in items, items_due or fraction_within_target, which stay
//    the grid's arrivals; the backlog and the oldest ages include them.
// Infeasibility (a deadline missed) is flagged in the result, not thrown; bad input throws
// core::InputError naming the file, line and field given in BacklogQueue.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wfm/core/opening_hours.hpp"
#include "wfm/core/time.hpp"
#include "wfm/core/time_zone.hpp"

namespace wfm::staffing {

// The same hours on every open day, as --open and --days give them (BacklogOptions takes any week
// of hours: week() turns these into one).
struct BusinessHours {
  // Open days, indexed by std::chrono::weekday::c_encoding() (0 = Sunday ... 6 = Saturday).
  std::array<bool, 7> open_days{};
  int open_s = 0;       // opening time, seconds after midnight (a multiple of the interval)
  int close_s = 86400;  // closing time, seconds after midnight, > open_s (a multiple too)

  // As week hours, the one definition of an interval within the hours (core/opening_hours.hpp).
  core::WeekHours week() const { return core::WeekHours::uniform(open_days, open_s, close_s); }
};

// The text forms of business hours (wfm backlog's --open and --days, the module's open= and
// days=): "08:00-18:00" -> (28800, 64800), "24:00" allowed as a closing time, opening before
// closing; "mon-fri", "mon,wed,fri", "fri-mon" (wraps), "saturday" -> open days (c_encoding).
// nullopt for anything else.
std::optional<std::pair<int, int>> parse_open_hours(std::string_view text);
std::optional<std::array<bool, 7>> parse_open_days(std::string_view text);
// "mon,tue,wed,thu,fri" (Monday first).
std::string format_open_days(const std::array<bool, 7>& days);

struct BacklogInterval {
  core::LocalTime start{};
  double items = 0;             // items arriving in the interval, >= 0 (may be fractional)
  double handle_s = 0;          // work per item, seconds, > 0 when items > 0
  std::size_t source_line = 0;  // for messages; 0 when not from a file
};

// Items waiting at the start of the grid (an opening backlog), one group of the same age.
struct BacklogOpening {
  double items = 0;     // >= 0 (may be fractional in the model; rounded in the simulation)
  double age_s = 0;     // business seconds already waited at the grid's start, >= 0
  double handle_s = 0;  // work per item, seconds, > 0 when items > 0
  // When given instead of age_s: the arrival time; the age is then the open time from the start
  // of its interval to the grid's start (the hours, closed dates and zone of the options), as
  // for an arrival on the grid. Before the grid's start.
  std::optional<core::LocalTime> arrived;
  std::size_t source_line = 0;  // for messages; 0 when not from a file
};

struct BacklogQueue {
  std::string name;
  std::string source;                      // file name for messages ("" when not from a file)
  std::vector<BacklogInterval> intervals;  // strictly increasing starts on the interval grid
  std::vector<BacklogOpening> opening;     // waiting at the start; any order (sorted by age)
  std::string opening_source;              // file name of `opening` for messages
};

struct BacklogTarget {
  double fraction = 0.9;       // p, in (0, 1]
  double within_s = 4 * 3600;  // T, business seconds; at least two intervals
};

struct BacklogOptions {
  int interval_s = 1800;  // Δ: divides a day
  // Open hours per weekday (at least one day open; openings and closings on the interval grid);
  // default: around the clock, every day.
  core::WeekHours hours = BusinessHours{{true, true, true, true, true, true, true}, 0, 86400}.week();
  BacklogTarget target;
  int min_agents = 0;             // agents in every open interval, at least
  std::optional<int> max_agents;  // agents in any interval, at most (deadlines may then be missed)
  // The zone of the wall-clock times, when known: intervals starting in the hour it skips are
  // closed and add nothing to an item's age. The hour it repeats is one pass on the grid.
  std::optional<core::TimeZone> time_zone;
  // Closed dates (holidays): every interval starting on one is closed. Any order; duplicates
  // and dates off the grid are harmless.
  std::vector<std::chrono::local_days> closed_dates;
};

// One interval of the dense grid.
struct BacklogSlot {
  core::LocalTime start{};
  bool open = false;
  double items = 0;     // arrivals
  double handle_s = 0;  // work per item (0 with no arrivals)
  double agents = 0;    // whole agents; 0 when closed
  double items_done = 0;
  double work_done_s = 0;     // work done in the interval, seconds (<= agents x interval)
  double backlog_items = 0;   // arrived and not done at the interval's end
  double backlog_work_s = 0;  // their remaining work, seconds
  // Of this interval's own arrivals: the items whose deadline falls within the grid, and how many
  // of those were done by it (both 0 for a cohort due after the grid ends, and with no arrivals).
  double arrivals_due = 0;
  double arrivals_within_target = 0;
  // Age at the interval's end of the oldest item not done, from the start of the interval it
  // arrived in: wall-clock seconds and business seconds (open time only). 0 with no backlog.
  // An opening item's is its age at the grid's start plus the time since (both clocks).
  double oldest_age_s = 0;
  double oldest_business_age_s = 0;
  // false when a cohort due by this interval's end has less than fraction p of its items done.
  bool deadlines_met = true;
};

struct BacklogResult {
  int interval_s = 0;
  int deadline_intervals = 0;  // k = ⌊T/Δ⌋
  std::vector<BacklogSlot> slots;
  std::size_t open_intervals = 0;
  double items = 0;                   // every arrival
  double items_due = 0;               // arrivals whose deadline falls within the grid
  double items_within_target = 0;     // of those, done by their deadline
  double fraction_within_target = 1;  // items_within_target / items_due (1 when nothing is due)
  double agent_hours = 0;
  double peak_agents = 0;
  double final_backlog_items = 0;
  double max_oldest_age_s = 0;
  double max_oldest_business_age_s = 0;
  std::size_t infeasible_intervals = 0;  // slots with deadlines_met == false
  bool feasible = true;                  // infeasible_intervals == 0
  // The opening backlog (see above), apart from the arrivals' figures: its items, those overdue
  // at the start (due and missed), those due within the grid (overdue ones included) and of
  // those the ones done by their deadline (never an overdue one).
  double opening_items = 0;
  double opening_overdue_items = 0;
  double opening_due = 0;
  double opening_within_target = 0;
  // Its groups, oldest first, for the simulation: items, work per item, business age at the
  // start, and the open index (0 = the first open interval) by whose end each is due.
  struct OpeningGroup {
    double items = 0;
    double handle_s = 0;
    double age_s = 0;
    std::int64_t due_open = 0;
    bool overdue = false;
  };
  std::vector<OpeningGroup> opening;
};

// Several queues' results added up (no slots): counts, items and agent-hours summed, the oldest
// ages the largest, fraction_within_target recomputed from the sums; peak_agents is left 0 (the
// queues' peaks need not fall together).
BacklogResult backlog_totals(const std::vector<BacklogResult>& queues);

// The grid, the open intervals and the validation shared by both functions: the number of slots
// of the dense grid. Throws core::InputError.
std::size_t backlog_slot_count(const BacklogQueue& queue, const BacklogOptions& options);

// Staffing per interval (see above) and the projection of that staffing.
BacklogResult staff_backlog(const BacklogQueue& queue, const BacklogOptions& options);

// The projection of given agents: `agents` has one entry per slot of the dense grid
// (backlog_slot_count), whole or not, >= 0; agents in closed intervals do no work and are
// reported as 0. min_agents and max_agents are not applied.
BacklogResult project_backlog(const BacklogQueue& queue, const BacklogOptions& options,
                              const std::vector<double>& agents);

}  // namespace wfm::staffing
