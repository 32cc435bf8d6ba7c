// Agent state logs and schedules: what agents did (available, on a contact, after-call work,
// break, training, meeting, offline) and what they were scheduled to do, for occupancy,
// utilization, shrinkage, adherence and cost.
//
// Both files are CSV with columns agent, state (schedule: activity), start, end (ISO local times
// or the given io::TimeFormat); other columns are ignored. Spans of one agent must not overlap (an
// error naming both lines); gaps between spans are time offline. Unlike contact records these
// files are loaded whole (one row per state change: small next to the contacts), and any bad row
// is a core::InputError naming file, line and column. With a time zone (TimelineOptions), a start
// or end in the hour the zone skips or repeats is such an error too (a row carries no offset), and
// the report measures spans across a change in elapsed time (report.cpp). Definitions:
// docs/kpi.md; daylight saving: docs/formats.md ("Time zones and daylight saving").
// Tested in tests/unit/kpi/agent_states_test.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/time_zone.hpp"
#include "wfm/io/time_format.hpp"
#include "wfm/kpi/contact.hpp"

namespace wfm::kpi {

enum class AgentState : std::uint8_t {
  available,
  on_contact,
  acw,
  break_time,
  training,
  meeting,
  offline
};
inline constexpr std::size_t agent_state_count = 7;

// "available", "on_contact", "acw", "break", "training", "meeting", "offline".
std::string_view to_string(AgentState s);
// The names above and a few common spellings ("on contact", "after_call_work", "wrap-up"...),
// ignoring ASCII case; nullopt otherwise.
std::optional<AgentState> parse_agent_state(std::string_view text);
// Productive states: available, on_contact, acw.
bool is_productive(AgentState s) noexcept;

// A scheduled activity: work (open for contacts) or one of the non-contact states.
enum class Activity : std::uint8_t { work, break_time, training, meeting, offline };
std::string_view to_string(Activity a);
std::optional<Activity> parse_activity(std::string_view text);
// Whether an agent in `state` adheres to a schedule saying `activity`.
bool adheres(AgentState state, Activity activity) noexcept;

struct Span {
  TimeMs start = 0;
  TimeMs end = 0;         // > start
  std::uint8_t what = 0;  // AgentState or Activity
  std::size_t line = 0;
};

struct AgentTimeline {
  std::string agent;
  std::vector<Span> spans;  // sorted by start, not overlapping
};

struct TimelineFile {
  std::string source;
  std::vector<AgentTimeline> agents;  // in order of first appearance
  std::size_t rows = 0;
};

enum class TimelineKind { states, schedule };

struct TimelineOptions {
  char delimiter = ',';
  io::TimeFormat format;
  // The zone of the wall-clock times: a start or end it skips or repeats is an error.
  std::optional<core::TimeZone> time_zone;
};

// Loads an agent state log or a schedule. Throws core::InputError.
TimelineFile load_timelines(const std::string& path, TimelineKind kind,
                            const TimelineOptions& options = {});
TimelineFile load_timelines(std::istream& in, const std::string& display_name, TimelineKind kind,
                            const TimelineOptions& options = {});

}  // namespace wfm::kpi
