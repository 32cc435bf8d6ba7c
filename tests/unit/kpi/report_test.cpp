// Every KPI of wfm kpi against the hand-computed data set of fixtures.hpp, under every definition
// option (service level, short abandons, AHT parts, FCR window/scope/method, utilization base,
// schedule or not), grouped by day, queue, agent, week, month and interval, with period deltas
// and forecast accuracy. Expected values are worked out in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "fixtures.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/kpi/report.hpp"

using namespace wfm::kpi;

namespace {

KpiReport report(const KpiOptions& options, const KpiSources& sources = {},
                 const std::string& csv = test::contacts_csv) {
  std::istringstream in(csv);
  return build_kpi_report(in, "contacts.csv", default_mapping(), options, sources);
}

std::optional<double> value(const KpiReport& r, std::size_t row, std::string_view column) {
  REQUIRE(row < r.rows.size());
  return r.rows[row].values[r.column(column)];
}

double num(const KpiReport& r, std::size_t row, std::string_view column) {
  const auto v = value(r, row, column);
  INFO("column " << column);
  REQUIRE(v.has_value());
  return *v;
}

std::string param(const KpiReport& r, const std::string& name) {
  for (const auto& [n, v] : r.parameters) {
    if (n == name) return v;
  }
  return {};
}

TimelineFile timelines(const std::string& text, TimelineKind kind) {
  std::istringstream in(text);
  return load_timelines(in, kind == TimelineKind::states ? "states.csv" : "schedule.csv", kind);
}

}  // namespace

TEST_CASE("volumes, service level, ASA, abandonment, AHT, surveys: defaults", "[kpi][report]") {
  const auto r = report(KpiOptions{});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.key_columns.empty());
  CHECK(num(r, 0, "offered") == 10);
  CHECK(num(r, 0, "handled") == 6);      // c1 c2 c5 c7 c8 c10
  CHECK(num(r, 0, "abandoned") == 3);    // c3 c4 c9
  CHECK(num(r, 0, "blocked") == 1);      // c6
  CHECK(num(r, 0, "transferred") == 1);  // c5
  CHECK(num(r, 0, "short_abandoned") == 0);
  // Handled within 20 s: c1 (10), c5 (20), c7 (5), c8 (15).
  CHECK(num(r, 0, "answered_within_threshold") == 4);
  CHECK(num(r, 0, "service_level") == Approx(0.4));
  CHECK(num(r, 0, "abandon_rate") == Approx(0.3));
  CHECK(num(r, 0, "asa_s") == Approx(140.0 / 6));              // 10+30+20+5+15+60
  CHECK(num(r, 0, "avg_abandon_wait_s") == Approx(69.0 / 3));  // 4+45+20
  CHECK(num(r, 0, "talk_s") == Approx(1120.0 / 6));
  CHECK(num(r, 0, "hold_s") == Approx(70.0 / 6));
  CHECK(num(r, 0, "acw_s") == Approx(170.0 / 6));
  CHECK(num(r, 0, "aht_s") == Approx(1360.0 / 6));
  CHECK(num(r, 0, "transfer_rate") == Approx(1.0 / 6));
  // CSAT 5, 3, 4, 1 on 1-5: top two boxes 5 and 4.
  CHECK(num(r, 0, "csat_responses") == 4);
  CHECK(num(r, 0, "csat") == Approx(0.5));
  // NPS 10 (promoter), 7 (passive), 6 (detractor), 9 (promoter): (2 - 1) / 4.
  CHECK(num(r, 0, "nps_responses") == 4);
  CHECK(num(r, 0, "nps") == Approx(25.0));
  // CES 2, 4, 7.
  CHECK(num(r, 0, "ces_responses") == 3);
  CHECK(num(r, 0, "ces") == Approx(13.0 / 3));
  // No agent states, schedule or forecast: absent, not 0 and not NaN.
  for (const char* c : {"occupancy", "utilization", "shrinkage", "adherence", "logged_in_hours",
                        "cost_per_contact", "wape", "forecast_bias"}) {
    INFO(c);
    CHECK_FALSE(value(r, 0, c).has_value());
  }
  CHECK(param(r, "service_level").find("answered within 20 s / offered") == 0);
}

