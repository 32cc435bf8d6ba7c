// Rostering: every roster produced is checked by an independent checker written here from the
// rules' wording (one shift per agent and day, each shift at most once, availability, weekly
// hours and days, rest, consecutive days), its cost recomputed here, and on small random
// instances the MIP's cost equals a brute-force optimum over every assignment. Also the agents
// CSV reader's errors, the [roster] table, an unreachable minimum reported, determinism.
#include "wfm/schedule/roster.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/core/error.hpp"
#include "wfm/schedule/agents_csv.hpp"
#include "wfm/schedule/outputs.hpp"

using namespace wfm::schedule;
using std::chrono::days;
using std::chrono::local_days;

namespace {

// Hourly intervals; a 4 h and a 6 h shift template without breaks.
const std::string kRules = R"([schedule]
interval = "1h"

[roster]
min_rest = "12h"
max_consecutive_days = 2
unassigned_penalty = 100
under_minimum_penalty = 3
preference_penalty = 1

[[shift]]
name = "four"
start_earliest = "06:00"
start_latest = "18:00"
paid_length = "4h"
cost_per_paid_hour = 10

[[shift]]
name = "six"
start_earliest = "06:00"
start_latest = "17:00"
paid_length = "6h"
cost_per_paid_hour = 10
)";

const local_days kMonday{std::chrono::year{2024} / 3 / 4};  // a Monday

// How the weekly limits of the Monday-Sunday week starting `monday` (days since the epoch) are
// scaled: its open days within the first to the last date of `rdays`, over the open days of a
// week. Open: the weekdays of the days in weeks wholly within those dates (all, if none).
double week_share(const std::vector<RosterDay>& rdays, long monday) {
  const long first = rdays.front().date.time_since_epoch().count();
  const long last = rdays.back().date.time_since_epoch().count();
  std::set<int> open;
  for (const auto& d : rdays) {
    const long day = d.date.time_since_epoch().count();
    const int wd = static_cast<int>(std::chrono::weekday(d.date).iso_encoding()) - 1;
    if (day - wd >= first && day - wd + 6 <= last) open.insert(wd);
  }
  if (open.empty()) open = {0, 1, 2, 3, 4, 5, 6};
  int covered = 0;
  for (int wd : open) covered += monday + wd >= first && monday + wd <= last;
  return static_cast<double>(covered) / static_cast<double>(open.size());
}

// The first violation, in words, or "". Written from the rules, not from roster.cpp.
// `prev`'s shifts count for the rest and the days in a row (not for the weekly limits).
std::string check_roster(const ShiftRules& rules, const std::vector<RosterDay>& rdays,
                         const std::vector<Agent>& agents, const RosterResult& r,
                         const PreviousRoster& prev = {}) {
  const int iv = rules.interval_s;
  std::map<std::pair<int, int>, int> given;  // (day, shift) -> times given (assigned or not)
  for (const auto& e : r.entries) given[{e.day, e.shift}]++;
  for (const auto& e : r.unassigned) given[{e.day, e.shift}]++;
  for (std::size_t d = 0; d < rdays.size(); ++d) {
    for (std::size_t k = 0; k < rdays[d].shifts.size(); ++k) {
      if (given[{static_cast<int>(d), static_cast<int>(k)}] != 1) {
        return "shift " + std::to_string(k) + " of day " + std::to_string(d) +
               " is not exactly once in entries + unassigned";
      }
    }
  }
  if (given.size() != [&] {
        std::size_t n = 0;
        for (const auto& d : rdays) n += d.shifts.size();
        return n;
      }()) {
    return "an entry names a shift that does not exist";
  }
  // Per agent: calendar day -> (start s, end s, paid h).
  struct Work {
    long long start_s, end_s;
    double paid_h;
  };
  std::vector<std::map<int, Work>> work(agents.size());
  std::vector<std::map<int, Work>> before(agents.size());  // the previous roster's, c < 0
  for (const auto& s : prev.shifts) {
    for (std::size_t i = 0; i < agents.size(); ++i) {
      if (agents[i].id != s.agent) continue;
      const int c = static_cast<int>((s.date - rdays.front().date).count());
      before[i][c] = Work{static_cast<long long>(c) * 86400 + s.start_s,
                          static_cast<long long>(c) * 86400 + s.end_s, 0};
    }
  }
  for (const auto& e : r.entries) {
    if (e.agent < 0 || e.agent >= static_cast<int>(agents.size())) return "bad agent index";
    const auto& sh = rdays[e.day].shifts[e.shift];
    const auto& tp = rules.templates[sh.template_index];
    const int c = static_cast<int>((rdays[e.day].date - rdays.front().date).count());
    const long long start = static_cast<long long>(c) * 86400 + sh.start * iv;
    const Work w{start, start + static_cast<long long>(tp.span()) * iv,
                 tp.paid_length * iv / 3600.0};
    if (!work[e.agent].emplace(c, w).second) return agents[e.agent].id + " works twice a day";
    const Agent& a = agents[e.agent];
    // Every calendar date the shift touches (an overnight one: its date and the next), its part
    // on that date [from, to) within that date's window, on a weekday not off.
    const long long end = w.end_s;
    for (long long date = start / 86400; date * 86400 < end; ++date) {
      const local_days on = rdays.front().date + days(date);
      const unsigned wd = std::chrono::weekday(on).iso_encoding() - 1;
      if (a.unavailable_weekdays & (1u << wd)) return a.id + " works on a day off";
      const long long from = std::max(start, date * 86400) - date * 86400;
      const long long to = std::min(end, (date + 1) * 86400) - date * 86400;
      if (from < a.available_from_s || to > a.available_to_s) {
        return a.id + " works outside the available window";
      }
    }
  }
  for (std::size_t i = 0; i < agents.size(); ++i) {
    const Agent& a = agents[i];
    std::map<long, std::pair<double, int>> weeks;  // Monday (days since epoch) -> hours, days
    const Work* prev = nullptr;
    int prev_c = -100, run = 0;
    for (const auto& [c, w] : before[i]) {
      run = c == prev_c + 1 ? run + 1 : 1;
      prev = &w;
      prev_c = c;
    }
    for (const auto& [c, w] : work[i]) {
      const local_days date = rdays.front().date + days(c);
      const auto wd = std::chrono::weekday(date).iso_encoding() - 1;
      auto& wk = weeks[(date - days(wd)).time_since_epoch().count()];
      wk.first += w.paid_h;
      wk.second += 1;
      if (prev && w.start_s - prev->end_s < rules.roster.min_rest_s)
        return a.id + " rests too little";
      run = c == prev_c + 1 ? run + 1 : 1;
      if (run > rules.roster.max_consecutive_days) return a.id + " works too many days in a row";
      prev = &w;
      prev_c = c;
    }
    for (const auto& [m, wk] : weeks) {
      // Days scaled by the share and rounded up; hours by the same fraction as the days.
      const double days = std::ceil(a.max_days * week_share(rdays, m) - 1e-9);
      const double max_hours = a.max_days == 0 ? 0 : a.max_hours * days / a.max_days;
      if (wk.first > max_hours + 1e-9) return a.id + " above the weekly maximum hours";
      if (wk.second > days) return a.id + " above the weekly maximum days";
    }
  }
  return "";
}

