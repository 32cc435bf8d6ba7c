#include "wfm/schedule/roster.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

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

// Shifts of one day with the same start, end and paid length, interchangeable for rostering: a
// "cell". A day's shifts outside tours are grouped by (start, end, paid length); the shifts of
// identical tours (a tour group) on one day form the group's cell of that day, its i-th shift
// belonging to the group's i-th tour.
struct Cell {
  int day = 0;
  int start = 0;  // intervals after midnight
  int end = 0;
  double paid_h = 0;
  int group = -1;           // tour group, or -1
  std::vector<int> shifts;  // indices into the day's shifts, in order
};

// What one agent takes in one piece: one shift of each of its cells. A day's cell outside tours
// has one bundle (that cell); a tour group has its whole-tour bundle (every cell of the group)
// and one split bundle per cell (a shift of the tour given on its own, at split_tour_penalty).
struct Bundle {
  std::vector<int> cells;  // on distinct days, in day order
  int group = -1;
  bool split = false;
  double paid_h = 0;
  std::vector<std::pair<int, double>> week_hours;  // (week, paid hours) of its cells
  std::vector<std::pair<int, int>> week_days;      // (week, working days) of its cells
};

// Tours with the same shifts on the same days: interchangeable for rostering.
struct TourGroup {
  std::vector<int> tours;  // tour ids, ascending
  std::vector<int> cells;  // one per working day, in day order
  int whole = -1;          // the whole-tour bundle
  std::vector<int> split;  // the split bundle of each cell
};

struct XPair {
  int agent;
  int bundle;
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
  std::vector<double> share;    // per week: the share of its open days in the period rostered
  std::vector<int> day_at_cal;  // per calendar day: the day index, or -1
  std::vector<Cell> cells;      // by day (outside tours), then the tour groups'
  std::vector<std::vector<int>> cells_of_day;
  std::vector<Bundle> bundles;
  std::vector<std::vector<int>> bundles_of_cell;
  std::vector<TourGroup> groups;
  int total_shifts = 0;
  int tours = 0;
  // Carried in from a previous roster, per agent: the end (seconds after midnight) of the shift on
  // the day before the first day, or -1; the working days in a row ending on that day.
  std::vector<int> prior_end_s;
  std::vector<int> prior_run;

  Problem(const ShiftRules& r, const std::vector<RosterDay>& d, const std::vector<Agent>& a,
          const PreviousRoster& previous = {})
      : rules(r),
        days(d),
        agents(a),
        n(r.intervals_per_day()),
        prior_end_s(a.size(), -1),
        prior_run(a.size(), 0) {
    carry_in(previous);
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
    // The open weekdays: those with a day in a Monday-Sunday week wholly inside the period
    // (first to last day), or all seven when no such week has any.
    unsigned open = 0;
    for (std::size_t i = 0; i < days.size(); ++i) {
      const local_days m = monday_of(days[i].date);
      if (m >= days.front().date && m + std::chrono::days(6) <= days.back().date) {
        open |= 1u << weekday[i];
      }
    }
    if (open == 0) open = 0x7f;
    int open_days = 0;
    for (int wd = 0; wd < 7; ++wd) open_days += (open >> wd) & 1u;
    for (const local_days m : mondays) {
      int in_period = 0;
      for (int wd = 0; wd < 7; ++wd) {
        const local_days d = m + std::chrono::days(wd);
        in_period += ((open >> wd) & 1u) != 0 && d >= days.front().date && d <= days.back().date;
      }
      share.push_back(static_cast<double>(in_period) / open_days);
    }
    day_at_cal.assign(days.empty() ? 0 : cal.back() + 1, -1);
    for (std::size_t i = 0; i < days.size(); ++i) day_at_cal[cal[i]] = static_cast<int>(i);
    cells_of_day.resize(days.size());
    // Per tour id: its (day, shift) pairs.
    std::map<int, std::vector<std::pair<int, int>>> tour_shifts;
    for (std::size_t i = 0; i < days.size(); ++i) {
      std::map<std::tuple<int, int, int>, std::vector<int>> slots;
      for (std::size_t k = 0; k < days[i].shifts.size(); ++k) {
        const auto& s = days[i].shifts[k];
        WFM_ENSURE(
            s.template_index >= 0 && s.template_index < static_cast<int>(rules.templates.size()),
            "a shift's template index is out of range");
        ++total_shifts;
        if (s.tour > 0) {
          tour_shifts[s.tour].emplace_back(static_cast<int>(i), static_cast<int>(k));
          continue;
        }
        const auto& tp = rules.templates[s.template_index];
        slots[{s.start, s.start + tp.span(), tp.paid_length}].push_back(static_cast<int>(k));
      }
      for (auto& [key, shifts] : slots) {
        const int c = add_cell(static_cast<int>(i), std::get<0>(key), std::get<1>(key),
                               std::get<2>(key), -1, std::move(shifts));
        add_bundle({c}, -1, false);
      }
    }
    // Tours with the same (day, start, end, paid length) on each working day form one group.
    tours = static_cast<int>(tour_shifts.size());
    std::map<std::vector<std::array<int, 4>>, std::vector<int>> by_signature;
    for (const auto& [id, list] : tour_shifts) {
      std::vector<std::array<int, 4>> sig;
      for (const auto& [day, k] : list) {
        WFM_ENSURE(sig.empty() || sig.back()[0] != day, "a tour has two shifts on one day");
        const auto& s = days[day].shifts[k];
        const auto& tp = rules.templates[s.template_index];
        sig.push_back({day, s.start, s.start + tp.span(), tp.paid_length});
      }
      by_signature[sig].push_back(id);
    }
    for (const auto& [sig, ids] : by_signature) {
      TourGroup g;
      g.tours = ids;
      const int gi = static_cast<int>(groups.size());
      for (std::size_t j = 0; j < sig.size(); ++j) {
        std::vector<int> shifts;
        for (int id : ids) shifts.push_back(tour_shifts.at(id)[j].second);
        g.cells.push_back(add_cell(sig[j][0], sig[j][1], sig[j][2], sig[j][3], gi, shifts));
      }
      g.whole = add_bundle(g.cells, gi, false);
      for (int c : g.cells) g.split.push_back(add_bundle({c}, gi, true));
      groups.push_back(std::move(g));
    }
  }

