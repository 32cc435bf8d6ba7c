// A streaming CSV reader (RFC 4180) that knows the physical line of every record.
//
// Handles quoted fields, doubled quotes ("" inside quotes), delimiters and line breaks inside
// quotes, LF, CRLF and lone-CR line ends, a UTF-8 byte-order mark, and any one-byte delimiter
// (',' ';' '\t' ...). Completely empty lines are skipped. A quote inside an unquoted field is kept
// as a literal character (as spreadsheets write it). Every record must have as many fields as the
// first one (the header), else core::InputError "file:line: expected 5 fields (as in the header on
// line 1), got 4"; an unterminated quote is an error naming the line where the field started.
//
// The stream is read in 64 KiB blocks; the fields of the current record are string_views into one
// buffer reused from record to record (no allocation per field), valid until the next call to
// next(). Not thread-safe; one reader per stream. Tested in tests/unit/io/csv_reader_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::io {

struct CsvOptions {
  char delimiter = ',';
  // Every record must have the same number of fields as the first one.
  bool check_field_count = true;
};

// Whether two column names are the same, as CsvHeader matches them: ignoring ASCII case and
// surrounding spaces.
bool same_column_name(std::string_view a, std::string_view b);

// The column names of a header row and a lookup from name to index.
class CsvHeader {
 public:
  CsvHeader() = default;
  explicit CsvHeader(std::vector<std::string> names);

  // Index of the first column whose name equals `name`, ignoring ASCII case and surrounding
  // spaces; nullopt when there is none.
  std::optional<std::size_t> find(std::string_view name) const;
  // How many columns match `name` (as find does); more than one is ambiguous.
  std::size_t count(std::string_view name) const;

  const std::vector<std::string>& names() const noexcept { return names_; }
  std::size_t size() const noexcept { return names_.size(); }
  // "interval_start, queue, offered": for messages.
  std::string joined() const;

 private:
  std::vector<std::string> names_;
};

class CsvReader {
 public:
  // `display_name` is the file name used in error messages. The stream must outlive the reader.
  CsvReader(std::istream& in, std::string display_name, CsvOptions options = {});

  // Reads the next record; false at the end of the input. Throws core::InputError on bad CSV.
  bool next();

  // The fields of the current record, unquoted; valid until the next call to next().
  std::span<const std::string_view> fields() const noexcept { return fields_; }
  std::string_view field(std::size_t i) const { return fields_.at(i); }
  std::size_t size() const noexcept { return fields_.size(); }

  // 1-based physical line on which the current record starts (records may span lines).
  std::size_t line() const noexcept { return record_line_; }
  const std::string& display_name() const noexcept { return display_name_; }

  // Reads the first record as a header. Throws core::InputError if the input has no record.
  CsvHeader read_header();

 private:
  int get();
  int peek();
  bool refill();
  void consume_line_break(int c);

  std::istream& in_;
  std::string display_name_;
  CsvOptions options_;
  std::vector<char> block_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  std::size_t line_ = 1;         // physical line of the next character
  std::size_t record_line_ = 0;  // line on which the current record starts
  std::size_t records_ = 0;      // records read so far
  std::size_t expected_fields_ = 0;
  std::size_t header_line_ = 0;
  std::string text_;               // unquoted text of the current record's fields
  std::vector<std::size_t> ends_;  // end offset of each field in text_
  std::vector<std::string_view> fields_;
};

}  // namespace wfm::io
