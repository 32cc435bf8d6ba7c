#include "wfm/schedule/roster.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <CbcModel.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <nlohmann/json.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/schedule/mip.hpp"
#include "wfm/schedule/outputs.hpp"

namespace wfm::schedule {
namespace {

using std::chrono::days;
using std::chrono::local_days;

const double kInf = COIN_DBL_MAX;

// 0 = Monday ... 6 = Sunday.
int weekday_index(local_days d) {
  return static_cast<int>(std::chrono::weekday(d).iso_encoding()) - 1;
}

local_days monday_of(local_days d) {
  return d - days(weekday_index(d));
}

// Shifts of one day with the same start, end and paid length: interchangeable for rostering.
struct Slot {
  int day = 0;
  int start = 0;  // intervals after midnight
  int end = 0;
  double paid_h = 0;
  std::vector<int> shifts;  // indices into the day's shifts, in order
};

struct XPair {
  int agent;
  int slot;
};

// Everything derived from the input that the greedy, the MIP and the cost share.
struct Problem {
  const ShiftRules& rules;
  const std::vector<RosterDay>& days;
  const std::vector<Agent>& agents;
  int n = 0;                 // intervals per day
  std::vector<int> cal;      // per day: days since the first date
  std::vector<int> week;     // per day: index into mondays
  std::vector<int> weekday;  // per day
  std::vector<local_days> mondays;
  std::vector<int> day_at_cal;  // per calendar day: the day index, or -1
  std::vector<Slot> slots;      // by day, then start, end, paid length
  std::vector<std::vector<int>> slots_of_day;
  int total_shifts = 0;

  Problem(const ShiftRules& r, const std::vector<RosterDay>& d, const std::vector<Agent>& a)
      : rules(r), days(d), agents(a), n(r.intervals_per_day()) {
    for (std::size_t i = 0; i < days.size(); ++i) {
      WFM_REQUIRE(i == 0 || days[i].date > days[i - 1].date, (core::Location{rules.source, 0, ""}),
                  "rostering needs the days in date order, each once; got {} after {}",
                  core::format_local_date(days[i].date), core::format_local_date(days[i - 1].date));
      cal.push_back(static_cast<int>((days[i].date - days.front().date).count()));
      weekday.push_back(weekday_index(days[i].date));
      const local_days m = monday_of(days[i].date);
      if (mondays.empty() || mondays.back() != m) mondays.push_back(m);
      week.push_back(static_cast<int>(mondays.size()) - 1);
    }
    day_at_cal.assign(days.empty() ? 0 : cal.back() + 1, -1);
    for (std::size_t i = 0; i < days.size(); ++i) day_at_cal[cal[i]] = static_cast<int>(i);
    slots_of_day.resize(days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
      std::map<std::tuple<int, int, int>, std::vector<int>> groups;
      for (std::size_t k = 0; k < days[i].shifts.size(); ++k) {
        const auto& s = days[i].shifts[k];
        WFM_ENSURE(
            s.template_index >= 0 && s.template_index < static_cast<int>(rules.templates.size()),
            "a shift's template index is out of range");
        const auto& tp = rules.templates[s.template_index];
        groups[{s.start, s.start + tp.span(), tp.paid_length}].push_back(static_cast<int>(k));
        ++total_shifts;
      }
      for (auto& [key, shifts] : groups) {
        Slot sl;
        sl.day = static_cast<int>(i);
        sl.start = std::get<0>(key);
        sl.end = std::get<1>(key);
        sl.paid_h = std::get<2>(key) * rules.interval_s / 3600.0;
        sl.shifts = std::move(shifts);
        slots_of_day[i].push_back(static_cast<int>(slots.size()));
        slots.push_back(std::move(sl));
      }
    }
  }

