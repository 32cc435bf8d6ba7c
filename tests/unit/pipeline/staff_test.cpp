// The one staffing pipeline: the analytic method gives each interval exactly the solver's answer
// in the demand's order, whatever the thread count; scheduled agents follow the shrinkage; bad
// specs and demand are InputErrors naming what is wrong; the simulation check says when the
// staffing engine and the simulation model callers differently.
#include <catch2/catch.hpp>

#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/pipeline/staff.hpp"
#include "wfm/sim/backlog_staffing.hpp"
#include "wfm/staffing/registry.hpp"

using namespace wfm;

namespace {

using std::chrono::hours;
using std::chrono::minutes;

core::LocalTime at(int day, int hour, int minute = 0) {
  return core::LocalTime{std::chrono::local_days{std::chrono::year{2024} / 3 / (4 + day)}} +
         hours(hour) + minutes(minute);
}

// Two queues over two days, 30-minute intervals, calls rising through the day; one empty
// interval without AHT.
pipeline::Demand two_queues() {
  pipeline::Demand d;
  d.queues = {"sales", "support"};
  d.interval_s = 1800;
  for (std::size_t q = 0; q < 2; ++q) {
    for (int day = 0; day < 2; ++day) {
      for (int k = 0; k < 8; ++k) {
        const double calls = k == 0 ? 0.0 : 20.0 * (k + 1) * (q + 1);
        d.intervals.push_back({q, at(day, 8, 30 * k), calls, k == 0 ? 0.0 : 180.0 + 20 * k});
      }
    }
  }
  return d;
}

pipeline::StaffingSpec erlang_c_80_20(double shrinkage = 0.3) {
  pipeline::StaffingSpec spec;
  spec.engine.model = "erlang-c";
  spec.targets.service_level = 0.8;
  spec.targets.measure.threshold_s = 20;
  spec.shrinkage = shrinkage;
  return spec;
}

}  // namespace

TEST_CASE("analytic staffing gives every interval the solver's answer, in order", "[pipeline]") {
  const auto demand = two_queues();
  const auto spec = erlang_c_80_20();
  const auto plan = pipeline::staff(demand, spec);
  REQUIRE(plan.intervals.size() == demand.intervals.size());
  CHECK(plan.engine == "erlang-c");
  CHECK(plan.queues == demand.queues);
  CHECK(plan.span_days == 2);
  const auto engine = staffing::make_engine(spec.engine);
  for (std::size_t i = 0; i < demand.intervals.size(); ++i) {
    INFO("interval " << i);
    const auto& iv = plan.intervals[i];
    CHECK(iv.queue == demand.intervals[i].queue);
    CHECK(iv.start == demand.intervals[i].start);
    if (iv.calls == 0) {
      CHECK(iv.result.agents == 0);
      continue;
    }
    const auto direct = staffing::solve(*engine, {iv.calls, 1800, iv.aht_s}, spec.targets);
    CHECK(iv.result.agents == direct.agents);
    CHECK(iv.result.service_level == direct.service_level);
    CHECK(iv.result.service_level >= 0.8);
    // Scheduled = required / (1 - 0.3), rounded up.
    CHECK(iv.scheduled == std::ceil(iv.result.agents / 0.7 - 1e-9));
  }
}

TEST_CASE("analytic staffing does not depend on the thread count", "[pipeline]") {
  const auto demand = two_queues();
  pipeline::StaffingSpec spec = erlang_c_80_20();
  spec.engine.model = "";
  spec.engine.patience_s = 120.0;  // erlang-a from the patience
  spec.targets.max_abandon_rate = 0.05;
  pipeline::StaffingPlan one, two;
  {
    core::ThreadLimit limit(1);
    one = pipeline::staff(demand, spec);
  }
  {
    core::ThreadLimit limit(2);
    two = pipeline::staff(demand, spec);
  }
  CHECK(one.engine == "erlang-a");
  REQUIRE(one.intervals.size() == two.intervals.size());
  for (std::size_t i = 0; i < one.intervals.size(); ++i) {
    CHECK(one.intervals[i].result.agents == two.intervals[i].result.agents);
    CHECK(one.intervals[i].result.asa_s == two.intervals[i].result.asa_s);
  }
}

