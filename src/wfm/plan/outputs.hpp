// What `wfm plan` writes from a PlanResult beyond the pipeline's files (staffing.csv and
// simulation.csv come from pipeline/outputs.hpp; formats in docs/formats.md): summary.json (totals
// per queue, per day and overall, with the assumptions) and the data of report.html. Writers take
// streams; the command writes every file atomically.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "wfm/core/forecast_table.hpp"
#include "wfm/core/series.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/report/plan_report.hpp"

namespace wfm::plan {

nlohmann::json summary_json(const PlanResult& plan, const scenario::Scenario& s,
                            const forecast::ForecastRun* run);

// The assumptions table shown in reports: scenario, method, targets, shrinkage, AHT, ...
std::vector<std::pair<std::string, std::string>> assumptions(const scenario::Scenario& s,
                                                             const forecast::ForecastRun* run);

// A previous plan's overall totals, for the report's "vs last plan" changes (`wfm plan
// --compare`): `path` is that plan's summary.json or the directory holding it. Throws
// core::InputError naming the file and key when it cannot be read or a figure is missing:
//   plans/w13/summary.json: key 'overall.fte': expected a number
report::PlanTotals previous_plan_totals(const std::string& path);

// Report data: the last `history_days` days of history before the forecast, the forecast (with
// its first prediction interval), staffing and daily totals per queue.
report::PlanReportData report_data(const PlanResult& plan, const scenario::Scenario& s,
                                   const core::ForecastTable& demand,
                                   const core::IntervalTable* history,
                                   const forecast::ForecastRun* run, int history_days = 14);

}  // namespace wfm::plan
