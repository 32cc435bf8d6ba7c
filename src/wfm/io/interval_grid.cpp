#include "wfm/io/interval_grid.hpp"

namespace wfm::io::detail {

std::string queue_label(const std::string& queue) {
  return queue.empty() ? std::string() : fmt::format(" of queue '{}'", queue);
}

std::string standard_lengths_text() {
  std::string out;
  for (int s : standard_interval_lengths_s) {
    if (!out.empty()) out += ", ";
    out += std::to_string(s);
  }
  return out;
}

long long seconds_of_day(core::LocalTime t) {
  return (t - std::chrono::floor<std::chrono::days>(t)).count();
}

void require_unique_start(const core::TimeZone& zone, core::LocalTime start,
                          const core::Location& where) {
  const core::LocalTimeInfo info = zone.info(start);
  switch (info.kind) {
    case core::LocalTimeKind::unique:
      return;
    case core::LocalTimeKind::nonexistent:
      throw core::InputError(where, zone.explain(start, info) +
                                        "; no interval starts in the skipped hour (remove the "
                                        "row, or check the time zone)");
    case core::LocalTimeKind::repeated:
      throw core::InputError(
          where, zone.explain(start, info) +
                     "; interval files are wall-clock times without a UTC offset, so wfm cannot "
                     "tell which pass a row is: export the file in UTC or standard time and run "
                     "without a time zone, or leave the repeated hour out");
  }
}

}  // namespace wfm::io::detail
