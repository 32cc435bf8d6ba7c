// wfm::io::CsvReader: RFC 4180 parsing, physical line numbers, and the exact error messages.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"

using wfm::io::CsvOptions;
using wfm::io::CsvReader;

namespace {

struct Record {
  std::size_t line;
  std::vector<std::string> fields;
  bool operator==(const Record&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Record& r) {
  os << r.line << ":";
  for (const auto& f : r.fields) os << " [" << f << "]";
  return os;
}

std::vector<Record> read_all(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv", options);
  std::vector<Record> out;
  while (reader.next()) {
    Record r{reader.line(), {}};
    for (auto f : reader.fields()) r.fields.emplace_back(f);
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("CsvReader reads simple records with LF and CRLF", "[io][csv]") {
  const std::vector<Record> expected = {{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}};
  CHECK(read_all("a,b,c\n1,2,3\n") == expected);
  CHECK(read_all("a,b,c\r\n1,2,3\r\n") == expected);
  CHECK(read_all("a,b,c\r\n1,2,3") == expected);  // no final line break
  CHECK(read_all("a,b,c\r1,2,3\r") == expected);  // old Mac line ends
}

TEST_CASE("CsvReader handles quotes, doubled quotes, delimiters and newlines in quotes",
          "[io][csv]") {
  const auto records = read_all(
      "name,note\n"
      "\"Smith, J\",\"said \"\"hi\"\"\"\n"
      "\"multi\nline\",x\n"
      "\"\",\"\"\"\"\n"
      "last,\"crlf\r\ninside\"\r\n");
  REQUIRE(records.size() == 5);
  CHECK(records[1] == Record{2, {"Smith, J", "said \"hi\""}});
  CHECK(records[2] == Record{3, {"multi\nline", "x"}});
  CHECK(records[3] == Record{5, {"", "\""}});  // the record after a 2-line record starts on 5
  CHECK(records[4] == Record{6, {"last", "crlf\r\ninside"}});
}

TEST_CASE("CsvReader keeps empty fields and skips empty lines", "[io][csv]") {
  const auto records = read_all("a,b,c\n\n,,\n\r\n1,,3\n\n");
  REQUIRE(records.size() == 3);
  CHECK(records[1] == Record{3, {"", "", ""}});
  CHECK(records[2] == Record{5, {"1", "", "3"}});
}

TEST_CASE("CsvReader skips a UTF-8 byte-order mark", "[io][csv]") {
  const auto records = read_all("\xEF\xBB\xBFinterval_start,offered\n2024-03-04T08:00,3\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields[0] == "interval_start");
}

TEST_CASE("CsvReader accepts other delimiters, including tab", "[io][csv]") {
  CHECK(read_all("a\tb\n\"x\ty\"\t2\n", CsvOptions{'\t'}) ==
        std::vector<Record>{{1, {"a", "b"}}, {2, {"x\ty", "2"}}});
  CHECK(read_all("a;b\n1,5;2\n", CsvOptions{';'}) ==
        std::vector<Record>{{1, {"a", "b"}}, {2, {"1,5", "2"}}});
}

TEST_CASE("CsvReader keeps a quote inside an unquoted field literally", "[io][csv]") {
  CHECK(read_all("a,b\n5\" screen,2\n")[1] == Record{2, {"5\" screen", "2"}});
}

TEST_CASE("CsvReader reports records that span read blocks correctly", "[io][csv]") {
  // Records larger than the 64 KiB read block, with quotes across the block boundary.
  std::string big(100000, 'x');
  std::string text = "a,b\n\"" + big + "\"\"" + big + "\",2\n3,4\n";
  const auto records = read_all(text);
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields[0] == big + "\"" + big);
  CHECK(records[2] == Record{3, {"3", "4"}});
}

TEST_CASE("CsvReader header lookup ignores case and spaces", "[io][csv]") {
  std::istringstream in("Interval_Start, offered ,queue\n");
  CsvReader reader(in, "t.csv");
  const auto header = reader.read_header();
  CHECK(header.find("interval_start") == 0u);
  CHECK(header.find("OFFERED") == 1u);
  CHECK(header.find("queue") == 2u);
  CHECK_FALSE(header.find("aht_s").has_value());
  CHECK(header.count("offered") == 1u);
  CHECK(header.joined() == "Interval_Start,  offered , queue");
}

TEST_CASE("CsvReader errors name the file and line", "[io][csv]") {
  CHECK_THROWS_WITH(read_all("a,b\n1,2\n3\n"),
                    "t.csv:3: expected 2 fields (as in the header on line 1), got 1");
  CHECK_THROWS_WITH(read_all("a,b\n1,2,3\n"),
                    "t.csv:2: expected 2 fields (as in the header on line 1), got 3");
  CHECK_THROWS_WITH(
      read_all("a,b\n1,\"open\n2,3\n4,5\n"),
      "t.csv:2: unterminated quoted field (a '\"' opened on this line is never closed)");
  CHECK_THROWS_WITH(read_all("a,b\n\"x\"y,2\n"),
                    "t.csv:2: unexpected character \"y\" after the closing quote of field 1 "
                    "(expected the delimiter or the end of the line)");
  CHECK(read_all("a,b\n1\n", CsvOptions{',', false}).size() == 2);
}

TEST_CASE("CsvReader read_header on empty input is an error", "[io][csv]") {
  std::istringstream in("");
  CsvReader reader(in, "t.csv");
  CHECK_THROWS_WITH(reader.read_header(), "t.csv: empty file, expected a header row");
  std::istringstream blank("\n\r\n");
  CsvReader reader2(blank, "t.csv");
  CHECK_FALSE(reader2.next());
}