  void carry_in(const PreviousRoster& previous) {
    if (days.empty()) return;
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < agents.size(); ++i)
      index.emplace(agents[i].id, static_cast<int>(i));
    const local_days first = days.front().date;
    std::vector<std::set<int>> worked(agents.size());  // days before the first day (1 = the eve)
    for (const auto& s : previous.shifts) {
      WFM_REQUIRE(s.date < first, (core::Location{previous.source, s.line, "date"}),
                  "a previous roster's shifts must be before the first day rostered ({}), got {}",
                  core::format_local_date(first), core::format_local_date(s.date));
      const auto it = index.find(s.agent);
      if (it == index.end()) continue;
      worked[it->second].insert(static_cast<int>((first - s.date).count()));
      if (s.date == first - std::chrono::days(1)) prior_end_s[it->second] = s.end_s;
    }
    for (std::size_t i = 0; i < agents.size(); ++i) {
      while (worked[i].count(prior_run[i] + 1) != 0) ++prior_run[i];
    }
  }

  int add_cell(int day, int start, int end, int paid, int group, std::vector<int> shifts) {
    Cell c;
    c.day = day;
    c.start = start;
    c.end = end;
    c.paid_h = paid * rules.interval_s / 3600.0;
    c.group = group;
    c.shifts = std::move(shifts);
    cells_of_day[day].push_back(static_cast<int>(cells.size()));
    cells.push_back(std::move(c));
    bundles_of_cell.emplace_back();
    return static_cast<int>(cells.size()) - 1;
  }
  int add_bundle(std::vector<int> cs, int group, bool split) {
    Bundle b;
    b.group = group;
    b.split = split;
    for (int c : cs) {
      const Cell& cell = cells[c];
      const int w = week[cell.day];
      b.paid_h += cell.paid_h;
      if (b.week_hours.empty() || b.week_hours.back().first != w) {
        b.week_hours.emplace_back(w, 0.0);
        b.week_days.emplace_back(w, 0);
      }
      b.week_hours.back().second += cell.paid_h;
      b.week_days.back().second += 1;
      bundles_of_cell[c].push_back(static_cast<int>(bundles.size()));
    }
    b.cells = std::move(cs);
    bundles.push_back(std::move(b));
    return static_cast<int>(bundles.size()) - 1;
  }

  int capacity(int c) const { return static_cast<int>(cells[c].shifts.size()); }

  // The contract's weekly limits for week w, scaled for a week only partly rostered (share[w]
  // below 1: the period starts after the week's first open day or ends before its last). The
  // minimum and the working days are scaled by share[w], the days rounded up; the maximum hours
  // by the same fraction as the days (rounded-up days over the contract's), so each working day
  // keeps its hours: 5 days and 40 h in 2 days of 7 give 2 days and 16 h, two full shifts.
  int max_days(int a, int w) const {
    return static_cast<int>(std::ceil(agents[a].max_days * share[w] - 1e-9));
  }
  double max_hours(int a, int w) const {
    const Agent& ag = agents[a];
    return ag.max_days == 0 ? 0.0 : ag.max_hours * max_days(a, w) / ag.max_days;
  }
  double min_hours(int a, int w) const { return agents[a].min_hours * share[w]; }

  bool eligible(int a, const Cell& c) const {
    const Agent& ag = agents[a];
    if (ag.unavailable_weekdays & (1u << weekday[c.day])) return false;
    const long long start_s = static_cast<long long>(c.start) * rules.interval_s;
    const long long end_s = static_cast<long long>(c.end) * rules.interval_s;
    if (end_s <= 86400) return start_s >= ag.available_from_s && end_s <= ag.available_to_s;
    // An overnight shift: on its own date from its start to midnight, so the agent's window must
    // run to 24:00; on the next date from midnight to its end, so that weekday must not be off
    // and the window (the same every date) must start at 00:00 and reach the end.
    const unsigned next = (static_cast<unsigned>(weekday[c.day]) + 1) % 7;
    return (ag.unavailable_weekdays & (1u << next)) == 0 && start_s >= ag.available_from_s &&
           ag.available_to_s == 86400 && ag.available_from_s == 0 &&
           end_s - 86400 <= ag.available_to_s;
  }
  double preference_cost(int a, const Cell& c) const {
    const auto& p = agents[a].preferred_start_s;
    if (!p) return 0;
    return rules.roster.preference_penalty * std::abs(c.start * rules.interval_s - *p) / 3600.0;
  }
  // The bundle's cost for agent a: preferences, and the split penalty of a split bundle.
  double bundle_cost(int a, int b) const {
    double cost = bundles[b].split ? rules.roster.split_tour_penalty : 0;
    for (int c : bundles[b].cells) cost += preference_cost(a, cells[c]);
    return cost;
  }
  // A shift ending at `end` (intervals) and one starting at `start` the next calendar day leave
  // less than the minimum rest.
  bool rest_conflict(int end, int start) const {
    return static_cast<long long>(start + n - end) * rules.interval_s < rules.roster.min_rest_s;
  }
  // Agent a's previous shift, on the day before the first day, leaves less than the minimum rest
  // before a shift starting at `start` on the first day.
  bool prior_rest_conflict(int a, int start) const {
    return prior_end_s[a] >= 0 &&
           start * rules.interval_s + 86400 - prior_end_s[a] < rules.roster.min_rest_s;
  }
};

