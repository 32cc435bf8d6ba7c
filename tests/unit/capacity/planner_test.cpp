// wfm::capacity::CapacityPlanner: a hand-computed plan (every number), flat demand, growth timed
// lead + training ahead, the hiring cap, unavoidable shortfall, trainees already in class and
// trainee attrition, whole-person rounding against the fractional plan, monotonicity properties,
// minimality against every other covering plan, and the field named in each validation error.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <random>
#include <vector>

#include "wfm/capacity/planner.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"

using wfm::capacity::CapacityParams;
using wfm::capacity::CapacityPlan;
using wfm::capacity::CapacityPlanner;
using wfm::capacity::HireRounding;
using wfm::capacity::Shortfall;
using wfm::capacity::TraineeCohort;

namespace {

// The annual rate whose weekly rate is `weekly`: 1 - (1 - weekly)^52.
double annual_for_weekly(double weekly) {
  return 1.0 - std::pow(1.0 - weekly, 52);
}

std::string field_of(const CapacityParams& params, const std::vector<double>& required = {1}) {
  try {
    CapacityPlanner(params).plan(required);
  } catch (const wfm::core::InputError& e) {
    return e.where().field;
  }
  return "no error";
}

// Checks the identities every plan satisfies, whatever its inputs.
void check_identities(const CapacityPlanner& planner, const std::vector<double>& required,
                      const CapacityPlan& plan) {
  const double r = planner.weekly_attrition();
  double cumulative = 0, hires = 0;
  for (std::size_t w = 0; w < plan.weeks.size(); ++w) {
    const auto& row = plan.weeks[w];
    CHECK(row.week == static_cast<int>(w));
    CHECK(row.required_fte == required[w]);
    CHECK(row.productive_start ==
          Approx(w == 0 ? planner.params().starting_headcount : plan.weeks[w - 1].productive_end));
    CHECK(row.attrition == Approx(r * row.productive_start));
    CHECK(row.productive_end ==
          Approx(row.productive_start - row.attrition + row.graduates).margin(1e-9));
    CHECK(row.gap == Approx(row.productive_end - row.required_fte).margin(1e-6));
    CHECK((row.shortfall == Shortfall::none) == (row.gap >= 0));
    CHECK(row.hires_decided >= 0);
    cumulative += row.cost;
    hires += row.hires_decided;
    CHECK(row.cumulative_cost == Approx(cumulative));
  }
  CHECK(plan.totals.cost == Approx(cumulative));
  CHECK(plan.totals.hires == Approx(hires));
}

}  // namespace

TEST_CASE("capacity: weekly attrition rate and hourly costs", "[capacity]") {
  CHECK(wfm::capacity::weekly_attrition_rate(0) == 0);
  CHECK(wfm::capacity::weekly_attrition_rate(0.3) == Approx(1 - std::pow(0.7, 1.0 / 52)));
  CHECK(wfm::capacity::weekly_attrition_rate(annual_for_weekly(0.1)) == Approx(0.1));
  // Small rates keep their precision (expm1/log1p): 1e-9 a year is ~1.923e-11 a week.
  CHECK(wfm::capacity::weekly_attrition_rate(1e-9) == Approx(1e-9 / 52).epsilon(1e-6));
  const auto rates = wfm::capacity::cost_rates_from_hourly(25, 18, 37.5);
  CHECK(rates.productive_per_fte_week == 937.5);
  CHECK(rates.trainee_per_fte_week == 675);
}

