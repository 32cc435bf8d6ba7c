// wfm::io::ColumnTable: the same writer calls that make a CSV file make typed columns.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "wfm/core/error.hpp"
#include "wfm/io/column_table.hpp"
#include "wfm/io/csv_writer.hpp"

using wfm::io::Column;
using wfm::io::ColumnTable;
using wfm::io::CsvWriter;
using wfm::io::TableWriter;

namespace {

// One writer function, two sinks: what the library's table writers do.
void write_sample(TableWriter& w) {
  for (const char* h : {"t", "d", "queue", "x", "n", "ok", "gap"}) w.field(h);
  w.end_row();
  const auto t0 = *wfm::core::parse_local_time("2024-03-04T08:00");
  const auto day = std::chrono::floor<std::chrono::days>(t0);
  w.time_field(t0).date_field(day).field("sales").field(0.1).field(3).bool_field(true);
  w.empty_field().end_row();
  w.time_field(t0 + std::chrono::minutes(30)).date_field(day).field("a,b").field(-0.0).empty_field();
  w.bool_field(false).field(2.5).end_row();
}

}  // namespace

TEST_CASE("ColumnTable types each column by its fields", "[io][columns]") {
  ColumnTable table;
  write_sample(table);
  REQUIRE(table.rows() == 2);
  const std::vector<Column> c = table.take();
  REQUIRE(c.size() == 7);
  CHECK(c[0].name == "t");
  CHECK(c[0].type == Column::Type::kTime);
  // 2024-03-04T08:00 is 1709539200 s after 1970-01-01T00:00 (date -u -d 2024-03-04T08:00 +%s).
  CHECK(c[0].integers == std::vector<std::int64_t>{1709539200, 1709539200 + 1800});
  CHECK(c[1].type == Column::Type::kDate);
  CHECK(c[1].integers == std::vector<std::int64_t>{1709510400, 1709510400});
  CHECK(c[2].texts == std::vector<std::string>{"sales", "a,b"});
  CHECK(c[3].numbers == std::vector<double>{0.1, 0.0});
  CHECK_FALSE(std::signbit(c[3].numbers[1]));  // -0 written as 0, as in the CSV
  // An integer column with an empty field becomes a number column with NaN.
  CHECK(c[4].type == Column::Type::kNumber);
  CHECK(c[4].numbers[0] == 3);
  CHECK(std::isnan(c[4].numbers[1]));
  CHECK(c[5].bools == std::vector<std::uint8_t>{1, 0});
  // Leading empties of a column typed later are filled with its missing value.
  CHECK(c[6].type == Column::Type::kNumber);
  CHECK(std::isnan(c[6].numbers[0]));
  CHECK(c[6].numbers[1] == 2.5);
  for (const auto& col : c) CHECK(col.size() == 2);
  CHECK(table.rows() == 0);  // take() empties the table
}

TEST_CASE("ColumnTable and CsvWriter are fed by the same calls", "[io][columns]") {
  std::ostringstream out;
  CsvWriter csv(out);
  write_sample(csv);
  CHECK(out.str() ==
        "t,d,queue,x,n,ok,gap\n"
        "2024-03-04T08:00,2024-03-04,sales,0.1,3,true,\n"
        "2024-03-04T08:30,2024-03-04,\"a,b\",0,,false,2.5\n");
}

TEST_CASE("ColumnTable refuses malformed tables as bugs", "[io][columns]") {
  using wfm::core::InternalError;
  {
    ColumnTable t;
    t.field("a").end_row();
    t.field(1.0);
    CHECK_THROWS_AS(t.field(2.0), InternalError);  // more fields than columns
  }
  {
    ColumnTable t;
    t.field("a").field("b").end_row();
    t.field(1.0);
    CHECK_THROWS_AS(t.end_row(), InternalError);  // fewer
  }
  {
    ColumnTable t;
    t.field("a").end_row();
    t.field(1.0).end_row();
    CHECK_THROWS_AS(t.field("text"), InternalError);  // a number column given text
  }
  {
    ColumnTable t;
    t.field("a").end_row();
    CHECK_THROWS_AS(t.field(std::nan("")), InternalError);
  }
  {
    ColumnTable t;
    t.field("a").end_row();
    t.empty_field().end_row();
    const auto c = t.take();  // only empties: a number column of NaN
    REQUIRE(c[0].numbers.size() == 1);
    CHECK(std::isnan(c[0].numbers[0]));
  }
}
