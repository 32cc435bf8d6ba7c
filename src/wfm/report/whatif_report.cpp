#include "wfm/report/whatif_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "wfm/report/html.hpp"
#include "wfm/report/svg_chart.hpp"

namespace wfm::report {

namespace {

std::optional<double> diff(const std::optional<double>& a, const std::optional<double>& b) {
  if (a && b) return *a - *b;
  return std::nullopt;
}

WhatifMetrics difference(const WhatifMetrics& m, const WhatifMetrics& base) {
  WhatifMetrics d;
  d.fte = m.fte - base.fte;
  d.agent_hours = m.agent_hours - base.agent_hours;
  d.cost = diff(m.cost, base.cost);
  d.sl = diff(m.sl, base.sl);
  d.asa_s = diff(m.asa_s, base.asa_s);
  d.abandonment = diff(m.abandonment, base.abandonment);
  d.occupancy = diff(m.occupancy, base.occupancy);
  return d;
}

const WhatifRow* base_row(const WhatifReportData& data) {
  for (const auto& r : data.rows) {
    if (r.label == data.base_name) return &r;
  }
  return nullptr;
}

// The delta of each row against the base: given, computed, or none (no base row).
std::vector<std::optional<WhatifMetrics>> deltas(const WhatifReportData& data) {
  const WhatifRow* base = base_row(data);
  std::vector<std::optional<WhatifMetrics>> out;
  for (const auto& r : data.rows) {
    if (r.delta) {
      out.push_back(r.delta);
    } else if (base) {
      out.push_back(difference(r.metrics, base->metrics));
    } else {
      out.emplace_back();
    }
  }
  return out;
}

std::string opt_delta(const std::optional<double>& v, int decimals, double scale,
                      std::string_view suffix) {
  if (!v) return {};
  return format_delta(*v * scale, decimals, suffix);
}

std::string money(const std::optional<double>& v, const std::string& currency) {
  if (!v || !std::isfinite(*v)) return std::string(kNoValue);
  return currency.empty() ? format_number(*v, 0) : currency + " " + format_number(*v, 0);
}

struct Columns {
  bool cost = false, sl = false, asa = false, abandonment = false, occupancy = false;
};

Columns columns_of(const WhatifReportData& data) {
  Columns c;
  for (const auto& r : data.rows) {
    c.cost |= r.metrics.cost.has_value();
    c.sl |= r.metrics.sl.has_value();
    c.asa |= r.metrics.asa_s.has_value();
    c.abandonment |= r.metrics.abandonment.has_value();
    c.occupancy |= r.metrics.occupancy.has_value();
  }
  return c;
}

bool use_cost(const WhatifReportData& data) {
  return data.heat_metric == HeatMetric::cost && columns_of(data).cost;
}

std::optional<double> heat_value(const WhatifReportData& data, const WhatifMetrics& m) {
  std::optional<double> v = use_cost(data) ? m.cost : std::optional<double>(m.fte);
  if (v && !std::isfinite(*v)) return std::nullopt;
  return v;
}

std::string describe(const WhatifReportData& data, const WhatifRow& r) {
  std::string t = r.label;
  t += fmt::format("\nFTE {}  agent-hours {}", format_number(r.metrics.fte, 1),
                   format_number(r.metrics.agent_hours, 1));
  if (r.metrics.cost) t += "\ncost " + money(r.metrics.cost, data.currency);
  if (r.metrics.sl) t += "\nSL " + format_percent(r.metrics.sl, 1);
  if (r.metrics.asa_s) t += "\nASA " + format_number(r.metrics.asa_s, 1) + " s";
  if (r.metrics.abandonment) t += "\nabandoned " + format_percent(r.metrics.abandonment, 1);
  if (r.metrics.occupancy) t += "\noccupancy " + format_percent(r.metrics.occupancy, 1);
  if (!r.feasible) t += "\ninfeasible intervals";
  return t;
}

HeatCell heat_cell(const WhatifReportData& data, const WhatifRow& r,
                   const std::optional<WhatifMetrics>& d) {
  HeatCell c;
  bool cost = use_cost(data);
  c.value = heat_value(data, r.metrics);
  c.text = cost ? money(r.metrics.cost, data.currency) : format_number(r.metrics.fte, 1);
  if (d && r.label != data.base_name) {
    c.sub = cost ? opt_delta(d->cost, 0, 1, {}) : format_delta(d->fte, 1);
  } else if (r.label == data.base_name) {
    c.sub = "base";
  }
  c.title = describe(data, r);
  c.highlight = r.label == data.base_name;
  return c;
}

std::string join_values(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    out += s;
    out += '\x1f';
  }
  return out;
}

}  // namespace

