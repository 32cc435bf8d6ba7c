// One contact record (a call, chat or e-mail) as the KPI module sees it, whatever the export.
//
// A ContactReader (contact_reader.hpp) turns each row of an export into a Contact through a
// ContactMapping; the KPI accumulators only ever see this type. Times are wall-clock local
// milliseconds (like core::LocalTime but with the sub-second part an ACD may export), used for
// calendars (intervals, days). Durations are measured between instants: with a time zone each time
// carries its UTC offset, so a wait across a daylight-saving change is its elapsed length; without
// one the offsets are 0 and durations are wall-clock differences.
// Text fields are views into the reader's row buffer: valid until the next row.
// Definitions of what the fields mean: docs/formats.md ("Contact records") and docs/kpi.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wfm/core/time.hpp"
#include "wfm/io/time_format.hpp"

namespace wfm::kpi {

// Milliseconds since 1970-01-01T00:00 of the local wall clock (as io::TimeFormat reads them).
using io::ms_per_day;
using io::ms_per_second;
using io::TimeMs;

// What happened to a contact. `transferred` contacts were answered (and then transferred).
enum class Outcome { answered, abandoned, blocked, transferred };

std::string_view to_string(Outcome outcome);
// "answered", "abandoned", "blocked", "transferred", ignoring ASCII case; nullopt otherwise.
std::optional<Outcome> parse_outcome(std::string_view text);

struct Contact {
  std::size_t line = 0;  // 1-based line of the row in its file
  std::string_view id;
  std::string_view queue;           // "" when the export has no queue
  std::string_view customer;        // "" when unknown (no repeat-contact analysis for it)
  std::string_view agent;           // "" when none (abandoned) or unknown
  TimeMs arrival_ms = 0;            // entered the queue (offered)
  std::optional<TimeMs> answer_ms;  // answered / transferred only
  std::optional<TimeMs> end_ms;     // abandoned: when the caller gave up; answered: end of talk
  // UTC offsets of arrival, answer and end with a time zone (local = UTC + offset); 0 without.
  std::int32_t arrival_offset_s = 0;
  std::int32_t answer_offset_s = 0;
  std::int32_t end_offset_s = 0;
  Outcome outcome = Outcome::answered;
  double talk_s = 0;  // handled contacts only; >= 0
  double hold_s = 0;
  double acw_s = 0;              // after-call work
  std::optional<int> csat;       // on the mapping's CSAT scale (1..5 or 1..10)
  std::optional<int> nps;        // 0..10
  std::optional<int> ces;        // on the mapping's CES scale (1..5 or 1..7)
  std::optional<bool> resolved;  // the export's resolved flag (or reason code mapped to it)

  bool handled() const noexcept {
    return outcome == Outcome::answered || outcome == Outcome::transferred;
  }
  // Seconds waited: until answered (handled), until giving up (abandoned); 0 for blocked.
  double wait_s() const noexcept;
  // The times as instants: UTC with a zone, the wall clock without one. Only differences of
  // instants are meaningful.
  TimeMs arrival_instant_ms() const noexcept {
    return arrival_ms - arrival_offset_s * ms_per_second;
  }
  TimeMs answer_instant_ms() const noexcept { return *answer_ms - answer_offset_s * ms_per_second; }
  TimeMs end_instant_ms() const noexcept { return *end_ms - end_offset_s * ms_per_second; }
};

// The wall-clock second of a time (milliseconds dropped), for formatting and calendars.
core::LocalTime to_local_seconds(TimeMs t) noexcept;
TimeMs from_local_seconds(core::LocalTime t) noexcept;
// "2024-03-04T08:00:05", with ".250" when there are milliseconds.
std::string format_time_ms(TimeMs t);

}  // namespace wfm::kpi
