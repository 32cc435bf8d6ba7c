// Backlog (email) staffing: hand-worked cases, business-hours edges, an item-by-item FIFO
// simulation written here (independent of backlog.cpp: its own business clock and weekdays) that
// confirms every deadline of the produced staffing, minimality, infeasibility flagged, the
// projection of given agents, determinism and bad input.
#include "wfm/staffing/backlog.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"

using namespace wfm::staffing;
using wfm::core::LocalTime;

namespace {

LocalTime at(const char* text) {
  const auto t = wfm::core::parse_local_time(text);
  REQUIRE(t.has_value());
  return *t;
}

BacklogOptions weekday_options(int interval_s, int open_h, int close_h, double within_s,
                               double fraction = 1.0) {
  BacklogOptions o;
  o.interval_s = interval_s;
  std::array<bool, 7> days{};
  for (int d = 1; d <= 5; ++d) days[static_cast<std::size_t>(d)] = true;
  o.hours = wfm::staffing::BusinessHours{days, open_h * 3600, close_h * 3600}.week();
  o.target = {fraction, within_s};
  return o;
}

// The independent check. Items are whole, each of its interval's handle time; agents pool their
// time (an item may be finished by the next interval's agents). Business time is counted here in
// seconds from the first interval, interval by interval, with weekdays from days since 1970-01-01
// (a Thursday). An item arriving in an open interval is available from the interval's end and is
// due T business seconds after the interval's start; one arriving while closed is available and
// starts its clock at the next opening. Returns, per cohort (interval with items), whether at least
// `fraction` of its items were done by their deadline. Closed dates close the whole day.
// Opening groups (q.opening, whole items, age_s given) are first in the queue, oldest first,
// available at business second 0, and due at the last interval end within their T - age business
// seconds (one with none left is overdue: never within target, judged at the end of the first
// open interval); judged as cohorts too (in cohort_met, not in cohort_within).
struct SimOutcome {
  std::vector<bool> cohort_met;          // cohorts whose deadline falls within the grid
  std::vector<double> cohort_within;     // items done in time, same order (arrivals only)
  std::vector<std::size_t> cohort_slot;  // slot of each judged cohort
  double opening_within = 0;             // opening items done by their deadline
  double opening_due = 0;                // opening items whose deadline is within the grid
};

SimOutcome simulate_items(const BacklogQueue& q, const BacklogOptions& o,
                          const std::vector<double>& agents) {
  const std::int64_t dt = o.interval_s;
  const auto first_s = q.intervals.front().start.time_since_epoch().count();
  const std::size_t n = agents.size();
  // Business seconds at the start of every slot, and whether it is open.
  std::vector<std::int64_t> business(n + 1, 0);
  std::vector<bool> open(n);
  for (std::size_t t = 0; t < n; ++t) {
    const std::int64_t wall = first_s + static_cast<std::int64_t>(t) * dt;
    const std::int64_t days = wall >= 0 ? wall / 86400 : (wall - 86399) / 86400;
    const std::int64_t tod = wall - days * 86400;
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 4) % 7);  // 0 = Sunday
    const auto& day = o.hours.days[(weekday + 6) % 7];  // Monday first
    bool holiday = false;
    for (const auto& d : o.closed_dates) holiday = holiday || d.time_since_epoch().count() == days;
    open[t] = !holiday && tod >= day.open_min * 60 && tod < day.close_min * 60;
    business[t + 1] = business[t] + (open[t] ? dt : 0);
  }
  struct Item {
    std::size_t cohort;
    double work;
    double available_b;  // business seconds
    double due_b;
  };
  std::vector<Item> items;
  std::vector<double> cohort_items;
  std::vector<std::size_t> cohort_slots;
  const auto k = static_cast<std::int64_t>(std::floor(o.target.within_s / static_cast<double>(dt)));
  // The opening groups, oldest first; cohort index kOpeningCohort + group.
  constexpr std::size_t kOpeningCohort = 1000000;
  std::vector<BacklogOpening> groups = q.opening;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const auto& a, const auto& b) { return a.age_s > b.age_s; });
  std::vector<double> group_due(groups.size()), group_within(groups.size(), 0.0);
  std::vector<bool> group_overdue(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double left = std::floor((o.target.within_s - groups[g].age_s) / static_cast<double>(dt));
    group_overdue[g] = left < 1;
    group_due[g] = std::max(left, 1.0) * static_cast<double>(dt);
    for (int i = 0; i < static_cast<int>(groups[g].items); ++i)
      items.push_back({kOpeningCohort + g, groups[g].handle_s, 0.0, group_due[g]});
  }
  for (const BacklogInterval& r : q.intervals) {
    if (r.items <= 0) continue;
    const auto t = static_cast<std::size_t>((r.start.time_since_epoch().count() - first_s) / dt);
    const double clock = static_cast<double>(business[t]);
    const double available = static_cast<double>(business[t + 1]);
    const std::size_t c = cohort_items.size();
    cohort_items.push_back(r.items);
    cohort_slots.push_back(t);
    for (int i = 0; i < static_cast<int>(r.items); ++i)
      items.push_back({c, r.handle_s, available, clock + static_cast<double>(k * dt)});
  }
  std::vector<double> within(cohort_items.size(), 0);
  std::size_t next = 0;
  double left_of_item = items.empty() ? 0 : items[0].work;
  for (std::size_t t = 0; t < n && next < items.size(); ++t) {
    if (!open[t] || agents[t] <= 0) continue;
    const double start_b = static_cast<double>(business[t]);
    double used = 0;
    const double capacity = agents[t] * static_cast<double>(dt);
    while (next < items.size() && items[next].available_b <= start_b && used < capacity) {
      const double step = std::min(left_of_item, capacity - used);
      used += step;
      left_of_item -= step;
      if (left_of_item <= 0) {
        const double done_b = start_b + used / agents[t];
        if (done_b <= items[next].due_b) {
          const std::size_t c = items[next].cohort;
          (c >= kOpeningCohort ? group_within[c - kOpeningCohort] : within[c]) += 1;
        }
        ++next;
        if (next < items.size()) left_of_item = items[next].work;
      }
    }
  }
  SimOutcome out;
  const double end_b = static_cast<double>(business[n]);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (group_due[g] > end_b) continue;
    out.cohort_met.push_back(group_within[g] >= o.target.fraction * groups[g].items);
    out.opening_due += groups[g].items;
    if (!group_overdue[g]) out.opening_within += group_within[g];
  }
  for (std::size_t c = 0; c < cohort_items.size(); ++c) {
    // Judged only when the deadline falls within the grid's business time.
    const double due = static_cast<double>(business[cohort_slots[c]]) + static_cast<double>(k * dt);
    if (due > end_b) continue;
    out.cohort_met.push_back(within[c] >= o.target.fraction * cohort_items[c]);
    out.cohort_within.push_back(within[c]);
    out.cohort_slot.push_back(cohort_slots[c]);
  }
  return out;
}