// The objective, recomputed from the roster alone.
double independent_cost(const ShiftRules& rules, const std::vector<RosterDay>& rdays,
                        const std::vector<Agent>& agents, const std::vector<RosterEntry>& entries) {
  const auto& ro = rules.roster;
  std::size_t shifts = 0;
  for (const auto& d : rdays) shifts += d.shifts.size();
  double cost = ro.unassigned_penalty * static_cast<double>(shifts - entries.size());
  std::map<std::pair<int, long>, double> hours;
  std::vector<long> mondays;
  for (const auto& d : rdays) {
    const auto wd = std::chrono::weekday(d.date).iso_encoding() - 1;
    const long m = (d.date - days(wd)).time_since_epoch().count();
    if (std::find(mondays.begin(), mondays.end(), m) == mondays.end()) mondays.push_back(m);
  }
  for (const auto& e : entries) {
    const auto& sh = rdays[e.day].shifts[e.shift];
    const auto& tp = rules.templates[sh.template_index];
    const auto wd = std::chrono::weekday(rdays[e.day].date).iso_encoding() - 1;
    hours[{e.agent, (rdays[e.day].date - days(wd)).time_since_epoch().count()}] +=
        tp.paid_length * rules.interval_s / 3600.0;
    const auto& p = agents[e.agent].preferred_start_s;
    if (p) cost += ro.preference_penalty * std::abs(sh.start * rules.interval_s - *p) / 3600.0;
  }
  // A tour's shifts each cost split_tour_penalty unless all of them went to one agent.
  std::map<int, std::pair<std::size_t, std::set<int>>> tours;  // tour -> shifts, agents
  std::map<int, std::size_t> given;
  for (const auto& d : rdays) {
    for (const auto& s : d.shifts) {
      if (s.tour > 0) tours[s.tour].first++;
    }
  }
  for (const auto& e : entries) {
    const int t = rdays[e.day].shifts[e.shift].tour;
    if (t > 0) {
      tours[t].second.insert(e.agent);
      given[t]++;
    }
  }
  for (const auto& e : entries) {
    const int t = rdays[e.day].shifts[e.shift].tour;
    if (t > 0 && !(tours[t].second.size() == 1 && given[t] == tours[t].first)) {
      cost += ro.split_tour_penalty;
    }
  }
  for (std::size_t a = 0; a < agents.size(); ++a) {
    for (long m : mondays) {
      cost += ro.under_minimum_penalty * std::max(0.0, agents[a].min_hours * week_share(rdays, m) -
                                                           hours[{static_cast<int>(a), m}]);
    }
  }
  return cost;
}

// The tours reported: every tour whose shifts did not all go to one agent is in tours_not_whole
// with its shift counts, and no other; tours_whole counts the rest.
std::string check_tours(const std::vector<RosterDay>& rdays, const RosterResult& r) {
  std::map<int, std::vector<int>> agents_of;  // tour -> agent per shift (-1: nobody)
  for (const auto& e : r.entries) {
    const int t = rdays[e.day].shifts[e.shift].tour;
    if (t > 0) agents_of[t].push_back(e.agent);
  }
  for (const auto& e : r.unassigned) {
    const int t = rdays[e.day].shifts[e.shift].tour;
    if (t > 0) agents_of[t].push_back(-1);
  }
  std::map<int, TourSplit> reported;
  for (const auto& t : r.tours_not_whole) reported[t.tour] = t;
  int whole = 0;
  for (const auto& [t, list] : agents_of) {
    const std::set<int> distinct(list.begin(), list.end());
    const bool is_whole = distinct.size() == 1 && *distinct.begin() >= 0;
    whole += is_whole;
    if (is_whole == (reported.count(t) == 1)) {
      return "tour " + std::to_string(t) +
             (is_whole ? " is whole but reported split" : " is split but not reported");
    }
    if (!is_whole) {
      const auto assigned =
          static_cast<int>(list.size() - std::count(list.begin(), list.end(), -1));
      if (reported[t].shifts != static_cast<int>(list.size()) || reported[t].assigned != assigned) {
        return "tour " + std::to_string(t) + " reported with wrong counts";
      }
    }
  }
  if (r.report.tours != static_cast<int>(agents_of.size())) return "wrong tour count";
  if (r.report.tours_whole != whole) return "wrong count of whole tours";
  return "";
}