// The roster's entries from per-bundle agent lists: each cell's agents (in index order) dealt its
// shifts in order. In a tour group, the agents of the whole-tour bundle take the group's first
// tours, one tour each; each day's split agents take that day's shifts of the tours left.
std::vector<RosterEntry> entries_of(const Problem& p, const std::vector<std::vector<int>>& per,
                                    std::vector<RosterEntry>* unassigned = nullptr) {
  std::vector<RosterEntry> out;
  const auto deal = [&](const Cell& c, std::size_t first, std::vector<int> agents) {
    std::sort(agents.begin(), agents.end());
    for (std::size_t u = first; u < c.shifts.size(); ++u) {
      if (u - first < agents.size()) {
        out.push_back({agents[u - first], c.day, c.shifts[u]});
      } else if (unassigned != nullptr) {
        unassigned->push_back({-1, c.day, c.shifts[u]});
      }
    }
  };
  for (std::size_t b = 0; b < p.bundles.size(); ++b) {
    if (p.bundles[b].group < 0) deal(p.cells[p.bundles[b].cells[0]], 0, per[b]);
  }
  for (const auto& g : p.groups) {
    std::vector<int> whole = per[g.whole];
    std::sort(whole.begin(), whole.end());
    for (std::size_t j = 0; j < g.cells.size(); ++j) {
      const Cell& c = p.cells[g.cells[j]];
      for (std::size_t u = 0; u < whole.size(); ++u) out.push_back({whole[u], c.day, c.shifts[u]});
      deal(c, whole.size(), per[g.split[j]]);
    }
  }
  const auto order = [](const RosterEntry& a, const RosterEntry& b) {
    return std::tie(a.agent, a.day, a.shift) < std::tie(b.agent, b.day, b.shift);
  };
  std::sort(out.begin(), out.end(), order);
  if (unassigned != nullptr) std::sort(unassigned->begin(), unassigned->end(), order);
  return out;
}

