// Reading contact rows through a mapping: fields, derived talk time, midnight, clock tolerance,
// exclusions, and every kind of bad row with its line, column and message.
#include <catch2/catch.hpp>

#include <sstream>

#include <fmt/format.h>

#include "fixtures.hpp"
#include "wfm/core/error.hpp"
#include "wfm/kpi/contact_reader.hpp"

using namespace wfm::kpi;

namespace {

TimeMs at(int y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  return *wfm::io::days_from_civil(y, m, d) * ms_per_day + ((hh * 60 + mm) * 60 + ss) * 1000;
}

struct Read {
  std::vector<Contact> contacts;
  std::vector<std::string> ids, queues, customers, agents;  // copies of the views
  ReadStats stats;
};

Read read_all(const std::string& csv, const ContactMapping& m = default_mapping()) {
  std::istringstream in(csv);
  ContactReader reader(in, "c.csv", m);
  Read r;
  Contact c;
  while (reader.next(c)) {
    r.contacts.push_back(c);
    r.ids.emplace_back(c.id);
    r.queues.emplace_back(c.queue);
    r.customers.emplace_back(c.customer);
    r.agents.emplace_back(c.agent);
  }
  r.stats = reader.stats();
  return r;
}

// The single bad row of a one-row file.
BadRow bad_row(const std::string& csv, const ContactMapping& m = default_mapping()) {
  const auto r = read_all(csv, m);
  REQUIRE(r.stats.bad_rows == 1);
  REQUIRE(r.stats.bad.size() == 1);
  return r.stats.bad[0];
}

const std::string header = "arrival,answer,end,outcome,talk_s,hold_s,acw_s,csat,nps,ces,resolved\n";

}  // namespace

TEST_CASE("the generic format reads every field", "[kpi][reader]") {
  const auto r = read_all(test::contacts_csv);
  REQUIRE(r.contacts.size() == 10);
  CHECK(r.stats.rows == 10);
  CHECK(r.stats.bad_rows == 0);
  const auto& c1 = r.contacts[0];
  CHECK(c1.line == 2);
  CHECK(r.ids[0] == "c1");
  CHECK(r.queues[0] == "sales");
  CHECK(r.customers[0] == "A");
  CHECK(r.agents[0] == "ann");
  CHECK(c1.arrival_ms == at(2024, 3, 4, 8, 0, 0));
  CHECK(c1.answer_ms == at(2024, 3, 4, 8, 0, 10));
  CHECK(c1.outcome == Outcome::answered);
  CHECK(c1.wait_s() == 10);
  CHECK(c1.talk_s == 160);
  CHECK(c1.hold_s == 20);
  CHECK(c1.acw_s == 30);
  CHECK(c1.csat == 5);
  CHECK(c1.nps == 10);
  CHECK(c1.ces == 2);
  CHECK(c1.resolved == true);
  CHECK(r.contacts[1].resolved == std::nullopt);
  CHECK(r.contacts[2].outcome == Outcome::abandoned);
  CHECK(r.contacts[2].wait_s() == 4);
  CHECK(r.contacts[4].outcome == Outcome::transferred);
  CHECK(r.contacts[4].resolved == false);
  CHECK(r.contacts[5].outcome == Outcome::blocked);
  CHECK(r.contacts[5].wait_s() == 0);
  CHECK(r.customers[6].empty());
  CHECK(r.contacts[9].hold_s == 0);  // empty hold reads as 0
}

TEST_CASE("talk is derived from the times when there is no talk column", "[kpi][reader]") {
  const auto r = read_all(
      "arrival,answer,end,outcome,hold_s\n"
      "2024-03-04 08:00:00,2024-03-04 08:00:30,2024-03-04 08:04:30,ANSWERED,40\n"
      "2024-03-04 08:01,2024-03-04 08:01,2024-03-04 08:02,answered,0:30\n");
  REQUIRE(r.contacts.size() == 2);
  CHECK(r.contacts[0].talk_s == 200);  // 240 s answer to end, less 40 s hold
  CHECK(r.contacts[1].talk_s == 30);   // 60 - 0:30
  CHECK(r.contacts[1].hold_s == 30);
}

