#include "wfm/report/schedule_report.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "wfm/report/html.hpp"
#include "wfm/report/sl_summary.hpp"
#include "wfm/report/svg_chart.hpp"

namespace wfm::report {

namespace {

// Template colours, in order of first appearance (the same palette order as the charts').
constexpr const char* kPalette[] = {"#1f5fa8", "#e67e22", "#1e8449", "#8e44ad",
                                    "#c0392b", "#16a085", "#7f8c8d", "#d4ac0d"};

// Seconds after the day's midnight as "HH:MM"; past the next midnight (an overnight shift's end)
// "HH:MM+1".
std::string clock_text(int s) {
  return fmt::format("{:02}:{:02}{}", s / 3600 % 24, (s / 60) % 60, s >= 86400 ? "+1" : "");
}

}  // namespace

// Required vs the schedule's agents on the phones (and on site), and the service the schedule
// delivers: the "SIPP gap" between Erlang per interval and the simulation with carry-over.
std::string render_schedule_section(const ScheduleSection& sc) {
  const double interval = sc.interval_s;
  std::string inner = render_key_values(sc.facts);
  ChartSpec agents;
  agents.id = "schedule-coverage";
  agents.title = "Coverage: required vs scheduled agents per interval";
  agents.y_label = "agents";
  agents.y_decimals = 0;
  agents.gap_x = interval > 0 ? 1.5 * interval : 0;
  agents.step_width = interval;
  agents.collapse_gap_s = closed_gap_s(interval);
  Series req, phone, shift;
  req.name = "Required";
  req.color = "#c0392b";
  req.style = SeriesStyle::step;
  phone.name = "On the phones";
  phone.color = "#1f5fa8";
  phone.style = SeriesStyle::step;
  shift.name = "On shift (breaks included)";
  shift.color = "#95a5a6";
  shift.style = SeriesStyle::step;
  shift.dashed = true;
  ChartSpec sl;
  sl.id = "schedule-sl";
  sl.title = "Service level the schedule delivers";
  sl.y_label = "service level";
  sl.y_percent = true;
  sl.y_max = 1;
  sl.gap_x = agents.gap_x;
  sl.step_width = interval;
  sl.collapse_gap_s = agents.collapse_gap_s;
  Series erlang, sim;
  erlang.name = sc.erlang_model + ", each interval alone";
  erlang.color = "#1f5fa8";
  sim.name = "Simulated, queue carried over";
  sim.color = "#1e8449";
  bool any_sl = false;
  for (const auto& p : sc.coverage) {
    const double x = time_x(p.start);
    for (Series* s : {&req, &phone, &shift, &erlang, &sim}) s->x.push_back(x);
    req.y.push_back(p.required);
    phone.y.push_back(p.on_phone);
    shift.y.push_back(p.on_shift);
    erlang.y.push_back(p.erlang_sl ? *p.erlang_sl : kNoPoint);
    sim.y.push_back(p.simulated_sl ? *p.simulated_sl : kNoPoint);
    any_sl |= p.simulated_sl.has_value();
  }
  agents.series = {std::move(shift), std::move(phone), std::move(req)};
  inner += render_chart(agents);
  if (any_sl) {
    sl.y_min = sl_axis_min(sc.sl_target, {&erlang.y, &sim.y});
    sl.series = {std::move(erlang), std::move(sim)};
    if (sc.sl_target) {
      sl.lines.push_back(
          ReferenceLine{*sc.sl_target, "Target " + format_percent(*sc.sl_target, 0), "#c0392b"});
    }
    inner += render_chart(sl);
    if (sc.sl_target) {
      BelowTargetCount below(*sc.sl_target);
      for (const auto& p : sc.coverage)
        below.add(p.simulated_sl, p.simulated_sl_half_width, p.calls);
      inner += sl_note(*sc.sl_target, below.result(), std::nullopt, std::nullopt);
    }
  }
  if (!sc.gantt.empty()) {
    inner += "<h3>Shifts by day</h3>\n";
    for (std::size_t d = 0; d < sc.gantt.size(); ++d) {
      const auto& day = sc.gantt[d];
      inner += d == 0 ? "<details open>" : "<details>";
      inner += "<summary>";
      append_escaped(inner, fmt::format("{}: {} shifts", day.date, day.shifts.size()));
      inner += "</summary>\n";
      inner += render_gantt(day);
      inner += "</details>\n";
    }
  }
  return render_section("schedule", "Schedule: " + sc.queue, inner);
}

std::string render_gantt(const GanttDay& day) {
  if (day.shifts.empty()) return {};
  std::vector<const GanttShift*> rows;
  for (const auto& s : day.shifts) rows.push_back(&s);
  std::stable_sort(rows.begin(), rows.end(), [](const GanttShift* a, const GanttShift* b) {
    return a->start_s != b->start_s ? a->start_s < b->start_s : a->end_s < b->end_s;
  });
  // The x range: whole hours around the day's shifts.
  int lo = rows.front()->start_s, hi = 0;
  for (const auto* s : rows) hi = std::max(hi, s->end_s);
  lo = lo / 3600 * 3600;
  hi = (hi + 3599) / 3600 * 3600;
  std::map<std::string, std::size_t> color;  // template -> palette index
  for (const auto* s : rows) color.emplace(s->label, color.size());

  constexpr double left = 48, right = 24, top = 22, row_h = 7, width = 900;
  const double plot_w = width - left - right;
  const double height = top + row_h * static_cast<double>(rows.size()) + 8;
  const auto x = [&](int t) {
    return left + plot_w * static_cast<double>(t - lo) / static_cast<double>(hi - lo);
  };
  std::string svg =
      fmt::format("<figure class=\"chart\"><svg viewBox=\"0 0 {} {}\" role=\"img\">\n",
                  format_coord(width), format_coord(height));
  const int step = (hi - lo) > 14 * 3600 ? 7200 : 3600;
  for (int t = lo; t <= hi; t += step) {
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
        "<text x=\"{0}\" y=\"{3}\" font-size=\"11\" text-anchor=\"middle\">{4}</text>\n",
        format_coord(x(t)), format_coord(top - 4), format_coord(height - 8), format_coord(top - 8),
        clock_text(t));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& s = *rows[i];
    const double y = top + row_h * static_cast<double>(i);
    const char* fill = kPalette[color.at(s.label) % std::size(kPalette)];
    std::string tip = fmt::format("{}{} {}-{}", s.who.empty() ? "" : s.who + ": ", s.label,
                                  clock_text(s.start_s), clock_text(s.end_s));
    for (std::size_t b = 0; b < s.breaks.size(); ++b) {
      tip += fmt::format("; {} {}-{}", b < s.break_names.size() ? s.break_names[b] : "break",
                         clock_text(s.breaks[b].first), clock_text(s.breaks[b].second));
    }
    svg += "<g><title>";
    append_escaped(svg, tip);
    svg += "</title>";
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}/>",
                       format_coord(x(s.start_s)), format_coord(y + 1),
                       format_coord(x(s.end_s) - x(s.start_s)), format_coord(row_h - 2), fill,
                       s.who == "unassigned" ? " stroke=\"#c0392b\" stroke-width=\"1.5\"" : "");
    for (const auto& [b0, b1] : s.breaks) {
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" "
          "fill-opacity=\"0.75\"/>",
          format_coord(x(b0)), format_coord(y + 1), format_coord(x(b1) - x(b0)),
          format_coord(row_h - 2));
    }
    svg += "</g>\n";
  }
  svg += "</svg><figcaption>";
  bool first = true;
  for (const auto& [label, c] : color) {
    if (!first) svg += " · ";
    first = false;
    svg +=
        fmt::format("<span style=\"color:{}\">&#9632;</span> ", kPalette[c % std::size(kPalette)]);
    append_escaped(svg, label);
  }
  svg += " (breaks shown pale)</figcaption></figure>\n";
  return svg;
}

std::string render_schedule_report(const std::string& title, const std::string& generated_at,
                                   const ScheduleSection& section) {
  std::string body = "<header class=\"top\">\n<h1>";
  append_escaped(body, title);
  body += "</h1>\n";
  if (!generated_at.empty()) {
    body += "<div class=\"meta\">Generated ";
    append_escaped(body, generated_at);
    body += "</div>\n";
  }
  body += "</header>\n";
  body += render_schedule_section(section);
  return render_page(title, body);
}

}  // namespace wfm::report
