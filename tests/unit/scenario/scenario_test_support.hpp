// Helpers for the scenario tests: the smallest valid scenario and the shared temporary directory.
#pragma once

#include <string_view>

#include "support/temp_dir.hpp"

namespace wfm::scenario::test {

using wfm::test::TempDir;

// The smallest valid scenario: a history file and one target.
inline constexpr std::string_view minimal =
    "[history]\nfile = \"h.csv\"\n[targets]\nservice_level = 0.8\n";

}  // namespace wfm::scenario::test