  bool eligible(int a, const Slot& s) const {
    const Agent& ag = agents[a];
    if (ag.unavailable_weekdays & (1u << weekday[s.day])) return false;
    return s.start * rules.interval_s >= ag.available_from_s &&
           s.end * rules.interval_s <= ag.available_to_s;
  }
  double preference_cost(int a, const Slot& s) const {
    const auto& p = agents[a].preferred_start_s;
    if (!p) return 0;
    return rules.roster.preference_penalty * std::abs(s.start * rules.interval_s - *p) / 3600.0;
  }
  // A shift ending at `end` (intervals) and one starting at `start` the next calendar day leave
  // less than the minimum rest.
  bool rest_conflict(int end, int start) const {
    return static_cast<long long>(start + n - end) * rules.interval_s < rules.roster.min_rest_s;
  }
};

// The objective from per-slot agent lists (what the MIP minimises).
double cost_of(const Problem& p, const std::vector<std::vector<int>>& agents_of_slot) {
  const auto& ro = p.rules.roster;
  double cost = 0;
  int assigned = 0;
  std::vector<std::vector<double>> hours(p.agents.size(), std::vector<double>(p.mondays.size(), 0));
  for (std::size_t s = 0; s < p.slots.size(); ++s) {
    for (int a : agents_of_slot[s]) {
      ++assigned;
      hours[a][p.week[p.slots[s].day]] += p.slots[s].paid_h;
      cost += p.preference_cost(a, p.slots[s]);
    }
  }
  cost += ro.unassigned_penalty * (p.total_shifts - assigned);
  for (std::size_t a = 0; a < p.agents.size(); ++a) {
    for (double h : hours[a]) {
      cost += ro.under_minimum_penalty * std::max(0.0, p.agents[a].min_hours - h);
    }
  }
  return cost;
}

// A roster being built: each agent's slot per calendar day, weekly hours and days. can_assign
// checks every hard rule against the days already filled on both sides, so shifts can be added
// in any order and the roster stays valid.
class RosterState {
 public:
  explicit RosterState(const Problem& p)
      : p_(p),
        slot_at_(p.agents.size(), std::vector<int>(p.day_at_cal.size(), -1)),
        hours_(p.agents.size(), std::vector<double>(p.mondays.size(), 0)),
        days_(p.agents.size(), std::vector<int>(p.mondays.size(), 0)),
        per_slot_(p.slots.size()),
        later_(p.agents.size(), std::vector<int>(p.days.size(), 0)) {
    for (std::size_t a = 0; a < p.agents.size(); ++a) {
      int count = 0;
      for (std::size_t d = p.days.size(); d-- > 0;) {
        if (d + 1 < p.days.size() && p.week[d + 1] != p.week[d]) count = 0;
        later_[a][d] = count;
        bool any = false;
        for (int sl : p.slots_of_day[d]) any = any || p.eligible(static_cast<int>(a), p.slots[sl]);
        count += any;
      }
    }
  }