RosterResult checked(const ShiftRules& rules, const std::vector<RosterDay>& rdays,
                     const std::vector<Agent>& agents, const RosterOptions& options = {},
                     const PreviousRoster& prev = {}) {
  RosterResult r = assign_roster(rules, rdays, agents, options, prev);
  INFO(check_roster(rules, rdays, agents, r, prev));
  REQUIRE(check_roster(rules, rdays, agents, r, prev).empty());
  INFO(check_tours(rdays, r));
  REQUIRE(check_tours(rdays, r).empty());
  REQUIRE(r.report.cost == Approx(independent_cost(rules, rdays, agents, r.entries)));
  REQUIRE(r.report.cost == Approx(roster_cost(rules, rdays, agents, r.entries)));
  REQUIRE(r.report.bound <= r.report.cost + 1e-6);
  REQUIRE(r.report.cost <= r.report.greedy_cost + 1e-6);
  if (r.report.optimal) REQUIRE(r.report.cost - r.report.bound <= 1e-6 * (1 + r.report.cost));
  if (r.report.timed_out) REQUIRE_FALSE(r.report.optimal);
  return r;
}

// The least cost over every assignment of each shift to an agent or to nobody that the checker
// accepts.
double brute_force(const ShiftRules& rules, const std::vector<RosterDay>& rdays,
                   const std::vector<Agent>& agents, const PreviousRoster& prev = {}) {
  std::vector<std::pair<int, int>> units;
  for (std::size_t d = 0; d < rdays.size(); ++d) {
    for (std::size_t k = 0; k < rdays[d].shifts.size(); ++k) {
      units.emplace_back(static_cast<int>(d), static_cast<int>(k));
    }
  }
  double best = 1e300;
  RosterResult r;
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (i == units.size()) {
      if (check_roster(rules, rdays, agents, r, prev).empty()) {
        best = std::min(best, independent_cost(rules, rdays, agents, r.entries));
      }
      return;
    }
    r.unassigned.push_back({-1, units[i].first, units[i].second});
    rec(i + 1);
    r.unassigned.pop_back();
    for (std::size_t a = 0; a < agents.size(); ++a) {
      r.entries.push_back({static_cast<int>(a), units[i].first, units[i].second});
      rec(i + 1);
      r.entries.pop_back();
    }
  };
  rec(0);
  return best;
}

}  // namespace