TEST_CASE("service level under each definition and threshold", "[kpi][report]") {
  using wfm::staffing::SlDefinition;
  KpiOptions o;
  o.sl_definition = SlDefinition::kAnswered;
  CHECK(num(report(o), 0, "service_level") == Approx(4.0 / 6));
  // Short abandons default to the threshold: c3 (4 s) and c9 (20 s) abandoned within 20 s.
  o.sl_definition = SlDefinition::kOfferedLessShortAbandons;
  CHECK(num(report(o), 0, "service_level") == Approx(4.0 / 8));
  // With --short-abandon 5s only c3 is short.
  o.short_abandon_s = 5;
  CHECK(num(report(o), 0, "service_level") == Approx(4.0 / 9));
  CHECK(param(report(o), "service_level").find("abandoned within 5 s") != std::string::npos);
  o.short_abandon_s.reset();
  o.sl_definition = SlDefinition::kAbandonsWithinTMet;
  CHECK(num(report(o), 0, "service_level") == Approx(6.0 / 10));
  // Threshold 10 s: c1 (exactly 10, "within" includes it) and c7.
  o.sl_definition = SlDefinition::kOffered;
  o.sl_threshold_s = 10;
  CHECK(num(report(o), 0, "answered_within_threshold") == 2);
  CHECK(num(report(o), 0, "service_level") == Approx(0.2));
}

TEST_CASE("abandonment rate with short abandons excluded or counted", "[kpi][report]") {
  KpiOptions o;
  o.short_abandon_s = 5;  // c3 waited 4 s
  const auto excluded = report(o);
  CHECK(num(excluded, 0, "short_abandoned") == 1);
  CHECK(num(excluded, 0, "abandon_rate") == Approx(2.0 / 9));
  o.short_abandon_policy = ShortAbandonPolicy::count;
  const auto counted = report(o);
  CHECK(num(counted, 0, "short_abandoned") == 1);
  CHECK(num(counted, 0, "abandon_rate") == Approx(0.3));
  // A threshold of exactly the wait counts ("within" includes it): c3 4 s, c9 20 s.
  o.short_abandon_s = 20;
  o.short_abandon_policy = ShortAbandonPolicy::exclude;
  CHECK(num(report(o), 0, "abandon_rate") == Approx(1.0 / 8));
}

TEST_CASE("AHT with or without hold and after-call work", "[kpi][report]") {
  KpiOptions o;
  o.aht = AhtParts{true, false, false};
  auto r = report(o);
  CHECK(num(r, 0, "aht_s") == Approx(1120.0 / 6));
  CHECK(num(r, 0, "hold_s") == Approx(70.0 / 6));  // the parts are shown whatever AHT includes
  o.aht = AhtParts{true, true, false};
  CHECK(num(report(o), 0, "aht_s") == Approx(1190.0 / 6));
  o.aht = AhtParts{true, false, true};
  r = report(o);
  CHECK(num(r, 0, "aht_s") == Approx(1290.0 / 6));
  CHECK(param(r, "aht_s").find("(talk + acw) / handled") == 0);
}