  bool can_assign(int a, int s) const {
    const Slot& sl = p_.slots[s];
    const Agent& ag = p_.agents[a];
    if (per_slot_[s].size() >= sl.shifts.size() || !p_.eligible(a, sl)) return false;
    const int c = p_.cal[sl.day];
    const int w = p_.week[sl.day];
    const auto& at = slot_at_[a];
    const int ncal = static_cast<int>(at.size());
    if (at[c] >= 0 || days_[a][w] + 1 > ag.max_days) return false;
    if (hours_[a][w] + sl.paid_h > ag.max_hours + 1e-9) return false;
    if (c > 0 && at[c - 1] >= 0 && p_.rest_conflict(p_.slots[at[c - 1]].end, sl.start)) {
      return false;
    }
    if (c + 1 < ncal && at[c + 1] >= 0 && p_.rest_conflict(sl.end, p_.slots[at[c + 1]].start)) {
      return false;
    }
    int run = 1;
    for (int k = c - 1; k >= 0 && at[k] >= 0; --k) ++run;
    for (int k = c + 1; k < ncal && at[k] >= 0; ++k) ++run;
    return run <= p_.rules.roster.max_consecutive_days;
  }
  void assign(int a, int s) {
    const Slot& sl = p_.slots[s];
    slot_at_[a][p_.cal[sl.day]] = s;
    hours_[a][p_.week[sl.day]] += sl.paid_h;
    days_[a][p_.week[sl.day]] += 1;
    per_slot_[s].push_back(a);
  }
  void unassign(int a, int s) {
    const Slot& sl = p_.slots[s];
    slot_at_[a][p_.cal[sl.day]] = -1;
    hours_[a][p_.week[sl.day]] -= sl.paid_h;
    days_[a][p_.week[sl.day]] -= 1;
    auto& v = per_slot_[s];
    v.erase(std::find(v.begin(), v.end(), a));
  }
  // What giving agent a one more shift of slot s changes in the objective (unassigned shifts
  // aside): its preference cost less the shortfall against the weekly minimum it removes.
  double marginal(int a, int s) const {
    return p_.preference_cost(a, p_.slots[s]) -
           p_.rules.roster.under_minimum_penalty * std::min(need(a, s), p_.slots[s].paid_h);
  }
  // How far the agent's week of slot s is below the contract minimum.
  double need(int a, int s) const {
    return std::max(0.0, p_.agents[a].min_hours - hours_[a][p_.week[p_.slots[s].day]]);
  }
  // Room left later in the week of slot s if the agent works it: the days after it that the
  // agent could work, less the working days the contract still allows after this one. The
  // smaller, the more this day is needed to use the agent's days.
  int room(int a, int s) const {
    const int d = p_.slots[s].day;
    return later_[a][d] - (p_.agents[a].max_days - days_[a][p_.week[d]] - 1);
  }
  // The slot's open shifts, one at a time, to the eligible agent furthest below their weekly
  // minimum, then with the least room later in the week (so that agents who can work later days
  // are kept for them), then with the cheapest preference, then the first.
  void fill(int s) {
    while (per_slot_[s].size() < p_.slots[s].shifts.size()) {
      int best = -1;
      double best_need = 0, best_pref = 0;
      int best_room = 0;
      for (int a = 0; a < static_cast<int>(p_.agents.size()); ++a) {
        if (!can_assign(a, s)) continue;
        const double nd = need(a, s);
        const int rm = room(a, s);
        const double pref = p_.preference_cost(a, p_.slots[s]);
        const bool same_need = std::abs(nd - best_need) <= 1e-9;
        if (best < 0 || nd > best_need + 1e-9 || (same_need && rm < best_room) ||
            (same_need && rm == best_room && pref < best_pref - 1e-9)) {
          best = a;
          best_need = nd;
          best_room = rm;
          best_pref = pref;
        }
      }
      if (best < 0) return;
      assign(best, s);
    }
  }
  const std::vector<std::vector<int>>& per_slot() const { return per_slot_; }

 private:
  const Problem& p_;
  std::vector<std::vector<int>> slot_at_;  // [agent][calendar day]: slot or -1
  std::vector<std::vector<double>> hours_;
  std::vector<std::vector<int>> days_;
  std::vector<std::vector<int>> per_slot_;
  std::vector<std::vector<int>> later_;  // [agent][day]: later days of its week it could work
};

// Local improvement: each rostered shift in turn is taken back and given to the agent for whom it
// costs least (the same agent when no one is better), and open shifts are filled; repeated while
// the objective falls, at most `passes` times. The objective never rises.
std::vector<std::vector<int>> improve(const Problem& p, const std::vector<std::vector<int>>& per,
                                      int passes) {
  RosterState st(p);
  for (std::size_t s = 0; s < per.size(); ++s) {
    for (int a : per[s]) st.assign(a, static_cast<int>(s));
  }
  for (int pass = 0; pass < passes; ++pass) {
    bool better = false;
    for (std::size_t si = 0; si < p.slots.size(); ++si) {
      const int s = static_cast<int>(si);
      const std::vector<int> holders = st.per_slot()[s];
      for (int b : holders) {
        st.unassign(b, s);
        int best = b;
        double best_m = st.marginal(b, s);
        for (int a = 0; a < static_cast<int>(p.agents.size()); ++a) {
          if (a == b || !st.can_assign(a, s)) continue;
          const double m = st.marginal(a, s);
          if (m < best_m - 1e-9) {
            best = a;
            best_m = m;
          }
        }
        st.assign(best, s);
        better = better || best != b;
      }
      const std::size_t before = st.per_slot()[s].size();
      st.fill(s);
      better = better || st.per_slot()[s].size() > before;
    }
    if (!better) break;
  }
  return st.per_slot();
}

// Day by day, each slot (the longest shifts first, then the earliest) filled as
// RosterState::fill does.
std::vector<std::vector<int>> greedy(const Problem& p) {
  RosterState st(p);
  for (std::size_t d = 0; d < p.days.size(); ++d) {
    std::vector<int> order = p.slots_of_day[d];
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return p.slots[a].paid_h > p.slots[b].paid_h; });
    for (int s : order) st.fill(s);
  }
  return st.per_slot();
}

