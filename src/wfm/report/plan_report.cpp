#include "wfm/report/plan_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "wfm/report/html.hpp"
#include "wfm/report/sl_summary.hpp"
#include "wfm/report/svg_chart.hpp"

namespace wfm::report {

namespace {

// The interval length: as given, else the smallest step between consecutive starts.
double interval_of(const PlanQueue& q) {
  if (q.interval_s > 0) return q.interval_s;
  double best = std::numeric_limits<double>::infinity();
  auto scan = [&](const auto& points) {
    for (std::size_t i = 1; i < points.size(); ++i) {
      double dx = time_x(points[i].start) - time_x(points[i - 1].start);
      if (dx > 0) best = std::min(best, dx);
    }
  };
  scan(q.history);
  scan(q.forecast);
  scan(q.staffing);
  return std::isfinite(best) ? best : 0;
}

std::string cost_text(const std::optional<double>& cost, const std::string& currency) {
  if (!cost || !std::isfinite(*cost)) return std::string(kNoValue);
  std::string n = format_number(*cost, 0);
  return currency.empty() ? n : currency + " " + n;
}

std::string asa_text(const std::optional<double>& asa_s) {
  if (!asa_s || !std::isfinite(*asa_s)) return std::string(kNoValue);
  return format_number(*asa_s, 1) + " s";
}

std::string day_text(std::chrono::local_days d) {
  static constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
  return fmt::format("{} {}", kWeekdays[std::chrono::weekday{d}.c_encoding() % 7],
                     core::format_local_date(d));
}

// Which optional totals columns have any value (columns without data are left out).
struct TotalsColumns {
  bool cost = false, sl = false, asa = false, abandonment = false, occupancy = false;
  void add(const PlanTotals& t) {
    cost |= t.cost.has_value();
    sl |= t.sl.has_value();
    asa |= t.asa_s.has_value();
    abandonment |= t.abandonment.has_value();
    occupancy |= t.occupancy.has_value();
  }
};

std::vector<Cell> totals_header(std::string first, const TotalsColumns& c,
                                const std::string& currency) {
  std::vector<Cell> h;
  h.emplace_back(std::move(first));
  for (const char* name : {"calls", "agent-hours", "FTE"}) h.push_back(num_cell(name));
  if (c.cost) h.push_back(num_cell(currency.empty() ? "cost" : "cost (" + currency + ")"));
  if (c.sl) h.push_back(num_cell("SL"));
  if (c.asa) h.push_back(num_cell("ASA"));
  if (c.abandonment) h.push_back(num_cell("abandon rate"));
  if (c.occupancy) h.push_back(num_cell("occupancy"));
  return h;
}

std::vector<Cell> totals_row(std::string first, const PlanTotals& t, const TotalsColumns& c,
                             const std::optional<double>& sl_target) {
  std::vector<Cell> r;
  r.emplace_back(std::move(first));
  r.push_back(num_cell(format_number(t.calls, 0)));
  r.push_back(num_cell(format_number(t.agent_hours, 1)));
  r.push_back(num_cell(format_number(t.fte, 1)));
  if (c.cost) r.push_back(num_cell(cost_text(t.cost, {})));
  if (c.sl) {
    Cell sl = num_cell(format_percent(t.sl, 1));
    if (t.sl && sl_target && *t.sl < *sl_target) {
      sl.css_class = "miss";
      sl.title = "below the target of " + format_percent(*sl_target, 1);
    }
    r.push_back(std::move(sl));
  }
  if (c.asa) r.push_back(num_cell(asa_text(t.asa_s)));
  if (c.abandonment) r.push_back(num_cell(format_percent(t.abandonment, 1)));
  if (c.occupancy) r.push_back(num_cell(format_percent(t.occupancy, 1)));
  return r;
}

std::string sl_target_text(const PlanQueue& q) {
  if (!q.sl_target_label.empty()) return q.sl_target_label;
  return q.sl_target ? format_percent(*q.sl_target, 0) : std::string();
}

std::string summary_section(const PlanReportData& data) {
  TotalsColumns c;
  for (const auto& q : data.queues) c.add(q.total);
  if (data.overall) c.add(*data.overall);
  Table t;
  t.header = totals_header("queue", c, data.currency);
  for (const auto& q : data.queues) {
    auto row = totals_row(q.name, q.total, c, q.sl_target);
    std::string target = sl_target_text(q);
    if (!target.empty()) row[0].sub = "target " + target;
    if (!q.channel.empty()) row[0].sub += (row[0].sub.empty() ? "" : " · ") + q.channel;
    t.rows.push_back(std::move(row));
  }
  if (data.overall) t.footer.push_back(totals_row("All queues", *data.overall, c, std::nullopt));
  std::string inner;
  if (data.queues.empty()) inner += "<p class=\"note\">No queues in this plan.</p>\n";
  inner += render_table(t);
  return render_section("summary", "Summary", inner);
}

// The time axis of the queue's charts: lines break at a missing interval, gaps of more than two
// hours (and four intervals) without data are cut out.
ChartSpec interval_chart(const std::string& id, double interval) {
  ChartSpec spec;
  spec.id = id;
  spec.gap_x = interval > 0 ? 1.5 * interval : 0;
  spec.collapse_gap_s = closed_gap_s(interval);
  spec.step_width = interval;
  return spec;
}

std::string calls_chart(const PlanQueue& q, const std::string& id, double interval) {
  ChartSpec spec = interval_chart(id, interval);
  spec.title = "Calls per interval: history and forecast";
  spec.y_label = "calls";
  bool any_band = std::any_of(q.forecast.begin(), q.forecast.end(),
                              [](const ForecastPoint& p) { return p.lo && p.hi; });
  if (any_band) {
    Series band;
    band.name = fmt::format("{}% prediction interval", format_number(q.forecast_level, 0));
    band.style = SeriesStyle::band;
    band.color = "#1f5fa8";
    band.fill_opacity = 0.2;
    for (const auto& p : q.forecast) {
      band.x.push_back(time_x(p.start));
      band.y.push_back(p.lo ? *p.lo : kNoPoint);
      band.y_hi.push_back(p.hi ? *p.hi : kNoPoint);
    }
    spec.series.push_back(std::move(band));
  }
  Series hist;
  hist.name = "History";
  hist.color = "#7b8595";
  hist.stroke_width = 1.2;
  for (const auto& p : q.history) {
    hist.x.push_back(time_x(p.start));
    hist.y.push_back(p.calls);
  }
  Series fc;
  fc.name = "Forecast";
  fc.color = "#1f5fa8";
  fc.stroke_width = 1.6;
  for (const auto& p : q.forecast) {
    fc.x.push_back(time_x(p.start));
    fc.y.push_back(p.calls);
  }
  spec.series.push_back(std::move(hist));
  spec.series.push_back(std::move(fc));
  return render_chart(spec);
}

std::string agents_chart(const PlanQueue& q, const std::string& id, double interval) {
  ChartSpec spec = interval_chart(id, interval);
  spec.title = "Agents per interval: required (on the phones) and scheduled (after shrinkage)";
  spec.y_label = "agents";
  Series req, sch, bad;
  req.name = "Required";
  req.style = SeriesStyle::step;
  req.color = "#1f5fa8";
  sch.name = "Scheduled";
  sch.style = SeriesStyle::step;
  sch.color = "#e67e22";
  bad.name = "Infeasible";
  bad.style = SeriesStyle::marks;
  bad.color = "#c0392b";
  bad.in_tooltip = false;
  bool any_bad = false;
  for (const auto& p : q.staffing) {
    double x = time_x(p.start);
    req.x.push_back(x);
    req.y.push_back(p.required_agents);
    sch.x.push_back(x);
    sch.y.push_back(p.scheduled_agents);
    bad.x.push_back(x);
    bad.y.push_back(p.feasible ? kNoPoint : 0.0);
    any_bad |= !p.feasible;
  }
  spec.series.push_back(std::move(sch));
  spec.series.push_back(std::move(req));
  if (any_bad) spec.series.push_back(std::move(bad));
  return render_chart(spec);
}

std::string sl_chart(const PlanQueue& q, const std::string& id, double interval) {
  ChartSpec spec = interval_chart(id, interval);
  spec.title = "Service level per interval";
  spec.y_label = "service level";
  spec.y_percent = true;
  spec.y_max = 1;
  Series expected, sim, band;
  expected.name = "Expected (analytic)";
  expected.color = "#1f5fa8";
  sim.name = "Simulated";
  sim.color = "#1e8449";
  sim.stroke_width = 1.3;
  band.name = "Simulated 95% CI";
  band.style = SeriesStyle::band;
  band.color = "#27ae60";
  band.fill_opacity = 0.22;
  bool any_sim = false, any_band = false;
  for (const auto& p : q.staffing) {
    double x = time_x(p.start);
    expected.x.push_back(x);
    expected.y.push_back(p.expected_sl);
    sim.x.push_back(x);
    sim.y.push_back(p.simulated_sl ? *p.simulated_sl : kNoPoint);
    any_sim |= p.simulated_sl.has_value();
    band.x.push_back(x);
    if (p.simulated_sl && p.simulated_sl_half_width) {
      any_band = true;
      band.y.push_back(std::clamp(*p.simulated_sl - *p.simulated_sl_half_width, 0.0, 1.0));
      band.y_hi.push_back(std::clamp(*p.simulated_sl + *p.simulated_sl_half_width, 0.0, 1.0));
    } else {
      band.y.push_back(kNoPoint);
      band.y_hi.push_back(kNoPoint);
    }
  }
  spec.y_min = sl_axis_min(q.sl_target, {&expected.y, &sim.y, &band.y});
  if (any_band) spec.series.push_back(std::move(band));
  spec.series.push_back(std::move(expected));
  if (any_sim) spec.series.push_back(std::move(sim));
  if (q.sl_target) {
    spec.lines.push_back(ReferenceLine{*q.sl_target, "Target " + sl_target_text(q), "#c0392b"});
  }
  return render_chart(spec);
}

// Why the per-interval SL dips below the target while the total meets it.
std::string queue_sl_note(const PlanQueue& q) {
  if (!q.sl_target) return {};
  return sl_note(*q.sl_target, below_target(q), q.total.sl,
                 q.total.sl ? q.total.simulated_sl : std::nullopt);
}

std::string occupancy_chart(const PlanQueue& q, const std::string& id, double interval) {
  ChartSpec spec = interval_chart(id, interval);
  spec.title = "Occupancy per interval";
  spec.y_label = "occupancy";
  spec.y_percent = true;
  spec.y_min = 0;
  spec.y_max = 1;
  Series occ;
  occ.name = "Occupancy";
  occ.style = SeriesStyle::area;
  occ.color = "#7d3c98";
  occ.fill_opacity = 0.15;
  for (const auto& p : q.staffing) {
    occ.x.push_back(time_x(p.start));
    occ.y.push_back(p.occupancy);
  }
  spec.series.push_back(std::move(occ));
  if (q.max_occupancy) {
    spec.lines.push_back(ReferenceLine{
        *q.max_occupancy, "Maximum " + format_percent(*q.max_occupancy, 0), "#c0392b"});
  }
  return render_chart(spec);
}

std::string daily_table(const PlanQueue& q, const std::string& currency) {
  TotalsColumns c;
  for (const auto& d : q.daily) c.add(d.totals);
  c.add(q.total);
  Table t;
  t.caption = "Daily totals";
  t.header = totals_header("date", c, currency);
  for (const auto& d : q.daily)
    t.rows.push_back(totals_row(day_text(d.date), d.totals, c, q.sl_target));
  t.footer.push_back(totals_row("Total", q.total, c, q.sl_target));
  return render_table(t);
}

std::string queue_facts(const PlanQueue& q, double interval) {
  std::vector<std::string> facts;
  if (interval > 0)
    facts.push_back(fmt::format("{}-minute intervals", format_number(interval / 60, 0)));
  if (!q.forecast.empty()) {
    double sum = 0;
    for (const auto& p : q.forecast) sum += std::isfinite(p.calls) ? p.calls : 0;
    facts.push_back(fmt::format("{} calls forecast from {} to {}", format_number(sum, 0),
                                format_time_label(time_x(q.forecast.front().start)),
                                format_time_label(time_x(q.forecast.back().start))));
  }
  if (!q.staffing.empty()) {
    double peak = 0;
    std::size_t bad = 0;
    for (const auto& p : q.staffing) {
      if (std::isfinite(p.scheduled_agents)) peak = std::max(peak, p.scheduled_agents);
      bad += p.feasible ? 0 : 1;
    }
    facts.push_back("peak scheduled agents " +
                    format_number(peak, peak == std::floor(peak) ? 0 : 1));
    if (bad) facts.push_back(fmt::format("{} infeasible interval{}", bad, bad == 1 ? "" : "s"));
  }
  std::string target = sl_target_text(q);
  if (!target.empty()) facts.push_back("service-level target " + target);
  std::string out = "<p class=\"note\">";
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (i) out += " \u00b7 ";
    append_escaped(out, facts[i]);
  }
  out += "</p>\n";
  return out;
}

// One headline figure: label, value, and the change against the previous plan.
struct Figure {
  std::string label, value, delta;
};

}  // namespace

