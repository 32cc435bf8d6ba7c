#include "wfm/plan/outputs.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/scenario/explain.hpp"

namespace wfm::plan {

std::vector<std::pair<std::string, std::string>> assumptions(const scenario::Scenario& s,
                                                             const forecast::ForecastRun* run) {
  std::vector<std::pair<std::string, std::string>> a;
  a.emplace_back("scenario", s.name + " (" + s.source + ")");
  if (s.uses_demand()) {
    a.emplace_back("demand", s.demand.file);
  } else {
    a.emplace_back("history", s.history.file);
    std::string methods;
    if (run) {
      for (const auto& r : run->reports) {
        methods +=
            (methods.empty() ? "" : ", ") + (r.queue.empty() ? "" : r.queue + ": ") + r.method;
      }
    }
    a.emplace_back("forecast",
                   fmt::format("{} over {} days{}", s.forecast.method, s.forecast.horizon_days,
                               methods.empty() ? "" : " (chosen: " + methods + ")"));
  }
  a.emplace_back("targets", scenario::targets_text(s.targets));
  for (const auto& [name, q] : s.queues) {
    a.emplace_back(fmt::format("queue {}", name), scenario::queue_summary(q));
  }
  a.emplace_back("staffing method", std::string(scenario::to_string(s.staffing.method)));
  a.emplace_back("planned for",
                 s.staffing.plan_for_upper
                     ? fmt::format("upper bound of the {:g}% interval", *s.staffing.plan_for_upper)
                     : std::string("forecast mean"));
  a.emplace_back("shrinkage", fmt::format("{:g}%", s.shrinkage.total() * 100));
  a.emplace_back("AHT", s.assumptions.aht_s ? fmt::format("{:g} s", *s.assumptions.aht_s)
                                            : std::string("from the forecast"));
  if (s.assumptions.aht_adjust_s != 0)
    a.emplace_back("AHT adjustment", fmt::format("{:+g} s", s.assumptions.aht_adjust_s));
  if (s.assumptions.volume_factor != 1)
    a.emplace_back("volume factor", fmt::format("{:g}", s.assumptions.volume_factor));
  a.emplace_back("patience", s.assumptions.patience_s
                                 ? fmt::format("{:g} s (exponential)", *s.assumptions.patience_s)
                                 : std::string("none (callers never abandon)"));
  if (s.simulation.check) {
    a.emplace_back("simulation", fmt::format("seed {}, {} replications", s.simulation.seed,
                                             s.simulation.replications));
  }
  if (s.cost.per_agent_hour)
    a.emplace_back("cost",
                   fmt::format("{:g} {} per agent-hour", *s.cost.per_agent_hour, s.cost.currency));
  a.emplace_back("FTE", fmt::format("{:g} paid hours per week", s.capacity.hours_per_fte_week));
  return a;
}

nlohmann::json summary_json(const PlanResult& plan, const scenario::Scenario& s,
                            const forecast::ForecastRun* run) {
  nlohmann::json j;
  j["scenario"] = s.name;
  j["source"] = s.source;
  j["variant"] = plan.variant;
  j["interval_s"] = plan.interval_s;
  j["simulated"] = plan.simulated;
  j["fte_paid_hours_per_week"] = s.capacity.hours_per_fte_week;
  if (plan.model_note) j["model_note"] = *plan.model_note;
  j["overall"] = pipeline::totals_json(plan.overall);
  j["queues"] = nlohmann::json::array();
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    nlohmann::json qj = pipeline::totals_json(plan.queue_totals[q]);
    qj["queue"] = plan.queues[q];
    const auto it = s.queues.find(plan.queues[q]);
    qj["channel"] =
        scenario::to_string(it == s.queues.end() ? scenario::Channel::voice : it->second.channel);
    if (q < plan.queue_engines.size()) qj["engine"] = plan.queue_engines[q];
    if (run && q < run->reports.size()) qj["forecast_method"] = run->reports[q].method;
    j["queues"].push_back(std::move(qj));
  }
  j["daily"] = nlohmann::json::array();
  for (const auto& d : plan.daily) {
    nlohmann::json dj = pipeline::totals_json(d.totals);
    dj["date"] = core::format_local_date(d.date);
    dj["queue"] =
        d.queue == std::string::npos ? nlohmann::json() : nlohmann::json(plan.queues[d.queue]);
    j["daily"].push_back(std::move(dj));
  }
  j["assumptions"] = nlohmann::json::object();
  for (const auto& [k, v] : assumptions(s, run)) j["assumptions"][k] = v;
  return j;
}

namespace {

report::PlanTotals to_report(const Totals& t) {
  report::PlanTotals r;
  r.calls = t.calls;
  r.agent_hours = t.scheduled_hours;
  r.fte = t.fte;
  r.cost = t.cost;
  r.sl = t.service_level;
  r.asa_s = t.asa_s;
  r.abandonment = t.abandon_rate;
  r.occupancy = t.occupancy;
  r.simulated_sl = t.simulated_sl;
  return r;
}

}  // namespace