// From an LP solution: the (agent, slot) pairs by LP value, highest first, each kept when the
// rules allow it; then the open shifts filled as the greedy does.
std::vector<std::vector<int>> lp_guided(const Problem& p, const std::vector<XPair>& xs,
                                        const double* lp) {
  std::vector<int> order;
  for (std::size_t j = 0; j < xs.size(); ++j) {
    if (lp[j] > 1e-6) order.push_back(static_cast<int>(j));
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return lp[a] > lp[b]; });
  RosterState st(p);
  for (int j : order) {
    if (st.can_assign(xs[j].agent, xs[j].slot)) st.assign(xs[j].agent, xs[j].slot);
  }
  for (std::size_t s = 0; s < p.slots.size(); ++s) st.fill(static_cast<int>(s));
  return st.per_slot();
}

// The assignment MIP started from `start` (per-slot agent lists, feasible). Returns the better of
// CBC's best solution and the start, and fills the report's status fields.
std::vector<std::vector<int>> solve_mip(const Problem& p,
                                        const std::vector<std::vector<int>>& start,
                                        double time_limit_s, RosterReport& rep) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& ro = p.rules.roster;
  const int na = static_cast<int>(p.agents.size());
  Mip m;
  std::vector<XPair> xs;
  // x_as: agent a on one shift of slot s (binary).
  std::vector<std::vector<int>> col_of(na);  // per agent: column per slot (-1: not eligible)
  for (int a = 0; a < na; ++a) {
    col_of[a].assign(p.slots.size(), -1);
    for (std::size_t s = 0; s < p.slots.size(); ++s) {
      if (!p.eligible(a, p.slots[s])) continue;
      col_of[a][s] = m.add_col(0, 1, p.preference_cost(a, p.slots[s]), true);
      xs.push_back({a, static_cast<int>(s)});
    }
  }
  // Each slot: its agents plus the shifts given to nobody equal its shifts.
  std::vector<int> u_col(p.slots.size());
  for (std::size_t s = 0; s < p.slots.size(); ++s) {
    const double count = static_cast<double>(p.slots[s].shifts.size());
    const int row = m.add_row(count, count);
    u_col[s] = m.add_col(0, count, ro.unassigned_penalty, false);
    m.add(row, u_col[s], 1);
    for (int a = 0; a < na; ++a) {
      if (col_of[a][s] >= 0) m.add(row, col_of[a][s], 1);
    }
  }
  const int nw = static_cast<int>(p.mondays.size());
  std::vector<std::vector<int>> short_col(na, std::vector<int>(nw, -1));
  for (int a = 0; a < na; ++a) {
    const Agent& ag = p.agents[a];
    // One shift a day.
    for (std::size_t d = 0; d < p.days.size(); ++d) {
      int cnt = 0;
      for (int s : p.slots_of_day[d]) cnt += col_of[a][s] >= 0;
      if (cnt < 2) continue;
      const int row = m.add_row(-kInf, 1);
      for (int s : p.slots_of_day[d]) {
        if (col_of[a][s] >= 0) m.add(row, col_of[a][s], 1);
      }
    }
    // Weekly hours (max hard, min soft) and days.
    for (int w = 0; w < nw; ++w) {
      const int hours_row = m.add_row(-kInf, ag.max_hours);
      int days_row = -1;
      int eligible_days = 0;
      for (std::size_t d = 0; d < p.days.size(); ++d) {
        if (p.week[d] != w) continue;
        bool any = false;
        for (int s : p.slots_of_day[d]) any = any || col_of[a][s] >= 0;
        eligible_days += any;
      }
      if (eligible_days > ag.max_days) days_row = m.add_row(-kInf, ag.max_days);
      int min_row = -1;
      if (ag.min_hours > 0) {
        min_row = m.add_row(ag.min_hours, kInf);
        short_col[a][w] = m.add_col(0, ag.min_hours, ro.under_minimum_penalty, false);
        m.add(min_row, short_col[a][w], 1);
      }
      for (std::size_t s = 0; s < p.slots.size(); ++s) {
        if (col_of[a][s] < 0 || p.week[p.slots[s].day] != w) continue;
        m.add(hours_row, col_of[a][s], p.slots[s].paid_h);
        if (min_row >= 0) m.add(min_row, col_of[a][s], p.slots[s].paid_h);
        if (days_row >= 0) m.add(days_row, col_of[a][s], 1);
      }
    }
    // Rest: for each end e of a slot of day d, the slots of d ending at or after e and the slots
    // of the next calendar day starting too soon after e: at most one of them.
    for (std::size_t d = 0; d + 1 < p.days.size(); ++d) {
      if (p.cal[d + 1] != p.cal[d] + 1) continue;
      std::set<int> ends;
      for (int s : p.slots_of_day[d]) {
        if (col_of[a][s] >= 0) ends.insert(p.slots[s].end);
      }
      for (int e : ends) {
        std::vector<int> next;
        for (int q : p.slots_of_day[d + 1]) {
          if (col_of[a][q] >= 0 && p.rest_conflict(e, p.slots[q].start)) next.push_back(q);
        }
        if (next.empty()) continue;
        const int row = m.add_row(-kInf, 1);
        for (int s : p.slots_of_day[d]) {
          if (col_of[a][s] >= 0 && p.slots[s].end >= e) m.add(row, col_of[a][s], 1);
        }
        for (int q : next) m.add(row, col_of[a][q], 1);
      }
    }
    // Consecutive days: every window of K + 1 calendar days, all scheduled, has at most K worked.
    const int k = ro.max_consecutive_days;
    for (int c0 = 0; c0 + k < static_cast<int>(p.day_at_cal.size()); ++c0) {
      bool all = true;
      for (int c = c0; c <= c0 + k && all; ++c) {
        const int d = p.day_at_cal[c];
        bool any = false;
        if (d >= 0) {
          for (int s : p.slots_of_day[d]) any = any || col_of[a][s] >= 0;
        }
        all = any;
      }
      if (!all) continue;
      const int row = m.add_row(-kInf, k);
      for (int c = c0; c <= c0 + k; ++c) {
        for (int s : p.slots_of_day[p.day_at_cal[c]]) {
          if (col_of[a][s] >= 0) m.add(row, col_of[a][s], 1);
        }
      }
    }
  }
  rep.variables = m.cols();
  rep.rows = m.rows();

  // A roster (per-slot agents) as a point of the model, and its objective.
  const auto point_of = [&](const std::vector<std::vector<int>>& per, double& obj) {
    std::vector<double> x(m.cols(), 0);
    std::vector<std::vector<double>> hours(na, std::vector<double>(nw, 0));
    for (std::size_t s = 0; s < p.slots.size(); ++s) {
      for (int a : per[s]) {
        WFM_ENSURE(col_of[a][s] >= 0, "a start roster gave a slot to an ineligible agent");
        x[col_of[a][s]] = 1;
        hours[a][p.week[p.slots[s].day]] += p.slots[s].paid_h;
      }
      x[u_col[s]] = static_cast<double>(p.slots[s].shifts.size() - per[s].size());
    }
    for (int a = 0; a < na; ++a) {
      for (int w = 0; w < nw; ++w) {
        if (short_col[a][w] >= 0) {
          x[short_col[a][w]] = std::max(0.0, p.agents[a].min_hours - hours[a][w]);
        }
      }
    }
    obj = 0;
    for (int j = 0; j < m.cols(); ++j) obj += m.obj[j] * x[j];
    return x;
  };
  const auto left = [&] {
    return time_limit_s -
           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };

  // The LP relaxation first: its bound, and a start rounded from it (lp_guided).
  OsiClpSolverInterface solver;
  m.load(solver);
  solver.getModelPtr()->setMaximumSeconds(std::max(0.05, left()));
  {
    // Primal simplex with presolve: on the 500-agent benchmark it solves in about half the time
    // of the dual from a slack basis. (Clp's "sprint", faster still, prints to stdout.)
    ClpSolve how;
    how.setSolveType(ClpSolve::usePrimal);
    how.setPresolveType(ClpSolve::presolveOn);
    solver.setSolveOptions(how);
  }
  solver.getModelPtr()->setLogLevel(0);
  solver.initialSolve();
  rep.lp_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<std::vector<int>> best_start = start;
  if (!solver.isProvenOptimal()) {  // the limit was reached before the LP was solved
    rep.timed_out = true;
    return best_start;
  }
  rep.lp_bound = std::max(0.0, solver.getObjValue());
  rep.bound = rep.lp_bound;
  auto guided = lp_guided(p, xs, solver.getColSolution());
  rep.lp_guided_cost = cost_of(p, guided);
  if (rep.lp_guided_cost < cost_of(p, start) - 1e-9) best_start = std::move(guided);
  double start_obj = 0;
  std::vector<double> x0 = point_of(best_start, start_obj);
  if (left() <= 0.05) {
    rep.timed_out = true;
    return best_start;
  }

  // Branch and bound from that start. Without presolve, CBC's root re-solve starts from the LP's
  // optimal basis and takes no time.
  {
    ClpSolve warm;
    warm.setSolveType(ClpSolve::useDual);
    warm.setPresolveType(ClpSolve::presolveOff);
    solver.setSolveOptions(warm);
  }
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  model.setUseElapsedTime(true);
  model.setMaximumSeconds(std::max(0.05, left()));
  model.setAllowableFractionGap(0);
  model.setAllowableGap(1e-7);
  model.setBestSolution(x0.data(), static_cast<int>(x0.size()), start_obj, true);
  const auto t_bb = std::chrono::steady_clock::now();
  model.branchAndBound();
  rep.bb_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_bb).count();

  rep.timed_out = model.isSecondsLimitReached();
  // Proven optimal only when the search finished (status 0) and was not stopped by a limit.
  rep.optimal = model.status() == 0 && model.isProvenOptimal() && !rep.timed_out;
  rep.bound = std::max(rep.lp_bound, model.getBestPossibleObjValue());
  const double* best = model.bestSolution();
  if (best == nullptr || model.getObjValue() > start_obj + 1e-7 * (1 + std::abs(start_obj))) {
    return best_start;
  }
  std::vector<std::vector<int>> out(p.slots.size());
  for (std::size_t j = 0; j < xs.size(); ++j) {
    // xs[j] is column j: the x columns were added first, in this order.
    if (best[j] > 0.5) out[xs[j].slot].push_back(xs[j].agent);
  }
  return out;
}

}  // namespace

