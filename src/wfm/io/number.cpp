#include "wfm/io/number.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace wfm::io {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    // "+-3" and "+" alone stay invalid: from_chars would accept the '-'.
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string_view describe(NumberRange range) {
  switch (range) {
    case NumberRange::non_negative:
      return "a number >= 0";
    case NumberRange::positive:
      return "a number > 0";
    case NumberRange::any:
      break;
  }
  return "a number";
}

std::string quote_for_message(std::string_view text) {
  if (text.empty()) return "an empty field";
  constexpr std::size_t max_chars = 40;
  std::string out = "\"";
  const bool shorten = text.size() > max_chars;
  for (char c : shorten ? text.substr(0, max_chars) : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  if (shorten) out += "...";
  out += '"';
  return out;
}

double parse_number(std::string_view text, const core::Location& where, NumberRange range) {
  const auto value = parse_double(text);
  const bool ok =
      value && (range == NumberRange::any || (range == NumberRange::non_negative && *value >= 0) ||
                (range == NumberRange::positive && *value > 0));
  WFM_REQUIRE(ok, where, "expected {}, got {}", describe(range), quote_for_message(trim(text)));
  // -0 reads as 0 so that it prints as "0" again.
  return *value == 0 ? 0.0 : *value;
}

}  // namespace wfm::io