TEST_CASE("durations in seconds or [H:]MM:SS", "[kpi][reader]") {
  CHECK(parse_duration_cell("182") == 182);
  CHECK(parse_duration_cell("12.5") == 12.5);
  CHECK(parse_duration_cell("3:02") == 182);
  CHECK(parse_duration_cell("1:00:02") == 3602);
  CHECK(parse_duration_cell("0:00:01.5") == 1.5);
  CHECK(parse_duration_cell("-0:10") == -10);
  CHECK_FALSE(parse_duration_cell("3:60").has_value());
  CHECK_FALSE(parse_duration_cell("1:60:00").has_value());
  CHECK_FALSE(parse_duration_cell("1:2:3:4").has_value());
  CHECK_FALSE(parse_duration_cell("3 min").has_value());
  CHECK_FALSE(parse_duration_cell("").has_value());
}

TEST_CASE("times of day with a date column, across midnight", "[kpi][reader]") {
  ContactMapping m = parse_mapping(R"(
[format]
delimiter = "\t"
time_format = "%H:%M:%S"
date_column = "date"
date_format = "%y%m%d"
day_anchor = "entry"
clock_tolerance_s = 2
missing_arrival = "exclude"
[columns]
arrival = ["q_start", "ser_start"]
answer = "ser_start"
end = ["ser_exit", "q_exit"]
outcome = "outcome"
talk_s = "ser_time"
[absent]
times = ["0:00:00"]
[outcomes]
AGENT = "answered"
HANG = "abandoned"
PHANTOM = "exclude"
)",
                                   "a.toml");
  const std::string tsv =
      "date\tentry\tq_start\tq_exit\tser_start\tser_exit\tser_time\toutcome\n"
      // Queued before midnight, answered after: the answer and end are the next day.
      "990105\t23:59:15\t23:59:34\t0:00:10\t0:00:10\t0:03:40\t210\tAGENT\n"
      // Entered just before midnight, queued after it.
      "990105\t23:59:50\t0:00:05\t0:00:40\t0:00:00\t0:00:00\t0\tHANG\n"
      // Answered 1 s before q_start: within the 2 s tolerance, read as on arrival.
      "990110\t15:39:39\t15:39:47\t15:40:02\t15:39:46\t15:41:50\t124\tAGENT\n"
      // No queue: answered directly, arrival = ser_start.
      "990110\t18:45:24\t0:00:00\t0:00:00\t18:45:36\t18:45:36\t0\tAGENT\n"
      // Ended in the VRU: no arrival, excluded.
      "990110\t18:23:45\t0:00:00\t0:00:00\t0:00:00\t0:00:00\t0\tHANG\n"
      "990110\t10:43:21\t10:43:31\t10:44:28\t10:43:29\t10:44:59\t90\tPHANTOM\n";
  const auto r = read_all(tsv, m);
  REQUIRE(r.contacts.size() == 4);
  CHECK(r.contacts[0].arrival_ms == at(1999, 1, 5, 23, 59, 34));
  CHECK(r.contacts[0].answer_ms == at(1999, 1, 6, 0, 0, 10));
  CHECK(r.contacts[0].end_ms == at(1999, 1, 6, 0, 3, 40));
  CHECK(r.contacts[0].wait_s() == 36);
  CHECK(r.contacts[1].arrival_ms == at(1999, 1, 6, 0, 0, 5));
  CHECK(r.contacts[1].end_ms == at(1999, 1, 6, 0, 0, 40));
  CHECK(r.contacts[1].wait_s() == 35);
  CHECK(r.contacts[2].answer_ms == r.contacts[2].arrival_ms);
  CHECK(r.stats.clamped_answers == 1);
  CHECK(r.contacts[3].arrival_ms == at(1999, 1, 10, 18, 45, 36));
  CHECK(r.contacts[3].wait_s() == 0);
  CHECK(r.stats.excluded_rows() == 2);
  CHECK(r.stats.excluded.at("outcome PHANTOM") == 1);
  CHECK(r.stats.excluded.at("no arrival time (outcome HANG)") == 1);
  // 3 s before q_start is beyond the tolerance.
  const auto b = bad_row(
      "date\tentry\tq_start\tq_exit\tser_start\tser_exit\tser_time\toutcome\n"
      "990110\t15:39:39\t15:39:47\t15:40:02\t15:39:44\t15:41:50\t124\tAGENT\n",
      m);
  CHECK(b.describe("c.csv") ==
        "c.csv:2: column 'ser_start': answer time 1999-01-10T15:39:44 is before the arrival "
        "1999-01-10T15:39:47");
  const auto d = bad_row(
      "date\tentry\tq_start\tq_exit\tser_start\tser_exit\tser_time\toutcome\n"
      "990230\t15:39:39\t15:39:47\t15:40:02\t15:39:48\t15:41:50\t124\tAGENT\n",
      m);
  CHECK(d.describe("c.csv") ==
        "c.csv:2: column 'date': expected a date like 240304 (format \"%y%m%d\"), got \"990230\"");
}

