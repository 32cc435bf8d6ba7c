#include "wfm/core/time.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace wfm::core {
namespace {

// Reads exactly `width` digits at text[pos..] into value.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& value) {
  if (pos + width > text.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::chrono::local_days> parse_local_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d))
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::local_days{ymd};
}

std::optional<LocalTime> parse_local_time(std::string_view text) {
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  const auto date = parse_local_date(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(text, 11, 2, hh) || !read_digits(text, 14, 2, mm)) return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || !read_digits(text, 17, 2, ss))) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return LocalTime{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

std::string format_local_date(std::chrono::local_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04d}-{:02d}-{:02d}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()));
}

std::string format_local_time(LocalTime t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss hms{t - day};
  std::string out = fmt::format("{}T{:02d}:{:02d}", format_local_date(day), hms.hours().count(),
                                hms.minutes().count());
  if (hms.seconds().count() != 0) out += fmt::format(":{:02d}", hms.seconds().count());
  return out;
}

std::optional<double> parse_duration_s(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::size_t unit_pos = 0;
  while (unit_pos < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[unit_pos])) || text[unit_pos] == '.' ||
          text[unit_pos] == 'e' || text[unit_pos] == 'E' || text[unit_pos] == '+' ||
          text[unit_pos] == '-')) {
    // 'e' may also start no unit we accept, so exponents are allowed only before a digit.
    ++unit_pos;
  }
  if (unit_pos == 0) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + unit_pos, value);
  if (ec != std::errc{} || ptr != text.data() + unit_pos) return std::nullopt;
  std::string unit;
  for (char c : text.substr(unit_pos)) unit += char(std::tolower(static_cast<unsigned char>(c)));
  double scale = 0;
  if (unit.empty() || unit == "s" || unit == "sec")
    scale = 1;
  else if (unit == "m" || unit == "min")
    scale = 60;
  else if (unit == "h")
    scale = 3600;
  else if (unit == "d")
    scale = 86400;
  else if (unit == "w")
    scale = 7 * 86400;
  else
    return std::nullopt;
  const double seconds = value * scale;
  if (!std::isfinite(seconds) || seconds < 0) return std::nullopt;
  return seconds;
}

}  // namespace wfm::core