bool all_met(const SimOutcome& s) {
  for (bool b : s.cohort_met)
    if (!b) return false;
  return true;
}

std::vector<double> agents_of(const BacklogResult& r) {
  std::vector<double> a;
  for (const auto& s : r.slots) a.push_back(s.agents);
  return a;
}

// Two weeks of 30-minute intervals, 24/7 arrivals (quieter at night and at weekends), whole
// items, from a fixed linear congruential sequence.
BacklogQueue two_weeks(std::uint32_t seed, int handle_s = 240) {
  BacklogQueue q;
  q.name = "mail";
  LocalTime t = at("2024-03-04T00:00");
  std::uint32_t x = seed;
  for (int i = 0; i < 14 * 48; ++i) {
    x = x * 1664525u + 1013904223u;
    const int hour = (i % 48) / 2;
    const bool weekend = (i / 48) % 7 >= 5;
    const int base = (hour >= 8 && hour < 20) ? 12 : 3;
    const double items = (weekend ? base / 3 : base) + static_cast<int>((x >> 16) % 7);
    q.intervals.push_back({t, items,
                           static_cast<double>(handle_s + static_cast<int>((x >> 8) % 60)),
                           static_cast<std::size_t>(i + 2)});
    t += std::chrono::minutes(30);
  }
  return q;
}

}  // namespace

TEST_CASE("backlog: one cohort by hand, worked as late as its level allows", "[backlog]") {
  // Hourly intervals, open 09-17 Monday-Friday, T = 3 h: 10 items of 360 s (one agent-hour)
  // arriving 09:00 Monday are workable from 10:00 and due by 12:00.
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-04T09:00"), 10, 360, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  const BacklogResult r = staff_backlog(q, o);
  REQUIRE(r.slots.size() == 8);
  CHECK(r.deadline_intervals == 3);
  CHECK(r.slots[0].agents == 0);  // nothing workable yet
  CHECK(r.slots[1].agents == 1);  // 3600 s over the two hours to 12:00, but all workable now
  CHECK(r.slots[2].agents == 0);
  CHECK(r.slots[0].backlog_items == 10);
  CHECK(r.slots[0].oldest_age_s == 3600);
  CHECK(r.slots[1].items_done == Approx(10));
  CHECK(r.slots[1].backlog_items == 0);
  CHECK(r.feasible);
  CHECK(r.items_due == 10);
  CHECK(r.fraction_within_target == 1);
  CHECK(r.agent_hours == 1);
  CHECK(r.peak_agents == 1);
}

TEST_CASE("backlog: the level spreads a large cohort over its window", "[backlog]") {
  // 90 items of 240 s = 6 agent-hours, workable from 10:00, due by 12:00: 3 agents for 2 hours.
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-04T09:00"), 90, 240, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  const BacklogResult r = staff_backlog(q, o);
  CHECK(r.slots[1].agents == 3);
  CHECK(r.slots[2].agents == 3);
  CHECK(r.slots[3].agents == 0);
  CHECK(r.feasible);
  CHECK(all_met(simulate_items(q, o, agents_of(r))));
}

