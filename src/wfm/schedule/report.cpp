#include "wfm/schedule/report.hpp"

#include <chrono>
#include <map>
#include <string>
#include <utility>

#include "wfm/core/time.hpp"
#include "wfm/report/html.hpp"

namespace wfm::schedule {

report::ScheduleSection report_section(const ShiftRules& rules, const ScheduleRun& run,
                                       const ReportOptions& options) {
  report::ScheduleSection sec;
  sec.queue = options.queue == "*"    ? "all queues"
              : options.queue.empty() ? "(none)"
                                      : options.queue;
  sec.interval_s = rules.interval_s;
  sec.sl_target = options.sl_target;
  sec.erlang_model = options.erlang_model;
  const ScheduleTotals t = schedule_totals(run.days);
  const auto num = [](double v, int d) { return report::format_number(v, d); };
  sec.facts = {
      {"shift rules", options.rules_label},
      {"shifts", std::to_string(t.all.shifts)},
      {"paid hours", num(t.all.paid_hours, 2)},
      {"required hours", num(t.all.required_hours, 2)},
      {"efficiency (required / paid)", report::format_percent(t.all.efficiency, 1)},
      {"short (agent-hours under the requirement)", num(t.all.under_hours, 2)},
      {"cost of the shifts", num(t.all.shift_cost, 2)},
      {"above the best bound", report::format_percent(t.gap, 2) +
                                   (t.timed_out ? " (a day stopped at the time limit)" : "")},
  };
  if (run.service) {
    const ServiceTotals st = service_totals(*run.service);
    sec.facts.push_back({options.erlang_model + " service level (each interval alone)",
                         report::format_percent(st.erlang_sl, 1)});
    sec.facts.push_back({"simulated service level (queue carried over)",
                         report::format_percent(st.simulated_sl, 1)});
  }
  if (!run.rounds.empty()) {
    const auto& last = run.rounds.back();
    sec.facts.push_back({"re-solving rounds", std::to_string(run.rounds.size() - 1)});
    sec.facts.push_back(
        {"simulated service level (last round)", report::format_percent(last.simulated_sl, 1)});
  }
  // Who works each shift: (day, shift) -> agent id.
  std::map<std::pair<int, int>, std::string> who;
  if (options.roster != nullptr && options.agents != nullptr) {
    const auto& r = *options.roster;
    sec.facts.push_back({"roster: shifts given to agents", std::to_string(r.entries.size())});
    sec.facts.push_back({"roster: shifts nobody could take", std::to_string(r.unassigned.size())});
    sec.facts.push_back(
        {"roster: agent-weeks under their minimum", std::to_string(r.under_minimum.size())});
    sec.facts.push_back({"roster: status", roster_status(r.report)});
    for (const auto& e : r.entries) who[{e.day, e.shift}] = (*options.agents)[e.agent].id;
  }
  const bool rostered = options.roster != nullptr && options.agents != nullptr;
  const int iv = rules.interval_s;
  for (std::size_t d = 0; d < run.days.size(); ++d) {
    const auto& day = run.days[d];
    for (std::size_t i = 0; i < day.coverage.size(); ++i) {
      const auto& c = day.coverage[i];
      if (c.required <= 0 && c.on_shift == 0) continue;  // closed: a gap in the lines
      report::CoveragePoint p;
      p.start = core::LocalTime(day.requirements.date) +
                std::chrono::seconds(static_cast<long long>(i) * iv);
      p.required = c.required;
      p.on_phone = c.on_phone;
      p.on_shift = c.on_shift;
      if (run.service) {
        const auto& sv = (*run.service)[d].intervals[i];
        p.erlang_sl = sv.erlang_sl;
        p.simulated_sl = sv.simulated_sl;
        if (sv.simulated_sl) p.simulated_sl_half_width = sv.simulated_sl_hw;
        p.calls = sv.calls;
      }
      sec.coverage.push_back(p);
    }
    report::GanttDay g;
    g.date = core::format_local_date(day.requirements.date);
    for (std::size_t k = 0; k < day.schedule.shifts.size(); ++k) {
      const auto& s = day.schedule.shifts[k];
      const auto& tp = rules.templates[s.template_index];
      report::GanttShift gs;
      gs.label = tp.name;
      if (rostered) {
        const auto it = who.find({static_cast<int>(d), static_cast<int>(k)});
        gs.who = it != who.end() ? it->second : "unassigned";
      }
      gs.start_s = s.start * iv;
      gs.end_s = (s.start + tp.span()) * iv;
      for (std::size_t b = 0; b < s.break_starts.size(); ++b) {
        gs.breaks.emplace_back(s.break_starts[b] * iv,
                               (s.break_starts[b] + tp.breaks[b].duration) * iv);
        gs.break_names.push_back(tp.breaks[b].name);
      }
      g.shifts.push_back(std::move(gs));
    }
    sec.gantt.push_back(std::move(g));
  }
  return sec;
}

}  // namespace wfm::schedule
