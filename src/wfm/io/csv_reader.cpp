#include "wfm/io/csv_reader.hpp"

#include <algorithm>
#include <cctype>

#include "wfm/core/error.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {
namespace {

constexpr std::size_t block_size = 64 * 1024;
constexpr int end_of_input = -1;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool same_column_name(std::string_view a, std::string_view b) {
  return iequals(trim(a), trim(b));
}

CsvHeader::CsvHeader(std::vector<std::string> names) : names_(std::move(names)) {}

std::optional<std::size_t> CsvHeader::find(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (same_column_name(names_[i], name)) return i;
  }
  return std::nullopt;
}

std::size_t CsvHeader::count(std::string_view name) const {
  return static_cast<std::size_t>(
      std::count_if(names_.begin(), names_.end(),
                    [&](const std::string& n) { return same_column_name(n, name); }));
}

std::string CsvHeader::joined() const {
  std::string out;
  for (const auto& n : names_) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

CsvReader::CsvReader(std::istream& in, std::string display_name, CsvOptions options)
    : in_(in), display_name_(std::move(display_name)), options_(options), block_(block_size) {
  WFM_REQUIRE(options_.delimiter != '"' && options_.delimiter != '\n' && options_.delimiter != '\r',
              core::Location{}, "CSV delimiter cannot be a quote or a line break");
  // Skip a UTF-8 byte-order mark.
  if (refill() && end_ >= 3 && static_cast<unsigned char>(block_[0]) == 0xEF &&
      static_cast<unsigned char>(block_[1]) == 0xBB &&
      static_cast<unsigned char>(block_[2]) == 0xBF) {
    pos_ = 3;
  }
}

bool CsvReader::refill() {
  if (eof_) return false;
  pos_ = 0;
  end_ = 0;
  // Fill the whole block where possible so that a BOM is never split.
  while (end_ < block_.size() && in_) {
    in_.read(block_.data() + end_, static_cast<std::streamsize>(block_.size() - end_));
    end_ += static_cast<std::size_t>(in_.gcount());
  }
  if (in_.bad()) {
    throw core::InputError(core::Location{display_name_, line_, {}}, "read error");
  }
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

int CsvReader::get() {
  if (pos_ == end_ && !refill()) return end_of_input;
  return static_cast<unsigned char>(block_[pos_++]);
}

int CsvReader::peek() {
  if (pos_ == end_ && !refill()) return end_of_input;
  return static_cast<unsigned char>(block_[pos_]);
}

// After a '\r' or '\n' that ends a line: swallow the '\n' of a CRLF and count the line.
void CsvReader::consume_line_break(int c) {
  if (c == '\r' && peek() == '\n') ++pos_;
  ++line_;
}

bool CsvReader::next() {
  const int delimiter = static_cast<unsigned char>(options_.delimiter);
  text_.clear();
  ends_.clear();
  fields_.clear();

  int c = get();
  // Skip empty lines.
  while (c == '\n' || c == '\r') {
    consume_line_break(c);
    c = get();
  }
  if (c == end_of_input) return false;
  record_line_ = line_;

  while (true) {
    if (c == '"') {
      const std::size_t quote_line = line_;
      while (true) {
        c = get();
        if (c == end_of_input) {
          throw core::InputError(core::Location{display_name_, quote_line, {}},
                                 "unterminated quoted field (a '\"' opened on this line is never "
                                 "closed)");
        }
        if (c == '"') {
          if (peek() == '"') {
            ++pos_;
            text_ += '"';
            continue;
          }
          break;
        }
        text_ += static_cast<char>(c);
        if (c == '\n') {
          ++line_;
        } else if (c == '\r') {
          if (peek() == '\n') {
            ++pos_;
            text_ += '\n';
          }
          ++line_;
        }
      }
      c = get();
      if (c != delimiter && c != '\n' && c != '\r' && c != end_of_input) {
        throw core::InputError(
            core::Location{display_name_, line_, {}},
            fmt::format("unexpected character {} after the closing quote of field {} (expected "
                        "the delimiter or the end of the line)",
                        quote_for_message(std::string(1, static_cast<char>(c))), ends_.size() + 1));
      }
    } else {
      while (c != delimiter && c != '\n' && c != '\r' && c != end_of_input) {
        text_ += static_cast<char>(c);
        c = get();
      }
    }
    ends_.push_back(text_.size());
    if (c == delimiter) {
      c = get();
      continue;
    }
    if (c != end_of_input) consume_line_break(c);
    break;
  }

  std::size_t begin = 0;
  for (std::size_t end : ends_) {
    fields_.emplace_back(text_.data() + begin, end - begin);
    begin = end;
  }
  ++records_;
  if (options_.check_field_count) {
    if (records_ == 1) {
      expected_fields_ = fields_.size();
      header_line_ = record_line_;
    } else if (fields_.size() != expected_fields_) {
      throw core::InputError(
          core::Location{display_name_, record_line_, {}},
          fmt::format("expected {} field{} (as in the header on line {}), got {}", expected_fields_,
                      expected_fields_ == 1 ? "" : "s", header_line_, fields_.size()));
    }
  }
  return true;
}

CsvHeader CsvReader::read_header() {
  if (!next()) {
    throw core::InputError(core::Location{display_name_, 0, {}},
                           "empty file, expected a header row");
  }
  std::vector<std::string> names;
  names.reserve(fields_.size());
  for (auto f : fields_) names.emplace_back(f);
  return CsvHeader(std::move(names));
}

}  // namespace wfm::io