TEST_CASE("roster: the [roster] table and its defaults", "[schedule][roster]") {
  const ShiftRules r = parse_shift_rules(kRules, "r.toml");
  CHECK(r.roster.min_rest_s == 12 * 3600);
  CHECK(r.roster.max_consecutive_days == 2);
  CHECK(r.roster.unassigned_penalty == 100);
  const std::string no_roster =
      kRules.substr(0, kRules.find("[roster]")) + kRules.substr(kRules.find("[[shift]]"));
  const ShiftRules d = parse_shift_rules(no_roster, "r.toml");
  CHECK(d.roster.min_rest_s == 11 * 3600);
  CHECK(d.roster.max_consecutive_days == 6);
  CHECK(d.roster.unassigned_penalty == 1000);
  CHECK(d.roster.under_minimum_penalty == 10);
  CHECK(d.roster.preference_penalty == 1);

  const auto error_of = [](std::string text) {
    try {
      parse_shift_rules(text, "r.toml");
    } catch (const wfm::core::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string bad = kRules;
  bad.replace(bad.find("min_rest = \"12h\""), 16, "min_rest = \"25h\"");
  CHECK(error_of(bad) == "r.toml:5: roster.min_rest: expected a rest of at most 24h, got 90000 s");
  bad = kRules;
  bad.replace(bad.find("max_consecutive_days = 2"), 24, "max_consecutive_days = 0");
  CHECK(error_of(bad) ==
        "r.toml:6: roster.max_consecutive_days: expected a whole number from 1 to 14, got 0");
  bad = kRules;
  bad.replace(bad.find("[roster]\n"), 9, "[roster]\nrest = 3\n");
  CHECK(error_of(bad).rfind("r.toml:5: roster.rest: unknown key", 0) == 0);
}

TEST_CASE("roster: the agents CSV", "[schedule][roster]") {
  std::istringstream ok(
      "agent,min_hours,max_hours,max_days,unavailable,available_from,available_to,"
      "preferred_start\n"
      "A1,30,40,5,sat sun,,,08:00\n"
      "A2,0,20,,Mon;tue,10:00,24:00,\n");
  const auto agents = read_agents_csv(ok, "agents.csv");
  REQUIRE(agents.size() == 2);
  CHECK(agents[0].id == "A1");
  CHECK(agents[0].min_hours == 30);
  CHECK(agents[0].unavailable_weekdays == ((1u << 5) | (1u << 6)));
  CHECK(agents[0].preferred_start_s == 8 * 3600);
  CHECK(agents[0].line == 2);
  CHECK(agents[1].max_days == 5);
  CHECK(agents[1].unavailable_weekdays == 3u);
  CHECK(agents[1].available_from_s == 10 * 3600);
  CHECK(agents[1].available_to_s == 86400);
  CHECK_FALSE(agents[1].preferred_start_s);

  const auto error_of = [](const std::string& text) {
    std::istringstream in(text);
    try {
      read_agents_csv(in, "agents.csv");
    } catch (const wfm::core::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("agent,min_hours,max_hours\nA1,10,40\nA2,41,40\n") ==
        "agents.csv:3: column 'min_hours': the weekly minimum (41 h) is above the maximum (40 h)");
  CHECK(error_of("agent,min_hours,max_hours,unavailable\nA1,10,40,saturday\n") ==
        "agents.csv:2: column 'unavailable': expected weekdays among mon tue wed thu fri sat sun "
        "(separated by spaces or ';'), got \"saturday\"");
  CHECK(error_of("agent,min_hours,max_hours\nA1,10,40\nA1,0,20\n") ==
        "agents.csv:3: column 'agent': agent 'A1' is listed twice (first on line 2)");
  CHECK(error_of("agent,min_hours,max_hours,max_days\nA1,10,40,8\n") ==
        "agents.csv:2: column 'max_days': expected a whole number of days from 0 to 7, got \"8\"");
  CHECK(error_of("agent,min_hours,max_hours,available_from,available_to\nA1,0,40,18:00,09:00\n") ==
        "agents.csv:2: column 'available_to': the available window ends (09:00) before it starts "
        "(18:00)");
  CHECK(error_of("agent,min_hours\nA1,10\n")
            .rfind("agents.csv:1: expected columns agent, min_hours and max_hours", 0) == 0);
  CHECK(error_of("agent,min_hours,max_hours\n") ==
        "agents.csv: no agents: the file has a header only");
}

TEST_CASE("roster: a contract that cannot fit the rules is an error naming line and column",
          "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  std::vector<Agent> agents(2);
  agents[0].id = "A1";
  agents[0].line = 2;
  agents[1].id = "A2";
  agents[1].min_hours = 31;  // 5 days x 6 h = 30 h at most
  agents[1].line = 3;
  try {
    validate_agents(rules, agents, "agents.csv");
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()) ==
          "agents.csv:3: column 'min_hours': agent 'A2': a weekly minimum of 31 h cannot fit in 5 "
          "working days of at most 6 paid hours (the longest shift template of r.toml)");
  }
  agents[1].min_hours = 30;
  CHECK_NOTHROW(validate_agents(rules, agents, "agents.csv"));
}

TEST_CASE("roster: hand-checked week with days off, rest and a minimum out of reach",
          "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  // Mon-Wed: one 6 h shift 06:00-12:00 each day and one 4 h shift 18:00-22:00 on Monday;
  // Thursday to Sunday without shifts (a whole week: the contract is not scaled).
  std::vector<RosterDay> rd;
  for (int d = 0; d < 3; ++d) rd.push_back({kMonday + days(d), {{1, 6, {}}}});
  for (int d = 3; d < 7; ++d) rd.push_back({kMonday + days(d), {}});
  rd[0].shifts.push_back({0, 18, {}});
  std::vector<Agent> agents(2);
  agents[0].id = "full";
  agents[0].min_hours = 20;  // can reach 12 at most (two days in a row)
  agents[1].id = "part";
  agents[1].max_hours = 6;
  agents[1].unavailable_weekdays = 1u;  // Monday off
  const RosterResult r = checked(rules, rd, agents);
  CHECK(r.report.optimal);
  CHECK_FALSE(r.report.timed_out);
  // Monday's 18:00-22:00 leaves 8 h before Tuesday 06:00 (< 12 h), "full" works at most two days
  // in a row and "part" is off on Monday: the optimum is the brute force's.
  CHECK(r.report.cost == Approx(brute_force(rules, rd, agents)));
  REQUIRE(r.under_minimum.size() == 1);
  CHECK(r.under_minimum[0].agent == 0);
  CHECK(r.under_minimum[0].week == kMonday);
  CHECK(r.under_minimum[0].min_hours == 20);
  CHECK(r.under_minimum[0].hours < 20);
  // With nobody available, every shift is reported unassigned.
  std::vector<Agent> off(1);
  off[0].id = "off";
  off[0].unavailable_weekdays = 0x7f;
  const RosterResult none = checked(rules, rd, off);
  CHECK(none.entries.empty());
  CHECK(none.unassigned.size() == 4);
}

TEST_CASE("roster: the MIP equals brute force on small random instances", "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  int optimal = 0;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    const auto pick = [&](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    // 3 or 4 consecutive days from a Friday, Saturday or Sunday (crossing a week boundary), or
    // from a Monday; 1-2 shifts a day; 2-3 agents.
    const local_days first = kMonday + days(std::array<int, 4>{0, 4, 5, 6}[pick(0, 3)]);
    const int n_days = pick(3, 4);
    std::vector<RosterDay> rd;
    int units = 0;
    for (int d = 0; d < n_days; ++d) {
      RosterDay day{first + days(d), {}};
      const int n = (units < 7) ? pick(1, 2) : 1;
      for (int k = 0; k < n; ++k) {
        const int tpl = pick(0, 1);
        day.shifts.push_back({tpl, pick(6, tpl == 0 ? 18 : 17), {}});
        ++units;
      }
      rd.push_back(std::move(day));
    }
    std::vector<Agent> agents(pick(2, 3));
    for (std::size_t a = 0; a < agents.size(); ++a) {
      Agent& ag = agents[a];
      ag.id = fmt::format("A{}", a);
      ag.max_hours = std::array<double, 3>{8, 12, 40}[pick(0, 2)];
      ag.min_hours = std::min(ag.max_hours, static_cast<double>(pick(0, 3) * 4));
      ag.max_days = pick(1, 3);
      if (pick(0, 2) == 0) ag.unavailable_weekdays = 1u << pick(0, 6);
      if (pick(0, 3) == 0) ag.available_from_s = 10 * 3600;
      if (pick(0, 3) == 0) ag.available_to_s = 18 * 3600;
      if (pick(0, 1) == 0) ag.preferred_start_s = pick(6, 16) * 3600;
    }
    // A previous roster for half the seeds: per agent, maybe a shift on the eve of the first day
    // (ending 14:00 to 24:00) and maybe one the day before (the 12 h rest and 2 days in a row
    // then reach across the boundary).
    PreviousRoster prev;
    prev.source = "prev.csv";
    if (seed % 2 == 0) {
      for (const auto& ag : agents) {
        if (pick(0, 2) > 0) {
          const int end_h = pick(14, 24);
          prev.shifts.push_back({ag.id, first - days(1), (end_h - 6) * 3600, end_h * 3600, 0});
        }
        if (pick(0, 1) == 0)
          prev.shifts.push_back({ag.id, first - days(2), 8 * 3600, 14 * 3600, 0});
      }
      prev.shifts.push_back({"not-an-agent", first - days(1), 20 * 3600, 24 * 3600, 0});
    }
    INFO("seed " << seed);
    const RosterResult r = checked(rules, rd, agents, RosterOptions{10, true}, prev);
    CHECK(r.report.optimal);
    optimal += r.report.optimal;
    CHECK(r.report.cost == Approx(brute_force(rules, rd, agents, prev)).margin(1e-6));
    // The greedy start passes the checker too.
    checked(rules, rd, agents, RosterOptions{10, false}, prev);
  }
  CHECK(optimal == 20);
}

