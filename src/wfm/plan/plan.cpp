#include "wfm/plan/plan.hpp"

#include <algorithm>

#include "wfm/core/error.hpp"
#include "wfm/forecast/special_days.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/opening_backlog_csv.hpp"
#include "wfm/pipeline/backlog.hpp"
#include "wfm/pipeline/totals.hpp"

namespace wfm::plan {

namespace {

using Days = std::chrono::local_days;

// Keeps only the queues a scenario names (all when it names none).
void filter_queues(core::IntervalTable& table, const std::vector<std::string>& wanted,
                   const core::Location& where) {
  if (wanted.empty()) return;
  for (const auto& name : wanted) {
    const bool found = std::any_of(table.queues.begin(), table.queues.end(),
                                   [&](const auto& q) { return q.queue == name; });
    WFM_REQUIRE(found, where, "queue '{}' is not in {}", name, table.source);
  }
  std::erase_if(table.queues, [&](const core::QueueSeries& q) {
    return std::find(wanted.begin(), wanted.end(), q.queue) == wanted.end();
  });
}

sim::SimSettings sim_settings(const scenario::Scenario& s, const Variant& v) {
  sim::SimSettings settings;
  settings.measure = s.targets.measure;
  if (v.threshold_s) settings.measure.threshold_s = *v.threshold_s;
  if (const auto patience = v.patience_s ? v.patience_s : s.assumptions.patience_s) {
    settings.patience.dist = sim::PatienceDist::kExponential;
    settings.patience.mean_s = *patience;
  }
  settings.seed = s.simulation.seed;
  settings.replications = s.simulation.replications;
  return settings;
}

// Calendar days from the first to the last day of the demand file (closed hours included).
int demand_span_days(const core::ForecastTable& demand) {
  auto first = Days::max(), last = Days::min();
  for (const auto& q : demand.queues) {
    if (q.intervals.empty()) continue;
    first = std::min(first, std::chrono::floor<std::chrono::days>(q.intervals.front().start));
    last = std::max(last, std::chrono::floor<std::chrono::days>(q.intervals.back().start));
  }
  return first <= last ? static_cast<int>((last - first).count()) + 1 : 1;
}

// An email queue as backlog work: its target, hours (on the demand's interval grid) and zone.
pipeline::BacklogSpec email_spec(const scenario::Scenario& s, const std::string& name,
                                 const scenario::QueueSettings& q, int interval_s) {
  const std::string table = fmt::format("queues.{}", name);
  const double within_s = q.within_s.value_or(0);
  WFM_REQUIRE(within_s >= 2.0 * interval_s, s.where(table + ".within"),
              "{}.within: expected at least two of the demand's intervals ({} min), got {} s",
              table, 2 * interval_s / 60, within_s);
  pipeline::BacklogSpec b;
  b.target = {q.target, within_s};
  b.hours = s.email_hours(q);
  for (std::size_t d = 0; d < 7; ++d) {
    const core::DayHours& h = b.hours.days[d];
    const std::string key =
        q.email_hours ? table + ".open" : fmt::format("hours.{}", scenario::weekdays[d]);
    WFM_REQUIRE(!h.is_open() || ((h.open_min * 60) % interval_s == 0 &&
                                 (h.close_min * 60) % interval_s == 0),
                s.where(key),
                "{}: the email queue '{}' opens and closes on the demand's {}-minute grid",
                key, name, interval_s / 60);
  }
  b.time_zone = s.history.time_zone;
  b.closed_dates = q.closed_dates;
  // The forecast's closed days (no demand) are closed for email too.
  if (!s.uses_demand() && !s.forecast.special_days.empty()) {
    for (const auto d : forecast::load_special_days(s.forecast.special_days).closed_dates())
      b.closed_dates.push_back(d);
  }
  if (!q.opening_backlog.empty()) {
    const io::OpeningBacklogTable opening = io::load_opening_backlog(q.opening_backlog);
    b.opening = pipeline::opening_backlog_of(opening, opening.has_queue ? name : std::string(),
                                             s.assumptions.aht_s);
    b.opening_source = opening.source;
  }
  return b;
}

pipeline::TotalsBasis totals_basis(const scenario::Scenario& s) {
  return {s.capacity.hours_per_fte_week, s.cost.per_agent_hour};
}

}  // namespace

core::ForecastTable scenario_demand(const scenario::Scenario& s, forecast::ForecastRun* run,
                                    core::IntervalTable* history_out) {
  if (s.uses_demand()) {
    auto table = io::load_interval_table(s.demand.file, s.demand.csv_options());
    filter_queues(table, s.demand.queues, s.where("demand.queues"));
    core::ForecastTable f;
    f.source = table.source;
    f.interval_s = table.interval_s;
    f.has_aht = table.has_aht;
    for (const auto& q : table.queues) {
      core::QueueForecast qf;
      qf.queue = q.queue;
      for (const auto& r : q.intervals)
        qf.intervals.push_back({r.start, r.offered, {}, r.aht_s, r.source_line});
      f.queues.push_back(std::move(qf));
    }
    if (history_out) *history_out = std::move(table);
    return f;
  }
  auto history = io::load_interval_table(s.history.file, s.history.csv_options());
  filter_queues(history, s.history.queues, s.where("history.queues"));
  forecast::ForecastOptions o;
  o.method = s.forecast.method;
  o.horizon_days = s.forecast.horizon_days;
  o.start = s.forecast.start;
  o.levels = s.forecast.levels;
  if (!s.forecast.special_days.empty())
    o.special = forecast::load_special_days(s.forecast.special_days);
  o.downweight_outliers = s.forecast.outliers == scenario::OutlierPolicy::downweight;
  o.time_zone = s.history.time_zone;
  forecast::ForecastRun r = forecast::run_forecast(history, o);
  core::ForecastTable table = r.table;
  if (run) *run = std::move(r);
  if (history_out) *history_out = std::move(history);
  return table;
}

PlanResult staff_plan(const core::ForecastTable& demand, const scenario::Scenario& s,
                      const Variant& v) {
  pipeline::StaffingSpec spec;
  const auto vary = [&](staffing::ServiceTargets t) {
    if (v.service_level) t.service_level = v.service_level;
    if (v.threshold_s) t.measure.threshold_s = *v.threshold_s;
    return t;
  };
  spec.engine = s.engine_spec({}, v.patience_s);
  spec.targets = vary(s.targets);
  for (const auto& entry : s.queues) {
    const std::string& name = entry.first;  // a plain name: clang 14 cannot capture a binding
    const scenario::QueueSettings& q = entry.second;
    WFM_REQUIRE(std::find_if(demand.queues.begin(), demand.queues.end(),
                             [&](const auto& f) { return f.queue == name; }) != demand.queues.end(),
                s.where(fmt::format("queues.{}", name)), "queues.{}: the {} has no queue '{}'",
                name, s.uses_demand() ? "demand" : "forecast", name);
    if (q.channel == scenario::Channel::email) {
      spec.queue_specs[name] = {{}, {}, email_spec(s, name, q, demand.interval_s)};
    } else {
      spec.queue_specs[name] = {s.engine_spec(name, v.patience_s), vary(q.targets)};
    }
  }
  spec.solve = s.solve_options();
  spec.shrinkage = v.shrinkage.value_or(s.shrinkage.total());
  WFM_REQUIRE(spec.shrinkage >= 0 && spec.shrinkage < 1, core::at_flag("--vary shrinkage"),
              "expected a shrinkage in [0, 1), got {}", spec.shrinkage);
  if (s.staffing.method == scenario::StaffingMethod::sim) {
    spec.method = pipeline::Method::kSimulation;
    spec.simulation = sim_settings(s, v);
  }
  std::optional<std::size_t> level_index;
  if (s.staffing.plan_for_upper) {
    const auto it =
        std::find(demand.levels.begin(), demand.levels.end(), *s.staffing.plan_for_upper);
    WFM_REQUIRE(it != demand.levels.end(), s.where("staffing.plan_for"),
                "the demand has no {}% prediction interval to plan for",
                *s.staffing.plan_for_upper);
    level_index = static_cast<std::size_t>(it - demand.levels.begin());
  }
  pipeline::Demand d;
  d.interval_s = demand.interval_s;
  for (std::size_t q = 0; q < demand.queues.size(); ++q) {
    const auto& qf = demand.queues[q];
    d.queues.push_back(qf.queue);
    for (const auto& f : qf.intervals) {
      // An email queue's items arrive at any hour and wait for its own hours (email_spec).
      if (s.hours && !s.email_queue(qf.queue) && !s.hours->contains(f.start, demand.interval_s))
        continue;
      pipeline::IntervalDemand iv;
      iv.queue = q;
      iv.start = f.start;
      const double base = level_index ? f.bounds.at(*level_index).hi : f.calls;
      iv.calls = base * s.assumptions.volume_factor * v.volume_factor;
      const auto aht = s.assumptions.aht_s ? s.assumptions.aht_s : f.aht_s;
      WFM_REQUIRE(aht.has_value(), s.where("assumptions.aht_s"),
                  "the demand of queue '{}' has no handle time at {}: set assumptions.aht_s",
                  qf.queue, core::format_local_time(f.start));
      iv.aht_s = *aht + s.assumptions.aht_adjust_s + v.aht_delta_s;
      WFM_REQUIRE(iv.aht_s > 0, s.where("assumptions.aht_adjust_s"),
                  "the adjusted handle time of queue '{}' at {} is {} s; it must stay above 0",
                  qf.queue, core::format_local_time(f.start), iv.aht_s);
      d.intervals.push_back(iv);
    }
  }
  PlanResult p;
  static_cast<pipeline::StaffingPlan&>(p) = pipeline::staff(d, spec);
  p.variant = v.label;
  p.span_days = s.uses_demand() ? demand_span_days(demand) : s.forecast.horizon_days;
  pipeline::compute_totals(p, totals_basis(s));
  return p;
}

void simulate_plan(PlanResult& plan, const scenario::Scenario& s, const Variant& v,
                   const sim::ProgressFn& progress) {
  pipeline::simulate_check(plan, sim_settings(s, v), progress);
  pipeline::compute_totals(plan, totals_basis(s));
}

}  // namespace wfm::plan
