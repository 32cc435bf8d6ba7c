// Minimal CSV writing: quoting per RFC 4180 and numbers that read back exactly.
//
// A field is quoted when it contains the delimiter, a quote, a line break, or leading/trailing
// spaces; quotes inside are doubled. Doubles are written in the shortest form that reads back to
// the same value (fmt's "{}": 0.1 -> "0.1", 12.0 -> "12"); writing NaN or an infinity is a bug
// (core::InternalError), since the readers reject them. Rows end in "\n"; a row of one empty field
// is written as "" so that it is not read back as a skipped empty line. Errors of the stream are
// left to the caller (see AtomicFileWriter::commit, which checks them).
// Tested in tests/unit/io/csv_writer_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace wfm::io {

// The field as it must appear in a CSV file with this delimiter.
std::string csv_escape(std::string_view field, char delimiter = ',');

// The shortest text that reads back (with from_chars / parse_double) as exactly `value`.
std::string format_double(double value);

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out, char delimiter = ',') : out_(out), delimiter_(delimiter) {}

  CsvWriter& field(std::string_view text);
  CsvWriter& field(const char* text) { return field(std::string_view(text)); }
  CsvWriter& field(const std::string& text) { return field(std::string_view(text)); }
  CsvWriter& field(double value);
  CsvWriter& field(std::int64_t value);
  CsvWriter& field(int value) { return field(static_cast<std::int64_t>(value)); }
  // An empty field when the value is absent.
  CsvWriter& field(const std::optional<double>& value);
  CsvWriter& empty_field() { return field(std::string_view{}); }
  // Ends the current row.
  void end_row();

  // Writes a whole row: row("a", 1.5, 3) == field("a").field(1.5).field(3).end_row().
  template <typename... Fields>
  void row(const Fields&... fields) {
    (field(fields), ...);
    end_row();
  }

 private:
  void separate();

  std::ostream& out_;
  char delimiter_;
  std::size_t row_fields_ = 0;
  bool row_text_ = false;  // the row has written a character
};

}  // namespace wfm::io