TEST_CASE("capacity: hand-computed 6-week plan", "[capacity]") {
  // 100 productive agents, 10 % weekly attrition, hiring lead 1 week, 2 weeks in class: a hire
  // decided in week k starts class in k+1 and is productive in k+3 (d = 3). Productive agents
  // cost 1000 a week, trainees 800.
  CapacityParams params;
  params.starting_headcount = 100;
  params.attrition_annual = annual_for_weekly(0.10);
  params.hiring_lead_weeks = 1;
  params.training_weeks = 2;
  params.cost = {1000, 800};
  params.start_date = std::chrono::local_days{std::chrono::year{2025} / 1 / 6};
  const CapacityPlanner planner(params);
  const std::vector<double> required = {95, 90, 90, 90, 95, 100};

  SECTION("fractional (expected) hires") {
    const auto plan = planner.plan(required, HireRounding::fractional);
    check_identities(planner, required, plan);
    REQUIRE(plan.weeks.size() == 6);
    CHECK(plan.hire_to_productive_weeks == 3);
    CHECK(plan.weekly_attrition == Approx(0.1));
    // Weeks 0-2 are before any hire can be productive:
    //   w0: 100 - 10   = 90    vs 95: -5     (unavoidable)
    //   w1:  90 - 9    = 81    vs 90: -9     (unavoidable)
    //   w2:  81 - 8.1  = 72.9  vs 90: -17.1  (unavoidable)
    // w3: 72.9 - 7.29 = 65.61, short 24.39 -> 24.39 hired in w0 (class w1, w2), end 90.
    // w4: 90 - 9 = 81, short 14 -> 14 hired in w1 (class w2, w3), end 95.
    // w5: 95 - 9.5 = 85.5, short 14.5 -> 14.5 hired in w2 (class w3, w4), end 100.
    const double start[] = {100, 90, 81, 72.9, 90, 95};
    const double attrition[] = {10, 9, 8.1, 7.29, 9, 9.5};
    const double graduates[] = {0, 0, 0, 24.39, 14, 14.5};
    const double end[] = {90, 81, 72.9, 90, 95, 100};
    const double gap[] = {-5, -9, -17.1, 0, 0, 0};
    // In class at the start of the week: w1 24.39; w2 24.39 + 14; w3 14 + 14.5; w4 14.5.
    const double in_training[] = {0, 24.39, 38.39, 28.5, 14.5, 0};
    const double decided[] = {24.39, 14, 14.5, 0, 0, 0};
    const double starting_class[] = {0, 24.39, 14, 14.5, 0, 0};
    // Productive cost: (start + graduates) * 1000; trainee cost: in class * 800.
    //   w0 100000 + 0; w1 90000 + 19512; w2 81000 + 30712; w3 97290 + 22800;
    //   w4 104000 + 11600; w5 109500 + 0.
    const double productive_cost[] = {100000, 90000, 81000, 97290, 104000, 109500};
    const double trainee_cost[] = {0, 19512, 30712, 22800, 11600, 0};
    const double cumulative[] = {100000, 209512, 321224, 441314, 556914, 666414};
    const char* dates[] = {"2025-01-06", "2025-01-13", "2025-01-20",
                           "2025-01-27", "2025-02-03", "2025-02-10"};
    for (std::size_t w = 0; w < 6; ++w) {
      INFO("week " << w);
      const auto& row = plan.weeks[w];
      CHECK(row.productive_start == Approx(start[w]));
      CHECK(row.attrition == Approx(attrition[w]));
      CHECK(row.graduates == Approx(graduates[w]).margin(1e-12));
      CHECK(row.productive_end == Approx(end[w]));
      CHECK(row.gap == Approx(gap[w]).margin(1e-12));
      CHECK(row.shortfall == (w < 3 ? Shortfall::unavoidable : Shortfall::none));
      CHECK(row.in_training == Approx(in_training[w]).margin(1e-12));
      CHECK(row.trainee_attrition == 0);
      CHECK(row.hires_decided == Approx(decided[w]).margin(1e-12));
      CHECK(row.hires_starting_class == Approx(starting_class[w]).margin(1e-12));
      CHECK(row.productive_cost == Approx(productive_cost[w]));
      CHECK(row.trainee_cost == Approx(trainee_cost[w]).margin(1e-9));
      CHECK(row.cost == Approx(productive_cost[w] + trainee_cost[w]));
      CHECK(row.cumulative_cost == Approx(cumulative[w]));
      REQUIRE(row.start_date);
      CHECK(wfm::core::format_local_date(*row.start_date) == dates[w]);
    }
    // 24.39 + 14 + 14.5 = 52.89 hires (= the attrition: the plan ends where it started, 100).
    CHECK(plan.totals.hires == Approx(52.89));
    CHECK(plan.totals.attrition == Approx(52.89));
    CHECK(plan.totals.productive_cost == Approx(581790));
    CHECK(plan.totals.trainee_cost == Approx(84624));
    CHECK(plan.totals.cost == Approx(666414));
    CHECK(plan.totals.weeks_short == 3);
    CHECK(plan.totals.weeks_unavoidable == 3);
    CHECK(plan.totals.weeks_capped == 0);
    CHECK(plan.totals.worst_shortfall == Approx(17.1));
    CHECK(plan.totals.worst_week == 2);
  }

  SECTION("whole-person hires") {
    const auto plan = planner.plan(required, HireRounding::whole);
    check_identities(planner, required, plan);
    // w3: short 24.39 -> 25 hired in w0, end 65.61 + 25 = 90.61.
    // w4: 90.61 - 9.061 = 81.549, short 13.451 -> 14 hired in w1, end 95.549.
    // w5: 95.549 - 9.5549 = 85.9941, short 14.0059 -> 15 hired in w2, end 100.9941.
    CHECK(plan.weeks[0].hires_decided == 25);
    CHECK(plan.weeks[1].hires_decided == 14);
    CHECK(plan.weeks[2].hires_decided == 15);
    CHECK(plan.weeks[3].productive_end == Approx(90.61));
    CHECK(plan.weeks[4].productive_end == Approx(95.549));
    CHECK(plan.weeks[5].productive_end == Approx(100.9941));
    CHECK(plan.weeks[5].gap == Approx(0.9941));
    CHECK(plan.totals.hires == 54);
    CHECK(plan.totals.weeks_short == 3);
    // Trainee cost: (25 + 25 + 14 + 14 + 15 + 15) * 800.
    CHECK(plan.totals.trainee_cost == Approx(108 * 800));
  }
}

