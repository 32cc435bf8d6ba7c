// `wfm accuracy`: a forecast CSV against the actuals (interval history) -> accuracy scores per
// group, with thresholds that make the run exit 1 (for a scheduled check).
//
// Pairing: forecast and actual intervals of the same queue and start are scored; the others are
// counted (and queues in only one file named). With --resolution, pairs are summed per bucket
// (after pairing, so a missing actual never makes a bucket smaller on one side only); bounds do
// not add up, so coverage is only at the native resolution. MASE uses the seasonal naive scale of
// --history per queue (across queues: the mean of errors each scaled by its queue's scale).
// Definitions: docs/accuracy.md (and src/wfm/metrics/accuracy.hpp). Nothing is written to --out
// unless the whole report was built.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/metrics/accuracy.hpp"
#include "wfm/metrics/aggregate.hpp"
#include "wfm/metrics/scale.hpp"

namespace wfm::cli {
namespace {

using core::Location;
using metrics::Scores;

struct AccuracyFlags {
  std::string forecast;
  std::string actuals;
  std::string history;
  std::string columns;
  std::string season = "day";
  std::string resolution = "native";
  std::string by;
  std::string fail_above;
  std::string fail_below;
  std::string out;
  bool json = false;
};

enum class Dim { interval, day, week, queue };

const char* column_name(Dim d) {
  switch (d) {
    case Dim::interval:
      return "time_of_day";
    case Dim::day:
      return "date";
    case Dim::week:
      return "week_start";
    case Dim::queue:
      return "queue";
  }
  return "";
}

// The metrics a threshold can name, and how to read them from Scores.
const std::vector<std::string> above_metrics = {"mae",  "rmse", "wape", "smape",
                                                "mape", "bias", "mase"};

std::optional<double> metric_value(const Scores& s, const std::string& m) {
  if (m == "mae") return s.mae;
  if (m == "rmse") return s.rmse;
  if (m == "wape") return s.wape;
  if (m == "smape") return s.smape;
  if (m == "mape") return s.mape;
  if (m == "bias") return s.bias;
  if (m == "mase") return s.mase;
  return std::nullopt;
}

// Why a metric of `s` is undefined, for messages.
std::string undefined_reason(const Scores& s, const std::string& m) {
  if (s.n == 0) return "no pairs were scored";
  if (m == "wape" || m == "bias") return "the actual calls sum to 0";
  if (m == "mape") return "every actual is 0";
  if (m == "smape") return "every pair is actual = forecast = 0";
  if (m == "mase") return "no MASE scale for its queue(s)";
  if (m.rfind("coverage", 0) == 0) return "no pair has prediction bounds";
  return "undefined";
}

struct Threshold {
  std::string metric;  // as given: wape, bias, ..., coverage80
  double limit = 0;
  bool above = true;          // fail when the value is above (else below)
  std::size_t level_index{};  // coverage: index into the forecast's levels
};

std::vector<Threshold> parse_thresholds(const std::string& text, bool above) {
  const char* flag = above ? "--fail-above" : "--fail-below";
  std::vector<Threshold> out;
  for (const auto& item : split_list(text)) {
    const auto eq = item.find('=');
    WFM_REQUIRE(eq != std::string::npos && eq > 0 && eq + 1 < item.size(), core::at_flag(flag),
                "expected metric=value pairs such as {}, got {}",
                above ? "wape=0.10,bias=0.05" : "coverage80=0.7", io::quote_for_message(item));
    Threshold t;
    t.metric = std::string(io::trim(item.substr(0, eq)));
    t.above = above;
    const std::string value(io::trim(item.substr(eq + 1)));
    if (above) {
      WFM_REQUIRE(
          std::find(above_metrics.begin(), above_metrics.end(), t.metric) != above_metrics.end(),
          core::at_flag(flag),
          "expected a metric among mae, rmse, wape, smape, mape, bias, mase, got {}",
          io::quote_for_message(t.metric));
      t.limit = (t.metric == "mae" || t.metric == "rmse" || t.metric == "mase")
                    ? parse_number_flag(value, flag)
                    : parse_fraction_flag(value, flag);
    } else {
      WFM_REQUIRE(t.metric.rfind("coverage", 0) == 0 && t.metric.size() > 8 &&
                      io::parse_double(std::string_view(t.metric).substr(8)).has_value(),
                  core::at_flag(flag), "expected coverage<level> such as coverage80, got {}",
                  io::quote_for_message(t.metric));
      t.limit = parse_fraction_flag(value, flag);
    }
    WFM_REQUIRE(t.limit >= 0, core::at_flag(flag), "expected a threshold >= 0 for {}, got {}",
                t.metric, io::quote_for_message(value));
    out.push_back(t);
  }
  return out;
}

// One bucket of paired data of one queue.
struct Cell {
  std::size_t queue = 0;  // index into the forecast's queues
  core::LocalTime bucket{};
  double actual = 0;
  double forecast = 0;
  const std::vector<core::Bounds>* bounds = nullptr;  // native resolution only
};

struct Group {
  std::vector<std::string> labels;
  metrics::Accumulator acc;
  std::vector<std::size_t> queues;  // distinct queue indexes seen
  double scaled_abs_error = 0;      // sum of |e| / scale of its queue
  bool all_scaled = true;
  Scores scores;
};

struct Pairing {
  std::size_t pairs = 0;  // native intervals scored
  std::size_t forecast_unmatched = 0;
  std::size_t actual_unmatched = 0;  // inside the queue's forecast period
  std::size_t actual_outside = 0;    // before or after the queue's forecast period
  std::vector<std::string> forecast_only_queues;
  std::vector<std::string> actual_only_queues;
};

struct Breach {
  std::string metric;
  std::string group;
  std::optional<double> value;
  double limit = 0;
  bool above = true;
  std::string message;
};

std::string group_text(const std::vector<Dim>& dims, const std::vector<std::string>& labels) {
  if (dims.empty() || labels.empty()) return "overall";
  std::string out;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}={}", column_name(dims[i]), labels[i]);
  }
  return out;
}

