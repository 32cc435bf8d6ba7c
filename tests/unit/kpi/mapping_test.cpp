// Mapping files: every key read, the shipped mappings load, mistakes are errors with file, line
// and key.
#include <catch2/catch.hpp>

#include <filesystem>

#include "wfm/core/error.hpp"
#include "wfm/kpi/mapping.hpp"

using namespace wfm::kpi;

namespace {
ContactMapping parse(const std::string& text) {
  return parse_mapping(text, "m.toml");
}
}  // namespace

TEST_CASE("the default mapping reads the generic format", "[kpi][mapping]") {
  const auto m = default_mapping();
  CHECK(m.delimiter == ',');
  CHECK(m.time_format.spec() == "iso");
  CHECK(m.column_names(Field::arrival) == std::vector<std::string>{"arrival"});
  CHECK(m.column_names(Field::customer) == std::vector<std::string>{"customer_id"});
  CHECK(m.outcomes.empty());
  CHECK(m.csat_scale == 5);
  CHECK(m.ces_scale == 7);
  CHECK(field_name(Field::talk) == "talk_s");
  CHECK(parse_field("hold_s") == Field::hold);
}

TEST_CASE("a full mapping file", "[kpi][mapping]") {
  const auto m = parse(R"(
[format]
delimiter = ";"
time_format = "%d/%m/%Y %H:%M"
clock_tolerance_s = 1.5
missing_arrival = "exclude"
[columns]
arrival = ["QueueStart", "AnswerTime"]
outcome = "Result"
[absent]
customer_id = ["0", "-"]
times = ["00/00/0000 00:00"]
[outcomes]
OK = "answered"
ABN = "abandoned"
XFER = "transferred"
TEST = "exclude"
[queues]
allowed = ["A", "B"]
[surveys]
csat_scale = 10
ces_scale = 5
[resolved]
yes = ["RESOLVED", "INFO"]
no = ["CALLBACK"]
other = "absent"
)");
  CHECK(m.source == "m.toml");
  CHECK(m.delimiter == ';');
  CHECK(m.time_format.spec() == "%d/%m/%Y %H:%M");
  CHECK(m.clock_tolerance_s == 1.5);
  CHECK(m.missing_arrival == MissingArrival::exclude);
  CHECK(m.column_names(Field::arrival) == std::vector<std::string>{"QueueStart", "AnswerTime"});
  CHECK(m.mapped(Field::outcome));
  CHECK_FALSE(m.mapped(Field::queue));
  CHECK(m.absent[static_cast<std::size_t>(Field::customer)] == std::vector<std::string>{"0", "-"});
  CHECK(m.absent[static_cast<std::size_t>(Field::answer)] ==
        std::vector<std::string>{"00/00/0000 00:00"});
  REQUIRE(m.outcomes.size() == 4);
  int excluded = 0;
  for (const auto& oc : m.outcomes) excluded += oc.outcome ? 0 : 1;
  CHECK(excluded == 1);
  CHECK(m.queues == std::vector<std::string>{"A", "B"});
  CHECK(m.csat_scale == 10);
  CHECK(m.ces_scale == 5);
  CHECK(m.resolved_yes == std::vector<std::string>{"RESOLVED", "INFO"});
  CHECK(m.resolved_other_absent);
}

TEST_CASE("the shipped mappings load", "[kpi][mapping]") {
  for (const char* name : {"anonbank.toml", "default.toml"}) {
    const auto path = std::filesystem::path(WFM_SOURCE_DIR) / "data" / "mappings" / name;
    INFO(path);
    REQUIRE(std::filesystem::exists(path));
    CHECK_NOTHROW(load_mapping(path.string()));
  }
  const auto anon = load_mapping(std::string(WFM_SOURCE_DIR) + "/data/mappings/anonbank.toml");
  CHECK(anon.delimiter == '\t');
  CHECK(anon.date_column == "date");
  CHECK(anon.day_anchor == "vru_entry");
  // default.toml spells out the built-in default.
  const auto def = load_mapping(std::string(WFM_SOURCE_DIR) + "/data/mappings/default.toml");
  const auto builtin = default_mapping();
  CHECK(def.delimiter == builtin.delimiter);
  CHECK(def.time_format.spec() == builtin.time_format.spec());
  for (std::size_t f = 0; f < field_count; ++f) {
    CHECK(def.column_names(static_cast<Field>(f)) == builtin.column_names(static_cast<Field>(f)));
  }
  CHECK(def.csat_scale == builtin.csat_scale);
  CHECK(def.ces_scale == builtin.ces_scale);
  CHECK(def.resolved_yes == builtin.resolved_yes);
  CHECK(def.resolved_no == builtin.resolved_no);
}

