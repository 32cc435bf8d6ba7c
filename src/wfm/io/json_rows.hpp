// JsonRows: a TableWriter that turns a table into a JSON array of objects, one per row, keyed by
// the header's names. The JSON outputs that are a table (`wfm schedule --json`'s days) come from
// the same writer function as the CSV file and the Python module's DataFrame, so the three cannot
// drift apart. Numbers stay numbers (integers as integers), times and dates are the CSV's text
// (2024-03-04T08:00, 2024-03-04), booleans are JSON booleans and an empty field is null.
// Tested in tests/unit/io/json_rows_test.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/core/time.hpp"
#include "wfm/io/table_writer.hpp"

namespace wfm::io {

class JsonRows final : public TableWriter {
 public:
  using TableWriter::field;
  JsonRows& field(std::string_view text) override;
  // A finite number; NaN or an infinity is a bug (core::InternalError), as in the CSV writer.
  JsonRows& field(double value) override;
  JsonRows& field(std::int64_t value) override;
  JsonRows& time_field(core::LocalTime t) override;
  JsonRows& date_field(std::chrono::local_days d) override;
  JsonRows& bool_field(bool value) override;
  JsonRows& empty_field() override;
  // A row with more or fewer fields than the header is a bug (core::InternalError).
  void end_row() override;

  // The rows written after the header, as an array of objects. The writer is left empty.
  nlohmann::json take();

 private:
  JsonRows& add(nlohmann::json value);
  std::vector<std::string> names_;
  bool header_done_ = false;
  nlohmann::json row_ = nlohmann::json::object();
  std::size_t column_ = 0;
  nlohmann::json rows_ = nlohmann::json::array();
};

}  // namespace wfm::io
