#include "wfm/report/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "wfm/report/html.hpp"

namespace wfm::report {

namespace {

constexpr double kDay = 86400.0;
constexpr double kBreakPx = 10;  // width of a cut-out gap on a time axis
constexpr double kInf = std::numeric_limits<double>::infinity();

bool finite(double v) {
  return std::isfinite(v);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Scales and ticks

double LinearScale::operator()(double v) const {
  double span = d1 - d0;
  if (!(std::abs(span) > 0) || !finite(span)) return (r0 + r1) / 2;
  return r0 + (v - d0) / span * (r1 - r0);
}

double LinearScale::invert(double r) const {
  double span = r1 - r0;
  if (!(std::abs(span) > 0) || !finite(span)) return (d0 + d1) / 2;
  return d0 + (r - r0) / span * (d1 - d0);
}

std::vector<double> nice_ticks(double lo, double hi, int max_count) {
  if (!finite(lo) || !finite(hi)) lo = 0, hi = 1;
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    lo -= lo == 0 ? 0 : 0.5 * std::abs(lo);
    hi += hi == 0 ? 1 : 0.5 * std::abs(hi);
    if (lo == hi) hi = lo + 1;
  }
  max_count = std::max(max_count, 2);
  double raw = (hi - lo) / (max_count - 1);
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag * 10;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    double s = m * mag;
    double first = std::floor(lo / s + 1e-9) * s;
    double last = std::ceil(hi / s - 1e-9) * s;
    if (std::llround((last - first) / s) + 1 <= max_count) {
      step = s;
      break;
    }
  }
  double first = std::floor(lo / step + 1e-9) * step;
  double last = std::ceil(hi / step - 1e-9) * step;
  std::vector<double> ticks;
  long n = std::llround((last - first) / step);
  for (long i = 0; i <= n; ++i) {
    double t = first + static_cast<double>(i) * step;
    if (std::abs(t) < step * 1e-9) t = 0;
    ticks.push_back(t);
  }
  return ticks;
}

double BrokenScale::operator()(double v) const {
  if (pieces.empty()) return 0;
  // The last piece starting at or before v (the first one for values before the axis).
  auto it = std::upper_bound(pieces.begin(), pieces.end(), v,
                             [](double x, const AxisPiece& p) { return x < p.d0; });
  const AxisPiece& p = it == pieces.begin() ? pieces.front() : *std::prev(it);
  if (v > p.d1 && it != pieces.end()) {  // in the gap before *it: across the break
    return LinearScale{p.d1, it->d0, p.r1, it->r0}(v);
  }
  return LinearScale{p.d0, p.d1, p.r0, p.r1}(v);
}

double BrokenScale::invert(double r) const {
  if (pieces.empty()) return 0;
  auto it = std::upper_bound(pieces.begin(), pieces.end(), r,
                             [](double x, const AxisPiece& p) { return x < p.r0; });
  const AxisPiece& p = it == pieces.begin() ? pieces.front() : *std::prev(it);
  if (r > p.r1 && it != pieces.end()) return LinearScale{p.d1, it->d0, p.r1, it->r0}.invert(r);
  return LinearScale{p.d0, p.d1, p.r0, p.r1}.invert(r);
}

BrokenScale broken_scale(std::vector<std::pair<double, double>> ranges, double min_gap, double r0,
                         double r1, double break_px) {
  std::vector<std::pair<double, double>> merged;
  for (auto& [a, b] : ranges) {
    if (a > b) std::swap(a, b);
  }
  std::erase_if(ranges, [](const auto& r) { return !finite(r.first) || !finite(r.second); });
  std::sort(ranges.begin(), ranges.end());
  for (const auto& r : ranges) {
    if (!merged.empty() && (min_gap <= 0 || r.first - merged.back().second <= min_gap)) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  BrokenScale scale;
  if (merged.empty()) merged.emplace_back(0, 1);
  const double width = r1 - r0;
  if (merged.size() > 1) {  // the breaks take at most a quarter of the width
    break_px = std::min(break_px, width / 4 / static_cast<double>(merged.size() - 1));
  }
  const double breaks = break_px * static_cast<double>(merged.size() - 1);
  double data = 0;
  for (const auto& [a, b] : merged) data += b - a;
  if (merged.size() > 1 && (break_px < 3 || !(data > 0))) {
    merged = {{merged.front().first, merged.back().second}};
  }
  if (merged.size() == 1) {
    scale.pieces.push_back({merged[0].first, merged[0].second, r0, r1});
    return scale;
  }
  double px = r0;
  for (const auto& [a, b] : merged) {
    double w = (b - a) / data * (width - breaks);
    scale.pieces.push_back({a, b, px, px + w});
    px += w + break_px;
  }
  return scale;
}

int tick_decimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2) return 0;
  double step = std::abs(ticks[1] - ticks[0]);
  if (!(step > 0) || !finite(step)) return 0;
  for (int d = 0; d <= 6; ++d) {
    double scaled = step * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) return d;
  }
  return 6;
}

namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::local_seconds;
using std::chrono::seconds;

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year;
  unsigned month, day, weekday, hour, minute;
};

Civil civil(double secs) {
  auto s = local_seconds{seconds{static_cast<std::int64_t>(std::llround(secs))}};
  auto d = std::chrono::floor<days>(s);
  std::chrono::year_month_day ymd{d};
  std::chrono::weekday wd{d};
  auto tod = std::chrono::hh_mm_ss<seconds>{s - d};
  return Civil{int(ymd.year()),
               unsigned(ymd.month()),
               unsigned(ymd.day()),
               wd.c_encoding(),
               static_cast<unsigned>(tod.hours().count()),
               static_cast<unsigned>(tod.minutes().count())};
}

std::string day_label(const Civil& c) {
  return fmt::format("{} {} {}", kWeekdays[c.weekday % 7], c.day, kMonths[(c.month + 11) % 12]);
}

}  // namespace

std::string format_time_label(double secs) {
  if (!finite(secs)) return std::string(kNoValue);
  Civil c = civil(secs);
  return fmt::format("{} {} {:02}:{:02}", day_label(c), c.year, c.hour, c.minute);
}

std::string format_interval_label(double secs, double width_s) {
  std::string out = format_time_label(secs);
  if (!finite(secs) || !(width_s > 0) || !finite(width_s)) return out;
  Civil end = civil(secs + width_s);
  return out + fmt::format("\u2013{:02}:{:02}", end.hour, end.minute);
}

std::vector<DayLabel> day_labels(const BrokenScale& scale) {
  std::vector<DayLabel> out;
  for (const AxisPiece& p : scale.pieces) {
    if (!finite(p.d0) || !finite(p.d1) || p.d1 - p.d0 > 4000 * kDay) continue;
    for (double day = std::floor(p.d0 / kDay) * kDay; day < p.d1; day += kDay) {
      double a = scale(std::max(day, p.d0));
      double b = scale(std::min(day + kDay, p.d1));
      double width = b - a;
      Civil c = civil(day);
      std::string text;
      if (width >= 70) {
        text = day_label(c);
      } else if (width >= 40) {
        text = fmt::format("{} {}", c.day, kMonths[(c.month + 11) % 12]);
      } else {
        continue;
      }
      out.push_back({(a + b) / 2, std::move(text)});
    }
  }
  return out;
}

std::vector<TimeTick> time_ticks(double lo, double hi, int max_count) {
  std::vector<TimeTick> ticks;
  if (!finite(lo) || !finite(hi) || hi < lo) return ticks;
  max_count = std::max(max_count, 2);
  static constexpr std::array<double, 12> kSteps = {
      900, 1800, 3600, 7200, 10800, 21600, 43200, kDay, 2 * kDay, 7 * kDay, 14 * kDay, 28 * kDay};
  double step = kSteps.back();
  for (double s : kSteps) {
    if ((hi - lo) / s <= max_count - 1) {
      step = s;
      break;
    }
  }
  // Weeks start on Monday: day 4 of the epoch (1970-01-05) was a Monday.
  double offset = step >= 7 * kDay ? 4 * kDay : 0;
  double first = std::ceil((lo - offset) / step - 1e-9) * step + offset;
  for (double t = first; t <= hi + 1e-6; t += step) {
    Civil c = civil(t);
    TimeTick tick;
    tick.x = t;
    if (step < kDay) {
      tick.label = fmt::format("{:02}:{:02}", c.hour, c.minute);
    } else {
      tick.label = day_label(c);
    }
    ticks.push_back(std::move(tick));
  }
  return ticks;
}