// The objective of a roster given by its entries (what the MIP minimises): a tour's shifts are
// split, at split_tour_penalty each, unless every one of them went to the same agent.
double cost_of_entries(const Problem& p, const std::vector<RosterEntry>& entries) {
  const auto& ro = p.rules.roster;
  std::map<int, int> tour_size;
  for (const auto& d : p.days) {
    for (const auto& s : d.shifts) {
      if (s.tour > 0) ++tour_size[s.tour];
    }
  }
  std::map<int, std::set<int>> tour_agents;
  std::map<int, int> tour_given;
  for (const auto& e : entries) {
    const int t = p.days[e.day].shifts[e.shift].tour;
    if (t > 0) {
      tour_agents[t].insert(e.agent);
      ++tour_given[t];
    }
  }
  double cost = ro.unassigned_penalty * (p.total_shifts - static_cast<double>(entries.size()));
  std::vector<std::vector<double>> hours(p.agents.size(), std::vector<double>(p.mondays.size(), 0));
  for (const auto& e : entries) {
    const auto& s = p.days[e.day].shifts[e.shift];
    const auto& tp = p.rules.templates[s.template_index];
    Cell c;
    c.day = e.day;
    c.start = s.start;
    c.end = s.start + tp.span();
    cost += p.preference_cost(e.agent, c);
    hours[e.agent][p.week[e.day]] += tp.paid_length * p.rules.interval_s / 3600.0;
    if (s.tour > 0 &&
        !(tour_agents[s.tour].size() == 1 && tour_given[s.tour] == tour_size[s.tour])) {
      cost += ro.split_tour_penalty;
    }
  }
  for (std::size_t a = 0; a < p.agents.size(); ++a) {
    for (std::size_t w = 0; w < p.mondays.size(); ++w) {
      cost += ro.under_minimum_penalty *
              std::max(0.0, p.min_hours(static_cast<int>(a), static_cast<int>(w)) - hours[a][w]);
    }
  }
  return cost;
}

double cost_of(const Problem& p, const std::vector<std::vector<int>>& per) {
  return cost_of_entries(p, entries_of(p, per));
}

// A roster being built: each agent's cell per calendar day, weekly hours and days. can_assign
// checks every hard rule against the days already filled on both sides, so bundles can be added
// in any order and the roster stays valid.
class RosterState {
 public:
  explicit RosterState(const Problem& p)
      : p_(p),
        cell_at_(p.agents.size(), std::vector<int>(p.day_at_cal.size(), -1)),
        hours_(p.agents.size(), std::vector<double>(p.mondays.size(), 0)),
        days_(p.agents.size(), std::vector<int>(p.mondays.size(), 0)),
        per_bundle_(p.bundles.size()),
        used_(p.cells.size(), 0),
        later_(p.agents.size(), std::vector<int>(p.days.size(), 0)) {
    for (std::size_t a = 0; a < p.agents.size(); ++a) {
      int count = 0;
      for (std::size_t d = p.days.size(); d-- > 0;) {
        if (d + 1 < p.days.size() && p.week[d + 1] != p.week[d]) count = 0;
        later_[a][d] = count;
        bool any = false;
        for (int c : p.cells_of_day[d]) any = any || p.eligible(static_cast<int>(a), p.cells[c]);
        count += any;
      }
    }
  }

