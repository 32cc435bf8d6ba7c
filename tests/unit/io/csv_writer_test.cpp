// wfm::io::CsvWriter: quoting, full-precision numbers, and round trips through CsvReader.
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

TEST_CASE("format_double writes the shortest text that reads back exactly", "[io][csv]") {
  CHECK(format_double(12.0) == "12");
  CHECK(format_double(0.1) == "0.1");
  CHECK(format_double(-0.0) == "0");
  CHECK(format_double(1.0 / 3.0) == "0.3333333333333333");
  for (double v : {0.1, 1.0 / 3.0, 123456.789, 1e-300, 6.02214076e23, 2.0 / 7.0 * 1e10,
                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()}) {
    CHECK(wfm::io::parse_double(format_double(v)) == v);
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
