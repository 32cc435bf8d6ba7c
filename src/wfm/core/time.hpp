// Wall-clock timestamps and durations for interval data.
//
// Contact-center exports use local wall-clock time without a zone, so wfm keeps timestamps as
// std::chrono::local_seconds (no zone, no DST arithmetic): an interval starting "2024-03-04T08:00"
// is that wall-clock time. Durations given by users ("1800", "1800s", "30m", "1h", "19.8") are
// seconds unless a unit says otherwise.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wfm::core {

using LocalTime = std::chrono::local_seconds;

// Parses ISO 8601 local date-times: "YYYY-MM-DDTHH:MM", "YYYY-MM-DD HH:MM", either with ":SS".
// Returns nullopt for anything else (including impossible dates like 2024-02-30 or 24:00).
std::optional<LocalTime> parse_local_time(std::string_view text);

// Parses a date "YYYY-MM-DD".
std::optional<std::chrono::local_days> parse_local_date(std::string_view text);

// "YYYY-MM-DDTHH:MM", with ":SS" appended only when the seconds are not zero.
std::string format_local_time(LocalTime t);
// "YYYY-MM-DD".
std::string format_local_date(std::chrono::local_days d);

// Parses a duration: a number >= 0 with an optional unit s, m, min, h, d, w (case-insensitive).
// A bare number is seconds. Returns nullopt when malformed, negative or not finite.
std::optional<double> parse_duration_s(std::string_view text);

}  // namespace wfm::core
