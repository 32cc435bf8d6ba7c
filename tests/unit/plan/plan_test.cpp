// The plan pipeline on the bundled sample scenario: totals add up from the intervals, every
// feasible interval meets its targets, opening hours are respected, what-if changes move the
// requirement the right way, and the simulation check is reproducible.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "wfm/core/parallel.hpp"
#include "wfm/plan/outputs.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/plan/whatif.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/scenario/load.hpp"
#include "wfm/staffing/backlog.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm;

namespace {

const scenario::Scenario& sample() {
  static const scenario::Scenario s =
      scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/sample.toml");
  return s;
}

const core::ForecastTable& demand() {
  static const core::ForecastTable d = plan::scenario_demand(sample());
  return d;
}

// Required agents per interval never decrease from `a` to `b`, and neither does the FTE.
void check_not_lower(const plan::PlanResult& a, const plan::PlanResult& b) {
  REQUIRE(a.intervals.size() == b.intervals.size());
  for (std::size_t i = 0; i < a.intervals.size(); ++i) {
    INFO("interval " << i);
    CHECK(b.intervals[i].result.agents >= a.intervals[i].result.agents);
  }
  CHECK(b.overall.fte >= a.overall.fte);
}

}  // namespace

TEST_CASE("plan totals are the sums of the intervals", "[plan]") {
  const auto p = plan::staff_plan(demand(), sample());
  REQUIRE_FALSE(p.intervals.empty());
  double calls = 0, hours = 0;
  for (const auto& ip : p.intervals) {
    calls += ip.calls;
    hours += ip.scheduled * p.interval_s / 3600.0;
    // Scheduled agents = required / (1 - shrinkage), rounded up (sample shrinkage 0.32).
    CHECK(ip.scheduled == std::ceil(ip.result.agents / (1 - 0.32) - 1e-9));
  }
  CHECK(p.overall.calls == Approx(calls).epsilon(1e-12));
  CHECK(p.overall.scheduled_hours == Approx(hours).epsilon(1e-12));
  REQUIRE(p.overall.cost.has_value());
  CHECK(*p.overall.cost == Approx(hours * 32.5).epsilon(1e-12));
  // FTE: agent-hours per week / 37.5 h; the sample plan spans exactly one week (7 days).
  CHECK(p.overall.fte == Approx(hours / 37.5).epsilon(1e-12));
  double queue_calls = 0;
  for (const auto& t : p.queue_totals) queue_calls += t.calls;
  CHECK(queue_calls == Approx(calls).epsilon(1e-12));
}

TEST_CASE("every feasible interval meets the scenario's targets", "[plan]") {
  const auto p = plan::staff_plan(demand(), sample());
  for (const auto& ip : p.intervals) {
    if (!ip.result.feasible) continue;
    CHECK(staffing::meets_targets(ip.result, sample().targets));
  }
  CHECK(p.overall.service_level >= 0.8);  // call-weighted mean of values each >= 0.8
  CHECK(p.overall.abandon_rate <= 0.05);
}

TEST_CASE("intervals outside the opening hours are not staffed", "[plan]") {
  const auto p = plan::staff_plan(demand(), sample());
  for (const auto& ip : p.intervals) {
    const auto day = std::chrono::floor<std::chrono::days>(ip.start);
    const auto wd = std::chrono::weekday{day}.iso_encoding();
    const auto minute = (ip.start - core::LocalTime{day}).count() / 60;
    CHECK(wd != 7);  // Sunday closed
    if (wd == 6) {
      CHECK(minute >= 9 * 60);
      CHECK(minute + 15 <= 14 * 60);
    } else {
      CHECK(minute >= 8 * 60);
      CHECK(minute + 15 <= 20 * 60);
    }
  }
}