TEST_CASE("bad rows: each problem with its line, column and expectation", "[kpi][reader]") {
  struct Case {
    std::string row;
    std::string message;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"2024-03-04T08:00:00,,,answered,60,,,,,,",
       "c.csv:2: column 'answer': outcome \"answered\" is a handled contact: expected an answer "
       "time, got an empty field",
       "answered without answer time"},
      {"2024-03-04T08:00:00,2024-03-04T07:59:00,,answered,60,,,,,,",
       "c.csv:2: column 'answer': answer time 2024-03-04T07:59:00 is before the arrival "
       "2024-03-04T08:00:00",
       "answer before arrival"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,2024-03-04T08:00:01,answered,60,,,,,,",
       "c.csv:2: column 'end': end time 2024-03-04T08:00:01 is before the answer "
       "2024-03-04T08:00:05",
       "end before answer"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,-60,,,,,,",
       "c.csv:2: column 'talk_s': expected a duration >= 0, got \"-60\"", "negative duration"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,1e308,,,,,,",
       "c.csv:2: column 'talk_s': expected a duration of at most 86400 s (one day; "
       "docs/formats.md, limits), got \"1e308\"",
       "duration above the limit"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,86401,,,,",
       "c.csv:2: column 'acw_s': expected a duration of at most 86400 s (one day; "
       "docs/formats.md, limits), got \"86401\"",
       "duration above the limit"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,-1:00,,,,,",
       "c.csv:2: column 'hold_s': expected a duration >= 0, got \"-1:00\"", "negative duration"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,1 min,,,,",
       "c.csv:2: column 'acw_s': expected a duration in seconds (182, 12.5) or [H:]MM:SS, got "
       "\"1 min\"",
       "malformed duration"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,,,,,,,",
       "c.csv:2: a handled contact needs a talk time (talk_s) or an end time to derive it from",
       "no talk time"},
      {"2024-03-04T08:00:00,,,abandoned,,,,,,,",
       "c.csv:2: column 'end': an abandoned contact needs an end time (when the caller gave up), "
       "got an empty field",
       "abandoned without end time"},
      {"2024-03-04T08:00:00,,2024-03-04T07:00:00,abandoned,,,,,,,",
       "c.csv:2: column 'end': end time 2024-03-04T07:00:00 is before the arrival "
       "2024-03-04T08:00:00",
       "end before arrival"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,2024-03-04T08:01:00,abandoned,,,,,,,",
       "c.csv:2: column 'answer': outcome \"abandoned\" (abandoned) cannot have an answer time, "
       "got "
       "2024-03-04T08:00:05",
       "abandoned with an answer time"},
      {"2024-03-04T08:00:00,,,hung up,,,,,,,",
       "c.csv:2: column 'outcome': expected answered, abandoned, blocked or transferred, got "
       "\"hung up\"",
       "unknown outcome code"},
      {"04/03/2024 08:00,,,blocked,,,,,,,",
       "c.csv:2: column 'arrival': expected a date-time like 2024-03-04T08:05:00 (format iso), got "
       "\"04/03/2024 08:00\"",
       "malformed time"},
      {",,,blocked,,,,,,,",
       "c.csv:2: column 'arrival': expected a date-time like 2024-03-04T08:05:00 (format iso), got "
       "an empty field",
       "no arrival time"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,,6,,,",
       "c.csv:2: column 'csat': expected a whole score from 1 to 5, got \"6\"",
       "csat score off its scale"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,,,4.5,,",
       "c.csv:2: column 'nps': expected a whole score from 0 to 10, got \"4.5\"",
       "nps score off its scale"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,,,,0,",
       "c.csv:2: column 'ces': expected a whole score from 1 to 7, got \"0\"",
       "ces score off its scale"},
      {"2024-03-04T08:00:00,2024-03-04T08:00:05,,answered,60,,,,,,maybe",
       "c.csv:2: column 'resolved': expected one of 1, true, yes, y (resolved) or 0, false, no, n "
       "(not resolved), got \"maybe\"",
       "unknown resolved value"},
      {"2024-03-04T08:00:00,,,blocked,,,", "c.csv:2: expected 11 fields (as in the header), got 7",
       "wrong number of fields"},
  };
  for (const auto& c : cases) {
    INFO(c.row);
    const auto b = bad_row(header + c.row + "\n");
    CHECK(b.describe("c.csv") == c.message);
    CHECK(b.reason == c.reason);
  }
}