BelowTarget below_target(const PlanQueue& queue) {
  if (!queue.sl_target) return {};
  BelowTargetCount count(*queue.sl_target);
  for (const auto& p : queue.staffing)
    count.add(p.simulated_sl, p.simulated_sl_half_width, p.calls);
  return count.result();
}

std::string render_headline(const PlanReportData& data) {
  if (data.queues.empty()) return {};
  const PlanTotals& t = data.overall ? *data.overall : data.queues.front().total;
  const PlanTotals* prev = data.previous ? &*data.previous : nullptr;
  std::vector<Figure> figs;
  const auto delta = [&](const std::optional<double>& now, const std::optional<double>& before,
                         double scale, int decimals, std::string_view suffix) {
    if (!prev || !now || !before) return std::string{};
    return format_delta((*now - *before) * scale, decimals, suffix);
  };
  figs.push_back({"FTE", format_number(t.fte, 1),
                  delta(t.fte, prev ? std::optional(prev->fte) : std::nullopt, 1, 1, {})});
  figs.push_back(
      {"agent-hours", format_number(t.agent_hours, 0),
       delta(t.agent_hours, prev ? std::optional(prev->agent_hours) : std::nullopt, 1, 0, {})});
  if (t.cost) {
    figs.push_back({data.currency.empty() ? "cost" : "cost (" + data.currency + ")",
                    format_number(*t.cost, 0),
                    delta(t.cost, prev ? prev->cost : std::nullopt, 1, 0, {})});
  }
  const auto rate = [&](const char* label, const std::optional<double>& now,
                        const std::optional<double> PlanTotals::*field) {
    if (!now) return;
    figs.push_back({label, format_percent(now, 1),
                    delta(now, prev ? prev->*field : std::nullopt, 100, 1, " pts")});
  };
  rate("service level", t.sl, &PlanTotals::sl);
  rate("simulated SL", t.simulated_sl, &PlanTotals::simulated_sl);
  if (t.asa_s) {
    figs.push_back({"ASA", format_number(*t.asa_s, 1) + " s",
                    delta(t.asa_s, prev ? prev->asa_s : std::nullopt, 1, 1, " s")});
  }
  rate("abandon rate", t.abandonment, &PlanTotals::abandonment);
  rate("occupancy", t.occupancy, &PlanTotals::occupancy);
  std::string out = "<section id=\"headline\" class=\"headline\">\n";
  for (const Figure& f : figs) {
    out += "<div class=\"figure\"><div class=\"label\">";
    append_escaped(out, f.label);
    out += "</div><div class=\"value\">";
    append_escaped(out, f.value);
    out += "</div>";
    if (!f.delta.empty()) {
      out += "<div class=\"delta\">";
      append_escaped(out, f.delta + " vs last plan");
      out += "</div>";
    }
    out += "</div>\n";
  }
  out += "</section>\n";
  if (prev) {
    out += "<p class=\"note\">Changes against the previous plan";
    if (!data.previous_label.empty()) {
      out += " (";
      append_escaped(out, data.previous_label);
      out += ")";
    }
    out += "; service level, abandon rate and occupancy in percentage points.</p>\n";
  }
  return out;
}

