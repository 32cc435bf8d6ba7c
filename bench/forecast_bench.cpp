// Forecast accuracy and speed on real public data (issue 4), end to end through the library:
// history table -> forecast::run_forecast -> scores with metrics::Accumulator.
//  - fpp2 bank calls (5-minute; train up to 2003-10-10, forecast 14 days, the 9 weekdays present
//    are scored), MASE scaled by the in-sample MAE of the same slot on the previous observed day;
//    also at 30-minute and daily resolution (history and forecast aggregated, scale likewise).
//  - Taylor's electricity demand (30-minute; the last 7 days held out).
// Usage: wfm_forecast_bench [DATA_DIR [METHOD...]]   (default: every method and auto)
#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/core/time.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/resample.hpp"
#include "wfm/metrics/accuracy.hpp"
#include "wfm/metrics/aggregate.hpp"
#include "wfm/metrics/scale.hpp"

using namespace wfm;

namespace {

core::IntervalTable head(const core::IntervalTable& t, core::LocalTime end) {
  core::IntervalTable h = t;
  for (auto& q : h.queues) {
    std::erase_if(q.intervals, [&](const core::IntervalRecord& r) { return r.start >= end; });
  }
  return h;
}

metrics::Scores score(const core::ForecastTable& f, const core::IntervalTable& actual,
                      const core::IntervalTable& train, int resolution_s, bool bounds) {
  const auto fa = resolution_s == f.interval_s ? f : metrics::aggregate(f, resolution_s);
  const auto aa = resolution_s == actual.interval_s
                      ? actual
                      : io::resample(actual, resolution_s, io::GapPolicy::allow).table;
  const auto scale = metrics::seasonal_naive_scale(
      train.queues.at(0), train.interval_s, metrics::SeasonalLag::previous_day, resolution_s);
  std::map<core::LocalTime, double> act;
  for (const auto& r : aa.queues.at(0).intervals) act[r.start] = r.offered;
  metrics::Accumulator acc;
  for (const auto& r : fa.queues.at(0).intervals) {
    const auto it = act.find(r.start);
    if (it == act.end()) continue;
    if (bounds) {
      acc.add(it->second, r.calls, r.bounds);
    } else {
      acc.add(it->second, r.calls);
    }
  }
  return acc.scores(scale);
}

void run(const std::string& title, const core::IntervalTable& all, forecast::Date last_train,
         int horizon, const std::vector<std::string>& methods, int coarse_s) {
  const auto train = head(all, core::LocalTime{last_train + std::chrono::days{1}});
  fmt::print(
      "\n{}: horizon {} days from {}, MASE scale {:.2f}\n", title, horizon,
      core::format_local_date(last_train + std::chrono::days{1}),
      *metrics::seasonal_naive_scale(train.queues.at(0), metrics::SeasonalLag::previous_day));
  fmt::print("{:<40} {:>6} {:>6} {:>6} {:>7} {:>7} {:>6} {:>6} {:>7} {:>7} {:>8} {:>8}\n",
             "method (chosen)", "MASE", "WAPE", "sMAPE", "RMSE", "bias", "cov80", "cov95",
             fmt::format("MASE{}m", coarse_s / 60), "MASEday", "model ms", "total ms");
  const auto grid = forecast::make_day_grid(train.queues.at(0), train.interval_s);
  for (const auto& m : methods) {
    forecast::ForecastOptions o;
    o.method = m;
    o.horizon_days = horizon;
    // Model alone: fit + predict on the grid (auto has no single model).
    double model_ms = 0;
    if (m != "auto") {
      const auto model = forecast::make_forecaster(m);
      const auto dates = forecast::horizon_dates(grid, last_train + std::chrono::days{1}, horizon);
      int reps = 0;
      const auto t0 = std::chrono::steady_clock::now();
      do {
        (void)model->forecast(grid, dates);
        ++reps;
      } while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(200));
      model_ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() /
          reps;
    }
    int reps = 0;
    forecast::ForecastRun r;
    const auto t0 = std::chrono::steady_clock::now();
    do {
      r = forecast::run_forecast(train, o);
      ++reps;
    } while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(300));
    const double total_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() /
        reps;
    const auto s = score(r.table, all, train, all.interval_s, true);
    const auto c = score(r.table, all, train, coarse_s, false);
    const auto d = score(r.table, all, train, 86400, false);
    const std::string label = m == "auto" ? "auto (" + r.reports.at(0).method + ")" : m;
    fmt::print(
        "{:<40} {:>6.3f} {:>6.3f} {:>6.3f} {:>7.1f} {:>+7.3f} {:>6.3f} {:>6.3f} {:>7.3f} {:>7.3f} "
        "{:>8.2f} {:>8.1f}\n",
        label, *s.mase, *s.wape, *s.smape, *s.rmse, *s.bias, *s.coverage.at(0), *s.coverage.at(1),
        *c.mase, *d.mase, model_ms, total_ms);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/data";
  std::vector<std::string> methods = forecast::method_names();
  methods.push_back("auto");
  if (argc > 2) methods.assign(argv + 2, argv + argc);
  {
    const auto table = io::load_interval_table(dir + "/fpp2_calls_5min.csv");
    run("fpp2 bank calls, 5-min", table, *core::parse_local_date("2003-10-10"), 14, methods, 1800);
  }
  {
    io::IntervalCsvOptions opt;
    opt.reader.columns["offered"] = "demand_mw";
    const auto table = io::load_interval_table(dir + "/forecast_taylor_30min.csv", opt);
    const auto last =
        std::chrono::floor<std::chrono::days>(table.queues.at(0).intervals.back().start);
    run("Taylor electricity, 30-min", table, last - std::chrono::days{7}, 7, methods, 3600);
  }
}