TEST_CASE("what-if: more volume, longer AHT or a stricter target never lowers the requirement",
          "[plan][whatif]") {
  const auto& s = sample();
  const auto at = [&](plan::Variant v) { return plan::staff_plan(demand(), s, v); };
  plan::Variant lo, hi;
  SECTION("volume") {
    lo.volume_factor = 0.9;
    hi.volume_factor = 1.1;
    check_not_lower(at(lo), at({}));
    check_not_lower(at({}), at(hi));
  }
  SECTION("AHT") {
    lo.aht_delta_s = -15;
    hi.aht_delta_s = 15;
    check_not_lower(at(lo), at({}));
    check_not_lower(at({}), at(hi));
  }
  SECTION("service level") {
    lo.service_level = 0.7;
    hi.service_level = 0.9;
    check_not_lower(at(lo), at({}));
    check_not_lower(at({}), at(hi));
  }
  SECTION("threshold") {
    lo.threshold_s = 30;
    hi.threshold_s = 10;
    check_not_lower(at(lo), at({}));
    check_not_lower(at({}), at(hi));
  }
  SECTION("shrinkage raises scheduled, not required, agents") {
    lo.shrinkage = 0.2;
    hi.shrinkage = 0.4;
    const auto a = at(lo), b = at(hi);
    for (std::size_t i = 0; i < a.intervals.size(); ++i) {
      CHECK(a.intervals[i].result.agents == b.intervals[i].result.agents);
      CHECK(b.intervals[i].scheduled >= a.intervals[i].scheduled);
    }
    CHECK(b.overall.fte > a.overall.fte);
  }
}

TEST_CASE("what-if grid: labels, order and the base", "[plan][whatif]") {
  const auto dims = std::vector<plan::Dimension>{plan::parse_dimension("volume=-10%,0,+10%"),
                                                 plan::parse_dimension("sl=80/20,90/15s")};
  const auto g = plan::grid(dims);
  REQUIRE(g.size() == 6);
  CHECK(g[0].label == "volume=-10% sl=80/20");
  CHECK(g[5].label == "volume=+10% sl=90/15s");
  CHECK(g[0].volume_factor == Approx(0.9));
  CHECK(*g[5].service_level == Approx(0.9));
  CHECK(*g[5].threshold_s == 15);
  const auto run = plan::run_whatif(demand(), sample(), g, false);
  // volume=0 sl=80/20 is the scenario itself: identical to the base.
  CHECK(run.variants[2].overall.fte == run.base.overall.fte);
  CHECK(run.variants[2].overall.scheduled_hours == run.base.overall.scheduled_hours);
  for (const char* bad :
       {"volume", "speed=+1", "sl=80", "aht=fast", "shrinkage=1.2", "volume=-100%"}) {
    INFO(bad);
    CHECK_THROWS_AS(plan::parse_dimension(bad), core::InputError);
  }
}

TEST_CASE("the simulation check is reproducible and agrees with the analytic plan", "[plan][sim]") {
  auto s = sample();
  s.simulation.replications = 8;
  auto a = plan::staff_plan(demand(), s);
  auto b = a;
  plan::simulate_plan(a, s);
  plan::simulate_plan(b, s);
  REQUIRE(a.overall.simulated_sl.has_value());
  CHECK(*a.overall.simulated_sl == *b.overall.simulated_sl);
  double offered = 0;
  for (const auto& ip : a.intervals) offered += ip.simulated->offered.mean;
  // Poisson arrivals: 8 x ~31,600 calls, so the mean offered is within a few 0.1% of the plan.
  CHECK(offered == Approx(a.overall.calls).epsilon(0.01));
  // The Erlang A plan, simulated with its own assumptions, lands near its analytic SL; the gap is
  // the steady-state assumption at interval boundaries (issue 3 measured ~0.01 on this sample).
  CHECK(*a.overall.simulated_sl == Approx(a.overall.service_level).margin(0.03));
}

