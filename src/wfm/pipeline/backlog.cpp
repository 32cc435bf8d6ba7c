#include "wfm/pipeline/backlog.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "wfm/core/error.hpp"

namespace wfm::pipeline {
namespace {

// A queue of the table as backlog work: items without aht_s take `default_aht_s`; with
// `opening`, its rows of the queue are the opening backlog.
staffing::BacklogQueue backlog_queue(const core::QueueSeries& series, const std::string& source,
                                     std::optional<double> default_aht_s,
                                     const io::OpeningBacklogTable* opening);

// The opening backlog file against the table: a queue column when the table has several queues,
// and every row naming one of its queues.
void check_opening(const core::IntervalTable& table, const io::OpeningBacklogTable* opening) {
  if (!opening) return;
  WFM_REQUIRE(
      opening->has_queue || table.queues.size() <= 1, (core::Location{opening->source, 1, "queue"}),
      "the demand has {} queues: add a queue column naming each row's queue", table.queues.size());
  for (const io::OpeningBacklogRow& row : opening->rows) {
    const bool known = !opening->has_queue || std::any_of(table.queues.begin(), table.queues.end(),
                                                          [&](const core::QueueSeries& q) {
                                                            return q.queue == row.queue;
                                                          });
    WFM_REQUIRE(known, (core::Location{opening->source, row.source_line, "queue"}),
                "the demand {} has no queue {}", table.source,
                row.queue.empty() ? std::string("\"\"") : "'" + row.queue + "'");
  }
}

void require_aht(const core::IntervalTable& table, std::optional<double> default_aht_s) {
  WFM_REQUIRE(table.has_aht || default_aht_s, (core::Location{table.source, 0, "aht_s"}),
              "the file has no aht_s column: add one or give a default handle time per item");
}

}  // namespace

std::vector<staffing::BacklogOpening> opening_backlog_of(const io::OpeningBacklogTable& opening,
                                                         const std::string& queue,
                                                         std::optional<double> default_aht_s) {
  std::vector<staffing::BacklogOpening> out;
  for (const io::OpeningBacklogRow& row : opening.rows) {
    if (opening.has_queue && row.queue != queue) continue;
    const auto aht = row.aht_s ? row.aht_s : default_aht_s;
    WFM_REQUIRE(aht.has_value() || row.items == 0,
                (core::Location{opening.source, row.source_line, "aht_s"}),
                "no work per item: add an aht_s column or give a default handle time");
    staffing::BacklogOpening b;
    b.items = row.items;
    b.age_s = row.age_s.value_or(0);
    b.arrived = row.arrived;
    b.handle_s = aht.value_or(0);
    b.source_line = row.source_line;
    out.push_back(b);
  }
  return out;
}

namespace {

staffing::BacklogQueue backlog_queue(const core::QueueSeries& series, const std::string& source,
                                     std::optional<double> default_aht_s,
                                     const io::OpeningBacklogTable* opening) {
  staffing::BacklogQueue q;
  q.name = series.queue;
  q.source = source;
  if (opening) {
    q.opening = opening_backlog_of(*opening, series.queue, default_aht_s);
    q.opening_source = opening->source;
  }
  for (const core::IntervalRecord& rec : series.intervals) {
    const double handle = rec.aht_s.value_or(default_aht_s.value_or(0));
    q.intervals.push_back({rec.start, rec.offered, rec.offered > 0 ? handle : 0, rec.source_line});
  }
  return q;
}

}  // namespace

BacklogRun run_backlog(const core::IntervalTable& table, staffing::BacklogOptions options,
                       std::optional<double> default_aht_s, const io::StaffingPlanCsv* agents,
                       const io::OpeningBacklogTable* opening) {
  check_opening(table, opening);
  require_aht(table, default_aht_s);
  options.interval_s = table.interval_s;
  BacklogRun run;
  run.projected = agents != nullptr;
  for (const core::QueueSeries& series : table.queues) {
    const staffing::BacklogQueue q = backlog_queue(series, table.source, default_aht_s, opening);
    if (agents != nullptr) {
      const std::size_t n = staffing::backlog_slot_count(q, options);
      std::vector<double> given(n, 0.0);
      const auto first = q.intervals.front().start;
      const auto step = std::chrono::seconds(table.interval_s);
      const auto& entries = agents->entries();
      for (auto it = entries.lower_bound({series.queue, first});
           it != entries.end() && it->first.first == series.queue; ++it) {
        const auto offset = it->first.second - first;  // >= 0: lower_bound from first
        const auto t = offset / step;
        if (offset % step != std::chrono::seconds(0) || static_cast<std::size_t>(t) >= n) continue;
        given[static_cast<std::size_t>(t)] = it->second;
        ++run.plan_rows_used;
      }
      run.results.push_back(staffing::project_backlog(q, options, given));
      for (std::size_t t = 0; t < n; ++t) {
        if (given[t] > 0 && !run.results.back().slots[t].open) ++run.closed_rows;
      }
    } else {
      run.results.push_back(staffing::staff_backlog(q, options));
    }
    run.queues.push_back(series.queue);
  }
  return run;
}

BacklogRun run_backlog_by_simulation(const core::IntervalTable& table,
                                     staffing::BacklogOptions options,
                                     std::optional<double> default_aht_s,
                                     const sim::SimSettings& settings,
                                     const sim::BacklogSimStaffingOptions& sim_options,
                                     const BacklogSimProgress& progress,
                                     const io::OpeningBacklogTable* opening) {
  check_opening(table, opening);
  require_aht(table, default_aht_s);
  options.interval_s = table.interval_s;
  BacklogRun run;
  for (std::size_t q = 0; q < table.queues.size(); ++q) {
    const staffing::BacklogQueue queue =
        backlog_queue(table.queues[q], table.source, default_aht_s, opening);
    sim::BacklogStaffingProgress on_day;
    if (progress) {
      on_day = [&](int sweep, std::size_t day, std::size_t days) { progress(q, sweep, day, days); };
    }
    sim::BacklogSimStaffing staffed =
        sim::staff_backlog_by_simulation(queue, options, settings, sim_options, q, on_day);
    run.results.push_back(std::move(staffed.result));
    run.simulated.push_back(std::move(staffed.simulated));
    staffed.result = {};
    staffed.simulated = {};
    run.by_simulation.push_back(std::move(staffed));
    run.queues.push_back(table.queues[q].queue);
  }
  return run;
}

void simulate_backlog_run(BacklogRun& run, const sim::SimSettings& settings) {
  run.simulated.clear();
  for (std::size_t q = 0; q < run.results.size(); ++q)
    run.simulated.push_back(sim::simulate_backlog(run.results[q], settings, q));
}

namespace {

void estimate_field(io::TableWriter& w, const sim::Estimate& e, bool half_width = false) {
  if (e.defined) {
    w.field(half_width ? e.half_width : e.mean);
  } else {
    w.empty_field();
  }
}

nlohmann::json mean_or_null(const sim::Estimate& e, bool half_width = false) {
  if (!e.defined) return nullptr;
  return half_width ? e.half_width : e.mean;
}

}  // namespace

void write_backlog_table(io::TableWriter& w, const BacklogRun& run) {
  bool named = false;
  for (const auto& n : run.queues) named = named || !n.empty();
  w.field("interval_start");
  if (named) w.field("queue");
  for (const char* h :
       {"open", "items", "handle_s", "agents", "items_done", "backlog_items", "backlog_work_s",
        "oldest_age_s", "oldest_business_age_s", "deadlines_met"}) {
    w.field(h);
  }
  const bool by_simulation = !run.by_simulation.empty();
  if (by_simulation) w.field("fluid_agents");
  const bool simulated = !run.simulated.empty();
  if (simulated) {
    for (const char* h : {"in_target", "sim_items", "sim_items_done", "sim_backlog_items",
                          "sim_in_target", "sim_in_target_hw"}) {
      w.field(h);
    }
  }
  w.end_row();
  const auto& results = run.results;
  std::vector<std::size_t> next(results.size(), 0);
  while (true) {
    std::optional<core::LocalTime> now;
    for (std::size_t q = 0; q < results.size(); ++q) {
      if (next[q] < results[q].slots.size() && (!now || results[q].slots[next[q]].start < *now)) {
        now = results[q].slots[next[q]].start;
      }
    }
    if (!now) break;
    for (std::size_t q = 0; q < results.size(); ++q) {
      if (next[q] >= results[q].slots.size() || results[q].slots[next[q]].start != *now) continue;
      const std::size_t t = next[q]++;
      const staffing::BacklogSlot& s = results[q].slots[t];
      w.time_field(s.start);
      if (named) w.field(run.queues[q]);
      w.bool_field(s.open);
      w.field(s.items).field(s.handle_s).field(s.agents).field(s.items_done);
      w.field(s.backlog_items).field(s.backlog_work_s).field(s.oldest_age_s);
      w.field(s.oldest_business_age_s).bool_field(s.deadlines_met);
      if (by_simulation) w.field(run.by_simulation[q].fluid_agents[t]);
      if (simulated) {
        if (s.arrivals_due > 0) {
          w.field(s.arrivals_within_target / s.arrivals_due);
        } else {
          w.empty_field();
        }
        const sim::BacklogEstimates& e = run.simulated[q].slots[t];
        estimate_field(w, e.items);
        estimate_field(w, e.items_done);
        estimate_field(w, e.backlog_items);
        estimate_field(w, e.fraction_within_target);
        estimate_field(w, e.fraction_within_target, true);
      }
      w.end_row();
    }
  }
}

nlohmann::json backlog_summary_json(const staffing::BacklogResult& r) {
  return {{"intervals", r.slots.size()},
          {"open_intervals", r.open_intervals},
          {"items", r.items},
          {"items_due", r.items_due},
          {"items_within_target", r.items_within_target},
          {"fraction_within_target", r.fraction_within_target},
          {"agent_hours", r.agent_hours},
          {"peak_agents", r.peak_agents},
          {"final_backlog_items", r.final_backlog_items},
          {"max_oldest_age_s", r.max_oldest_age_s},
          {"max_oldest_business_age_s", r.max_oldest_business_age_s},
          {"infeasible_intervals", r.infeasible_intervals},
          {"feasible", r.feasible},
          {"opening_items", r.opening_items},
          {"opening_overdue_items", r.opening_overdue_items},
          {"opening_due", r.opening_due},
          {"opening_within_target", r.opening_within_target},
          {"opening_fraction_within_target",
           r.opening_due > 0 ? nlohmann::json(r.opening_within_target / r.opening_due)
                             : nlohmann::json(nullptr)}};
}

namespace {

nlohmann::json by_simulation_json(const sim::BacklogSimStaffing& b, double agent_hours) {
  nlohmann::json days = nlohmann::json::array();
  for (const sim::BacklogSimDay& d : b.days) {
    days.push_back({{"date", core::format_local_date(d.date)},
                    {"items_due", d.items_due},
                    {"fraction_within_target", mean_or_null(d.fraction_within_target)},
                    {"half_width", mean_or_null(d.fraction_within_target, true)},
                    {"compared", d.compared},
                    {"fluid_agent_hours", d.fluid_agent_hours},
                    {"agent_hours", d.agent_hours},
                    {"met", d.met},
                    {"capped", d.capped}});
  }
  return {{"fluid_agent_hours", b.fluid_agent_hours},
          {"agent_hours", agent_hours},
          {"fluid_simulated_fraction_within_target", mean_or_null(b.fluid_fraction_within_target)},
          {"fraction_within_target", mean_or_null(b.fraction_within_target)},
          {"compared", b.compared},
          {"met", b.met},
          {"opening_target_items", b.opening_target_items},
          {"opening_fraction_within_target", mean_or_null(b.opening_fraction_within_target)},
          {"opening_compared", b.opening_compared},
          {"opening_met", b.opening_met},
          {"days", b.days.size()},
          {"days_missed", b.days_missed},
          {"sweeps", b.sweeps},
          {"evaluations", b.evaluations},
          {"by_day", days}};
}

}  // namespace

nlohmann::json backlog_queues_json(const BacklogRun& run) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t q = 0; q < run.results.size(); ++q) {
    nlohmann::json row = backlog_summary_json(run.results[q]);
    row["queue"] = run.queues[q];
    if (!run.simulated.empty()) row["simulated"] = backlog_simulation_json(run.simulated[q]);
    if (!run.by_simulation.empty()) {
      row["by_simulation"] = by_simulation_json(run.by_simulation[q], run.results[q].agent_hours);
    }
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json backlog_overall_json(const BacklogRun& run) {
  nlohmann::json all = backlog_summary_json(staffing::backlog_totals(run.results));
  all.erase("peak_agents");
  all.erase("intervals");
  if (!run.simulated.empty()) {
    all["simulated"] = backlog_simulation_totals_json(backlog_simulation_totals(run.simulated));
  }
  if (!run.by_simulation.empty()) {
    double fluid = 0, hours = 0;
    bool met = true;
    for (std::size_t q = 0; q < run.by_simulation.size(); ++q) {
      fluid += run.by_simulation[q].fluid_agent_hours;
      hours += run.results[q].agent_hours;
      met = met && run.by_simulation[q].met;
    }
    all["by_simulation"] = {{"fluid_agent_hours", fluid}, {"agent_hours", hours}, {"met", met}};
  }
  return all;
}

nlohmann::json backlog_simulation_json(const sim::BacklogSimulation& s) {
  const sim::BacklogEstimates& t = s.total;
  nlohmann::json j = {
      {"items", t.items.mean},
      {"items_due", t.items_due.mean},
      {"items_within_target", t.items_within_target.mean},
      {"fraction_within_target", mean_or_null(t.fraction_within_target)},
      {"fraction_within_target_half_width", mean_or_null(t.fraction_within_target, true)},
      {"final_backlog_items", t.backlog_items.mean},
      {"mean_business_age_s", mean_or_null(t.mean_business_age_s)},
      {"max_business_age_s", s.max_business_age_s.mean},
      {"replications", s.replications}};
  const sim::BacklogEstimates& o = s.opening;
  if (o.items.defined && o.items.mean > 0) {
    j["opening"] = {
        {"items", o.items.mean},
        {"items_due", o.items_due.mean},
        {"items_within_target", o.items_within_target.mean},
        {"fraction_within_target", mean_or_null(o.fraction_within_target)},
        {"fraction_within_target_half_width", mean_or_null(o.fraction_within_target, true)},
        {"mean_business_age_s", mean_or_null(o.mean_business_age_s)}};
  }
  return j;
}

BacklogSimulationTotals backlog_simulation_totals(
    const std::vector<sim::BacklogSimulation>& queues) {
  BacklogSimulationTotals t;
  double within = 0, due = 0;
  for (const auto& s : queues) {
    within += s.total.items_within_target.mean;
    due += s.total.items_due.mean;
    t.final_backlog_items += s.total.backlog_items.mean;
  }
  if (due > 0) t.fraction_within_target = within / due;
  return t;
}

nlohmann::json backlog_simulation_totals_json(const BacklogSimulationTotals& t) {
  return {{"fraction_within_target", t.fraction_within_target
                                         ? nlohmann::json(*t.fraction_within_target)
                                         : nlohmann::json(nullptr)}};
}

}  // namespace wfm::pipeline
