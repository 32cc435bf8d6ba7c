#include "wfm/core/time_zone.hpp"

#include <algorithm>
#include <exception>

#include <date/tz.h>
#include <fmt/format.h>

namespace wfm::core {
namespace {

using std::chrono::seconds;

// The date library has its own local_seconds / sys_seconds types (same epoch, same unit).
date::local_seconds to_date(LocalTime t) {
  return date::local_seconds{t.time_since_epoch()};
}
LocalTime local_at(date::sys_seconds instant, seconds offset) {
  return LocalTime{instant.time_since_epoch() + offset};
}

const date::time_zone* zone_of(const void* p) {
  return static_cast<const date::time_zone*>(p);
}

// "02:00", or "02:00:30" when the seconds are not zero.
std::string clock_text(LocalTime t) {
  return format_local_time(t).substr(11);
}

}  // namespace

TimeZone TimeZone::locate(std::string_view name, const Location& where) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::exception&) {
    std::string what = fmt::format(
        "unknown time zone \"{}\": expected an IANA name such as Europe/Paris, America/New_York "
        "or UTC",
        name);
    try {
      (void)date::get_tzdb();
    } catch (const std::exception& e) {
      what += fmt::format(
          " (the time-zone database could not be read: {}; it comes from the "
          "tzdata package, /usr/share/zoneinfo)",
          e.what());
    }
    throw InputError(where, what);
  }
  return TimeZone(zone, std::string(name));
}

LocalTimeInfo TimeZone::info(LocalTime t) const {
  const date::time_zone* zone = zone_of(zone_);
  const date::local_info li = zone->get_info(to_date(t));
  LocalTimeInfo out;
  out.first_offset = li.first.offset;
  out.first_abbrev = li.first.abbrev;
  switch (li.result) {
    case date::local_info::unique: {
      out.kind = LocalTimeKind::unique;
      out.second_offset = li.first.offset;
      out.second_abbrev = li.first.abbrev;
      // The period's wall-clock span, less the parts that a neighbouring period also covers
      // (a repeated hour) or that are skipped (a gap lies outside it already).
      out.span_begin = local_at(li.first.begin, li.first.offset);
      out.span_end = local_at(li.first.end, li.first.offset);
      if (li.first.begin > date::sys_seconds{date::sys_days{date::year::min() / 1 / 1}}) {
        const auto before = zone->get_info(li.first.begin - seconds{1});
        out.span_begin = std::max(out.span_begin, local_at(li.first.begin, before.offset));
      }
      if (li.first.end < date::sys_seconds{date::sys_days{date::year::max() / 1 / 1}}) {
        const auto after = zone->get_info(li.first.end);
        out.span_end = std::min(out.span_end, local_at(li.first.end, after.offset));
      }
      break;
    }
    case date::local_info::nonexistent:
      // Clocks go forward at the instant second.begin: from its local time with the first
      // offset to its local time with the second.
      out.kind = LocalTimeKind::nonexistent;
      out.second_offset = li.second.offset;
      out.second_abbrev = li.second.abbrev;
      out.span_begin = local_at(li.second.begin, li.first.offset);
      out.span_end = local_at(li.second.begin, li.second.offset);
      break;
    case date::local_info::ambiguous:
      // Clocks go back at the instant second.begin: the local times from there with the second
      // offset up to there with the first offset happen twice.
      out.kind = LocalTimeKind::repeated;
      out.second_offset = li.second.offset;
      out.second_abbrev = li.second.abbrev;
      out.span_begin = local_at(li.second.begin, li.second.offset);
      out.span_end = local_at(li.second.begin, li.first.offset);
      break;
  }
  return out;
}

std::string TimeZone::explain(LocalTime t, const LocalTimeInfo& info) const {
  const std::string day = format_local_date(std::chrono::floor<std::chrono::days>(t));
  switch (info.kind) {
    case LocalTimeKind::nonexistent:
      return fmt::format(
          "{} does not exist in {}: clocks go forward from {} to {} on {} ({} to {})",
          format_local_time(t), name_, clock_text(info.span_begin), clock_text(info.span_end), day,
          info.first_abbrev, info.second_abbrev);
    case LocalTimeKind::repeated:
      return fmt::format(
          "{} occurs twice in {}: clocks go back from {} to {} on {} ({} to {}), so {} to {} "
          "is lived twice",
          format_local_time(t), name_, clock_text(info.span_end), clock_text(info.span_begin), day,
          info.first_abbrev, info.second_abbrev, clock_text(info.span_begin),
          clock_text(info.span_end));
    case LocalTimeKind::unique:
      break;
  }
  return fmt::format("{} is a unique time in {}", format_local_time(t), name_);
}

std::string repeated_hour_hint(LocalTime t, std::string_view zone_option) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const auto hour = std::chrono::floor<std::chrono::hours>(t - day).count();
  if (hour >= 4 && hour < 23) return {};
  return fmt::format(
      "; if the file is in local time with a daylight-saving change, this may be the hour that "
      "happens twice when clocks go back: give {} (an IANA name such as Europe/Paris) for a "
      "message naming the change, or export in UTC",
      zone_option);
}

}  // namespace wfm::core
