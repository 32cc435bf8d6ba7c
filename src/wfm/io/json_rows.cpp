#include "wfm/io/json_rows.hpp"

#include <cmath>
#include <utility>

#include "wfm/core/error.hpp"

namespace wfm::io {

JsonRows& JsonRows::add(nlohmann::json value) {
  if (!header_done_) throw core::InternalError("JsonRows: a typed field in the header row");
  if (column_ >= names_.size()) {
    throw core::InternalError("JsonRows: more fields in a row than the header names");
  }
  row_[names_[column_++]] = std::move(value);
  return *this;
}

JsonRows& JsonRows::field(std::string_view text) {
  if (!header_done_) {
    names_.emplace_back(text);
    return *this;
  }
  return add(std::string(text));
}

JsonRows& JsonRows::field(double value) {
  if (!std::isfinite(value)) throw core::InternalError("JsonRows: a non-finite number");
  return add(value);
}

JsonRows& JsonRows::field(std::int64_t value) {
  return add(value);
}

JsonRows& JsonRows::time_field(core::LocalTime t) {
  return add(core::format_local_time(t));
}

JsonRows& JsonRows::date_field(std::chrono::local_days d) {
  return add(core::format_local_date(d));
}

JsonRows& JsonRows::bool_field(bool value) {
  return add(value);
}

JsonRows& JsonRows::empty_field() {
  return add(nullptr);
}

void JsonRows::end_row() {
  if (!header_done_) {
    header_done_ = true;
    return;
  }
  if (column_ != names_.size()) {
    throw core::InternalError("JsonRows: fewer fields in a row than the header names");
  }
  rows_.push_back(std::move(row_));
  row_ = nlohmann::json::object();
  column_ = 0;
}

nlohmann::json JsonRows::take() {
  nlohmann::json out = std::move(rows_);
  *this = JsonRows();
  return out;
}

}  // namespace wfm::io
