// How wfm reports a failure: one line on stderr ("wfm: error: ..."), and for runs with --json also
// one JSON object on stdout, so a script that parses stdout gets an answer either way:
//   {"error": {"exit_code": 2, "kind": "input", "message": "...", "file": "...", "line": 3,
//              "field": "offered"}}
// kind is "usage", "input", "io" or "internal"; file, line and field appear when known.
// Messages are escaped before they reach a terminal: bytes of a binary file that found their way
// into a message (a garbage header, a queue name) print as \xNN, never raw. Valid UTF-8 text
// (accented queue names) is kept as is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "wfm/core/error.hpp"

namespace wfm::cli {

// Control characters (except newline), DEL, C1 controls and bytes that are not valid UTF-8 as
// \xNN (tab as \t); everything else unchanged.
std::string escape_for_terminal(std::string_view text);

// {"error": {...}} as above; `where` adds file/line/field when set.
nlohmann::json error_json(int exit_code, std::string_view kind, const std::string& message,
                          const core::Location* where = nullptr);

}  // namespace wfm::cli