TEST_CASE("mistakes in a mapping name the file, line and key", "[kpi][mapping]") {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[format]\ndelimeter = \";\"\n",
       "m.toml:2: column 'format.delimeter': unknown key (expected one of: delimiter, time_format, "
       "date_column, date_format, day_anchor, clock_tolerance_s, missing_arrival, timezone)"},
      {"[colums]\n", "m.toml:1: column 'colums': unknown key"},
      {"[columns]\narival = \"x\"\n", "m.toml:2: column 'columns.arival': unknown field"},
      {"[columns]\narrival = 3\n",
       "m.toml:2: column 'columns.arrival': expected a string or an array of strings"},
      {"[columns]\narrival = \"\"\n", "m.toml:2: column 'columns.arrival': expected non-empty"},
      {"[format]\ndelimiter = \";;\"\n",
       "m.toml:2: column 'format.delimiter': expected one character"},
      {"[format]\ntime_format = \"%H:%M\"\n",
       "m.toml: column 'format.time_format': time_format \"%H:%M\" has no date: give date_column"},
      {"[format]\ndate_column = \"d\"\n",
       "m.toml: column 'format.date_column': date_column is only for a time_format without a date"},
      {"[format]\nclock_tolerance_s = -1\n",
       "m.toml:2: column 'format.clock_tolerance_s': expected seconds between 0 and 60"},
      {"[format]\nmissing_arrival = \"skip\"\n",
       "m.toml:2: column 'format.missing_arrival': expected \"error\" or \"exclude\", got "
       "\"skip\""},
      {"[outcomes]\nAGENT = \"served\"\n",
       "m.toml:2: column 'outcomes.AGENT': expected answered, abandoned, blocked, transferred or "
       "exclude, got \"served\""},
      {"[outcomes]\n", "m.toml: column 'outcomes': the [outcomes] table is empty"},
      {"[surveys]\ncsat_scale = 7\n",
       "m.toml:2: column 'surveys.csat_scale': expected 5 or 10, got 7"},
      {"[resolved]\nother = \"maybe\"\n",
       "m.toml:2: column 'resolved.other': expected \"error\" or"},
      {"[format]\ntime_format = \"%Q\"\n",
       "m.toml:2: column 'format.time_format': unknown directive %Q"},
      {"[format\n", "m.toml:1: not a valid TOML mapping file"},
      {"format = 1\n", "m.toml:1: column 'format': expected a table [format]"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THROWS_WITH(parse(c.text), Catch::StartsWith(c.message));
  }
  CHECK_THROWS_WITH(load_mapping("/nonexistent/m.toml"),
                    "/nonexistent/m.toml: cannot open the mapping file");
  CHECK_THROWS_WITH(load_mapping(WFM_SOURCE_DIR), Catch::Contains("is a directory"));
}

TEST_CASE("format.timezone names an IANA zone; an unknown one is an error at its line",
          "[kpi][mapping][time_zone]") {
  CHECK_FALSE(parse("[format]\ndelimiter = \",\"\n").time_zone.has_value());
  const auto m = parse("[format]\ntimezone = \"Europe/Paris\"\n");
  REQUIRE(m.time_zone.has_value());
  CHECK(m.time_zone->name() == "Europe/Paris");
  CHECK_THROWS_WITH(parse("[format]\n\ntimezone = \"Europe/Pariss\"\n"),
                    Catch::Contains("m.toml:3") && Catch::Contains("format.timezone") &&
                        Catch::Contains("unknown time zone \"Europe/Pariss\""));
}
