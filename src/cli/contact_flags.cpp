#include "cli/contact_flags.hpp"

#include <cmath>
#include <filesystem>

#include "cli/staffing_flags.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/number.hpp"

namespace wfm::cli {

using core::Location;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    const auto item = io::trim(rest.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return out;
}

kpi::ContactMapping load_contact_mapping(const std::string& path) {
  return path.empty() ? kpi::default_mapping() : kpi::load_mapping(path);
}

std::ifstream open_input(const std::string& path, const char* flag) {
  WFM_REQUIRE(!path.empty(), core::at_flag(flag), "required: the file to read");
  std::error_code ec;
  WFM_REQUIRE(!std::filesystem::is_directory(path, ec), (Location{path, 0, {}}),
              "is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (Location{path, 0, {}}), "cannot open the file");
  return in;
}

int interval_flag_s(const std::string& text, const char* flag) {
  const double s = parse_duration_flag(text, flag);
  WFM_REQUIRE(s >= 1 && s == std::floor(s) && 86400 % static_cast<long>(s) == 0,
              core::at_flag(flag),
              "expected a whole number of seconds that divides a day (5m, "
              "15m, 30m, 1h...), got {}",
              io::quote_for_message(text));
  return static_cast<int>(s);
}

kpi::AhtParts parse_aht_parts(const std::string& text, const char* flag) {
  kpi::AhtParts parts{false, false, false};
  const auto items = split_list(text);
  WFM_REQUIRE(!items.empty(), core::at_flag(flag), "expected parts among talk, hold, acw");
  for (const auto& item : items) {
    if (item == "talk")
      parts.talk = true;
    else if (item == "hold")
      parts.hold = true;
    else if (item == "acw")
      parts.acw = true;
    else
      throw core::InputError(
          core::at_flag(flag),
          fmt::format("expected parts among talk, hold, acw, got {}", io::quote_for_message(item)));
  }
  return parts;
}

}  // namespace wfm::cli
