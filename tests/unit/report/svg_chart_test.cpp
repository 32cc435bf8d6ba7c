// wfm::report SVG charts (src/wfm/report/svg_chart.hpp): scales, nice and time ticks, exact path
// data for small known series (line, step, band, gaps), decimation of long series, robustness
// (empty, single point, all zero, non-finite values: no "nan"/"inf" in the output) and the heat
// map table.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "unit/report/page_checks.hpp"
#include "wfm/report/svg_chart.hpp"

using namespace wfm::report;
using wfm::report::test::count;
using wfm::report::test::non_finite_text;
using wfm::report::test::tag_balance_error;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Seconds since the local epoch of a wall-clock time.
double at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
  using namespace std::chrono;
  auto t = local_seconds{local_days{year{y} / month{m} / day{d}}} + hours{hh} + minutes{mm};
  return static_cast<double>(t.time_since_epoch().count());
}

Series named_series(std::string name, SeriesStyle style) {
  Series s;
  s.name = std::move(name);
  s.style = style;
  return s;
}

// A 400 x 200 number chart with y fixed to [0, 10]: the plot is x 64..384, y 160 (0) .. 28 (10).
ChartSpec small_chart() {
  ChartSpec spec;
  spec.id = "c";
  spec.width = 400;
  spec.height = 200;
  spec.x_axis = AxisKind::number;
  spec.y_min = 0;
  spec.y_max = 10;
  spec.hover_columns = 0;
  return spec;
}

// The "d" attribute of the first path of the series named `name`.
std::string path_of(const std::string& svg, const std::string& name) {
  auto g = svg.find("data-series=\"" + name + "\"");
  if (g == std::string::npos) return "<no series>";
  auto d = svg.find(" d=\"", g);
  auto end = svg.find('"', d + 4);
  return svg.substr(d + 4, end - d - 4);
}

}  // namespace

TEST_CASE("plot area and linear scales", "[report][svg]") {
  PlotArea a = plot_area(small_chart());
  CHECK(a.left == 64);
  CHECK(a.right == 384);
  CHECK(a.top == 28);
  CHECK(a.bottom == 160);
  LinearScale s{0, 10, 160, 28};
  CHECK(s(0) == 160);
  CHECK(s(10) == 28);
  CHECK(s(5) == 94);
  CHECK(s.invert(94) == 5);
  LinearScale flat{3, 3, 0, 100};  // degenerate domain: the middle, never NaN
  CHECK(flat(3) == 50);
  CHECK(flat(7) == 50);
}

