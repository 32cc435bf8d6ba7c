// Flags shared by wfm kpi and wfm aggregate: the mapping file, the contacts file, the interval
// length and the AHT parts. Each problem is a core::InputError naming the flag or the file.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "wfm/kpi/mapping.hpp"
#include "wfm/kpi/options.hpp"

namespace wfm::cli {

// The mapping file, or the built-in generic mapping when `path` is empty.
kpi::ContactMapping load_contact_mapping(const std::string& path);
// Opens an input file given by `flag` (required); a directory or an unreadable file is an error.
std::ifstream open_input(const std::string& path, const char* flag);
// An interval length flag ("15m"): whole seconds dividing a day.
int interval_flag_s(const std::string& text, const char* flag);
// "talk,hold,acw" -> AhtParts.
kpi::AhtParts parse_aht_parts(const std::string& text, const char* flag);
// "a, b,,c" -> {"a", "b", "c"}.
std::vector<std::string> split_list(const std::string& text);

}  // namespace wfm::cli