TEST_CASE("roster: the same input gives the same roster", "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  std::vector<RosterDay> rd;
  for (int d = 0; d < 7; ++d) {
    RosterDay day{kMonday + days(d), {}};
    for (int k = 0; k < 6; ++k) day.shifts.push_back({k % 2, 6 + 2 * k, {}});
    rd.push_back(std::move(day));
  }
  std::vector<Agent> agents(8);
  for (std::size_t a = 0; a < agents.size(); ++a) {
    agents[a].id = fmt::format("A{}", a);
    agents[a].min_hours = a < 4 ? 16 : 0;
    agents[a].max_hours = a < 4 ? 30 : 12;
    agents[a].max_days = 5;
    agents[a].unavailable_weekdays = 1u << (a % 7);
    if (a % 3 == 0) agents[a].preferred_start_s = 8 * 3600;
  }
  const RosterResult r1 = checked(rules, rd, agents);
  const RosterResult r2 = checked(rules, rd, agents);
  REQUIRE(r1.entries.size() == r2.entries.size());
  for (std::size_t i = 0; i < r1.entries.size(); ++i) {
    CHECK(r1.entries[i].agent == r2.entries[i].agent);
    CHECK(r1.entries[i].day == r2.entries[i].day);
    CHECK(r1.entries[i].shift == r2.entries[i].shift);
  }
  CHECK(r1.report.cost == r2.report.cost);
}

TEST_CASE("roster: roster.csv has a row per rostered shift", "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  DayResult day;
  day.requirements.date = kMonday;
  day.schedule.shifts = {{1, 6, {}}, {0, 18, {}}};  // six 06:00-12:00, four 18:00-22:00
  const std::vector<DayResult> results = {day};
  std::vector<Agent> agents(1);
  agents[0].id = "A 1";
  agents[0].max_hours = 42;              // 6 h on this one day of the week (42 x 1/7)
  agents[0].available_to_s = 13 * 3600;  // the evening shift is outside the window
  const RosterResult r = assign_roster(rules, roster_days(results), agents);
  REQUIRE(r.unassigned.size() == 1);
  CHECK(r.unassigned[0].shift == 1);
  std::ostringstream out;
  write_roster_csv(out, rules, results, agents, r);
  CHECK(out.str() ==
        "agent,date,start,end,paid_hours,breaks,shift,template\n"
        "A 1,2024-03-04,2024-03-04T06:00,2024-03-04T12:00,6,,1,six\n");
}

TEST_CASE("roster: a larger week under a tiny time limit stays valid and is not called optimal",
          "[schedule][roster]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");
  std::mt19937 rng(7);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<RosterDay> rd;
  for (int d = 0; d < 14; ++d) {
    RosterDay day{kMonday + days(d), {}};
    for (int k = 0; k < 25; ++k) {
      const int tpl = pick(0, 1);
      day.shifts.push_back({tpl, pick(6, tpl == 0 ? 18 : 17), {}});
    }
    rd.push_back(std::move(day));
  }
  std::vector<Agent> agents(60);
  for (std::size_t a = 0; a < agents.size(); ++a) {
    agents[a].id = fmt::format("A{}", a);
    agents[a].min_hours = pick(0, 4) * 4;
    agents[a].max_hours = agents[a].min_hours + 12;
    agents[a].max_days = pick(3, 5);
    agents[a].unavailable_weekdays = 1u << pick(0, 6);
    if (pick(0, 1) == 0) agents[a].preferred_start_s = pick(6, 16) * 3600;
  }
  const RosterResult quick = checked(rules, rd, agents, RosterOptions{0.001, true});
  if (quick.report.timed_out) CHECK_FALSE(quick.report.optimal);
  const RosterResult greedy_only = checked(rules, rd, agents, RosterOptions{10, false});
  CHECK_FALSE(greedy_only.report.optimal);
  CHECK(greedy_only.report.bound == 0);
}

namespace {

// kRules with five days in a row allowed and a split penalty.
std::string tour_rules(double split_penalty) {
  std::string r = kRules;
  r.replace(r.find("max_consecutive_days = 2"), 24, "max_consecutive_days = 5");
  r.replace(r.find("preference_penalty = 1"), 22,
            fmt::format("preference_penalty = 1\nsplit_tour_penalty = {}", split_penalty));
  return r;
}

// Adds tour `id`: shift (template, start) on each weekday (0 = Monday) of `weekdays`.
void add_tour(std::vector<RosterDay>& rd, int id, int tpl, int start,
              const std::vector<int>& weekdays) {
  for (int wd : weekdays) {
    for (auto& d : rd) {
      if (d.date == kMonday + days(wd)) d.shifts.push_back({tpl, start, {}, id});
    }
  }
}

std::vector<RosterDay> empty_week() {
  std::vector<RosterDay> rd;
  for (int d = 0; d < 7; ++d) rd.push_back({kMonday + days(d), {}});
  return rd;
}

}  // namespace

