#include "wfm/schedule/simulate.hpp"

#include <map>
#include <memory>

#include "wfm/core/error.hpp"
#include "wfm/sim/queue_days.hpp"
#include "wfm/sim/simulation.hpp"

namespace wfm::schedule {

std::vector<DayService> simulate_schedule(const ShiftRules& rules,
                                          const std::vector<DayResult>& days,
                                          const core::IntervalTable& demand,
                                          const std::string& queue, const ServiceOptions& options) {
  using core::Location;
  const core::QueueSeries* series = nullptr;
  for (const auto& q : demand.queues) {
    if (q.queue == queue || (queue.empty() && demand.queues.size() == 1)) series = &q;
  }
  WFM_REQUIRE(series != nullptr, (Location{demand.source, 0, "queue"}),
              "no queue '{}' to simulate the schedule against", queue);
  WFM_REQUIRE(demand.interval_s == rules.interval_s, (Location{demand.source, 0, "interval_start"}),
              "intervals of {} s, the shift rules ({}) schedule in {} s intervals",
              demand.interval_s, rules.source, rules.interval_s);
  WFM_REQUIRE(demand.has_aht, (Location{demand.source, 0, "aht_s"}),
              "the demand has no aht_s column: the simulation needs handle times");

  // The schedule's on-phone agents by interval start; the demand cut to the scheduled days.
  std::map<core::LocalTime, std::pair<std::size_t, int>> slot;  // start -> (day, interval)
  const auto start_of = [&](std::size_t d, int t) {
    return core::LocalTime(days[d].requirements.date) +
           std::chrono::seconds(static_cast<long long>(t) * rules.interval_s);
  };
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (int t = 0; t < rules.intervals_per_day(); ++t) slot[start_of(d, t)] = {d, t};
  }
  core::IntervalTable table;
  table.source = demand.source;
  table.interval_s = demand.interval_s;
  table.has_aht = true;
  core::QueueSeries cut{series->queue, {}};
  for (const auto& rec : series->intervals) {
    if (slot.count(rec.start)) cut.intervals.push_back(rec);
  }
  table.queues.push_back(cut);

  const staffing::ServiceMeasure measure{options.threshold_s, options.definition};
  std::unique_ptr<staffing::StaffingEngine> engine;
  if (options.patience_s) {
    engine = std::make_unique<staffing::ErlangAEngine>(*options.patience_s);
  } else {
    engine = std::make_unique<staffing::ErlangCEngine>();
  }
  std::vector<DayService> out(days.size());
  for (auto& s : out) s.intervals.resize(rules.intervals_per_day());
  std::vector<double> weighted(days.size(), 0), calls(days.size(), 0);
  for (const auto& rec : cut.intervals) {
    const auto [d, t] = slot.at(rec.start);
    auto& iv = out[d].intervals[t];
    iv.calls = rec.offered;
    if (rec.offered > 0) {
      const double aht = rec.aht_s.value_or(0);
      WFM_REQUIRE(aht > 0, (Location{demand.source, rec.source_line, "aht_s"}),
                  "calls without a handle time");
      const int agents = days[d].coverage[t].on_phone;
      iv.erlang_sl = agents > 0
                         ? engine
                               ->evaluate({rec.offered, static_cast<double>(rules.interval_s), aht},
                                          agents, measure)
                               .service_level
                         : 0.0;
      weighted[d] += *iv.erlang_sl * rec.offered;
      calls[d] += rec.offered;
    }
  }
  for (std::size_t d = 0; d < days.size(); ++d) {
    if (calls[d] > 0) out[d].erlang_sl = weighted[d] / calls[d];
  }
  if (cut.intervals.empty()) return out;

  sim::SimSettings settings;
  settings.measure = measure;
  if (options.patience_s) {
    settings.patience.dist = sim::PatienceDist::kExponential;
    settings.patience.mean_s = *options.patience_s;
  }
  settings.replications = options.replications;
  settings.seed = options.seed;
  sim::validate(settings);
  const auto agents_for = [&](const core::QueueSeries&, const core::IntervalRecord& rec) {
    const auto [d, t] = slot.at(rec.start);
    return days[d].coverage[t].on_phone;
  };
  const sim::QueueDays qd = sim::build_queue_days(table, agents_for, 0);
  const sim::SimulationResult result = sim::simulate(qd.days, settings);
  for (const auto& day : result.days) {
    for (std::size_t i = 0; i < day.intervals.size(); ++i) {
      const auto start =
          day.start +
          std::chrono::seconds(static_cast<long long>(static_cast<double>(i) * day.interval_s));
      const auto it = slot.find(start);
      if (it == slot.end()) continue;
      const auto& sl = day.intervals[i].service_level;
      auto& iv = out[it->second.first].intervals[it->second.second];
      if (sl.defined && iv.calls > 0) {
        iv.simulated_sl = sl.mean;
        iv.simulated_sl_hw = sl.half_width;
      }
    }
    const auto it = slot.find(day.start);
    if (it != slot.end() && day.total.service_level.defined) {
      out[it->second.first].simulated_sl = day.total.service_level.mean;
      out[it->second.first].simulated_sl_hw = day.total.service_level.half_width;
    }
  }
  return out;
}

ServiceTotals service_totals(const std::vector<DayService>& days) {
  double calls = 0, erlang = 0, simulated = 0, simulated_calls = 0;
  for (const auto& day : days) {
    for (const auto& iv : day.intervals) {
      if (iv.calls <= 0) continue;
      calls += iv.calls;
      erlang += iv.erlang_sl.value_or(0) * iv.calls;
      if (iv.simulated_sl) {
        simulated += *iv.simulated_sl * iv.calls;
        simulated_calls += iv.calls;
      }
    }
  }
  ServiceTotals t;
  if (calls > 0) t.erlang_sl = erlang / calls;
  if (simulated_calls > 0) t.simulated_sl = simulated / simulated_calls;
  return t;
}

}  // namespace wfm::schedule