report::PlanTotals previous_plan_totals(const std::string& path) {
  std::filesystem::path file(path);
  if (std::filesystem::is_directory(file)) file /= "summary.json";
  const std::string name = file.string();
  std::ifstream in = io::open_input_file(name);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> after "] ".
    const auto close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
    throw core::InputError(core::Location{name, 0, {}},
                           "not a plan's summary.json (wfm plan writes it): " + what);
  }
  WFM_REQUIRE(doc.is_object() && doc.contains("overall") && doc["overall"].is_object(),
              (core::Location{name, 0, {}}),
              "key 'overall': expected an object with the plan's totals (a summary.json written "
              "by wfm plan)");
  const nlohmann::json& o = doc["overall"];
  const auto number = [&](const char* key, bool required) -> std::optional<double> {
    const auto it = o.find(key);
    if (it == o.end() || it->is_null()) {
      WFM_REQUIRE(!required, (core::Location{name, 0, {}}),
                  "key 'overall.{}': expected a number, the key is missing", key);
      return std::nullopt;
    }
    WFM_REQUIRE(it->is_number() && std::isfinite(it->get<double>()), (core::Location{name, 0, {}}),
                "key 'overall.{}': expected a number, got {}", key, it->dump());
    return it->get<double>();
  };
  report::PlanTotals t;
  t.calls = number("calls", false).value_or(0);
  t.fte = *number("fte", true);
  t.agent_hours = *number("scheduled_agent_hours", true);
  t.cost = number("cost", false);
  t.sl = number("service_level", false);
  t.simulated_sl = number("simulated_service_level", false);
  t.asa_s = number("asa_s", false);
  t.abandonment = number("abandon_rate", false);
  t.occupancy = number("occupancy", false);
  return t;
}

report::PlanReportData report_data(const PlanResult& plan, const scenario::Scenario& s,
                                   const core::ForecastTable& demand,
                                   const core::IntervalTable* history,
                                   const forecast::ForecastRun* run, int history_days) {
  report::PlanReportData d;
  d.title = "Staffing plan: " + s.name;
  d.assumptions = assumptions(s, run);
  d.currency = s.cost.per_agent_hour ? s.cost.currency : std::string{};
  if (plan.overall.infeasible > 0) {
    d.warnings.push_back(
        fmt::format("{} interval(s) cannot meet every target within the agent limits.",
                    plan.overall.infeasible));
  }
  if (plan.overall.simulated_sl && s.targets.service_level &&
      *plan.overall.simulated_sl < *s.targets.service_level) {
    d.warnings.push_back(fmt::format(
        "Simulated, the plan delivers {:.1f}% service level overall, below the {:.0f}% target "
        "(the Erlang formulas assume each interval starts in steady state).",
        *plan.overall.simulated_sl * 100, *s.targets.service_level * 100));
  }
  if (plan.model_note) d.warnings.push_back(*plan.model_note);
  for (std::size_t q = 0; q < plan.queues.size(); ++q) {
    report::PlanQueue pq;
    pq.name = plan.queues[q];
    pq.interval_s = plan.interval_s;
    const auto& targets = s.targets_for(pq.name);
    pq.sl_target = targets.service_level;
    pq.max_occupancy = targets.max_occupancy;
    if (const auto* email = s.email_queue(pq.name)) {
      // Its service level: items answered within `within` business hours (pipeline/staff.hpp).
      pq.sl_target = email->target;
      pq.max_occupancy.reset();
      pq.sl_target_label = fmt::format("{:g}% in {:g} business h", email->target * 100,
                                       email->within_s.value_or(0) / 3600);
      pq.channel = scenario::queue_text(*email);
    } else if (const auto it = s.queues.find(pq.name); it != s.queues.end()) {
      // A queue with its own [queues.NAME]: its target with the threshold, and its engine.
      if (targets.service_level) {
        pq.sl_target_label = fmt::format("{:g}% in {:g} s", *targets.service_level * 100,
                                         targets.measure.threshold_s);
      }
      pq.channel = scenario::queue_text(it->second);
    }
    if (!demand.levels.empty()) pq.forecast_level = demand.levels.front();
    const auto fq = std::find_if(demand.queues.begin(), demand.queues.end(),
                                 [&](const auto& x) { return x.queue == pq.name; });
    if (fq != demand.queues.end()) {
      for (const auto& f : fq->intervals) {
        report::ForecastPoint p{f.start, f.calls, {}, {}};
        if (!f.bounds.empty()) {
          p.lo = f.bounds.front().lo;
          p.hi = f.bounds.front().hi;
        }
        pq.forecast.push_back(p);
      }
    }
    if (history && !s.uses_demand() && fq != demand.queues.end() && !fq->intervals.empty()) {
      const auto from = fq->intervals.front().start - std::chrono::days{history_days};
      for (const auto& hq : history->queues) {
        if (hq.queue != pq.name) continue;
        for (const auto& r : hq.intervals) {
          if (r.start >= from) pq.history.push_back({r.start, r.offered});
        }
      }
    }
    for (const auto& ip : plan.intervals) {
      if (ip.queue != q) continue;
      report::StaffingPoint sp;
      sp.start = ip.start;
      sp.calls = ip.calls;
      sp.required_agents = ip.result.agents;
      sp.scheduled_agents = ip.scheduled;
      sp.expected_sl = ip.result.service_level;
      sp.occupancy = ip.result.occupancy;
      if (std::isfinite(ip.result.asa_s)) sp.asa_s = ip.result.asa_s;
      sp.abandonment = ip.result.abandon_rate;
      sp.feasible = ip.result.feasible;
      if (ip.simulated && ip.simulated->service_level.defined) {
        sp.simulated_sl = ip.simulated->service_level.mean;
        sp.simulated_sl_half_width = ip.simulated->service_level.half_width;
      }
      pq.staffing.push_back(sp);
    }
    for (const auto& day : plan.daily) {
      if (day.queue == q) pq.daily.push_back({day.date, to_report(day.totals)});
    }
    pq.total = to_report(plan.queue_totals[q]);
    d.queues.push_back(std::move(pq));
  }
  // With one queue the all-queues row would repeat it.
  if (plan.queues.size() > 1) d.overall = to_report(plan.overall);
  return d;
}

}  // namespace wfm::plan
