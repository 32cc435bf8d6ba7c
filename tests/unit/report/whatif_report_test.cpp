// wfm::report what-if report (src/wfm/report/whatif_report.hpp): the comparison table with deltas
// (given or computed from the base row), the heat map for 0, 1, 2 and 3 varied dimensions, cost
// as the heat metric, escaping, well-formed self-contained pages without "nan"/"inf".
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "unit/report/page_checks.hpp"
#include "wfm/report/whatif_report.hpp"

using namespace wfm::report;
using wfm::report::test::count;
using wfm::report::test::non_finite_text;
using wfm::report::test::self_contained;
using wfm::report::test::tag_balance_error;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

WhatifRow row(std::string label, std::vector<std::string> values, double fte) {
  WhatifRow r;
  r.label = std::move(label);
  r.values = std::move(values);
  r.metrics.fte = fte;
  r.metrics.agent_hours = fte * 40;
  r.metrics.cost = fte * 40 * 30;
  r.metrics.sl = 0.82;
  r.metrics.asa_s = 14;
  r.metrics.abandonment = 0.03;
  r.metrics.occupancy = 0.85;
  return r;
}

// volume x aht, base = volume 0, aht +0s.
WhatifReportData grid2() {
  WhatifReportData data;
  data.base_name = "base";
  data.sl_target = 0.8;
  data.dimensions = {{"volume", {"-10%", "0", "+10%"}}, {"aht", {"+0s", "+15s"}}};
  data.rows = {row("volume=-10% aht=+0s", {"-10%", "+0s"}, 90),
               row("base", {"0", "+0s"}, 100),
               row("volume=+10% aht=+0s", {"+10%", "+0s"}, 110),
               row("volume=-10% aht=+15s", {"-10%", "+15s"}, 95),
               row("volume=0 aht=+15s", {"0", "+15s"}, 105),
               row("volume=+10% aht=+15s", {"+10%", "+15s"}, 116)};
  data.rows[5].metrics.sl = 0.78;
  data.rows[5].feasible = false;
  return data;
}

void check_page(const std::string& html) {
  CHECK(tag_balance_error(html) == "");
  CHECK(non_finite_text(html) == "");
  CHECK(self_contained(html));
}

}  // namespace

TEST_CASE("the what-if report has the heat map, the comparison and the assumptions",
          "[report][whatif]") {
  WhatifReportData data = grid2();
  data.assumptions = {{"scenario", "base.toml"}};
  data.warnings = {"variant <x>: 3 intervals infeasible"};
  std::string html = render_whatif_report(data);
  check_page(html);
  for (const char* want :
       {"<section id=\"heatmap\">", "<section id=\"comparison\">", "<section id=\"assumptions\">",
        "<h2>FTE by variant</h2>", "class=\"heat\"",
        "<li>variant &lt;x&gt;: 3 intervals infeasible</li>",
        "6 variants against the base <strong>base</strong>", "volume (3 values), aht (2 values)",
        "<dt>scenario</dt><dd>base.toml</dd>", "infeasible intervals"}) {
    INFO(want);
    CHECK(html.find(want) != std::string::npos);
  }
}

