// TableWriter: where the library's table writers put their rows, so that one writer function per
// format (the staffing table, the daily totals, the simulation table, ...) serves both the CSV
// file (io::CsvWriter) and in-memory typed columns (io::ColumnTable, which the Python module hands
// to pandas). The first row is the header: text fields naming the columns. Later rows carry typed
// fields; a column keeps one type.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wfm/core/time.hpp"

namespace wfm::io {

class TableWriter {
 public:
  virtual ~TableWriter() = default;

  virtual TableWriter& field(std::string_view text) = 0;
  // A finite number; writing NaN or an infinity is a bug (core::InternalError).
  virtual TableWriter& field(double value) = 0;
  virtual TableWriter& field(std::int64_t value) = 0;
  virtual TableWriter& time_field(core::LocalTime t) = 0;           // CSV: 2024-03-04T08:00
  virtual TableWriter& date_field(std::chrono::local_days d) = 0;   // CSV: 2024-03-04
  virtual TableWriter& bool_field(bool value) = 0;                  // CSV: true / false
  virtual TableWriter& empty_field() = 0;                           // an absent value
  virtual void end_row() = 0;

  TableWriter& field(const char* text) { return field(std::string_view(text)); }
  TableWriter& field(const std::string& text) { return field(std::string_view(text)); }
  TableWriter& field(int value) { return field(static_cast<std::int64_t>(value)); }
  // An empty field when the value is absent.
  TableWriter& field(const std::optional<double>& value) {
    return value ? field(*value) : empty_field();
  }
};

}  // namespace wfm::io