std::string resolution_text(int s) {
  if (s == 86400) return "1 day";
  if (s % 3600 == 0) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

nlohmann::json json_opt(const std::optional<double>& v) {
  return v ? json_number(*v) : nlohmann::json(nullptr);
}

int run_accuracy(const AccuracyFlags& f) {
  WFM_REQUIRE(!f.forecast.empty(), core::at_flag("--forecast"), "required: the forecast CSV");
  WFM_REQUIRE(!f.actuals.empty(), core::at_flag("--actuals"),
              "required: the actuals (interval history CSV)");
  const auto lag = metrics::parse_seasonal_lag(f.season);
  WFM_REQUIRE(lag.has_value(), core::at_flag("--season"), "expected day or week, got {}",
              io::quote_for_message(f.season));
  std::vector<Dim> dims;
  const bool by_given = !io::trim(f.by).empty();
  for (const auto& item : split_list(f.by)) {
    std::optional<Dim> d;
    if (item == "interval") d = Dim::interval;
    if (item == "day") d = Dim::day;
    if (item == "week") d = Dim::week;
    if (item == "queue") d = Dim::queue;
    WFM_REQUIRE(d.has_value(), core::at_flag("--by"),
                "expected a list of interval, day, week, queue, got {}",
                io::quote_for_message(item));
    WFM_REQUIRE(std::find(dims.begin(), dims.end(), *d) == dims.end(), core::at_flag("--by"),
                "{} is listed twice", item);
    dims.push_back(*d);
  }
  std::vector<Threshold> thresholds = parse_thresholds(f.fail_above, true);
  for (auto& t : parse_thresholds(f.fail_below, false)) thresholds.push_back(t);
  for (const auto& t : thresholds) {
    WFM_REQUIRE(t.metric != "mase" || !f.history.empty(), core::at_flag("--fail-above"),
                "mase needs --history (the MASE scale is the seasonal naive error on it)");
  }

  io::IntervalCsvOptions csv;
  if (!f.columns.empty()) csv.columns = parse_column_map(f.columns);
  const core::ForecastTable forecast = io::load_forecast_table(f.forecast);
  const core::IntervalTable actuals = io::load_interval_table(f.actuals, csv);
  WFM_REQUIRE(actuals.interval_s == forecast.interval_s, (Location{f.actuals, 0, {}}),
              "the actuals have {} s intervals but the forecast ({}) has {} s: aggregate the "
              "finer file first (wfm accuracy pairs intervals of the same length)",
              actuals.interval_s, f.forecast, forecast.interval_s);
  const int interval_s = forecast.interval_s;
  const int resolution_s =
      f.resolution == "native" ? interval_s : interval_flag_s(f.resolution, "--resolution");
  metrics::check_resolution(interval_s, resolution_s, core::at_flag("--resolution"));
  const bool native = resolution_s == interval_s;
  WFM_REQUIRE(
      !(resolution_s == 86400 && std::find(dims.begin(), dims.end(), Dim::interval) != dims.end()),
      core::at_flag("--by"), "interval (time of day) needs a resolution shorter than a day");

  // Levels scored for coverage, and coverage thresholds resolved to them.
  const std::vector<double> levels = native ? forecast.levels : std::vector<double>{};
  for (auto& t : thresholds) {
    if (t.above) continue;
    const double level = *io::parse_double(std::string_view(t.metric).substr(8));
    WFM_REQUIRE(native, core::at_flag("--fail-below"),
                "coverage is only scored at the native resolution (prediction bounds do not add "
                "up over a {} bucket); drop --resolution or the coverage threshold",
                resolution_text(resolution_s));
    const auto it = std::find(levels.begin(), levels.end(), level);
    WFM_REQUIRE(it != levels.end(), core::at_flag("--fail-below"),
                "the forecast has no level {} (it has calls_lo_/calls_hi_ columns for: {})",
                io::format_level(level), [&] {
                  std::string s;
                  for (double l : forecast.levels)
                    s += (s.empty() ? "" : ", ") + io::format_level(l);
                  return s.empty() ? std::string("none") : s;
                }());
    t.level_index = static_cast<std::size_t>(it - levels.begin());
  }

  // MASE scales per forecast queue.
  std::vector<std::optional<double>> scales(forecast.queues.size());
  std::vector<std::string> notes;
  if (f.history.empty()) {
    notes.push_back(
        "mase is not reported: it needs --history (the MASE scale is the in-sample "
        "error of a seasonal naive forecast on the history)");
  } else {
    const core::IntervalTable history = io::load_interval_table(f.history, csv);
    metrics::check_resolution(history.interval_s, resolution_s, core::at_flag("--resolution"));
    for (std::size_t q = 0; q < forecast.queues.size(); ++q) {
      const auto& name = forecast.queues[q].queue;
      const auto it = std::find_if(history.queues.begin(), history.queues.end(),
                                   [&](const core::QueueSeries& s) { return s.queue == name; });
      const std::string label = name.empty() ? "the forecast" : fmt::format("queue '{}'", name);
      if (it == history.queues.end()) {
        notes.push_back(
            fmt::format("mase is not reported for {}: it is not in {}", label, f.history));
        continue;
      }
      scales[q] = metrics::seasonal_naive_scale(*it, history.interval_s, *lag, resolution_s);
      if (!scales[q]) {
        notes.push_back(fmt::format(
            "mase is not reported for {}: the history has no value one {} earlier at the same "
            "time",
            label, f.season));
      } else if (*scales[q] <= 0) {
        notes.push_back(
            fmt::format("mase is not reported for {}: the seasonal naive error of the "
                        "history is 0",
                        label));
        scales[q].reset();
      }
    }
  }
  if (!native && !forecast.levels.empty()) {
    notes.push_back(
        fmt::format("coverage is only reported at the native resolution ({}): "
                    "prediction bounds do not add up over a {} bucket",
                    resolution_text(interval_s), resolution_text(resolution_s)));
  }

  // Pairing, queue by queue, and summing into buckets.
  Pairing pairing;
  std::vector<Cell> cells;
  for (std::size_t q = 0; q < forecast.queues.size(); ++q) {
    const auto& fq = forecast.queues[q];
    const auto it = std::find_if(actuals.queues.begin(), actuals.queues.end(),
                                 [&](const core::QueueSeries& s) { return s.queue == fq.queue; });
    if (it == actuals.queues.end()) {
      pairing.forecast_only_queues.push_back(fq.queue);
      pairing.forecast_unmatched += fq.intervals.size();
      continue;
    }
    const auto& fi = fq.intervals;
    const auto& ai = it->intervals;
    std::size_t i = 0, j = 0;
    while (i < fi.size() || j < ai.size()) {
      if (j == ai.size() || (i < fi.size() && fi[i].start < ai[j].start)) {
        ++pairing.forecast_unmatched;
        ++i;
      } else if (i == fi.size() || ai[j].start < fi[i].start) {
        const bool inside =
            !fi.empty() && ai[j].start >= fi.front().start && ai[j].start <= fi.back().start;
        ++(inside ? pairing.actual_unmatched : pairing.actual_outside);
        ++j;
      } else {
        ++pairing.pairs;
        const core::LocalTime bucket = metrics::bucket_start(fi[i].start, resolution_s);
        if (cells.empty() || cells.back().queue != q || cells.back().bucket != bucket) {
          cells.push_back(Cell{q, bucket, 0, 0, native ? &fi[i].bounds : nullptr});
        }
        cells.back().actual += ai[j].offered;
        cells.back().forecast += fi[i].calls;
        ++i;
        ++j;
      }
    }
  }
  for (const auto& aq : actuals.queues) {
    const bool in_forecast =
        std::any_of(forecast.queues.begin(), forecast.queues.end(),
                    [&](const core::QueueForecast& q) { return q.queue == aq.queue; });
    if (!in_forecast) pairing.actual_only_queues.push_back(aq.queue);
  }

  // Groups: the overall row, then one per combination of --by (default: per queue when named).
  if (!by_given) {
    const bool named = std::any_of(forecast.queues.begin(), forecast.queues.end(),
                                   [](const core::QueueForecast& q) { return !q.queue.empty(); });
    if (named) dims.push_back(Dim::queue);
  }
  Group overall;
  std::map<std::vector<long long>, Group> groups;
  const auto add_to = [&](Group& g, const Cell& c) {
    if (c.bounds) {
      g.acc.add(c.actual, c.forecast, *c.bounds);
    } else {
      g.acc.add(c.actual, c.forecast);
    }
    if (std::find(g.queues.begin(), g.queues.end(), c.queue) == g.queues.end()) {
      g.queues.push_back(c.queue);
    }
    if (scales[c.queue]) {
      g.scaled_abs_error += std::abs(c.forecast - c.actual) / *scales[c.queue];
    } else {
      g.all_scaled = false;
    }
  };
  for (const auto& c : cells) {
    add_to(overall, c);
    if (dims.empty()) continue;
    std::vector<long long> key;
    std::vector<std::string> labels;
    const auto day = std::chrono::floor<std::chrono::days>(c.bucket);
    for (const Dim d : dims) {
      switch (d) {
        case Dim::interval: {
          const auto tod = std::chrono::hh_mm_ss(c.bucket - day);
          key.push_back((c.bucket - day).count());
          labels.push_back(fmt::format("{:02}:{:02}", tod.hours().count(), tod.minutes().count()));
          break;
        }
        case Dim::day:
          key.push_back(day.time_since_epoch().count());
          labels.push_back(core::format_local_date(day));
          break;
        case Dim::week: {
          const std::chrono::weekday wd{day};
          const auto monday = day - std::chrono::days{wd.iso_encoding() - 1};
          key.push_back(monday.time_since_epoch().count());
          labels.push_back(core::format_local_date(monday));
          break;
        }
        case Dim::queue:
          key.push_back(static_cast<long long>(c.queue));
          labels.push_back(forecast.queues[c.queue].queue);
          break;
      }
    }
    auto& g = groups[key];
    if (g.labels.empty()) g.labels = labels;
    add_to(g, c);
  }
  const auto finish = [&](Group& g) {
    if (g.queues.size() == 1) {
      g.scores = g.acc.scores(scales[g.queues[0]]);
    } else {
      g.scores = g.acc.scores(std::nullopt);
      if (g.all_scaled && g.scores.n > 0) {
        g.scores.mase = g.scaled_abs_error / static_cast<double>(g.scores.n);
      }
    }
    if (g.scores.coverage.size() < levels.size()) g.scores.coverage.resize(levels.size());
  };
  finish(overall);
  std::vector<Group*> rows{&overall};
  for (auto& [key, g] : groups) {
    finish(g);
    rows.push_back(&g);
  }

  // Thresholds.
  std::vector<Breach> breaches;
  for (const Group* g : rows) {
    const std::string where = g == &overall ? std::string("overall") : group_text(dims, g->labels);
    for (const auto& t : thresholds) {
      const std::optional<double> v =
          t.above ? metric_value(g->scores, t.metric) : g->scores.coverage[t.level_index];
      Breach b{t.metric, where, v, t.limit, t.above, {}};
      if (!v) {
        b.message = fmt::format("{} cannot be checked for {} ({} {}): {}", t.metric, where,
                                t.above ? "limit" : "minimum", human(t.limit),
                                undefined_reason(g->scores, t.metric));
      } else if (t.above && (t.metric == "bias" ? std::abs(*v) : *v) > t.limit) {
        b.message = fmt::format("{} {} > {} for {}", t.metric, human(*v, 4), human(t.limit), where);
        if (t.metric == "bias" && *v < 0) b.message += " (bias is compared by its absolute value)";
      } else if (!t.above && *v < t.limit) {
        b.message = fmt::format("{} {} < {} for {}", t.metric, human(*v, 4), human(t.limit), where);
      } else {
        continue;
      }
      breaches.push_back(std::move(b));
    }
  }

  // Columns of the report.
  std::vector<std::string> header;
  for (const Dim d : dims) header.emplace_back(column_name(d));
  for (const char* h :
       {"n", "mae", "rmse", "wape", "smape", "mape", "mape_skipped", "bias", "mase"}) {
    header.emplace_back(h);
  }
  for (const double l : levels) header.push_back("coverage_" + io::format_level(l));
  const auto values = [&](const Group& g) {
    const Scores& s = g.scores;
    std::vector<std::optional<double>> v = {static_cast<double>(s.n),
                                            s.mae,
                                            s.rmse,
                                            s.wape,
                                            s.smape,
                                            s.mape,
                                            static_cast<double>(s.mape_skipped),
                                            s.bias,
                                            s.mase};
    for (const auto& c : s.coverage) v.push_back(c);
    return v;
  };
  const auto labels_of = [&](const Group& g) {
    return &g == &overall ? std::vector<std::string>(dims.size(), "all") : g.labels;
  };

  if (!f.out.empty()) {
    io::AtomicFileWriter file(f.out);
    io::CsvWriter w(file.stream());
    for (const auto& h : header) w.field(h);
    w.end_row();
    for (const Group* g : rows) {
      for (const auto& l : labels_of(*g)) w.field(l);
      for (const auto& v : values(*g)) w.field(v);
      w.end_row();
    }
    file.commit();
  }

  if (f.json) {
    nlohmann::json j;
    j["forecast"] = f.forecast;
    j["actuals"] = f.actuals;
    j["history"] = f.history.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.history);
    j["season"] = f.season;
    j["interval_s"] = interval_s;
    j["resolution_s"] = resolution_s;
    j["levels"] = levels;
    j["pairing"] = {{"pairs", pairing.pairs},
                    {"buckets", cells.size()},
                    {"forecast_unmatched", pairing.forecast_unmatched},
                    {"actual_unmatched", pairing.actual_unmatched},
                    {"actual_outside_forecast", pairing.actual_outside},
                    {"forecast_only_queues", pairing.forecast_only_queues},
                    {"actual_only_queues", pairing.actual_only_queues}};
    j["notes"] = notes;
    j["rows"] = nlohmann::json::array();
    for (const Group* g : rows) {
      nlohmann::json r;
      nlohmann::json group = nlohmann::json::object();
      const auto labels = labels_of(*g);
      for (std::size_t i = 0; i < dims.size(); ++i) group[column_name(dims[i])] = labels[i];
      r["group"] = group;
      const auto v = values(*g);
      for (std::size_t i = 0; i < v.size(); ++i) r[header[dims.size() + i]] = json_opt(v[i]);
      r["n"] = g->scores.n;
      r["mape_skipped"] = g->scores.mape_skipped;
      r["smape_skipped"] = g->scores.smape_skipped;
      r["sum_actual"] = json_number(g->scores.sum_actual);
      r["sum_forecast"] = json_number(g->scores.sum_forecast);
      j["rows"].push_back(r);
    }
    j["breaches"] = nlohmann::json::array();
    for (const auto& b : breaches) {
      j["breaches"].push_back({{"metric", b.metric},
                               {"group", b.group},
                               {"value", json_opt(b.value)},
                               {b.above ? "above" : "below", b.limit},
                               {"message", b.message}});
    }
    j["passed"] = breaches.empty();
    std::cout << j.dump(2) << "\n";
  } else {
    std::ostringstream o;
    o << "wfm accuracy: " << f.forecast << " against " << f.actuals << ", "
      << resolution_text(resolution_s) << (native ? " (native)" : "") << "\n";
    o << format_table({
        {"pairs scored",
         fmt::format("{} intervals{}", pairing.pairs,
                     native ? std::string() : fmt::format(" in {} buckets", cells.size()))},
        {"forecast without actual",
         fmt::format("{} intervals (not scored)", pairing.forecast_unmatched)},
        {"actual without forecast",
         fmt::format("{} intervals in the forecast period, {} outside it (not scored)",
                     pairing.actual_unmatched, pairing.actual_outside)},
    });
    const auto names = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& n : v) s += (s.empty() ? "" : ", ") + (n.empty() ? "(unnamed)" : n);
      return s;
    };
    if (!pairing.forecast_only_queues.empty()) {
      o << "queues only in the forecast (not scored): " << names(pairing.forecast_only_queues)
        << "\n";
    }
    if (!pairing.actual_only_queues.empty()) {
      o << "queues only in the actuals (not scored): " << names(pairing.actual_only_queues) << "\n";
    }
    for (const auto& n : notes) o << "note: " << n << "\n";
    o << "fractions, not percent; bias = (forecast - actual) / actual; '-' = undefined "
         "(docs/accuracy.md)\n\n";
    std::vector<std::vector<std::string>> table{header};
    for (const Group* g : rows) {
      std::vector<std::string> line = labels_of(*g);
      const auto v = values(*g);
      for (std::size_t i = 0; i < v.size(); ++i) {
        const bool count =
            header[dims.size() + i] == "n" || header[dims.size() + i] == "mape_skipped";
        line.push_back(!v[i] ? "-" : count ? fmt::format("{}", *v[i]) : human(*v[i], 4));
      }
      table.push_back(std::move(line));
    }
    std::vector<std::size_t> width(header.size(), 0);
    for (const auto& line : table) {
      for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
    }
    for (const auto& line : table) {
      std::string text;
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (i > 0) text += "  ";
        text += i < dims.size() ? fmt::format("{:<{}}", line[i], width[i])
                                : fmt::format("{:>{}}", line[i], width[i]);
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      o << text << "\n";
    }
    if (!thresholds.empty()) {
      o << "\n"
        << (breaches.empty() ? "thresholds: all met"
                             : fmt::format("thresholds: {} failed", breaches.size()))
        << "\n";
    }
    if (!f.out.empty()) o << "written to " << f.out << "\n";
    std::cout << o.str();
  }
  for (const auto& b : breaches)
    std::cerr << "wfm accuracy: threshold failed: " << b.message << "\n";
  return breaches.empty() ? 0 : 1;
}

}  // namespace

