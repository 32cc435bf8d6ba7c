// Presenting StaffingResults: JSON objects (full double precision; non-finite values, such as the
// ASA of an unstable queue, become null with "stable": false) and aligned text tables.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace wfm::cli {

// A finite double as a JSON number, anything else as null.
nlohmann::json json_number(double value);

// Prints rows of (label, value) aligned in two columns.
std::string format_table(const std::vector<std::pair<std::string, std::string>>& rows);

// A number for people: up to `digits` significant digits; "inf" for infinity.
std::string human(double value, int digits = 6);

}  // namespace wfm::cli