TEST_CASE("capacity: zero attrition and flat demand hire nobody", "[capacity]") {
  CapacityParams params;
  params.starting_headcount = 50;
  params.hiring_lead_weeks = 4;
  params.training_weeks = 6;
  params.cost = {900, 700};
  const CapacityPlanner planner(params);
  const std::vector<double> required(20, 50.0);
  for (auto rounding : {HireRounding::fractional, HireRounding::whole}) {
    const auto plan = planner.plan(required, rounding);
    check_identities(planner, required, plan);
    for (const auto& row : plan.weeks) {
      CHECK(row.productive_end == 50);
      CHECK(row.gap == 0);
      CHECK(row.hires_decided == 0);
      CHECK(row.in_training == 0);
      CHECK(!row.start_date);
    }
    CHECK(plan.totals.hires == 0);
    CHECK(plan.totals.weeks_short == 0);
    CHECK(plan.totals.worst_shortfall == 0);
    CHECK(!plan.totals.worst_week);
    CHECK(plan.totals.cost == 50 * 900 * 20);
  }
  // A surplus is reported, never fired.
  const auto plan = planner.plan(std::vector<double>(5, 40.0));
  for (const auto& row : plan.weeks) CHECK(row.gap == 10);
}

TEST_CASE("capacity: growth is hired lead + training weeks ahead", "[capacity]") {
  // No attrition; demand steps from 100 to 110 in week 10; lead 2, training 3 (d = 5): the 10
  // hires are decided in week 5, start class in week 7 (in class 7, 8, 9), productive in 10.
  CapacityParams params;
  params.starting_headcount = 100;
  params.hiring_lead_weeks = 2;
  params.training_weeks = 3;
  params.cost = {1000, 600};
  const CapacityPlanner planner(params);
  std::vector<double> required(14, 100.0);
  for (std::size_t w = 10; w < required.size(); ++w) required[w] = 110;
  const auto plan = planner.plan(required, HireRounding::whole);
  check_identities(planner, required, plan);
  for (const auto& row : plan.weeks) {
    INFO("week " << row.week);
    CHECK(row.hires_decided == (row.week == 5 ? 10 : 0));
    CHECK(row.hires_starting_class == (row.week == 7 ? 10 : 0));
    CHECK(row.in_training == (row.week >= 7 && row.week <= 9 ? 10 : 0));
    CHECK(row.graduates == (row.week == 10 ? 10 : 0));
    CHECK(row.gap == 0);
    CHECK(row.trainee_cost == row.in_training * 600);
  }
  CHECK(plan.totals.hires == 10);
  CHECK(plan.totals.weeks_short == 0);
}