TEST_CASE("bad specs and demand are input errors naming what is wrong", "[pipeline]") {
  const auto demand = two_queues();
  auto spec = erlang_c_80_20(1.0);
  CHECK_THROWS_WITH(pipeline::staff(demand, spec), Catch::Contains("shrinkage in [0, 1)"));
  spec = erlang_c_80_20();
  spec.engine.model = "erlang-z";
  CHECK_THROWS_WITH(pipeline::staff(demand, spec),
                    Catch::Contains("expected erlang-b, erlang-c, erlang-a, erlang-x, chat or blend"));
  spec = erlang_c_80_20();
  spec.targets.max_abandon_rate = 0.05;  // Erlang C has no abandonment
  CHECK_THROWS_AS(pipeline::staff(demand, spec), core::InputError);
  spec = erlang_c_80_20();
  spec.method = pipeline::Method::kSimulation;
  spec.solve.fractional = true;
  CHECK_THROWS_WITH(pipeline::staff(demand, spec), Catch::Contains("whole agents"));
  spec = erlang_c_80_20();
  spec.engine.model = "erlang-b";
  spec.targets = {};
  spec.targets.max_blocking = 0.01;
  spec.method = pipeline::Method::kSimulation;
  CHECK_THROWS_WITH(pipeline::staff(demand, spec), Catch::Contains("not a loss system"));

  core::IntervalTable table;
  table.source = "d.csv";
  table.interval_s = 900;
  table.queues.push_back({"q", {}});
  core::IntervalRecord r;
  r.start = at(0, 9);
  r.offered = 10;
  r.source_line = 7;
  table.queues[0].intervals.push_back(r);
  CHECK_THROWS_WITH(pipeline::demand_from_table(table),
                    Catch::StartsWith("d.csv:7: column 'aht_s':"));
  const auto d = pipeline::demand_from_table(table, 200.0);
  REQUIRE(d.intervals.size() == 1);
  CHECK(d.intervals[0].aht_s == 200);
  CHECK(d.queues == std::vector<std::string>{"q"});
  // Daily totals cannot be staffed: a day's calls do not arrive evenly over 24 hours.
  table.interval_s = 86400;
  CHECK_THROWS_WITH(pipeline::demand_from_table(table, 200.0),
                    Catch::StartsWith("d.csv: the file has one-day intervals (daily totals)"));
}

TEST_CASE("the simulation check says when staffing and simulation model callers differently",
          "[pipeline]") {
  pipeline::Demand demand;
  demand.queues = {"q"};
  demand.interval_s = 900;
  for (int k = 0; k < 4; ++k) demand.intervals.push_back({0, at(0, 9, 15 * k), 40, 180});
  sim::SimSettings with_patience;
  with_patience.replications = 4;
  with_patience.patience.dist = sim::PatienceDist::kExponential;
  with_patience.patience.mean_s = 120;
  sim::SimSettings no_patience = with_patience;
  no_patience.patience = {};

  auto plan = pipeline::staff(demand, erlang_c_80_20());
  pipeline::simulate_check(plan, with_patience);
  REQUIRE(plan.model_note.has_value());
  CHECK_THAT(*plan.model_note, Catch::Contains("erlang-c") && Catch::Contains("120 s"));
  CHECK(plan.simulated);
  for (const auto& iv : plan.intervals) CHECK(iv.simulated.has_value());

  pipeline::simulate_check(plan, no_patience);
  CHECK_FALSE(plan.model_note.has_value());

  auto spec = erlang_c_80_20();
  spec.engine.model = "erlang-a";
  spec.engine.patience_s = 120.0;
  auto plan_a = pipeline::staff(demand, spec);
  pipeline::simulate_check(plan_a, with_patience);
  CHECK_FALSE(plan_a.model_note.has_value());
  pipeline::simulate_check(plan_a, no_patience);
  REQUIRE(plan_a.model_note.has_value());
  CHECK_THAT(*plan_a.model_note, Catch::Contains("no patience"));
}

TEST_CASE("simulation staffing: each queue-day by sim::staff_day_by_simulation, any queue target",
          "[pipeline]") {
  const auto demand = two_queues();
  auto spec = erlang_c_80_20(0.25);
  spec.engine.model = "erlang-a";
  spec.engine.patience_s = 90.0;
  spec.targets.max_asa_s = 30;
  spec.targets.max_abandon_rate = 0.05;
  spec.targets.confidence = 0.9;
  spec.method = pipeline::Method::kSimulation;
  spec.simulation.replications = 12;
  spec.simulation.seed = 4;
  spec.simulation.patience.dist = sim::PatienceDist::kExponential;
  spec.simulation.patience.mean_s = 90;
  std::size_t done_days = 0;
  const auto plan = pipeline::staff(demand, spec, [&](std::size_t done, std::size_t total) {
    CHECK(total == 4);  // 2 queues x 2 days
    done_days = std::max(done_days, done);
  });
  CHECK(done_days == 4);
  const auto analytic = pipeline::staff(demand, [&] {
    auto s = spec;
    s.method = pipeline::Method::kAnalytic;
    return s;
  }());
  REQUIRE(plan.intervals.size() == demand.intervals.size());
  bool moved = false;
  for (std::size_t k = 0; k < plan.intervals.size(); ++k) {
    const auto& iv = plan.intervals[k];
    INFO("interval " << k);
    CHECK(iv.result.model == "simulation");
    REQUIRE(iv.analytic_agents.has_value());
    CHECK(*iv.analytic_agents == analytic.intervals[k].result.agents);
    moved = moved || iv.result.agents != *iv.analytic_agents;
    CHECK(iv.scheduled == staffing::scheduled_agents(iv.result.agents, 0.25, false));
    REQUIRE(iv.result.error.has_value());
    CHECK(iv.result.error->replications == 12);
    CHECK(iv.result.feasible);
    CHECK(staffing::meets_targets(iv.result, spec.targets));
  }
  CHECK(moved);
}

