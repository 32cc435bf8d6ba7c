#include "wfm/kpi/period.hpp"

#include <chrono>

#include "wfm/core/error.hpp"
#include "wfm/io/time_format.hpp"

namespace wfm::kpi {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::chrono::year_month_day civil(TimeMs t) {
  return std::chrono::year_month_day{
      std::chrono::sys_days{std::chrono::days{floor_div(t, ms_per_day)}}};
}

TimeMs month_start(int year, unsigned month) {
  return *io::days_from_civil(year, static_cast<int>(month), 1) * ms_per_day;
}

}  // namespace

std::string_view to_string(Dimension d) {
  switch (d) {
    case Dimension::interval:
      return "interval";
    case Dimension::day:
      return "day";
    case Dimension::week:
      return "week";
    case Dimension::month:
      return "month";
    case Dimension::queue:
      return "queue";
    case Dimension::agent:
      return "agent";
  }
  return "?";
}

std::optional<Dimension> parse_dimension(std::string_view text) {
  for (auto d : {Dimension::interval, Dimension::day, Dimension::week, Dimension::month,
                 Dimension::queue, Dimension::agent}) {
    if (text == to_string(d)) return d;
  }
  return std::nullopt;
}

bool is_time_dimension(Dimension d) noexcept {
  return d == Dimension::interval || d == Dimension::day || d == Dimension::week ||
         d == Dimension::month;
}

TimeMs period_start(TimeMs t, Dimension d, int interval_s) {
  switch (d) {
    case Dimension::interval: {
      const TimeMs len = static_cast<TimeMs>(interval_s) * ms_per_second;
      return floor_div(t, len) * len;
    }
    case Dimension::day:
      return floor_div(t, ms_per_day) * ms_per_day;
    case Dimension::week: {
      // 1970-01-01 was a Thursday: Monday-based weeks start 3 days before it.
      const std::int64_t days = floor_div(t, ms_per_day);
      return (floor_div(days + 3, 7) * 7 - 3) * ms_per_day;
    }
    case Dimension::month: {
      const auto ymd = civil(t);
      return month_start(int(ymd.year()), unsigned(ymd.month()));
    }
    default:
      break;
  }
  throw core::InternalError(fmt::format("period_start of the non-time dimension {}", to_string(d)));
}

TimeMs next_period(TimeMs start, Dimension d, int interval_s) {
  switch (d) {
    case Dimension::interval:
      return start + static_cast<TimeMs>(interval_s) * ms_per_second;
    case Dimension::day:
      return start + ms_per_day;
    case Dimension::week:
      return start + 7 * ms_per_day;
    case Dimension::month: {
      const auto ymd = civil(start);
      const unsigned m = unsigned(ymd.month());
      return m == 12 ? month_start(int(ymd.year()) + 1, 1) : month_start(int(ymd.year()), m + 1);
    }
    default:
      break;
  }
  throw core::InternalError(fmt::format("next_period of the non-time dimension {}", to_string(d)));
}

TimeMs previous_period(TimeMs start, Dimension d, int interval_s) {
  switch (d) {
    case Dimension::interval:
      return start - static_cast<TimeMs>(interval_s) * ms_per_second;
    case Dimension::day:
      return start - ms_per_day;
    case Dimension::week:
      return start - 7 * ms_per_day;
    case Dimension::month: {
      const auto ymd = civil(start);
      const unsigned m = unsigned(ymd.month());
      return m == 1 ? month_start(int(ymd.year()) - 1, 12) : month_start(int(ymd.year()), m - 1);
    }
    default:
      break;
  }
  throw core::InternalError(
      fmt::format("previous_period of the non-time dimension {}", to_string(d)));
}

std::string period_label(TimeMs start, Dimension d) {
  const auto ymd = civil(start);
  switch (d) {
    case Dimension::interval:
      return core::format_local_time(to_local_seconds(start));
    case Dimension::day:
    case Dimension::week:
      return fmt::format("{:04d}-{:02d}-{:02d}", int(ymd.year()), unsigned(ymd.month()),
                         unsigned(ymd.day()));
    case Dimension::month:
      return fmt::format("{:04d}-{:02d}", int(ymd.year()), unsigned(ymd.month()));
    default:
      break;
  }
  throw core::InternalError(fmt::format("period_label of the non-time dimension {}", to_string(d)));
}

}  // namespace wfm::kpi