void add_accuracy_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<AccuracyFlags>();
  auto* cmd = app.add_subcommand(
      "accuracy",
      "Forecast accuracy: a forecast CSV against actual interval volumes (MAE, RMSE, WAPE, sMAPE, "
      "MAPE, bias, MASE, interval coverage), by interval/day/week/queue; exits 1 when a "
      "--fail-above/--fail-below threshold fails. Definitions in docs/accuracy.md.");
  cmd->add_option("--forecast", flags->forecast, "Forecast CSV (docs/formats.md, required)");
  cmd->add_option("--actuals", flags->actuals,
                  "Actual volumes: an interval history CSV (required)");
  cmd->add_option("--history", flags->history,
                  "History before the forecast, for the MASE scale (without it no MASE)");
  cmd->add_option("--columns", flags->columns,
                  "Column mapping for --actuals and --history, e.g. offered=CallsOffered");
  cmd->add_option("--season", flags->season,
                  "MASE naive lag: day (same time, previous observed day; default) or week");
  cmd->add_option("--resolution", flags->resolution,
                  "Score at this resolution: native (default), 30m, 1h, 1d or a duration");
  cmd->add_option("--by", flags->by,
                  "Group by a list of interval (time of day), day, week, queue (default: queue)");
  cmd->add_option("--fail-above", flags->fail_above,
                  "Exit 1 when a metric exceeds its limit: e.g. wape=0.10,bias=0.05 (bias by "
                  "absolute value); metrics mae, rmse, wape, smape, mape, bias, mase");
  cmd->add_option("--fail-below", flags->fail_below,
                  "Exit 1 when interval coverage is below its minimum: e.g. coverage80=0.7");
  cmd->add_option("--out,-o", flags->out, "Write the scores as CSV to this file (atomically)");
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  cmd->callback([flags, &action] { action = [flags] { return run_accuracy(*flags); }; });
}

}  // namespace wfm::cli
