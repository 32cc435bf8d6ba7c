#include "wfm/kpi/contact.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

namespace wfm::kpi {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::answered:
      return "answered";
    case Outcome::abandoned:
      return "abandoned";
    case Outcome::blocked:
      return "blocked";
    case Outcome::transferred:
      return "transferred";
  }
  return "?";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  constexpr Outcome all[] = {Outcome::answered, Outcome::abandoned, Outcome::blocked,
                             Outcome::transferred};
  for (auto o : all) {  // the usual spelling first: no case folding
    if (text == to_string(o)) return o;
  }
  for (auto o : all) {
    if (iequals(text, to_string(o))) return o;
  }
  return std::nullopt;
}

double Contact::wait_s() const noexcept {
  if (handled() && answer_ms) {
    return static_cast<double>(answer_instant_ms() - arrival_instant_ms()) / 1000.0;
  }
  if (outcome == Outcome::abandoned && end_ms) {
    return static_cast<double>(end_instant_ms() - arrival_instant_ms()) / 1000.0;
  }
  return 0;
}

core::LocalTime to_local_seconds(TimeMs t) noexcept {
  const TimeMs s = t >= 0 ? t / 1000 : -((-t + 999) / 1000);  // floor
  return core::LocalTime{std::chrono::seconds{s}};
}

TimeMs from_local_seconds(core::LocalTime t) noexcept {
  return static_cast<TimeMs>(t.time_since_epoch().count()) * 1000;
}

std::string format_time_ms(TimeMs t) {
  const auto s = to_local_seconds(t);
  const TimeMs ms = t - from_local_seconds(s);
  std::string out = core::format_local_time(s);
  if (out.size() == 16) out += ":00";
  if (ms != 0) out += fmt::format(".{:03d}", ms);
  return out;
}

}  // namespace wfm::kpi
