// What every wfm fuzz target shares: splitting a fuzz input into its options and its file, and
// telling a documented bad-input error from a finding.
//
// A target's input is the file a user could give wfm, optionally preceded by one line
//   #fuzz delimiter=; interval_s=1800 offered=Calls queue=Skill
// whose key=value words set the loader's options (delimiter "tab" is '\t'), so a seed corpus of
// real files runs with the defaults and a few seeds with an options line reach the column mapping
// and other options; libFuzzer mutates that line like the rest. Targets that read two files (a
// mapping and contact records) split the rest at a line "%%" (split_at_separator).
//
// wfm reports bad input as core::InputError (exit 2) and a refused file as core::IoError (exit 4);
// both are normal outcomes here. Anything else escapes LLVMFuzzerTestOneInput: an InternalError,
// a std::logic_error, std::bad_alloc or any other exception terminates the process, which
// libFuzzer records as a crash, as it does for sanitizer reports, hangs (-timeout) and leaks.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "wfm/core/error.hpp"

namespace wfm::fuzz {

struct FuzzInput {
  std::map<std::string, std::string, std::less<>> options;  // from the "#fuzz" line
  std::string_view body;                                    // the file itself

  // The option's value; nullopt when not given.
  std::optional<std::string_view> get(std::string_view key) const {
    const auto it = options.find(key);
    if (it == options.end()) return std::nullopt;
    return it->second;
  }
  // The delimiter option: its first character, "tab" for '\t'; `fallback` when absent or empty.
  char delimiter(char fallback = ',') const {
    const auto v = get("delimiter");
    if (!v || v->empty()) return fallback;
    return *v == "tab" ? '\t' : v->front();
  }
  // An integer option; nullopt when absent or not an integer.
  std::optional<int> integer(std::string_view key) const {
    const auto v = get(key);
    if (!v) return std::nullopt;
    int out = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc{} || end != v->data() + v->size()) return std::nullopt;
    return out;
  }
};

inline FuzzInput split_input(const std::uint8_t* data, std::size_t size) {
  FuzzInput in;
  in.body = std::string_view(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view tag = "#fuzz";
  if (!in.body.starts_with(tag)) return in;
  const std::size_t eol = in.body.find('\n');
  std::string_view line =
      in.body.substr(tag.size(), eol == std::string_view::npos ? eol : eol - tag.size());
  in.body = eol == std::string_view::npos ? std::string_view{} : in.body.substr(eol + 1);
  while (!line.empty()) {
    const std::size_t space = line.find(' ');
    const std::string_view word = line.substr(0, space);
    line = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    const std::size_t eq = word.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    in.options[std::string(word.substr(0, eq))] = std::string(word.substr(eq + 1));
  }
  return in;
}

// Splits `text` at the first line that is exactly "%%": (before, after). Without one, before is
// nullopt and after is the whole text.
inline std::pair<std::optional<std::string_view>, std::string_view> split_at_separator(
    std::string_view text) {
  constexpr std::string_view sep = "%%\n";
  std::size_t at = text.starts_with(sep) ? 0 : text.find("\n%%\n");
  if (at == std::string_view::npos) return {std::nullopt, text};
  const std::size_t before_end = at == 0 ? 0 : at + 1;
  return {text.substr(0, before_end), text.substr(before_end + sep.size())};
}

// Calls f(item) for each comma-separated item of `list` (an option's value such as "interval,queue").
template <class F>
void for_each_item(std::string_view list, F&& f) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    f(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
}

// Runs `body`, treating wfm's documented input errors as normal outcomes.
template <class F>
void expect_input_errors(F&& body) {
  try {
    body();
  } catch (const core::InputError&) {
  } catch (const core::IoError&) {
  }
}

}  // namespace wfm::fuzz
