// wfm::io::CsvWriter: quoting, numbers with 9 significant digits, and round trips through
// CsvReader.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/number.hpp"

using wfm::io::csv_escape;
using wfm::io::CsvReader;
using wfm::io::CsvWriter;
using wfm::io::format_double;

TEST_CASE("csv_escape quotes only when needed", "[io][csv]") {
  CHECK(csv_escape("plain") == "plain");
  CHECK(csv_escape("") == "");
  CHECK(csv_escape("a,b") == "\"a,b\"");
  CHECK(csv_escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_escape("two\nlines") == "\"two\nlines\"");
  CHECK(csv_escape(" padded") == "\" padded\"");
  CHECK(csv_escape("a\tb", '\t') == "\"a\tb\"");
  CHECK(csv_escape("a,b", ';') == "a,b");
}

TEST_CASE("format_double writes 9 significant digits in the shortest form", "[io][csv]") {
  CHECK(wfm::io::csv_significant_digits == 9);
  CHECK(format_double(12.0) == "12");
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(-0.0) == "0");
  CHECK(format_double(1.0 / 3.0) == "0.333333333");
  CHECK(format_double(2.0 / 3.0) == "0.666666667");  // rounded, not cut
  CHECK(format_double(-2.0 / 3.0) == "-0.666666667");
  CHECK(format_double(0.8000000000000002) == "0.8");  // the 17-digit noise the issue showed
  CHECK(format_double(123456.789) == "123456.789");
  CHECK(format_double(1234567890.4) == "1234567890");  // 10 digits: the last one is rounded
  CHECK(format_double(999999999.6) == "1000000000");
  CHECK(format_double(1.0 / 3.0 * 1e-7) == "3.33333333e-08");
  CHECK(format_double(6.02214076e23) == "6.02214076e+23");
  // Integers up to 1e9 (agents, counts) and anything with at most 9 significant digits read back
  // exactly.
  for (double v : {0.1, 0.85, 17.0, 123456789.0, 999999999.0, 1e-300, 6.02214076e23, 1800.5}) {
    CHECK(wfm::io::parse_double(format_double(v)) == v);
  }
  // Anything else reads back within half a unit of the 9th digit, and as csv_rounded says.
  for (double v : {1.0 / 3.0, 2.0 / 7.0 * 1e10, 0.1 + 0.2, 1e-9 / 7.0, 86399.123456789,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
    const double back = *wfm::io::parse_double(format_double(v));
    CHECK(back == wfm::io::csv_rounded(v));
    CHECK(std::abs(back - v) <= 0.5e-8 * std::abs(v));
  }
  CHECK_THROWS_AS(format_double(std::nan("")), wfm::core::InternalError);
  CHECK_THROWS_AS(format_double(HUGE_VAL), wfm::core::InternalError);
}

TEST_CASE("CsvWriter rows read back through CsvReader", "[io][csv]") {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.row("name", "value", "count");
  csv.row("a, \"quoted\"\nname", 0.1, 3);
  csv.field("x").field(std::optional<double>{}).field(std::int64_t{-7}).end_row();
  csv.row("");  // a row of one empty field must not vanish as an empty line
  CHECK(out.str() == "name,value,count\n\"a, \"\"quoted\"\"\nname\",0.1,3\nx,,-7\n\"\"\n");

  std::istringstream in(out.str());
  CsvReader reader(in, "round.csv", {',', false});
  REQUIRE(reader.next());
  REQUIRE(reader.next());
  CHECK(reader.field(0) == "a, \"quoted\"\nname");
  CHECK(wfm::io::parse_double(reader.field(1)) == 0.1);
  REQUIRE(reader.next());
  CHECK(reader.line() == 4);
  CHECK(reader.field(1).empty());
  REQUIRE(reader.next());
  CHECK(reader.size() == 1);
  CHECK(reader.field(0).empty());
  CHECK_FALSE(reader.next());
}

TEST_CASE("CsvWriter with a tab delimiter", "[io][csv]") {
  std::ostringstream out;
  CsvWriter csv(out, '\t');
  csv.row("a,b", "c\td", 1.5);
  CHECK(out.str() == "a,b\t\"c\td\"\t1.5\n");
}

TEST_CASE("CsvWriter writes numbers as format_double does", "[io][csv]") {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.row(1.0 / 3.0, 0.30000000000000004, -0.0, 42.0);
  CHECK(out.str() == "0.333333333,0.3,0,42\n");
  CHECK_THROWS_AS(csv.field(std::nan("")), wfm::core::InternalError);
}

TEST_CASE("CsvWriter with exact numbers reads back every double", "[io][csv]") {
  std::ostringstream out;
  CsvWriter csv(out, ',', wfm::io::CsvNumbers::exact);
  csv.row(1.0 / 3.0, 0.30000000000000004, -0.0, 42.0);
  CHECK(out.str() == "0.3333333333333333,0.30000000000000004,0,42\n");
  for (double v : {1.0 / 3.0, 2.0 / 7.0 * 1e10, std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::denorm_min()}) {
    std::ostringstream one;
    CsvWriter(one, ',', wfm::io::CsvNumbers::exact).field(v);
    CHECK(wfm::io::parse_double(one.str()) == v);
  }
  CHECK_THROWS_AS(csv.field(HUGE_VAL), wfm::core::InternalError);
}