std::string format_coord(double v) {
  if (!finite(v)) return "0";
  long long tenths = std::llround(v * 10);
  if (tenths == 0) return "0";
  std::string out = tenths < 0 ? "-" : "";
  unsigned long long a = static_cast<unsigned long long>(tenths < 0 ? -tenths : tenths);
  out += std::to_string(a / 10);
  if (a % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + a % 10);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paths

std::vector<Point> decimate(const std::vector<Point>& pts) {
  std::vector<Point> out;
  out.reserve(std::min<std::size_t>(pts.size(), 4096));
  std::size_t i = 0;
  while (i < pts.size()) {
    double col = std::floor(pts[i].x);
    std::size_t j = i, lo = i, hi = i;
    while (j < pts.size() && std::floor(pts[j].x) == col) {
      if (pts[j].y < pts[lo].y) lo = j;
      if (pts[j].y > pts[hi].y) hi = j;
      ++j;
    }
    std::size_t last = j - 1;
    std::array<std::size_t, 4> keep = {i, std::min(lo, hi), std::max(lo, hi), last};
    std::size_t prev = static_cast<std::size_t>(-1);
    for (std::size_t k : keep) {
      if (k != prev) out.push_back(pts[k]);
      prev = k;
    }
    i = j;
  }
  return out;
}

std::string polyline_path(const std::vector<Point>& pts) {
  std::string d;
  if (pts.empty()) return d;
  d.reserve(pts.size() * 12);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    d += i == 0 ? "M" : (i == 1 ? "L" : " ");
    d += format_coord(pts[i].x);
    d += ',';
    d += format_coord(pts[i].y);
  }
  return d;
}

std::string step_path(const std::vector<Point>& pts, double end_x) {
  std::string d;
  if (pts.empty()) return d;
  d.reserve(pts.size() * 14);
  d += 'M';
  d += format_coord(pts[0].x);
  d += ',';
  d += format_coord(pts[0].y);
  for (std::size_t i = 1; i < pts.size(); ++i) {
    d += 'H';
    d += format_coord(pts[i].x);
    if (format_coord(pts[i].y) != format_coord(pts[i - 1].y)) {
      d += 'V';
      d += format_coord(pts[i].y);
    }
  }
  d += 'H';
  d += format_coord(end_x);
  return d;
}

namespace {

// Runs of consecutive points with finite values, broken at gaps wider than gap_x.
std::vector<std::pair<std::size_t, std::size_t>> segments(const Series& s, double gap_x) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  bool band = s.style == SeriesStyle::band;
  std::size_t n = std::min(s.x.size(), s.y.size());
  if (band) n = std::min(n, s.y_hi.size());
  std::size_t start = 0;
  bool open = false;
  for (std::size_t i = 0; i < n; ++i) {
    bool ok = finite(s.x[i]) && finite(s.y[i]) && (!band || finite(s.y_hi[i]));
    if (ok && open && gap_x > 0 && s.x[i] - s.x[i - 1] > gap_x) {
      out.emplace_back(start, i);
      open = false;
    }
    if (ok && !open) {
      start = i;
      open = true;
    } else if (!ok && open) {
      out.emplace_back(start, i);
      open = false;
    }
  }
  if (open) out.emplace_back(start, n);
  return out;
}

double min_dx(const Series& s) {
  double best = kInf;
  for (std::size_t i = 1; i < s.x.size(); ++i) {
    double dx = s.x[i] - s.x[i - 1];
    if (dx > 0 && dx < best) best = dx;
  }
  return best;
}

struct Frame {
  PlotArea area;
  BrokenScale sx;
  LinearScale sy;
  std::vector<double> y_ticks;
  bool empty = true;
};

double step_width_of(const ChartSpec& spec, const Series& s) {
  if (spec.step_width > 0) return spec.step_width;
  double dx = min_dx(s);
  return finite(dx) ? dx : 0;
}