TEST_CASE("queues with their own engine and targets (a scenario's [queues.NAME])", "[pipeline]") {
  const auto demand = two_queues();
  auto spec = erlang_c_80_20();
  pipeline::QueueSpec chat;
  chat.engine.model = "chat";
  chat.engine.concurrency = 2;
  chat.engine.aht_by_concurrency_s = {180, 240};
  chat.engine.patience_s = 300;
  chat.targets.service_level = 0.8;
  chat.targets.measure.threshold_s = 60;
  spec.queue_specs["sales"] = chat;
  const auto plan = pipeline::staff(demand, spec);
  CHECK(plan.engine == "erlang-c");
  CHECK(plan.queue_engines == std::vector<std::string>{"chat", "erlang-c"});
  const auto chat_engine = staffing::make_engine(chat.engine);
  const auto voice_engine = staffing::make_engine(spec.engine);
  for (const auto& iv : plan.intervals) {
    if (iv.calls == 0) continue;
    const bool is_chat = iv.queue == 0;
    const auto direct =
        staffing::solve(is_chat ? *chat_engine : *voice_engine, {iv.calls, 1800, iv.aht_s},
                        is_chat ? chat.targets : spec.targets);
    CHECK(iv.result.agents == direct.agents);
    CHECK(iv.result.service_level == direct.service_level);
  }

  // The simulation check simulates the chat queue with its chats (concurrency 2, the engine's
  // handle-time profile and patience): every interval simulated, nothing left out.
  auto checked = plan;
  sim::SimSettings settings;
  settings.replications = 3;
  pipeline::simulate_check(checked, settings);
  CHECK(checked.unsimulated.empty());
  for (const auto& iv : checked.intervals) CHECK(iv.simulated.has_value());
  CHECK_FALSE(checked.model_note.has_value());
  // The chat queue is measured at its own 60 s: the same simulation measured at the plan's 20 s
  // (its own targets dropped) counts fewer chats within the threshold, never more.
  auto at_20s = plan;
  at_20s.queue_measures.clear();
  pipeline::simulate_check(at_20s, settings);
  bool some_more = false;
  for (std::size_t i = 0; i < plan.intervals.size(); ++i) {
    const auto& own = checked.intervals[i].simulated->service_level;
    const auto& global = at_20s.intervals[i].simulated->service_level;
    if (plan.intervals[i].queue != 0) {
      CHECK(own.mean == global.mean);
    } else if (own.defined) {
      CHECK(own.mean >= global.mean);
      some_more = some_more || own.mean > global.mean;
    }
  }
  CHECK(some_more);

  // Errors: a queue the demand does not have.
  auto unknown = spec;
  unknown.queue_specs["billing"] = chat;
  CHECK_THROWS_WITH(pipeline::staff(demand, unknown), Catch::Contains("no queue 'billing'"));
  auto blend = spec;
  pipeline::QueueSpec outbound;
  outbound.engine.model = "blend";
  outbound.engine.outbound_threshold = 1;
  outbound.targets = chat.targets;
  blend.queue_specs["sales"] = outbound;
  blend.method = pipeline::Method::kSimulation;
  blend.simulation.replications = 3;
  // The simulation method staffs a blend queue with its outbound work, to its outbound target too.
  blend.queue_specs["sales"].targets.min_outbound_per_hour = 10;
  const auto blended = pipeline::staff(demand, blend);
  std::size_t sales = 0;
  for (const auto& iv : blended.intervals) {
    if (blended.queues[iv.queue] != "sales") continue;
    ++sales;
    REQUIRE(iv.result.outbound.has_value());
    REQUIRE(iv.analytic_agents.has_value());  // staffed by simulation from the blend engine
    if (iv.result.feasible) CHECK(iv.result.outbound->per_hour >= 10);
  }
  CHECK(sales > 0);
}