TEST_CASE("bad rows are counted and reading goes on", "[kpi][reader]") {
  const auto r = read_all(header +
                          "2024-03-04T08:00:00,,2024-03-04T08:00:09,abandoned,,,,,,,\n"
                          "2024-03-04T08:00:00,,,hung up,,,,,,,\n"
                          "2024-03-04T08:00:00,,,blocked,,,\n"
                          "\"2024-03-04T08:01:00\",,,blocked,,,,,,,\n");
  CHECK(r.contacts.size() == 2);
  CHECK(r.stats.rows == 4);
  CHECK(r.stats.bad_rows == 2);
  CHECK(r.stats.bad[0].line == 3);
  CHECK(r.stats.bad[1].line == 4);
  CHECK(r.stats.bad_by_reason.at("unknown outcome code") == 1);
  CHECK(r.stats.bad_by_reason.at("wrong number of fields") == 1);
}

TEST_CASE("queues, absent values and outcome codes from a mapping", "[kpi][reader]") {
  const auto m = parse_mapping(R"(
[columns]
arrival = "Start"
outcome = "Result"
queue = "Skill"
customer_id = "Caller"
agent = "Agent"
answer = "Answered"
talk_s = "Talk"
[absent]
customer_id = ["0", "anonymous"]
agent = ["NONE"]
[outcomes]
OK = "answered"
LOST = "abandoned"
TEST = "exclude"
[queues]
allowed = ["S1", "S2"]
)",
                               "x.toml");
  const std::string csv =
      "Start,Result,Skill,Caller,Agent,Answered,Talk,end\n"
      "2024-03-04T08:00,OK,S1,0,NONE,2024-03-04T08:00,60,\n"
      "2024-03-04T08:00,OK,S2,anonymous,a1,2024-03-04T08:00,60,\n"
      "2024-03-04T08:00,TEST,S9,7,a1,,,\n"
      "2024-03-04T08:00,OK,S3,7,a1,2024-03-04T08:00,60,\n"
      "2024-03-04T08:00,ok,S1,7,a1,2024-03-04T08:00,60,\n"
      "2024-03-04T08:00,OK,,7,a1,2024-03-04T08:00,60,\n";
  const auto r = read_all(csv, m);
  REQUIRE(r.contacts.size() == 2);
  CHECK(r.customers[0].empty());
  CHECK(r.agents[0].empty());
  CHECK(r.customers[1].empty());
  CHECK(r.agents[1] == "a1");
  CHECK(r.stats.excluded.at("outcome TEST") == 1);
  REQUIRE(r.stats.bad.size() == 3);
  CHECK(r.stats.bad[0].describe("c.csv") ==
        "c.csv:5: column 'Skill': expected one of S1, S2 ([queues] allowed in x.toml), got \"S3\"");
  CHECK(
      r.stats.bad[1].describe("c.csv") ==
      "c.csv:6: column 'Result': expected an outcome code of x.toml (LOST, OK, TEST), got \"ok\"");
  CHECK(r.stats.bad[2].describe("c.csv") ==
        "c.csv:7: column 'Skill': expected a queue name, got an empty field");
}