TEST_CASE("staffing method sim re-staffs by simulation to the SL target", "[plan][sim]") {
  const std::string text = std::string("name = \"sim\"\n[history]\nfile = \"") + WFM_SOURCE_DIR +
                           "/data/sample/history.csv\"\nqueues = [\"sales\"]\n"
                           "[forecast]\nmethod = \"weekday-avg\"\nhorizon = \"2d\"\n"
                           "[targets]\nservice_level = 0.8\nthreshold = \"20s\"\n"
                           "[assumptions]\npatience = \"2m\"\n[shrinkage]\ntotal = 0.3\n"
                           "[staffing]\nmethod = \"sim\"\n[simulation]\nreplications = 10\n";
  const auto s = scenario::parse_scenario(text, "sim.toml");
  const auto d = plan::scenario_demand(s);
  const auto p = plan::staff_plan(d, s);
  REQUIRE_FALSE(p.intervals.empty());
  std::size_t below = 0;
  for (const auto& ip : p.intervals) {
    CHECK(ip.result.model == "simulation");
    if (ip.result.service_level < 0.8) ++below;
  }
  // Each interval reports the simulated SL its staffing was decided on (mean over replications,
  // the queue left at its end drained by its own agents: docs/sim.md), so none is below 0.8.
  CHECK(below == 0);
  CHECK(p.overall.service_level >= 0.8);
  // Every queue target works: a maximum abandonment rate on top of the SL.
  auto with_abandon = s;
  with_abandon.targets.max_abandon_rate = 0.02;
  const auto pa = plan::staff_plan(d, with_abandon);
  REQUIRE(pa.intervals.size() == p.intervals.size());
  double more = 0;
  for (std::size_t k = 0; k < pa.intervals.size(); ++k) {
    const auto& r = pa.intervals[k].result;
    CHECK(r.abandon_rate <= 0.02);
    CHECK(r.service_level >= 0.8);
    more += r.agents - p.intervals[k].result.agents;
  }
  CHECK(more > 0);
}

TEST_CASE("the report's all-queues row only with several queues", "[plan][report]") {
  const auto several = plan::staff_plan(demand(), sample());
  REQUIRE(several.queues.size() > 1);
  CHECK(plan::report_data(several, sample(), demand(), nullptr, nullptr).overall.has_value());
  core::ForecastTable one = demand();
  one.queues.resize(1);
  const auto single = plan::staff_plan(one, sample());
  REQUIRE(single.queues.size() == 1);
  const auto data = plan::report_data(single, sample(), one, nullptr, nullptr);
  CHECK_FALSE(data.overall.has_value());  // it would repeat the queue's own row
  REQUIRE(data.queues.size() == 1);
}

