#include "cli/error_output.hpp"

#include <fmt/format.h>

namespace wfm::cli {
namespace {

// Length of the valid UTF-8 sequence at text[i] (2-4), or 0 when it is not one. Rejects overlong
// forms, surrogates and code points above U+10FFFF (RFC 3629).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t n = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n' || (b >= 0x20 && b < 0x7F)) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    if (b == '\t') {
      out += "\\t";
      ++i;
      continue;
    }
    char32_t cp = 0;
    if (b >= 0x80) {
      if (const std::size_t n = utf8_sequence(text, i, cp); n > 0 && cp >= 0xA0) {
        out.append(text.substr(i, n));
        i += n;
        continue;
      }
    }
    out += fmt::format("\\x{:02x}", b);
    ++i;
  }
  return out;
}

nlohmann::json error_json(int exit_code, std::string_view kind, const std::string& message,
                          const core::Location* where) {
  nlohmann::json e;
  e["exit_code"] = exit_code;
  e["kind"] = std::string(kind);
  // Escaped as for the terminal: nlohmann::json refuses invalid UTF-8 when dumping.
  e["message"] = escape_for_terminal(message);
  if (where != nullptr) {
    if (!where->file.empty()) e["file"] = escape_for_terminal(where->file);
    if (where->line > 0) e["line"] = where->line;
    if (!where->field.empty()) e["field"] = escape_for_terminal(where->field);
  }
  return nlohmann::json{{"error", e}};
}

}  // namespace wfm::cli
