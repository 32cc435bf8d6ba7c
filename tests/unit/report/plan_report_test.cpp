// wfm::report plan report (src/wfm/report/plan_report.hpp): every section present, all text
// escaped (queue names with <, &, "), well-formed and self-contained pages, no "nan"/"inf" for
// empty, single-point, all-zero or non-finite data, optional parts left out, and a large plan
// (4 weeks of 5-minute intervals x 4 queues) kept compact.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "unit/report/page_checks.hpp"
#include "wfm/report/html.hpp"
#include "wfm/report/plan_report.hpp"

using namespace wfm::report;
using namespace std::chrono;
using wfm::core::LocalTime;
using wfm::report::test::count;
using wfm::report::test::non_finite_text;
using wfm::report::test::self_contained;
using wfm::report::test::tag_balance_error;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

LocalTime at(int d, int hh, int mm = 0) {
  return LocalTime{local_days{year{2024} / March / day{static_cast<unsigned>(d)}}} + hours{hh} +
         minutes{mm};
}

// A queue with `days` days of history and one day of forecast and staffing, 08:00-18:00, at
// `interval_min` minutes.
PlanQueue queue(std::string name, int days = 2, int interval_min = 30) {
  PlanQueue q;
  q.name = std::move(name);
  q.interval_s = interval_min * 60;
  q.sl_target = 0.8;
  q.sl_target_label = "80% in 20 s";
  q.max_occupancy = 0.9;
  for (int d = 1; d <= days + 1; ++d) {
    for (int m = 8 * 60; m < 18 * 60; m += interval_min) {
      LocalTime t = at(d, 0, m);
      double calls = 20 + 10 * std::sin(m / 100.0);
      if (d <= days) {
        q.history.push_back({t, calls});
        continue;
      }
      q.forecast.push_back({t, calls, calls * 0.8, calls * 1.2});
      StaffingPoint s;
      s.start = t;
      s.required_agents = std::ceil(calls / 3);
      s.scheduled_agents = std::ceil(s.required_agents / 0.7);
      s.expected_sl = 0.85;
      s.simulated_sl = 0.83;
      s.simulated_sl_half_width = 0.03;
      s.occupancy = 0.7;
      s.asa_s = 12;
      s.abandonment = 0.03;
      s.feasible = m != 12 * 60;
      s.calls = calls;
      q.staffing.push_back(s);
    }
  }
  DailyTotals daily;
  daily.date = local_days{year{2024} / March / day{static_cast<unsigned>(days + 1)}};
  daily.totals = PlanTotals{400, 120.5, 15.1, 3916.25, 0.84, 12.3, 0.03, 0.7, 0.83};
  q.daily.push_back(daily);
  q.total = daily.totals;
  return q;
}

PlanReportData sample() {
  PlanReportData data;
  data.title = "Plan <week 10> & \"friends\"";
  data.generated_at = "2024-03-01 09:00";
  data.assumptions = {{"scenario", "scenarios/base.toml"},
                      {"method", "erlang-c"},
                      {"targets", "80% in 20 s"},
                      {"shrinkage", "30%"},
                      {"AHT <s>", "240"},
                      {"patience", "120 s"},
                      {"seed", "7"}};
  data.warnings = {"1 infeasible interval in <sales>", "simulation below target"};
  data.currency = "EUR";
  data.queues = {queue("sales"), queue("Billing <EU> & \"VIP\"")};
  data.overall = PlanTotals{800, 241, 30.2, 7832.5, 0.84, std::nullopt, std::nullopt, 0.7, 0.83};
  return data;
}

void check_page(const std::string& html) {
  CHECK(tag_balance_error(html) == "");
  CHECK(non_finite_text(html) == "");
  CHECK(self_contained(html));
}

}  // namespace