TEST_CASE("missing columns are errors naming the mapping", "[kpi][reader]") {
  auto open = [](const std::string& csv, const ContactMapping& m = default_mapping()) {
    std::istringstream in(csv);
    ContactReader reader(in, "c.csv", m);
  };
  CHECK_THROWS_WITH(open("arrival,result\n"),
                    "c.csv:1: missing column 'outcome'; columns present: arrival, result "
                    "(required field 'outcome'; map the export's column with a mapping file)");
  CHECK_THROWS_WITH(open("arrival;outcome\n"),
                    Catch::Contains("(the file was read with delimiter \",\"; is it \";\"?"));
  const auto m = parse_mapping("[columns]\nagent = \"Agnt\"\n", "m.toml");
  CHECK_THROWS_WITH(open("arrival,outcome,Agent\n", m),
                    "c.csv:1: missing column 'Agnt'; columns present: arrival, outcome, Agent "
                    "(mapped to field 'agent' in m.toml)");
  CHECK_THROWS_WITH(open("arrival,outcome,arrival\n"),
                    "c.csv:1: column 'arrival' appears 2 times in the header");
  CHECK_THROWS_WITH(open(""), "c.csv: empty file, expected a header row");
  CHECK_THROWS_WITH(read_all("arrival,outcome\n\"2024-03-04,answered\n"),
                    Catch::Contains("c.csv:2: unterminated quoted field"));
}

// Daylight saving (docs/formats.md, "Time zones and daylight saving"). Europe/Paris goes from
// 02:00 CET to 03:00 CEST on 2024-03-31 and from 03:00 CEST back to 02:00 CET on 2024-10-27 (EU
// rule: 01:00 UTC on the last Sunday of March and October, Directive 2000/84/EC).
namespace {

ContactMapping paris_mapping() {
  ContactMapping m = default_mapping();
  m.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  return m;
}

const std::string times_header = "contact_id,arrival,answer,end,outcome,talk_s\n";

}  // namespace

TEST_CASE("time zone: a wait across the spring change is its elapsed length",
          "[kpi][reader][time_zone]") {
  // 01:59:50 CET to 03:00:10 CEST is 20 s; the wall clock says 3,620 s.
  const std::string csv = times_header +
                          "c1,2024-03-31T01:59:50,2024-03-31T03:00:10,,answered,60\n"
                          "c2,2024-03-31T01:59:00,,2024-03-31T03:00:30,abandoned,\n";
  const auto plain = read_all(csv);
  REQUIRE(plain.contacts.size() == 2);
  CHECK(plain.contacts[0].wait_s() == 3620);
  CHECK(plain.contacts[1].wait_s() == 3690);
  const auto zoned = read_all(csv, paris_mapping());
  REQUIRE(zoned.contacts.size() == 2);
  CHECK(zoned.contacts[0].wait_s() == 20);
  CHECK(zoned.contacts[1].wait_s() == 90);
  // Calendars still use the wall clock: the arrival is 01:59:50 local.
  CHECK(zoned.contacts[0].arrival_ms == at(2024, 3, 31, 1, 59, 50));
  CHECK(zoned.contacts[0].arrival_offset_s == 3600);
  CHECK(zoned.contacts[0].answer_offset_s == 7200);
}