TEST_CASE("deltas are computed from the base row unless given", "[report][whatif]") {
  WhatifReportData data = grid2();
  data.rows[0].delta =
      WhatifMetrics{-7.5, 0, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  std::string html = render_whatif_report(data);
  // Computed: +10% volume -> FTE 110 vs 100, cost +12,000, agent-hours +400.
  CHECK(html.find(">110.0<span class=\"sub\">+10.0</span>") != std::string::npos);
  CHECK(html.find(">4,400.0<span class=\"sub\">+400.0</span>") != std::string::npos);
  CHECK(html.find(">132,000<span class=\"sub\">+12,000</span>") != std::string::npos);
  CHECK(html.find(">78.0%<span class=\"sub\">\u22124.0 pp</span>") != std::string::npos);
  // Given delta wins.
  CHECK(html.find(">90.0<span class=\"sub\">\u22127.5</span>") != std::string::npos);
  // SL below target flagged.
  CHECK(html.find("class=\"num miss\" title=\"below the target of 80.0%\">78.0%") !=
        std::string::npos);
  // The base row has no deltas.
  std::string table = html.substr(html.find("id=\"comparison\""));
  CHECK(table.find(">100.0<span class=\"sub\">") == std::string::npos);
}

TEST_CASE("two dimensions: one heat map, rows x columns, base outlined", "[report][whatif]") {
  std::string heat = render_whatif_heat_map(grid2());
  CHECK(count(heat, "<table class=\"heat\">") == 1);
  CHECK(count(heat, "<tr>") == 4);  // header + 3 volume rows
  CHECK(heat.find(">+15s</th>") != std::string::npos);
  CHECK(count(heat, "class=\"num base\"") == 1);
  CHECK(heat.find("background:#ffffcc;") != std::string::npos);  // 90 FTE, the lowest
  CHECK(heat.find("background:#800026;") != std::string::npos);  // 116 FTE, the highest
  CHECK(heat.find("FTE: 90.0") != std::string::npos);
}

TEST_CASE("three dimensions: one heat map per value of the third", "[report][whatif]") {
  WhatifReportData data;
  data.dimensions = {
      {"volume", {"0", "+10%"}}, {"aht", {"+0s", "+15s"}}, {"sl", {"80/20", "90/20"}}};
  double fte = 100;
  for (const auto& s : data.dimensions[2].values) {
    for (const auto& a : data.dimensions[1].values) {
      for (const auto& v : data.dimensions[0].values) {
        bool base = v == "0" && a == "+0s" && s == "80/20";
        data.rows.push_back(row(base ? "base" : v + a + s, {v, a, s}, fte));
        fte += 5;
      }
    }
  }
  std::string heat = render_whatif_heat_map(data);
  CHECK(count(heat, "<table class=\"heat\">") == 2);
  CHECK(heat.find("<caption>FTE \u2014 sl 80/20</caption>") != std::string::npos);
  CHECK(heat.find("<caption>FTE \u2014 sl 90/20</caption>") != std::string::npos);
  CHECK(count(heat, "legend-scale") == 1);  // one shared scale
  check_page(render_whatif_report(data));
}

TEST_CASE("one dimension: a single colored column; none: no heat map", "[report][whatif]") {
  WhatifReportData data;
  data.dimensions = {{"shrinkage", {"25%", "30%", "35%"}}};
  data.rows = {row("shrinkage=25%", {"25%"}, 95), row("base", {"30%"}, 100),
               row("shrinkage=35%", {"35%"}, 108)};
  std::string heat = render_whatif_heat_map(data);
  CHECK(count(heat, "<table class=\"heat\">") == 1);
  CHECK(count(heat, "<td class=\"num") == 3);
  check_page(render_whatif_report(data));

  WhatifReportData none;
  none.rows = {row("base", {}, 100)};
  CHECK(render_whatif_heat_map(none) == "");
  std::string html = render_whatif_report(none);
  check_page(html);
  CHECK(html.find("nothing to map") != std::string::npos);
}

TEST_CASE("cost as the heat metric, with the currency", "[report][whatif]") {
  WhatifReportData data = grid2();
  data.heat_metric = HeatMetric::cost;
  data.currency = "EUR";
  std::string html = render_whatif_report(data);
  check_page(html);
  CHECK(html.find("<h2>Cost by variant</h2>") != std::string::npos);
  CHECK(html.find("EUR 120,000") != std::string::npos);
  CHECK(html.find("cost (EUR)") != std::string::npos);
  // No cost anywhere: back to FTE.
  for (auto& r : data.rows) r.metrics.cost = std::nullopt;
  CHECK(render_whatif_report(data).find("<h2>FTE by variant</h2>") != std::string::npos);
}

TEST_CASE("what-if labels and values are escaped; degenerate data stays finite",
          "[report][whatif]") {
  WhatifReportData data = grid2();
  data.title = "What <if> & \"so\"";
  data.base_name = "<base>";
  data.rows[1].label = "<base>";
  data.dimensions[0].name = "vol<ume>";
  data.rows[2].metrics.fte = kNaN;
  data.rows[3].metrics.sl = kNaN;
  data.rows[4].values = {"missing", "cell"};
  std::string html = render_whatif_report(data);
  check_page(html);
  CHECK(html.find("<base>") == std::string::npos);
  CHECK(html.find("&lt;base&gt;") != std::string::npos);
  CHECK(html.find("vol&lt;ume&gt;") != std::string::npos);
  CHECK(html.find("<title>What &lt;if&gt; &amp; &quot;so&quot;</title>") != std::string::npos);

  check_page(render_whatif_report(WhatifReportData{}));
  WhatifReportData empty_values;
  empty_values.dimensions = {{"a", {}}, {"b", {}}, {"c", {}}};
  check_page(render_whatif_report(empty_values));
}