TEST_CASE("first-contact resolution: window, scope and method", "[kpi][report][fcr]") {
  // Eligible (handled with a customer id): c1 A, c2 B, c5 A, c8 B, c10 F.
  // c1 is repeated by c5 (5 min later, another queue), c2 by c8 (23 h 58 min later); c5's next
  // contact (c9) is 24 h 55 min later. c5 is flagged not resolved. c8 and c10 arrived within 24 h
  // of the last arrival (censored).
  KpiOptions o;
  auto r = report(o);
  CHECK(num(r, 0, "fcr_contacts") == 5);
  CHECK(num(r, 0, "repeat_rate") == Approx(2.0 / 5));
  CHECK(num(r, 0, "fcr_rate") == Approx(2.0 / 5));  // c8, c10 (c5 has no repeat but flag "no")
  CHECK(num(r, 0, "fcr_censored") == 2);
  o.fcr_method = FcrMethod::repeat;
  CHECK(num(report(o), 0, "fcr_rate") == Approx(3.0 / 5));  // c5, c8, c10
  // Flag only: c1 yes, c5 no, c8 yes (c2, c7, c10 have no flag).
  o.fcr_method = FcrMethod::flag;
  r = report(o);
  CHECK(num(r, 0, "fcr_contacts") == 3);
  CHECK(num(r, 0, "fcr_rate") == Approx(2.0 / 3));
  CHECK_FALSE(value(r, 0, "repeat_rate").has_value());
  // Same queue only: c1 (sales) is not repeated by c5 (support); c9 (sales) is 25 h after c1.
  o.fcr_method = FcrMethod::repeat;
  o.fcr_scope = FcrScope::queue;
  r = report(o);
  CHECK(num(r, 0, "repeat_rate") == Approx(1.0 / 5));
  CHECK(num(r, 0, "fcr_rate") == Approx(4.0 / 5));
  // A 48-hour window: c5 is repeated by c9 as well.
  o.fcr_scope = FcrScope::any;
  o.fcr_window_s = 48 * 3600;
  r = report(o);
  CHECK(num(r, 0, "repeat_rate") == Approx(3.0 / 5));
  CHECK(num(r, 0, "fcr_censored") == 5);  // every window reaches past Tuesday 10:00
  // A window of 23 h 58 min exactly still catches c8 ("within" includes the end).
  o.fcr_window_s = 23 * 3600 + 58 * 60;
  CHECK(num(report(o), 0, "repeat_rate") == Approx(2.0 / 5));
  o.fcr_window_s = 23 * 3600 + 57 * 60;
  CHECK(num(report(o), 0, "repeat_rate") == Approx(1.0 / 5));
}

TEST_CASE("FCR is the same whether the rows are in arrival order or not", "[kpi][report][fcr]") {
  // The rows reversed: the streaming pass finds them out of order and a buffered pass runs.
  std::istringstream lines(test::contacts_csv);
  std::string header, line;
  std::getline(lines, header);
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  std::string reversed = header + "\n";
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) reversed += *it + "\n";
  KpiOptions o;
  o.reorder_slack_s = 0;
  const auto sorted = report(o);
  const auto shuffled = report(o, {}, reversed);
  CHECK_FALSE(sorted.fcr_buffered);
  CHECK(shuffled.fcr_buffered);
  CHECK(shuffled.rows[0].values == sorted.rows[0].values);
  bool noted = false;
  for (const auto& n : shuffled.notes)
    noted = noted || n.find("not in arrival order") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("grouping by day, queue, agent, week and month", "[kpi][report]") {
  KpiOptions o;
  o.by = {Dimension::day, Dimension::queue};
  auto r = report(o);
  REQUIRE(r.key_columns == std::vector<std::string>{"day", "queue"});
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[0].keys == std::vector<std::string>{"2024-03-04", "sales"});    // c1-c4
  CHECK(r.rows[1].keys == std::vector<std::string>{"2024-03-04", "support"});  // c5-c7
  CHECK(r.rows[2].keys == std::vector<std::string>{"2024-03-05", "sales"});    // c8, c9
  CHECK(r.rows[3].keys == std::vector<std::string>{"2024-03-05", "support"});  // c10
  CHECK(num(r, 0, "offered") == 4);
  CHECK(num(r, 0, "service_level") == Approx(0.25));  // c1 only
  CHECK(num(r, 1, "offered") == 3);
  CHECK(num(r, 1, "service_level") == Approx(2.0 / 3));  // c5 (20 s), c7
  CHECK(num(r, 2, "abandon_rate") == Approx(0.5));
  CHECK_FALSE(value(r, 3, "csat").has_value());  // no survey: absent with a count of 0
  CHECK(num(r, 3, "csat_responses") == 0);
  // FCR lands in the group of the first contact: c1 and c2 (sales Monday) were repeated.
  CHECK(num(r, 0, "repeat_rate") == Approx(1.0));

  o.by = {Dimension::agent};
  r = report(o);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].keys[0].empty());  // abandoned and blocked contacts have no agent
  CHECK(num(r, 0, "offered") == 4);
  CHECK(r.rows[1].keys[0] == "ann");
  CHECK(num(r, 1, "handled") == 3);  // c1, c5, c8
  CHECK(num(r, 1, "aht_s") == Approx((210.0 + 300 + 120) / 3));
  CHECK(r.rows[2].keys[0] == "bob");
  CHECK(num(r, 2, "handled") == 3);  // c2, c7, c10

  o.by = {Dimension::week};
  r = report(o);
  REQUIRE(r.rows.size() == 1);
  CHECK(r.key_columns[0] == "week_start");
  CHECK(r.rows[0].keys[0] == "2024-03-04");
  o.by = {Dimension::month, Dimension::queue};
  r = report(o);
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].keys == std::vector<std::string>{"2024-03", "sales"});
  CHECK(num(r, 0, "offered") == 6);
}

