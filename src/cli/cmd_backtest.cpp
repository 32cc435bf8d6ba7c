// `wfm backtest`: rolling-origin evaluation of forecasting methods on an interval history, per
// queue and method, with the metrics of `wfm accuracy`.
//
// The evaluation is forecast::backtest_methods (src/wfm/forecast/backtest_methods.hpp: the history
// prepared as for forecasting, every method backtested from the same origins, `auto`'s choice
// marked, coverage cross-validated over the folds). This command parses the flags (--method:
// auto, all, names and a+b combinations), prints the table or JSON and writes the CSV (--out).
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/forecast_flags.hpp"
#include "cli/result_format.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/forecast/backtest_methods.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/resample.hpp"

namespace wfm::cli {
namespace {

using nlohmann::json;

struct BacktestFlags {
  HistoryFlags history;
  std::string method = "auto";
  std::string origins = "4";
  std::string horizon = "14d";
  std::string step = "7d";
  std::string special_days;
  std::string outliers = "off";
  std::string level = "80,95";
  std::string out;
  bool json = false;
};

int run_backtest(const BacktestFlags& f) {
  forecast::MethodsOptions options;
  options.methods = forecast::parse_method_list(split_list(f.method), core::at_flag("--method"));
  const bool is_auto = options.methods.empty();
  forecast::BacktestOptions& bt = options.backtest;
  bt.origins = parse_int_flag(f.origins, "--origins", 1, 100);
  bt.horizon_days = parse_days_flag(f.horizon, "--horizon");
  bt.step_days = parse_days_flag(f.step, "--step");
  options.levels = parse_levels_flag(f.level);
  forecast::check_levels(options.levels);
  const std::vector<double>& levels = options.levels;
  const bool downweight = parse_outliers_flag(f.outliers);
  options.downweight_outliers = downweight;
  options.special = load_special_days_flag(f.special_days);
  const forecast::SpecialDays& special = options.special;
  const core::IntervalTable history = load_history(f.history);
  const forecast::MethodsBacktest run = forecast::backtest_methods(history, options);
  const std::size_t poisson_folds = run.poisson_folds;

  std::vector<std::string> notes;
  notes.push_back(
      "coverage: each fold's prediction intervals are calibrated on the other folds' errors "
      "(leave-one-fold-out); folds overlap in time when --step is shorter than --horizon");
  if (bt.origins < 2) notes.push_back("coverage needs at least 2 origins: not reported");
  if (poisson_folds > 0) {
    notes.push_back(fmt::format(
        "{} folds had too few other-fold errors to calibrate and used Poisson intervals",
        poisson_folds));
  }
  notes.push_back(fmt::format(
      "MASE: mean absolute error over the in-sample error of the previous-{} naive forecast "
      "(per queue)",
      history.interval_s == io::weekly_interval_s ? "week" : "day"));
  // Fewer origins than asked for (a short history): said loudly, on stderr and in the notes.
  for (const auto& q : run.queues) {
    if (q.origins.size() >= static_cast<std::size_t>(bt.origins)) continue;
    const std::string note = fmt::format(
        "queue {}: only {} of the {} requested origins fit the history ({} days apart, a "
        "{}-day horizon): {} fold{} run",
        q.queue.empty() ? "(none)" : q.queue, q.origins.size(), bt.origins, bt.step_days,
        bt.horizon_days, q.origins.size(), q.origins.size() == 1 ? "" : "s");
    notes.push_back(note);
    std::cerr << "wfm backtest: warning: " << note << "\n";
  }
  if (!special.days.empty()) {
    notes.push_back("special days are left out of fitting and not scored");
  }
  if (downweight) notes.push_back("outlier days are down-weighted in fitting and in the actuals");

  // CSV (atomic).
  std::optional<io::AtomicFileWriter> out_file;
  if (!f.out.empty()) {
    out_file.emplace(f.out);
    io::CsvWriter w(out_file->stream());
    forecast::write_backtest_table(w, run, levels);
  }
  if (out_file) out_file->commit();

  if (f.json) {
    json queues = json::array();
    for (const auto& info : run.queues) {
      json origins = json::array();
      for (const auto d : info.origins) origins.push_back(core::format_local_date(d));
      json qrows = json::array();
      for (const auto& r : info.rows) {
        json j{{"method", r.result.method},
               {"folds", r.result.folds.size()},
               {"seconds", json_number(r.result.seconds)},
               {"scores", scores_json(r.scores.scores, levels, r.scores.has_coverage)}};
        if (is_auto) j["chosen"] = r.chosen;
        qrows.push_back(std::move(j));
      }
      queues.push_back(json{{"queue", info.queue},
                            {"mase_scale", json_opt(info.mase_scale)},
                            {"origins", std::move(origins)},
                            {"excluded_special_days", info.excluded_special_days},
                            {"outlier_days", info.outlier_days},
                            {"rows", std::move(qrows)}});
    }
    json jlevels = json::array();
    for (double l : levels) jlevels.push_back(l);
    std::cout << json{{"command", "backtest"},
                      {"history", f.history.history},
                      {"method", f.method},
                      {"origins", bt.origins},
                      {"horizon_days", bt.horizon_days},
                      {"step_days", bt.step_days},
                      {"levels", std::move(jlevels)},
                      {"outliers", downweight ? "downweight" : "off"},
                      {"out", f.out.empty() ? json(nullptr) : json(f.out)},
                      {"queues", std::move(queues)},
                      {"notes", notes}}
                     .dump(2)
              << "\n";
    return 0;
  }

  std::cout << fmt::format(
      "wfm backtest: {} queue{} from {} ({} intervals), {} origins {} days apart, {}-day "
      "horizon\n",
      run.queues.size(), run.queues.size() == 1 ? "" : "s", f.history.history,
      io::interval_text(history.interval_s), bt.origins, bt.step_days, bt.horizon_days);
  std::size_t qw = 5, mw = 6;
  for (const auto& q : run.queues) {
    for (const auto& r : q.rows) {
      qw = std::max(qw, q.queue.empty() ? std::size_t{6} : q.queue.size());
      mw = std::max(mw, r.result.method.size() + (r.chosen && is_auto ? 2 : 0));
    }
  }
  std::string head = fmt::format(
      "{:<{}} {:<{}} {:>5} {:>6} {:>7} {:>8} {:>8} {:>7} {:>7} {:>13} "
      "{:>7}",
      "queue", qw, "method", mw, "folds", "n", "MASE", "MAE", "RMSE", "WAPE", "sMAPE",
      "MAPE (skip)", "bias");
  for (double l : levels) head += fmt::format(" {:>7}", "cov" + level_text(l));
  std::cout << head << "\n";
  for (const auto& q : run.queues) {
    for (const auto& r : q.rows) {
      const auto& s = r.scores.scores;
      std::string line = fmt::format(
          "{:<{}} {:<{}} {:>5} {:>6} {:>7} {:>8} {:>8} {:>7} {:>7} {:>13} {:>7}",
          q.queue.empty() ? "(none)" : q.queue, qw,
          r.result.method + (r.chosen && is_auto ? " *" : ""), mw, r.result.folds.size(), s.n,
          fmt_fixed(s.mase, 3), fmt_fixed(s.mae, 2), fmt_fixed(s.rmse, 2), fmt_percent(s.wape),
          fmt_percent(s.smape), fmt_percent(s.mape) + fmt::format(" ({})", s.mape_skipped),
          fmt_percent(s.bias, true));
      for (std::size_t l = 0; l < levels.size(); ++l) {
        line += fmt::format(" {:>7}", r.scores.has_coverage && l < s.coverage.size()
                                          ? fmt_percent(s.coverage[l])
                                          : "-");
      }
      std::cout << line << "\n";
    }
  }
  if (is_auto) std::cout << "* auto's choice for the queue (lowest MASE, else WAPE)\n";
  for (const auto& n : notes) std::cout << "note: " << n << "\n";
  if (out_file) std::cout << "written to " << f.out << "\n";
  return 0;
}

}  // namespace

void add_backtest_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<BacktestFlags>();
  auto* cmd = app.add_subcommand(
      "backtest",
      "Rolling-origin evaluation of forecasting methods on an interval history: MAE, RMSE, WAPE, "
      "sMAPE, MAPE, bias, MASE and interval coverage per queue and method.");
  add_history_flags(*cmd, flags->history);
  std::string methods;
  for (const auto& m : forecast::method_names()) methods += (methods.empty() ? "" : ", ") + m;
  cmd->add_option("--method", flags->method,
                  "auto (default: every method and auto's combinations, its choice marked), all, "
                  "or a list of " +
                      methods + " and a+b combinations");
  cmd->add_option("--origins", flags->origins, "Forecast origins (default 4)");
  cmd->add_option("--horizon", flags->horizon, "Days forecast from each origin (default 14d)");
  cmd->add_option("--step", flags->step, "Days between origins (default 7d)");
  cmd->add_option("--special-days", flags->special_days,
                  "Special-days CSV: those days are left out of fitting and scoring");
  cmd->add_option("--outliers", flags->outliers, "off (default) or downweight");
  cmd->add_option("--level", flags->level, "Coverage levels in percent (default 80,95)");
  cmd->add_option("--out,-o", flags->out,
                  "CSV to write (atomically), one row per queue and method");
  cmd->add_flag("--json", flags->json, "Print the results as JSON on stdout");
  cmd->callback([flags, &action] { action = [flags] { return run_backtest(*flags); }; });
}

}  // namespace wfm::cli
