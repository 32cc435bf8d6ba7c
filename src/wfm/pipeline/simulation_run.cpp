#include "wfm/pipeline/simulation_run.hpp"

#include <chrono>
#include <string>

#include "wfm/core/time.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/pipeline/outputs.hpp"

namespace wfm::pipeline {

namespace {

std::string date_of(const sim::QueueDay& day) {
  return core::format_local_date(std::chrono::floor<std::chrono::days>(day.start));
}

}  // namespace

SimulationRun simulate_table(const core::IntervalTable& table, const sim::AgentsFor& agents_for,
                             double default_aht_s, const sim::SimSettings& settings,
                             const sim::ProgressFn& progress) {
  sim::validate(settings);
  SimulationRun run;
  run.settings = settings;
  run.queue_days = sim::build_queue_days(table, agents_for, default_aht_s);
  const auto& days = run.queue_days.days;
  run.reported.resize(days.size());
  for (std::size_t d = 0; d < days.size(); ++d) run.reported[d].assign(days[d].intervals.size(), 0);
  for (const auto& [d, i] : run.queue_days.position) run.reported[d][i] = 1;
  run.result = sim::simulate(days, settings, progress);
  return run;
}

void write_simulation_intervals_csv(std::ostream& out, const SimulationRun& run) {
  io::CsvWriter w(out);
  for (const char* h : {"interval_start", "queue", "calls", "agents"}) w.field(h);
  write_estimate_header(w);
  w.end_row();
  const auto& days = run.queue_days.days;
  for (std::size_t d = 0; d < days.size(); ++d) {
    for (std::size_t i = 0; i < days[d].intervals.size(); ++i) {
      if (!run.reported[d][i]) continue;
      const auto start =
          days[d].start +
          std::chrono::seconds(static_cast<long>(days[d].interval_s * static_cast<double>(i)));
      w.field(core::format_local_time(start)).field(days[d].queue);
      w.field(days[d].intervals[i].calls).field(days[d].intervals[i].agents);
      write_estimates(w, run.result.days[d].intervals[i]);
      w.end_row();
    }
  }
}

void write_simulation_daily_csv(std::ostream& out, const SimulationRun& run) {
  io::CsvWriter w(out);
  for (const char* h : {"date", "queue"}) w.field(h);
  write_estimate_header(w);
  w.end_row();
  for (std::size_t d = 0; d < run.result.days.size(); ++d) {
    w.field(date_of(run.queue_days.days[d])).field(run.result.days[d].queue);
    write_estimates(w, run.result.days[d].total);
    w.end_row();
  }
}

nlohmann::json simulation_json(const SimulationRun& run) {
  const auto& s = run.settings;
  nlohmann::json j;
  j["replications"] = s.replications;
  j["seed"] = s.seed;
  j["threshold_s"] = s.measure.threshold_s;
  j["sl_definition"] = std::string(staffing::to_string(s.measure.definition));
  j["queue_days"] = run.queue_days.days.size();
  j["total"] = estimates_json(run.result.total);
  nlohmann::json per_day = nlohmann::json::array();
  for (std::size_t d = 0; d < run.result.days.size(); ++d) {
    nlohmann::json x = estimates_json(run.result.days[d].total);
    x["queue"] = run.result.days[d].queue;
    x["date"] = date_of(run.queue_days.days[d]);
    per_day.push_back(std::move(x));
  }
  j["days"] = std::move(per_day);
  return j;
}

}  // namespace wfm::pipeline
