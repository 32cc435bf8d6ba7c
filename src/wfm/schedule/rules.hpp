// Shift rules: the shift templates a day's schedule may use, read from a TOML file.
//
// A template is a family of shifts: every start from `start_earliest` to `start_latest` in steps
// of `start_step`, `paid_length` paid time plus any unpaid breaks (an 8 h shift with an unpaid
// 30-minute meal spans 8 h 30 on site), a cost per paid hour and/or per shift, and a minimum and
// maximum count per day (with [tours], also a headcount per week: min/max_agents). Breaks and
// meals have a duration and a window for their start relative to the shift start ("15 min
// starting between 1:30 and 2:30 after the start"). Everything is in
// whole intervals of `[schedule] interval` (15 minutes by default); a shift may run past midnight
// into the next day only when its template says `overnight = true` (not with [tours]). An
// optional `[roster]` table holds the rostering rules (rest time, consecutive days, objective
// weights) and an optional `[tours]` table turns on weekly tours
// (optimizer.hpp: schedule_week). Bad rules are core::InputError naming the file, line and
// key:
//   shifts.toml:24: shift.break.window_end: break 'lunch' starting at the window's end (8h30m)...
// The format is documented in docs/scheduling.md; tested in tests/unit/schedule/rules_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::schedule {

struct BreakRule {
  std::string name;
  int duration = 0;  // intervals
  int earliest = 0;  // earliest start, intervals after the shift start
  int latest = 0;    // latest start, intervals after the shift start (>= earliest)
  bool paid = true;  // an unpaid break lengthens the shift's span on site
};

struct ShiftTemplate {
  std::string name;
  int start_earliest = 0;  // intervals after midnight
  int start_latest = 0;
  int start_step = 1;   // intervals
  int paid_length = 0;  // intervals paid
  double cost_per_paid_hour = 0;
  double cost_per_shift = 0;
  int min_count = 0;             // per day
  std::optional<int> max_count;  // per day; none: unbounded
  // Headcount, with [tours] only: the tours (agents, one tour being one agent's week) of this
  // template in a week, over all its starts and days-off patterns. Refused without [tours].
  int min_agents = 0;
  std::optional<int> max_agents;  // none: unbounded
  bool part_time = false;         // a label for reports (part-time templates are just shorter)
  // May run past midnight into the next day (its start still on its own day, its span at most
  // 24 h): it covers the first intervals of the next day, its breaks may fall there.
  bool overnight = false;
  std::vector<BreakRule> breaks;  // in window order, windows not overlapping
  std::size_t line = 0;           // where the [[shift]] starts, for messages

  // Intervals on site: paid length plus unpaid breaks.
  int span() const;
  // Cost of one shift of this template.
  double cost(int interval_s) const;
  // The starts allowed (intervals after midnight).
  std::vector<int> starts() const;
};

// The `[roster]` table: what rostering (roster.hpp) must respect when it gives the scheduled
// shifts to named agents, and the weights of its objective. Every key is optional.
struct RosterRules {
  int min_rest_s = 11 * 3600;    // min_rest: between the end of a shift and the next start (<= 24h)
  int max_consecutive_days = 6;  // working days in a row, across weeks (1 to 14)
  double unassigned_penalty = 1000;   // per shift given to nobody
  double under_minimum_penalty = 10;  // per hour an agent's week is below the contract minimum
  double preference_penalty = 1;      // per hour between a shift's start and the preferred start
  double split_tour_penalty = 100;    // per shift of a tour given to another agent than the rest
};

// The `[tours]` table: with it, the optimizer schedules whole Monday-Sunday weeks of tours (one
// agent's week: the same template on each of `days_per_week` working days) instead of
// independent days. A tour's starts across its week differ by at most `start_variance` (0: the
// same start every working day), and its paid hours lie within min/max_weekly_hours.
struct TourRules {
  int days_per_week = 5;             // 1 to 7; required in the table
  bool consecutive_days_off = true;  // the days off form one block, cyclically (Sun-Mon counts)
  std::size_t line = 0;              // where [tours] is, for messages
  // Intervals; a multiple of every template's start step, shorter than a day. Default 0.
  int start_variance = 0;
  // The band of a tour's paid hours a week; none: no bound. A tour works one template, so its
  // paid hours are days_per_week x the template's paid length: the templates outside the band
  // make no tours.
  std::optional<double> min_weekly_hours;
  std::optional<double> max_weekly_hours;

  // The paid hours of a tour of template `tp`.
  double weekly_hours(const ShiftTemplate& tp, int interval_s) const;
  // Whether tours of template `tp` are within the weekly band.
  bool allows(const ShiftTemplate& tp, int interval_s) const;
};

struct ShiftRules {
  std::string source;                    // the file, for messages
  int interval_s = 900;                  // the requirements' interval length must equal it
  double under_coverage_penalty = 1000;  // per missing agent-interval, in cost units
  std::vector<ShiftTemplate> templates;
  RosterRules roster;
  std::optional<TourRules> tours;  // none: each day scheduled on its own

  int intervals_per_day() const { return 86400 / interval_s; }
  // The intervals a day's shifts can reach, from its midnight: the day, and with overnight
  // templates the next day's first intervals up to the latest end.
  int horizon() const;
  bool any_overnight() const;
};

// Parses rules from `text`; `display_name` names the file in messages.
ShiftRules parse_shift_rules(std::string_view text, const std::string& display_name);
// Reads the file at `path`.
ShiftRules load_shift_rules(const std::string& path);

}  // namespace wfm::schedule
