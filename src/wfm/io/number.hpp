// Number parsing for input files and flags, with errors that say where and what was expected.
//
// Built on std::from_chars (locale-independent, no allocation). Accepted: optional surrounding
// spaces/tabs, an optional leading '+', decimal or exponent notation ("12", "0.5", "1e3").
// Rejected: empty text, trailing junk ("12a", "1,5"), hex, NaN and infinities. Errors read like
//   history.csv:1043: column 'offered': expected a number >= 0, got "-3"
// Files from a European export write a decimal comma ("12,5"): with DecimalMark::comma the comma
// is the decimal mark and a point is rejected (thousands separators are never guessed: "1.234,5"
// and "1,234.5" are errors in both modes).
// Tested in tests/unit/io/number_test.cpp.
#pragma once

#include <optional>
#include <string_view>

#include "wfm/core/error.hpp"

namespace wfm::io {

// The range a parsed number must lie in; named in the error message.
enum class NumberRange {
  any,           // "expected a number"
  non_negative,  // "expected a number >= 0"
  positive,      // "expected a number > 0"
};

// The decimal mark of the numbers in a file.
enum class DecimalMark { point, comma };

// Returns the finite number that `text` spells (see above), or nullopt.
std::optional<double> parse_double(std::string_view text);
// The same with the given decimal mark: with DecimalMark::comma "12,5" is 12.5 and "12.5" is
// nullopt.
std::optional<double> parse_double(std::string_view text, DecimalMark mark);

// Parses `text` as a finite number in `range`; throws core::InputError at `where` otherwise:
//   expected a number >= 0, got "-3"      expected a number, got an empty field
// With DecimalMark::comma the message says so ("expected a number >= 0 with a decimal comma such
// as 12,5"); with a point, text that reads as a number with a decimal comma ("12,5") gets a hint
// naming the option that reads it (--decimal-comma, or decimal_comma = true).
double parse_number(std::string_view text, const core::Location& where,
                    NumberRange range = NumberRange::any, DecimalMark mark = DecimalMark::point);

// The phrase used in messages for a range: "a number", "a number >= 0", "a number > 0".
std::string_view describe(NumberRange range);

// Quotes a field for a message: "-3" (with C-style escapes for quotes and control characters),
// or "an empty field" when it is empty. Long text is shortened with "...".
std::string quote_for_message(std::string_view text);

// Trims spaces and tabs from both ends.
std::string_view trim(std::string_view text);

}  // namespace wfm::io