TEST_CASE("roster: tours are kept on one agent", "[schedule][roster][tours]") {
  // At 20 a split shift, giving tour 2's five shifts day by day and tour 4 whole would be
  // cheaper (100 + 4 h of preference) than leaving tour 4's Saturday open (100 + 20).
  const ShiftRules rules = parse_shift_rules(tour_rules(40), "r.toml");
  CHECK(rules.roster.split_tour_penalty == 40);
  std::vector<RosterDay> rd = empty_week();
  add_tour(rd, 1, 1, 8, {0, 1, 2, 3, 4});  // two identical tours: 6 h at 08:00, Mon-Fri
  add_tour(rd, 2, 1, 8, {0, 1, 2, 3, 4});
  add_tour(rd, 3, 0, 14, {2, 3, 4, 5, 6});  // 4 h at 14:00, Wed-Sun
  add_tour(rd, 4, 0, 6, {5, 6});            // 4 h at 06:00, Sat-Sun
  rd[0].shifts.push_back({0, 17, {}, 0});   // a shift outside tours on Monday, 17:00-21:00
  std::vector<Agent> agents(4);
  for (std::size_t a = 0; a < agents.size(); ++a) agents[a].id = fmt::format("A{}", a);
  agents[0].max_hours = 30;
  agents[0].min_hours = 30;
  agents[1].max_hours = 30;
  agents[1].preferred_start_s = 8 * 3600;
  agents[2].max_hours = 20;
  agents[2].unavailable_weekdays = 1u << 5;  // Saturday off: cannot take tours 3 or 4
  agents[3].max_hours = 24;
  agents[3].available_from_s = 12 * 3600;  // the afternoon tour or the Monday shift
  const RosterResult r = checked(rules, rd, agents);
  CHECK(r.report.optimal);
  CHECK(r.report.tours == 4);
  // Tour 4 needs Saturday and Sunday mornings: agent 2 is off on Saturday, agent 3 starts at
  // 12:00, agents 0 and 1 are full with the Monday-Friday tours, so it is split or open.
  CHECK(r.report.tours_whole == 3);
  REQUIRE(r.tours_not_whole.size() == 1);
  CHECK(r.tours_not_whole[0].tour == 4);
  // Each whole tour on one agent: the Monday-Friday tours go to agents 0 and 1.
  std::map<int, std::set<int>> agents_of;
  for (const auto& e : r.entries) agents_of[rd[e.day].shifts[e.shift].tour].insert(e.agent);
  CHECK(agents_of[1].size() == 1);
  CHECK(agents_of[2].size() == 1);
  CHECK((*agents_of[1].begin() <= 1 && *agents_of[2].begin() <= 1));
  CHECK(agents_of[3] == std::set<int>{3});
}

TEST_CASE("roster: a tour no agent can take whole is rostered day by day, or left open",
          "[schedule][roster][tours]") {
  std::vector<RosterDay> rd = empty_week();
  add_tour(rd, 7, 1, 8, {0, 1, 2, 3, 4});  // 6 h at 08:00, Mon-Fri
  std::vector<Agent> agents(2);
  agents[0].id = "mostly";
  agents[0].unavailable_weekdays = 1u << 2;  // Wednesday off
  agents[1].id = "wednesday";
  agents[1].unavailable_weekdays = 0x7f & ~(1u << 2);
  const RosterResult split = checked(parse_shift_rules(tour_rules(20), "r.toml"), rd, agents);
  CHECK(split.report.optimal);
  CHECK(split.report.tours_whole == 0);
  REQUIRE(split.tours_not_whole.size() == 1);
  CHECK(split.tours_not_whole[0].tour == 7);
  CHECK(split.tours_not_whole[0].shifts == 5);
  CHECK(split.tours_not_whole[0].assigned == 5);
  CHECK(split.unassigned.empty());
  CHECK(split.report.cost == Approx(5 * 20));
  // A split dearer than leaving a shift open (100): the tour stays open.
  const RosterResult open = checked(parse_shift_rules(tour_rules(150), "r.toml"), rd, agents);
  CHECK(open.entries.empty());
  CHECK(open.unassigned.size() == 5);
  REQUIRE(open.tours_not_whole.size() == 1);
  CHECK(open.tours_not_whole[0].assigned == 0);
  CHECK(open.report.cost == Approx(5 * 100));
}

TEST_CASE("roster: with tours, the MIP equals brute force on small random instances",
          "[schedule][roster][tours]") {
  const ShiftRules rules = parse_shift_rules(tour_rules(15), "r.toml");
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 rng(seed);
    const auto pick = [&](int lo, int hi) {
      return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    // Four days from Thursday (across the week boundary) or from Monday: two tours of 2-3 days
    // and up to two shifts outside tours; 2 agents.
    const int first = pick(0, 1) == 0 ? 0 : 3;
    std::vector<RosterDay> rd;
    for (int d = 0; d < 4; ++d) rd.push_back({kMonday + days(first + d), {}});
    int units = 0;
    for (int t = 1; t <= 2; ++t) {
      const int len = pick(2, 3);
      const int from = pick(0, 4 - len);
      const int tpl = pick(0, 1);
      const int start = pick(6, tpl == 0 ? 18 : 17);
      for (int d = from; d < from + len; ++d) rd[d].shifts.push_back({tpl, start, {}, t});
      units += len;
    }
    for (int k = 0; k < 2 && units < 8; ++k, ++units) {
      const int tpl = pick(0, 1);
      rd[pick(0, 3)].shifts.push_back({tpl, pick(6, tpl == 0 ? 18 : 17), {}, 0});
    }
    std::vector<Agent> agents(2);
    for (std::size_t a = 0; a < agents.size(); ++a) {
      Agent& ag = agents[a];
      ag.id = fmt::format("A{}", a);
      ag.max_hours = std::array<double, 3>{12, 18, 40}[pick(0, 2)];
      ag.min_hours = std::min(ag.max_hours, static_cast<double>(pick(0, 3) * 4));
      ag.max_days = pick(2, 5);
      if (pick(0, 2) == 0) ag.unavailable_weekdays = 1u << pick(0, 6);
      if (pick(0, 3) == 0) ag.available_from_s = 10 * 3600;
      if (pick(0, 1) == 0) ag.preferred_start_s = pick(6, 16) * 3600;
    }
    INFO("seed " << seed);
    const RosterResult r = checked(rules, rd, agents, RosterOptions{10, true});
    CHECK(r.report.optimal);
    CHECK(r.report.cost == Approx(brute_force(rules, rd, agents)).margin(1e-6));
    checked(rules, rd, agents, RosterOptions{10, false});
  }
}