TEST_CASE("the plan report has every section, chart and table", "[report][plan]") {
  std::string html = render_plan_report(sample());
  check_page(html);
  for (const char* want : {"<section id=\"summary\">",
                           "<section id=\"assumptions\">",
                           "<section id=\"q0\">",
                           "<section id=\"q1\">",
                           "id=\"q0-calls\"",
                           "id=\"q0-agents\"",
                           "id=\"q0-sl\"",
                           "id=\"q0-occupancy\"",
                           "id=\"q1-calls\"",
                           "<caption>Daily totals</caption>",
                           "class=\"warnings\"",
                           "<h2>2 warnings</h2>",
                           "data-series=\"History\"",
                           "data-series=\"Forecast\"",
                           "data-series=\"80% prediction interval\"",
                           "data-series=\"Required\"",
                           "data-series=\"Scheduled\"",
                           "data-series=\"Infeasible\"",
                           "data-series=\"Expected (analytic)\"",
                           "data-series=\"Simulated\"",
                           "data-series=\"Simulated 95% CI\"",
                           "data-series=\"Occupancy\"",
                           ">Target 80% in 20 s<",
                           ">Maximum 90%<",
                           "cost (EUR)",
                           "abandon rate",
                           "<section id=\"headline\" class=\"headline\">",
                           "class=\"note sl-note\"",
                           "All queues",
                           "Sun 2024-03-03",
                           "3,916"}) {
    INFO(want);
    CHECK(html.find(want) != std::string::npos);
  }
  CHECK(count(html, "<svg") == 8);
  CHECK(count(html, "<figure") == 8);
}

TEST_CASE("the plan report escapes every text from the data", "[report][plan]") {
  std::string html = render_plan_report(sample());
  CHECK(html.find("<title>Plan &lt;week 10&gt; &amp; &quot;friends&quot;</title>") !=
        std::string::npos);
  CHECK(html.find("<h2>Queue Billing &lt;EU&gt; &amp; &quot;VIP&quot;</h2>") != std::string::npos);
  CHECK(html.find("<li>1 infeasible interval in &lt;sales&gt;</li>") != std::string::npos);
  CHECK(html.find("<dt>AHT &lt;s&gt;</dt>") != std::string::npos);
  CHECK(html.find("<EU>") == std::string::npos);
  CHECK(html.find("<sales>") == std::string::npos);
  CHECK(html.find("<week") == std::string::npos);
  // Assumptions keep their order.
  CHECK(html.find("<dt>scenario</dt>") < html.find("<dt>method</dt>"));
  CHECK(html.find("<dt>patience</dt>") < html.find("<dt>seed</dt>"));
}

// The markup of the figure with this id.
std::string figure(const std::string& html, const std::string& id) {
  auto from = html.find("<figure class=\"chart\" id=\"" + id + "\"");
  if (from == std::string::npos) return {};
  return html.substr(from, html.find("</figure>", from) - from);
}

TEST_CASE("the SL axis starts near the data, and the target line is where 80% is",
          "[report][plan]") {
  PlanReportData data;
  data.queues = {queue("q")};
  std::string sl = figure(render_plan_report(data), "q0-sl");
  REQUIRE(!sl.empty());
  // Lowest value drawn: 83% - 3% = 80%; 10 points under the 80% target is 70%, so the axis runs
  // 70%..100% over y 240..28: 80% is at 240 - (0.8 - 0.7) / 0.3 * 212 = 169.3.
  auto ref = sl.find("<line class=\"ref\"");
  REQUIRE(ref != std::string::npos);
  CHECK(sl.substr(ref, 120).find("y1=\"169.3\" y2=\"169.3\"") != std::string::npos);
  CHECK(sl.find(">70%</text>") != std::string::npos);
  CHECK(sl.find(">0%</text>") == std::string::npos);
  CHECK(sl.find(">100%</text>") != std::string::npos);

  // A dip to 43% (its CI down to 40%) opens the axis to 40%, so nothing is cut off.
  data.queues[0].staffing[3].simulated_sl = 0.43;
  sl = figure(render_plan_report(data), "q0-sl");
  CHECK(sl.find(">40%</text>") != std::string::npos);
  CHECK(sl.find(">30%</text>") == std::string::npos);
}