std::vector<RosterDay> roster_days(const std::vector<DayResult>& days) {
  std::vector<RosterDay> out;
  out.reserve(days.size());
  for (const auto& d : days) out.push_back({d.requirements.date, d.schedule.shifts});
  return out;
}

void validate_agents(const ShiftRules& rules, const std::vector<Agent>& agents,
                     const std::string& agents_file) {
  int longest = 0;
  for (const auto& t : rules.templates) longest = std::max(longest, t.paid_length);
  const double longest_h = longest * rules.interval_s / 3600.0;
  std::map<std::string, std::size_t> seen;
  for (const auto& a : agents) {
    const auto [it, fresh] = seen.emplace(a.id, a.line);
    WFM_REQUIRE(fresh, (core::Location{agents_file, a.line, "agent"}),
                "agent '{}' is listed twice (first on line {})", a.id, it->second);
    int open_days = 0;
    for (int w = 0; w < 7; ++w) open_days += (a.unavailable_weekdays & (1u << w)) == 0;
    const int days = std::min(a.max_days, open_days);
    WFM_REQUIRE(a.min_hours <= days * longest_h + 1e-9,
                (core::Location{agents_file, a.line, "min_hours"}),
                "agent '{}': a weekly minimum of {} h cannot fit in {} working days of at most "
                "{} paid hours (the longest shift template of {})",
                a.id, a.min_hours, days, longest_h, rules.source);
  }
}