TEST_CASE("capacity: the hiring cap leaves a gap, reported as hiring_cap", "[capacity]") {
  // As above with at most 4 hires a week: week 10 gets 4 (decided in 5), week 11 another 4
  // (decided in 6), week 12 the last 2 (decided in 7).
  CapacityParams params;
  params.starting_headcount = 100;
  params.hiring_lead_weeks = 2;
  params.training_weeks = 3;
  params.max_hires_per_week = 4;
  const CapacityPlanner planner(params);
  std::vector<double> required(14, 100.0);
  for (std::size_t w = 10; w < required.size(); ++w) required[w] = 110;
  for (auto rounding : {HireRounding::fractional, HireRounding::whole}) {
    const auto plan = planner.plan(required, rounding);
    check_identities(planner, required, plan);
    const double decided[14] = {0, 0, 0, 0, 0, 4, 4, 2, 0, 0, 0, 0, 0, 0};
    const double gap[14] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -6, -2, 0, 0};
    for (std::size_t w = 0; w < 14; ++w) {
      INFO("week " << w);
      CHECK(plan.weeks[w].hires_decided == decided[w]);
      CHECK(plan.weeks[w].gap == Approx(gap[w]).margin(1e-12));
      CHECK(plan.weeks[w].shortfall ==
            (w == 10 || w == 11 ? Shortfall::hiring_cap : Shortfall::none));
    }
    CHECK(plan.totals.hires == 10);
    CHECK(plan.totals.weeks_short == 2);
    CHECK(plan.totals.weeks_capped == 2);
    CHECK(plan.totals.weeks_unavoidable == 0);
    CHECK(plan.totals.worst_shortfall == 6);
    CHECK(plan.totals.worst_week == 10);
  }
  // A cap of 0 hires nobody.
  params.max_hires_per_week = 0;
  const auto none = CapacityPlanner(params).plan(required);
  CHECK(none.totals.hires == 0);
  CHECK(none.totals.weeks_capped == 4);
}