  bool can_assign(int a, int b) const {
    const Bundle& bu = p_.bundles[b];
    for (int c : bu.cells) {
      if (used_[c] >= p_.capacity(c) || !p_.eligible(a, p_.cells[c])) return false;
      if (cell_at_[a][p_.cal[p_.cells[c].day]] >= 0) return false;
    }
    for (const auto& [w, h] : bu.week_hours) {
      if (hours_[a][w] + h > p_.max_hours(a, w) + 1e-9) return false;
    }
    for (const auto& [w, d] : bu.week_days) {
      if (days_[a][w] + d > p_.max_days(a, w)) return false;
    }
    const auto& at = cell_at_[a];
    const int ncal = static_cast<int>(at.size());
    // The cell worked on calendar day k with the bundle added, or -1.
    const auto cell_on = [&](int k) {
      if (at[k] >= 0) return at[k];
      for (int c : bu.cells) {
        if (p_.cal[p_.cells[c].day] == k) return c;
      }
      return -1;
    };
    for (int c : bu.cells) {
      const Cell& cell = p_.cells[c];
      const int k = p_.cal[cell.day];
      if (k > 0) {
        const int prev = cell_on(k - 1);
        if (prev >= 0 && p_.rest_conflict(p_.cells[prev].end, cell.start)) return false;
      } else if (p_.prior_rest_conflict(a, cell.start)) {
        return false;
      }
      if (k + 1 < ncal) {
        const int next = cell_on(k + 1);
        if (next >= 0 && p_.rest_conflict(cell.end, p_.cells[next].start)) return false;
      }
      int run = 1;
      int j = k - 1;
      for (; j >= 0 && cell_on(j) >= 0; --j) ++run;
      if (j < 0) run += p_.prior_run[a];  // the run reaches back into the previous roster
      for (j = k + 1; j < ncal && cell_on(j) >= 0; ++j) ++run;
      if (run > p_.rules.roster.max_consecutive_days) return false;
    }
    return true;
  }
  void assign(int a, int b) {
    for (int c : p_.bundles[b].cells) {
      cell_at_[a][p_.cal[p_.cells[c].day]] = c;
      ++used_[c];
    }
    add_week(a, b, 1);
    per_bundle_[b].push_back(a);
  }
  void unassign(int a, int b) {
    for (int c : p_.bundles[b].cells) {
      cell_at_[a][p_.cal[p_.cells[c].day]] = -1;
      --used_[c];
    }
    add_week(a, b, -1);
    auto& v = per_bundle_[b];
    v.erase(std::find(v.begin(), v.end(), a));
  }
  // How far the agent is below the weekly minimum in the weeks of bundle b.
  double need(int a, int b) const {
    double n = 0;
    for (const auto& [w, h] : p_.bundles[b].week_hours) {
      n += std::max(0.0, p_.min_hours(a, w) - hours_[a][w]);
    }
    return n;
  }
  // The weekly shortfall against the minimum that giving agent a bundle b removes.
  double relief(int a, int b) const {
    double r = 0;
    for (const auto& [w, h] : p_.bundles[b].week_hours) {
      r += std::min(std::max(0.0, p_.min_hours(a, w) - hours_[a][w]), h);
    }
    return r;
  }
  // What giving agent a bundle b changes in the objective (unassigned shifts aside).
  double marginal(int a, int b) const {
    return p_.bundle_cost(a, b) - p_.rules.roster.under_minimum_penalty * relief(a, b);
  }
  // Room left later in the week of the bundle's first day if the agent works it: the days after
  // it that the agent could work, less the working days the contract still allows after this
  // one. The smaller, the more this day is needed to use the agent's days.
  int room(int a, int b) const {
    const int d = p_.cells[p_.bundles[b].cells[0]].day;
    return later_[a][d] - (p_.max_days(a, p_.week[d]) - days_[a][p_.week[d]] - 1);
  }
  // Copies of the bundle, one at a time, to the eligible agent furthest below their weekly
  // minimum (in the bundle's weeks), then with the least room later in the week (so that agents
  // who can work later days are kept for them), then with the cheapest preference, then the
  // first.
  void fill(int b) {
    for (;;) {
      int best = -1;
      double best_need = 0, best_cost = 0;
      int best_room = 0;
      for (int a = 0; a < static_cast<int>(p_.agents.size()); ++a) {
        if (!can_assign(a, b)) continue;
        const double nd = need(a, b);
        const int rm = room(a, b);
        const double cost = p_.bundle_cost(a, b);
        const bool same = std::abs(nd - best_need) <= 1e-9;
        if (best < 0 || nd > best_need + 1e-9 || (same && rm < best_room) ||
            (same && rm == best_room && cost < best_cost - 1e-9)) {
          best = a;
          best_need = nd;
          best_room = rm;
          best_cost = cost;
        }
      }
      if (best < 0) return;
      assign(best, b);
    }
  }
  const std::vector<std::vector<int>>& per_bundle() const { return per_bundle_; }

 private:
  void add_week(int a, int b, int sign) {
    for (const auto& [w, h] : p_.bundles[b].week_hours) hours_[a][w] += sign * h;
    for (const auto& [w, d] : p_.bundles[b].week_days) days_[a][w] += sign * d;
  }

  const Problem& p_;
  std::vector<std::vector<int>> cell_at_;  // [agent][calendar day]: cell or -1
  std::vector<std::vector<double>> hours_;
  std::vector<std::vector<int>> days_;
  std::vector<std::vector<int>> per_bundle_;
  std::vector<int> used_;                // per cell: shifts given
  std::vector<std::vector<int>> later_;  // [agent][day]: later days of its week it could work
};

