// wfm::io::JsonRows: the same writer calls that make a CSV file make an array of JSON objects.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/json_rows.hpp"

using wfm::io::CsvWriter;
using wfm::io::JsonRows;
using wfm::io::TableWriter;

namespace {

void write_sample(TableWriter& w) {
  for (const char* h : {"t", "d", "queue", "x", "n", "ok", "gap"}) w.field(h);
  w.end_row();
  const auto t0 = *wfm::core::parse_local_time("2024-03-04T08:00");
  const auto day = std::chrono::floor<std::chrono::days>(t0);
  w.time_field(t0).date_field(day).field("sales").field(0.1).field(3).bool_field(true);
  w.empty_field().end_row();
  w.time_field(t0 + std::chrono::minutes(30)).date_field(day).field("a,b").field(-2.5);
  w.empty_field().bool_field(false).field(2.5).end_row();
}

}  // namespace

TEST_CASE("JsonRows: one object per row, keyed by the header, typed as written") {
  JsonRows rows;
  write_sample(rows);
  const nlohmann::json j = rows.take();
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["t"] == "2024-03-04T08:00");
  CHECK(j[0]["d"] == "2024-03-04");
  CHECK(j[0]["queue"] == "sales");
  CHECK(j[0]["x"] == 0.1);
  CHECK(j[0]["n"].is_number_integer());
  CHECK(j[0]["n"] == 3);
  CHECK(j[0]["ok"] == true);
  CHECK(j[0]["gap"].is_null());
  CHECK(j[1]["t"] == "2024-03-04T08:30");
  CHECK(j[1]["queue"] == "a,b");
  CHECK(j[1]["n"].is_null());
  CHECK(j[1]["ok"] == false);
  CHECK(j[1]["gap"] == 2.5);
  CHECK(rows.take().empty());  // left empty
}

TEST_CASE("JsonRows: the same values as the CSV writer's text, read back") {
  JsonRows rows;
  write_sample(rows);
  const nlohmann::json j = rows.take();
  std::ostringstream csv;
  CsvWriter w(csv);
  write_sample(w);
  // Second data line of the CSV, field by field, against the JSON.
  std::istringstream lines(csv.str());
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(first == "2024-03-04T08:00,2024-03-04,sales,0.1,3,true,");
  CHECK(j[0]["x"].get<double>() == std::stod("0.1"));
}

TEST_CASE("JsonRows: rows that do not match the header are bugs") {
  JsonRows short_row;
  short_row.field("a").field("b").end_row();
  short_row.field(1.0);
  CHECK_THROWS_AS(short_row.end_row(), wfm::core::InternalError);
  JsonRows long_row;
  long_row.field("a").end_row();
  long_row.field(1.0);
  CHECK_THROWS_AS(long_row.field(2.0), wfm::core::InternalError);
  JsonRows nan;
  nan.field("a").end_row();
  CHECK_THROWS_AS(nan.field(std::nan("")), wfm::core::InternalError);
}
