// Forecast accuracy and speed on real public data (issue 4): the fpp2 bank calls (5-minute,
// train to 2003-10-10, score the 9 weekdays 2003-10-13..24) and Taylor's electricity demand
// (30-minute, last week held out). Usage: wfm_forecast_bench [DATA_DIR]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/core/time.hpp"
#include "wfm/forecast/day_grid.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/interval_csv.hpp"

using namespace wfm;
using forecast::Date;

namespace {

struct Split {
  forecast::DayGrid train;
  forecast::DayGrid test;  // the held-out days (same slots as train)
  std::vector<Date> horizon;
};

Split split(const forecast::DayGrid& all, Date last_train, int horizon_days) {
  Eigen::Index n = 0;
  while (n < all.days() && all.dates[static_cast<std::size_t>(n)] <= last_train) ++n;
  Split s;
  s.train = forecast::head_days(all, n);
  s.test = all;
  s.horizon = forecast::horizon_dates(s.train, last_train + std::chrono::days{1}, horizon_days);
  return s;
}

// In-sample MAE of the same slot on the previous observed day.
double naive_day_scale(const forecast::DayGrid& g) {
  double sum = 0;
  long n = 0;
  for (Eigen::Index i = 1; i < g.days(); ++i) {
    for (Eigen::Index c = 0; c < g.width(); ++c) {
      const double a = g.calls(i, c), b = g.calls(i - 1, c);
      if (std::isnan(a) || std::isnan(b)) continue;
      sum += std::abs(a - b);
      ++n;
    }
  }
  return sum / static_cast<double>(n);
}

struct Score {
  double mase, wape, smape, rmse, bias;
};

Score score(const Eigen::MatrixXd& f, const forecast::DayGrid& all, const std::vector<Date>& days,
            double scale, int group) {
  double abs = 0, sq = 0, sm = 0, act = 0, err = 0;
  long n = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto row = all.row_of(days[i]);
    if (row < 0) continue;
    for (Eigen::Index c0 = 0; c0 < all.width(); c0 += group) {
      double a = 0, p = 0;
      bool ok = true;
      for (Eigen::Index c = c0; c < std::min<Eigen::Index>(c0 + group, all.width()); ++c) {
        if (std::isnan(all.calls(row, c))) ok = false;
        a += all.calls(row, c);
        p += f(static_cast<Eigen::Index>(i), c);
      }
      if (!ok) continue;
      abs += std::abs(p - a);
      sq += (p - a) * (p - a);
      if (a + p > 0) sm += 2 * std::abs(p - a) / (std::abs(a) + std::abs(p));
      act += a;
      err += p - a;
      ++n;
    }
  }
  const double dn = static_cast<double>(n);
  return {abs / dn / scale, abs / act, sm / dn, std::sqrt(sq / dn), err / act};
}

// Scale at a coarser grouping: MAE of previous-observed-day differences of grouped sums.
double grouped_scale(const forecast::DayGrid& g, int group) {
  double sum = 0;
  long n = 0;
  for (Eigen::Index i = 1; i < g.days(); ++i) {
    for (Eigen::Index c0 = 0; c0 < g.width(); c0 += group) {
      double a = 0, b = 0;
      bool ok = true;
      for (Eigen::Index c = c0; c < std::min<Eigen::Index>(c0 + group, g.width()); ++c) {
        ok = ok && !std::isnan(g.calls(i, c)) && !std::isnan(g.calls(i - 1, c));
        a += g.calls(i, c);
        b += g.calls(i - 1, c);
      }
      if (!ok) continue;
      sum += std::abs(a - b);
      ++n;
    }
  }
  return sum / static_cast<double>(n);
}

void run(const std::string& title, const forecast::DayGrid& all, Date last_train, int horizon,
         const std::vector<std::string>& methods, int coarse) {
  const Split s = split(all, last_train, horizon);
  const double scale = naive_day_scale(s.train);
  fmt::print("\n{}: train {} days, horizon {} days, MASE scale {:.2f}\n", title, s.train.days(),
             s.horizon.size(), scale);
  fmt::print("{:<14} {:>7} {:>7} {:>7} {:>8} {:>8} {:>9} {:>9} {:>10}\n", "method", "MASE",
             "WAPE", "sMAPE", "RMSE", "bias", "MASE-" + std::to_string(coarse) + "x",
             "MASE-day", "ms");
  for (const auto& m : methods) {
    const auto model = forecast::make_forecaster(m);
    const auto t0 = std::chrono::steady_clock::now();
    Eigen::MatrixXd f;
    int reps = 0;
    do {
      f = model->forecast(s.train, s.horizon);
      ++reps;
    } while (std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(300) && reps < 20);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() /
        reps;
    const Score sc = score(f, all, s.horizon, scale, 1);
    const Score c = score(f, all, s.horizon, grouped_scale(s.train, coarse), coarse);
    const Score d = score(f, all, s.horizon, grouped_scale(s.train, 100000), 100000);
    fmt::print("{:<14} {:>7.3f} {:>7.3f} {:>7.3f} {:>8.2f} {:>+8.3f} {:>9.3f} {:>9.3f} {:>10.2f}\n",
               m, sc.mase, sc.wape, sc.smape, sc.rmse, sc.bias, c.mase, d.mase, ms);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : "../shared/data";
  std::vector<std::string> methods = forecast::method_names();
  for (int i = 2; i < argc; ++i) methods = {argv[i]};
  if (argc > 2) {
    methods.clear();
    for (int i = 2; i < argc; ++i) methods.push_back(argv[i]);
  }
  {
    const auto table = io::load_interval_table(dir + "/fpp2_calls_5min.csv");
    const auto grid = forecast::make_day_grid(table.queues.at(0), table.interval_s);
    run("fpp2 bank calls, 5-min", grid, *core::parse_local_date("2003-10-10"), 14, methods, 6);
  }
  {
    io::IntervalCsvOptions opt;
    opt.columns["offered"] = "demand_mw";
    const auto table = io::load_interval_table(dir + "/forecast_taylor_30min.csv", opt);
    const auto grid = forecast::make_day_grid(table.queues.at(0), table.interval_s);
    run("Taylor electricity, 30-min", grid, grid.dates.back() - std::chrono::days{7}, 7, methods,
        2);
  }
}
