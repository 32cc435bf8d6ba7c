// The flags that say how to read an interval file as an export writes it, the same for every
// command that reads interval history, demand or actuals: --mapping FILE (io::ReaderOptions from
// a mapping file), then --delimiter, --decimal-comma, --time-format and --columns, which override
// the mapping file's values (--columns field by field). Each problem is a core::InputError naming
// the flag (or the mapping file's line and key).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "wfm/io/reader_options.hpp"

namespace wfm::cli {

struct ReaderFlags {
  std::string mapping;
  std::string delimiter;
  bool decimal_comma = false;
  std::string time_format;
  std::string columns;
};

// Adds the five flags; `what` names the files they apply to in the help ("the demand file").
void add_reader_flags(CLI::App& cmd, ReaderFlags& flags, const std::string& what);
bool reader_flags_given(const ReaderFlags& flags);
// The options the flags give (the mapping file read first).
io::ReaderOptions reader_options(const ReaderFlags& flags);

}  // namespace wfm::cli