TEST_CASE("capacity: shortfall before lead + training is unavoidable", "[capacity]") {
  // 10 agents for a need of 20 from week 0; lead 1, training 1 (d = 2): weeks 0 and 1 stay 10
  // short; the 10 hires decided in week 0 close week 2.
  CapacityParams params;
  params.starting_headcount = 10;
  params.hiring_lead_weeks = 1;
  params.training_weeks = 1;
  const CapacityPlanner planner(params);
  const std::vector<double> required(4, 20.0);
  const auto plan = planner.plan(required);
  check_identities(planner, required, plan);
  CHECK(plan.weeks[0].shortfall == Shortfall::unavoidable);
  CHECK(plan.weeks[1].shortfall == Shortfall::unavoidable);
  CHECK(plan.weeks[0].gap == -10);
  CHECK(plan.weeks[1].gap == -10);
  CHECK(plan.weeks[2].gap == 0);
  CHECK(plan.weeks[3].gap == 0);
  CHECK(plan.weeks[0].hires_decided == 10);
  CHECK(plan.weeks[1].hires_starting_class == 10);
  CHECK(plan.weeks[1].in_training == 10);
  CHECK(plan.weeks[2].graduates == 10);
  CHECK(plan.totals.weeks_unavoidable == 2);
  CHECK(plan.totals.worst_shortfall == 10);
  CHECK(plan.totals.worst_week == 0);

  // A horizon shorter than d: nothing can be hired in time.
  const auto short_plan = planner.plan(std::vector<double>{20, 20});
  CHECK(short_plan.totals.hires == 0);
  CHECK(short_plan.totals.weeks_unavoidable == 2);

  // No lead or training: hires are productive at once, nothing is unavoidable.
  params.hiring_lead_weeks = 0;
  params.training_weeks = 0;
  const auto instant = CapacityPlanner(params).plan(required);
  CHECK(instant.weeks[0].hires_decided == 10);
  CHECK(instant.weeks[0].graduates == 10);
  CHECK(instant.totals.weeks_short == 0);
}

TEST_CASE("capacity: trainees already hired, and attrition in class", "[capacity]") {
  // r = 10 %/week, lead 0, training 2, trainees leave too. Nobody productive at first.
  // Cohort A: 10 in class now, graduating in week 1 (one class week left in the horizon):
  //   in class w0 = 10, 1 leaves, 9 graduate in w1.
  // Cohort B: 5 starting class in week 3 (graduation 5): in class w3 = 5, w4 = 4.5; 4.05
  //   graduate in w5.
  // Requirement: w2 = 16.2. Carried into w2: 9 - 0.9 = 8.1, short 8.1 graduates = 8.1 / 0.81 = 10
  //   hires decided in w0, in class w0 = 10, w1 = 9; 8.1 graduate in w2, end 16.2.
  CapacityParams params;
  params.attrition_annual = annual_for_weekly(0.10);
  params.attrition_in_training = true;
  params.training_weeks = 2;
  params.in_training = {TraineeCohort{10, 1}, TraineeCohort{5, 5}};
  params.cost = {100, 50};
  const CapacityPlanner planner(params);
  const std::vector<double> required = {0, 0, 16.2, 0, 0, 0};
  const auto plan = planner.plan(required, HireRounding::fractional);
  check_identities(planner, required, plan);
  const double in_training[] = {20, 9, 0, 5, 4.5, 0};
  const double trainee_attrition[] = {2, 0.9, 0, 0.5, 0.45, 0};
  const double graduates[] = {0, 9, 8.1, 0, 0, 4.05};
  const double decided[] = {10, 0, 0, 0, 0, 0};
  for (std::size_t w = 0; w < 6; ++w) {
    INFO("week " << w);
    CHECK(plan.weeks[w].in_training == Approx(in_training[w]).margin(1e-12));
    CHECK(plan.weeks[w].trainee_attrition == Approx(trainee_attrition[w]).margin(1e-12));
    CHECK(plan.weeks[w].graduates == Approx(graduates[w]).margin(1e-12));
    CHECK(plan.weeks[w].hires_decided == Approx(decided[w]).margin(1e-12));
    CHECK(plan.weeks[w].trainee_cost == Approx(50 * in_training[w]).margin(1e-9));
  }
  CHECK(plan.weeks[2].productive_end == Approx(16.2));
  CHECK(plan.weeks[2].gap == 0);
  CHECK(plan.totals.trainee_attrition == Approx(2 + 0.9 + 0.5 + 0.45));
  // Whole people: ceil(10 - rounding noise) is still 10.
  CHECK(planner.plan(required, HireRounding::whole).totals.hires == 10);

  // Without attrition in class the cohorts graduate whole and 8.1 graduates need 8.1 hires.
  params.attrition_in_training = false;
  const auto kept = CapacityPlanner(params).plan(required, HireRounding::fractional);
  CHECK(kept.weeks[1].graduates == 10);
  CHECK(kept.weeks[5].graduates == 5);
  CHECK(kept.weeks[0].hires_decided == Approx(16.2 - 9));
  CHECK(kept.totals.trainee_attrition == 0);
}