TEST_CASE("roster: a previous roster's rest and days in a row carry into the first days",
          "[schedule][roster][previous]") {
  const ShiftRules rules = parse_shift_rules(kRules, "r.toml");  // 12 h rest, 2 days in a row
  std::vector<RosterDay> rd;
  for (int d = 0; d < 7; ++d) {  // 06:00-12:00 on Monday and Tuesday; a whole week
    rd.push_back({kMonday + days(d), {}});
    if (d < 2) rd.back().shifts.push_back({1, 6, {}});
  }
  std::vector<Agent> agents(3);
  agents[0].id = "late-sunday";
  agents[1].id = "weekend";
  agents[2].id = "saturday";
  PreviousRoster prev;
  prev.source = "prev.csv";
  // Sunday 14:00-22:00: 8 h before Monday 06:00.
  prev.shifts.push_back({"late-sunday", kMonday - days(1), 14 * 3600, 22 * 3600, 2});
  // Saturday and Sunday: a third day in a row on Monday is one too many.
  prev.shifts.push_back({"weekend", kMonday - days(2), 6 * 3600, 12 * 3600, 3});
  prev.shifts.push_back({"weekend", kMonday - days(1), 6 * 3600, 12 * 3600, 4});
  prev.shifts.push_back({"saturday", kMonday - days(2), 6 * 3600, 12 * 3600, 5});
  // Only "saturday" (Sunday off) may work Monday; all three may work Tuesday.
  for (int only = 0; only < 3; ++only) {
    const std::vector<Agent> one = {agents[only]};
    const RosterResult r = checked(rules, rd, one, {}, prev);
    INFO(agents[only].id);
    CHECK(r.report.optimal);
    std::set<int> worked;
    for (const auto& e : r.entries) worked.insert(e.day);
    CHECK(worked == (only == 2 ? std::set<int>{0, 1} : std::set<int>{1}));
  }
  // Without the previous roster, anyone works Monday.
  const RosterResult free = checked(rules, rd, {agents[0]});
  CHECK(free.unassigned.empty());

  // A previous shift on or after the first day is an error at its line.
  prev.shifts.push_back({"weekend", kMonday, 6 * 3600, 12 * 3600, 9});
  try {
    assign_roster(rules, rd, agents, {}, prev);
    FAIL("no error");
  } catch (const wfm::core::InputError& e) {
    CHECK(std::string(e.what()) ==
          "prev.csv:9: column 'date': a previous roster's shifts must be before the first day "
          "rostered (2024-03-04), got 2024-03-04");
  }
}

TEST_CASE("roster: a partial week scales the weekly hours and days by the days rostered",
          "[schedule][roster][partial]") {
  std::string text = tour_rules(20);
  text.replace(text.find("max_consecutive_days = 5"), 24, "max_consecutive_days = 6");
  const ShiftRules rules = parse_shift_rules(text, "r.toml");
  // Friday to the next Wednesday: 3 days of the first week, 3 of the second; a 6 h shift
  // 08:00-14:00 every day.
  std::vector<RosterDay> rd;
  for (int d = 4; d < 10; ++d) rd.push_back({kMonday + days(d), {{1, 8, {}}}});
  std::vector<Agent> agents(1);
  agents[0].id = "A";
  agents[0].min_hours = 35;  // 15 h in 3 days of 7
  agents[0].max_hours = 25;  // 25 x 3 / 5 = 15 h (the days' fraction): two 6 h shifts, not three
  agents[0].max_days = 5;    // 3 x 5 / 7 = 2.14: 3 days (rounded up)
  const RosterResult r = checked(rules, rd, agents);
  CHECK(r.report.optimal);
  std::map<local_days, double> hours;
  for (const auto& e : r.entries) hours[monday_of(rd[e.day].date)] += 6;
  CHECK(hours[kMonday] == 12);
  CHECK(hours[kMonday + days(7)] == 12);
  CHECK(r.unassigned.size() == 2);
  // Both weeks below their scaled minimum, 15 h.
  REQUIRE(r.under_minimum.size() == 2);
  CHECK(r.under_minimum[0].min_hours == Approx(15));
  CHECK(r.under_minimum[0].hours == 12);
  // With 35 h (21 h scaled) the hours allow three shifts a week; the days allow three too.
  agents[0].max_hours = 35;
  const RosterResult more = checked(rules, rd, agents);
  CHECK(more.unassigned.empty());
  CHECK(more.under_minimum.empty());
  // And with 4 days a week (3 x 4 / 7 = 1.7: 2 days, 35 x 2 / 4 = 17.5 h), two shifts a week.
  agents[0].max_days = 4;
  const RosterResult fewer = checked(rules, rd, agents);
  CHECK(fewer.unassigned.size() == 2);
}