TEST_CASE("a note under the SL chart counts the intervals below target", "[report][plan]") {
  PlanReportData data;
  PlanQueue q = queue("q");
  REQUIRE(q.staffing.size() == 20);
  q.staffing[0].simulated_sl = 0.7;    // CI 0.67..0.73: surely below 80%
  q.staffing[1].simulated_sl = 0.79;   // CI 0.76..0.82: below, not surely
  q.staffing[2].simulated_sl = 0.80;   // at the target: not below
  q.staffing[3].simulated_sl.reset();  // not simulated
  double all = 0;
  for (std::size_t i = 0; i < q.staffing.size(); ++i) all += i == 3 ? 0 : q.staffing[i].calls;
  const BelowTarget b = below_target(q);
  CHECK(b.simulated == 19);
  CHECK(b.below == 2);
  CHECK(b.surely_below == 1);
  CHECK(b.calls_share_below == Approx((q.staffing[0].calls + q.staffing[1].calls) / all));
  data.queues = {q};
  std::string html = render_plan_report(data);
  CHECK(html.find("In simulation, 2 of 19 intervals are below the 80% target (1 with the whole 95% "
                  "confidence interval below); they carry " +
                  format_percent(b.calls_share_below, 1) + " of the calls.") != std::string::npos);
  CHECK(html.find("the totals are weighted by calls") != std::string::npos);
  CHECK(html.find("Expected SL over all calls: 84.0%, simulated: 83.0%.") != std::string::npos);
  q.sl_target.reset();  // no target: nothing to count
  CHECK(below_target(q).below == 0);
}

TEST_CASE("the headline shows the totals and the change against the last plan", "[report][plan]") {
  PlanReportData data = sample();
  std::string head = render_headline(data);
  CHECK(head.find(">" + format_number(7832.5, 0) + "<") != std::string::npos);
  for (const char* want :
       {">FTE<", ">30.2<", ">agent-hours<", ">241<", ">cost (EUR)<", ">service level<", ">84.0%<",
        ">simulated SL<", ">83.0%<", ">occupancy<", ">70.0%<"}) {
    INFO(want);
    CHECK(head.find(want) != std::string::npos);
  }
  CHECK(head.find(">ASA<") == std::string::npos);  // the overall row has none
  CHECK(head.find("vs last plan") == std::string::npos);

  data.previous = PlanTotals{790, 250, 28.2, 8100, 0.86, 10.0, 0.02, 0.72, 0.85};
  data.previous_label = "plans/<w9>";
  head = render_headline(data);
  CHECK(head.find(format_delta(7832.5 - 8100, 0) + " vs last plan") != std::string::npos);
  for (const char* want : {"+2.0 vs last plan", "\u22129 vs last plan",
                           "\u22122.0 pts vs last plan", "(plans/&lt;w9&gt;)"}) {
    INFO(want);
    CHECK(head.find(want) != std::string::npos);
  }
  // One queue: its own totals.
  PlanReportData one;
  one.queues = {queue("q")};
  CHECK(render_headline(one).find(">15.1<") != std::string::npos);
  CHECK(render_headline(PlanReportData{}).empty());
}

TEST_CASE("the queue charts cut out the closed nights", "[report][plan]") {
  PlanReportData data;
  data.queues = {queue("q")};  // 3 days open 08:00-18:00: 2 of history, 1 of forecast
  std::string html = render_plan_report(data);
  std::string calls = figure(html, "q0-calls");
  CHECK(count(calls, "class=\"axis-break\"") == 2);
  CHECK(calls.find("<title>no data from Fri 1 Mar 2024 18:00 to Sat 2 Mar 2024 08:00</title>") !=
        std::string::npos);
  // Each day's label sits under its own part of the axis, the first day's too.
  for (const char* day : {">Fri 1 Mar<", ">Sat 2 Mar<", ">Sun 3 Mar<"}) {
    INFO(day);
    CHECK(calls.find(day) != std::string::npos);
  }
  std::string agents = figure(html, "q0-agents");
  CHECK(count(agents, "class=\"axis-break\"") == 0);  // one day of staffing
  CHECK(agents.find(">Sun 3 Mar<") != std::string::npos);
  // Tooltips name the interval, at the data's own times.
  CHECK(agents.find("<title>Sun 3 Mar 2024 08:00\u201308:30\nScheduled: ") != std::string::npos);
}