TEST_CASE("staffing by simulation staffs a chat queue with its chats", "[pipeline][chat]") {
  const auto demand = two_queues();
  auto spec = erlang_c_80_20();
  pipeline::QueueSpec chat;
  chat.engine.model = "chat";
  chat.engine.concurrency = 3;
  chat.engine.aht_by_concurrency_s = {180, 210, 240};
  chat.engine.patience_s = 300;
  chat.targets.service_level = 0.8;
  chat.targets.measure.threshold_s = 60;
  spec.queue_specs["sales"] = chat;
  spec.method = pipeline::Method::kSimulation;
  spec.simulation.replications = 40;
  spec.simulation.seed = 11;
  const auto plan = pipeline::staff(demand, spec);
  double sim_agents = 0, analytic_agents = 0;
  for (const auto& iv : plan.intervals) {
    if (iv.queue != 0 || iv.calls == 0) continue;
    REQUIRE(iv.result.error.has_value());  // a simulated answer
    if (iv.result.feasible) CHECK(iv.result.service_level >= 0.8);
    sim_agents += iv.result.agents;
    analytic_agents += iv.analytic_agents.value();
  }
  // The chat engine's chain and the simulated chats agree closely (tests/unit/sim): over the day
  // the agents differ by a few percent at most, where staffing the chats as voice calls would
  // need about 2.5 times as many.
  REQUIRE(analytic_agents > 0);
  CHECK(std::abs(sim_agents / analytic_agents - 1) < 0.1);
}

TEST_CASE("simulation staffing takes each queue's own targets", "[pipeline]") {
  const auto demand = two_queues();
  auto base = erlang_c_80_20();
  base.method = pipeline::Method::kSimulation;
  base.simulation.replications = 4;
  base.simulation.seed = 11;
  auto strict = base.targets;
  strict.service_level = 0.9;
  // support at 90% through queue_specs, sales at 80% by default; then the same the other way
  // round: every interval must come out the same.
  auto a = base;
  a.queue_specs["support"] = {base.engine, strict};
  auto b = base;
  b.targets = strict;
  b.queue_specs["sales"] = {base.engine, base.targets};
  const auto pa = pipeline::staff(demand, a);
  const auto pb = pipeline::staff(demand, b);
  std::size_t stricter = 0;
  const auto plain = pipeline::staff(demand, base);
  for (std::size_t i = 0; i < pa.intervals.size(); ++i) {
    CHECK(pa.intervals[i].result.agents == pb.intervals[i].result.agents);
    if (pa.intervals[i].queue == 1 &&
        pa.intervals[i].result.agents > plain.intervals[i].result.agents) {
      ++stricter;
    }
    if (pa.intervals[i].queue == 0) {
      CHECK(pa.intervals[i].result.agents == plain.intervals[i].result.agents);
    }
  }
  CHECK(stricter > 0);  // the 90% queue got more agents somewhere
}