std::string render_whatif_heat_map(const WhatifReportData& data) {
  const auto& dims = data.dimensions;
  if (dims.empty() || data.rows.empty()) return {};
  auto ds = deltas(data);
  std::string metric = use_cost(data) ? "Cost" : "FTE";
  if (use_cost(data) && !data.currency.empty()) metric += " (" + data.currency + ")";
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& r : data.rows) {
    if (auto v = heat_value(data, r.metrics)) lo = std::min(lo, *v), hi = std::max(hi, *v);
  }
  std::optional<double> lo_opt, hi_opt;
  if (lo <= hi) lo_opt = lo, hi_opt = hi;
  int decimals = use_cost(data) ? 0 : 1;

  std::map<std::string, std::size_t> by_values;
  for (std::size_t i = 0; i < data.rows.size(); ++i)
    by_values[join_values(data.rows[i].values)] = i;

  std::string out;
  if (dims.size() == 1) {
    HeatMapSpec spec;
    spec.corner = dims[0].name;
    spec.col_labels = {metric};
    spec.lo = lo_opt;
    spec.hi = hi_opt;
    spec.legend_label = metric;
    spec.legend_decimals = decimals;
    for (const auto& v : dims[0].values) {
      spec.row_labels.push_back(v);
      auto it = by_values.find(join_values({v}));
      if (it == by_values.end()) {
        spec.cells.push_back({HeatCell{std::nullopt, std::string(kNoValue), {}, {}, false}});
      } else {
        spec.cells.push_back({heat_cell(data, data.rows[it->second], ds[it->second])});
      }
    }
    return render_heat_table(spec);
  }
  // One map per combination of the dimensions after the first two (odometer order).
  std::vector<std::size_t> rest(dims.size() - 2, 0);
  bool empty_rest = std::any_of(dims.begin() + 2, dims.end(),
                                [](const WhatifDimension& d) { return d.values.empty(); });
  if (empty_rest) return {};
  while (true) {
    HeatMapSpec spec;
    spec.corner = dims[0].name + " \u2193  " + dims[1].name + " \u2192";
    spec.row_labels = dims[0].values;
    spec.col_labels = dims[1].values;
    spec.lo = lo_opt;
    spec.hi = hi_opt;
    spec.legend_decimals = decimals;
    std::string caption = metric;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      caption += k == 0 ? " \u2014 " : ", ";
      caption += dims[k + 2].name + " " + dims[k + 2].values[rest[k]];
    }
    spec.caption = caption;
    for (const auto& rv : dims[0].values) {
      std::vector<HeatCell> row;
      for (const auto& cv : dims[1].values) {
        std::vector<std::string> key = {rv, cv};
        for (std::size_t k = 0; k < rest.size(); ++k) key.push_back(dims[k + 2].values[rest[k]]);
        auto it = by_values.find(join_values(key));
        if (it == by_values.end()) {
          row.push_back(HeatCell{std::nullopt, std::string(kNoValue), {}, {}, false});
        } else {
          row.push_back(heat_cell(data, data.rows[it->second], ds[it->second]));
        }
      }
      spec.cells.push_back(std::move(row));
    }
    // The color legend once, under the last map.
    std::size_t k = 0;
    while (k < rest.size() && rest[k] + 1 == dims[k + 2].values.size()) ++k;
    bool last = k == rest.size();
    if (last) spec.legend_label = metric;
    out += "<div class=\"heat-item\">" + render_heat_table(spec) + "</div>\n";
    if (last) break;
    // Advance the odometer.
    for (std::size_t j = 0; j < rest.size(); ++j) {
      if (++rest[j] < dims[j + 2].values.size()) break;
      rest[j] = 0;
    }
  }
  return "<div class=\"heat-grid\">\n" + out + "</div>\n";
}

