// Timestamp formats of contact-center exports: ISO 8601 local times, or a strftime-like pattern
// such as "%d/%m/%Y %I:%M:%S %p" or "%H:%M:%S" (a time of day, combined with a date column).
//
// Directives: %Y (4-digit year), %y (2 digits: 69-99 -> 19xx, 00-68 -> 20xx, as POSIX), %m, %d,
// %H (0-23), %I (1-12, with %p AM/PM), %M, %S (1 or 2 digits each), %f (fraction of a second,
// 1-9 digits, kept to the millisecond), %% (a percent sign). Every other character must appear
// as is. Numbers are read greedily up to their width, so "%y%m%d" reads "990101". Impossible
// values (2024-02-30, 24:00, 7:60) are rejected. Text must match entirely (surrounding spaces
// are ignored). "iso" accepts YYYY-MM-DDTHH:MM, a space instead of T, and optional :SS and .fff.
// No zones: a trailing Z or +01:00 does not match. Shared by the contact reader (kpi mappings) and
// the interval readers (io::ReaderOptions::time_format). Tested in
// tests/unit/io/time_format_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"

namespace wfm::io {

// Milliseconds since 1970-01-01T00:00 of the local wall clock (no zone).
using TimeMs = std::int64_t;

inline constexpr TimeMs ms_per_second = 1000;
inline constexpr TimeMs ms_per_day = 86'400'000;

class TimeFormat {
 public:
  // The ISO 8601 local format.
  TimeFormat() = default;
  // "iso" or a pattern; throws core::InputError at `where` for an unknown directive, a directive
  // given twice, %I without %p, or a pattern without any date or time directive.
  static TimeFormat parse(std::string_view spec, const core::Location& where);

  // Milliseconds since 1970-01-01T00:00 when the format has a date (a time-of-day-less format
  // reads midnight), milliseconds since midnight when it has only a time; nullopt if the text
  // does not match.
  std::optional<TimeMs> read(std::string_view text) const;

  // The last date an ISO time was read with, so that consecutive rows of one day convert their
  // date once. One per reader (not shared between threads).
  struct DateCache {
    char date[10] = {};
    std::int64_t days = 0;
    bool valid = false;
  };
  // As read(text), using and updating `cache` (ISO format only; other formats ignore it).
  std::optional<TimeMs> read(std::string_view text, DateCache& cache) const;

  bool has_date() const noexcept { return iso_ || has_date_; }
  bool has_time() const noexcept { return iso_ || has_time_; }
  const std::string& spec() const noexcept { return spec_; }
  // What the format looks like, for messages: "a date-time like 2024-03-04T08:05:00".
  std::string describe() const;

 private:
  enum class Token : char {
    literal,
    year4,
    year2,
    month,
    day,
    hour24,
    hour12,
    minute,
    second,
    fraction,
    am_pm
  };
  struct Item {
    Token token;
    char literal;
  };

  std::optional<TimeMs> read_iso(std::string_view text, DateCache* cache) const;
  std::optional<TimeMs> read_pattern(std::string_view text) const;

  bool iso_ = true;
  bool has_date_ = false;
  bool has_time_ = false;
  std::string spec_ = "iso";
  std::vector<Item> items_;
};

// Days since 1970-01-01 of a valid civil date; nullopt when the date does not exist.
std::optional<std::int64_t> days_from_civil(int year, int month, int day) noexcept;

}  // namespace wfm::io
