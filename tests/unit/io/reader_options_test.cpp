// wfm::io reader options: delimiters, interval time formats, column lists and the mapping file,
// each bad value with its exact message and location; the bundled European mapping.
#include <catch2/catch.hpp>

#include <string>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/reader_options.hpp"

using wfm::core::at_flag;
using wfm::core::Location;
using wfm::io::DecimalMark;
using wfm::io::parse_reader_mapping;
using wfm::io::ReaderOptions;

TEST_CASE("delimiters: one character, or tab", "[io][reader_options]") {
  CHECK(wfm::io::parse_delimiter(";", at_flag("--delimiter")) == ';');
  CHECK(wfm::io::parse_delimiter("|", at_flag("--delimiter")) == '|');
  CHECK(wfm::io::parse_delimiter("tab", at_flag("--delimiter")) == '\t');
  CHECK(wfm::io::parse_delimiter("\\t", at_flag("--delimiter")) == '\t');
  CHECK_THROWS_WITH(wfm::io::parse_delimiter(";;", at_flag("--delimiter")),
                    "--delimiter: expected one character such as \",\", \";\" or \"|\" (\"tab\" "
                    "for a tab), got \";;\"");
  CHECK_THROWS_WITH(wfm::io::parse_delimiter("\"", at_flag("--delimiter")),
                    Catch::Contains("expected one character"));
  CHECK_THROWS_WITH(wfm::io::parse_delimiter("", at_flag("--delimiter")),
                    Catch::Contains("got an empty field"));
}

TEST_CASE("interval time formats need a date and a time of day", "[io][reader_options]") {
  const auto where = at_flag("--time-format");
  CHECK_FALSE(wfm::io::parse_interval_time_format("iso", where).has_value());
  ReaderOptions o;
  o.time_format = wfm::io::parse_interval_time_format("%d/%m/%Y %H:%M", where);
  REQUIRE(o.time_format.has_value());
  const Location cell{"h.csv", 7, "Datum"};
  CHECK(wfm::io::read_interval_start("04/03/2024 08:30", o, cell) ==
        *wfm::core::parse_local_time("2024-03-04T08:30"));
  CHECK(wfm::io::read_interval_start("4/3/2024 8:30", o, cell) ==
        *wfm::core::parse_local_time("2024-03-04T08:30"));
  CHECK_THROWS_WITH(wfm::io::read_interval_start("2024-03-04T08:30", o, cell),
                    "h.csv:7: column 'Datum': expected a date-time like 04/03/2024 20:05 (format "
                    "\"%d/%m/%Y %H:%M\"), got \"2024-03-04T08:30\"");
  CHECK_THROWS_WITH(wfm::io::read_interval_start("31/02/2024 08:30", o, cell),
                    Catch::Contains("h.csv:7: column 'Datum': expected a date-time like"));
  // Without a format: ISO, as before.
  CHECK(wfm::io::read_interval_start("2024-03-04 08:30", ReaderOptions{}, cell) ==
        *wfm::core::parse_local_time("2024-03-04T08:30"));
  CHECK_THROWS_WITH(wfm::io::read_interval_start("04/03/2024 08:30", ReaderOptions{}, cell),
                    "h.csv:7: column 'Datum': expected a local date-time like 2024-03-04T08:00 "
                    "or 2024-03-04 08:00:00, got \"04/03/2024 08:30\"");
  // A fraction of a second is not an interval start.
  o.time_format = wfm::io::parse_interval_time_format("%Y-%m-%d %H:%M:%S.%f", where);
  CHECK_THROWS_WITH(wfm::io::read_interval_start("2024-03-04 08:30:00.500", o, cell),
                    "h.csv:7: column 'Datum': expected a whole second, got "
                    "\"2024-03-04 08:30:00.500\"");

  CHECK_THROWS_WITH(wfm::io::parse_interval_time_format("%d/%m/%Y", where),
                    "--time-format: expected a format with a date and a time of day such as "
                    "\"%d/%m/%Y %H:%M\", got \"%d/%m/%Y\"");
  CHECK_THROWS_WITH(wfm::io::parse_interval_time_format("%H:%M", where),
                    Catch::Contains("with a date and a time of day"));
  CHECK_THROWS_WITH(wfm::io::parse_interval_time_format("%d/%q", where),
                    Catch::StartsWith("--time-format: "));
}

TEST_CASE("column lists: field=column pairs, each field once", "[io][reader_options]") {
  const auto where = at_flag("--columns");
  const auto m = wfm::io::parse_column_list(" offered = Angeboten ,queue=Skill", where);
  CHECK(m.size() == 2);
  CHECK(m.at("offered") == "Angeboten");
  CHECK(m.at("queue") == "Skill");
  CHECK_THROWS_WITH(wfm::io::parse_column_list("offered", where),
                    "--columns: expected field=column pairs such as "
                    "offered=CallsOffered,aht_s=AHT, got \"offered\"");
  CHECK_THROWS_WITH(wfm::io::parse_column_list("offered=a,offered=b", where),
                    "--columns: field 'offered' is mapped twice");
}