TEST_CASE("a plan with a chat queue and an Erlang X queue (scenarios/channels.toml)", "[plan]") {
  const auto s = scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/channels.toml");
  // The same forecast as the sample: channels.toml changes only how queues are staffed.
  const auto d = plan::scenario_demand(s);
  auto p = plan::staff_plan(d, s);
  REQUIRE(p.queues == std::vector<std::string>{"sales", "support", "billing"});
  CHECK(p.queue_engines == std::vector<std::string>{"erlang-x", "erlang-a", "chat"});
  const auto sales = staffing::make_engine(s.engine_spec("sales"));
  const auto billing = staffing::make_engine(s.engine_spec("billing"));
  const auto plain = plan::staff_plan(d, sample());
  std::size_t chat_intervals = 0;
  for (std::size_t i = 0; i < p.intervals.size(); ++i) {
    const auto& iv = p.intervals[i];
    if (iv.calls == 0) continue;
    const staffing::IntervalLoad load{iv.calls, static_cast<double>(p.interval_s), iv.aht_s};
    if (iv.queue == 0) {
      const auto r = staffing::solve(*sales, load, s.targets_for("sales"));
      CHECK(iv.result.agents == r.agents);
      if (r.feasible) CHECK(iv.result.blocking <= 0.01);
    } else if (iv.queue == 2) {
      ++chat_intervals;
      const auto r = staffing::solve(*billing, load, s.targets_for("billing"));
      CHECK(iv.result.agents == r.agents);
      // Three chats per agent: fewer agents than the same queue staffed as voice.
      CHECK(iv.result.agents <= plain.intervals[i].result.agents);
    } else {
      CHECK(iv.result.agents == plain.intervals[i].result.agents);  // support is unchanged
    }
  }
  CHECK(chat_intervals > 0);
  CHECK(p.queue_totals[2].required_hours < plain.queue_totals[2].required_hours);

  plan::simulate_plan(p, s, {});
  CHECK(p.unsimulated.empty());  // the chat queue is simulated with its chats
  {  // the same simulation on one thread: every interval identical
    auto one = plan::staff_plan(d, s);
    {
      core::ThreadLimit single(1);
      plan::simulate_plan(one, s, {});
    }
    for (std::size_t i = 0; i < p.intervals.size(); ++i) {
      REQUIRE(one.intervals[i].simulated.has_value() == p.intervals[i].simulated.has_value());
      if (!p.intervals[i].simulated) continue;
      CHECK(one.intervals[i].simulated->service_level.mean ==
            p.intervals[i].simulated->service_level.mean);
      CHECK(one.intervals[i].simulated->blocked.mean == p.intervals[i].simulated->blocked.mean);
    }
  }
  CHECK(p.queue_totals[0].simulated_sl.has_value());  // Erlang X: simulated with its lines
  CHECK(p.queue_totals[1].simulated_sl.has_value());
  // Chat: simulated with its chats; the simulated day (queues carried across intervals) and the
  // engine's stationary intervals agree on the day's service level within a few points.
  REQUIRE(p.queue_totals[2].simulated_sl.has_value());
  CHECK(std::abs(*p.queue_totals[2].simulated_sl - p.queue_totals[2].service_level) < 0.05);
  const auto j = plan::summary_json(p, s, nullptr);
  CHECK(j["queues"][2]["channel"] == "chat");
  CHECK(j["queues"][2]["engine"] == "chat");
  CHECK(j["queues"][0]["engine"] == "erlang-x");
  CHECK(j["assumptions"]["queue billing"] ==
        "chat, up to 3 chats per agent; 80% within 60s (offered), abandon <= 5%");
  // The report's summary names each configured queue's channel and its own target.
  const auto data = plan::report_data(p, s, d, nullptr, nullptr);
  REQUIRE(data.queues.size() == 3);
  CHECK(data.queues[2].channel == "chat, up to 3 chats per agent");
  CHECK(data.queues[2].sl_target_label == "80% in 60 s");
  CHECK(data.queues[0].channel == "voice, Erlang X, 45 lines");
  CHECK(data.queues[1].channel.empty());
}