Frame make_frame(const ChartSpec& spec) {
  Frame f;
  f.area = plot_area(spec);
  double x_lo = kInf, x_hi = -kInf, y_lo = kInf, y_hi = -kInf;
  std::vector<std::pair<double, double>> x_ranges;  // per point, for the cut-out gaps
  const bool collapse = spec.x_axis == AxisKind::time && spec.collapse_gap_s > 0;
  for (const Series& s : spec.series) {
    double extra = s.style == SeriesStyle::step ? step_width_of(spec, s) : 0;
    for (auto [a, b] : segments(s, 0)) {
      for (std::size_t i = a; i < b; ++i) {
        x_lo = std::min(x_lo, s.x[i]);
        x_hi = std::max(x_hi, s.x[i] + extra);
        if (collapse) x_ranges.emplace_back(s.x[i], s.x[i] + std::max(extra, spec.step_width));
        if (s.style != SeriesStyle::marks) {
          y_lo = std::min(y_lo, s.y[i]);
          y_hi = std::max(y_hi, s.y[i]);
          if (s.style == SeriesStyle::band) {
            y_lo = std::min(y_lo, s.y_hi[i]);
            y_hi = std::max(y_hi, s.y_hi[i]);
          }
        }
      }
    }
  }
  f.empty = !(x_lo <= x_hi);
  if (f.empty) x_lo = 0, x_hi = 1;
  if (x_hi - x_lo <= 0) {
    double pad =
        spec.step_width > 0 ? spec.step_width : (spec.x_axis == AxisKind::time ? 1800.0 : 0.5);
    x_lo -= pad;
    x_hi += pad;
  }
  for (const ReferenceLine& l : spec.lines) {
    if (finite(l.y)) y_lo = std::min(y_lo, l.y), y_hi = std::max(y_hi, l.y);
  }
  if (!(y_lo <= y_hi)) y_lo = 0, y_hi = 1;
  y_lo = std::min(y_lo, 0.0);
  if (spec.y_min && finite(*spec.y_min)) y_lo = *spec.y_min;
  if (spec.y_max && finite(*spec.y_max)) y_hi = *spec.y_max;
  if (y_hi <= y_lo) y_hi = y_lo + (spec.y_percent ? 1.0 : 1.0);
  int max_ticks = std::max(3, static_cast<int>(f.area.height() / 40));
  f.y_ticks = nice_ticks(y_lo, y_hi, max_ticks);
  if (!spec.y_min) y_lo = std::min(y_lo, f.y_ticks.front());
  if (!spec.y_max) y_hi = std::max(y_hi, f.y_ticks.back());
  // Only ticks inside a fixed range.
  std::erase_if(f.y_ticks, [&](double t) { return t < y_lo - 1e-9 || t > y_hi + 1e-9; });
  if (!collapse || f.empty) x_ranges = {{x_lo, x_hi}};
  f.sx = broken_scale(std::move(x_ranges), collapse ? spec.collapse_gap_s : 0, f.area.left,
                      f.area.right, kBreakPx);
  f.sy = LinearScale{y_lo, y_hi, f.area.bottom, f.area.top};
  return f;
}

std::vector<Point> to_pixels(const Series& s, const std::vector<double>& ys, std::size_t a,
                             std::size_t b, const Frame& f) {
  std::vector<Point> pts;
  pts.reserve(b - a);
  for (std::size_t i = a; i < b; ++i) pts.push_back({f.sx(s.x[i]), f.sy(ys[i])});
  if (pts.size() > 2 * static_cast<std::size_t>(std::max(1.0, f.area.width()))) {
    pts = decimate(pts);
  }
  return pts;
}

// An opacity in [0, 1] with two decimals (non-finite -> the default 0.18).
std::string opacity(double v) {
  if (!finite(v)) v = 0.18;
  return fmt::format("{:.2f}", std::clamp(v, 0.0, 1.0));
}

std::string color_attr(std::string_view name, std::string_view color) {
  return fmt::format(" {}=\"{}\"", name, escape(color));
}

