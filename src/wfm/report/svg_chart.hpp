// Small inline-SVG charts for the HTML reports, drawn by our own code (no chart library, no
// scripts): line, area, step and band (prediction or confidence interval) series on a linear y
// axis against a number or wall-clock time x axis, with nice ticks, grid, legend, reference lines
// (a service-level target) and tooltips through SVG <title> elements; plus a heat-map table.
//
// Size: each series is one <path> (segments joined in one "d" attribute), whatever its length.
// When a segment has more points than twice the plot's pixel width, it is decimated per pixel
// column keeping the first, lowest, highest and last point (so peaks survive: 4 weeks of 5-minute
// intervals stay a few thousand coordinates). Tooltips come from a fixed number of transparent
// hover columns (ChartSpec::hover_columns), each with a <title> naming the time and every series'
// value at one data point (the interval the column falls in, so the times are the data's own).
// A time axis can cut out long gaps without data (ChartSpec::collapse_gap_s: a contact center's
// closed nights and days): the ranges with data sit side by side, separated by a narrow shaded
// break. Day labels are centered under the part of each day that is shown. Coordinates are
// written with at most one decimal; non-finite values break a line and never reach the output.
// Tested in tests/unit/report/svg_chart_test.cpp.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/time.hpp"

namespace wfm::report {

// A y value that draws nothing: non-finite values break a line.
inline constexpr double kNoPoint = std::numeric_limits<double>::quiet_NaN();

// The x of a time axis (XAxis::time): seconds since the local epoch.
inline double time_x(core::LocalTime t) {
  return static_cast<double>(t.time_since_epoch().count());
}

enum class SeriesStyle {
  line,   // polyline through the points
  area,   // polyline filled down to y = 0 (or the bottom of the plot)
  step,   // each point's value held until the next point (intervals); see ChartSpec::step_width
  band,   // filled region between y (lower) and y_hi (upper)
  marks,  // short vertical ticks at the bottom of the plot where y is finite (flags)
};

enum class AxisKind {
  number,  // x is a plain number
  time,    // x is seconds since the local epoch: time_x(LocalTime)
};

struct Series {
  std::string name;               // legend and tooltip label (escaped)
  std::string color = "#1f5fa8";  // CSS color
  SeriesStyle style = SeriesStyle::line;
  std::vector<double> x;     // ascending
  std::vector<double> y;     // same size as x; non-finite (NaN) = no value (a gap)
  std::vector<double> y_hi;  // band only: upper bound, same size as x
  bool dashed = false;
  double stroke_width = 1.6;
  double fill_opacity = 0.18;  // area and band fills
  bool in_legend = true;
  bool in_tooltip = true;
};

// A horizontal line across the plot, e.g. the service-level target.
struct ReferenceLine {
  double y = 0;
  std::string label;  // drawn at the right end of the line (escaped)
  std::string color = "#c0392b";
};

struct ChartSpec {
  std::string id;       // element id of the <figure> ([A-Za-z0-9_-]); empty: none
  std::string title;    // <figcaption> (escaped)
  std::string y_label;  // rotated label left of the y axis (escaped)
  AxisKind x_axis = AxisKind::time;
  bool y_percent = false;       // y values are fractions; ticks and tooltips shown as percentages
  int y_decimals = 1;           // decimals in tooltips (after scaling to % when y_percent)
  std::optional<double> y_min;  // fixed y range; otherwise from the data (and 0) to nice ticks
  std::optional<double> y_max;
  double gap_x = 0;  // break lines where consecutive x differ by more than this; 0: never
  // Time axis: cut out gaps longer than this (seconds) between the x ranges that hold data; 0:
  // never. Should be >= gap_x, so that no line crosses a cut.
  double collapse_gap_s = 0;
  double step_width = 0;  // x extent of each step; 0: the smallest x difference in the series
  int width = 1240;       // viewBox size; the SVG scales to the page width
  int height = 280;
  int hover_columns = 120;  // tooltip columns; 0: no tooltips
  std::vector<Series> series;
  std::vector<ReferenceLine> lines;
};

// The collapse_gap_s of the reports' interval charts: gaps without data of more than two hours,
// or four intervals when that is longer (closed nights and days), are cut out.
inline double closed_gap_s(double interval_s) {
  return interval_s * 4 > 7200 ? interval_s * 4 : 7200;
}

// The plot rectangle inside the viewBox, in viewBox units.
struct PlotArea {
  double left = 0, top = 0, right = 0, bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};
PlotArea plot_area(const ChartSpec& spec);

// Maps [d0, d1] linearly to [r0, r1]; a degenerate domain maps everything to the middle.
struct LinearScale {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
  double operator()(double v) const;
  double invert(double r) const;
};

// "Nice" tick values (steps 1, 2, 2.5 or 5 times a power of ten) covering [lo, hi] with at most
// about max_count ticks; the first tick is <= lo and the last >= hi. lo == hi gets a unit range.
std::vector<double> nice_ticks(double lo, double hi, int max_count);
// Decimals needed to print the ticks of nice_ticks() (from their step).
int tick_decimals(const std::vector<double>& ticks);

// An x axis made of pieces laid side by side (a time axis with its long gaps cut out): each piece
// maps data [d0, d1] linearly to pixels [r0, r1]; a value in a gap maps linearly across the break
// between two pieces, so the mapping is continuous and increasing. One piece: a linear scale.
struct AxisPiece {
  double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
};
struct BrokenScale {
  std::vector<AxisPiece> pieces;  // ascending in d and r; never empty when used
  double operator()(double v) const;
  double invert(double r) const;
  double d0() const { return pieces.front().d0; }
  double d1() const { return pieces.back().d1; }
};
// The data ranges [first, second] (any order) merged where the gap between them is at most
// `min_gap` (every range merged into one when min_gap <= 0), laid over pixels [r0, r1] with
// `break_px` between pieces (narrowed so that the breaks take at most a quarter of the width),
// each piece as wide as its share of the data. One piece when a break would be under 3 px.
BrokenScale broken_scale(std::vector<std::pair<double, double>> ranges, double min_gap, double r0,
                         double r1, double break_px);

struct TimeTick {
  double x = 0;       // seconds since the local epoch
  std::string label;  // "08:00" or, for day steps and longer, "Mon 4 Mar"
};
// Ticks at round wall-clock steps (15 min ... 4 weeks; weeks start on Monday) within [lo, hi],
// at most max_count of them.
std::vector<TimeTick> time_ticks(double lo_s, double hi_s, int max_count);
// "Mon 4 Mar 2024 08:15" for tooltips.
std::string format_time_label(double seconds);
// "Mon 4 Mar 2024 08:15\u201308:30" (an interval of width_s seconds; width_s <= 0: the start only).
std::string format_interval_label(double seconds, double width_s);

// A day's label under a time axis: the day and where its center sits in pixels.
struct DayLabel {
  double px = 0;
  std::string text;  // "Mon 4 Mar", or "4 Mar" when the shown part of the day is narrow
};
// One label per calendar day whose shown part (in `scale`'s pieces) is wide enough for it
// (70 px for "Mon 4 Mar", 40 px for "4 Mar"), centered under that part.
std::vector<DayLabel> day_labels(const BrokenScale& scale);

// A coordinate with at most one decimal, no trailing ".0", never "-0"; non-finite -> "0".
std::string format_coord(double v);

// Pixel-space points and path data (exposed for tests).
struct Point {
  double x = 0;
  double y = 0;
};
// Per pixel column (floor(x)), keeps the first, lowest, highest and last point, in x order.
std::vector<Point> decimate(const std::vector<Point>& points);
// "M x,y L x,y x,y ..." (one decimal).
std::string polyline_path(const std::vector<Point>& points);
// Steps: point i holds y_i from x_i to x_{i+1}; the last one until end_x. "M x0,y0 H x1 V y1 ...".
std::string step_path(const std::vector<Point>& points, double end_x);

// The chart as <figure><figcaption/><svg>...</svg></figure>.
std::string render_chart(const ChartSpec& spec);

// Heat-map table: a table of values colored on a sequential scale (light yellow to dark red).
struct HeatCell {
  std::optional<double> value;  // colors the cell; nullopt: uncolored
  std::string text;             // shown (escaped)
  std::string sub;              // second line, e.g. the delta vs base (escaped)
  std::string title;            // tooltip (escaped)
  bool highlight = false;       // outlined (the base variant)
};
struct HeatMapSpec {
  std::string caption;
  std::string corner;  // top-left header cell, e.g. "volume \u2193 aht \u2192"
  std::vector<std::string> row_labels;
  std::vector<std::string> col_labels;
  std::vector<std::vector<HeatCell>> cells;  // [row][col]
  std::optional<double> lo, hi;              // color range; default: min and max of the values
  std::string legend_label;                  // e.g. "FTE"; shown with the color scale
  int legend_decimals = 1;
};
std::string render_heat_table(const HeatMapSpec& spec);

// Sequential color for t in [0, 1] (clamped; non-finite -> 0) and a readable text color on it.
std::string heat_color(double t);
std::string heat_text_color(double t);

}  // namespace wfm::report
