// Reading a staffing plan back: the agents per queue and interval of the staffing CSV that `wfm
// staff --out` and `wfm plan` write (docs/formats.md, "Staffing outputs"), for `wfm simulate
// --staffing`.
//
// Columns used: interval_start, agents (the required agents on the phones, which is what a
// simulation staffs; scheduled_agents includes shrinkage and is not read) and queue (optional:
// without it every row is queue ""). Other columns are ignored, so a hand-written file with just
// interval_start,queue,agents works too. The simulation staffs whole agents: a fractional count
// (`wfm staff --fractional`) is an error, as are a bad time, a negative count and a repeated
// (queue, interval). Every error names file, line and column. Tested in
// tests/unit/io/staffing_csv_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <utility>

#include "wfm/core/time.hpp"

namespace wfm::io {

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
  friend StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& source);
  std::string source_;
  Entries agents_;
};

// Reads the plan from `in`; `source` names it in messages.
StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& source);
// Opens and reads `path` ("<path>: cannot open the staffing file" when it cannot be opened).
StaffingPlanCsv load_staffing_csv(const std::string& path);

}  // namespace wfm::io
