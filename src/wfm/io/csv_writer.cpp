#include "wfm/io/csv_writer.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "wfm/core/error.hpp"

namespace wfm::io {

namespace {

bool needs_quotes(std::string_view field, char delimiter) {
  for (const char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
  }
  return !field.empty() && (field.front() == ' ' || field.back() == ' ' || field.front() == '\t' ||
                            field.back() == '\t');
}

}  // namespace

std::string csv_escape(std::string_view field, char delimiter) {
  if (!needs_quotes(field, delimiter)) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

double csv_rounded(double value) {
  WFM_ENSURE(std::isfinite(value), "cannot write the non-finite number {} to a CSV file", value);
  if (value == 0) return 0;  // -0 -> 0
  // to_chars with a precision rounds correctly to that many significant digits; reading that text
  // back gives the nearest double, whose shortest form fmt's "{}" then writes.
  char buffer[40];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value,
                                     std::chars_format::general, csv_significant_digits);
  WFM_ENSURE(written.ec == std::errc{}, "cannot format {} for a CSV file", value);
  double rounded = 0;
  const auto read = std::from_chars(buffer, written.ptr, rounded);
  WFM_ENSURE(read.ec == std::errc{} && read.ptr == written.ptr, "cannot reread {} ('{}')", value,
             std::string_view(buffer, static_cast<std::size_t>(written.ptr - buffer)));
  return rounded;
}

std::string format_double(double value) {
  return fmt::format("{}", csv_rounded(value));
}

void CsvWriter::separate() {
  if (row_fields_ > 0) {
    out_.put(delimiter_);
    row_text_ = true;
  }
  ++row_fields_;
}

CsvWriter& CsvWriter::field(std::string_view text) {
  separate();
  if (needs_quotes(text, delimiter_)) {
    out_ << csv_escape(text, delimiter_);
    row_text_ = true;
  } else {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    row_text_ = row_text_ || !text.empty();
  }
  return *this;
}

CsvWriter& CsvWriter::field(double value) {
  WFM_ENSURE(std::isfinite(value), "cannot write the non-finite number {} to a CSV file", value);
  const double written = numbers_ == CsvNumbers::exact ? (value == 0 ? 0.0 : value)  // -0 -> 0
                                                       : csv_rounded(value);
  separate();
  row_text_ = true;
  char buffer[32];
  const auto end = fmt::format_to_n(buffer, sizeof buffer, "{}", written).out;
  out_.write(buffer, end - buffer);
  return *this;
}

CsvWriter& CsvWriter::field(std::int64_t value) {
  separate();
  row_text_ = true;
  out_ << value;
  return *this;
}

CsvWriter& CsvWriter::time_field(core::LocalTime t) {
  return field(std::string_view(core::format_local_time(t)));
}

CsvWriter& CsvWriter::date_field(std::chrono::local_days d) {
  return field(std::string_view(core::format_local_date(d)));
}

CsvWriter& CsvWriter::bool_field(bool value) {
  return field(std::string_view(value ? "true" : "false"));
}

void CsvWriter::end_row() {
  if (row_fields_ == 1 && !row_text_) out_ << "\"\"";
  out_.put('\n');
  row_fields_ = 0;
  row_text_ = false;
}

}  // namespace wfm::io
