// `wfm forecast`: interval history -> a forecast CSV of calls (with prediction intervals) and
// handle time per queue and interval, which `wfm staff --demand` reads as it is.
//
// The work is forecast::run_forecast (pipeline.hpp); this command turns flags into
// ForecastOptions, writes the table, the optional model file and JSON report, and prints a short
// per-queue report: history, missing days, special days left out, outliers, the method (for auto
// every candidate's backtest scores, coverage cross-validated over the folds as in
// backtest_coverage.hpp) and the basis of the prediction intervals. With --load-model the saved
// models forecast without history or refitting. Output files are opened before anything is
// written and committed together: a failed run leaves none of them.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/forecast_flags.hpp"
#include "cli/plan_warnings.hpp"
#include "cli/result_format.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/forecast/backtest_coverage.hpp"
#include "wfm/forecast/model_file.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/resample.hpp"

#ifndef WFM_VERSION
#define WFM_VERSION "unknown"
#endif

namespace wfm::cli {
namespace {

using nlohmann::json;

struct ForecastFlags {
  HistoryFlags history;
  std::string horizon = "14d";
  std::string method;
  std::string start;
  std::string special_days;
  std::string level = "80,95";
  std::string outliers;
  std::string origins;
  std::string out;
  std::string save_model;
  std::string load_model;
  std::string report;
  bool json = false;
};

std::string queue_label(const std::string& q) {
  return q.empty() ? "(none)" : q;
}

std::string members_text(const forecast::QueueModel& m) {
  std::string s;
  for (const auto& st : m.members) s += (s.empty() ? "" : "+") + st.method;
  return s;
}

std::size_t interval_count(const core::ForecastTable& t, const std::string& queue) {
  for (const auto& q : t.queues) {
    if (q.queue == queue) return q.intervals.size();
  }
  return 0;
}

json intervals_json(const forecast::IntervalModel& m) {
  return json{{"basis", m.basis},
              {"residuals", m.residuals},
              {"phi", json_number(m.phi)},
              {"kappa2", json_number(m.kappa2)}};
}

std::string intervals_text(const forecast::IntervalModel& m) {
  if (m.basis == "backtest") {
    return fmt::format(
        "calibrated on {} backtest errors (variance {} f + {} f^2, {} quantiles{})", m.residuals,
        human(m.phi, 3), human(m.kappa2, 3),
        m.residuals >= forecast::min_errors_quantiles ? "empirical" : "normal",
        m.residuals >= forecast::min_errors_quantiles
            ? ""
            : fmt::format(": under {} errors", forecast::min_errors_quantiles));
  }
  return fmt::format(
      "poisson (too few backtest errors to calibrate, under {}: variance = forecast, normal "
      "quantiles; more --origins give more errors)",
      forecast::min_errors_variance);
}

// Candidate scores with cross-validated coverage.
struct Candidate {
  const forecast::BacktestResult* result;
  forecast::CoverageScores scores;
};

std::string report_text(const std::vector<forecast::QueueReport>& reports,
                        const std::vector<forecast::QueueModel>& models,
                        const std::vector<std::vector<Candidate>>& candidates,
                        const core::IntervalTable& history, const core::ForecastTable& table,
                        const forecast::ForecastOptions& o, bool downweight) {
  std::ostringstream s;
  for (std::size_t q = 0; q < reports.size(); ++q) {
    const auto& r = reports[q];
    const auto& m = models[q];
    const auto& series = history.queues[q];
    const std::string first = series.intervals.empty()
                                  ? "-"
                                  : core::format_local_date(std::chrono::floor<std::chrono::days>(
                                        series.intervals.front().start));
    // A weekly file's rows are weeks (docs/forecast.md, "Weekly files"): say so.
    const char* unit = history.interval_s == io::weekly_interval_s ? "weeks" : "days";
    s << fmt::format("queue {}: {} history {} ({} to {}), {} intervals forecast\n",
                     queue_label(r.queue), r.history_days, unit, first,
                     core::format_local_date(m.last_date), interval_count(table, r.queue));
    s << fmt::format("  missing {}: {}{}\n", unit, r.missing_days.size(),
                     r.missing_days.empty() ? ""
                                            : " (" + format_dates(r.missing_days) +
                                                  "; left out of fitting, not zero)");
    if (!o.special.days.empty()) {
      s << fmt::format(
          "  special days excluded from fitting: {}{}\n", r.excluded_special.size(),
          r.excluded_special.empty() ? "" : " (" + format_dates(r.excluded_special) + ")");
    }
    if (r.outliers.empty()) {
      s << "  outlier days: none\n";
    } else {
      std::string list;
      for (std::size_t i = 0; i < r.outliers.size() && i < 5; ++i) {
        const auto& d = r.outliers[i];
        list += fmt::format("{}{} ({} calls vs {} typical, z {:+.1f})", i ? ", " : "",
                            core::format_local_date(d.date), human(d.total, 5),
                            human(d.reference, 5), d.z);
      }
      if (r.outliers.size() > 5) list += fmt::format(", ... (+{} more)", r.outliers.size() - 5);
      s << fmt::format(
          "  outlier days: {}, {}: {}\n", r.outliers.size(),
          downweight ? "down-weighted" : "kept (--outliers downweight to down-weight them)", list);
    }
    const auto& cands = candidates[q];
    const std::size_t folds = cands.empty() ? 0 : cands.front().result->folds.size();
    if (o.method == "auto") {
      s << fmt::format("  method: {} (auto: lowest backtest {} over {} origin{}, {}-day horizon)\n",
                       r.method, r.mase_scale ? "MASE" : "WAPE", folds, folds == 1 ? "" : "s",
                       r.backtest_horizon_days);
    } else {
      s << fmt::format("  method: {} (backtest over {} origin{}, {}-day horizon)\n", r.method,
                       folds, folds == 1 ? "" : "s", r.backtest_horizon_days);
    }
    if (r.backtest_horizon_days < o.horizon_days) {
      s << fmt::format(
          "  (the history is too short to backtest {} days ahead; backtested {} days "
          "ahead instead)\n",
          o.horizon_days, r.backtest_horizon_days);
    }
    if (folds > 0) {
      std::size_t width = 9;
      for (const auto& c : cands) width = std::max(width, c.result->method.size());
      std::string head =
          fmt::format("    {:<{}} {:>7} {:>7} {:>7}", "candidate", width, "MASE", "WAPE", "bias");
      for (double l : o.levels) head += fmt::format(" {:>7}", "cov" + level_text(l));
      s << head << "\n";
      for (const auto& c : cands) {
        const auto& sc = c.scores.scores;
        std::string line =
            fmt::format("    {:<{}} {:>7} {:>7} {:>7}", c.result->method, width,
                        fmt_fixed(sc.mase, 3), fmt_percent(sc.wape), fmt_percent(sc.bias, true));
        for (std::size_t l = 0; l < o.levels.size(); ++l) {
          line += fmt::format(" {:>7}", c.scores.has_coverage && l < sc.coverage.size()
                                            ? fmt_percent(sc.coverage[l])
                                            : "-");
        }
        s << line << "\n";
      }
      if (folds == 1) {
        s << "    (coverage needs two or more origins: each fold's intervals are calibrated on the "
             "other folds)\n";
      }
    } else {
      s << "  no backtest: the history is too short for an origin before the last "
        << o.horizon_days << " days\n";
    }
    s << "  intervals: " << intervals_text(m.intervals) << "\n";
  }
  return s.str();
}

json report_json(const ForecastFlags& f, const forecast::ForecastOptions& o,
                 const forecast::ForecastRun* run,
                 const std::vector<std::vector<Candidate>>& candidates,
                 const std::vector<forecast::QueueModel>& models, const core::ForecastTable& table,
                 const core::IntervalTable* history, bool downweight) {
  json queues = json::array();
  for (std::size_t q = 0; q < models.size(); ++q) {
    const auto& m = models[q];
    json j{{"queue", m.queue},
           {"last_history_date", core::format_local_date(m.last_date)},
           {"method", run ? run->reports[q].method : members_text(m)},
           {"members",
            [&] {
              json a = json::array();
              for (const auto& st : m.members) a.push_back(st.method);
              return a;
            }()},
           {"intervals", intervals_json(m.intervals)},
           {"aht", m.aht.has_value()},
           {"forecast_intervals", interval_count(table, m.queue)}};
    if (run) {
      const auto& r = run->reports[q];
      const auto& series = history->queues[q];
      j["history_days"] = r.history_days;
      j["first_history_date"] = core::format_local_date(
          std::chrono::floor<std::chrono::days>(series.intervals.front().start));
      const auto dates = [](const std::vector<forecast::Date>& ds) {
        json a = json::array();
        for (const auto d : ds) a.push_back(core::format_local_date(d));
        return a;
      };
      j["missing_days"] = dates(r.missing_days);
      j["excluded_special_days"] = dates(r.excluded_special);
      json outliers = json::array();
      for (const auto& d : r.outliers) {
        outliers.push_back(json{{"date", core::format_local_date(d.date)},
                                {"total", json_number(d.total)},
                                {"reference", json_number(d.reference)},
                                {"z", json_number(d.z)},
                                {"adjusted", json_number(d.adjusted)},
                                {"downweighted", downweight}});
      }
      j["outliers"] = std::move(outliers);
      j["mase_scale"] = json_opt(r.mase_scale);
      json cands = json::array();
      for (const auto& c : candidates[q]) {
        json cj{{"method", c.result->method},
                {"folds", c.result->folds.size()},
                {"seconds", json_number(c.result->seconds)}};
        cj["scores"] = scores_json(c.scores.scores, o.levels, c.scores.has_coverage);
        cands.push_back(std::move(cj));
      }
      j["candidates"] = std::move(cands);
    }
    queues.push_back(std::move(j));
  }
  json levels = json::array();
  for (double l : o.levels) levels.push_back(l);
  json result{{"command", "forecast"},
              {"history", run ? json(f.history.history) : json(nullptr)},
              {"model", f.load_model.empty() ? json(nullptr) : json(f.load_model)},
              {"method", run ? json(o.method) : json(nullptr)},
              {"outliers", run ? json(downweight ? "downweight" : "off") : json(nullptr)},
              {"horizon_days", o.horizon_days},
              {"start", o.start ? json(core::format_local_date(*o.start)) : json(nullptr)},
              {"levels", std::move(levels)},
              {"special_days", f.special_days.empty() ? json(nullptr) : json(f.special_days)},
              {"out", f.out.empty() ? json(nullptr) : json(f.out)},
              {"saved_model", f.save_model.empty() ? json(nullptr) : json(f.save_model)},
              {"queues", std::move(queues)}};
  // What the forecast left out (daylight saving, with --timezone); absent when nothing was.
  if (run && !run->notes.empty()) result["notes"] = run->notes;
  return result;
}

int run_forecast_command(const ForecastFlags& f) {
  const bool loading = !f.load_model.empty();
  if (loading) {
    WFM_REQUIRE(!history_options_given(f.history), core::at_flag("--load-model"),
                "forecasts from the saved model without history: drop --history (and its "
                "--mapping, --delimiter, --decimal-comma, --time-format, --columns, "
                "--interval-length, --gaps)");
    WFM_REQUIRE(f.method.empty(), core::at_flag("--method"),
                "the method is fixed by the saved model (--load-model); drop --method");
    WFM_REQUIRE(f.outliers.empty(), core::at_flag("--outliers"),
                "outliers are handled when fitting; --load-model does not refit");
    WFM_REQUIRE(f.origins.empty(), core::at_flag("--origins"),
                "backtests run when fitting; --load-model does not refit");
    WFM_REQUIRE(f.save_model.empty(), core::at_flag("--save-model"),
                "the model is already saved (--load-model); copy the file instead");
  } else {
    WFM_REQUIRE(!f.history.history.empty(), core::at_flag("--history"),
                "required: the interval history CSV (or --load-model with a saved model)");
  }
  WFM_REQUIRE(!(f.json && f.out.empty()), core::at_flag("--json"),
              "--json prints the report on stdout: give --out for the forecast table");
  WFM_REQUIRE(!(f.report == "-" && f.out.empty()), core::at_flag("--report"),
              "the forecast table goes to stdout without --out: give --out, or a file for "
              "--report");

  io::require_distinct_outputs({{f.history.history, "--history"},
                                {f.special_days, "--special-days"},
                                {f.load_model, "--load-model"}},
                               {{f.out, "--out"},
                                {f.save_model, "--save-model"},
                                {f.report == "-" ? std::string() : f.report, "--report"}});
  forecast::ForecastOptions o;
  o.horizon_days = parse_days_flag(f.horizon, "--horizon");
  o.levels = parse_levels_flag(f.level);
  if (!f.start.empty()) {
    const auto d = core::parse_local_date(io::trim(f.start));
    WFM_REQUIRE(d.has_value(), core::at_flag("--start"), "expected a date YYYY-MM-DD, got {}",
                io::quote_for_message(f.start));
    o.start = *d;
  }
  if (!f.method.empty()) o.method = f.method;
  const bool downweight = !f.outliers.empty() && parse_outliers_flag(f.outliers);
  o.downweight_outliers = downweight;
  if (!f.origins.empty()) o.backtest.origins = parse_int_flag(f.origins, "--origins", 1, 100);
  if (o.method != "auto") forecast::make_forecaster(o.method);  // unknown names fail early
  o.special = load_special_days_flag(f.special_days);
  o.time_zone = parse_timezone_flag(f.history.timezone);

  std::optional<core::IntervalTable> history;
  std::optional<forecast::ForecastRun> run;
  std::vector<forecast::QueueModel> loaded;
  core::ForecastTable table;
  if (loading) {
    loaded = forecast::load_models(f.load_model);
    table = forecast::forecast_from_models(loaded, o);
  } else {
    history = load_history(f.history);
    run = forecast::run_forecast(*history, o);
    table = run->table;
  }
  const auto& models = run ? run->models : loaded;

  std::vector<std::vector<Candidate>> candidates(models.size());
  if (run) {
    for (std::size_t q = 0; q < run->reports.size(); ++q) {
      for (const auto& c : run->reports[q].candidates) {
        candidates[q].push_back(Candidate{
            &c, forecast::score_with_coverage(c.folds, o.levels, run->reports[q].mase_scale)});
      }
    }
  }

  // Every output file is opened before any is committed.
  std::optional<io::AtomicFileWriter> out_file, model_file, report_file;
  if (!f.out.empty()) out_file.emplace(f.out);
  if (!f.save_model.empty()) {
    const auto parent = std::filesystem::path(f.save_model).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
      std::filesystem::create_directories(parent, ec);  // a failure shows when opening the file
    }
    model_file.emplace(f.save_model);
  }
  if (!f.report.empty() && f.report != "-") report_file.emplace(f.report);

