// Reading a staffing plan back: the agents per queue and interval of the staffing CSV that `wfm
// staff --out` and `wfm plan` write (docs/formats.md, "Staffing outputs"), for `wfm simulate
// --staffing`.
//
// Columns used: interval_start, agents (the required agents on the phones, which is what a
// simulation staffs; scheduled_agents includes shrinkage and is not read) and queue (optional:
// without it every row is queue ""). Other columns are ignored, so a hand-written file with just
// interval_start,queue,agents works too. A plan exported by a spreadsheet is read as it comes
// with io::ReaderOptions (delimiter, decimal comma, time format, columns mapped from
// io::staffing_fields), as interval files are. The simulation staffs whole agents: a fractional
// count (`wfm staff --fractional`) is an error, as are a bad time, a negative count, a repeated
// (queue, interval) and, with a time zone, a start the zone skips or repeats. Every error names
// file, line and column. Tested in tests/unit/io/staffing_csv_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "wfm/core/time.hpp"
#include "wfm/core/time_zone.hpp"
#include "wfm/io/reader_options.hpp"

namespace wfm::io {

struct StaffingCsvOptions {
  // Delimiter, decimal mark, interval_start format and column names (keys: staffing_fields).
  ReaderOptions reader;
  // As IntervalCsvOptions::time_zone: a start the zone skips or repeats is an error.
  std::optional<core::TimeZone> time_zone;
};

class StaffingPlanCsv {
 public:
  using Entries = std::map<std::pair<std::string, core::LocalTime>, int>;
  StaffingPlanCsv() = default;
  // A plan built in memory (wfm plan's requirements, to schedule); `source` names it in messages.
  StaffingPlanCsv(std::string source, Entries agents)
      : source_(std::move(source)), agents_(std::move(agents)) {}

  // Agents of `queue` at `start`. Throws core::InputError naming the file when the plan has no
  // row for them; `demand_line` (the demand row that needs them) is named in the message.
  int agents_at(const std::string& queue, core::LocalTime start, std::size_t demand_line) const;

  const std::string& source() const noexcept { return source_; }
  // Every (queue, interval start) -> agents, in queue then time order (for wfm schedule).
  const Entries& entries() const noexcept { return agents_; }
  std::size_t size() const noexcept { return agents_.size(); }

 private:
  friend StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& source,
                                           const StaffingCsvOptions& options);
  std::string source_;
  Entries agents_;
};

// Reads the plan from `in`; `source` names it in messages.
StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& source,
                                  const StaffingCsvOptions& options = {});
// Opens and reads `path` ("<path>: cannot open the staffing file" when it cannot be opened).
StaffingPlanCsv load_staffing_csv(const std::string& path, const StaffingCsvOptions& options = {});

}  // namespace wfm::io
