#include "wfm/forecast/pipeline.hpp"

#include <algorithm>
#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/forecast/prepare.hpp"
#include "wfm/forecast/registry.hpp"

namespace wfm::forecast {

namespace {

void validate(const ForecastOptions& o) {
  WFM_REQUIRE(o.horizon_days >= 1, core::at_flag("--horizon"),
              "expected a horizon of at least 1 day, got {} days", o.horizon_days);
  check_levels(o.levels);
  if (o.method != "auto") make_forecaster(o.method);  // throws for an unknown name
}

// Point forecast of a queue model for `dates`: the mean of its members.
Eigen::MatrixXd predict_members(const QueueModel& m, std::span<const Date> dates) {
  Eigen::MatrixXd sum;
  for (const auto& state : m.members) {
    const auto fitted = make_forecaster(state.method)->restore(state);
    Eigen::MatrixXd p = fitted->predict(dates);
    sum = sum.size() == 0 ? p : Eigen::MatrixXd(sum + p);
  }
  return sum / static_cast<double>(m.members.size());
}

// The wall-clock spans of the days [first, first + days) that `zone` skips or repeats.
std::vector<core::LocalTimeInfo> zone_changes(const core::TimeZone& zone, Date first, int days) {
  std::vector<core::LocalTimeInfo> out;
  const core::LocalTime end{first + std::chrono::days{days}};
  for (core::LocalTime t{first}; t < end;) {
    core::LocalTimeInfo info = zone.info(t);
    const core::LocalTime next = info.span_end;
    if (info.kind != core::LocalTimeKind::unique) out.push_back(std::move(info));
    if (next <= t) break;
    t = next;
  }
  return out;
}

// The queue's intervals from `first`, without those starting in one of `changes` (each counted
// in `left_out`, same order).
core::QueueForecast emit(const QueueModel& m, const ForecastOptions& o, Date first,
                         const std::vector<core::LocalTimeInfo>& changes,
                         std::vector<std::size_t>& left_out) {
  const auto closed = o.special.closed_dates();
  std::vector<Date> dates;
  for (int i = 0; i < o.horizon_days; ++i) {
    const Date d = first + std::chrono::days{i};
    const auto& mask = m.open[static_cast<std::size_t>(weekday_index(d))];
    if (std::find(mask.begin(), mask.end(), char{1}) == mask.end()) continue;
    if (std::find(closed.begin(), closed.end(), d) != closed.end()) continue;
    dates.push_back(d);
  }
  core::QueueForecast q;
  q.queue = m.queue;
  if (dates.empty()) return q;
  const Eigen::MatrixXd mean = predict_members(m, dates);
  Eigen::MatrixXd aht;
  if (m.aht) aht = predict_aht(*m.aht, dates);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    const auto* special = o.special.find(dates[i]);
    const double mult = special ? special->multiplier : 1.0;
    const auto& mask = m.open[static_cast<std::size_t>(weekday_index(dates[i]))];
    for (std::size_t c = 0; c < m.slots.size(); ++c) {
      if (!mask[c]) continue;
      core::ForecastInterval f;
      f.start = core::LocalTime{dates[i]} +
                std::chrono::seconds{static_cast<long long>(m.slots[c]) * m.interval_s};
      const auto change = std::find_if(changes.begin(), changes.end(), [&](const auto& z) {
        return f.start >= z.span_begin && f.start < z.span_end;
      });
      if (change != changes.end()) {
        ++left_out[static_cast<std::size_t>(change - changes.begin())];
        continue;
      }
      const double v = mean(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
      WFM_ENSURE(std::isfinite(v), "non-finite forecast for queue '{}'", m.queue);
      f.calls = std::max(0.0, v) * mult;
      for (double level : o.levels) f.bounds.push_back(m.intervals.bounds(f.calls, level));
      if (m.aht) f.aht_s = aht(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c));
      q.intervals.push_back(std::move(f));
    }
  }
  return q;
}

struct QueueResult {
  QueueModel model;
  QueueReport report;
};

QueueResult fit_queue(const core::QueueSeries& series, int interval_s, const ForecastOptions& o) {
  QueueResult r;
  PreparedQueue prepared = prepare_queue(series, interval_s, o.special, o.downweight_outliers);
  const DayGrid& grid = prepared.grid;
  r.report.queue = series.queue;
  r.report.history_days = prepared.history_days;
  r.report.missing_days = std::move(prepared.missing_days);
  r.report.excluded_special = std::move(prepared.excluded_special);
  r.report.outliers = std::move(prepared.outliers);
  r.report.mase_scale = prepared.mase_scale;
  BacktestOptions bt = o.backtest;
  bt.horizon_days = o.horizon_days;
  int needed = 1;
  for (const auto& name :
       o.method == "auto" ? auto_method_names(grid) : std::vector<std::string>{o.method}) {
    needed = std::max(needed, make_forecaster(name)->min_days());
  }
  while (bt.horizon_days > 1 && backtest_origins(grid, bt, needed).empty()) {
    bt.horizon_days = std::max(1, bt.horizon_days / 2);
  }
  r.report.backtest_horizon_days = bt.horizon_days;
  std::vector<std::string> members;
  if (o.method == "auto") {
    Selection s = select_model(grid, auto_method_names(grid), bt, r.report.mase_scale);
    members = s.members;
    r.report.candidates = std::move(s.candidates);
  } else {
    members = {o.method};
    r.report.candidates.push_back(backtest_members(grid, members, bt, r.report.mase_scale));
  }
  const BacktestResult& chosen = r.report.candidates.front();
  r.report.method = chosen.method;
  QueueModel& m = r.model;
  m.queue = series.queue;
  m.interval_s = interval_s;
  m.slots = grid.slots;
  m.open = grid.open;
  m.last_date = grid.dates.back();
  for (const auto& name : members) m.members.push_back(make_forecaster(name)->fit(grid)->state());
  m.intervals = calibrate_intervals(chosen.folds);
  m.aht = fit_aht(grid);
  return r;
}

}  // namespace