TEST_CASE("nice ticks cover the range with round steps", "[report][svg]") {
  CHECK(nice_ticks(0, 97, 6) == std::vector<double>{0, 20, 40, 60, 80, 100});
  CHECK(nice_ticks(0, 1, 5) == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
  CHECK(tick_decimals(nice_ticks(0, 1, 5)) == 2);
  CHECK(tick_decimals(nice_ticks(0, 97, 6)) == 0);
  auto t = nice_ticks(13, 13, 5);  // one value: still a range
  REQUIRE(t.size() >= 2);
  CHECK(t.front() <= 13);
  CHECK(t.back() > 13);
  auto z = nice_ticks(0, 0, 5);
  CHECK(z.front() == 0);
  CHECK(z.back() == 1);
  auto nan = nice_ticks(kNaN, kInf, 5);
  for (double v : nan) CHECK(std::isfinite(v));
  auto neg = nice_ticks(-7, 3, 6);
  CHECK(neg.front() <= -7);
  CHECK(neg.back() >= 3);
}

TEST_CASE("time ticks fall on round wall-clock steps", "[report][svg]") {
  auto day = time_ticks(at(2024, 3, 4), at(2024, 3, 5), 5);
  REQUIRE(day.size() == 5);
  CHECK(day[0].x == at(2024, 3, 4, 0));
  CHECK(day[0].label == "00:00");
  CHECK(day[1].label == "06:00");
  CHECK(day[4].label == "00:00");

  auto weeks = time_ticks(at(2024, 2, 5, 7), at(2024, 3, 10, 21), 6);  // 5 weeks: weekly ticks
  REQUIRE(weeks.size() == 4);
  CHECK(weeks[0].x == at(2024, 2, 12));  // Mondays
  CHECK(weeks[0].label == "Mon 12 Feb");
  CHECK(weeks[3].label == "Mon 4 Mar");

  CHECK(format_time_label(at(2024, 3, 4, 8, 15)) == "Mon 4 Mar 2024 08:15");
  CHECK(format_interval_label(at(2024, 3, 4, 8, 15), 900) == "Mon 4 Mar 2024 08:15\u201308:30");
  CHECK(format_interval_label(at(2024, 3, 4, 8, 15), 0) == "Mon 4 Mar 2024 08:15");
  CHECK(time_ticks(kNaN, 1, 5).empty());
}

TEST_CASE("a broken scale lays the data ranges side by side", "[report][svg]") {
  // [0, 10] and [100, 110] over pixels 0..110 with a 10 px break: 50 px each.
  BrokenScale s = broken_scale({{100, 110}, {0, 4}, {4, 10}}, 20, 0, 110, 10);
  REQUIRE(s.pieces.size() == 2);
  CHECK(s.pieces[0].r1 == Approx(50));
  CHECK(s.pieces[1].r0 == Approx(60));
  CHECK(s(5) == Approx(25));
  CHECK(s(105) == Approx(85));
  CHECK(s(55) == Approx(55));    // in the gap: across the break
  CHECK(s(-10) == Approx(-50));  // outside: the end piece's slope
  CHECK(s.invert(85) == Approx(105));
  CHECK(s.invert(55) == Approx(55));
  CHECK(s.invert(25) == Approx(5));
  for (double v = -5; v < 115; v += 1) CHECK(s(v + 1) > s(v));  // increasing everywhere
  // A gap no wider than min_gap is kept; min_gap 0 keeps everything in one piece.
  CHECK(broken_scale({{0, 10}, {100, 110}}, 90, 0, 110, 10).pieces.size() == 1);
  CHECK(broken_scale({{0, 10}, {100, 110}}, 0, 0, 110, 10).pieces.size() == 1);
  // Breaks narrowed to a quarter of the width; one piece when they would be under 3 px.
  std::vector<std::pair<double, double>> many;
  for (int i = 0; i < 20; ++i) many.emplace_back(100 * i, 100 * i + 10);
  const BrokenScale narrowed = broken_scale(many, 20, 0, 380, 10);
  REQUIRE(narrowed.pieces.size() == 20);
  CHECK(narrowed.pieces[1].r0 - narrowed.pieces[0].r1 == Approx(5));  // 380 / 4 / 19
  CHECK(narrowed.pieces.back().r1 == Approx(380));
  CHECK(broken_scale(many, 20, 0, 200, 10).pieces.size() == 1);  // 200 / 4 / 19 < 3
}

TEST_CASE("day labels sit under the middle of each day's shown part", "[report][svg]") {
  // Mon 08:00 .. Tue 18:00 over 0..1020 px: 16 h of Monday (480 px), 18 h of Tuesday (540 px).
  BrokenScale s = broken_scale({{at(2024, 3, 4, 8), at(2024, 3, 5, 18)}}, 0, 0, 1020, 10);
  auto labels = day_labels(s);
  REQUIRE(labels.size() == 2);
  CHECK(labels[0].text == "Mon 4 Mar");
  CHECK(labels[0].px == Approx(240));
  CHECK(labels[1].text == "Tue 5 Mar");
  CHECK(labels[1].px == Approx(750));
  // Narrow days get a short label, or none.
  auto narrow = day_labels(broken_scale({{at(2024, 3, 4), at(2024, 3, 9)}}, 0, 0, 250, 10));
  REQUIRE(narrow.size() == 5);
  CHECK(narrow[0].text == "4 Mar");
  CHECK(day_labels(broken_scale({{at(2024, 3, 4), at(2024, 3, 9)}}, 0, 0, 150, 10)).empty());
}

TEST_CASE("a time chart cuts out gaps and its tooltips name the data's intervals",
          "[report][svg]") {
  ChartSpec spec;
  spec.id = "c";
  spec.step_width = 3600;
  spec.gap_x = 5400;
  spec.collapse_gap_s = 7200;
  Series s;
  s.name = "agents";
  s.style = SeriesStyle::step;
  for (int d : {4, 5}) {
    for (int h = 8; h < 18; ++h) {
      s.x.push_back(at(2024, 3, d, h));
      s.y.push_back(h);
    }
  }
  spec.series = {s};
  std::string svg = render_chart(spec);
  CHECK(tag_balance_error(svg) == "");
  CHECK(count(svg, "class=\"axis-break\"") == 1);
  CHECK(svg.find("<title>no data from Mon 4 Mar 2024 18:00 to Tue 5 Mar 2024 08:00</title>") !=
        std::string::npos);
  CHECK(svg.find(">Mon 4 Mar</text>") != std::string::npos);
  CHECK(svg.find(">Tue 5 Mar</text>") != std::string::npos);
  CHECK(svg.find(">00:00</text>") == std::string::npos);  // no night on the axis
  // Every tooltip is one of the data's hours.
  std::size_t titles = 0, on_the_hour = 0;
  for (std::size_t i = svg.find("<rect class=\"hov\""); i != std::string::npos;
       i = svg.find("<rect class=\"hov\"", i + 1)) {
    ++titles;
    std::string t = svg.substr(svg.find("<title>", i) + 7, 40);
    on_the_hour += t.find(":00\u2013") != std::string::npos ? 1 : 0;
  }
  CHECK(titles >= 110);  // of 120 columns; one in the break may have no interval within reach
  CHECK(on_the_hour == titles);
  // Without collapse_gap_s the night stays.
  spec.collapse_gap_s = 0;
  CHECK(count(render_chart(spec), "class=\"axis-break\"") == 0);
}

TEST_CASE("coordinates have one decimal at most and never -0 or nan", "[report][svg]") {
  CHECK(format_coord(3.0) == "3");
  CHECK(format_coord(1.26) == "1.3");
  CHECK(format_coord(-2.5) == "-2.5");
  CHECK(format_coord(-0.04) == "0");
  CHECK(format_coord(170.6667) == "170.7");
  CHECK(format_coord(kNaN) == "0");
  CHECK(format_coord(-kInf) == "0");
}

TEST_CASE("a line series is one path through the scaled points", "[report][svg]") {
  ChartSpec spec = small_chart();
  Series s;
  s.name = "calls";
  s.x = {0, 1, 2};
  s.y = {0, 5, 10};
  spec.series = {s};
  std::string svg = render_chart(spec);
  CHECK(path_of(svg, "calls") == "M64,160L224,94 384,28");
  CHECK(count(svg, "<path") == 1);
  CHECK(svg.find("viewBox=\"0 0 400 200\"") != std::string::npos);
  CHECK(svg.find("xmlns") == std::string::npos);  // inline SVG in HTML needs no namespace URL
  CHECK(tag_balance_error(svg) == "");
}

TEST_CASE("a step series holds each value for its interval", "[report][svg]") {
  ChartSpec spec = small_chart();
  spec.y_max = 4;
  spec.step_width = 1;
  Series s;
  s.name = "agents";
  s.style = SeriesStyle::step;
  s.x = {0, 1, 2};
  s.y = {1, 3, 2};
  spec.series = {s};
  // x domain [0, 3] (the last step ends at 3): 64, 170.7, 277.3, 384; y 1 -> 127, 3 -> 61, 2 -> 94.
  CHECK(path_of(render_chart(spec), "agents") == "M64,127H170.7V61H277.3V94H384");
  CHECK(step_path({{0, 5}, {10, 5}, {20, 7}}, 30) == "M0,5H10H20V7H30");  // no V when level
}

TEST_CASE("a band is one closed path: upper bound forwards, lower bound back", "[report][svg]") {
  ChartSpec spec = small_chart();
  spec.y_max = 4;
  Series s;
  s.name = "band";
  s.style = SeriesStyle::band;
  s.x = {0, 1};
  s.y = {1, 2};
  s.y_hi = {3, 4};
  spec.series = {s};
  CHECK(path_of(render_chart(spec), "band") == "M64,61L384,28 384,94 64,127Z");
}

TEST_CASE("missing values and gaps wider than gap_x break the line", "[report][svg]") {
  ChartSpec spec = small_chart();
  Series s;
  s.name = "s";
  s.x = {0, 1, 2, 3};
  s.y = {0, kNaN, 5, 10};
  spec.series = {s};
  // x 0..3 -> 64..384 (106.7 per unit); a lone point becomes a dot ("h0" with round caps).
  CHECK(path_of(render_chart(spec), "s") == "M64,160h0M277.3,94L384,28");

  s.y = {0, 5, 5, 10};
  s.x = {0, 1, 5, 6};
  spec.series = {s};
  spec.gap_x = 1.5;
  CHECK(count(path_of(render_chart(spec), "s"), "M") == 2);
  spec.gap_x = 0;
  CHECK(count(path_of(render_chart(spec), "s"), "M") == 1);
}

TEST_CASE("long series are decimated per pixel column keeping extremes", "[report][svg]") {
  std::vector<Point> pts;
  for (int i = 0; i < 1000; ++i) pts.push_back({i / 100.0, std::sin(i * 0.37) * 10});
  pts[555].y = 99;
  pts[444].y = -99;
  auto d = decimate(pts);
  CHECK(d.size() <= 40);
  CHECK(d.front().x == pts.front().x);
  CHECK(d.back().x == pts.back().x);
  bool has_max = false, has_min = false;
  for (const auto& p : d) has_max |= p.y == 99, has_min |= p.y == -99;
  CHECK(has_max);
  CHECK(has_min);
  for (std::size_t i = 1; i < d.size(); ++i) CHECK(d[i].x >= d[i - 1].x);

  // 4 weeks of 5-minute intervals in a 1240-wide chart: one path of a few thousand points.
  ChartSpec spec;
  spec.x_axis = AxisKind::time;
  Series s;
  s.name = "calls";
  double t0 = at(2024, 2, 5);
  for (int i = 0; i < 28 * 288; ++i) {
    s.x.push_back(t0 + i * 300.0);
    s.y.push_back(50 + 40 * std::sin(i * 0.02) + (i % 7));
  }
  spec.series = {s};
  std::string svg = render_chart(spec);
  std::string d_attr = path_of(svg, "calls");
  CHECK(count(d_attr, " ") + 1 < 4 * 1200);
  CHECK(svg.size() < 120000);
  CHECK(count(svg, "<rect class=\"hov\"") == 120);
  CHECK(non_finite_text(svg) == "");
}

TEST_CASE("charts of empty, single-point, all-zero and non-finite data stay finite",
          "[report][svg]") {
  auto check = [](const ChartSpec& spec) {
    std::string svg = render_chart(spec);
    CHECK(non_finite_text(svg) == "");
    CHECK(tag_balance_error(svg) == "");
    return svg;
  };
  ChartSpec spec;
  spec.title = "empty";
  std::string empty = check(spec);
  CHECK(empty.find("No data") != std::string::npos);

  for (auto style : {SeriesStyle::line, SeriesStyle::area, SeriesStyle::step, SeriesStyle::band,
                     SeriesStyle::marks}) {
    Series s = named_series("s", style);
    spec.series = {s};
    check(spec);  // no points
    s.x = {at(2024, 3, 4, 8)};
    s.y = {3};
    s.y_hi = {4};
    spec.series = {s};
    std::string one = check(spec);
    CHECK(one.find("No data") == std::string::npos);
    s.x = {at(2024, 3, 4, 8), at(2024, 3, 4, 9), at(2024, 3, 4, 10)};
    s.y = {0, 0, 0};
    s.y_hi = {0, 0, 0};
    spec.series = {s};
    check(spec);  // all zero
    s.y = {kNaN, kInf, -kInf};
    s.y_hi = {kNaN, kNaN, kInf};
    spec.series = {s};
    check(spec);  // nothing finite
    spec.y_percent = true;
    spec.lines = {ReferenceLine{kNaN, "target", "#c00"}, ReferenceLine{0.8, "t", "#c00"}};
    check(spec);
  }
  spec.series.clear();
  spec.y_min = kNaN;
  spec.y_max = kInf;
  spec.width = 0;
  spec.height = 0;
  check(spec);
}

TEST_CASE("legend, reference lines and tooltips are escaped text", "[report][svg]") {
  ChartSpec spec = small_chart();
  spec.title = "Calls <q> & \"r\"";
  spec.hover_columns = 4;
  Series s;
  s.name = "Queue <A> & \"B\"";
  s.x = {0, 1, 2};
  s.y = {1, 2, 3};
  spec.series = {s};
  spec.lines = {ReferenceLine{8, "Target <80%>", "#c0392b"}};
  std::string svg = render_chart(spec);
  CHECK(svg.find("<figcaption>Calls &lt;q&gt; &amp; &quot;r&quot;</figcaption>") !=
        std::string::npos);
  CHECK(svg.find(">Queue &lt;A&gt; &amp; &quot;B&quot;</text>") != std::string::npos);
  CHECK(svg.find(">Target &lt;80%&gt;</text>") != std::string::npos);
  CHECK(count(svg, "<title>") == 4);
  CHECK(svg.find("Queue &lt;A&gt; &amp; &quot;B&quot;: 1.0</title>") != std::string::npos);
  CHECK(svg.find("<A>") == std::string::npos);
  CHECK(tag_balance_error(svg) == "");
}

TEST_CASE("heat colors run from light to dark and the heat table colors its cells",
          "[report][svg]") {
  CHECK(heat_color(0) == "#ffffcc");
  CHECK(heat_color(1) == "#800026");
  CHECK(heat_color(-3) == heat_color(0));
  CHECK(heat_color(kNaN) == heat_color(0));
  CHECK(heat_text_color(0) == "#1d2430");
  CHECK(heat_text_color(1) == "#ffffff");

  HeatMapSpec spec;
  spec.corner = "volume \\ aht";
  spec.row_labels = {"-10%", "+10% <x>"};
  spec.col_labels = {"+0s", "+15s"};
  spec.cells = {{{10.0, "10", "", "", false}, {20.0, "20", "+10", "tip", true}},
                {{30.0, "30", "", "", false}, {std::nullopt, "\u2013", "", "", false}}};
  spec.legend_label = "FTE";
  std::string html = render_heat_table(spec);
  CHECK(html.find("background:#ffffcc;") != std::string::npos);  // the lowest value
  CHECK(html.find("background:#800026;") != std::string::npos);  // the highest
  CHECK(html.find("class=\"num base\"") != std::string::npos);
  CHECK(html.find("+10% &lt;x&gt;") != std::string::npos);
  CHECK(html.find("FTE: 10.0") != std::string::npos);
  CHECK(count(html, "background:#") == 3);  // the missing cell is not colored
  CHECK(tag_balance_error(html) == "");
  CHECK(non_finite_text(html) == "");
}
