// Checks shared by the report tests (header-only): tags balanced, no "nan"/"inf" text, no
// reference to anything outside the page, counting occurrences.
#pragma once

#include <cctype>
#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::report::test {

// "" when every element the reports emit is closed in order; otherwise what is wrong and where.
// Void elements (meta), self-closing SVG elements (<path/>), the doctype and the contents of
// <style> are handled; attribute values must not contain '>' (the reports escape it).
inline std::string tag_balance_error(std::string_view html) {
  std::vector<std::string> stack;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    std::size_t end = html.find('>', i);
    if (end == std::string_view::npos) return "unterminated tag at " + std::to_string(i);
    std::string_view tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty()) return "empty tag";
    if (tag[0] == '!') continue;  // doctype
    bool closing = tag[0] == '/';
    if (closing) tag.remove_prefix(1);
    bool self_closing = !tag.empty() && tag.back() == '/';
    std::size_t name_end = 0;
    while (name_end < tag.size() &&
           (std::isalnum(static_cast<unsigned char>(tag[name_end])) || tag[name_end] == '-')) {
      ++name_end;
    }
    std::string name(tag.substr(0, name_end));
    if (name.empty()) return "tag without a name at " + std::to_string(i);
    if (self_closing || name == "meta") continue;
    if (closing) {
      if (stack.empty() || stack.back() != name) {
        return "</" + name + "> closes <" +
               (stack.empty() ? std::string("nothing") : stack.back()) + "> at " +
               std::to_string(i);
      }
      stack.pop_back();
    } else {
      stack.push_back(name);
      if (name == "style") {  // skip the stylesheet
        std::size_t close = html.find("</style>", i);
        if (close == std::string_view::npos) return "unterminated <style>";
        i = close;
      }
    }
  }
  if (!stack.empty()) return "<" + stack.back() + "> never closed";
  return {};
}

// The first "nan" or "inf" (any case, as a word: "infeasible" is fine) or "" when none.
inline std::string non_finite_text(const std::string& html) {
  static const std::regex word(R"((^|[^A-Za-z])(nan|inf|infinity)([^A-Za-z]|$))",
                               std::regex::icase);
  std::smatch m;
  if (std::regex_search(html, m, word)) return m.str(0);
  return {};
}

// True when the page refers to nothing outside itself.
inline bool self_contained(const std::string& html) {
  for (const char* bad :
       {"http://", "https://", "<script", "<link", "<img", "@import", "url(h", "src="}) {
    if (html.find(bad) != std::string::npos) return false;
  }
  return true;
}

inline std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t i = text.find(what); i != std::string_view::npos;
       i = text.find(what, i + what.size())) {
    ++n;
  }
  return n;
}

}  // namespace wfm::report::test