TEST_CASE("roster: a weekday never open does not make the last week partial",
          "[schedule][roster][partial]") {
  std::string text = tour_rules(20);
  text.replace(text.find("max_consecutive_days = 5"), 24, "max_consecutive_days = 6");
  const ShiftRules rules = parse_shift_rules(text, "r.toml");
  // Monday to Saturday for two weeks (Sunday closed), then Monday to Wednesday: the third week
  // has 3 of its 6 open days in the period (the first two are whole although Sunday is absent).
  std::vector<RosterDay> rd;
  for (int d = 0; d < 17; ++d) {
    if (d % 7 != 6) rd.push_back({kMonday + days(d), {{1, 8, {}}}});  // 6 h, 08:00-14:00
  }
  std::vector<Agent> agents(1);
  agents[0].id = "A";
  agents[0].min_hours = 12;
  agents[0].max_hours = 12;  // two shifts a week, one in the third (6 h; 3/7 would give 5.1 h)
  const RosterResult r = checked(rules, rd, agents);
  CHECK(r.report.optimal);
  std::map<local_days, double> hours;
  for (const auto& e : r.entries) hours[monday_of(rd[e.day].date)] += 6;
  CHECK(hours[kMonday] == 12);
  CHECK(hours[kMonday + days(7)] == 12);
  CHECK(hours[kMonday + days(14)] == 6);
  CHECK(r.under_minimum.empty());  // the third week's minimum is 6 h
}

TEST_CASE("roster: an overnight shift's rest counts from its real end the next day",
          "[schedule][roster][overnight]") {
  // Hourly; a night template 22:00-06:00 (overnight) and a day template from 07:00 or 18:00.
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "1h"

[roster]
min_rest = "11h"
unassigned_penalty = 100

[[shift]]
name = "night"
start_earliest = "22:00"
paid_length = "8h"
cost_per_paid_hour = 10
overnight = true

[[shift]]
name = "day"
start_earliest = "07:00"
start_latest = "18:00"
start_step = "11h"
paid_length = "4h"
cost_per_paid_hour = 10
)",
                                             "r.toml");
  // Monday night 22:00-06:00 Tuesday, then Tuesday 07:00 (1 h after) and 18:00 (12 h after).
  std::vector<RosterDay> rd{{kMonday, {{0, 22, {}}}}, {kMonday + days(1), {{1, 7, {}}}}};
  // (Contracts wide enough for both: two days of a week scale the weekly limits to 2/7.)
  std::vector<Agent> one(1);
  one[0].id = "a";
  one[0].max_hours = 168;
  const RosterResult r = checked(rules, rd, one);
  CHECK(r.entries.size() == 1);  // not both: 1 h of rest
  CHECK(r.unassigned.size() == 1);
  rd[1].shifts[0].start = 18;
  const RosterResult r2 = checked(rules, rd, one);
  CHECK(r2.entries.size() == 2);  // 12 h of rest
  CHECK(r2.unassigned.empty());
  // Two agents: both shifts of the first case given, to different agents.
  rd[1].shifts[0].start = 7;
  std::vector<Agent> two(2);
  two[0].id = "a";
  two[1].id = "b";
  two[0].max_hours = two[1].max_hours = 168;
  const RosterResult r3 = checked(rules, rd, two);
  REQUIRE(r3.entries.size() == 2);
  CHECK(r3.entries[0].agent != r3.entries[1].agent);
  // An agent available only to 23:00 cannot take the night shift.
  two[0].available_to_s = 23 * 3600;
  two[1].available_to_s = 23 * 3600;
  const RosterResult r4 = checked(rules, rd, two);
  CHECK(r4.entries.size() == 1);
}

TEST_CASE("roster: an overnight shift's hours after midnight need the next date's availability",
          "[schedule][roster][overnight]") {
  // Hourly; Monday's night shift 22:00-06:00 runs into Tuesday.
  const ShiftRules rules = parse_shift_rules(R"([schedule]
interval = "1h"

[roster]
unassigned_penalty = 100

[[shift]]
name = "night"
start_earliest = "22:00"
paid_length = "8h"
cost_per_paid_hour = 10
overnight = true
)",
                                             "r.toml");
  const std::vector<RosterDay> rd{{kMonday, {{0, 22, {}}}}};
  const auto given = [&](Agent a) {
    a.id = "a";
    a.max_hours = 168;
    return checked(rules, rd, {a}).entries.size();
  };
  CHECK(given(Agent{}) == 1);  // available every day, 00:00-24:00
  Agent tuesday_off;
  tuesday_off.unavailable_weekdays = 1u << 1;  // Tuesday: 00:00-06:00 falls on it
  CHECK(given(tuesday_off) == 0);
  Agent wednesday_off;
  wednesday_off.unavailable_weekdays = 1u << 2;  // not touched by the shift
  CHECK(given(wednesday_off) == 1);
  Agent from_eight;
  from_eight.available_from_s = 8 * 3600;  // 22:00 is after 08:00, but Tuesday 00:00 is not
  CHECK(given(from_eight) == 0);
  Agent to_eleven;
  to_eleven.available_to_s = 23 * 3600;  // Monday's part runs to 24:00
  CHECK(given(to_eleven) == 0);
  // Sunday night into Monday: Monday off refuses it (the next weekday wraps to Monday).
  const std::vector<RosterDay> sunday{{kMonday + days(6), {{0, 22, {}}}}};
  Agent monday_off;
  monday_off.id = "a";
  monday_off.max_hours = 168;
  monday_off.unavailable_weekdays = 1u << 0;
  CHECK(checked(rules, sunday, {monday_off}).entries.empty());
  monday_off.unavailable_weekdays = 0;
  CHECK(checked(rules, sunday, {monday_off}).entries.size() == 1);
}
