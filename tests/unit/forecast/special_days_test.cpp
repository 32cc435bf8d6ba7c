// Special-days CSV: parsing, sorting, lookups, and errors naming line and column.
#include <catch2/catch.hpp>

#include <sstream>

#include "forecast_fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/forecast/special_days.hpp"

using namespace wfm;
using namespace wfm::forecast;

namespace {

SpecialDays parse(const std::string& text) {
  std::istringstream in(text);
  return load_special_days(in, "special.csv");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const core::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("special days parse, sort and answer lookups", "[forecast][special_days]") {
  const auto s = parse(
      "date,name,kind,multiplier\n"
      "2024-12-25,Christmas,closed,\n"
      "2024-03-29,Good Friday,holiday,0.6\n"
      "2024-05-02,Billing run,event,1.8\n"
      "2024-07-04,Fourth,holiday,\n");
  REQUIRE(s.days.size() == 4);
  CHECK(core::format_local_date(s.days[0].date) == "2024-03-29");
  CHECK(s.days[0].kind == SpecialDay::Kind::holiday);
  CHECK(s.days[0].multiplier == 0.6);
  CHECK(s.days[0].source_line == 3);
  CHECK(s.days[2].multiplier == 1.0);
  CHECK(s.closed_dates().size() == 1);
  CHECK(s.find(s.days[1].date) == &s.days[1]);
  CHECK(s.find(s.days[1].date + std::chrono::days{1}) == nullptr);
  // Without the multiplier column.
  CHECK(parse("date,name,kind\n2024-01-01,New Year,closed\n").days.size() == 1);
}

TEST_CASE("special-day errors name the line and column", "[forecast][special_days]") {
  CHECK(error_of("date,name,kind\n2024-01-01,a,closed\n2024-13-01,b,holiday\n") ==
        "special.csv:3: column 'date': expected a date YYYY-MM-DD, got \"2024-13-01\"");
  CHECK(error_of("date,name,kind\n2024-01-01,a,vacation\n") ==
        "special.csv:2: column 'kind': expected closed, holiday or event, got \"vacation\"");
  CHECK_THAT(error_of("date,name,kind,multiplier\n2024-01-01,a,closed,2\n"),
             Catch::StartsWith("special.csv:2: column 'multiplier': a closed day takes no"));
  CHECK_THAT(error_of("date,name,kind,multiplier\n2024-01-01,a,event,-2\n"),
             Catch::StartsWith("special.csv:2: column 'multiplier':"));
  // A multiplier of 1e308 made the forecast infinite (core/limits.hpp).
  CHECK(error_of("date,name,kind,multiplier\n2024-01-01,a,event,1e308\n") ==
        "special.csv:2: column 'multiplier': expected a multiplier of at most 100, got \"1e308\"");
  CHECK(error_of("date,name,kind,multiplier\n2024-01-01,a,event,100.5\n") ==
        "special.csv:2: column 'multiplier': expected a multiplier of at most 100, got \"100.5\"");
  CHECK_THAT(error_of("date,name,kind\n2024-01-01,a,event\n2024-01-01,b,holiday\n"),
             Catch::StartsWith("special.csv:3: column 'date': date 2024-01-01 is listed twice "
                               "(also on line 2)"));
  CHECK_THAT(error_of("date,name\n2024-01-01,a\n"),
             Catch::StartsWith("special.csv:1: column 'kind': missing column"));
}

TEST_CASE("special days are left out of fitting", "[forecast][special_days]") {
  using namespace wfm::forecast::test;
  DayGrid g = make_day_grid(make_series(HistorySpec{}), kInterval);
  SpecialDays s;
  s.days = {{kMonday + std::chrono::days{3}, "x", SpecialDay::Kind::holiday, 1.0, 2},
            {kMonday + std::chrono::days{6}, "sunday", SpecialDay::Kind::closed, 1.0, 3}};
  const auto excluded = exclude_special_days(g, s);
  CHECK(excluded == std::vector<Date>{kMonday + std::chrono::days{3}});  // Sunday is not there
  CHECK(g.calls.row(g.row_of(kMonday + std::chrono::days{3})).array().isNaN().all());
}