std::string series_path(const ChartSpec& spec, const Series& s, const Frame& f) {
  std::string d;
  auto segs = segments(s, spec.gap_x);
  double base = f.sy(std::clamp(0.0, f.sy.d0, f.sy.d1));
  std::string stroke = fmt::format(" stroke-width=\"{}\"{}", format_coord(s.stroke_width),
                                   s.dashed ? " stroke-dasharray=\"6 4\"" : "");
  std::string out;
  switch (s.style) {
    case SeriesStyle::line:
    case SeriesStyle::area: {
      std::string fill;
      for (auto [a, b] : segs) {
        auto pts = to_pixels(s, s.y, a, b, f);
        d += polyline_path(pts);
        if (pts.size() == 1) d += "h0";  // a lone point: a dot (round caps)
        if (s.style == SeriesStyle::area && !pts.empty()) {
          fill += fmt::format("M{},{}", format_coord(pts.front().x), format_coord(base));
          std::string p = polyline_path(pts);
          fill += 'L';
          fill += p.substr(1);
          fill += fmt::format(" {},{}Z", format_coord(pts.back().x), format_coord(base));
        }
      }
      if (!fill.empty()) {
        out += fmt::format("<path d=\"{}\"{} fill-opacity=\"{}\" stroke=\"none\"/>", fill,
                           color_attr("fill", s.color), opacity(s.fill_opacity));
      }
      if (!d.empty()) {
        out += fmt::format(
            "<path d=\"{}\" fill=\"none\"{}{} stroke-linejoin=\"round\" "
            "stroke-linecap=\"round\"/>",
            d, color_attr("stroke", s.color), stroke);
      }
      break;
    }
    case SeriesStyle::step: {
      double w = step_width_of(spec, s);
      for (auto [a, b] : segs) {
        auto pts = to_pixels(s, s.y, a, b, f);
        double end_x = f.sx(s.x[b - 1] + w);
        if (b - a > 2 * static_cast<std::size_t>(std::max(1.0, f.area.width()))) {
          // Decimated: draw the corners as a polyline (a step per pixel is below resolution).
          pts.push_back({end_x, pts.back().y});
          d += polyline_path(pts);
        } else {
          d += step_path(pts, end_x);
        }
      }
      if (!d.empty()) {
        out += fmt::format("<path d=\"{}\" fill=\"none\"{}{}/>", d, color_attr("stroke", s.color),
                           stroke);
      }
      break;
    }
    case SeriesStyle::band: {
      for (auto [a, b] : segs) {
        std::vector<Point> upper, lower;
        std::size_t n = b - a;
        bool thin = n > 2 * static_cast<std::size_t>(std::max(1.0, f.area.width()));
        for (std::size_t i = a; i < b; ++i) {
          double px = f.sx(s.x[i]);
          double hi = f.sy(std::max(s.y[i], s.y_hi[i]));
          double lo = f.sy(std::min(s.y[i], s.y_hi[i]));
          if (thin && !upper.empty() && std::floor(upper.back().x) == std::floor(px)) {
            upper.back().y = std::min(upper.back().y, hi);  // pixel y grows downwards
            lower.back().y = std::max(lower.back().y, lo);
          } else {
            upper.push_back({px, hi});
            lower.push_back({px, lo});
          }
        }
        std::reverse(lower.begin(), lower.end());
        upper.insert(upper.end(), lower.begin(), lower.end());
        d += polyline_path(upper);
        d += 'Z';
      }
      if (!d.empty()) {
        out += fmt::format("<path d=\"{}\"{} fill-opacity=\"{}\" stroke=\"none\"/>", d,
                           color_attr("fill", s.color), opacity(s.fill_opacity));
      }
      break;
    }
    case SeriesStyle::marks: {
      double last_col = -kInf;
      for (auto [a, b] : segs) {
        for (std::size_t i = a; i < b; ++i) {
          double px = f.sx(s.x[i]);
          if (std::floor(px) == last_col) continue;
          last_col = std::floor(px);
          d += fmt::format("M{},{}v-8", format_coord(px), format_coord(f.area.bottom));
        }
      }
      if (!d.empty()) {
        out += fmt::format("<path d=\"{}\" fill=\"none\"{} stroke-width=\"2\"/>", d,
                           color_attr("stroke", s.color));
      }
      break;
    }
  }
  if (out.empty()) return out;
  return fmt::format("<g class=\"series\" data-series=\"{}\">{}</g>\n", escape(s.name), out);
}

std::string format_value(const ChartSpec& spec, double v) {
  if (spec.y_percent) return format_percent(v, spec.y_decimals);
  return format_number(v, spec.y_decimals);
}

std::string format_x(const ChartSpec& spec, double x) {
  if (spec.x_axis == AxisKind::time) return format_time_label(x);
  return format_number(x, 2);
}

// Index of the point a tooltip at data x shows: the step containing x for steps, otherwise the
// nearest point; npos when the series has nothing within reach.
std::size_t tooltip_index(const ChartSpec& spec, const Series& s, double x, double reach) {
  std::size_t n = std::min(s.x.size(), s.y.size());
  if (n == 0) return static_cast<std::size_t>(-1);
  auto it = std::upper_bound(s.x.begin(), s.x.begin() + static_cast<std::ptrdiff_t>(n), x);
  std::size_t after = static_cast<std::size_t>(it - s.x.begin());
  std::size_t best = static_cast<std::size_t>(-1);
  if (s.style == SeriesStyle::step) {
    if (after == 0) return best;
    std::size_t i = after - 1;
    double w = step_width_of(spec, s);
    return x < s.x[i] + std::max(w, reach) ? i : best;
  }
  double best_d = kInf;
  for (std::size_t i : {after == 0 ? 0 : after - 1, std::min(after, n - 1)}) {
    double dist = std::abs(s.x[i] - x);
    if (dist < best_d) best_d = dist, best = i;
  }
  return best_d <= reach ? best : static_cast<std::size_t>(-1);
}

