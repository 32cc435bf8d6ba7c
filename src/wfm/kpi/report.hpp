// `wfm kpi`: contact records (+ agent states, schedule, forecast) -> one row of KPIs per group.
//
// Contacts are streamed once: each goes to the ContactTotals of its group (arrival period, queue,
// agent), and customers with an id go to the RepeatTracker for first-contact resolution, so memory
// holds the groups and the FCR window, not the records. Files out of arrival order are read a
// second time with a buffered tracker (noted in the report). Agent states and schedules are
// loaded whole and spread over the periods they overlap. Bad contact rows stop the report (a
// core::InputError listing them) unless KpiOptions::skip_bad_rows, which notes how many were
// skipped. The report carries the parameters it was computed with; report_format.hpp writes it.
// Tested in tests/unit/kpi/report_test.cpp and anonbank_test.cpp.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wfm/core/series.hpp"
#include "wfm/kpi/agent_states.hpp"
#include "wfm/kpi/contact_reader.hpp"
#include "wfm/kpi/mapping.hpp"
#include "wfm/kpi/options.hpp"
#include "wfm/kpi/totals.hpp"

namespace wfm::kpi {

struct KpiReport {
  struct Row {
    std::vector<std::string> keys;              // one per key column ("" = none)
    std::vector<std::optional<double>> values;  // one per value column; nullopt = no data
  };
  std::vector<std::string> key_columns;    // "day", "queue", ...
  std::vector<std::string> value_columns;  // kpi_name order, then "<name>_delta" when comparing
  std::vector<Row> rows;                   // sorted by period, queue, agent
  std::vector<std::pair<std::string, std::string>> parameters;  // name, definition used
  std::vector<std::string> notes;
  ReadStats read;
  bool fcr_buffered = false;      // repeat tracking needed the buffered second pass
  std::size_t fcr_peak_held = 0;  // most contacts the repeat tracker held at once

  // Index of a value column; throws InternalError when there is none.
  std::size_t column(std::string_view name) const;
};

// Everything a report reads besides the contact stream.
struct KpiSources {
  const TimelineFile* states = nullptr;
  const TimelineFile* schedule = nullptr;
  const core::IntervalTable* forecast = nullptr;
};

// Builds the report from a contact stream (rewound with seekg for a buffered second pass when
// the rows are out of arrival order). Throws core::InputError.
KpiReport build_kpi_report(std::istream& contacts, const std::string& display_name,
                           const ContactMapping& mapping, const KpiOptions& options,
                           const KpiSources& sources = {});

// The bad-row summary used in errors and notes: "3 bad rows (...): file:12: column ...".
std::string describe_bad_rows(const ReadStats& stats, const std::string& file,
                              std::size_t max_lines = 10);

}  // namespace wfm::kpi
