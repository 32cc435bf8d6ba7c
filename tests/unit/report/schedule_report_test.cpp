// schedule.html's parts: one Gantt bar per shift with its breaks cut out and named, rows in start
// order, names escaped, hour labels covering the day's shifts; the page is self-contained; the SL
// chart's axis starts near the data and a note counts the intervals below target.
#include "wfm/report/schedule_report.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "wfm/report/html.hpp"

using namespace wfm::report;
using namespace std::chrono;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

GanttDay two_shifts() {
  GanttDay d;
  d.date = "2024-03-04";
  // Given out of order: the later shift first.
  d.shifts.push_back(
      {"part <4h>", "", 12 * 3600, 16 * 3600, {{14 * 3600, 14 * 3600 + 900}}, {"b1"}});
  d.shifts.push_back({"full",
                      "",
                      8 * 3600,
                      16 * 3600 + 1800,
                      {{10 * 3600, 10 * 3600 + 900}, {12 * 3600, 12 * 3600 + 1800}},
                      {"break1", "meal"}});
  return d;
}

}  // namespace

TEST_CASE("the Gantt chart has a bar per shift and a cut per break", "[report][schedule]") {
  const std::string svg = render_gantt(two_shifts());
  CHECK(count(svg, "<g><title>") == 2);
  CHECK(count(svg, "fill-opacity=\"0.75\"") == 3);  // the three breaks
  // Rows in start order: the 08:00 shift's tooltip comes first.
  const auto full = svg.find("full 08:00-16:30; break1 10:00-10:15; meal 12:00-12:30");
  const auto part = svg.find("part &lt;4h&gt; 12:00-16:00; b1 14:00-14:15");
  REQUIRE(full != std::string::npos);
  REQUIRE(part != std::string::npos);
  CHECK(full < part);
  CHECK(svg.find("<4h>") == std::string::npos);  // escaped
  // Hour labels from 08:00 to 17:00 (the last shift ends 16:30).
  CHECK(svg.find(">08:00</text>") != std::string::npos);
  CHECK(svg.find(">17:00</text>") != std::string::npos);
  CHECK(svg.find(">07:00</text>") == std::string::npos);
  CHECK(svg.find(">18:00</text>") == std::string::npos);
  CHECK(render_gantt(GanttDay{"2024-03-05", {}}).empty());
}

TEST_CASE("schedule.html is one self-contained page with the section", "[report][schedule]") {
  ScheduleSection sec;
  sec.queue = "support";
  sec.interval_s = 900;
  sec.facts = {{"shifts", "2"}};
  sec.gantt = {two_shifts(), GanttDay{"2024-03-05", {}}};
  const std::string page = render_schedule_report("Schedule of plan.csv", "", sec);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("http") == std::string::npos);  // no link out
  CHECK(page.find("id=\"schedule\"") != std::string::npos);
  CHECK(page.find("2024-03-04: 2 shifts") != std::string::npos);
  CHECK(page.find("2024-03-05: 0 shifts") != std::string::npos);
  CHECK(count(page, "<details") == 2);
}

TEST_CASE("a rostered Gantt names the agents and outlines unassigned shifts",
          "[report][schedule]") {
  GanttDay d = two_shifts();
  d.shifts[0].who = "unassigned";
  d.shifts[1].who = "A<7>";
  const std::string svg = render_gantt(d);
  CHECK(svg.find("<title>A&lt;7&gt;: full 08:00-16:30") != std::string::npos);
  CHECK(svg.find("<title>unassigned: part") != std::string::npos);
  CHECK(count(svg, "stroke=\"#c0392b\"") == 1);
}

TEST_CASE("the schedule's SL axis starts near the data and a note counts intervals below target",
          "[report][schedule]") {
  ScheduleSection sec;
  sec.queue = "support";
  sec.interval_s = 900;
  sec.sl_target = 0.8;
  const auto monday = wfm::core::LocalTime{local_days{year{2024} / March / day{4}}};
  // Eight intervals from 08:00: Erlang 85-92%, simulated 83-90% but for two dips.
  for (int i = 0; i < 8; ++i) {
    CoveragePoint p;
    p.start = monday + hours{8} + minutes{15 * i};
    p.required = 5;
    p.on_phone = 5;
    p.on_shift = 6;
    p.erlang_sl = 0.85 + 0.01 * i;
    p.simulated_sl = 0.83 + 0.01 * i;
    p.simulated_sl_half_width = 0.02;
    p.calls = 10;
    sec.coverage.push_back(p);
  }
  sec.coverage[0].simulated_sl = 0.74;  // CI 0.72..0.76: surely below
  sec.coverage[0].calls = 30;
  sec.coverage[1].simulated_sl = 0.79;  // CI 0.77..0.81: below, not surely
  const std::string html = render_schedule_section(sec);
  const auto from = html.find("id=\"schedule-sl\"");
  REQUIRE(from != std::string::npos);
  const std::string sl = html.substr(from, html.find("</figure>", from) - from);
  // Lowest value drawn 74%, 10 points under the target 70%: the axis runs 70%..100%.
  CHECK(sl.find(">70%</text>") != std::string::npos);
  CHECK(sl.find(">60%</text>") == std::string::npos);
  CHECK(sl.find(">0%</text>") == std::string::npos);
  // 2 of 8 intervals below the target, carrying 40 of the 100 calls.
  CHECK(html.find("In simulation, 2 of 8 intervals are below the 80% target (1 with the whole 95% "
                  "confidence interval below); they carry " +
                  format_percent(0.4, 1) + " of the calls.") != std::string::npos);
  CHECK(html.find("class=\"note sl-note\"") > from);  // under the chart

  sec.sl_target.reset();  // no target: no note, the axis from the lowest value (70%)
  const std::string no_target = render_schedule_section(sec);
  CHECK(no_target.find("sl-note") == std::string::npos);
  CHECK(no_target.find(">70%</text>") != std::string::npos);
}