ForecastRun run_forecast(const core::IntervalTable& history, const ForecastOptions& options) {
  validate(options);
  WFM_REQUIRE(!history.queues.empty(), (core::Location{history.source, 0, {}}),
              "the history has no intervals");
  std::vector<QueueResult> results(history.queues.size());
  core::parallel_for(0, history.queues.size(), [&](std::size_t q) {
    results[q] = fit_queue(history.queues[q], history.interval_s, options);
  });
  ForecastRun run;
  for (auto& r : results) {
    run.models.push_back(std::move(r.model));
    run.reports.push_back(std::move(r.report));
  }
  run.table = forecast_from_models(run.models, options, &run.notes);
  return run;
}

core::ForecastTable forecast_from_models(const std::vector<QueueModel>& models,
                                         const ForecastOptions& options,
                                         std::vector<std::string>* notes) {
  validate(options);
  core::ForecastTable t;
  t.levels = options.levels;
  for (const auto& m : models) {
    WFM_REQUIRE(t.interval_s == 0 || t.interval_s == m.interval_s, core::Location{},
                "queues with different interval lengths ({} s and {} s) cannot share a forecast",
                t.interval_s, m.interval_s);
    t.interval_s = m.interval_s;
    const Date first = options.start.value_or(m.last_date + std::chrono::days{1});
    WFM_REQUIRE(first > m.last_date, core::at_flag("--start"),
                "the forecast must start after the history{} ends on {}, got {}",
                m.queue.empty() ? std::string{} : " of queue '" + m.queue + "'",
                core::format_local_date(m.last_date), core::format_local_date(first));
    const auto changes = options.time_zone
                             ? zone_changes(*options.time_zone, first, options.horizon_days)
                             : std::vector<core::LocalTimeInfo>{};
    std::vector<std::size_t> left_out(changes.size(), 0);
    t.queues.push_back(emit(m, options, first, changes, left_out));
    for (std::size_t k = 0; k < changes.size() && notes; ++k) {
      if (left_out[k] == 0) continue;
      const auto& z = changes[k];
      const bool skipped = z.kind == core::LocalTimeKind::nonexistent;
      const std::string note = fmt::format(
          "{}; {} interval{}{} from {} to {} {} not forecast{}",
          options.time_zone->explain(z.span_begin, z), left_out[k], left_out[k] == 1 ? "" : "s",
          m.queue.empty() ? std::string() : " of queue '" + m.queue + "'",
          core::format_local_time(z.span_begin), core::format_local_time(z.span_end),
          left_out[k] == 1 ? "is" : "are",
          skipped ? " (they do not exist)"
                  : " (a row carries no UTC offset, so the repeated hour's rows could not be "
                    "read back with the zone; staff them separately)");
      notes->push_back(note);
    }
    t.has_aht = t.has_aht || m.aht.has_value();
  }
  return t;
}

}  // namespace wfm::forecast
