// ColumnTable: a TableWriter that keeps the table in memory as typed columns instead of CSV text.
// The Python module hands these columns to pandas as numpy arrays, so a DataFrame from the module
// and a CSV file from the command come out of the same writer function with the same names and the
// same numbers (the CSV writes doubles in a form that reads back exactly).
//
// The first row names the columns. A column takes the type of its first non-empty field; an empty
// field is NaN in a number column, NaT (kMissingTime) in a time or date column, "" in a text
// column; an integer column with an empty field becomes a number column. Mixing types in one
// column, or a row with more or fewer fields than the header, is a bug (core::InternalError).
// Tested in tests/unit/io/column_table_test.cpp.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "wfm/io/table_writer.hpp"

namespace wfm::io {

struct Column {
  enum class Type { kNumber, kInteger, kText, kTime, kDate, kBool };
  std::string name;
  Type type = Type::kNumber;               // kNumber until a field says otherwise
  std::vector<double> numbers;             // kNumber
  std::vector<std::int64_t> integers;      // kInteger; kTime and kDate: seconds since 1970-01-01
  std::vector<std::string> texts;          // kText
  std::vector<std::uint8_t> bools;         // kBool: 0 or 1
  std::size_t size() const;
};

// A missing time or date (numpy's NaT has the same bit pattern).
inline constexpr std::int64_t kMissingTime = std::numeric_limits<std::int64_t>::min();

class ColumnTable final : public TableWriter {
 public:
  using TableWriter::field;
  ColumnTable& field(std::string_view text) override;
  ColumnTable& field(double value) override;
  ColumnTable& field(std::int64_t value) override;
  ColumnTable& time_field(core::LocalTime t) override;
  ColumnTable& date_field(std::chrono::local_days d) override;
  ColumnTable& bool_field(bool value) override;
  ColumnTable& empty_field() override;
  void end_row() override;

  std::size_t rows() const { return rows_; }
  // The columns, each rows() long; a column of empty fields only is a number column of NaN. The
  // table is left empty.
  std::vector<Column> take();

 private:
  // The next field's column, typed `type` (its leading empty fields filled in) if not typed yet.
  Column& next_column(Column::Type type);

  std::vector<Column> columns_;
  std::vector<std::size_t> untyped_empties_;  // per column: empty fields before the first value
  std::vector<bool> typed_;
  std::size_t rows_ = 0;              // data rows ended
  std::size_t at_ = 0;                // fields written in the current row
  bool header_done_ = false;
};

}  // namespace wfm::io
