// wfm::core errors (src/wfm/core/error.hpp): format_location for each combination of file, line
// and field, InputError's message and parts, at_flag, WFM_REQUIRE and WFM_ENSURE.
#include <catch2/catch.hpp>

#include <string>

#include "wfm/core/error.hpp"

using wfm::core::at_flag;
using wfm::core::format_location;
using wfm::core::InputError;
using wfm::core::InternalError;
using wfm::core::Location;

TEST_CASE("format_location leaves out the parts that are empty", "[core][error]") {
  const std::string msg = "expected a number >= 0, got \"-3\"";
  // file + line + field: like a compiler diagnostic (docs/formats.md).
  CHECK(format_location(Location{"f.csv", 12, "offered"}, msg) ==
        "f.csv:12: column 'offered': " + msg);
  CHECK(format_location(Location{"history.csv", 1043, "offered"}, msg) ==
        "history.csv:1043: column 'offered': expected a number >= 0, got \"-3\"");
  // file + line
  CHECK(format_location(Location{"f.csv", 12, ""}, "bad row") == "f.csv:12: bad row");
  // file + field (a file-level problem with a column)
  CHECK(format_location(Location{"f.csv", 0, "aht_s"}, "no such column") ==
        "f.csv: column 'aht_s': no such column");
  // file only
  CHECK(format_location(Location{"f.csv", 0, ""}, "empty file") == "f.csv: empty file");
  // line only
  CHECK(format_location(Location{"", 12, ""}, "bad row") == "line 12: bad row");
  // flag only (a field without a file is a flag or key, not a column)
  CHECK(format_location(Location{"", 0, "--sl"}, "expected a fraction") ==
        "--sl: expected a fraction");
  // nothing
  CHECK(format_location(Location{}, "plain") == "plain");
}

TEST_CASE("at_flag is a location with only the field set", "[core][error]") {
  const Location where = at_flag("--sl");
  CHECK(where.file.empty());
  CHECK(where.line == 0);
  CHECK(where.field == "--sl");
  CHECK(format_location(where, "msg") == "--sl: msg");
}

TEST_CASE("InputError carries its location and formats what() with it", "[core][error]") {
  const InputError e(Location{"f.csv", 12, "offered"}, "expected a number >= 0, got \"-3\"");
  CHECK(std::string(e.what()) == "f.csv:12: column 'offered': expected a number >= 0, got \"-3\"");
  CHECK(e.detail() == "expected a number >= 0, got \"-3\"");
  CHECK(e.where().file == "f.csv");
  CHECK(e.where().line == 12);
  CHECK(e.where().field == "offered");

  const InputError flag(at_flag("--sl"), "expected a fraction such as 0.8 or 80%, got \"x\"");
  CHECK(std::string(flag.what()) == "--sl: expected a fraction such as 0.8 or 80%, got \"x\"");

  const InputError bare("no location");
  CHECK(std::string(bare.what()) == "no location");
  CHECK(bare.detail() == "no location");
  CHECK(bare.where().file.empty());

  // It is a std::runtime_error (main catches by that base, too).
  const std::runtime_error& base = e;
  CHECK(std::string(base.what()) == e.what());
}

TEST_CASE("WFM_REQUIRE throws InputError, WFM_ENSURE throws InternalError", "[core][error]") {
  const auto require = [](double v) {
    WFM_REQUIRE(v >= 0, (Location{"f.csv", 3, "offered"}), "expected a number >= 0, got {}", v);
    return v;
  };
  CHECK(require(1.5) == 1.5);
  try {
    require(-3);
    FAIL("no exception");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "f.csv:3: column 'offered': expected a number >= 0, got -3");
  }

  const auto ensure = [](int v) {
    WFM_ENSURE(v == 1, "v is {}", v);
    return v;
  };
  CHECK(ensure(1) == 1);
  try {
    ensure(2);
    FAIL("no exception");
  } catch (const InternalError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Matchers::Contains("internal error: v is 2"));
    CHECK_THAT(what, Catch::Matchers::Contains("error_test.cpp:"));
  }
  // The two kinds are distinct: a bug is not reported as bad input.
  CHECK_THROWS_AS(ensure(0), InternalError);
  CHECK_THROWS_AS(require(-1), InputError);
}
