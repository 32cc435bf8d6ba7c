// libFuzzer target: schedule::parse_shift_rules (the shift-rules TOML of `wfm schedule --rules`
// and a scenario's [schedule] rules), then what the scheduler derives from rules that load: each
// template's starts, span and cost, the tour patterns, and the coverage of a day with one shift
// of each template at its first start, breaks at their earliest (schedule::day_coverage,
// coverage_totals, check_schedule), so the rules' promises (a shift ends by midnight, break
// windows inside the shift) are checked by ASan.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wfm::fuzz::expect_input_errors([&] {
    const auto rules = wfm::schedule::parse_shift_rules(text, "fuzz.toml");
    std::vector<wfm::schedule::ScheduledShift> shifts;
    for (std::size_t t = 0; t < rules.templates.size(); ++t) {
      const auto& tmpl = rules.templates[t];
      (void)tmpl.span();
      (void)tmpl.cost(rules.interval_s);
      const auto starts = tmpl.starts();
      if (starts.empty()) continue;
      wfm::schedule::ScheduledShift shift;
      shift.template_index = static_cast<int>(t);
      shift.start = starts.front();
      for (const auto& b : tmpl.breaks) shift.break_starts.push_back(b.earliest);
      shifts.push_back(std::move(shift));
    }
    if (rules.tours) (void)wfm::schedule::tour_patterns(*rules.tours);
    (void)rules.horizon();
    const std::vector<double> required(static_cast<std::size_t>(rules.intervals_per_day()), 1.0);
    const auto coverage = wfm::schedule::day_coverage(rules, required, shifts);
    (void)wfm::schedule::coverage_totals(rules, coverage, shifts);
    (void)wfm::schedule::check_schedule(rules, shifts);
  });
  return 0;
}
