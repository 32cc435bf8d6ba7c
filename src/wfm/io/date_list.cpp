#include "wfm/io/date_list.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "wfm/core/time.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {
namespace {

using Days = std::vector<std::chrono::local_days>;

// Appends the date of `text` to `out`; `seen` maps each date to where it was first given.
void add_date(std::string_view text, core::Location where, Days& out,
              std::map<std::chrono::local_days, std::size_t>& seen, std::size_t position) {
  const auto date = core::parse_local_date(text);
  WFM_REQUIRE(date.has_value(), where, "expected a date YYYY-MM-DD, got {}",
              quote_for_message(text));
  const auto [it, fresh] = seen.emplace(*date, position);
  WFM_REQUIRE(fresh, where, "date {} is listed twice (also {} {})", core::format_local_date(*date),
              where.line > 0 ? "on line" : "as date", it->second);
  out.push_back(*date);
}

}  // namespace

Days parse_date_list(std::string_view text, const core::Location& where) {
  Days out;
  std::map<std::chrono::local_days, std::size_t> seen;
  std::size_t pos = 0, position = 1;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    add_date(trim(text.substr(pos, comma - pos)), where, out, seen, position++);
    pos = comma + 1;
  }
  return out;
}

Days read_date_list(std::istream& in, const std::string& source) {
  Days out;
  std::map<std::chrono::local_days, std::size_t> seen;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF line ends
    const auto text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    add_date(text, core::Location{source, n, "date"}, out, seen, n);
  }
  return out;
}

Days load_date_list(const std::string& path) {
  std::ifstream in = open_input_file(path);
  return read_date_list(in, path);
}

}  // namespace wfm::io