TEST_CASE("grouping by interval", "[kpi][report]") {
  KpiOptions o;
  o.by = {Dimension::interval};
  o.interval_s = 300;
  const auto r = report(o);
  // 08:00 (c1-c4), 08:05 (c5), 08:20 (c6), 08:30 (c7), then Tuesday 07:55, 09:00, 10:00.
  REQUIRE(r.rows.size() == 7);
  CHECK(r.rows[0].keys[0] == "2024-03-04T08:00");
  CHECK(num(r, 0, "offered") == 4);
  CHECK(r.rows[4].keys[0] == "2024-03-05T07:55");
  CHECK(param(r, "group_by") == "interval (5 min)");
}

TEST_CASE("period-over-period deltas", "[kpi][report]") {
  KpiOptions o;
  o.by = {Dimension::day};
  o.compare_previous = true;
  const auto r = report(o);
  REQUIRE(r.rows.size() == 2);
  CHECK_FALSE(value(r, 0, "offered_delta").has_value());  // no Sunday before Monday
  CHECK(num(r, 1, "offered_delta") == -4);                // 3 - 7
  // Service level: Monday 3 of 7 within 20 s (c1, c5, c7), Tuesday 1 of 3 (c8).
  CHECK(num(r, 1, "service_level_delta") == Approx(1.0 / 3 - 3.0 / 7));
  // CSAT has no responses on Tuesday: no delta.
  CHECK_FALSE(value(r, 1, "csat_delta").has_value());
  o.by = {Dimension::queue};
  CHECK_THROWS_WITH(report(o), Catch::Contains("--compare previous needs a time dimension"));
}