TEST_CASE("time zone: a time in the skipped hour is a bad row naming the change",
          "[kpi][reader][time_zone]") {
  const std::string csv =
      times_header + "c1,2024-03-31T02:30:00,2024-03-31T03:00:10,,answered,60\n";
  CHECK(read_all(csv).contacts.size() == 1);  // without a zone: wall clock, as before
  const auto b = bad_row(csv, paris_mapping());
  CHECK(b.line == 2);
  CHECK(b.column == "arrival");
  CHECK(b.reason == "time skipped by daylight saving");
  CHECK(b.message ==
        "2024-03-31T02:30 does not exist in Europe/Paris: clocks go forward from 02:00 to 03:00 "
        "on 2024-03-31 (CET to CEST); no contact time can be in the skipped hour (check the time "
        "zone)");
}

TEST_CASE("time zone: times in the repeated autumn hour", "[kpi][reader][time_zone]") {
  // Answered at 02:50 in the first pass (CEST), ended at 02:10 in the second (CET): 20 min of
  // talk derived from the times. Without a zone the end is before the answer.
  const std::string across =
      "contact_id,arrival,answer,end,outcome\n"
      "c1,2024-10-27T02:49:00,2024-10-27T02:50:00,2024-10-27T02:10:00,"
      "answered\n";
  const auto zoned = read_all(across, paris_mapping());
  REQUIRE(zoned.contacts.size() == 1);
  CHECK(zoned.contacts[0].wait_s() == 60);
  CHECK(zoned.contacts[0].talk_s == 1200);
  CHECK(zoned.contacts[0].end_offset_s == 3600);
  CHECK(bad_row(across).reason == "end before answer");
  // Both in the repeated hour and in order: both in the first pass (a 20 s wait, not 3,620 s).
  const std::string inside = times_header +
                             "c1,2024-10-27T02:30:00,2024-10-27T02:30:20,,answered,60\n"
                             // From 01:59:50 CEST into the repeated hour: the first pass
                             // of 02:00:10 (CEST) is not before the arrival, so it is that one.
                             "c2,2024-10-27T01:59:50,,2024-10-27T02:00:10,abandoned,\n";
  const auto r = read_all(inside, paris_mapping());
  REQUIRE(r.contacts.size() == 2);
  CHECK(r.contacts[0].wait_s() == 20);
  CHECK(r.contacts[1].wait_s() == 20);
  // A time placed in the first pass comes first: an end that would be before it is the second.
  const std::string back =
      times_header + "c1,2024-10-27T02:59:50,,2024-10-27T02:00:10,abandoned,\n";
  const auto b = read_all(back, paris_mapping());
  REQUIRE(b.contacts.size() == 1);
  CHECK(b.contacts[0].wait_s() == 20);
}

