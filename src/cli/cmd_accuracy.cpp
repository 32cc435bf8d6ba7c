// `wfm accuracy`: a forecast CSV against the actuals (interval history) -> accuracy scores per
// group, with thresholds that make the run exit 1 (for a scheduled check).
//
// The scoring (pairing, buckets, groups, MASE scales, thresholds) is metrics::score_forecast
// (src/wfm/metrics/scoring.hpp); this command parses the flags, loads the files, and prints the
// report as a table or JSON and optionally as CSV (--out). Definitions: docs/accuracy.md. Nothing
// is written to --out unless the whole report was built.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/reader_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/resample.hpp"
#include "wfm/metrics/scoring.hpp"

namespace wfm::cli {
namespace {

using metrics::Scores;

struct AccuracyFlags {
  std::string forecast;
  std::string actuals;
  std::string history;
  ReaderFlags reader;
  ReaderFlags forecast_reader;
  std::string timezone;
  std::string season = "day";
  std::string resolution = "native";
  std::string by;
  std::string fail_above;
  std::string fail_below;
  std::string out;
  bool json = false;
};

std::vector<metrics::Threshold> parse_thresholds(const std::string& text, bool above) {
  const char* flag = above ? "--fail-above" : "--fail-below";
  std::vector<metrics::Threshold> out;
  for (const auto& item : split_list(text)) {
    const auto eq = item.find('=');
    WFM_REQUIRE(eq != std::string::npos && eq > 0 && eq + 1 < item.size(), core::at_flag(flag),
                "expected metric=value pairs such as {}, got {}",
                above ? "wape=0.10,bias=0.05" : "coverage80=0.7", io::quote_for_message(item));
    metrics::Threshold t;
    t.metric = std::string(io::trim(item.substr(0, eq)));
    t.above = above;
    const std::string value(io::trim(item.substr(eq + 1)));
    if (above) {
      std::string names;
      for (const auto m : metrics::limit_metrics())
        names += (names.empty() ? "" : ", ") + std::string(m);
      WFM_REQUIRE(metrics::is_limit_metric(t.metric), core::at_flag(flag),
                  "expected a metric among {}, got {}", names, io::quote_for_message(t.metric));
      t.limit = (t.metric == "mae" || t.metric == "rmse" || t.metric == "mase")
                    ? parse_number_flag(value, flag)
                    : parse_fraction_flag(value, flag);
    } else {
      WFM_REQUIRE(metrics::coverage_level(t.metric).has_value(), core::at_flag(flag),
                  "expected coverage<level> such as coverage80, got {}",
                  io::quote_for_message(t.metric));
      t.limit = parse_fraction_flag(value, flag);
    }
    WFM_REQUIRE(t.limit >= 0, core::at_flag(flag), "expected a threshold >= 0 for {}, got {}",
                t.metric, io::quote_for_message(value));
    out.push_back(t);
  }
  return out;
}

// The message of a failed threshold.
std::string breach_message(const metrics::Breach& b) {
  if (!b.value) {
    return fmt::format("{} cannot be checked for {} ({} {}): {}", b.metric, b.row,
                       b.above ? "limit" : "minimum", human(b.limit), b.reason);
  }
  std::string m = fmt::format("{} {} {} {} for {}", b.metric, human(*b.value, 4),
                              b.above ? ">" : "<", human(b.limit), b.row);
  if (b.above && b.metric == "bias" && *b.value < 0) {
    m += " (bias is compared by its absolute value)";
  }
  return m;
}

nlohmann::json json_opt(const std::optional<double>& v) {
  return v ? json_number(*v) : nlohmann::json(nullptr);
}

int run_accuracy(const AccuracyFlags& f) {
  WFM_REQUIRE(!f.forecast.empty(), core::at_flag("--forecast"), "required: the forecast CSV");
  WFM_REQUIRE(!f.actuals.empty(), core::at_flag("--actuals"),
              "required: the actuals (interval history CSV)");
  metrics::ScoringOptions options;
  const auto lag = metrics::parse_seasonal_lag(f.season);
  WFM_REQUIRE(lag.has_value(), core::at_flag("--season"), "expected day or week, got {}",
              io::quote_for_message(f.season));
  options.season = *lag;
  if (!io::trim(f.by).empty()) {
    std::vector<metrics::GroupBy> by;
    for (const auto& item : split_list(f.by)) {
      const auto d = metrics::parse_group_by(item);
      WFM_REQUIRE(d.has_value(), core::at_flag("--by"),
                  "expected a list of interval, day, week, queue, got {}",
                  io::quote_for_message(item));
      WFM_REQUIRE(std::find(by.begin(), by.end(), *d) == by.end(), core::at_flag("--by"),
                  "{} is listed twice", item);
      by.push_back(*d);
    }
    options.by = std::move(by);
  }
  options.thresholds = parse_thresholds(f.fail_above, true);
  for (auto& t : parse_thresholds(f.fail_below, false)) options.thresholds.push_back(t);
  metrics::check_thresholds(options.thresholds, !f.history.empty());

  io::IntervalCsvOptions csv;
  csv.reader = reader_options(f.reader);
  csv.time_zone = parse_timezone_flag(f.timezone);
  io::ForecastCsvOptions forecast_csv;
  forecast_csv.reader = reader_options(f.forecast_reader);
  forecast_csv.time_zone = csv.time_zone;
  io::require_distinct_outputs(
      {{f.forecast, "--forecast"}, {f.actuals, "--actuals"}, {f.history, "--history"}},
      {{f.out, "--out"}});
  const core::ForecastTable forecast = read_with_reader_flags(
      f.forecast_reader, [&] { return io::load_forecast_table(f.forecast, forecast_csv); });
  const core::IntervalTable actuals = io::load_interval_table(f.actuals, csv);
  if (f.resolution != "native")
    options.resolution_s = interval_flag_s(f.resolution, "--resolution");
  std::optional<core::IntervalTable> history;
  if (!f.history.empty()) history = io::load_interval_table(f.history, csv);
  const metrics::AccuracyReport report =
      metrics::score_forecast(forecast, actuals, history ? &*history : nullptr, options);
  const auto& dims = report.by;
  const auto& pairing = report.pairing;

  std::vector<std::string> header;
  for (const auto d : dims) header.emplace_back(metrics::column_name(d));
  for (auto& c : metrics::score_columns(report.levels)) header.push_back(std::move(c));

  if (!f.out.empty()) {
    io::AtomicFileWriter file(f.out);
    metrics::write_accuracy_csv(file.stream(), report);
    file.commit();
  }

  if (f.json) {
    nlohmann::json j;
    j["forecast"] = f.forecast;
    j["actuals"] = f.actuals;
    j["history"] = f.history.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.history);
    j["season"] = f.season;
    j["interval_s"] = report.interval_s;
    j["resolution_s"] = report.resolution_s;
    j["rebinned"] =
        report.rebinned.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.rebinned);
    j["rebinned_from_s"] =
        report.rebinned.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.rebinned_from_s);
    j["levels"] = report.levels;
    j["pairing"] = {{"pairs", pairing.pairs},
                    {"buckets", pairing.buckets},
                    {"forecast_unmatched", pairing.forecast_unmatched},
                    {"actual_unmatched", pairing.actual_unmatched},
                    {"actual_outside_forecast", pairing.actual_outside},
                    {"forecast_only_queues", pairing.forecast_only_queues},
                    {"actual_only_queues", pairing.actual_only_queues}};
    j["notes"] = report.notes;
    j["rows"] = nlohmann::json::array();
    for (const auto& row : report.rows) {
      nlohmann::json r;
      nlohmann::json group = nlohmann::json::object();
      for (std::size_t i = 0; i < dims.size(); ++i) {
        group[std::string(metrics::column_name(dims[i]))] = row.labels[i];
      }
      r["group"] = group;
      const auto v = metrics::score_values(row.scores);
      for (std::size_t i = 0; i < v.size(); ++i) r[header[dims.size() + i]] = json_opt(v[i]);
      r["n"] = row.scores.n;
      r["mape_skipped"] = row.scores.mape_skipped;
      r["smape_skipped"] = row.scores.smape_skipped;
      r["sum_actual"] = json_number(row.scores.sum_actual);
      r["sum_forecast"] = json_number(row.scores.sum_forecast);
      j["rows"].push_back(r);
    }
    j["breaches"] = nlohmann::json::array();
    for (const auto& b : report.breaches) {
      j["breaches"].push_back({{"metric", b.metric},
                               {"group", b.row},
                               {"value", json_opt(b.value)},
                               {b.above ? "above" : "below", b.limit},
                               {"message", breach_message(b)}});
    }
    j["passed"] = report.passed();
    std::cout << j.dump(2) << "\n";
  } else {
    std::ostringstream o;
    o << "wfm accuracy: " << f.forecast << " against " << f.actuals << ", "
      << io::interval_text(report.resolution_s) << (report.native ? " (native)" : "");
    if (!report.rebinned.empty()) {
      o << fmt::format(", the {} re-binned from {}", report.rebinned,
                       io::interval_text(report.rebinned_from_s));
    }
    o << "\n";
    o << format_table({
        {"pairs scored",
         fmt::format(
             "{} intervals{}", pairing.pairs,
             report.native ? std::string() : fmt::format(" in {} buckets", pairing.buckets))},
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
    for (const auto& n : report.notes) o << "note: " << n << "\n";
    o << "fractions, not percent; bias = (forecast - actual) / actual; '-' = undefined "
         "(docs/accuracy.md)\n\n";
    std::vector<std::vector<std::string>> table{header};
    for (const auto& row : report.rows) {
      std::vector<std::string> line = row.labels;
      const auto v = metrics::score_values(row.scores);
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
    if (!options.thresholds.empty()) {
      o << "\n"
        << (report.passed() ? "thresholds: all met"
                            : fmt::format("thresholds: {} failed", report.breaches.size()))
        << "\n";
    }
    if (!f.out.empty()) o << "written to " << f.out << "\n";
    std::cout << o.str();
  }
  for (const auto& b : report.breaches) {
    std::cerr << "wfm accuracy: threshold failed: " << breach_message(b) << "\n";
  }
  return report.passed() ? 0 : 1;
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
  add_reader_flags(*cmd, flags->reader, "--actuals and --history");
  add_reader_flags(*cmd, flags->forecast_reader, "--forecast", "forecast-", io::forecast_fields);
  add_timezone_flag(*cmd, flags->timezone, "the interval starts of every file read");
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
