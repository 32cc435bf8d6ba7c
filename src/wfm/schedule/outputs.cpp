#include "wfm/schedule/outputs.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <fmt/format.h>

#include "wfm/core/time.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/schedule/simulate.hpp"

namespace wfm::schedule {
namespace {

core::LocalTime at(std::chrono::local_days d, int interval, int interval_s) {
  return std::chrono::local_seconds(d) +
         std::chrono::seconds(static_cast<long long>(interval) * interval_s);
}

// The time of day (after midnight, a break of an overnight shift shows the next day's clock).
std::string clock(int interval, int interval_s) {
  const int m = interval * interval_s / 60 % (24 * 60);
  return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string break_text(const ShiftTemplate& tp, const ScheduledShift& s, int iv) {
  std::string breaks;
  for (std::size_t b = 0; b < s.break_starts.size(); ++b) {
    if (!breaks.empty()) breaks += "; ";
    breaks += fmt::format("{} {}-{}", tp.breaks[b].name, clock(s.break_starts[b], iv),
                          clock(s.break_starts[b] + tp.breaks[b].duration, iv));
  }
  return breaks;
}

// Sets each day's past_plan: what its shifts cover of a next date that is not in `days`.
void add_past_plan(const ShiftRules& rules, std::vector<DayResult>& days) {
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto next = days[i].requirements.date + std::chrono::days(1);
    if (i + 1 < days.size() && days[i + 1].requirements.date == next) continue;
    days[i].past_plan = next_day_coverage(rules, days[i].schedule.shifts);
  }
}

}  // namespace

std::chrono::local_days monday_of(std::chrono::local_days d) {
  return d - std::chrono::days(std::chrono::weekday(d).iso_encoding() - 1);
}

std::vector<DayResult> schedule_days(const ShiftRules& rules,
                                     const std::vector<DayRequirements>& days,
                                     const SolveOptions& options) {
  std::vector<DayResult> out;
  if (rules.tours) {
    // Monday-Sunday weeks, in date order; a day missing from `days` needs no one.
    std::map<std::chrono::local_days, std::array<const DayRequirements*, 7>> weeks;
    for (const auto& d : days) {
      auto& w = weeks[monday_of(d.date)];
      w[(d.date - monday_of(d.date)).count()] = &d;
    }
    int tours = 0;  // tour ids run on across the weeks
    for (const auto& [monday, in_plan] : weeks) {
      std::array<std::vector<double>, 7> required;
      for (int i = 0; i < 7; ++i) {
        required[i] =
            in_plan[i] ? in_plan[i]->required : std::vector<double>(rules.intervals_per_day(), 0.0);
      }
      WeekSchedule w = schedule_week(rules, required, options);
      for (int i = 0; i < 7; ++i) {
        if (!in_plan[i] && w.days[i].shifts.empty()) continue;
        for (auto& s : w.days[i].shifts) s.tour += tours;
        DayResult r{DayRequirements{monday + std::chrono::days(i), required[i]},
                    std::move(w.days[i]),
                    {},
                    {}};
        r.coverage = day_coverage(rules, r.requirements.required, r.schedule.shifts);
        r.totals = coverage_totals(rules, r.coverage, r.schedule.shifts);
        out.push_back(std::move(r));
      }
      tours += w.tours;
    }
    add_past_plan(rules, out);
    return out;
  }
  // Day by day. With overnight templates, in sequence: a day's model also sees the next day's
  // first intervals (its overnight shifts may cover them), and the next day's model needs only
  // what the day's shifts left there. Each day's coverage counts the day before's shifts.
  const int n = rules.intervals_per_day();
  const bool overnight = rules.any_overnight();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    const bool follows = i > 0 && days[i - 1].date + std::chrono::days(1) == d.date;
    static const std::vector<ScheduledShift> none;
    const auto& previous = follows ? out.back().schedule.shifts : none;
    std::vector<double> required = d.required;
    if (overnight) {
      const auto carried = day_coverage(rules, std::vector<double>(n, 0.0), {}, previous);
      for (int t = 0; t < n; ++t) required[t] = std::max(0.0, required[t] - carried[t].on_phone);
      required.resize(rules.horizon(), 0.0);
      if (i + 1 < days.size() && d.date + std::chrono::days(1) == days[i + 1].date) {
        for (int t = n; t < rules.horizon(); ++t) required[t] = days[i + 1].required[t - n];
      }
    }
    DayResult r{d, schedule_day(rules, required, options), {}, {}};
    r.coverage = day_coverage(rules, d.required, r.schedule.shifts, previous);
    r.totals = coverage_totals(rules, r.coverage, r.schedule.shifts);
    out.push_back(std::move(r));
  }
  add_past_plan(rules, out);
  return out;
}

void write_schedule_csv(std::ostream& out, const ShiftRules& rules,
                        const std::vector<DayResult>& days) {
  io::CsvWriter w(out);
  write_schedule_table(w, rules, days);
}