TEST_CASE("duplicate contact ids: identical rows and conflicts, kept or dropped",
          "[kpi][reader][duplicates]") {
  const std::string csv = times_header +
                          "c1,2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60\n"
                          "c2,2024-03-04T08:01:00,2024-03-04T08:01:10,,answered,60\n"
                          "c1,2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60\n"
                          " c1 ,2024-03-04T08:00:00, 2024-03-04T08:00:10,,answered,60\n"
                          "c2,2024-03-04T08:01:00,2024-03-04T08:01:10,,answered,90\n"
                          "c3,2024-03-04T08:02:00,2024-03-04T08:02:10,,answered,60\n";
  const auto kept = read_all(csv);
  CHECK(kept.contacts.size() == 6);  // counted, as before, but reported
  CHECK(kept.stats.duplicate_rows == 2);
  CHECK(kept.stats.conflicting_rows == 1);
  CHECK(kept.stats.dropped_duplicates == 0);
  REQUIRE(kept.stats.duplicates.size() == 3);
  CHECK(kept.stats.duplicates[0].id == "c1");
  CHECK(kept.stats.duplicates[0].line == 4);
  CHECK(kept.stats.duplicates[0].first_line == 2);
  CHECK(kept.stats.duplicates[0].identical);
  CHECK(kept.stats.duplicates[1].line == 5);  // spaces around fields do not make a difference
  CHECK(kept.stats.duplicates[1].identical);
  CHECK(kept.stats.duplicates[2].id == "c2");
  CHECK_FALSE(kept.stats.duplicates[2].identical);  // talk_s 90, not 60
  CHECK(describe_duplicates(kept.stats) ==
        "3 contact rows repeat an earlier contact id (2 identical, 1 with other content); each "
        "was counted (--drop-duplicates counts only the first)\n"
        "  line 4: contact id \"c1\" repeats line 2\n"
        "  line 5: contact id \"c1\" repeats line 2\n"
        "  line 6: contact id \"c2\" conflicts with line 3");

  std::istringstream in(csv);
  const ContactMapping mapping = default_mapping();
  ContactReader reader(in, "c.csv", mapping, true);
  std::vector<std::size_t> lines;
  Contact c;
  while (reader.next(c)) lines.push_back(c.line);
  CHECK(lines == std::vector<std::size_t>{2, 3, 7});
  CHECK(reader.stats().contacts == 3);
  CHECK(reader.stats().dropped_duplicates == 3);
  CHECK(describe_duplicates(reader.stats(), 1) ==
        "3 contact rows repeat an earlier contact id (2 identical, 1 with other content); only "
        "the first row of each id was counted (--drop-duplicates)\n"
        "  line 4: contact id \"c1\" repeats line 2\n"
        "  ... 2 more");
  // Without an id column there is nothing to compare.
  const auto no_ids = read_all(
      "arrival,answer,outcome,talk_s\n"
      "2024-03-04T08:00:00,2024-03-04T08:00:10,answered,60\n"
      "2024-03-04T08:00:00,2024-03-04T08:00:10,answered,60\n");
  CHECK(no_ids.contacts.size() == 2);
  CHECK(no_ids.stats.duplicate_rows == 0);
  CHECK(describe_duplicates(no_ids.stats).empty());
}

TEST_CASE("duplicate contact ids are remembered for a day or two of arrivals",
          "[kpi][reader][duplicates]") {
  // Generations of 24 h of arrivals: c1 (Mon 08:00) is in the first; c1 again 23 h later is a
  // conflict (other times); c2 (Wed 09:00) starts a second generation, c3 (Thu 10:00) a third,
  // which forgets the first: c1 on Thursday is not compared any more (3 days later).
  const auto r = read_all(times_header +
                          "c1,2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60\n"
                          "c1,2024-03-05T07:00:00,2024-03-05T07:00:10,,answered,60\n"
                          "c2,2024-03-06T09:00:00,2024-03-06T09:00:10,,answered,60\n"
                          "c3,2024-03-07T10:00:00,2024-03-07T10:00:10,,answered,60\n"
                          "c1,2024-03-07T10:00:00,2024-03-07T10:00:10,,answered,60\n"
                          "c2,2024-03-07T10:00:00,2024-03-07T10:00:10,,answered,60\n");
  CHECK(r.contacts.size() == 6);
  CHECK(r.stats.conflicting_rows == 2);
  CHECK(r.stats.duplicate_rows == 0);
  REQUIRE(r.stats.duplicates.size() == 2);
  CHECK(r.stats.duplicates[0].line == 3);
  CHECK(r.stats.duplicates[1].line == 7);  // c2, 25 h after its first row: still remembered
  CHECK(r.stats.duplicates[1].first_line == 4);
}

TEST_CASE("duplicate detection holds many ids", "[kpi][reader][duplicates]") {
  // 5,000 ids (the id table grows several times), then every 7th of them again.
  std::string csv = times_header;
  for (int i = 0; i < 5000; ++i) {
    csv += fmt::format("id{},2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60\n", i);
  }
  for (int i = 0; i < 5000; i += 7) {
    csv += fmt::format("id{},2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60\n", i);
  }
  const auto r = read_all(csv);
  CHECK(r.stats.duplicate_rows == 715);
  CHECK(r.stats.conflicting_rows == 0);
  REQUIRE(r.stats.duplicates.size() == ContactReader::max_duplicate_details);
  CHECK(r.stats.duplicates[1].id == "id7");
  CHECK(r.stats.duplicates[1].first_line == 9);
}