  const json report = report_json(f, o, run ? &*run : nullptr, candidates, models, table,
                                  history ? &*history : nullptr, downweight);
  if (model_file) {
    model_file->stream()
        << forecast::models_to_json(models, std::string("wfm ") + WFM_VERSION).dump(1) << '\n';
  }
  if (report_file) report_file->stream() << report.dump(2) << '\n';
  if (out_file) {
    io::write_forecast_table(out_file->stream(), table);
  } else {
    io::write_forecast_table(std::cout, table);
    std::cout.flush();
  }
  io::AtomicFileWriter* const files[] = {out_file ? &*out_file : nullptr,
                                         model_file ? &*model_file : nullptr,
                                         report_file ? &*report_file : nullptr};
  io::commit_all(files);

  std::size_t rows = 0;
  for (const auto& q : table.queues) rows += q.intervals.size();
  const auto warn = [&] {
    if (!o.start) return;
    for (const auto& m : models) {
      if (const auto w = start_gap_warning(m.last_date, *o.start)) {
        print_warning("forecast", w);
        break;
      }
    }
  };
  if (f.json || f.report == "-") {
    std::cout << report.dump(2) << '\n';
    if (f.json) {
      warn();
      return 0;
    }
  }
  std::ostream& text = out_file ? std::cout : std::cerr;
  std::string levels;
  for (double l : o.levels) levels += (levels.empty() ? "" : ", ") + level_text(l) + "%";
  if (run) {
    text << fmt::format(
        "wfm forecast: {} queue{} from {} ({} intervals), {} days{}, method {}, levels {}{}\n",
        models.size(), models.size() == 1 ? "" : "s", f.history.history,
        io::interval_text(history->interval_s), o.horizon_days,
        o.start ? " from " + core::format_local_date(*o.start) : std::string(" after the history"),
        o.method, levels,
        o.special.days.empty() ? "" : fmt::format(", {} special days", o.special.days.size()));
    text << report_text(run->reports, models, candidates, *history, table, o, downweight);
  } else {
    text << fmt::format("wfm forecast: {} queue{} from the saved model {}, {} days{}, levels {}\n",
                        models.size(), models.size() == 1 ? "" : "s", f.load_model, o.horizon_days,
                        o.start ? " from " + core::format_local_date(*o.start)
                                : std::string(" after each queue's history"),
                        levels);
    for (const auto& m : models) {
      text << fmt::format("queue {}: method {}, history to {}, {} intervals forecast\n",
                          queue_label(m.queue), members_text(m),
                          core::format_local_date(m.last_date), interval_count(table, m.queue));
      text << "  intervals: " << intervals_text(m.intervals) << "\n";
    }
  }
  if (run) {
    for (const auto& n : run->notes) text << "note: " << n << "\n";
  }
  if (out_file) text << fmt::format("forecast: {} intervals written to {}\n", rows, f.out);
  warn();
  if (model_file) text << "model: " << f.save_model << "\n";
  if (report_file) text << "report: " << f.report << "\n";
  return 0;
}

}  // namespace