TEST_CASE("simulation staffing: an email queue by sim::staff_backlog_by_simulation",
          "[pipeline][backlog]") {
  // A voice queue (staffed by simulation as usual) and an email queue: five weekdays of items
  // around the clock, 6 minutes each, 85% within 3 business hours, worked 09:00-17:00.
  pipeline::Demand d;
  d.queues = {"voice", "mail"};
  d.interval_s = 1800;
  for (int k = 1; k < 4; ++k) d.intervals.push_back({0, at(0, 9, 30 * k), 30.0, 180.0});
  staffing::BacklogQueue mail;
  mail.name = "mail";
  for (int day = 0; day < 5; ++day) {
    for (int k = 0; k < 48; ++k) {
      const double items = k >= 16 && k < 36 ? 12.0 : 3.0;
      d.intervals.push_back({1, at(day, 0, 30 * k), items, 360.0});
      mail.intervals.push_back({at(day, 0, 30 * k), items, 360.0, 0});
    }
  }
  auto spec = erlang_c_80_20(0.2);
  spec.method = pipeline::Method::kSimulation;
  spec.simulation.replications = 10;
  spec.simulation.seed = 3;
  pipeline::BacklogSpec b;
  b.target = {0.85, 3 * 3600};
  b.hours =
      staffing::BusinessHours{{false, true, true, true, true, true, false}, 9 * 3600, 17 * 3600}
          .week();
  spec.queue_specs["mail"] = {{}, {}, b};
  const auto plan = pipeline::staff(d, spec);

  staffing::BacklogOptions o;
  o.interval_s = 1800;
  o.hours = b.hours;
  o.target = b.target;
  sim::SimSettings items;
  items.replications = 10;
  items.seed = 3;
  const sim::BacklogSimStaffing direct = sim::staff_backlog_by_simulation(mail, o, items, {}, 1);
  const staffing::BacklogResult fluid = staffing::staff_backlog(mail, o);
  REQUIRE(direct.met);
  CHECK(direct.result.agent_hours > fluid.agent_hours);  // the margin was needed
  std::vector<const pipeline::StaffedInterval*> rows;
  for (const auto& iv : plan.intervals) {
    if (iv.queue == 1) rows.push_back(&iv);
  }
  REQUIRE(rows.size() == direct.result.slots.size());
  for (std::size_t t = 0; t < rows.size(); ++t) {
    INFO("mail slot " << t);
    CHECK(rows[t]->result.agents == direct.result.slots[t].agents);
    CHECK(rows[t]->result.model == "backlog");
    REQUIRE(rows[t]->analytic_agents.has_value());
    CHECK(*rows[t]->analytic_agents == fluid.slots[t].agents);
    CHECK(rows[t]->scheduled ==
          staffing::scheduled_agents(direct.result.slots[t].agents, 0.2, false));
  }
  // A 100% target cannot be staffed by simulation: an error naming the queue's target.
  spec.queue_specs["mail"].backlog->target.fraction = 1.0;
  CHECK_THROWS_WITH(pipeline::staff(d, spec), Catch::Contains("queues.mail.target"));
}

TEST_CASE("simulation staffing: an email queue with an opening backlog and a closed date",
          "[pipeline][backlog]") {
  // Five weekdays of email, 85% within 3 business hours, 09:00-17:00, the third day closed, and
  // 50 items of 6 minutes waiting at the start, 1 business hour old: the plan's rows are
  // sim::staff_backlog_by_simulation run directly with the same opening backlog and closed date.
  pipeline::Demand d;
  d.queues = {"mail"};
  d.interval_s = 1800;
  staffing::BacklogQueue mail;
  mail.name = "mail";
  for (int day = 0; day < 5; ++day) {
    for (int k = 0; k < 48; ++k) {
      const double items = k >= 16 && k < 36 ? 12.0 : 3.0;
      d.intervals.push_back({0, at(day, 0, 30 * k), items, 360.0});
      mail.intervals.push_back({at(day, 0, 30 * k), items, 360.0, 0});
    }
  }
  mail.opening = {{50, 3600, 360, {}, 0}};
  const auto holiday = std::chrono::floor<std::chrono::days>(at(2, 0));
  auto spec = erlang_c_80_20(0.2);
  spec.method = pipeline::Method::kSimulation;
  spec.simulation.replications = 10;
  spec.simulation.seed = 3;
  pipeline::BacklogSpec b;
  b.target = {0.85, 3 * 3600};
  b.hours =
      staffing::BusinessHours{{false, true, true, true, true, true, false}, 9 * 3600, 17 * 3600}
          .week();
  b.closed_dates = {holiday};
  b.opening = mail.opening;
  spec.queue_specs["mail"] = {{}, {}, b};
  const auto plan = pipeline::staff(d, spec);

  staffing::BacklogOptions o;
  o.interval_s = 1800;
  o.hours = b.hours;
  o.target = b.target;
  o.closed_dates = {holiday};
  sim::SimSettings items;
  items.replications = 10;
  items.seed = 3;
  const sim::BacklogSimStaffing direct = sim::staff_backlog_by_simulation(mail, o, items, {}, 0);
  REQUIRE(direct.met);
  CHECK(direct.opening_target_items == 50);
  CHECK(direct.opening_met);
  CHECK(direct.days.size() == 4);  // the holiday is no business day
  REQUIRE(plan.backlog_opening.size() == 1);
  CHECK(plan.backlog_opening[0].size() == 1);
  std::vector<const pipeline::StaffedInterval*> rows;
  for (const auto& iv : plan.intervals) rows.push_back(&iv);
  REQUIRE(rows.size() == direct.result.slots.size());
  bool holiday_seen = false;
  for (std::size_t t = 0; t < rows.size(); ++t) {
    INFO("mail slot " << t);
    CHECK(rows[t]->result.agents == direct.result.slots[t].agents);
    if (std::chrono::floor<std::chrono::days>(direct.result.slots[t].start) == holiday) {
      CHECK(rows[t]->result.agents == 0);
      holiday_seen = true;
    }
  }
  CHECK(holiday_seen);
}
