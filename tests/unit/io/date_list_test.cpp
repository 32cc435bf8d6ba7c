// wfm::io date lists (closed dates): inline and one per line, comments, and bad or repeated
// dates with the flag or file:line named.
#include "wfm/io/date_list.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using std::chrono::local_days;
using std::chrono::year;
using wfm::io::parse_date_list;
using wfm::io::read_date_list;

namespace {

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const wfm::core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("date list: inline and from a file", "[io][date_list]") {
  const auto inline_dates =
      parse_date_list("2026-12-25, 2026-12-26", wfm::core::at_flag("--closed"));
  REQUIRE(inline_dates.size() == 2);
  CHECK(inline_dates[0] == local_days{year{2026} / 12 / 25});
  CHECK(inline_dates[1] == local_days{year{2026} / 12 / 26});
  std::istringstream in("# holidays\r\n2026-12-25\r\n\r\n  2027-01-01  \n");
  const auto file_dates = read_date_list(in, "closed.txt");
  REQUIRE(file_dates.size() == 2);
  CHECK(file_dates[1] == local_days{year{2027} / 1 / 1});
}

TEST_CASE("date list: bad and repeated dates are errors naming where", "[io][date_list]") {
  const auto flag = wfm::core::at_flag("--closed");
  CHECK(error_of([&] {
          parse_date_list("2026-12-25,2026-02-30", flag);
        }).find("--closed: expected a date YYYY-MM-DD, got \"2026-02-30\"") != std::string::npos);
  CHECK(error_of([&] { parse_date_list("2026-12-25,", flag); }).find("expected a date") !=
        std::string::npos);
  CHECK(error_of([&] {
          parse_date_list("2026-12-25,2026-12-25", flag);
        }).find("date 2026-12-25 is listed twice") != std::string::npos);
  std::istringstream bad("2026-12-25\n25.12.2026\n");
  CHECK(error_of([&] {
          read_date_list(bad, "closed.txt");
        }).find("closed.txt:2: column 'date': expected a date YYYY-MM-DD") != std::string::npos);
  std::istringstream twice("2026-12-25\n#\n2026-12-25\n");
  CHECK(error_of([&] {
          read_date_list(twice, "closed.txt");
        }).find("closed.txt:3: column 'date': date 2026-12-25 is listed twice (also on line 1)") !=
        std::string::npos);
}