void write_schedule_table(io::TableWriter& w, const ShiftRules& rules,
                          const std::vector<DayResult>& days) {
  for (const char* h :
       {"date", "shift", "template", "start", "end", "paid_hours", "cost", "breaks"}) {
    w.field(h);
  }
  if (rules.tours) w.field("tour");
  w.end_row();
  const int iv = rules.interval_s;
  for (const auto& d : days) {
    int id = 0;
    for (const auto& s : d.schedule.shifts) {
      const auto& tp = rules.templates[s.template_index];
      const std::string breaks = break_text(tp, s, iv);
      w.date_field(d.requirements.date).field(++id).field(tp.name);
      w.time_field(at(d.requirements.date, s.start, iv));
      w.time_field(at(d.requirements.date, s.start + tp.span(), iv));
      w.field(tp.paid_length * iv / 3600.0).field(tp.cost(iv)).field(breaks);
      if (rules.tours) w.field(s.tour);
      w.end_row();
    }
  }
}

void write_coverage_csv(std::ostream& out, const ShiftRules& rules,
                        const std::vector<DayResult>& days,
                        const std::vector<DayService>* service) {
  io::CsvWriter w(out);
  write_coverage_table(w, rules, days, service);
}

void write_coverage_table(io::TableWriter& w, const ShiftRules& rules,
                          const std::vector<DayResult>& days,
                          const std::vector<DayService>* service) {
  w.field("interval_start").field("required").field("on_shift").field("on_break");
  w.field("on_phone").field("over").field("under");
  if (service) w.field("calls").field("erlang_sl").field("simulated_sl").field("simulated_sl_hw");
  w.end_row();
  for (std::size_t d = 0; d < days.size(); ++d) {
    const auto& day = days[d];
    for (std::size_t t = 0; t < day.coverage.size(); ++t) {
      const auto& c = day.coverage[t];
      w.time_field(at(day.requirements.date, static_cast<int>(t), rules.interval_s));
      w.field(c.required);
      w.field(c.on_shift).field(c.on_break).field(c.on_phone).field(c.over).field(c.under);
      if (service) {
        const auto& s = (*service)[d].intervals[t];
        w.field(s.calls).field(s.erlang_sl).field(s.simulated_sl);
        w.field(s.simulated_sl ? std::optional<double>(s.simulated_sl_hw) : std::nullopt);
      }
      w.end_row();
    }
    const auto next = day.requirements.date + std::chrono::days(1);
    for (std::size_t t = 0; t < day.past_plan.size(); ++t) {
      const auto& c = day.past_plan[t];
      w.time_field(at(next, static_cast<int>(t), rules.interval_s));
      w.empty_field().field(c.on_shift).field(c.on_break).field(c.on_phone);
      w.empty_field().empty_field();
      if (service) w.empty_field().empty_field().empty_field().empty_field();
      w.end_row();
    }
  }
}

void write_days_table(io::TableWriter& w, const std::vector<DayResult>& days,
                      const std::vector<DayService>* service) {
  for (const char* h : {"date", "shifts", "paid_hours", "required_hours", "on_phone_hours",
                        "over_hours", "under_hours", "intervals_short", "efficiency", "shift_cost",
                        "cost", "lp_bound", "best_bound", "gap", "time_limit_s", "seconds",
                        "shifts_optimal", "breaks_optimal", "timed_out"}) {
    w.field(h);
  }
  if (service) w.field("erlang_sl").field("simulated_sl").field("simulated_sl_hw");
  w.end_row();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto& t = days[i].totals;
    const auto& r = days[i].schedule.report;
    w.date_field(days[i].requirements.date).field(t.shifts).field(t.paid_hours);
    w.field(t.required_hours).field(t.on_phone_hours).field(t.over_hours).field(t.under_hours);
    w.field(t.intervals_short).field(t.efficiency).field(t.shift_cost).field(t.cost);
    w.field(r.lp_bound).field(r.best_bound).field(r.gap).field(r.time_limit_s);
    w.field(r.phase1_s + r.phase2_s).bool_field(r.phase1_optimal).bool_field(r.phase2_optimal);
    w.bool_field(r.timed_out);
    if (service) {
      const auto& s = (*service)[i];
      w.field(s.erlang_sl).field(s.simulated_sl);
      w.field(s.simulated_sl ? std::optional<double>(s.simulated_sl_hw) : std::nullopt);
    }
    w.end_row();
  }
}

}  // namespace wfm::schedule

namespace wfm::schedule {

void write_roster_csv(std::ostream& out, const ShiftRules& rules,
                      const std::vector<DayResult>& days, const std::vector<Agent>& agents,
                      const RosterResult& roster) {
  io::CsvWriter w(out);
  write_roster_table(w, rules, days, agents, roster);
}

void write_roster_table(io::TableWriter& w, const ShiftRules& rules,
                        const std::vector<DayResult>& days, const std::vector<Agent>& agents,
                        const RosterResult& roster) {
  for (const char* h :
       {"agent", "date", "start", "end", "paid_hours", "breaks", "shift", "template"}) {
    w.field(h);
  }
  w.end_row();
  const int iv = rules.interval_s;
  for (const auto& e : roster.entries) {
    const auto& day = days.at(e.day);
    const auto& s = day.schedule.shifts.at(e.shift);
    const auto& tp = rules.templates[s.template_index];
    w.field(agents.at(e.agent).id).date_field(day.requirements.date);
    w.time_field(at(day.requirements.date, s.start, iv));
    w.time_field(at(day.requirements.date, s.start + tp.span(), iv));
    w.field(tp.paid_length * iv / 3600.0).field(break_text(tp, s, iv));
    w.field(e.shift + 1).field(tp.name);
    w.end_row();
  }
}

}  // namespace wfm::schedule
