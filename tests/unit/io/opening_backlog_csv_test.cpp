// wfm::io opening backlog CSV (docs/formats.md, "Opening backlog CSV"): ages or arrival times,
// with and without queue and aht_s columns, and every bad input with its file:line: column message.
#include "wfm/io/opening_backlog_csv.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"

using wfm::io::OpeningBacklogTable;
using wfm::io::read_opening_backlog;

namespace {

OpeningBacklogTable read(const std::string& text) {
  std::istringstream in(text);
  return read_opening_backlog(in, "open.csv");
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("opening backlog CSV: ages, queues and work per item", "[io][opening_backlog]") {
  const auto t =
      read("queue,items,age_s,aht_s\norders,340,21600,420\norders,12.5,0,\nreturns,0,60,300\n");
  CHECK(t.source == "open.csv");
  CHECK(t.has_queue);
  CHECK(t.has_aht);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].queue == "orders");
  CHECK(t.rows[0].items == 340);
  CHECK(t.rows[0].age_s == 21600);
  CHECK(t.rows[0].aht_s == 420);
  CHECK_FALSE(t.rows[0].arrived.has_value());
  CHECK(t.rows[0].source_line == 2);
  CHECK(t.rows[1].items == 12.5);
  CHECK_FALSE(t.rows[1].aht_s.has_value());  // empty: the command's default
  CHECK(t.rows[2].source_line == 4);

  const auto a = read("arrived,items\n2024-03-01T12:30,5\n2024-03-01 16:00,7\n");
  CHECK_FALSE(a.has_queue);
  CHECK_FALSE(a.has_aht);
  REQUIRE(a.rows.size() == 2);
  CHECK(a.rows[0].arrived == wfm::core::parse_local_time("2024-03-01T12:30"));
  CHECK(a.rows[1].arrived == wfm::core::parse_local_time("2024-03-01T16:00"));
  CHECK_FALSE(a.rows[0].age_s.has_value());
  CHECK(read("items,age_s\n").rows.empty());
}

TEST_CASE("opening backlog CSV: bad input names file, line and column", "[io][opening_backlog]") {
  CHECK(error_of("age_s,aht_s\n0,300\n").find("open.csv:1: column 'items': missing column") !=
        std::string::npos);
  CHECK(error_of("items,aht_s\n3,300\n").find("open.csv:1: column 'age_s': expected exactly one") !=
        std::string::npos);
  CHECK(error_of("items,age_s,arrived\n3,0,2024-03-01T12:00\n").find("expected exactly one") !=
        std::string::npos);
  CHECK(error_of("items,age_s\n3,0\n-1,0\n")
            .find("open.csv:3: column 'items': expected a number >= 0") != std::string::npos);
  CHECK(error_of("items,age_s\n2e6,0\n")
            .find("open.csv:2: column 'items': expected a number of "
                  "items in [0, 1e6]") != std::string::npos);
  CHECK(error_of("items,age_s\n3,six hours\n")
            .find("open.csv:2: column 'age_s': expected a number "
                  ">= 0") != std::string::npos);
  CHECK(error_of("items,age_s\n3,-60\n").find("open.csv:2: column 'age_s'") != std::string::npos);
  CHECK(error_of("items,arrived\n3,01/03/2024\n")
            .find("open.csv:2: column 'arrived': expected a "
                  "time") != std::string::npos);
  CHECK(error_of("items,age_s,aht_s\n3,0,0\n")
            .find("open.csv:2: column 'aht_s': expected a number "
                  "> 0") != std::string::npos);
  CHECK(error_of("items,age_s,aht_s\n3,0,90000\n")
            .find("open.csv:2: column 'aht_s': expected a "
                  "handle time") != std::string::npos);
}