double roster_cost(const ShiftRules& rules, const std::vector<RosterDay>& days,
                   const std::vector<Agent>& agents, const std::vector<RosterEntry>& entries) {
  const Problem p(rules, days, agents);
  std::vector<std::vector<int>> per(p.slots.size());
  for (const auto& e : entries) {
    for (int s : p.slots_of_day[e.day]) {
      const auto& sh = p.slots[s].shifts;
      if (std::find(sh.begin(), sh.end(), e.shift) != sh.end()) per[s].push_back(e.agent);
    }
  }
  return cost_of(p, per);
}

RosterResult assign_roster(const ShiftRules& rules, const std::vector<RosterDay>& days,
                           const std::vector<Agent>& agents, const RosterOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem p(rules, days, agents);
  RosterResult out;
  auto& rep = out.report;
  rep.time_limit_s = options.time_limit_s;
  std::vector<std::vector<int>> per = greedy(p);
  rep.greedy_cost = cost_of(p, per);
  rep.bound = 0;
  if (options.use_mip && !p.slots.empty() && !agents.empty()) {
    rep.mip_used = true;
    per = solve_mip(p, per, options.time_limit_s, rep);
  } else if (p.total_shifts == 0 || agents.empty()) {
    // Nothing to choose: the roster is the only one.
    rep.optimal = true;
    rep.bound = rep.greedy_cost;
  }
  if (!rep.optimal) per = improve(p, per, 20);
  rep.cost = cost_of(p, per);
  rep.bound = std::min(rep.bound, rep.cost);
  rep.gap = rep.cost > 0 ? (rep.cost - rep.bound) / rep.cost : 0;

  // Deal each slot's agents (in index order) to its shifts in the schedule's order.
  const std::size_t na = agents.size();
  std::vector<std::vector<double>> hours(na, std::vector<double>(p.mondays.size(), 0));
  for (std::size_t s = 0; s < p.slots.size(); ++s) {
    auto agents_here = per[s];
    std::sort(agents_here.begin(), agents_here.end());
    const Slot& sl = p.slots[s];
    for (std::size_t u = 0; u < sl.shifts.size(); ++u) {
      if (u < agents_here.size()) {
        out.entries.push_back({agents_here[u], sl.day, sl.shifts[u]});
        hours[agents_here[u]][p.week[sl.day]] += sl.paid_h;
      } else {
        out.unassigned.push_back({-1, sl.day, sl.shifts[u]});
      }
    }
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const RosterEntry& a, const RosterEntry& b) {
    return std::tie(a.agent, a.day, a.shift) < std::tie(b.agent, b.day, b.shift);
  });
  std::sort(out.unassigned.begin(), out.unassigned.end(),
            [](const RosterEntry& a, const RosterEntry& b) {
              return std::tie(a.day, a.shift) < std::tie(b.day, b.shift);
            });
  for (std::size_t a = 0; a < na; ++a) {
    for (std::size_t w = 0; w < p.mondays.size(); ++w) {
      if (hours[a][w] < agents[a].min_hours - 1e-9) {
        out.under_minimum.push_back(
            {static_cast<int>(a), p.mondays[w], hours[a][w], agents[a].min_hours});
      }
    }
  }
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

