// libFuzzer target: agent state logs and schedules as `wfm kpi --states --schedule` reads them
// (kpi::load_timelines), then spread over the periods of a KPI report (kpi::build_kpi_report over
// a fixed ten-contact file), where occupancy, shrinkage and adherence come from.
// Input: a state log, optionally followed by a line "%%" and a schedule. Options line
// (fuzz_input.hpp): kind=schedule (the input without "%%" is a schedule, not a state log),
// delimiter, time_format=PATTERN (io::TimeFormat, '_' standing for a space: %d/%m/%Y_%H:%M),
// by=interval,agent (the report's grouping; the default), interval_s (default 900).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/core/error.hpp"
#include "wfm/kpi/agent_states.hpp"
#include "wfm/kpi/mapping.hpp"
#include "wfm/kpi/period.hpp"
#include "wfm/kpi/report.hpp"

namespace {
// The contacts of the report (the kpi unit tests' fixture: two agents on 2024-03-04 and 05).
constexpr const char* contacts =
    "contact_id,queue,customer_id,arrival,answer,end,outcome,talk_s,hold_s,acw_s,agent\n"
    "c1,sales,A,2024-03-04T08:00:00,2024-03-04T08:00:10,2024-03-04T08:03:10,answered,160,20,30,"
    "ann\n"
    "c2,sales,B,2024-03-04T08:01:00,2024-03-04T08:01:30,2024-03-04T08:05:30,answered,200,40,60,"
    "bob\n"
    "c3,sales,C,2024-03-04T08:02:00,,2024-03-04T08:02:04,abandoned,,,,\n"
    "c4,sales,D,2024-03-04T08:03:00,,2024-03-04T08:03:45,abandoned,,,,\n"
    "c5,support,A,2024-03-04T08:05:00,2024-03-04T08:05:20,2024-03-04T08:10:20,transferred,240,0,60,"
    "ann\n"
    "c6,support,E,2024-03-04T08:20:00,,,blocked,,,,\n"
    "c7,support,,2024-03-04T08:30:00,2024-03-04T08:30:05,,answered,100,10,20,bob\n"
    "c8,sales,B,2024-03-05T07:59:00,2024-03-05T07:59:15,,answered,120,0,0,ann\n"
    "c9,sales,A,2024-03-05T09:00:00,,2024-03-05T09:00:20,abandoned,,,,\n"
    "c10,support,F,2024-03-05T10:00:00,2024-03-05T10:01:00,,answered,300,,,bob\n";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using wfm::kpi::TimelineKind;
  const auto in = wfm::fuzz::split_input(data, size);
  const auto parts = wfm::fuzz::split_at_separator(in.body);  // (states, schedule) or (-, one)
  const bool one_is_schedule = in.get("kind") == "schedule";
  wfm::kpi::KpiOptions options;
  options.skip_bad_rows = true;
  options.interval_s = in.integer("interval_s").value_or(900);
  wfm::fuzz::for_each_item(in.get("by").value_or("interval,agent"), [&](std::string_view item) {
    if (const auto d = wfm::kpi::parse_dimension(item)) options.by.push_back(*d);
  });
  wfm::fuzz::expect_input_errors([&] {
    options.validate();
    wfm::kpi::TimelineOptions timeline;
    timeline.delimiter = in.delimiter();
    if (const auto spec = in.get("time_format")) {
      std::string pattern(*spec);
      std::replace(pattern.begin(), pattern.end(), '_', ' ');
      timeline.format =
          wfm::io::TimeFormat::parse(pattern, wfm::core::Location{"fuzz.csv", 1, "format"});
    }
    const auto load = [&](std::string_view text, TimelineKind kind) {
      std::istringstream stream{std::string(text)};
      return wfm::kpi::load_timelines(stream, "fuzz.csv", kind, timeline);
    };
    std::optional<wfm::kpi::TimelineFile> states;
    std::optional<wfm::kpi::TimelineFile> schedule;
    if (parts.first) {
      states = load(*parts.first, TimelineKind::states);
      schedule = load(parts.second, TimelineKind::schedule);
    } else if (one_is_schedule) {
      schedule = load(parts.second, TimelineKind::schedule);
    } else {
      states = load(parts.second, TimelineKind::states);
    }
    wfm::kpi::KpiSources sources;
    sources.states = states ? &*states : nullptr;
    sources.schedule = schedule ? &*schedule : nullptr;
    std::istringstream stream{std::string(contacts)};
    (void)wfm::kpi::build_kpi_report(stream, "contacts.csv", wfm::kpi::default_mapping(), options,
                                     sources);
  });
  return 0;
}