void add_forecast_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<ForecastFlags>();
  auto* cmd = app.add_subcommand(
      "forecast",
      "Forecast calls (with prediction intervals) and handle time per queue and interval from an "
      "interval history; the output feeds wfm staff --demand (see docs/forecast.md).");
  add_history_flags(*cmd, flags->history);
  cmd->add_option("--horizon", flags->horizon, "Days to forecast, e.g. 14d (default 14d)");
  std::string methods = "auto";
  for (const auto& m : forecast::method_names()) methods += "|" + m;
  cmd->add_option("--method", flags->method,
                  methods + " (default auto: chosen per queue by a rolling-origin backtest)");
  cmd->add_option("--start", flags->start,
                  "First forecast day YYYY-MM-DD (default: the day after the history)");
  cmd->add_option("--special-days", flags->special_days,
                  "Special-days CSV (date,name,kind[,multiplier]; docs/formats.md)");
  cmd->add_option("--level", flags->level,
                  "Prediction-interval levels in percent, increasing (default 80,95)");
  cmd->add_option("--outliers", flags->outliers,
                  "off (default: found and reported) or downweight (Huber weights before fitting)");
  cmd->add_option("--origins", flags->origins, "Backtest origins (default 4)");
  cmd->add_option("--out,-o", flags->out,
                  "Forecast CSV to write (atomically); default stdout, with the report on stderr");
  cmd->add_option("--save-model", flags->save_model,
                  "Save the fitted models as JSON (e.g. models/x.json) for --load-model");
  cmd->add_option("--load-model", flags->load_model,
                  "Forecast from a saved model file, without --history (no refitting)");
  cmd->add_option("--report", flags->report, "Write the report as JSON to a file, or - (stdout)");
  cmd->add_flag("--json", flags->json, "Print the report as JSON on stdout (needs --out)");
  cmd->callback([flags, &action] { action = [flags] { return run_forecast_command(*flags); }; });
}

}  // namespace wfm::cli