std::string render_whatif_report(const WhatifReportData& data) {
  Columns c = columns_of(data);
  auto ds = deltas(data);
  std::string body = "<header class=\"top\">\n<h1>";
  append_escaped(body, data.title);
  body += "</h1>\n<div class=\"meta\">";
  body += fmt::format("{} variant{} against the base ", data.rows.size(),
                      data.rows.size() == 1 ? "" : "s");
  body += "<strong>";
  append_escaped(body, data.base_name);
  body += "</strong>";
  if (!data.dimensions.empty()) {
    body += "; varied: ";
    for (std::size_t i = 0; i < data.dimensions.size(); ++i) {
      if (i) body += ", ";
      append_escaped(body, fmt::format("{} ({} values)", data.dimensions[i].name,
                                       data.dimensions[i].values.size()));
    }
  }
  if (!data.generated_at.empty()) {
    body += ". Generated ";
    append_escaped(body, data.generated_at);
  }
  body +=
      "</div>\n<nav class=\"toc\"><a href=\"#heatmap\">Heat map</a><a href=\"#comparison\">"
      "Comparison</a><a href=\"#assumptions\">Assumptions</a></nav>\n</header>\n";
  body += render_warnings(data.warnings);

  std::string heat = render_whatif_heat_map(data);
  if (heat.empty())
    heat = "<p class=\"note\">No varied dimension: nothing to map.</p>\n";
  else
    heat.insert(0,
                "<p class=\"note\">Darker is more. The base variant is outlined; the small "
                "figure is the change against it. Hover a cell for every metric.</p>\n");
  body += render_section("heatmap", use_cost(data) ? "Cost by variant" : "FTE by variant", heat);

  Table t;
  t.header.emplace_back("variant");
  for (const auto& d : data.dimensions) t.header.emplace_back(d.name);
  t.header.push_back(num_cell("FTE"));
  t.header.push_back(num_cell("agent-hours"));
  if (c.cost)
    t.header.push_back(num_cell(data.currency.empty() ? "cost" : "cost (" + data.currency + ")"));
  if (c.sl) t.header.push_back(num_cell("SL"));
  if (c.asa) t.header.push_back(num_cell("ASA"));
  if (c.abandonment) t.header.push_back(num_cell("abandoned"));
  if (c.occupancy) t.header.push_back(num_cell("occupancy"));
  for (std::size_t i = 0; i < data.rows.size(); ++i) {
    const WhatifRow& r = data.rows[i];
    const auto& d = ds[i];
    bool is_base = r.label == data.base_name;
    auto sub = [&](std::string s) { return is_base ? std::string() : s; };
    std::vector<Cell> row;
    Cell label(r.label);
    if (is_base) label.sub = "base";
    if (!r.feasible) {
      label.sub = "infeasible intervals";
      label.css_class = "miss";
    }
    row.push_back(std::move(label));
    for (std::size_t k = 0; k < data.dimensions.size(); ++k) {
      row.emplace_back(k < r.values.size() ? r.values[k] : std::string(kNoValue));
    }
    row.push_back(num_cell(format_number(r.metrics.fte, 1), d ? sub(format_delta(d->fte, 1)) : ""));
    row.push_back(num_cell(format_number(r.metrics.agent_hours, 1),
                           d ? sub(format_delta(d->agent_hours, 1)) : ""));
    if (c.cost) {
      row.push_back(
          num_cell(money(r.metrics.cost, {}), d ? sub(opt_delta(d->cost, 0, 1, {})) : ""));
    }
    if (c.sl) {
      Cell sl =
          num_cell(format_percent(r.metrics.sl, 1), d ? sub(opt_delta(d->sl, 1, 100, " pp")) : "");
      if (r.metrics.sl && data.sl_target && *r.metrics.sl < *data.sl_target) {
        sl.css_class = "miss";
        sl.title = "below the target of " + format_percent(*data.sl_target, 1);
      }
      row.push_back(std::move(sl));
    }
    if (c.asa) {
      std::string asa =
          r.metrics.asa_s ? format_number(*r.metrics.asa_s, 1) + " s" : std::string(kNoValue);
      row.push_back(num_cell(asa, d ? sub(opt_delta(d->asa_s, 1, 1, " s")) : ""));
    }
    if (c.abandonment) {
      row.push_back(num_cell(format_percent(r.metrics.abandonment, 1),
                             d ? sub(opt_delta(d->abandonment, 1, 100, " pp")) : ""));
    }
    if (c.occupancy) {
      row.push_back(num_cell(format_percent(r.metrics.occupancy, 1),
                             d ? sub(opt_delta(d->occupancy, 1, 100, " pp")) : ""));
    }
    if (is_base) {
      for (auto& cell : row) cell.css_class += cell.css_class.empty() ? "base-row" : " base-row";
    }
    t.rows.push_back(std::move(row));
  }
  std::string table = render_table(t);
  if (data.rows.empty()) table.insert(0, "<p class=\"note\">No variants.</p>\n");
  body += render_section("comparison", "Comparison with the base", table);

  std::string assumptions = data.assumptions.empty()
                                ? std::string("<p class=\"note\">None recorded.</p>\n")
                                : render_key_values(data.assumptions);
  body += render_section("assumptions", "Base assumptions", assumptions);
  return render_page(data.title, body);
}

}  // namespace wfm::report
