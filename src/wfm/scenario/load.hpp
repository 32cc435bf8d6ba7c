// Loading scenario files (TOML, format in scenarios/README.md) into a Scenario.
//
// Inheritance: a top-level `extends = "base.toml"` (relative to the file) loads the base first,
// then this file's settings override it key by key: tables merge recursively (also inline tables
// such as [history] columns), scalars and arrays are replaced whole. Chains are allowed; a cycle
// is an error naming the files. Two settings exclude each other and follow "the nearer file
// wins": [history] file vs [demand] file, and [shrinkage] total vs the shrinkage categories. The
// file that sets one drops the other inherited from its bases; setting both in one file is an
// error.
//
// Every key is checked in every file of the chain: an unknown key (with the closest valid key
// when it is a likely typo: "did you mean 'service_level'?"), a wrong type ("expected a number,
// got a string"), a bad duration, date or choice, and then every rule of validate(); each error
// names the file and line that set the value and its full dotted key:
//   scenarios/premium.toml:7: targets.servce_level: unknown key; did you mean 'service_level'?
// TOML syntax errors give toml++'s line and column. Paths in a file are resolved relative to the
// directory of that file. Tested in tests/unit/scenario/load_test.cpp.
#pragma once

#include <string>
#include <string_view>

#include "wfm/scenario/scenario.hpp"

namespace wfm::scenario {

// Loads the scenario file at `path` (as given, used in messages), its bases, and validates the
// result (validate(); not check_files()). Throws core::InputError.
Scenario load_scenario(const std::string& path);

// The same from text; `display_name` stands for the file in messages, and its directory is the
// one `extends` and relative paths are resolved against.
Scenario parse_scenario(std::string_view toml_text, const std::string& display_name);

}  // namespace wfm::scenario