TEST_CASE("backlog: an item arriving after close waits for the opening, clock stopped",
          "[backlog]") {
  // Arrives Friday 20:00 (closed): workable Monday 09:00, due by Monday 12:00 (3 business hours);
  // the weekend does not count.
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-08T20:00"), 30, 360, 2}, {at("2024-03-11T16:00"), 0, 0, 3}};
  const BacklogResult r = staff_backlog(q, o);
  std::size_t monday9 = 0;
  while (r.slots[monday9].start != at("2024-03-11T09:00")) ++monday9;
  for (std::size_t t = 0; t < monday9; ++t) {
    CHECK_FALSE(r.slots[t].open);
    CHECK(r.slots[t].agents == 0);
    CHECK(r.slots[t].backlog_items == 30);
  }
  CHECK(r.slots[monday9].agents == 1);  // 3 agent-hours over 3 hours
  CHECK(r.slots[monday9 + 1].agents == 1);
  CHECK(r.slots[monday9 + 2].agents == 1);
  CHECK(r.slots[monday9 + 3].agents == 0);
  // Age just before Monday's opening: 61 wall hours since Friday 20:00, no business time.
  CHECK(r.slots[monday9 - 1].oldest_age_s == 61 * 3600);
  CHECK(r.slots[monday9 - 1].oldest_business_age_s == 0);
  CHECK(r.slots[monday9].oldest_business_age_s == 3600);
  CHECK(r.feasible);
  CHECK(all_met(simulate_items(q, o, agents_of(r))));
}

TEST_CASE("backlog: the last open interval's arrivals wait for the next open day", "[backlog]") {
  // Friday 16:00-17:00 is open: its items are workable from Monday 09:00 and due 3 business hours
  // after Friday 16:00, by Monday 11:00.
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-08T16:00"), 20, 360, 2}, {at("2024-03-11T16:00"), 0, 0, 3}};
  const BacklogResult r = staff_backlog(q, o);
  std::size_t monday9 = 0;
  while (r.slots[monday9].start != at("2024-03-11T09:00")) ++monday9;
  CHECK(r.slots[0].agents == 0);
  CHECK(r.slots[monday9].agents == 1);
  CHECK(r.slots[monday9 + 1].agents == 1);
  CHECK(r.slots[monday9 + 2].agents == 0);
  CHECK(r.feasible);
  CHECK(all_met(simulate_items(q, o, agents_of(r))));
}

TEST_CASE(
    "backlog: the staffing meets every deadline in an item-by-item simulation, and is minimal",
    "[backlog]") {
  for (const double within_h : {2.0, 4.0, 8.0}) {
    for (const std::uint32_t seed : {1u, 7u, 42u}) {
      const BacklogQueue q = two_weeks(seed);
      const BacklogOptions o = weekday_options(1800, 8, 18, within_h * 3600);
      const BacklogResult r = staff_backlog(q, o);
      INFO("within " << within_h << " h, seed " << seed);
      REQUIRE(r.feasible);
      const std::vector<double> agents = agents_of(r);
      const SimOutcome sim = simulate_items(q, o, agents);
      REQUIRE(!sim.cohort_met.empty());
      CHECK(all_met(sim));
      // The projection's own count agrees with the item-level one (whole items here).
      double within = 0;
      for (double w : sim.cohort_within) within += w;
      CHECK(r.items_within_target == Approx(within));
      // And interval by interval: each cohort's items done in time sit in its arrival slot.
      std::vector<double> slot_within(r.slots.size(), 0.0);
      for (std::size_t c = 0; c < sim.cohort_slot.size(); ++c)
        slot_within[sim.cohort_slot[c]] = sim.cohort_within[c];
      double due = 0;
      for (std::size_t t = 0; t < r.slots.size(); ++t) {
        CHECK(r.slots[t].arrivals_within_target == Approx(slot_within[t]).margin(1e-9));
        CHECK(r.slots[t].arrivals_within_target <= r.slots[t].arrivals_due + 1e-9);
        due += r.slots[t].arrivals_due;
      }
      CHECK(due == Approx(r.items_due));
      // One agent fewer, held for the deadline window from any staffed interval, misses one.
      std::size_t checked = 0;
      for (std::size_t t = 0; t < agents.size(); ++t) {
        if (!r.slots[t].open || agents[t] <= 0) continue;
        std::vector<double> fewer = agents;
        const double n = agents[t] - 1;
        for (std::size_t u = t, opened = 0;
             u < agents.size() && opened < static_cast<std::size_t>(r.deadline_intervals); ++u) {
          if (!r.slots[u].open) continue;
          fewer[u] = n;
          ++opened;
        }
        const bool missed = !all_met(simulate_items(q, o, fewer));
        INFO("slot " << t << " agents " << agents[t]);
        CHECK(missed);
        CHECK_FALSE(project_backlog(q, o, fewer).feasible);
        ++checked;
      }
      CHECK(checked > 100);
    }
  }
}