// The order in which the greedy fills bundles: whole tours first (by first day, the most paid
// hours first), then day by day each day's other bundles (the longest shifts first).
std::vector<int> fill_order(const Problem& p) {
  std::vector<int> whole, rest;
  for (std::size_t b = 0; b < p.bundles.size(); ++b) {
    const Bundle& bu = p.bundles[b];
    (bu.group >= 0 && !bu.split ? whole : rest).push_back(static_cast<int>(b));
  }
  const auto first_day = [&](int b) { return p.cells[p.bundles[b].cells[0]].day; };
  const auto by = [&](int a, int b) {
    if (first_day(a) != first_day(b)) return first_day(a) < first_day(b);
    return p.bundles[a].paid_h > p.bundles[b].paid_h;
  };
  std::stable_sort(whole.begin(), whole.end(), by);
  std::stable_sort(rest.begin(), rest.end(), by);
  whole.insert(whole.end(), rest.begin(), rest.end());
  return whole;
}

// Local improvement: each bundle given in turn is taken back and given to the agent for whom it
// costs least (the same agent when no one is better), and open bundles are filled; repeated
// while the objective falls, at most `passes` times. The objective never rises.
std::vector<std::vector<int>> improve(const Problem& p, const std::vector<std::vector<int>>& per,
                                      int passes) {
  RosterState st(p);
  for (std::size_t b = 0; b < per.size(); ++b) {
    for (int a : per[b]) st.assign(a, static_cast<int>(b));
  }
  const std::vector<int> order = fill_order(p);
  for (int pass = 0; pass < passes; ++pass) {
    bool better = false;
    for (int b : order) {
      const std::vector<int> holders = st.per_bundle()[b];
      for (int h : holders) {
        st.unassign(h, b);
        int best = h;
        double best_m = st.marginal(h, b);
        for (int a = 0; a < static_cast<int>(p.agents.size()); ++a) {
          if (a == h || !st.can_assign(a, b)) continue;
          const double m = st.marginal(a, b);
          if (m < best_m - 1e-9) {
            best = a;
            best_m = m;
          }
        }
        st.assign(best, b);
        better = better || best != h;
      }
      const std::size_t before = st.per_bundle()[b].size();
      st.fill(b);
      better = better || st.per_bundle()[b].size() > before;
    }
    if (!better) break;
  }
  return st.per_bundle();
}

std::vector<std::vector<int>> greedy(const Problem& p) {
  RosterState st(p);
  for (int b : fill_order(p)) st.fill(b);
  return st.per_bundle();
}

// From an LP solution: the (agent, bundle) pairs by LP value, highest first, each kept when the
// rules allow it; then the open bundles filled as the greedy does.
std::vector<std::vector<int>> lp_guided(const Problem& p, const std::vector<XPair>& xs,
                                        const double* lp) {
  std::vector<int> order;
  for (std::size_t j = 0; j < xs.size(); ++j) {
    if (lp[j] > 1e-6) order.push_back(static_cast<int>(j));
  }
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return lp[a] > lp[b]; });
  RosterState st(p);
  for (int j : order) {
    if (st.can_assign(xs[j].agent, xs[j].bundle)) st.assign(xs[j].agent, xs[j].bundle);
  }
  for (int b : fill_order(p)) st.fill(b);
  return st.per_bundle();
}

