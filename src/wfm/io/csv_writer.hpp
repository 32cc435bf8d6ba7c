// Minimal CSV writing: quoting per RFC 4180 and numbers with 9 significant digits.
//
// A field is quoted when it contains the delimiter, a quote, a line break, or leading/trailing
// spaces; quotes inside are doubled. Doubles are rounded to csv_significant_digits (9) significant
// digits and written in the shortest form of that rounded value (0.1 -> "0.1", 12.0 -> "12",
// 1/3 -> "0.333333333", 1234567890.4 -> "1234567890"): agents and counts are integers and stay
// exact up to 1e9, rates and probabilities keep 1e-9, and a file is not 17 digits wide. JSON
// outputs keep full precision (docs/formats.md, "CSV in general"). CSV text that only carries
// values between wfm's own parts (the Python module hands DataFrames to the loaders as CSV) asks
// for CsvNumbers::exact: the shortest text that reads back as the same double. Writing NaN or an
// infinity is a bug (core::InternalError), since the readers reject them. Rows end in "\n"; a row
// of one empty field is written as "" so that it is not read back as a skipped empty line. Errors
// of the stream are left to the caller (see AtomicFileWriter::commit, which checks them). A
// TableWriter, so that the library's table writers serve files and in-memory columns alike. Tested
// in tests/unit/io/csv_writer_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "wfm/io/table_writer.hpp"

namespace wfm::io {

// The field as it must appear in a CSV file with this delimiter.
std::string csv_escape(std::string_view field, char delimiter = ',');

// Significant digits of a number in a CSV file (and of format_double).
inline constexpr int csv_significant_digits = 9;

// `value` rounded to csv_significant_digits significant digits, in the shortest text that reads
// back (with parse_double) as that rounded value; -0 is written as 0.
std::string format_double(double value);

// The number a CSV file holds for `value`: parse_double(format_double(value)). Tests compare
// library values with values read back from a CSV file through it.
double csv_rounded(double value);

// How CsvWriter writes doubles (see above).
enum class CsvNumbers {
  rounded,  // csv_significant_digits significant digits (format_double)
  exact,    // the shortest text that reads back as the same double
};

class CsvWriter final : public TableWriter {
 public:
  explicit CsvWriter(std::ostream& out, char delimiter = ',',
                     CsvNumbers numbers = CsvNumbers::rounded)
      : out_(out), delimiter_(delimiter), numbers_(numbers) {}

  using TableWriter::field;
  CsvWriter& field(std::string_view text) override;
  CsvWriter& field(double value) override;
  CsvWriter& field(std::int64_t value) override;
  CsvWriter& time_field(core::LocalTime t) override;
  CsvWriter& date_field(std::chrono::local_days d) override;
  CsvWriter& bool_field(bool value) override;
  CsvWriter& empty_field() override { return field(std::string_view{}); }
  // Ends the current row.
  void end_row() override;

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
  CsvNumbers numbers_;
  std::size_t row_fields_ = 0;
  bool row_text_ = false;  // the row has written a character
};

}  // namespace wfm::io