TEST_CASE("backlog: other hours, days, targets and caps, checked by the item simulation",
          "[backlog]") {
  struct Case {
    int open_h, close_h;
    std::vector<int> days;  // c_encoding
    double within_h, fraction;
    int min_agents;
    std::optional<int> max_agents;
    bool feasible;
  };
  const std::vector<Case> cases = {
      {7, 19, {1, 2, 3, 4, 5, 6}, 3.0, 1.0, 0, std::nullopt, true},
      {0, 24, {0, 1, 2, 3, 4, 5, 6}, 1.0, 1.0, 0, std::nullopt, true},
      {9, 17, {1, 3, 5}, 6.25, 1.0, 1, std::nullopt, true},  // T rounded down to 6 h
      {8, 20, {1, 2, 3, 4, 5}, 4.0, 0.8, 0, std::nullopt, true},
      {8, 20, {1, 2, 3, 4, 5}, 8.0, 1.0, 0, 14, true},
      {10, 14, {2, 4}, 2.0, 1.0, 2, 100, true},
      // Four days of mail due in the first 2 hours of a Tuesday: about 72 agents needed.
      {10, 14, {2, 4}, 2.0, 1.0, 2, 40, false},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    BacklogOptions o;
    o.interval_s = 1800;
    std::array<bool, 7> days{};
    for (int d : c.days) days[static_cast<std::size_t>(d)] = true;
    o.hours = wfm::staffing::BusinessHours{days, c.open_h * 3600, c.close_h * 3600}.week();
    o.target = {c.fraction, c.within_h * 3600};
    o.min_agents = c.min_agents;
    o.max_agents = c.max_agents;
    BacklogQueue q = two_weeks(static_cast<std::uint32_t>(100 + i));
    for (auto& r : q.intervals) r.items = 5 * std::ceil(r.items / 5);
    const BacklogResult r = staff_backlog(q, o);
    INFO("case " << i);
    const SimOutcome sim = simulate_items(q, o, agents_of(r));
    CHECK(!sim.cohort_met.empty());
    CHECK(r.feasible == c.feasible);
    CHECK(all_met(sim) == c.feasible);
    if (c.feasible) CHECK(r.fraction_within_target >= c.fraction);
    if (!c.feasible) CHECK(r.peak_agents == *c.max_agents);
    for (const auto& slot : r.slots) {
      if (!slot.open) {
        CHECK(slot.agents == 0);
        continue;
      }
      CHECK(slot.agents >= c.min_agents);
      if (c.max_agents) CHECK(slot.agents <= *c.max_agents);
    }
  }
}

TEST_CASE("backlog: fraction p of every interval's items within the target", "[backlog]") {
  // Items in multiples of 5 so that 80% of a cohort is whole items.
  BacklogQueue q = two_weeks(3);
  for (auto& r : q.intervals) r.items = 5 * std::ceil(r.items / 5);
  const BacklogOptions all = weekday_options(1800, 8, 18, 4 * 3600, 1.0);
  const BacklogOptions most = weekday_options(1800, 8, 18, 4 * 3600, 0.8);
  const BacklogResult r_all = staff_backlog(q, all);
  const BacklogResult r_most = staff_backlog(q, most);
  REQUIRE(r_most.feasible);
  CHECK(all_met(simulate_items(q, most, agents_of(r_most))));
  CHECK(r_most.fraction_within_target >= 0.8);
  CHECK(r_most.agent_hours <= r_all.agent_hours);
  CHECK(r_all.fraction_within_target == 1);
}

TEST_CASE("backlog: min and max agents; infeasible deadlines are flagged, not thrown",
          "[backlog]") {
  BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-04T09:00"), 90, 240, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};

  o.min_agents = 1;
  BacklogResult r = staff_backlog(q, o);
  for (const auto& s : r.slots) CHECK(s.agents >= 1);
  CHECK(r.feasible);

  // At most 2 agents: 6 agent-hours cannot be done in the 2 hours to 12:00.
  o.min_agents = 0;
  o.max_agents = 2;
  r = staff_backlog(q, o);
  CHECK_FALSE(r.feasible);
  CHECK(r.infeasible_intervals == 1);
  CHECK_FALSE(r.slots[2].deadlines_met);
  CHECK(r.peak_agents == 2);
  CHECK(r.fraction_within_target == Approx(4.0 / 6.0));
  CHECK(r.slots[2].backlog_items == Approx(30));

  // At most 2 agents but T = 5 h: feasible only by starting early, which the backward pass does.
  o.target.within_s = 5 * 3600;
  q.intervals[0].items = 90;  // 6 agent-hours, workable 10:00, due by 14:00
  r = staff_backlog(q, o);
  CHECK(r.feasible);
  CHECK(all_met(simulate_items(q, o, agents_of(r))));
}