std::string roster_status(const RosterReport& r) {
  return r.optimal ? "optimal" : (r.timed_out ? "time limit reached" : "not proven optimal");
}

nlohmann::json roster_json(const RosterResult& roster, const std::vector<DayResult>& days,
                           const std::vector<Agent>& agents, const std::string& file) {
  const auto& r = roster.report;
  nlohmann::json j = {{"file", file},
                      {"assigned", roster.entries.size()},
                      {"unassigned", roster.unassigned.size()},
                      {"agents_under_minimum", roster.under_minimum.size()},
                      {"cost", r.cost},
                      {"greedy_cost", r.greedy_cost},
                      {"lp_guided_cost", r.lp_guided_cost},
                      {"lp_bound", r.lp_bound},
                      {"bound", r.bound},
                      {"gap", r.gap},
                      {"status", roster_status(r)},
                      {"optimal", r.optimal},
                      {"timed_out", r.timed_out},
                      {"seconds", r.seconds},
                      {"time_limit_s", r.time_limit_s}};
  j["unassigned_shifts"] = nlohmann::json::array();
  for (const auto& u : roster.unassigned) {
    j["unassigned_shifts"].push_back(
        {{"date", core::format_local_date(days[u.day].requirements.date)}, {"shift", u.shift + 1}});
  }
  j["under_minimum"] = nlohmann::json::array();
  for (const auto& u : roster.under_minimum) {
    j["under_minimum"].push_back({{"agent", agents[u.agent].id},
                                  {"week", core::format_local_date(u.week)},
                                  {"hours", u.hours},
                                  {"min_hours", u.min_hours}});
  }
  return j;
}

}  // namespace wfm::schedule