TEST_CASE("optional parts are left out when the data has none", "[report][plan]") {
  PlanReportData data;
  PlanQueue q = queue("q");
  for (auto& f : q.forecast) f.lo = f.hi = std::nullopt;
  for (auto& s : q.staffing) {
    s.simulated_sl = std::nullopt;
    s.feasible = true;
  }
  q.sl_target = std::nullopt;
  q.max_occupancy = std::nullopt;
  q.total.cost = std::nullopt;
  q.daily[0].totals.cost = std::nullopt;
  data.queues = {q};
  std::string html = render_plan_report(data);
  check_page(html);
  CHECK(html.find("prediction interval") == std::string::npos);
  CHECK(html.find("Simulated") == std::string::npos);
  CHECK(html.find("Infeasible") == std::string::npos);
  CHECK(html.find("class=\"ref\"") == std::string::npos);
  CHECK(html.find("cost") == std::string::npos);
  CHECK(html.find("class=\"warnings\"") == std::string::npos);
  CHECK(html.find("All queues") == std::string::npos);
  CHECK(html.find("None recorded.") != std::string::npos);
}

TEST_CASE("degenerate plans render without nan or inf", "[report][plan]") {
  SECTION("nothing at all") {
    PlanReportData data;
    std::string html = render_plan_report(data);
    check_page(html);
    CHECK(html.find("No queues in this plan.") != std::string::npos);
  }
  SECTION("a queue with empty series") {
    PlanReportData data;
    data.queues.push_back(PlanQueue{});
    data.overall = PlanTotals{};
    std::string html = render_plan_report(data);
    check_page(html);
    CHECK(count(html, "No data") == 4);
  }
  SECTION("a single point") {
    PlanQueue q = queue("one", 0);
    q.forecast.resize(1);
    q.staffing.resize(1);
    q.interval_s = 0;
    PlanReportData data;
    data.queues = {q};
    check_page(render_plan_report(data));
  }
  SECTION("all zero") {
    PlanQueue q = queue("zero");
    for (auto& h : q.history) h.calls = 0;
    for (auto& f : q.forecast) f = ForecastPoint{f.start, 0, 0, 0};
    for (auto& s : q.staffing) s = StaffingPoint{s.start, 0, 0, 0, 0, 0, 0, 0, 0, true};
    q.daily[0].totals = PlanTotals{};
    q.total = PlanTotals{0, 0, 0, 0, 0, 0, 0, 0, 0};
    PlanReportData data;
    data.queues = {q};
    check_page(render_plan_report(data));
  }
  SECTION("non-finite values from upstream") {
    PlanQueue q = queue("upstream");
    q.history[1].calls = kNaN;
    q.forecast[2].calls = kInf;
    q.forecast[3].hi = kNaN;
    q.staffing[0].occupancy = kNaN;
    q.staffing[1].expected_sl = -kInf;
    q.staffing[2].simulated_sl_half_width = kNaN;
    q.staffing[3].required_agents = kInf;
    q.total = PlanTotals{kNaN, kInf, kNaN, kNaN, kNaN, kInf, kNaN, kNaN, kNaN};
    q.daily[0].totals = q.total;
    q.sl_target = kNaN;
    q.forecast_level = kNaN;
    PlanReportData data;
    data.queues = {q};
    data.overall = q.total;
    check_page(render_plan_report(data));
  }
}

TEST_CASE("a large plan stays compact: one path per series", "[report][plan]") {
  // 4 weeks of 5-minute intervals of history, 1 week of forecast and staffing, 4 queues.
  PlanReportData data;
  for (int qi = 0; qi < 4; ++qi) {
    PlanQueue q;
    q.name = "queue " + std::to_string(qi);
    q.interval_s = 300;
    q.sl_target = 0.8;
    LocalTime t0 = at(1, 0);
    for (int i = 0; i < 35 * 288; ++i) {
      LocalTime t = t0 + seconds{300 * i};
      double calls = 30 + 20 * std::sin(i * 0.01 + qi) + (i % 5);
      if (i < 28 * 288) {
        q.history.push_back({t, calls});
      } else {
        q.forecast.push_back({t, calls, calls - 5, calls + 5});
        q.staffing.push_back({t, calls / 2, calls / 1.4, 0.82, 0.8, 0.02, 0.75, 10.0, 0.02, true});
      }
    }
    data.queues.push_back(std::move(q));
  }
  std::string html = render_plan_report(data);
  check_page(html);
  CHECK(html.size() < 3'000'000);
  // History, forecast and band; required, scheduled; expected, simulated, CI; occupancy (area:
  // fill + line): 10 paths per queue.
  CHECK(count(html, "<path") == 4 * 10);
}