std::string render_plan_queue(const PlanQueue& queue, std::size_t index,
                              const std::string& currency) {
  std::string id = fmt::format("q{}", index);
  double interval = interval_of(queue);
  std::string inner = queue_facts(queue, interval);
  inner += calls_chart(queue, id + "-calls", interval);
  inner += agents_chart(queue, id + "-agents", interval);
  inner += sl_chart(queue, id + "-sl", interval);
  inner += queue_sl_note(queue);
  inner += occupancy_chart(queue, id + "-occupancy", interval);
  inner += daily_table(queue, currency);
  return render_section(id, "Queue " + queue.name, inner);
}

std::string render_plan_report(const PlanReportData& data) {
  std::string body = "<header class=\"top\">\n<h1>";
  append_escaped(body, data.title);
  body += "</h1>\n";
  if (!data.generated_at.empty()) {
    body += "<div class=\"meta\">Generated ";
    append_escaped(body, data.generated_at);
    body += "</div>\n";
  }
  body +=
      "<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#assumptions\">"
      "Assumptions</a>";
  for (std::size_t i = 0; i < data.queues.size(); ++i) {
    body += fmt::format("<a href=\"#q{}\">", i);
    append_escaped(body, data.queues[i].name);
    body += "</a>";
  }
  if (data.schedule) body += "<a href=\"#schedule\">Schedule</a>";
  body += "</nav>\n</header>\n";
  body += render_headline(data);
  body += render_warnings(data.warnings);
  body += summary_section(data);
  std::string assumptions = data.assumptions.empty()
                                ? std::string("<p class=\"note\">None recorded.</p>\n")
                                : render_key_values(data.assumptions);
  body += render_section("assumptions", "Assumptions", assumptions);
  for (std::size_t i = 0; i < data.queues.size(); ++i) {
    body += render_plan_queue(data.queues[i], i, data.currency);
  }
  if (data.schedule) body += render_schedule_section(*data.schedule);
  return render_page(data.title, body);
}

}  // namespace wfm::report