TEST_CASE("a plan with a blended queue and an email queue (scenarios/backoffice.toml)",
          "[plan][backlog]") {
  const auto s =
      scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/backoffice.toml");
  const auto d = plan::scenario_demand(s);  // the sample's forecast: only the staffing differs
  auto p = plan::staff_plan(d, s);
  REQUIRE(p.queues == std::vector<std::string>{"sales", "support", "billing"});
  CHECK(p.queue_engines == std::vector<std::string>{"blend", "erlang-a", "backlog"});
  const auto plain = plan::staff_plan(d, sample());

  // billing: the email queue is the backlog model run on its own demand, interval for interval,
  // with items arriving outside [hours] kept (they wait for the queue's own hours).
  staffing::BacklogQueue items;
  items.name = "billing";
  for (const auto& f : d.queues[2].intervals)
    items.intervals.push_back({f.start, f.calls, f.aht_s.value(), 0});
  staffing::BacklogOptions o;
  o.interval_s = d.interval_s;
  o.hours = staffing::BusinessHours{{false, true, true, true, true, true, false}, 8 * 3600,
                                    18 * 3600}
                .week();
  o.target = {0.9, 4 * 3600};
  o.min_agents = 1;  // [staffing] min_agents
  const staffing::BacklogResult direct = staffing::staff_backlog(items, o);
  std::vector<const pipeline::StaffedInterval*> billing;
  for (const auto& iv : p.intervals) {
    if (iv.queue == 2) billing.push_back(&iv);
  }
  REQUIRE(billing.size() == direct.slots.size());
  for (std::size_t t = 0; t < billing.size(); ++t) {
    const auto& iv = *billing[t];
    const auto& slot = direct.slots[t];
    INFO("billing slot " << t);
    CHECK(iv.start == slot.start);
    CHECK(iv.result.agents == slot.agents);
    CHECK(iv.scheduled == staffing::scheduled_agents(slot.agents, s.shrinkage.total(), false));
    CHECK(iv.result.feasible == slot.deadlines_met);
    REQUIRE(iv.backlog.has_value());
    CHECK(iv.backlog->backlog_items == slot.backlog_items);
  }
  const auto& bt = p.queue_totals[2];
  CHECK(bt.required_hours == Approx(direct.agent_hours));
  CHECK(bt.service_level == Approx(direct.fraction_within_target));
  CHECK(direct.fraction_within_target >= 0.9);
  CHECK(bt.infeasible == direct.infeasible_intervals);

  // sales: the blend engine, with at least 20 outbound calls an hour where feasible.
  const auto sales = staffing::make_engine(s.engine_spec("sales"));
  std::size_t sales_intervals = 0;
  for (const auto& iv : p.intervals) {
    if (iv.queue != 0 || iv.calls == 0) continue;
    ++sales_intervals;
    const auto r = staffing::solve(
        *sales, {iv.calls, static_cast<double>(p.interval_s), iv.aht_s}, s.targets_for("sales"));
    CHECK(iv.result.agents == r.agents);
    REQUIRE(iv.result.outbound.has_value());
    if (r.feasible) CHECK(iv.result.outbound->per_hour >= 20);
  }
  CHECK(sales_intervals > 0);
  // support: unchanged.
  for (std::size_t i = 0; i < p.intervals.size(); ++i) {
    if (p.intervals[i].queue != 1) continue;
    const auto& same = *std::find_if(plain.intervals.begin(), plain.intervals.end(),
                                     [&](const auto& x) {
                                       return x.queue == 1 && x.start == p.intervals[i].start;
                                     });
    CHECK(p.intervals[i].result.agents == same.result.agents);
  }
  // Overall service level: each queue's contacts against their own target, email items counted
  // when they fall due within the plan.
  double within = direct.items_within_target, weight = direct.items_due;
  for (const auto& iv : p.intervals) {
    if (iv.queue == 2) continue;
    within += iv.result.service_level * iv.calls;
    weight += iv.calls;
  }
  CHECK(p.overall.service_level == Approx(within / weight));
  CHECK(p.overall.required_hours ==
        Approx(p.queue_totals[0].required_hours + p.queue_totals[1].required_hours +
               p.queue_totals[2].required_hours));

  plan::simulate_plan(p, s, {});
  CHECK(p.unsimulated.empty());  // billing: simulated item by item (sim::simulate_backlog)
  CHECK(p.queue_totals[0].simulated_sl.has_value());  // blended: simulated with outbound work
  REQUIRE(p.queue_totals[2].simulated_sl.has_value());
  CHECK(*p.queue_totals[2].simulated_sl >= 0);
  CHECK(*p.queue_totals[2].simulated_sl <= 1);
  CHECK((!p.model_note || p.model_note->find("'billing'") == std::string::npos));
  // Every interval of billing's grid is simulated, with the demand's items on average.
  double simulated_items = 0;
  for (const auto& iv : p.intervals) {
    if (iv.queue != 2) continue;
    REQUIRE(iv.simulated.has_value());
    simulated_items += iv.simulated->offered.mean;
  }
  CHECK(simulated_items == Approx(direct.items).epsilon(0.05));

  const auto j = plan::summary_json(p, s, nullptr);
  CHECK(j["queues"][2]["channel"] == "email");
  CHECK(j["queues"][2]["engine"] == "backlog");
  CHECK(j["queues"][0]["engine"] == "blend");
  CHECK(j["assumptions"]["queue billing"] == "email, 90% within 4 business hours");
  const auto data = plan::report_data(p, s, d, nullptr, nullptr);
  REQUIRE(data.queues.size() == 3);
  CHECK(data.queues[2].sl_target_label == "90% in 4 business h");
  CHECK(data.queues[2].sl_target == 0.9);

  // The staffing CSV gains the backlog columns, filled for the email queue only.
  std::ostringstream csv;
  pipeline::write_staffing_csv(csv, p);
  const std::string text = csv.str();
  CHECK(text.find("backlog_items,oldest_business_age_s") != std::string::npos);
}

