// The flags that say how to read a file as an export writes it, the same for every command and
// every kind of file it reads (interval history, demand or actuals; forecasts; staffing plans):
// --mapping FILE (io::ReaderOptions from a mapping file), then --delimiter, --decimal-comma,
// --time-format and --columns, which override the mapping file's values (--columns field by
// field). A command that reads two kinds of file gives the second its own group under a prefix
// (`wfm simulate --staffing-delimiter ';'`, `wfm accuracy --forecast-mapping FILE`). Each problem
// is a core::InputError naming the flag (or the mapping file's line and key).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "wfm/core/error.hpp"
#include "wfm/io/reader_options.hpp"
#include "wfm/io/staffing_csv.hpp"

namespace wfm::cli {

struct ReaderFlags {
  std::string mapping;
  std::string delimiter;
  bool decimal_comma = false;
  std::string time_format;
  std::string columns;
  // Set by add_reader_flags: the flags' prefix ("" or "staffing-") and the fields --columns and
  // the mapping file may name.
  std::string prefix;
  io::FieldList fields = io::interval_fields;
};

// Adds the five flags, named --<prefix>mapping ...; `what` names the files they apply to in the
// help ("the demand file"), `fields` the fields of those files.
void add_reader_flags(CLI::App& cmd, ReaderFlags& flags, const std::string& what,
                      const std::string& prefix = "", io::FieldList fields = io::interval_fields);
bool reader_flags_given(const ReaderFlags& flags);
// The options the flags give (the mapping file read first).
io::ReaderOptions reader_options(const ReaderFlags& flags);

// `message` with the unprefixed reader flags the library's hints name (--delimiter,
// --decimal-comma, --time-format, --columns, --mapping) replaced by this group's
// (--staffing-delimiter ...); unchanged for the unprefixed group.
std::string name_reader_flags(const ReaderFlags& flags, std::string message);

// Runs `load`, which reads the file these flags are for; an InputError is rethrown with
// name_reader_flags applied, so a hint names the flag that fixes this file.
template <typename Load>
auto read_with_reader_flags(const ReaderFlags& flags, Load&& load) -> decltype(load()) {
  try {
    return load();
  } catch (const core::InputError& e) {
    if (flags.prefix.empty()) throw;
    throw core::InputError(e.where(), name_reader_flags(flags, e.detail()));
  }
}

// A staffing plan (wfm staff's file) read with its reader flags and, when given, a time zone.
io::StaffingPlanCsv load_staffing_plan(const std::string& path, const ReaderFlags& flags,
                                       const std::optional<core::TimeZone>& time_zone);

}  // namespace wfm::cli
