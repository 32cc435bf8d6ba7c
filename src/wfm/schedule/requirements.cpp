#include "wfm/schedule/requirements.hpp"

#include <map>
#include <set>

#include <fmt/format.h>

#include "wfm/core/error.hpp"

namespace wfm::schedule {

std::vector<DayRequirements> day_requirements(const io::StaffingPlanCsv& plan,
                                              const std::string& queue, const ShiftRules& rules) {
  using core::Location;
  std::set<std::string> queues;
  for (const auto& [key, agents] : plan.entries()) queues.insert(key.first);
  WFM_REQUIRE(!queues.empty(), (Location{plan.source(), 0, ""}), "no intervals to schedule");
  std::string chosen = queue;
  if (chosen.empty()) {
    WFM_REQUIRE(queues.size() == 1, core::at_flag("--queue"),
                "the staffing file {} has {} queues ({}): choose one, or \"*\" for all summed",
                plan.source(), queues.size(), fmt::join(queues, ", "));
    chosen = *queues.begin();
  } else if (chosen != "*") {
    WFM_REQUIRE(queues.count(chosen) == 1, core::at_flag("--queue"),
                "no queue '{}' in {} (it has {})", chosen, plan.source(), fmt::join(queues, ", "));
  }
  const int n = rules.intervals_per_day();
  std::map<std::chrono::local_days, std::vector<double>> days;
  std::map<std::string, std::chrono::local_seconds> last;  // per queue, for the step
  long long step = 0;
  for (const auto& [key, agents] : plan.entries()) {
    const auto& [q, start] = key;
    if (chosen != "*" && q != chosen) continue;
    const auto day = std::chrono::floor<std::chrono::days>(start);
    const long long sec = (start - std::chrono::local_seconds(day)).count();
    WFM_REQUIRE(sec % rules.interval_s == 0, (Location{plan.source(), 0, "interval_start"}),
                "{} is not on the {}-second grid of the shift rules ({})",
                core::format_local_time(start), rules.interval_s, rules.source);
    if (auto it = last.find(q); it != last.end()) {
      const long long d = (start - it->second).count();
      if (d > 0 && (step == 0 || d < step)) step = d;
    }
    last[q] = start;
    auto& v = days[day];
    if (v.empty()) v.assign(n, 0);
    v[sec / rules.interval_s] += agents;
  }
  WFM_REQUIRE(step == 0 || step == rules.interval_s, (Location{plan.source(), 0, "interval_start"}),
              "the staffing plan's intervals are {} s long, the shift rules ({}) schedule in {} s "
              "intervals: staff on the rules' interval",
              step, rules.source, rules.interval_s);
  std::vector<DayRequirements> out;
  for (auto& [d, v] : days) out.push_back({d, std::move(v)});
  return out;
}

}  // namespace wfm::schedule
