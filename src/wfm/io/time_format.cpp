#include "wfm/io/time_format.hpp"

#include <array>
#include <cctype>
#include <cstring>

#include "wfm/core/error.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads between 1 and `width` digits (exactly `width` when `exact`) at text[pos].
bool read_number(std::string_view text, std::size_t& pos, int width, bool exact, int& value) {
  value = 0;
  int n = 0;
  while (n < width && pos < text.size() && is_digit(text[pos])) {
    value = value * 10 + (text[pos] - '0');
    ++pos;
    ++n;
  }
  return exact ? n == width : n > 0;
}

bool fixed2(std::string_view t, std::size_t pos, int& v) {
  if (!is_digit(t[pos]) || !is_digit(t[pos + 1])) return false;
  v = (t[pos] - '0') * 10 + (t[pos + 1] - '0');
  return true;
}

}  // namespace

std::optional<std::int64_t> days_from_civil(int y, int m, int d) noexcept {
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr std::array<int, 12> month_days = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = month_days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > last) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

TimeFormat TimeFormat::parse(std::string_view spec, const core::Location& where) {
  TimeFormat f;
  f.spec_ = std::string(spec);
  if (spec == "iso") return f;
  f.iso_ = false;
  std::array<bool, 11> seen{};
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') {
      f.items_.push_back({Token::literal, spec[i]});
      continue;
    }
    WFM_REQUIRE(i + 1 < spec.size(), where, "time format {} ends with a lone '%'",
                io::quote_for_message(spec));
    const char c = spec[++i];
    Token t{};
    switch (c) {
      case 'Y':
        t = Token::year4;
        break;
      case 'y':
        t = Token::year2;
        break;
      case 'm':
        t = Token::month;
        break;
      case 'd':
        t = Token::day;
        break;
      case 'H':
        t = Token::hour24;
        break;
      case 'I':
        t = Token::hour12;
        break;
      case 'M':
        t = Token::minute;
        break;
      case 'S':
        t = Token::second;
        break;
      case 'f':
        t = Token::fraction;
        break;
      case 'p':
        t = Token::am_pm;
        break;
      case '%':
        f.items_.push_back({Token::literal, '%'});
        continue;
      default:
        throw core::InputError(
            where, fmt::format("unknown directive %{} in time format {} (known: %Y %y %m %d %H %I "
                               "%M %S %f %p %%, or \"iso\")",
                               c, io::quote_for_message(spec)));
    }
    const auto k = static_cast<std::size_t>(t);
    WFM_REQUIRE(!seen[k], where, "directive %{} appears twice in time format {}", c,
                io::quote_for_message(spec));
    seen[k] = true;
    f.items_.push_back({t, 0});
  }
  auto has = [&](Token t) { return seen[static_cast<std::size_t>(t)]; };
  WFM_REQUIRE(
      !(has(Token::year4) && has(Token::year2)) && !(has(Token::hour24) && has(Token::hour12)),
      where, "time format {} gives the same part twice", io::quote_for_message(spec));
  WFM_REQUIRE(has(Token::hour12) == has(Token::am_pm), where,
              "time format {}: %I (12-hour clock) and %p (AM/PM) go together",
              io::quote_for_message(spec));
  const bool year = has(Token::year4) || has(Token::year2);
  f.has_date_ = year || has(Token::month) || has(Token::day);
  WFM_REQUIRE(!f.has_date_ || (year && has(Token::month) && has(Token::day)), where,
              "time format {} needs a year, a month and a day (%Y or %y, %m, %d)",
              io::quote_for_message(spec));
  f.has_time_ = has(Token::hour24) || has(Token::hour12);
  WFM_REQUIRE(f.has_time_ || !(has(Token::minute) || has(Token::second) || has(Token::fraction)),
              where, "time format {} has minutes or seconds but no hour (%H or %I)",
              io::quote_for_message(spec));
  WFM_REQUIRE(f.has_date_ || f.has_time_, where, "time format {} has no date and no time directive",
              io::quote_for_message(spec));
  return f;
}

std::string TimeFormat::describe() const {
  if (iso_) return "a date-time like 2024-03-04T08:05:00 (format iso)";
  // Render the example instant 2024-03-04 20:05:09.250 with the pattern.
  std::string example;
  for (const auto& item : items_) {
    switch (item.token) {
      case Token::literal:
        example += item.literal;
        break;
      case Token::year4:
        example += "2024";
        break;
      case Token::year2:
        example += "24";
        break;
      case Token::month:
        example += "03";
        break;
      case Token::day:
        example += "04";
        break;
      case Token::hour24:
        example += "20";
        break;
      case Token::hour12:
        example += "8";
        break;
      case Token::minute:
        example += "05";
        break;
      case Token::second:
        example += "09";
        break;
      case Token::fraction:
        example += "250";
        break;
      case Token::am_pm:
        example += "PM";
        break;
    }
  }
  const char* what = has_date_ ? (has_time_ ? "a date-time" : "a date") : "a time of day";
  return fmt::format("{} like {} (format {})", what, example, io::quote_for_message(spec_));
}

