// Writing a KpiReport as an aligned text table, CSV, JSON or Markdown, always with the parameters
// (the KPI definitions used) and the notes (skipped rows, censored FCR...).
//
//  - table: parameters, notes, then the groups as columns of text; columns without any value are
//    left out (and named); a report of one row is shown as a list. Rates in %, seconds with one
//    decimal.
//  - csv: "# name: definition" comment lines, then one header row and one row per group with
//    every column (empty cell = no data). Numbers are raw (fractions, not %), full precision.
//  - json: {"parameters": {...}, "notes": [...], "rows_read": {...}, "columns": [...],
//    "rows": [{...}]} with null for no data.
//  - markdown: the parameters as a list and the groups as a table (like table).
// Tested in tests/unit/kpi/report_format_test.cpp.
#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "wfm/kpi/report.hpp"

namespace wfm::kpi {

enum class ReportFormat { table, csv, json, markdown };

std::optional<ReportFormat> parse_report_format(std::string_view text);

void write_report(const KpiReport& report, ReportFormat format, std::ostream& out);

}  // namespace wfm::kpi
