// schedule.html's parts: one Gantt bar per shift with its breaks cut out and named, rows in start
// order, names escaped, hour labels covering the day's shifts; the page is self-contained.
#include "wfm/report/schedule_report.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace wfm::report;

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