std::optional<TimeMs> TimeFormat::read(std::string_view text) const {
  text = io::trim(text);
  return iso_ ? read_iso(text, nullptr) : read_pattern(text);
}

std::optional<TimeMs> TimeFormat::read(std::string_view text, DateCache& cache) const {
  text = io::trim(text);
  return iso_ ? read_iso(text, &cache) : read_pattern(text);
}

std::optional<TimeMs> TimeFormat::read_iso(std::string_view t, DateCache* cache) const {
  // YYYY-MM-DD[T ]HH:MM[:SS[.f+]]
  if (t.size() < 16 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':') {
    return std::nullopt;
  }
  int h = 0, mi = 0, s = 0;
  if (!fixed2(t, 11, h) || !fixed2(t, 14, mi)) return std::nullopt;
  std::int64_t days = 0;
  if (cache && cache->valid && std::memcmp(cache->date, t.data(), 10) == 0) {
    days = cache->days;
  } else {
    int y1 = 0, y2 = 0, mo = 0, d = 0;
    if (!fixed2(t, 0, y1) || !fixed2(t, 2, y2) || !fixed2(t, 5, mo) || !fixed2(t, 8, d)) {
      return std::nullopt;
    }
    const auto civil = days_from_civil(y1 * 100 + y2, mo, d);
    if (!civil) return std::nullopt;
    days = *civil;
    if (cache) {
      std::memcpy(cache->date, t.data(), 10);
      cache->days = days;
      cache->valid = true;
    }
  }
  TimeMs ms = 0;
  if (t.size() > 16) {
    if (t.size() < 19 || t[16] != ':' || !fixed2(t, 17, s)) return std::nullopt;
    if (t.size() > 19) {
      if (t[19] != '.' || t.size() == 20 || t.size() > 29) return std::nullopt;
      TimeMs scale = 100;
      for (std::size_t i = 20; i < t.size(); ++i) {
        if (!is_digit(t[i])) return std::nullopt;
        ms += (t[i] - '0') * scale;
        scale /= 10;
      }
    }
  }
  if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  return days * ms_per_day + ((h * 60 + mi) * 60 + s) * ms_per_second + ms;
}

std::optional<TimeMs> TimeFormat::read_pattern(std::string_view t) const {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  TimeMs ms = 0;
  int pm = -1;
  std::size_t pos = 0;
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const auto& item = items_[k];
    switch (item.token) {
      case Token::literal:
        if (pos >= t.size() || t[pos] != item.literal) return std::nullopt;
        ++pos;
        break;
      case Token::year4:
        if (!read_number(t, pos, 4, true, year)) return std::nullopt;
        break;
      case Token::year2:
        if (!read_number(t, pos, 2, true, year)) return std::nullopt;
        year += year >= 69 ? 1900 : 2000;
        break;
      case Token::month:
        if (!read_number(t, pos, 2, false, month)) return std::nullopt;
        break;
      case Token::day:
        if (!read_number(t, pos, 2, false, day)) return std::nullopt;
        break;
      case Token::hour24:
      case Token::hour12:
        if (!read_number(t, pos, 2, false, hour)) return std::nullopt;
        break;
      case Token::minute:
        if (!read_number(t, pos, 2, false, minute)) return std::nullopt;
        break;
      case Token::second:
        if (!read_number(t, pos, 2, false, second)) return std::nullopt;
        break;
      case Token::fraction: {
        TimeMs scale = 100;
        std::size_t n = 0;
        while (pos < t.size() && is_digit(t[pos]) && n < 9) {
          ms += (t[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          ++n;
        }
        if (n == 0) return std::nullopt;
        break;
      }
      case Token::am_pm: {
        if (pos + 2 > t.size()) return std::nullopt;
        const char a = static_cast<char>(std::toupper(static_cast<unsigned char>(t[pos])));
        const char b = static_cast<char>(std::toupper(static_cast<unsigned char>(t[pos + 1])));
        if ((a != 'A' && a != 'P') || b != 'M') return std::nullopt;
        pm = a == 'P' ? 1 : 0;
        pos += 2;
        break;
      }
    }
  }
  if (pos != t.size()) return std::nullopt;
  if (pm >= 0) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = hour % 12 + (pm == 1 ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const TimeMs time_of_day = ((hour * 60 + minute) * 60 + second) * ms_per_second + ms;
  if (!has_date_) return time_of_day;
  const auto days = days_from_civil(year, month, day);
  if (!days) return std::nullopt;
  return *days * ms_per_day + time_of_day;
}

}  // namespace wfm::io
