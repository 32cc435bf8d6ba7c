#include "wfm/io/toml_util.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "wfm/core/error.hpp"

namespace wfm::io {

toml::table parse_toml(std::string_view text, const std::string& display_name,
                       std::string_view what) {
  try {
    return toml::parse(text, display_name);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    throw core::InputError(
        core::Location{display_name, begin.line, {}},
        fmt::format("not a valid TOML {}: {} (column {})", what, e.description(), begin.column));
  }
}

toml::table load_toml_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  WFM_REQUIRE(!std::filesystem::is_directory(path, ec), (core::Location{path, 0, {}}),
              "is a directory, expected a {} (TOML)", what);
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (core::Location{path, 0, {}}), "cannot open the {}", what);
  std::ostringstream text;
  text << in.rdbuf();
  WFM_REQUIRE(!in.bad(), (core::Location{path, 0, {}}), "cannot read the {}", what);
  return parse_toml(text.str(), path, what);
}

std::string_view toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

core::Location toml_location(const std::string& file, const toml::node& node,
                             std::string_view key) {
  return core::Location{file, node.source().begin.line, std::string(key)};
}

void check_known_keys(const toml::table& t, std::string_view prefix,
                      std::initializer_list<std::string_view> known, const std::string& file) {
  for (const auto& [key, node] : t) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string list;
    for (auto k : known) list += fmt::format("{}{}", list.empty() ? "" : ", ", k);
    const std::string full =
        prefix.empty() ? std::string(key.str()) : fmt::format("{}.{}", prefix, key.str());
    throw core::InputError(toml_location(file, node, full),
                           fmt::format("unknown key (expected one of: {})", list));
  }
}

std::string toml_string(const toml::node& node, const core::Location& where) {
  const auto v = node.value<std::string>();
  WFM_REQUIRE(v.has_value() && node.is_string(), where, "expected a string, got {}",
              toml_type_name(node));
  return *v;
}

}  // namespace wfm::io
