// Reads contact records from a CSV export through a ContactMapping, one row at a time.
//
// The reader streams (memory does not grow with the file). Each row becomes a Contact, or is
//  - excluded: not a contact of the agent queue by the mapping's own rule (an outcome code mapped
//    to "exclude", or no arrival time with missing_arrival = "exclude"); counted by reason;
//  - bad: it cannot be read or contradicts itself (a field count that differs from the header, a
//    time that does not match the format, an unknown outcome code, a queue not in the allowed
//    list, an answer before the arrival, a negative duration, a survey score off its scale...).
//    Counted, with the line, column and what was expected (the first max_bad_details kept).
// What the caller does with bad rows (stop or skip) is its choice; nothing is dropped without a
// count. A broken file structure (an unterminated quote) or a header without the mapped columns is
// a core::InputError. Rules per outcome: docs/formats.md ("Contact records").
// Tested in tests/unit/kpi/contact_reader_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "wfm/io/csv_reader.hpp"
#include "wfm/kpi/contact.hpp"
#include "wfm/kpi/mapping.hpp"

namespace wfm::kpi {

struct BadRow {
  std::size_t line = 0;
  std::string column;   // the export's column name; empty for the whole row
  std::string message;  // what was expected and what was found
  std::string reason;   // short kind of problem, for the summary ("unknown outcome code")

  // "calls.tsv:12: column 'outcome': expected ..., got ..."
  std::string describe(const std::string& file) const;
};

struct ReadStats {
  std::size_t rows = 0;      // data rows (not the header)
  std::size_t contacts = 0;  // rows that became contacts
  std::size_t bad_rows = 0;
  std::vector<BadRow> bad;  // the first max_bad_details bad rows, in file order
  std::map<std::string, std::size_t> bad_by_reason;
  std::map<std::string, std::size_t> excluded;  // reason -> rows
  std::size_t clamped_answers = 0;              // answers within clock_tolerance_s before arrival
  std::size_t excluded_rows() const;
};

class ContactReader {
 public:
  static constexpr std::size_t max_bad_details = 1000;

  // Reads the header and resolves the mapping's columns; throws core::InputError when a mapped
  // column or a required one (arrival, outcome) is missing.
  ContactReader(std::istream& in, std::string display_name, const ContactMapping& mapping);

  // The next contact (its text fields stay valid until the next call); false at the end.
  bool next(Contact& contact);

  const ReadStats& stats() const noexcept { return stats_; }
  const std::string& display_name() const noexcept { return reader_.display_name(); }
  // Whether the file has the field (a column for it was found).
  bool has(Field f) const { return !columns_[static_cast<std::size_t>(f)].empty(); }

 private:
  struct RowError;
  enum class RowResult { contact, excluded };

  RowResult read_row(Contact& c);
  std::string_view cell(Field f, std::size_t candidate = 0) const;
  std::optional<std::string_view> present(Field f, std::size_t* which = nullptr) const;
  const std::string& column_name(Field f, std::size_t candidate = 0) const;
  std::optional<TimeMs> read_time(Field f, std::int64_t day, TimeMs anchor_tod);
  double read_duration(Field f);
  std::optional<int> read_score(Field f, int low, int high);
  [[noreturn]] void fail(Field f, std::size_t candidate, std::string reason,
                         std::string message) const;
  [[noreturn]] void fail_row(std::string reason, std::string message) const;

  io::CsvReader reader_;
  const ContactMapping& mapping_;
  std::size_t header_fields_ = 0;
  std::array<std::vector<std::size_t>, field_count> columns_;  // header index per candidate
  std::vector<std::string> names_;                             // header names, trimmed
  std::optional<std::size_t> date_index_;
  std::optional<std::size_t> anchor_index_;
  TimeMs tolerance_ms_ = 0;
  io::TimeFormat::DateCache time_cache_;
  std::string last_date_text_;
  std::int64_t last_date_days_ = 0;
  ReadStats stats_;
};

// Parses a duration cell: seconds ("182", "12.5") or [H:]MM:SS ("3:02", "0:03:02"); nullopt when
// malformed. May be negative (the caller rejects it with a message).
std::optional<double> parse_duration_cell(std::string_view text);

}  // namespace wfm::kpi