TEST_CASE("a plan's email queue with closed dates and an opening backlog", "[plan][backlog]") {
  // scenarios/backoffice.toml with billing closed on the forecast's third day and 120 items of
  // 300 s waiting at the start, 2 business hours old: the plan's billing rows are the backlog
  // model run directly with the same closed date and opening backlog, and the simulation check
  // starts with those items in the queue.
  auto s = scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/backoffice.toml");
  const auto d = plan::scenario_demand(s);
  const auto first_day = std::chrono::floor<std::chrono::days>(d.queues[2].intervals.front().start);
  const std::chrono::local_days holiday = first_day + std::chrono::days(2);
  const auto path = (std::filesystem::temp_directory_path() / "wfm_plan_opening_test.csv").string();
  {
    std::ofstream f(path);
    f << "queue,items,age_s,aht_s\nbilling,120,7200,300\nsales,99,0,300\n";
  }
  s.queues["billing"].closed_dates = {holiday};
  s.queues["billing"].opening_backlog = path;
  auto p = plan::staff_plan(d, s);

  staffing::BacklogQueue items;
  items.name = "billing";
  for (const auto& f : d.queues[2].intervals)
    items.intervals.push_back({f.start, f.calls, f.aht_s.value(), 0});
  items.opening = {{120, 7200, 300, {}, 2}};  // the sales row is another queue's
  staffing::BacklogOptions o;
  o.interval_s = d.interval_s;
  o.hours =
      staffing::BusinessHours{{false, true, true, true, true, true, false}, 8 * 3600, 18 * 3600}
          .week();
  o.target = {0.9, 4 * 3600};
  o.min_agents = 1;
  o.closed_dates = {holiday};
  const staffing::BacklogResult direct = staffing::staff_backlog(items, o);
  CHECK(direct.opening_items == 120);
  std::vector<const pipeline::StaffedInterval*> billing;
  for (const auto& iv : p.intervals) {
    if (iv.queue == 2) billing.push_back(&iv);
  }
  REQUIRE(billing.size() == direct.slots.size());
  bool holiday_seen = false;
  for (std::size_t t = 0; t < billing.size(); ++t) {
    INFO("billing slot " << t);
    CHECK(billing[t]->result.agents == direct.slots[t].agents);
    CHECK(billing[t]->backlog->backlog_items == direct.slots[t].backlog_items);
    if (std::chrono::floor<std::chrono::days>(direct.slots[t].start) == holiday) {
      CHECK_FALSE(direct.slots[t].open);
      CHECK(billing[t]->result.agents == 0);
      holiday_seen = true;
    }
  }
  CHECK(holiday_seen);
  CHECK(p.queue_totals[2].required_hours == Approx(direct.agent_hours));
  // Without the opening backlog and the holiday billing needs fewer hours on the first day.
  const auto plain = plan::staff_plan(
      d, scenario::load_scenario(std::string(WFM_SOURCE_DIR) + "/scenarios/backoffice.toml"));
  CHECK(p.queue_totals[2].required_hours > plain.queue_totals[2].required_hours);

  plan::simulate_plan(p, s, {});
  const auto first = std::find_if(p.intervals.begin(), p.intervals.end(),
                                  [](const auto& iv) { return iv.queue == 2; });
  REQUIRE(first != p.intervals.end());
  REQUIRE(first->simulated.has_value());
  // The 120 items are in the first interval's queue: done in it or still waiting at its end.
  CHECK(first->simulated->queue_length.mean + first->simulated->answered.mean >= 120);
  std::filesystem::remove(path);
}