std::string hover_columns(const ChartSpec& spec, const Frame& f) {
  if (spec.hover_columns <= 0 || f.empty) return {};
  std::string out = "<g class=\"hover\">";
  int cols = spec.hover_columns;
  double w = f.area.width() / cols;
  for (int c = 0; c < cols; ++c) {
    double px0 = f.area.left + c * w;
    double x = f.sx.invert(px0 + w / 2);
    double reach = std::abs(f.sx.invert(px0 + w) - f.sx.invert(px0));
    // Snap to the data point of the first series shown: the tooltip names that point's time (an
    // interval start), and every series is looked up there.
    double width_s = spec.x_axis == AxisKind::time ? spec.step_width : 0;
    for (const Series& s : spec.series) {
      if (!s.in_tooltip || s.style == SeriesStyle::marks) continue;
      std::size_t i = tooltip_index(spec, s, x, reach);
      if (i == static_cast<std::size_t>(-1)) continue;
      x = s.x[i];
      if (s.style == SeriesStyle::step) width_s = step_width_of(spec, s);
      reach = 0;
      break;
    }
    std::string text;
    for (const Series& s : spec.series) {
      if (!s.in_tooltip || s.style == SeriesStyle::marks) continue;
      std::size_t i = tooltip_index(spec, s, x, reach);
      if (i == static_cast<std::size_t>(-1) || !finite(s.y[i])) continue;
      if (s.style == SeriesStyle::band) {
        if (i >= s.y_hi.size() || !finite(s.y_hi[i])) continue;
        text += fmt::format("\n{}: {} \u2013 {}", s.name, format_value(spec, s.y[i]),
                            format_value(spec, s.y_hi[i]));
      } else {
        text += fmt::format("\n{}: {}", s.name, format_value(spec, s.y[i]));
      }
    }
    if (text.empty()) continue;
    out += fmt::format("<rect class=\"hov\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>",
                       format_coord(px0), format_coord(f.area.top), format_coord(w),
                       format_coord(f.area.height()));
    append_escaped(
        out, spec.x_axis == AxisKind::time ? format_interval_label(x, width_s) : format_x(spec, x));
    append_escaped(out, text);
    out += "</title></rect>";
  }
  out += "</g>\n";
  return out;
}

std::string axes(const ChartSpec& spec, const Frame& f) {
  const PlotArea& a = f.area;
  std::string out = "<g class=\"axes\" font-size=\"12\">";
  int dec = tick_decimals(f.y_ticks);
  if (spec.y_percent) dec = std::max(0, dec - 2);
  for (double t : f.y_ticks) {
    double py = f.sy(t);
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>",
                       format_coord(a.left), format_coord(a.right), format_coord(py));
    std::string label = spec.y_percent ? format_percent(t, dec) : format_number(t, dec);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                       format_coord(a.left - 6), format_coord(py + 4), escape(label));
  }
  int max_x_ticks = std::max(2, static_cast<int>(a.width() / 80));
  if (spec.x_axis == AxisKind::time) {
    // Per piece of the axis: hour ticks when the piece is wide enough for a few of them (else a
    // light gridline at each midnight). Then the day labels, centered under each day's shown
    // part (a second line under hour ticks); when most days are too narrow for a label, ticks at
    // round day or week steps instead.
    bool any_hours = false;
    double days_shown = 0;
    for (const AxisPiece& p : f.sx.pieces) {
      days_shown += std::ceil(p.d1 / kDay - 1e-9) - std::floor(p.d0 / kDay);
      int n = static_cast<int>((p.r1 - p.r0) / 60);
      std::vector<TimeTick> ticks;
      if (n >= 2 && p.d1 - p.d0 <= 43200.0 * (n - 1)) ticks = time_ticks(p.d0, p.d1, n);
      if (ticks.empty()) {
        if ((p.d1 - p.d0) / kDay <= 120) {  // minor grid: one line a day
          for (double t = std::ceil(p.d0 / kDay) * kDay; t <= p.d1; t += kDay) {
            out += fmt::format(
                "<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" "
                "opacity=\".6\"/>",
                format_coord(f.sx(t)), format_coord(a.top), format_coord(a.bottom));
          }
        }
        continue;
      }
      any_hours = true;
      for (const TimeTick& t : ticks) {
        double px = f.sx(t.x);
        out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                           format_coord(px), format_coord(a.top), format_coord(a.bottom));
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                           format_coord(px), format_coord(a.bottom + 16), escape(t.label));
      }
    }
    const auto labels = day_labels(f.sx);
    if (2 * static_cast<double>(labels.size()) >= days_shown) {
      for (const DayLabel& d : labels) {
        out += fmt::format(
            "<text class=\"day\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
            "font-weight=\"600\">{}</text>",
            format_coord(d.px), format_coord(a.bottom + (any_hours ? 30 : 16)), escape(d.text));
      }
    } else {
      for (const TimeTick& t : time_ticks(f.sx.d0(), f.sx.d1(), max_x_ticks)) {
        const bool shown = std::any_of(f.sx.pieces.begin(), f.sx.pieces.end(),
                                       [&](const auto& p) { return t.x >= p.d0 && t.x <= p.d1; });
        if (!shown) continue;
        double px = f.sx(t.x);
        out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                           format_coord(px), format_coord(a.top), format_coord(a.bottom));
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                           format_coord(px), format_coord(a.bottom + (any_hours ? 30 : 16)),
                           escape(t.label));
      }
    }
    // The cut-out gaps: a shaded break between pieces, its tooltip naming what is left out.
    for (std::size_t i = 1; i < f.sx.pieces.size(); ++i) {
      const AxisPiece& l = f.sx.pieces[i - 1];
      const AxisPiece& r = f.sx.pieces[i];
      out += fmt::format(
          "<rect class=\"axis-break\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>no "
          "data from {} to {}</title></rect>",
          format_coord(l.r1), format_coord(a.top), format_coord(r.r0 - l.r1),
          format_coord(a.height()), escape(format_time_label(l.d1)),
          escape(format_time_label(r.d0)));
    }
  } else {
    auto ticks = nice_ticks(f.sx.d0(), f.sx.d1(), max_x_ticks);
    int xdec = tick_decimals(ticks);
    for (double t : ticks) {
      if (t < f.sx.d0() - 1e-9 || t > f.sx.d1() + 1e-9) continue;
      double px = f.sx(t);
      out +=
          fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", format_coord(px),
                      format_coord(a.bottom + 16), escape(format_number(t, xdec)));
    }
  }
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>",
                     format_coord(a.left), format_coord(a.right), format_coord(a.bottom));
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                     format_coord(a.left), format_coord(a.top), format_coord(a.bottom));
  if (!spec.y_label.empty()) {
    out += fmt::format(
        "<text transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        format_coord((a.top + a.bottom) / 2), escape(spec.y_label));
  }
  out += "</g>\n";
  return out;
}

