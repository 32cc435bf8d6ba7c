// Reading TOML input files (mappings, scenarios) with errors that name the file, line and column.
//
// toml++ reports syntax errors with a line and a column; these helpers turn them, and unreadable
// files, into core::InputError so every TOML reader in wfm words them the same way:
//   m.toml:3: not a valid TOML mapping file: expected '=' (column 9)
// and name a node's type the same way in "expected a number, got a string". Used by
// kpi/mapping.cpp and scenario/load.cpp; tested through their tests.
#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace wfm::io {

// Parses `text`; `display_name` stands for the file in messages (and in the nodes' source
// regions), `what` names the kind of file: "mapping file", "scenario file".
toml::table parse_toml(std::string_view text, const std::string& display_name,
                       std::string_view what);

// Reads and parses the file at `path` (as given, used in messages). Throws core::InputError when
// it is a directory, cannot be opened or is not valid TOML.
toml::table load_toml_file(const std::string& path, std::string_view what);

// "a string", "an integer", "a floating-point number", "a boolean", "an array", "a table",
// "a date", "a time", "a date-time": the node's type for messages.
std::string_view toml_type_name(const toml::node& node);

}  // namespace wfm::io