// The assignment MIP started from `start` (per-bundle agent lists, feasible). Returns the better
// of CBC's best solution and the start, and fills the report's status fields.
std::vector<std::vector<int>> solve_mip(const Problem& p,
                                        const std::vector<std::vector<int>>& start,
                                        double time_limit_s, RosterReport& rep) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& ro = p.rules.roster;
  const int na = static_cast<int>(p.agents.size());
  const int nb = static_cast<int>(p.bundles.size());
  const int ncal = static_cast<int>(p.day_at_cal.size());
  Mip m;
  std::vector<XPair> xs;
  // x_ab: agent a takes one copy of bundle b (binary), for the pairs an empty roster allows.
  const RosterState empty(p);
  std::vector<std::vector<int>> col_of(na);  // per agent: column per bundle (-1: not eligible)
  for (int a = 0; a < na; ++a) {
    col_of[a].assign(nb, -1);
    for (int b = 0; b < nb; ++b) {
      if (!empty.can_assign(a, b)) continue;
      col_of[a][b] = m.add_col(0, 1, p.bundle_cost(a, b), true);
      xs.push_back({a, b});
    }
  }
  // Each cell: the agents of its bundles plus the shifts given to nobody equal its shifts.
  std::vector<int> u_col(p.cells.size());
  for (std::size_t c = 0; c < p.cells.size(); ++c) {
    const double count = p.capacity(static_cast<int>(c));
    const int row = m.add_row(count, count);
    u_col[c] = m.add_col(0, count, ro.unassigned_penalty, false);
    m.add(row, u_col[c], 1);
    for (int b : p.bundles_of_cell[c]) {
      for (int a = 0; a < na; ++a) {
        if (col_of[a][b] >= 0) m.add(row, col_of[a][b], 1);
      }
    }
  }
  // Per agent and calendar day: the eligible bundles working it.
  std::vector<std::vector<std::vector<int>>> on_day(na, std::vector<std::vector<int>>(ncal));
  for (int a = 0; a < na; ++a) {
    for (int b = 0; b < nb; ++b) {
      if (col_of[a][b] < 0) continue;
      for (int c : p.bundles[b].cells) on_day[a][p.cal[p.cells[c].day]].push_back(b);
    }
  }
  const int nw = static_cast<int>(p.mondays.size());
  std::vector<std::vector<int>> short_col(na, std::vector<int>(nw, -1));
  for (int a = 0; a < na; ++a) {
    // One shift a day.
    for (int k = 0; k < ncal; ++k) {
      if (on_day[a][k].size() < 2) continue;
      const int row = m.add_row(-kInf, 1);
      for (int b : on_day[a][k]) m.add(row, col_of[a][b], 1);
    }
    // Weekly hours (max hard, min soft) and days.
    for (int w = 0; w < nw; ++w) {
      const int hours_row = m.add_row(-kInf, p.max_hours(a, w));
      int eligible_days = 0;
      for (int k = 0; k < ncal; ++k) {
        const int d = p.day_at_cal[k];
        eligible_days += d >= 0 && p.week[d] == w && !on_day[a][k].empty();
      }
      const int days_row =
          eligible_days > p.max_days(a, w) ? m.add_row(-kInf, p.max_days(a, w)) : -1;
      int min_row = -1;
      if (p.min_hours(a, w) > 0) {
        min_row = m.add_row(p.min_hours(a, w), kInf);
        short_col[a][w] = m.add_col(0, p.min_hours(a, w), ro.under_minimum_penalty, false);
        m.add(min_row, short_col[a][w], 1);
      }
      for (int b = 0; b < nb; ++b) {
        if (col_of[a][b] < 0) continue;
        for (const auto& [bw, h] : p.bundles[b].week_hours) {
          if (bw != w) continue;
          m.add(hours_row, col_of[a][b], h);
          if (min_row >= 0) m.add(min_row, col_of[a][b], h);
        }
        for (const auto& [bw, dd] : p.bundles[b].week_days) {
          if (bw == w && days_row >= 0) m.add(days_row, col_of[a][b], dd);
        }
      }
    }
    // Rest: for each end e of a cell of calendar day k, the bundles working k to e or later and
    // those starting too soon after e on day k + 1: at most one of them.
    for (int k = 0; k + 1 < ncal; ++k) {
      std::set<int> ends;
      for (int b : on_day[a][k]) {
        for (int c : p.bundles[b].cells) {
          if (p.cal[p.cells[c].day] == k) ends.insert(p.cells[c].end);
        }
      }
      for (int e : ends) {
        std::set<int> next, members;
        for (int b : on_day[a][k + 1]) {
          for (int c : p.bundles[b].cells) {
            if (p.cal[p.cells[c].day] == k + 1 && p.rest_conflict(e, p.cells[c].start)) {
              next.insert(b);
            }
          }
        }
        if (next.empty()) continue;
        members = next;
        for (int b : on_day[a][k]) {
          for (int c : p.bundles[b].cells) {
            if (p.cal[p.cells[c].day] == k && p.cells[c].end >= e) members.insert(b);
          }
        }
        const int row = m.add_row(-kInf, 1);
        for (int b : members) m.add(row, col_of[a][b], 1);
      }
    }
    // Consecutive days: every window of K + 1 calendar days, each with a bundle the agent could
    // work, has at most K worked. A window may start up to K days before the first day when the
    // agent's previous roster worked every one of those days: they count as worked.
    const int kmax = ro.max_consecutive_days;
    for (int c0 = -std::min(kmax, p.prior_run[a]); c0 + kmax < ncal; ++c0) {
      const int carried = std::max(0, -c0);
      bool all = true;
      for (int k = std::max(0, c0); k <= c0 + kmax && all; ++k) all = !on_day[a][k].empty();
      if (!all) continue;
      std::map<int, double> coef;
      for (int k = std::max(0, c0); k <= c0 + kmax; ++k) {
        for (int b : on_day[a][k]) coef[b] += 1;
      }
      const int row = m.add_row(-kInf, kmax - carried);
      for (const auto& [b, v] : coef) m.add(row, col_of[a][b], v);
    }
  }
  rep.variables = m.cols();
  rep.rows = m.rows();

  // A roster (per-bundle agents) as a point of the model, and its objective.
  const auto point_of = [&](const std::vector<std::vector<int>>& per, double& obj) {
    std::vector<double> x(m.cols(), 0);
    std::vector<std::vector<double>> hours(na, std::vector<double>(nw, 0));
    std::vector<int> used(p.cells.size(), 0);
    for (int b = 0; b < nb; ++b) {
      for (int a : per[b]) {
        WFM_ENSURE(col_of[a][b] >= 0, "a start roster gave a bundle to an ineligible agent");
        x[col_of[a][b]] = 1;
        for (const auto& [w, h] : p.bundles[b].week_hours) hours[a][w] += h;
        for (int c : p.bundles[b].cells) ++used[c];
      }
    }
    for (std::size_t c = 0; c < p.cells.size(); ++c) {
      x[u_col[c]] = p.capacity(static_cast<int>(c)) - used[c];
    }
    for (int a = 0; a < na; ++a) {
      for (int w = 0; w < nw; ++w) {
        if (short_col[a][w] >= 0)
          x[short_col[a][w]] = std::max(0.0, p.min_hours(a, w) - hours[a][w]);
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
  std::vector<std::vector<int>> out(p.bundles.size());
  for (std::size_t j = 0; j < xs.size(); ++j) {
    // xs[j] is column j: the x columns were added first, in this order.
    if (best[j] > 0.5) out[xs[j].bundle].push_back(xs[j].agent);
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
  return cost_of_entries(Problem(rules, days, agents), entries);
}

RosterResult assign_roster(const ShiftRules& rules, const std::vector<RosterDay>& days,
                           const std::vector<Agent>& agents, const RosterOptions& options,
                           const PreviousRoster& previous) {
  const auto t0 = std::chrono::steady_clock::now();
  const Problem p(rules, days, agents, previous);
  RosterResult out;
  auto& rep = out.report;
  rep.time_limit_s = options.time_limit_s;
  std::vector<std::vector<int>> per = greedy(p);
  rep.greedy_cost = cost_of(p, per);
  rep.bound = 0;
  if (options.use_mip && !p.bundles.empty() && !agents.empty()) {
    rep.mip_used = true;
    per = solve_mip(p, per, options.time_limit_s, rep);
  } else if (p.total_shifts == 0 || agents.empty()) {
    // Nothing to choose: the roster is the only one.
    rep.optimal = true;
    rep.bound = rep.greedy_cost;
  }
  if (!rep.optimal) per = improve(p, per, 20);
  out.entries = entries_of(p, per, &out.unassigned);
  rep.cost = cost_of_entries(p, out.entries);
  rep.bound = std::min(rep.bound, rep.cost);
  rep.gap = rep.cost > 0 ? (rep.cost - rep.bound) / rep.cost : 0;

  const std::size_t na = agents.size();
  std::vector<std::vector<double>> hours(na, std::vector<double>(p.mondays.size(), 0));
  std::map<int, std::vector<int>> tour_agents;  // per tour: the agent of each of its shifts
  for (const auto& e : out.entries) {
    const auto& s = days[e.day].shifts[e.shift];
    hours[e.agent][p.week[e.day]] +=
        rules.templates[s.template_index].paid_length * rules.interval_s / 3600.0;
    if (s.tour > 0) tour_agents[s.tour].push_back(e.agent);
  }
  for (const auto& e : out.unassigned) {
    const int t = days[e.day].shifts[e.shift].tour;
    if (t > 0) tour_agents[t].push_back(-1);
  }
  rep.tours = p.tours;
  for (const auto& [t, list] : tour_agents) {
    const bool whole = list.front() >= 0 && std::count(list.begin(), list.end(), list.front()) ==
                                                static_cast<std::ptrdiff_t>(list.size());
    if (whole) {
      ++rep.tours_whole;
    } else {
      out.tours_not_whole.push_back(
          {t, static_cast<int>(list.size()),
           static_cast<int>(list.size() - std::count(list.begin(), list.end(), -1))});
    }
  }
  for (std::size_t a = 0; a < na; ++a) {
    for (std::size_t w = 0; w < p.mondays.size(); ++w) {
      const double min_h = p.min_hours(static_cast<int>(a), static_cast<int>(w));
      if (hours[a][w] < min_h - 1e-9) {
        out.under_minimum.push_back({static_cast<int>(a), p.mondays[w], hours[a][w], min_h});
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
                      {"time_limit_s", r.time_limit_s},
                      {"tours", r.tours},
                      {"tours_whole", r.tours_whole}};
  j["tours_not_whole"] = nlohmann::json::array();
  for (const auto& t : roster.tours_not_whole) {
    j["tours_not_whole"].push_back(
        {{"tour", t.tour}, {"shifts", t.shifts}, {"assigned", t.assigned}});
  }
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
