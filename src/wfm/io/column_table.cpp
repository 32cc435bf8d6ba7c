#include "wfm/io/column_table.hpp"

#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"

namespace wfm::io {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* type_name(Column::Type t) {
  switch (t) {
    case Column::Type::kNumber: return "number";
    case Column::Type::kInteger: return "integer";
    case Column::Type::kText: return "text";
    case Column::Type::kTime: return "time";
    case Column::Type::kDate: return "date";
    case Column::Type::kBool: return "bool";
  }
  return "?";
}

void require_type(const Column& c, Column::Type type) {
  WFM_ENSURE(c.type == type, "column '{}' holds {} fields, not {}", c.name, type_name(c.type),
             type_name(type));
}

// An integer column that meets a gap or a fraction becomes a number column.
void widen_to_number(Column& c) {
  if (c.type != Column::Type::kInteger) return;
  c.numbers.assign(c.integers.begin(), c.integers.end());
  c.integers.clear();
  c.type = Column::Type::kNumber;
}

void push_missing(Column& c) {
  widen_to_number(c);
  switch (c.type) {
    case Column::Type::kNumber: c.numbers.push_back(kNaN); break;
    case Column::Type::kTime:
    case Column::Type::kDate: c.integers.push_back(kMissingTime); break;
    case Column::Type::kText: c.texts.emplace_back(); break;
    case Column::Type::kInteger:
    case Column::Type::kBool:
      WFM_ENSURE(false, "column '{}': an empty field in a {} column", c.name, type_name(c.type));
  }
}

}  // namespace

std::size_t Column::size() const {
  switch (type) {
    case Type::kNumber: return numbers.size();
    case Type::kInteger:
    case Type::kTime:
    case Type::kDate: return integers.size();
    case Type::kText: return texts.size();
    case Type::kBool: return bools.size();
  }
  return 0;
}

Column& ColumnTable::next_column(Column::Type type) {
  WFM_ENSURE(header_done_, "a {} field in the header", type_name(type));
  WFM_ENSURE(at_ < columns_.size(), "row {} has more fields than the {} columns of the header",
             rows_ + 1, columns_.size());
  const std::size_t index = at_++;
  Column& c = columns_[index];
  if (!typed_[index]) {
    typed_[index] = true;
    const std::size_t pending = untyped_empties_[index];
    c.type = pending > 0 && type == Column::Type::kInteger ? Column::Type::kNumber : type;
    for (std::size_t k = 0; k < pending; ++k) push_missing(c);
  }
  return c;
}

ColumnTable& ColumnTable::field(std::string_view text) {
  if (!header_done_) {
    columns_.push_back(Column{std::string(text)});
    untyped_empties_.push_back(0);
    typed_.push_back(false);
    return *this;
  }
  Column& c = next_column(Column::Type::kText);
  require_type(c, Column::Type::kText);
  c.texts.emplace_back(text);
  return *this;
}

ColumnTable& ColumnTable::field(double value) {
  WFM_ENSURE(std::isfinite(value), "cannot write the non-finite number {} to a table", value);
  Column& c = next_column(Column::Type::kNumber);
  widen_to_number(c);
  require_type(c, Column::Type::kNumber);
  c.numbers.push_back(value == 0 ? 0.0 : value);  // -0 -> 0, as the CSV writes it
  return *this;
}

ColumnTable& ColumnTable::field(std::int64_t value) {
  Column& c = next_column(Column::Type::kInteger);
  if (c.type == Column::Type::kNumber) {
    c.numbers.push_back(static_cast<double>(value));
    return *this;
  }
  require_type(c, Column::Type::kInteger);
  c.integers.push_back(value);
  return *this;
}

ColumnTable& ColumnTable::time_field(core::LocalTime t) {
  Column& c = next_column(Column::Type::kTime);
  require_type(c, Column::Type::kTime);
  c.integers.push_back(t.time_since_epoch().count());
  return *this;
}

ColumnTable& ColumnTable::date_field(std::chrono::local_days d) {
  Column& c = next_column(Column::Type::kDate);
  require_type(c, Column::Type::kDate);
  c.integers.push_back(core::LocalTime{d}.time_since_epoch().count());
  return *this;
}

ColumnTable& ColumnTable::bool_field(bool value) {
  Column& c = next_column(Column::Type::kBool);
  require_type(c, Column::Type::kBool);
  c.bools.push_back(value ? 1 : 0);
  return *this;
}

ColumnTable& ColumnTable::empty_field() {
  WFM_ENSURE(header_done_, "an empty field in the header");
  WFM_ENSURE(at_ < columns_.size(), "row {} has more fields than the {} columns of the header",
             rows_ + 1, columns_.size());
  const std::size_t index = at_++;
  if (typed_[index]) {
    push_missing(columns_[index]);
  } else {
    ++untyped_empties_[index];
  }
  return *this;
}

void ColumnTable::end_row() {
  if (!header_done_) {
    header_done_ = true;
    return;
  }
  WFM_ENSURE(at_ == columns_.size(), "row {} has {} fields, the header {}", rows_ + 1, at_,
             columns_.size());
  at_ = 0;
  ++rows_;
}

std::vector<Column> ColumnTable::take() {
  WFM_ENSURE(at_ == 0, "the table's last row was not ended");
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (!typed_[i]) columns_[i].numbers.assign(untyped_empties_[i], kNaN);
  }
  std::vector<Column> out = std::move(columns_);
  columns_.clear();
  untyped_empties_.clear();
  typed_.clear();
  rows_ = 0;
  header_done_ = false;
  return out;
}

}  // namespace wfm::io