TEST_CASE("a mapping file sets every reader option", "[io][reader_options]") {
  const auto o = parse_reader_mapping(R"([format]
delimiter = ";"
decimal_comma = true
time_format = "%d.%m.%Y %H:%M"

[columns]
interval_start = "Zeit"
offered = " Anrufe "
)",
                                      "m.toml");
  CHECK(o.delimiter == ';');
  CHECK(o.decimal_mark == DecimalMark::comma);
  REQUIRE(o.time_format.has_value());
  CHECK(o.time_format->spec() == "%d.%m.%Y %H:%M");
  CHECK(o.columns.at("interval_start") == "Zeit");
  CHECK(o.columns.at("offered") == "Anrufe");
  // An empty file keeps the defaults.
  const auto d = parse_reader_mapping("", "m.toml");
  CHECK(d.delimiter == ',');
  CHECK(d.decimal_mark == DecimalMark::point);
  CHECK_FALSE(d.time_format.has_value());
  CHECK(d.columns.empty());
}

TEST_CASE("mapping file errors name the file, line and key", "[io][reader_options]") {
  const std::pair<const char*, const char*> cases[] = {
      {"[format]\ndelimeter = \";\"\n",
       "m.toml:2: column 'format.delimeter': unknown key (expected one of: delimiter, "
       "decimal_comma, time_format)"},
      {"[format]\ndelimiter = \";;\"\n",
       "m.toml:2: column 'format.delimiter': expected one character such as \",\", \";\" or "
       "\"|\" (\"tab\" for a tab), got \";;\""},
      {"[format]\ndelimiter = 59\n",
       "m.toml:2: column 'format.delimiter': expected a string, got an integer"},
      {"\n[format]\ndecimal_comma = \"yes\"\n",
       "m.toml:3: column 'format.decimal_comma': expected true or false, got a string"},
      {"[format]\ntime_format = \"%d/%m/%Y\"\n",
       "m.toml:2: column 'format.time_format': expected a format with a date and a time of day "
       "such as \"%d/%m/%Y %H:%M\", got \"%d/%m/%Y\""},
      {"[columns]\nofferd = \"Calls\"\n",
       "m.toml:2: column 'columns.offerd': unknown field (fields: interval_start, queue, offered, "
       "aht_s, handled, abandoned)"},
      {"[columns]\noffered = \"  \"\n",
       "m.toml:2: column 'columns.offered': expected a column name, got an empty string"},
      {"[columns]\noffered = [\"a\"]\n",
       "m.toml:2: column 'columns.offered': expected a string, got an array"},
      {"format = 3\n", "m.toml:1: column 'format': expected a table [format]"},
      {"[outcomes]\n",
       "m.toml:1: column 'outcomes': unknown key (expected one of: format, "
       "columns)"},
      {"[format\n", "m.toml:1: not a valid TOML mapping file"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    CHECK_THROWS_WITH(parse_reader_mapping(text, "m.toml"), Catch::StartsWith(message));
  }
  CHECK_THROWS_WITH(wfm::io::load_reader_mapping("/nonexistent/m.toml"),
                    Catch::Contains("/nonexistent/m.toml"));
}

TEST_CASE("the bundled European mapping loads", "[io][reader_options]") {
  const auto o = wfm::io::load_reader_mapping(std::string(WFM_SOURCE_DIR) +
                                              "/data/mappings/european_intervals.toml");
  CHECK(o.delimiter == ';');
  CHECK(o.decimal_mark == DecimalMark::comma);
  CHECK(o.columns.size() == 6);
}

TEST_CASE("a mapping file's columns are the fields of the file it reads", "[io][reader_options]") {
  const auto o = parse_reader_mapping("[columns]\nagents = \"Agenten\"\nqueue = \"Skill\"\n",
                                      "m.toml", wfm::io::staffing_fields);
  CHECK(o.columns.at("agents") == "Agenten");
  CHECK(wfm::io::mapped_column(o, "agents") == "Agenten");
  CHECK(wfm::io::mapped_column(o, "interval_start") == "interval_start");
  CHECK_THROWS_WITH(
      parse_reader_mapping("[columns]\noffered = \"Calls\"\n", "m.toml", wfm::io::staffing_fields),
      "m.toml:2: column 'columns.offered': unknown field (fields: interval_start, "
      "queue, agents)");
  CHECK_THROWS_WITH(parse_reader_mapping("[columns]\nagents = \"A\"\n", "m.toml"),
                    Catch::StartsWith("m.toml:2: column 'columns.agents': unknown field (fields: "
                                      "interval_start, queue, offered"));
  CHECK(
      parse_reader_mapping("[columns]\ncalls = \"Prognose\"\n", "m.toml", wfm::io::forecast_fields)
          .columns.at("calls") == "Prognose");
}