TEST_CASE("backlog: projection of given agents", "[backlog]") {
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-04T09:00"), 10, 360, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  // Nobody on Monday: the items are never done, their deadline (12:00) is missed.
  std::vector<double> none(8, 0.0);
  BacklogResult r = project_backlog(q, o, none);
  CHECK_FALSE(r.feasible);
  CHECK(r.fraction_within_target == 0);
  CHECK(r.final_backlog_items == 10);
  CHECK(r.slots.back().oldest_age_s == 8 * 3600);
  // Half an agent from 11:00: half the work by 12:00, the rest by 13:00.
  std::vector<double> half(8, 0.0);
  half[2] = half[3] = 0.5;
  r = project_backlog(q, o, half);
  CHECK(r.slots[2].items_done == Approx(5));
  CHECK(r.slots[3].items_done == Approx(5));
  CHECK(r.fraction_within_target == Approx(0.5));
  CHECK(r.final_backlog_items == 0);
  CHECK(r.agent_hours == Approx(1));
  // Agents in closed intervals do nothing and are reported as 0.
  BacklogQueue night;
  night.intervals = {{at("2024-03-04T06:00"), 10, 360, 2}, {at("2024-03-04T09:00"), 0, 0, 3}};
  r = project_backlog(night, o, {5, 5, 5, 1});
  CHECK(r.slots[0].agents == 0);
  CHECK(r.slots[0].items_done == 0);
  CHECK(r.slots[3].items_done == 10);
  CHECK_THROWS_AS(project_backlog(q, o, {1, 2}), wfm::core::InputError);
  CHECK_THROWS_AS(project_backlog(q, o, std::vector<double>(8, -1)), wfm::core::InputError);
}

TEST_CASE("backlog: deterministic, and the staffing's projection is project_backlog's",
          "[backlog]") {
  const BacklogQueue q = two_weeks(11);
  const BacklogOptions o = weekday_options(1800, 8, 18, 4 * 3600);
  const BacklogResult a = staff_backlog(q, o);
  const BacklogResult b = staff_backlog(q, o);
  const BacklogResult c = project_backlog(q, o, agents_of(a));
  REQUIRE(a.slots.size() == b.slots.size());
  for (std::size_t t = 0; t < a.slots.size(); ++t) {
    CHECK(a.slots[t].agents == b.slots[t].agents);
    CHECK(a.slots[t].backlog_items == c.slots[t].backlog_items);
    CHECK(a.slots[t].oldest_age_s == c.slots[t].oldest_age_s);
  }
  CHECK(a.agent_hours == c.agent_hours);
  CHECK(a.fraction_within_target == c.fraction_within_target);
}

TEST_CASE("backlog: bad input is an InputError", "[backlog]") {
  BacklogQueue q;
  q.source = "mail.csv";
  q.intervals = {{at("2024-03-04T09:00"), 10, 360, 2}, {at("2024-03-04T10:00"), 5, 360, 3}};
  const BacklogOptions good = weekday_options(3600, 9, 17, 3 * 3600);
  CHECK_NOTHROW(staff_backlog(q, good));
  BacklogOptions o = good;
  o.target.within_s = 3600;  // one interval
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
  o = good;
  o.target.fraction = 0;
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
  o = good;
  o.target.fraction = std::nan("");
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
  o = good;
  o.hours = {};  // every day closed
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
  o = good;
  o.hours.days[0].open_min = 9 * 60 + 15;  // Monday opens off the hourly grid
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
  o = good;
  o.max_agents = 0;
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);

  BacklogQueue bad = q;
  bad.intervals[1].items = -1;
  try {
    staff_backlog(bad, good);
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()).find("mail.csv:3: column 'offered'") != std::string::npos);
  }
  bad = q;
  bad.intervals[1].handle_s = 0;
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  bad = q;
  bad.intervals[1].items = 2e6;
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  bad = q;
  std::swap(bad.intervals[0], bad.intervals[1]);
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  bad = q;
  bad.intervals[1].start += std::chrono::minutes(10);
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  bad.intervals.clear();
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  // A grid of more than 10,000,000 intervals is refused before it is built.
  bad = q;
  bad.intervals[1].start = at("3200-03-04T10:00");
  CHECK_THROWS_AS(staff_backlog(bad, good), wfm::core::InputError);
  o = good;
  o.target.within_s = 367.0 * 86400;
  CHECK_THROWS_AS(staff_backlog(q, o), wfm::core::InputError);
}

