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

std::optional<double> parse_double(std::string_view text, DecimalMark mark) {
  if (mark == DecimalMark::point) return parse_double(text);
  text = trim(text);
  // A copy with the comma as a point; a point in the text (or a second comma) is not a number.
  constexpr std::size_t max_chars = 64;
  if (text.size() > max_chars || text.find('.') != std::string_view::npos) return std::nullopt;
  char buffer[max_chars];
  std::size_t commas = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    buffer[i] = text[i] == ',' ? '.' : text[i];
    commas += text[i] == ',';
  }
  if (commas > 1) return std::nullopt;
  return parse_double(std::string_view(buffer, text.size()));
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

double parse_number(std::string_view text, const core::Location& where, NumberRange range,
                    DecimalMark mark) {
  const auto value = parse_double(text, mark);
  const bool ok =
      value && (range == NumberRange::any || (range == NumberRange::non_negative && *value >= 0) ||
                (range == NumberRange::positive && *value > 0));
  if (!ok) {
    std::string hint;
    if (mark == DecimalMark::comma) {
      hint = " with a decimal comma such as 12,5";
    } else if (!value && parse_double(text, DecimalMark::comma)) {
      hint =
          " (for a decimal comma such as 12,5 give --decimal-comma, or decimal_comma = true "
          "in a mapping file or scenario)";
    }
    throw core::InputError(where, fmt::format("expected {}{}, got {}", describe(range), hint,
                                              quote_for_message(trim(text))));
  }
  // -0 reads as 0 so that it prints as "0" again.
  return *value == 0 ? 0.0 : *value;
}

}  // namespace wfm::io
