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
// count. A contact whose contact id an earlier contact has is counted as a duplicate (identical
// row) or a conflict (the same id, other content), and kept or dropped (docs/kpi.md, "Duplicate
// contacts"). Ids are held by 64-bit hash in two generations of duplicate_window_ms of arrivals
// each, so an id is remembered for at least that long after the latest arrival and memory follows
// the contacts per day, not the file's length. A broken file
// structure (an unterminated quote) or a header without the mapped columns is a
// core::InputError. Rules per outcome: docs/formats.md ("Contact records"). Tested in
// tests/unit/kpi/contact_reader_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
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

// A contact row whose contact id an earlier contact row has.
struct DuplicateRow {
  std::string id;
  std::size_t line = 0;
  std::size_t first_line = 0;  // the first row with the id
  bool identical = true;       // every field as in the first row; false: a conflict
};

namespace detail {
// A set of contact-id hashes (open addressing, linear probing) with the first row's content hash
// and line for each; no removal, cleared whole.
class IdTable {
 public:
  struct Entry {
    std::uint64_t id_hash = 0;  // 0: empty slot
    std::uint64_t row_hash = 0;
    std::size_t line = 0;
  };
  // The entry of `id_hash` (not 0), or nullptr.
  const Entry* find(std::uint64_t id_hash) const;
  // Adds an id that find() did not find.
  void insert(const Entry& e);
  void clear();

 private:
  std::vector<Entry> slots_;
  std::size_t used_ = 0;
};
}  // namespace detail

struct ReadStats {
  std::size_t rows = 0;      // data rows (not the header)
  std::size_t contacts = 0;  // rows that became contacts
  std::size_t bad_rows = 0;
  std::vector<BadRow> bad;  // the first max_bad_details bad rows, in file order
  std::map<std::string, std::size_t> bad_by_reason;
  std::map<std::string, std::size_t> excluded;  // reason -> rows
  std::size_t clamped_answers = 0;              // answers within clock_tolerance_s before arrival
  std::size_t duplicate_rows = 0;               // same contact id and identical row
  std::size_t conflicting_rows = 0;             // same contact id, other content
  std::size_t dropped_duplicates = 0;           // of both, left out (drop_duplicates)
  std::vector<DuplicateRow> duplicates;         // the first max_duplicate_details, in file order
  std::size_t excluded_rows() const;
};

class ContactReader {
 public:
  static constexpr std::size_t max_bad_details = 1000;
  static constexpr std::size_t max_duplicate_details = 100;
  // A contact id is remembered at least this long (arrival time, elapsed) after the latest arrival
  // read, and at most twice as long.
  static constexpr TimeMs duplicate_window_ms = ms_per_day;

  // Reads the header and resolves the mapping's columns; throws core::InputError when a mapped
  // column or a required one (arrival, outcome) is missing. With `drop_duplicates`, a contact
  // whose id was seen before is counted and skipped instead of returned.
  ContactReader(std::istream& in, std::string display_name, const ContactMapping& mapping,
                bool drop_duplicates = false);
  // The reader keeps a reference to the mapping: a temporary would dangle.
  ContactReader(std::istream& in, std::string display_name, ContactMapping&& mapping,
                bool drop_duplicates = false) = delete;

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
  // Whether `c` (just read) repeats an earlier contact id; counts it.
  bool is_duplicate(const Contact& c);
  std::string_view cell(Field f, std::size_t candidate = 0) const;
  std::optional<std::string_view> present(Field f, std::size_t* which = nullptr) const;
  const std::string& column_name(Field f, std::size_t candidate = 0) const;
  std::optional<TimeMs> read_time(Field f, std::int64_t day, TimeMs anchor_tod);
  std::int32_t utc_offset_s(Field f, TimeMs local, std::optional<TimeMs> not_before);
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
  core::LocalTimeInfo zone_span_;  // the last unique span looked up in mapping_.time_zone
  bool zone_span_valid_ = false;
  std::string last_date_text_;
  std::int64_t last_date_days_ = 0;
  ReadStats stats_;
  bool drop_duplicates_ = false;
  // The ids of the current generation (arrivals from generation_start_ms_ on) and the previous one.
  detail::IdTable ids_current_, ids_previous_;
  std::optional<TimeMs> generation_start_ms_;
};

// "3 contact rows repeat an earlier contact id (2 identical rows, 1 conflicting: ...)", listing
// the first `max_lines` with their lines, for warnings and report notes; "" without duplicates.
std::string describe_duplicates(const ReadStats& st, std::size_t max_lines = 5);

// Parses a duration cell: seconds ("182", "12.5") or [H:]MM:SS ("3:02", "0:03:02"); nullopt when
// malformed. May be negative (the caller rejects it with a message).
std::optional<double> parse_duration_cell(std::string_view text);

}  // namespace wfm::kpi