TEST_CASE("backlog: totals over queues add the queues up", "[backlog]") {
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue a, b;
  a.intervals = {{at("2024-03-04T09:00"), 10, 360, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  b.intervals = {{at("2024-03-04T09:00"), 90, 240, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  const BacklogResult ra = staff_backlog(a, o), rb = staff_backlog(b, o);
  const BacklogResult all = backlog_totals({ra, rb});
  CHECK(all.slots.empty());
  CHECK(all.items == ra.items + rb.items);
  CHECK(all.items_due == ra.items_due + rb.items_due);
  CHECK(all.agent_hours == ra.agent_hours + rb.agent_hours);  // 1 + 6 agent-hours
  CHECK(all.agent_hours == 7);
  CHECK(all.open_intervals == ra.open_intervals + rb.open_intervals);
  CHECK(all.max_oldest_age_s == std::max(ra.max_oldest_age_s, rb.max_oldest_age_s));
  CHECK(all.fraction_within_target == 1);
  CHECK(all.feasible);
  CHECK(backlog_totals({}).fraction_within_target == 1);
}

TEST_CASE("backlog: business hours from text", "[backlog]") {
  CHECK(parse_open_hours("08:00-18:00") == std::pair{8 * 3600, 18 * 3600});
  CHECK(parse_open_hours("00:00-24:00") == std::pair{0, 86400});
  for (const char* bad : {"18:00-08:00", "08:00-08:00", "8:00-18:00", "08:00", "08:60-18:00",
                          "24:30-25:00", "08:00-18:00x", ""}) {
    INFO(bad);
    CHECK_FALSE(parse_open_hours(bad).has_value());
  }
  const auto weekdays = parse_open_days("Mon-Fri");
  REQUIRE(weekdays.has_value());
  CHECK(*weekdays == std::array<bool, 7>{false, true, true, true, true, true, false});
  CHECK(format_open_days(*weekdays) == "mon,tue,wed,thu,fri");
  const auto wrap = parse_open_days("fri-mon,wednesday");
  REQUIRE(wrap.has_value());
  CHECK(format_open_days(*wrap) == "mon,wed,fri,sat,sun");
  for (const char* bad : {"mo-fr", "monday-funday", "", "mon,,fri", "mond"}) {
    INFO(bad);
    CHECK_FALSE(parse_open_days(bad).has_value());
  }
}

TEST_CASE("backlog: with a time zone the skipped spring hour is closed and ages no item",
          "[backlog][time_zone]") {
  // Open every day around the clock, hourly, T = 3 h. 10 items of 360 s arrive on Sunday
  // 2024-03-31 at 00:00; Europe/Paris skips 02:00-02:59 that night. Without a zone the items are
  // due by 03:00 (slots 01:00 and 02:00 work them); with the zone the 02:00 slot is closed, the
  // business clock skips it, and they are due by 04:00 (slots 01:00 and 03:00).
  BacklogOptions o;
  o.interval_s = 3600;
  o.target = {1.0, 3 * 3600};  // hours: around the clock by default
  BacklogQueue q;
  q.intervals = {{at("2024-03-31T00:00"), 10, 720, 2}, {at("2024-03-31T05:00"), 0, 0, 3}};
  const BacklogResult plain = staff_backlog(q, o);
  REQUIRE(plain.slots.size() == 6);
  CHECK(plain.slots[2].open);
  CHECK(plain.slots[1].agents + plain.slots[2].agents == 2);  // 7200 s of work by 03:00
  CHECK(plain.slots[2].oldest_age_s == 0);                    // done by 03:00
  CHECK(plain.slots[1].oldest_age_s == 2 * 3600);

  o.time_zone = wfm::core::TimeZone::locate("Europe/Paris", wfm::core::at_flag("--timezone"));
  const BacklogResult zoned = staff_backlog(q, o);
  REQUIRE(zoned.slots.size() == 6);
  CHECK_FALSE(zoned.slots[2].open);  // 02:00 does not exist
  CHECK(zoned.slots[2].agents == 0);
  CHECK(zoned.open_intervals == 5);
  CHECK(zoned.slots[1].agents + zoned.slots[3].agents == 2);
  CHECK(zoned.slots[3].backlog_items == 0);
  CHECK(zoned.feasible);
  // At 03:00 the oldest item has waited 2 elapsed hours (00:00 to 03:00 less the skipped hour).
  CHECK(zoned.slots[2].oldest_age_s == 2 * 3600);
  CHECK(zoned.slots[2].oldest_business_age_s == 2 * 3600);
}

TEST_CASE("backlog: an opening backlog by hand, overdue items first", "[backlog][opening]") {
  // Hourly, open 09-17 Monday-Friday, T = 3 h, from Monday 09:00 with no arrivals. Waiting at the
  // start: 5 items of 360 s aged 4 business hours (overdue: due and missed, to be cleared in the
  // first hour), 10 aged 1.5 h (1.5 h left: due by 10:00, the last interval end within it) and 20
  // aged 0 (due by 12:00). FIFO, oldest first, p = 1: 15 items (5400 s) by 10:00 and all 35
  // (12600 s) by 12:00. The level from 09:00 is max(ceil(5400/3600), ceil(12600/10800)) = 2;
  // then 1 and 1 for the 5400 s left over the two hours to 12:00.
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2024-03-04T09:00"), 0, 0, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  q.opening = {{20, 0, 360, {}, 4}, {5, 4 * 3600, 360, {}, 2}, {10, 5400, 360, {}, 3}};
  const BacklogResult r = staff_backlog(q, o);
  REQUIRE(r.slots.size() == 8);
  CHECK(r.slots[0].agents == 2);
  CHECK(r.slots[1].agents == 1);
  CHECK(r.slots[2].agents == 1);
  CHECK(r.slots[3].agents == 0);
  CHECK(r.agent_hours == 4);
  CHECK(r.feasible);
  CHECK(r.opening_items == 35);
  CHECK(r.opening_overdue_items == 5);
  CHECK(r.opening_due == 35);
  CHECK(r.opening_within_target == Approx(30));
  CHECK(r.items == 0);  // the arrivals' figures leave the opening backlog out
  CHECK(r.items_due == 0);
  CHECK(r.fraction_within_target == 1);
  // 7200 s done by 10:00: the 5 overdue, the 10, and 5 of the 20, whose age is then 1 h.
  CHECK(r.slots[0].items_done == Approx(20));
  CHECK(r.slots[0].backlog_items == Approx(15));
  CHECK(r.slots[0].oldest_business_age_s == 3600);
  CHECK(r.slots[1].oldest_business_age_s == 7200);  // 5 of the 20 left for 11:00-12:00
  CHECK(r.max_oldest_business_age_s == 7200);
  CHECK(r.slots[2].backlog_items == Approx(0));
  REQUIRE(r.opening.size() == 3);
  CHECK(r.opening[0].age_s == 4 * 3600);  // oldest first
  CHECK(r.opening[0].overdue);
  CHECK(r.opening[1].due_open == 0);
  CHECK(r.opening[2].due_open == 2);
  const SimOutcome sim = simulate_items(q, o, agents_of(r));
  CHECK(all_met(sim));
  CHECK(sim.opening_within == Approx(r.opening_within_target));
  CHECK(sim.opening_due == Approx(r.opening_due));
  // An age given by arrival time is the open time from the start of its interval to the grid's.
  BacklogQueue by_time = q;
  by_time.opening = {{5, 0, 360, at("2024-03-01T12:30"), 2}};  // Friday 12:00-17:00: 5 h
  const BacklogResult t = staff_backlog(by_time, o);
  REQUIRE(t.opening.size() == 1);
  CHECK(t.opening[0].age_s == 5 * 3600);
  CHECK(t.opening_overdue_items == 5);
  // One agent fewer in the first hour misses the 10:00 deadline.
  std::vector<double> fewer = agents_of(r);
  fewer[0] = 1;
  CHECK_FALSE(project_backlog(q, o, fewer).feasible);
  CHECK_FALSE(all_met(simulate_items(q, o, fewer)));
}

TEST_CASE("backlog: with an opening backlog and a holiday, every deadline met and minimal",
          "[backlog][opening]") {
  for (const double within_h : {2.0, 4.0, 8.0}) {
    for (const std::uint32_t seed : {5u, 9u}) {
      const BacklogQueue base = two_weeks(seed);
      BacklogQueue q = base;
      // About 300 items waiting from last week in 12 groups aged 0 to 2.75 business hours (five
      // overdue for T = 2 h, none for 8 h).
      std::uint32_t x = seed;
      for (int g = 0; g < 12; ++g) {
        x = x * 1664525u + 1013904223u;
        q.opening.push_back({static_cast<double>(10 + (x >> 16) % 31),
                             900.0 * g,
                             static_cast<double>(200 + (x >> 8) % 100),
                             {},
                             0});
      }
      BacklogOptions o = weekday_options(1800, 8, 18, within_h * 3600);
      o.closed_dates = {std::chrono::local_days{std::chrono::year{2024} / 3 / 6}};  // Wednesday
      const BacklogResult r = staff_backlog(q, o);
      INFO("within " << within_h << " h, seed " << seed);
      REQUIRE(r.feasible);
      CHECK(r.opening_items > 250);
      const std::vector<double> agents = agents_of(r);
      const SimOutcome sim = simulate_items(q, o, agents);
      CHECK(all_met(sim));
      double within = 0;
      for (double w : sim.cohort_within) within += w;
      CHECK(r.items_within_target == Approx(within));
      CHECK(r.opening_within_target == Approx(sim.opening_within));
      CHECK(r.opening_due == Approx(sim.opening_due));
      // The holiday: no interval of Wednesday is open or staffed.
      std::size_t wednesday = 0;
      for (const auto& slot : r.slots) {
        if (std::chrono::floor<std::chrono::days>(slot.start) ==
            std::chrono::local_days{std::chrono::year{2024} / 3 / 6}) {
          CHECK_FALSE(slot.open);
          CHECK(slot.agents == 0);
          CHECK(slot.items_done == 0);
          ++wednesday;
        }
      }
      CHECK(wednesday == 48);
      // The opening backlog costs agent-hours over the same staffing without it.
      CHECK(r.agent_hours > staff_backlog(base, o).agent_hours);
      // One agent fewer, held for the deadline window from any staffed interval, misses one.
      std::size_t checked = 0;
      for (std::size_t t = 0; t < agents.size(); ++t) {
        if (!r.slots[t].open || agents[t] <= 0) continue;
        std::vector<double> fewer = agents;
        for (std::size_t u = t, opened = 0;
             u < agents.size() && opened < static_cast<std::size_t>(r.deadline_intervals); ++u) {
          if (!r.slots[u].open) continue;
          fewer[u] = agents[t] - 1;
          ++opened;
        }
        INFO("slot " << t << " agents " << agents[t]);
        CHECK_FALSE(all_met(simulate_items(q, o, fewer)));
        CHECK_FALSE(project_backlog(q, o, fewer).feasible);
        ++checked;
      }
      CHECK(checked > 100);
    }
  }
}

TEST_CASE("backlog: an item arriving the day before a holiday is due after it",
          "[backlog][closed]") {
  // Hourly, open 09-17 Monday-Friday, T = 3 h. 20 items of 360 s (2 agent-hours) arrive
  // Thursday 2026-12-24 at 16:00 (open): their clock starts then, with one business hour on
  // Thursday. Without holidays they are workable Friday 09:00 and due by Friday 11:00; with
  // Friday 2026-12-25 closed the clock stops until Monday 2026-12-28 09:00: due by Monday 11:00.
  BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.intervals = {{at("2026-12-24T16:00"), 20, 360, 2}, {at("2026-12-28T16:00"), 0, 0, 3}};
  const auto slot_of = [&](const BacklogResult& r, const char* text) {
    std::size_t t = 0;
    while (r.slots[t].start != at(text)) ++t;
    return t;
  };
  const BacklogResult plain = staff_backlog(q, o);
  CHECK(plain.slots[slot_of(plain, "2026-12-25T09:00")].agents == 1);
  CHECK(plain.slots[slot_of(plain, "2026-12-25T10:00")].agents == 1);
  CHECK(plain.agent_hours == 2);

  o.closed_dates = {std::chrono::local_days{std::chrono::year{2026} / 12 / 25},
                    std::chrono::local_days{std::chrono::year{2026} / 12 / 25}};  // twice: harmless
  const BacklogResult r = staff_backlog(q, o);
  const std::size_t friday = slot_of(r, "2026-12-25T00:00");
  const std::size_t monday9 = slot_of(r, "2026-12-28T09:00");
  for (std::size_t t = friday; t < friday + 24; ++t) {
    CHECK_FALSE(r.slots[t].open);
    CHECK(r.slots[t].agents == 0);
  }
  CHECK(r.open_intervals == 1 + 8);  // Thursday 16:00 and Monday
  CHECK(r.slots[monday9].agents == 1);
  CHECK(r.slots[monday9 + 1].agents == 1);
  CHECK(r.slots[monday9 + 2].agents == 0);
  CHECK(r.feasible);
  CHECK(all_met(simulate_items(q, o, agents_of(r))));
  // Business age just before Monday's opening: the Thursday hour only.
  CHECK(r.slots[monday9 - 1].oldest_business_age_s == 3600);
  // Done by Monday 12:00 instead is too late: the deadline is 11:00.
  std::vector<double> late(r.slots.size(), 0.0);
  late[monday9 + 1] = late[monday9 + 2] = 1;
  CHECK_FALSE(project_backlog(q, o, late).feasible);
  CHECK_FALSE(all_met(simulate_items(q, o, late)));
  // Agents given on the holiday do nothing.
  std::vector<double> holiday(r.slots.size(), 0.0);
  for (std::size_t t = friday + 9; t < friday + 17; ++t) holiday[t] = 5;
  const BacklogResult idle = project_backlog(q, o, holiday);
  CHECK(idle.agent_hours == 0);
  CHECK(idle.final_backlog_items == 20);
}

TEST_CASE("backlog: bad opening backlog input is an InputError naming file, line and field",
          "[backlog][opening]") {
  const BacklogOptions o = weekday_options(3600, 9, 17, 3 * 3600);
  BacklogQueue q;
  q.opening_source = "open.csv";
  q.intervals = {{at("2024-03-04T09:00"), 10, 360, 2}, {at("2024-03-04T16:00"), 0, 0, 3}};
  const auto message = [&](BacklogOpening b) {
    BacklogQueue bad = q;
    bad.opening = {b};
    try {
      staff_backlog(bad, o);
    } catch (const wfm::core::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({-1, 0, 360, {}, 4}).find("open.csv:4: column 'items'") != std::string::npos);
  CHECK(message({1, -5, 360, {}, 5}).find("open.csv:5: column 'age_s'") != std::string::npos);
  CHECK(message({1, std::nan(""), 360, {}, 5}).find("'age_s'") != std::string::npos);
  CHECK(message({1, 0, 0, {}, 6}).find("open.csv:6: column 'aht_s'") != std::string::npos);
  CHECK(message({1, 0, 360, at("2024-03-04T09:00"), 7}).find("open.csv:7: column 'arrived'") !=
        std::string::npos);
  CHECK(message({0, 0, 0, {}, 8}) == "no error");  // no items, no work needed
}