std::string legend(const ChartSpec& spec, const Frame& f) {
  std::string out = "<g class=\"legend\" font-size=\"12\">";
  double x = f.area.left;
  double y = 14;
  for (const Series& s : spec.series) {
    if (!s.in_legend) continue;
    std::string swatch;
    switch (s.style) {
      case SeriesStyle::band:
      case SeriesStyle::area:
        swatch = fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"10\"{} fill-opacity=\"{}\"/>",
            format_coord(x), format_coord(y - 9), color_attr("fill", s.color),
            opacity(std::max(0.3, s.fill_opacity)));
        break;
      case SeriesStyle::marks:
        swatch = fmt::format("<path d=\"M{},{}v-10\"{} stroke-width=\"2\"/>", format_coord(x + 9),
                             format_coord(y + 1), color_attr("stroke", s.color));
        break;
      default:
        swatch = fmt::format(
            "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"{3} stroke-width=\"2.5\"{4}/>",
            format_coord(x), format_coord(x + 18), format_coord(y - 4),
            color_attr("stroke", s.color), s.dashed ? " stroke-dasharray=\"5 3\"" : "");
    }
    out += swatch;
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", format_coord(x + 24), format_coord(y),
                       escape(s.name));
    x += 24 + 7.0 * static_cast<double>(s.name.size()) + 22;
  }
  for (const ReferenceLine& l : spec.lines) {
    if (!finite(l.y) || l.label.empty()) continue;
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"{3} stroke-width=\"2\" "
        "stroke-dasharray=\"5 3\"/>",
        format_coord(x), format_coord(x + 18), format_coord(y - 4), color_attr("stroke", l.color));
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", format_coord(x + 24), format_coord(y),
                       escape(l.label));
    x += 24 + 7.0 * static_cast<double>(l.label.size()) + 22;
  }
  out += "</g>\n";
  return out;
}

}  // namespace

PlotArea plot_area(const ChartSpec& spec) {
  PlotArea a;
  a.left = 64;
  a.top = 28;
  a.right = std::max(a.left + 10, static_cast<double>(spec.width) - 16);
  a.bottom = std::max(a.top + 10, static_cast<double>(spec.height) - 40);
  return a;
}