TEST_CASE("occupancy, utilization, shrinkage and cost from agent states", "[kpi][report][states]") {
  const auto states = timelines(test::states_csv, TimelineKind::states);
  KpiSources src;
  src.states = &states;
  KpiOptions o;
  o.cost_per_hour = 30;
  auto r = report(o, src);
  // Logged in: ann 4 h, bob 2.5 h. Busy (on_contact + acw): 4500 + 3600 s; available 5400 + 3600.
  CHECK(num(r, 0, "logged_in_hours") == Approx(6.5));
  CHECK(num(r, 0, "occupancy") == Approx(8100.0 / 17100));
  CHECK(num(r, 0, "utilization") == Approx(8100.0 / 23400));
  // Without a schedule: (break 900 + training 3600 + meeting 1800) / logged in.
  CHECK(num(r, 0, "shrinkage") == Approx(6300.0 / 23400));
  CHECK(num(r, 0, "contacts_per_agent_hour") == Approx(6 / 6.5));
  CHECK(num(r, 0, "cost_per_contact") == Approx(30 * 6.5 / 6));
  CHECK_FALSE(value(r, 0, "adherence").has_value());
  // Utilization without training and meetings in the base.
  o.utilization_excludes[static_cast<std::size_t>(AgentState::training)] = true;
  o.utilization_excludes[static_cast<std::size_t>(AgentState::meeting)] = true;
  r = report(o, src);
  CHECK(num(r, 0, "utilization") == Approx(8100.0 / (23400 - 3600 - 1800)));
  CHECK(param(r, "utilization").find("- training - meeting") != std::string::npos);

  // By agent: ann handled c1, c5, c8 in 4 logged-in hours.
  o = KpiOptions{};
  o.by = {Dimension::agent};
  r = report(o, src);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[1].keys[0] == "ann");
  CHECK(num(r, 1, "occupancy") == Approx(4500.0 / 9900));
  CHECK(num(r, 1, "contacts_per_agent_hour") == Approx(0.75));
  CHECK_FALSE(value(r, 0, "occupancy").has_value());  // the agentless row has no states
  CHECK(num(r, 0, "logged_in_hours") == 0);

  // By hour: 08:00-09:00 ann available 1800 + on_contact 1800, bob available 3600.
  o.by = {Dimension::interval};
  o.interval_s = 3600;
  r = report(o, src);
  REQUIRE(r.rows[0].keys[0] == "2024-03-04T08:00");
  CHECK(num(r, 0, "occupancy") == Approx(1800.0 / 7200));
  CHECK(num(r, 0, "logged_in_hours") == Approx(2.0));

  // By queue: states have no queue.
  o.by = {Dimension::queue};
  r = report(o, src);
  CHECK_FALSE(value(r, 0, "occupancy").has_value());
  bool noted = false;
  for (const auto& n : r.notes)
    noted = noted || n.find("agent states have no queue") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("adherence and shrinkage against a schedule", "[kpi][report][states]") {
  const auto states = timelines(test::states_csv, TimelineKind::states);
  const auto schedule = timelines(test::schedule_csv, TimelineKind::schedule);
  KpiSources src;
  src.states = &states;
  src.schedule = &schedule;
  KpiOptions o;
  o.cost_per_hour = 30;
  auto r = report(o, src);
  // Scheduled: ann 14400 s, bob 12600 s. In adherence: ann 6300 (work) + 900 (break) + 3600
  // (available in work; training in work is not); bob 7200 (work) + 1800 (meeting); bob is
  // offline 10:00-11:00 while scheduled to work.
  CHECK(num(r, 0, "scheduled_hours") == Approx(7.5));
  CHECK(num(r, 0, "adherence") == Approx(19800.0 / 27000));
  // Productive scheduled time: ann 6300 + 3600, bob 7200.
  CHECK(num(r, 0, "shrinkage") == Approx(1 - 17100.0 / 27000));
  CHECK(num(r, 0, "cost_per_contact") == Approx(30 * 7.5 / 6));  // paid = scheduled hours
  o.by = {Dimension::agent};
  r = report(o, src);
  CHECK(num(r, 1, "adherence") == Approx(10800.0 / 14400));  // ann
  CHECK(num(r, 2, "adherence") == Approx(9000.0 / 12600));   // bob
}

TEST_CASE("forecast accuracy: WAPE and bias", "[kpi][report][forecast]") {
  std::istringstream f(test::forecast_csv);
  const auto forecast = wfm::io::load_interval_table(f, "forecast.csv");
  KpiSources src;
  src.forecast = &forecast;
  // Actual: sales 08:00 4, 09:00 0; support 08:00 3, 09:00 0. |errors| 1, 1, 1, 1.
  auto r = report(KpiOptions{}, src);
  CHECK(num(r, 0, "forecast") == 9);
  CHECK(num(r, 0, "wape") == Approx(4.0 / 7));
  CHECK(num(r, 0, "forecast_bias") == Approx(2.0 / 7));
  KpiOptions o;
  o.by = {Dimension::queue};
  r = report(o, src);
  CHECK(num(r, 0, "wape") == Approx(2.0 / 4));  // sales
  CHECK(num(r, 1, "wape") == Approx(2.0 / 3));  // support
  o.by = {Dimension::day};
  r = report(o, src);
  CHECK_FALSE(value(r, 1, "wape").has_value());  // no forecast for Tuesday
  o.by = {Dimension::interval};
  o.interval_s = 900;
  CHECK_THROWS_WITH(report(o, src), Catch::Contains("--interval must be a multiple"));
}

