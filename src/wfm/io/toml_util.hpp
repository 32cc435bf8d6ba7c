// Reading TOML input files (mappings, scenarios) with errors that name the file, line and column.
//
// toml++ reports syntax errors with a line and a column; these helpers turn them, and unreadable
// files, into core::InputError so every TOML reader in wfm words them the same way:
//   m.toml:3: not a valid TOML mapping file: expected '=' (column 9)
// and name a node's type the same way in "expected a number, got a string". The key helpers below
// are the checks both mapping files (kpi/mapping.cpp, io/reader_options.cpp) make. Used by
// kpi/mapping.cpp, io/reader_options.cpp and scenario/load.cpp; tested through their tests.
#pragma once

#include <string>
#include <string_view>

#include <initializer_list>

#include <toml++/toml.h>

#include "wfm/core/error.hpp"

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

// Where a node is: the file, the node's line and the dotted key.
core::Location toml_location(const std::string& file, const toml::node& node, std::string_view key);

// Every key of `t` (the table at dotted `prefix`, "" for the root) must be one of `known`, else
// an InputError at the key: "unknown key (expected one of: a, b)".
void check_known_keys(const toml::table& t, std::string_view prefix,
                      std::initializer_list<std::string_view> known, const std::string& file);

// The node's string value; an InputError at `where` ("expected a string") otherwise.
std::string toml_string(const toml::node& node, const core::Location& where);

}  // namespace wfm::io