std::string render_chart(const ChartSpec& spec) {
  Frame f = make_frame(spec);
  std::string out = "<figure class=\"chart\"";
  if (!spec.id.empty()) out += fmt::format(" id=\"{}\"", escape(spec.id));
  out += ">";
  if (!spec.title.empty()) out += fmt::format("<figcaption>{}</figcaption>", escape(spec.title));
  out += fmt::format(
      "\n<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "preserveAspectRatio=\"xMidYMid meet\">\n",
      spec.width, spec.height, escape(spec.title.empty() ? "chart" : spec.title));
  out += axes(spec, f);
  std::string clip_id = fmt::format("clip-{}", spec.id.empty() ? "chart" : spec.id);
  out += fmt::format(
      "<clipPath id=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>\n",
      escape(clip_id), format_coord(f.area.left), format_coord(f.area.top - 2),
      format_coord(f.area.width()), format_coord(f.area.height() + 4));
  out += fmt::format("<g clip-path=\"url(#{})\">\n", escape(clip_id));
  // Bands and areas first so lines stay on top.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Series& s : spec.series) {
      bool under = s.style == SeriesStyle::band;
      if (under == (pass == 0)) out += series_path(spec, s, f);
    }
  }
  for (const ReferenceLine& l : spec.lines) {
    if (!finite(l.y)) continue;
    double py = f.sy(l.y);
    out += fmt::format(
        "<line class=\"ref\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"{3} stroke-width=\"1.5\" "
        "stroke-dasharray=\"6 4\"/>\n",
        format_coord(f.area.left), format_coord(f.area.right), format_coord(py),
        color_attr("stroke", l.color));
  }
  out += "</g>\n";
  if (f.empty) {
    out += fmt::format(
        "<text class=\"nodata\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\">No "
        "data</text>\n",
        format_coord((f.area.left + f.area.right) / 2),
        format_coord((f.area.top + f.area.bottom) / 2));
  }
  out += legend(spec, f);
  out += hover_columns(spec, f);
  out += "</svg></figure>\n";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Heat map

std::string heat_color(double t) {
  if (!finite(t)) t = 0;
  t = std::clamp(t, 0.0, 1.0);
  // YlOrRd-like stops.
  static constexpr std::array<std::array<double, 3>, 5> kStops = {
      {{255, 255, 204}, {254, 217, 118}, {253, 141, 60}, {227, 26, 28}, {128, 0, 38}}};
  double pos = t * (kStops.size() - 1);
  std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(pos), kStops.size() - 2);
  double u = pos - static_cast<double>(i);
  std::array<int, 3> rgb{};
  for (int c = 0; c < 3; ++c) {
    rgb[c] = static_cast<int>(std::lround(kStops[i][c] + u * (kStops[i + 1][c] - kStops[i][c])));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string heat_text_color(double t) {
  if (!finite(t)) t = 0;
  return t > 0.62 ? "#ffffff" : "#1d2430";
}

std::string render_heat_table(const HeatMapSpec& spec) {
  double lo = kInf, hi = -kInf;
  for (const auto& row : spec.cells) {
    for (const auto& c : row) {
      if (c.value && finite(*c.value)) lo = std::min(lo, *c.value), hi = std::max(hi, *c.value);
    }
  }
  if (spec.lo && finite(*spec.lo)) lo = *spec.lo;
  if (spec.hi && finite(*spec.hi)) hi = *spec.hi;
  bool any = lo <= hi;
  auto t_of = [&](double v) { return hi > lo ? (v - lo) / (hi - lo) : 0.5; };

  Table table;
  table.caption = spec.caption;
  table.css_class = "heat";
  table.header.emplace_back(spec.corner);
  for (const auto& c : spec.col_labels) {
    Cell h(c);
    h.numeric = true;
    table.header.push_back(std::move(h));
  }
  for (std::size_t r = 0; r < spec.cells.size(); ++r) {
    std::vector<Cell> row;
    Cell label(r < spec.row_labels.size() ? spec.row_labels[r] : std::string());
    label.css_class = "rowhead";
    row.push_back(std::move(label));
    for (const HeatCell& hc : spec.cells[r]) {
      Cell cell = num_cell(hc.text, hc.sub);
      cell.title = hc.title;
      if (hc.value && finite(*hc.value)) {
        double t = t_of(*hc.value);
        cell.background = heat_color(t);
        cell.color = heat_text_color(t);
      }
      if (hc.highlight) cell.css_class = "base";
      row.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(row));
  }
  std::string out = render_table(table);
  if (any && !spec.legend_label.empty()) {
    std::string gradient;
    for (int i = 0; i <= 4; ++i) {
      if (i) gradient += ',';
      gradient += heat_color(i / 4.0);
    }
    out += fmt::format(
        "<p class=\"note\">{}: {}<span class=\"legend-scale\" "
        "style=\"background:linear-gradient(to right,{})\"></span>{}</p>\n",
        escape(spec.legend_label), escape(format_number(lo, spec.legend_decimals)), gradient,
        escape(format_number(hi, spec.legend_decimals)));
  }
  return out;
}

}  // namespace wfm::report
