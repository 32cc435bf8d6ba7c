// wfm::io number parsing: what is accepted, and the exact messages for what is not.
#include <catch2/catch.hpp>

#include "wfm/io/number.hpp"

using wfm::core::InputError;
using wfm::core::Location;
using wfm::io::NumberRange;
using wfm::io::parse_double;
using wfm::io::parse_number;

TEST_CASE("parse_double accepts plain decimal and exponent notation", "[io][number]") {
  CHECK(parse_double("12") == 12.0);
  CHECK(parse_double("0.5") == 0.5);
  CHECK(parse_double("-3") == -3.0);
  CHECK(parse_double("+4.25") == 4.25);
  CHECK(parse_double("1e3") == 1000.0);
  CHECK(parse_double("  7 ") == 7.0);
  CHECK(parse_double("\t7") == 7.0);
  CHECK(parse_double(".5") == 0.5);
  CHECK(parse_double("0.1") == 0.1);
}

TEST_CASE("parse_double rejects empty text, junk, NaN and infinities", "[io][number]") {
  for (const char* bad : {"", " ", "abc", "12a", "1,5", "1 2", "nan", "NaN", "-nan", "inf", "-inf",
                          "infinity", "0x10", "+", "+-3", "--3", "1e999", "e3"}) {
    INFO("text: " << bad);
    CHECK_FALSE(parse_double(bad).has_value());
  }
}

TEST_CASE("parse_number names the range and the offending text", "[io][number]") {
  const Location where{"history.csv", 1043, "offered"};
  CHECK(parse_number("3", where, NumberRange::non_negative) == 3.0);
  CHECK(parse_number("0", where, NumberRange::non_negative) == 0.0);
  CHECK_THROWS_WITH(parse_number("-3", where, NumberRange::non_negative),
                    "history.csv:1043: column 'offered': expected a number >= 0, got \"-3\"");
  CHECK_THROWS_WITH(parse_number("0", where, NumberRange::positive),
                    "history.csv:1043: column 'offered': expected a number > 0, got \"0\"");
  CHECK_THROWS_WITH(parse_number("", where, NumberRange::any),
                    "history.csv:1043: column 'offered': expected a number, got an empty field");
  CHECK_THROWS_WITH(parse_number("nan", where, NumberRange::any),
                    "history.csv:1043: column 'offered': expected a number, got \"nan\"");
  CHECK_THROWS_WITH(parse_number("12 calls", where),
                    "history.csv:1043: column 'offered': expected a number, got \"12 calls\"");
  CHECK_THROWS_AS(parse_number("x", where), InputError);
}

TEST_CASE("parse_number reads -0 as 0", "[io][number]") {
  const double z = parse_number("-0", Location{}, NumberRange::non_negative);
  CHECK(z == 0.0);
  CHECK_FALSE(std::signbit(z));
}

TEST_CASE("quote_for_message escapes and shortens", "[io][number]") {
  using wfm::io::quote_for_message;
  CHECK(quote_for_message("") == "an empty field");
  CHECK(quote_for_message("a\"b") == "\"a\\\"b\"");
  CHECK(quote_for_message("a\nb") == "\"a\\nb\"");
  CHECK(quote_for_message(std::string(50, 'x')) == "\"" + std::string(40, 'x') + "...\"");
}

TEST_CASE("a decimal comma is read only when asked, without guessing thousands", "[io][number]") {
  using wfm::io::DecimalMark;
  CHECK(parse_double("12,5", DecimalMark::comma) == 12.5);
  CHECK(parse_double(" -3,25 ", DecimalMark::comma) == -3.25);
  CHECK(parse_double("7", DecimalMark::comma) == 7.0);
  CHECK(parse_double("1e3", DecimalMark::comma) == 1000.0);
  CHECK(parse_double("12,5", DecimalMark::point) == std::nullopt);
  // A point is not a decimal mark with a comma, nor a thousands separator; two commas are junk.
  for (const char* bad : {"12.5", "1.234,5", "1,234,5", "1,234.5", ",", "", "nan"}) {
    INFO("text: " << bad);
    CHECK_FALSE(parse_double(bad, DecimalMark::comma).has_value());
  }
  const Location where{"h.csv", 3, "offered"};
  CHECK(parse_number("0,5", where, NumberRange::positive, DecimalMark::comma) == 0.5);
  CHECK_THROWS_WITH(parse_number("1.5", where, NumberRange::non_negative, DecimalMark::comma),
                    "h.csv:3: column 'offered': expected a number >= 0 with a decimal comma such "
                    "as 12,5, got \"1.5\"");
  // Without the option, a number written with a decimal comma names the option that reads it.
  CHECK_THROWS_WITH(parse_number("12,5", where, NumberRange::non_negative),
                    "h.csv:3: column 'offered': expected a number >= 0 (for a decimal comma such "
                    "as 12,5 give --decimal-comma, or decimal_comma = true in a mapping file or "
                    "scenario), got \"12,5\"");
  CHECK_THROWS_WITH(parse_number("abc", where),
                    "h.csv:3: column 'offered': expected a number, "
                    "got \"abc\"");
}