namespace {

struct RandomCase {
  CapacityParams params;
  std::vector<double> required;
};

RandomCase random_case(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<int> weeks(1, 40), small(0, 4);
  RandomCase c;
  c.params.starting_headcount = std::floor(u(rng) * 80);
  c.params.attrition_annual = u(rng) * 0.9;
  c.params.attrition_in_training = u(rng) < 0.5;
  c.params.hiring_lead_weeks = small(rng);
  c.params.training_weeks = small(rng);
  if (u(rng) < 0.3) c.params.max_hires_per_week = static_cast<double>(small(rng) * 3);
  if (u(rng) < 0.5) c.params.in_training = {TraineeCohort{u(rng) * 10, small(rng)}};
  c.params.cost = {1000, 700};
  const int n = weeks(rng);
  double level = 20 + u(rng) * 60;
  for (int w = 0; w < n; ++w) {
    level = std::max(0.0, level + (u(rng) - 0.4) * 10);
    c.required.push_back(level);
  }
  return c;
}

}  // namespace

TEST_CASE("capacity: whole-person rounding never leaves a gap the fractional plan closes",
          "[capacity][property]") {
  std::mt19937_64 rng(20250105);
  for (int trial = 0; trial < 2000; ++trial) {
    const auto c = random_case(rng);
    const CapacityPlanner planner(c.params);
    const auto fractional = planner.plan(c.required, HireRounding::fractional);
    const auto whole = planner.plan(c.required, HireRounding::whole);
    for (std::size_t w = 0; w < c.required.size(); ++w) {
      INFO("trial " << trial << " week " << w);
      CHECK(whole.weeks[w].hires_decided == std::floor(whole.weeks[w].hires_decided));
      CHECK(whole.weeks[w].productive_end >= fractional.weeks[w].productive_end - 1e-9);
      if (fractional.weeks[w].shortfall == Shortfall::none) {
        CHECK(whole.weeks[w].shortfall == Shortfall::none);
      }
    }
    check_identities(planner, c.required, whole);
  }
}

TEST_CASE("capacity: more demand or more attrition never lowers total hires",
          "[capacity][property]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 2000; ++trial) {
    const auto c = random_case(rng);
    for (auto rounding : {HireRounding::fractional, HireRounding::whole}) {
      INFO("trial " << trial << " whole " << (rounding == HireRounding::whole));
      const double hires = CapacityPlanner(c.params).plan(c.required, rounding).totals.hires;

      auto more = c.required;
      for (auto& r : more) {
        if (u(rng) < 0.3) r += u(rng) * 15;
      }
      CHECK(CapacityPlanner(c.params).plan(more, rounding).totals.hires >= hires - 1e-9);

      auto higher = c.params;
      higher.attrition_annual =
          c.params.attrition_annual + (0.99 - c.params.attrition_annual) * u(rng);
      CHECK(CapacityPlanner(higher).plan(c.required, rounding).totals.hires >= hires - 1e-9);
    }
  }
}

