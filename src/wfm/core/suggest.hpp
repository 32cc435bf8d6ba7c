// "Did you mean ...?": the closest of a set of names to a mistyped one, for unknown scenario keys
// and unknown commands (`wfm stafff` -> `staff`).
//
// The distance is the optimal string alignment distance (Damerau 1964; insert, delete, substitute,
// swap two neighbours, each costing 1), ignoring ASCII case. A name is suggested when it is within
// max(1, min(3, length / 4)) edits of the typo, the nearest first (ties: the first candidate).
// Tested in tests/unit/core/suggest_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::core {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when `name` is a likely typo of it; empty otherwise.
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace wfm::core
