#include "wfm/core/opening_hours.hpp"

namespace wfm::core {

WeekHours WeekHours::uniform(const std::array<bool, 7>& open_days, int open_s, int close_s) {
  WeekHours w;
  for (unsigned c = 0; c < 7; ++c) {
    if (!open_days[c]) continue;
    const unsigned monday_first = (c + 6) % 7;
    w.days[monday_first] = DayHours{open_s / 60, close_s / 60};
  }
  return w;
}

const DayHours& WeekHours::on(std::chrono::local_days day) const {
  return days[std::chrono::weekday{day}.iso_encoding() - 1];
}

bool WeekHours::contains(LocalTime start, int length_s) const {
  const auto day = std::chrono::floor<std::chrono::days>(start);
  return on(day).covers_s((start - LocalTime{day}).count(), length_s);
}

}  // namespace wfm::core