TEST_CASE("capacity: the fractional uncapped plan hires no more than any covering plan",
          "[capacity][property]") {
  // Every plan that covers each week from d on hires, for week w, its shortfall plus some
  // extra >= 0 (in decision week w - d). Simulate such plans independently of the planner: with
  // no extra they must reproduce its hires; with random extras they never hire less in total.
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 500; ++trial) {
    auto c = random_case(rng);
    c.params.max_hires_per_week.reset();
    c.params.in_training.clear();
    const CapacityPlanner planner(c.params);
    const auto plan = planner.plan(c.required, HireRounding::fractional);
    const double r = planner.weekly_attrition();
    const int d = c.params.hiring_lead_weeks + c.params.training_weeks;
    const double s =
        c.params.attrition_in_training ? std::pow(1 - r, c.params.training_weeks) : 1.0;
    const auto simulate = [&](bool with_extras, std::vector<double>& hires) {
      double headcount = c.params.starting_headcount;
      for (std::size_t w = 0; w < c.required.size(); ++w) {
        headcount *= 1 - r;
        if (static_cast<int>(w) >= d) {
          double h = std::max(0.0, c.required[w] - headcount) / s;
          if (with_extras && u(rng) < 0.3) h += u(rng) * 5;
          hires[w - static_cast<std::size_t>(d)] = h;
          headcount += h * s;
        }
      }
    };
    std::vector<double> greedy(c.required.size(), 0.0), other(c.required.size(), 0.0);
    simulate(false, greedy);
    for (std::size_t w = 0; w < c.required.size(); ++w) {
      INFO("trial " << trial << " week " << w);
      CHECK(plan.weeks[w].hires_decided == Approx(greedy[w]).margin(1e-9));
    }
    for (int variant = 0; variant < 5; ++variant) {
      simulate(true, other);
      double total = 0;
      for (double h : other) total += h;
      INFO("trial " << trial << " variant " << variant);
      CHECK(total >= plan.totals.hires - 1e-9);
    }
  }
}

TEST_CASE("capacity: invalid parameters name the field", "[capacity]") {
  CapacityParams good;
  good.starting_headcount = 10;
  CHECK(field_of(good) == "no error");

  auto p = good;
  p.starting_headcount = -1;
  CHECK(field_of(p) == "capacity.starting_headcount");
  p = good;
  p.starting_headcount = NAN;
  CHECK(field_of(p) == "capacity.starting_headcount");
  p = good;
  p.attrition_annual = 1;
  CHECK(field_of(p) == "capacity.attrition_annual");
  p.attrition_annual = -0.1;
  CHECK(field_of(p) == "capacity.attrition_annual");
  p = good;
  p.hiring_lead_weeks = -1;
  CHECK(field_of(p) == "capacity.hiring_lead_weeks");
  p = good;
  p.training_weeks = -2;
  CHECK(field_of(p) == "capacity.training_weeks");
  p = good;
  p.max_hires_per_week = 2.5;
  CHECK(field_of(p) == "capacity.max_hires_per_week");
  p.max_hires_per_week = -1;
  CHECK(field_of(p) == "capacity.max_hires_per_week");
  p = good;
  p.cost.productive_per_fte_week = INFINITY;
  CHECK(field_of(p) == "capacity.productive_cost_per_week");
  p = good;
  p.cost.trainee_per_fte_week = -5;
  CHECK(field_of(p) == "capacity.trainee_cost_per_week");
  p = good;
  p.in_training = {TraineeCohort{3, 2}, TraineeCohort{-1, 2}};
  CHECK(field_of(p) == "capacity.in_training[1].agents");
  p.in_training = {TraineeCohort{3, -2}};
  CHECK(field_of(p) == "capacity.in_training[0].graduation_week");

  CHECK(field_of(good, {}) == "capacity.weeks");
  CHECK(field_of(good, {1, -1}) == "capacity.required_fte[1]");
  CHECK(field_of(good, {1, 2, INFINITY}) == "capacity.required_fte[2]");

  CHECK_THROWS_AS(wfm::capacity::cost_rates_from_hourly(20, 15, 0), wfm::core::InputError);
  try {
    wfm::capacity::cost_rates_from_hourly(20, 15, -1);
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()) == "capacity.hours_per_fte_week: expected a number > 0, got -1");
  }
  try {
    p = good;
    p.attrition_annual = 1.5;
    CapacityPlanner{p};
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()) ==
          "capacity.attrition_annual: expected a number in [0, 1), got 1.5");
  }
  CHECK(wfm::capacity::to_string(Shortfall::hiring_cap) == "hiring_cap");
}