TEST_CASE("bad rows stop the report unless skipped, and are never silent", "[kpi][report]") {
  const std::string csv = test::contacts_csv +
                          "c11,sales,G,2024-03-05T11:00:00,2024-03-05T10:59:00,,answered,60,,,"
                          "ann,,,,\n"
                          "c12,sales,G,2024-03-05T11:00:00,,,maybe,,,,,,,,\n";
  try {
    report(KpiOptions{}, {}, csv);
    FAIL("bad rows did not stop the report");
  } catch (const wfm::core::InputError& e) {
    const std::string m = e.what();
    CHECK(m.find("2 bad rows") != std::string::npos);
    CHECK(m.find("contacts.csv:12: column 'answer': answer time 2024-03-05T10:59:00 is before the "
                 "arrival 2024-03-05T11:00:00") != std::string::npos);
    CHECK(m.find("contacts.csv:13: column 'outcome': expected answered, abandoned, blocked or "
                 "transferred, got \"maybe\"") != std::string::npos);
    CHECK(m.find("--skip-bad-rows") != std::string::npos);
  }
  KpiOptions o;
  o.skip_bad_rows = true;
  const auto r = report(o, {}, csv);
  CHECK(r.read.bad_rows == 2);
  CHECK(num(r, 0, "offered") == 10);
  CHECK(param(r, "rows").find("2 bad rows skipped") != std::string::npos);
  REQUIRE_FALSE(r.notes.empty());
  CHECK(r.notes[0].find("2 bad rows") == 0);
}

TEST_CASE("an empty report has no NaN", "[kpi][report]") {
  const auto r = report(KpiOptions{}, {}, "arrival,outcome\n");
  REQUIRE(r.rows.size() == 1);
  CHECK(num(r, 0, "offered") == 0);
  for (std::size_t c = 0; c < r.value_columns.size(); ++c) {
    const auto& v = r.rows[0].values[c];
    INFO(r.value_columns[c]);
    CHECK((!v || std::isfinite(*v)));
  }
  CHECK_FALSE(value(r, 0, "service_level").has_value());
  CHECK_FALSE(value(r, 0, "asa_s").has_value());
}

TEST_CASE("FCR window and waits across a daylight-saving change with a time zone",
          "[kpi][report][fcr][time_zone]") {
  // Customer A calls on Saturday 2024-03-30 at 12:00 and again on Sunday at 12:30 (Europe/Paris
  // goes from CET to CEST at 02:00 on Sunday): 24 h 30 min apart on the wall clock, 23 h 30 min
  // elapsed, so within a 24 h window only with the zone. The Sunday call waits from 01:59:50 to
  // 03:00:10 for customer B: 20 s elapsed.
  const std::string csv =
      "contact_id,customer_id,arrival,answer,outcome,talk_s\n"
      "c1,A,2024-03-30T12:00:00,2024-03-30T12:00:10,answered,60\n"
      "c2,B,2024-03-31T01:59:50,2024-03-31T03:00:10,answered,60\n"
      "c3,A,2024-03-31T12:30:00,2024-03-31T12:30:10,answered,60\n";
  KpiOptions o;
  o.fcr_method = FcrMethod::repeat;
  auto run = [&](const ContactMapping& m) {
    std::istringstream in(csv);
    return build_kpi_report(in, "contacts.csv", m, o, {});
  };
  const auto plain = run(default_mapping());
  CHECK(num(plain, 0, "repeat_rate") == Approx(0.0));
  CHECK(num(plain, 0, "asa_s") == Approx((10 + 3620 + 10) / 3.0));
  ContactMapping paris = default_mapping();
  paris.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  const auto zoned = run(paris);
  CHECK(num(zoned, 0, "repeat_rate") == Approx(1.0 / 3));  // c1 repeated by c3
  CHECK(num(zoned, 0, "asa_s") == Approx((10 + 20 + 10) / 3.0));
}

TEST_CASE("duplicate contact ids are a note, and dropped with drop_duplicates",
          "[kpi][report][duplicates]") {
  // The last row (c10) exported twice.
  const std::string csv =
      test::contacts_csv +
      "c10,support,F,2024-03-05T10:00:00,2024-03-05T10:01:00,,answered,300,,,bob,,,,\n";
  KpiOptions o;
  const auto kept = report(o, {}, csv);
  CHECK(num(kept, 0, "offered") == 11);
  CHECK(kept.read.duplicate_rows == 1);
  bool noted = false;
  for (const auto& n : kept.notes)
    noted = noted || n.find("line 12: contact id \"c10\" repeats line 11") != std::string::npos;
  CHECK(noted);
  o.drop_duplicates = true;
  const auto dropped = report(o, {}, csv);
  CHECK(num(dropped, 0, "offered") == 10);
  CHECK(dropped.read.dropped_duplicates == 1);
  CHECK(dropped.rows[0].values == report(KpiOptions{}).rows[0].values);
}

