// The opening backlog of email / backlog work: items already waiting when the staffing grid
// starts (`wfm backlog --opening-backlog`, a scenario's [queues.NAME] opening_backlog;
// docs/formats.md, "Opening backlog CSV"; the model in docs/backlog.md).
//
// Header: items, one of age_s (business seconds already waited) or arrived (the arrival time, an
// ISO local time as in interval files), and optionally queue and aht_s (work per item, seconds;
// without it the command's default handle time). One row per group of items of the same age; a
// queue may have several. Every error names file, line and column. Tested in
// tests/unit/io/opening_backlog_csv_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "wfm/core/time.hpp"

namespace wfm::io {

struct OpeningBacklogRow {
  std::string queue;                       // "" without a queue column
  double items = 0;                        // >= 0
  std::optional<double> age_s;             // >= 0, with an age_s column
  std::optional<core::LocalTime> arrived;  // with an arrived column
  std::optional<double> aht_s;             // > 0, with an aht_s column
  std::size_t source_line = 0;
};

struct OpeningBacklogTable {
  std::string source;
  bool has_queue = false;
  bool has_aht = false;
  std::vector<OpeningBacklogRow> rows;  // file order
};

OpeningBacklogTable read_opening_backlog(std::istream& in, const std::string& source);
// Opens and reads `path`.
OpeningBacklogTable load_opening_backlog(const std::string& path);

}  // namespace wfm::io