TEST_CASE("agent states across daylight-saving changes with a time zone are elapsed time",
          "[kpi][report][states][time_zone]") {
  // Europe/Paris: 2024-03-31 02:00 -> 03:00 (the hour 02:00-02:59 is skipped), 2024-10-27
  // 03:00 -> 02:00 (02:00-02:59 is lived twice). ann is available 01:00-04:00 on both nights:
  // 3 h on the wall clock each time, 2 h elapsed in spring and 4 h in autumn.
  const std::string states_csv =
      "agent,state,start,end\n"
      "ann,available,2024-03-31T01:00,2024-03-31T04:00\n"
      "ann,available,2024-10-27T01:00,2024-10-27T04:00\n";
  KpiOptions o;
  o.by = {Dimension::day};
  const std::string contacts =
      "contact_id,arrival,answer,outcome,talk_s\n"
      "c1,2024-03-31T01:10:00,2024-03-31T01:10:05,answered,60\n"
      "c2,2024-10-27T01:10:00,2024-10-27T01:10:05,answered,60\n";
  const auto run = [&](const ContactMapping& m, const TimelineOptions& t) {
    std::istringstream s(states_csv);
    const auto states = load_timelines(s, "states.csv", TimelineKind::states, t);
    KpiSources src;
    src.states = &states;
    std::istringstream in(contacts);
    return build_kpi_report(in, "contacts.csv", m, o, src);
  };
  const auto plain = run(default_mapping(), {});
  REQUIRE(plain.rows.size() == 2);
  CHECK(num(plain, 0, "logged_in_hours") == Approx(3.0));
  CHECK(num(plain, 1, "logged_in_hours") == Approx(3.0));
  ContactMapping paris = default_mapping();
  paris.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  TimelineOptions zoned_options;
  zoned_options.time_zone = paris.time_zone;
  const auto zoned = run(paris, zoned_options);
  REQUIRE(zoned.rows.size() == 2);
  CHECK(num(zoned, 0, "logged_in_hours") == Approx(2.0));
  CHECK(num(zoned, 1, "logged_in_hours") == Approx(4.0));
  // By hour: the skipped hour has no logged-in time, the repeated hour two hours.
  o.by = {Dimension::interval};
  o.interval_s = 3600;
  const auto hourly = run(paris, zoned_options);
  bool repeated_hour_seen = false;
  for (std::size_t i = 0; i < hourly.rows.size(); ++i) {
    INFO(hourly.rows[i].keys[0]);
    const double hours = num(hourly, i, "logged_in_hours");
    if (hourly.rows[i].keys[0] == "2024-03-31T02:00") CHECK(hours == 0);
    if (hourly.rows[i].keys[0] == "2024-10-27T02:00") {
      CHECK(hours == Approx(2.0));
      repeated_hour_seen = true;
    }
    if (hourly.rows[i].keys[0] == "2024-10-27T01:00") CHECK(hours == Approx(1.0));
  }
  CHECK(repeated_hour_seen);

  // A start or end in the skipped or repeated hour cannot be placed: an error naming the row.
  for (const char* bad : {"ann,available,2024-03-31T01:00,2024-03-31T02:30\n",
                          "ann,available,2024-10-27T02:30,2024-10-27T04:00\n"}) {
    std::istringstream s(std::string("agent,state,start,end\n") + bad);
    INFO(bad);
    CHECK_THROWS_WITH(load_timelines(s, "states.csv", TimelineKind::states, zoned_options),
                      Catch::StartsWith("states.csv:2: column '") &&
                          Catch::Contains("Europe/Paris") &&
                          Catch::Contains("a state row carries no UTC offset"));
  }
}
