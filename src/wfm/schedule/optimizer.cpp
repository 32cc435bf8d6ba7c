#include "wfm/schedule/optimizer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <CbcHeuristicFPump.hpp>
#include <CbcHeuristicLocal.hpp>
#include <CbcHeuristicRINS.hpp>
#include <CbcModel.hpp>
#include <CbcStrategy.hpp>
#include <ClpSolve.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include "wfm/core/error.hpp"
#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/mip.hpp"

namespace wfm::schedule {
namespace {

const double kInf = COIN_DBL_MAX;

struct ShiftCol {
  int tpl;
  int start;
};

struct BreakCol {
  int shift;  // index into the shift columns
  int brk;    // break rule of the template
  int start;  // absolute interval
};

struct MipResult {
  std::vector<double> x;
  double objective = 0;
  double bound = 0;
  bool optimal = false;
  bool timed_out = false;
};

// Branch and cut from a known feasible `start` (its objective `start_obj`), or from nothing when
// `start` is empty (then `x` is empty if CBC finds no solution).
MipResult solve_mip(const OsiClpSolverInterface& solver, const std::vector<double>& start,
                    double start_obj, double time_limit_s, double gap) {
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.solver()->messageHandler()->setLogLevel(0);
  model.setUseElapsedTime(true);
  model.setMaximumSeconds(std::max(0.05, time_limit_s));
  model.setAllowableFractionGap(gap);
  CbcStrategyDefault strategy(1, 5, 5);
  model.setStrategy(strategy);
  CbcHeuristicFPump pump(model);
  model.addHeuristic(&pump);
  CbcHeuristicLocal local(model);
  model.addHeuristic(&local);
  CbcHeuristicRINS rins(model);
  model.addHeuristic(&rins);
  if (!start.empty()) {
    model.setBestSolution(start.data(), static_cast<int>(start.size()), start_obj, true);
  }
  model.branchAndBound();
  MipResult r;
  const double* best = model.bestSolution();
  if (best != nullptr &&
      (start.empty() || model.getObjValue() <= start_obj + 1e-7 * (1 + std::abs(start_obj)))) {
    r.x.assign(best, best + model.getNumCols());
    r.objective = model.getObjValue();
  } else {
    r.x = start;
    r.objective = start_obj;
  }
  r.bound = r.x.empty() ? model.getBestPossibleObjValue()
                        : std::min(model.getBestPossibleObjValue(), r.objective);
  r.timed_out = model.isSecondsLimitReached();
  r.optimal = model.isProvenOptimal() && !r.timed_out;
  return r;
}

// Phase 1 without branch and cut (SolveOptions::branch_and_cut false): the start as it is.
MipResult keep_start(const std::vector<double>& start, double start_obj) {
  MipResult r;
  r.x = start;
  r.objective = start_obj;
  r.bound = -kInf;
  return r;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::chrono::steady_clock::duration seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}

// A feasible point of a MIP whose integer columns are 0..n_int-1 (the others continuous), and its
// objective; `x` is empty when none was found.
struct Incumbent {
  std::vector<double> x;
  double objective = 0;
};

// How round_up_dive rounds.
struct DiveRule {
  double up_from = 0.5;   // fractional parts at least this far to the next integer are rounded up
  std::size_t share = 8;  // ...and the 1/share of the fractional columns with the largest parts
  // true: each round also raises every integer column's lower bound to its integer part, so a
  // column never falls below it again; false: only the rounded-up columns' bounds move.
  bool keep_integer_parts = true;
  // Out of time (or rounds) without an integral point: every integer column rounded up and
  // fixed, the rest re-optimised (false: nothing is returned).
  bool round_up_at_deadline = false;
};

// An LP dive that rounds up, the start of both the day's and the week's branch and cut: from the
// solved relaxation `lp`, each round rounds up every fractional integer column (of 0..n_int-1) at
// least `up_from` of the way to the next integer and the 1/`share` of the fractional ones with
// the largest fractional parts (at least one, the most fractional), and re-solves, so the LP
// re-balances the others; until the integer columns are integral (the LP's solution is then a
// feasible point, its continuous columns optimal for those integers), the LP is infeasible (a
// maximum count), 4 n_int + 10 rounds or `deadline` (checked between rounds; a re-solve is not
// interrupted). `visit`, when given, sees each round's LP solution (the day rounds each into a
// start of its own).
Incumbent round_up_dive(const OsiClpSolverInterface& lp, int n_int,
                        std::chrono::steady_clock::time_point deadline, const DiveRule& rule,
                        const std::function<void(const double*)>& visit = {}) {
  OsiClpSolverInterface dive(lp);
  dive.messageHandler()->setLogLevel(0);
  Incumbent out;
  for (int round = 0; round < 4 * n_int + 10; ++round) {
    if (std::chrono::steady_clock::now() >= deadline) break;
    const double* xl = dive.getColSolution();
    if (visit) visit(xl);
    int best_k = -1;
    double best_f = 0;
    std::vector<double> fr;
    for (int k = 0; k < n_int; ++k) {
      const double f = xl[k] - std::floor(xl[k]);
      if (f < 1e-6 || f > 1 - 1e-6) continue;
      fr.push_back(f);
      if (f > best_f) {
        best_f = f;
        best_k = k;
      }
    }
    if (best_k < 0) {
      out.x.assign(xl, xl + dive.getNumCols());
      for (int k = 0; k < n_int; ++k) out.x[k] = std::round(out.x[k]);
      out.objective = dive.getObjValue();
      return out;
    }
    const std::size_t top = std::max<std::size_t>(1, fr.size() / rule.share);
    std::nth_element(fr.begin(), fr.begin() + (top - 1), fr.end(), std::greater<>());
    const double cut = std::min(rule.up_from, fr[top - 1]);
    for (int k = 0; k < n_int; ++k) {
      const double f = xl[k] - std::floor(xl[k]);
      if (f < 1e-6 || f > 1 - 1e-6) {
        if (rule.keep_integer_parts) dive.setColLower(k, std::round(xl[k]));
      } else if (k == best_k || f >= cut) {
        dive.setColLower(k, std::ceil(xl[k]));
      } else if (rule.keep_integer_parts) {
        dive.setColLower(k, std::floor(xl[k]));
      }
    }
    dive.resolve();
    if (!dive.isProvenOptimal()) return out;
  }
  if (rule.round_up_at_deadline) {
    const std::vector<double> xl(dive.getColSolution(), dive.getColSolution() + n_int);
    for (int k = 0; k < n_int; ++k) {
      dive.setColLower(k, std::ceil(xl[k] - 1e-6));
      dive.setColUpper(k, std::ceil(xl[k] - 1e-6));
    }
    dive.resolve();
    if (dive.isProvenOptimal()) {
      out.x.assign(dive.getColSolution(), dive.getColSolution() + dive.getNumCols());
      for (int k = 0; k < n_int; ++k) out.x[k] = std::round(out.x[k]);
      out.objective = dive.getObjValue();
    }
  }
  return out;
}

// Local improvement of a feasible point: with every integer column (0..n_int-1) fixed at its
// value, tries each move j of 0..n_moves-1, `unit(j, x)` being the columns it lowers by one
// together (empty: no move), lets the LP re-optimise the continuous columns and keeps the move
// when the objective falls; passes repeat while one improves, until `deadline`.
void drop_units(const OsiClpSolverInterface& lp, int n_int, int n_moves,
                const std::function<std::vector<int>(int, const std::vector<double>&)>& unit,
                Incumbent& inc, std::chrono::steady_clock::time_point deadline) {
  if (inc.x.empty()) return;
  OsiClpSolverInterface fixed(lp);
  fixed.messageHandler()->setLogLevel(0);
  for (int k = 0; k < n_int; ++k) {
    fixed.setColLower(k, inc.x[k]);
    fixed.setColUpper(k, inc.x[k]);
  }
  fixed.resolve();
  if (!fixed.isProvenOptimal()) return;
  bool improved = true;
  while (improved) {
    improved = false;
    for (int j = 0; j < n_moves; ++j) {
      if (std::chrono::steady_clock::now() >= deadline) return;
      const std::vector<int> cols = unit(j, inc.x);
      const bool can = !cols.empty() && std::all_of(cols.begin(), cols.end(), [&](int k) {
        return inc.x[k] >= 0.5 && inc.x[k] - 1 >= lp.getColLower()[k] - 1e-9;
      });
      if (!can) continue;
      for (int k : cols) {
        fixed.setColLower(k, inc.x[k] - 1);
        fixed.setColUpper(k, inc.x[k] - 1);
      }
      fixed.resolve();
      if (fixed.isProvenOptimal() &&
          fixed.getObjValue() < inc.objective - 1e-7 * (1 + std::abs(inc.objective))) {
        inc.x.assign(fixed.getColSolution(), fixed.getColSolution() + fixed.getNumCols());
        for (int k = 0; k < n_int; ++k) inc.x[k] = std::round(inc.x[k]);
        inc.objective = fixed.getObjValue();
        improved = true;
      } else {
        for (int k : cols) {
          fixed.setColLower(k, inc.x[k]);
          fixed.setColUpper(k, inc.x[k]);
        }
      }
    }
  }
}

// Phase 2: with x[k] agents on shift k, places their breaks as an integer problem minimising the
// shortage, from every break at its window's start. The agents come out shift by shift, x[k] of
// shift k in a row.
struct BreakPlacement {
  std::vector<ScheduledShift> shifts;
  bool optimal = false;
  bool timed_out = false;
};

BreakPlacement place_breaks(const ShiftRules& rules, const std::vector<double>& required,
                            const std::vector<ShiftCol>& shifts, const std::vector<int>& x,
                            double time_limit_s) {
  const int n = static_cast<int>(required.size());  // the day, or schedule_day's horizon
  const int n_shifts = static_cast<int>(shifts.size());
  const double pen = rules.under_coverage_penalty;
  BreakPlacement out;
  Mip p2;
  std::vector<BreakCol> brks2;
  std::vector<double> on_shift(n, 0);
  for (int k = 0; k < n_shifts; ++k) {
    const auto& tp = rules.templates[shifts[k].tpl];
    for (int t = shifts[k].start; t < shifts[k].start + tp.span(); ++t) on_shift[t] += x[k];
  }
  std::vector<int> row2(n, -1), u2(n, -1);
  for (int t = 0; t < n; ++t) {
    if (required[t] > 0) {
      row2[t] = p2.add_row(required[t] - on_shift[t], kInf);
      u2[t] = p2.add_col(0, kInf, pen, false);
      p2.add(row2[t], u2[t], 1);
    }
  }
  std::vector<double> start2;
  for (int k = 0; k < n_shifts; ++k) {
    if (x[k] == 0) continue;
    const auto& tp = rules.templates[shifts[k].tpl];
    for (int b = 0; b < static_cast<int>(tp.breaks.size()); ++b) {
      const auto& br = tp.breaks[b];
      const int link = p2.add_row(x[k], x[k]);
      for (int o = br.earliest; o <= br.latest; ++o) {
        const int col = p2.add_col(0, x[k], 0, true);
        brks2.push_back({k, b, shifts[k].start + o});
        p2.add(link, col, 1);
        for (int t = shifts[k].start + o; t < shifts[k].start + o + br.duration; ++t) {
          if (row2[t] >= 0) p2.add(row2[t], col, -1);
        }
      }
    }
  }
  // Start: every break at its window's start.
  std::vector<double> s2(p2.cols(), 0);
  std::vector<double> phone = on_shift;
  {
    int j = 0;
    for (int c = 0; c < p2.cols(); ++c) {
      if (!p2.integer[c]) continue;
      const auto& bc = brks2[j++];
      const auto& br = rules.templates[shifts[bc.shift].tpl].breaks[bc.brk];
      if (bc.start == shifts[bc.shift].start + br.earliest) {
        s2[c] = x[bc.shift];
        for (int t = bc.start; t < bc.start + br.duration; ++t) phone[t] -= x[bc.shift];
      }
    }
  }
  double s2_obj = 0;
  for (int t = 0; t < n; ++t) {
    if (u2[t] >= 0) {
      s2[u2[t]] = std::max(0.0, required[t] - phone[t]);
      s2_obj += pen * s2[u2[t]];
    }
  }
  std::vector<double> y2 = s2;
  if (!brks2.empty()) {
    OsiClpSolverInterface solver2;
    p2.load(solver2);
    const MipResult m2 = solve_mip(solver2, s2, s2_obj, time_limit_s, 1e-9);
    y2 = m2.x;
    out.optimal = m2.optimal;
    out.timed_out = m2.timed_out;
  } else {
    out.optimal = true;
  }

  // ---- the agents: each shift's x agents, break starts dealt out in order --------------------
  std::vector<std::vector<std::vector<int>>> starts_of(n_shifts);
  {
    int j = 0;
    for (int c = 0; c < p2.cols(); ++c) {
      if (!p2.integer[c]) continue;
      const auto& bc = brks2[j++];
      auto& v = starts_of[bc.shift];
      if (v.empty()) v.resize(rules.templates[shifts[bc.shift].tpl].breaks.size());
      const int cnt = static_cast<int>(std::lround(y2[c]));
      for (int a = 0; a < cnt; ++a) v[bc.brk].push_back(bc.start);
    }
  }
  for (int k = 0; k < n_shifts; ++k) {
    const auto& tp = rules.templates[shifts[k].tpl];
    for (int a = 0; a < x[k]; ++a) {
      ScheduledShift s{shifts[k].tpl, shifts[k].start, {}};
      for (std::size_t b = 0; b < tp.breaks.size(); ++b) {
        const auto& v = starts_of[k][b];
        WFM_ENSURE(static_cast<int>(v.size()) == x[k], "break counts do not add up to the shifts");
        s.break_starts.push_back(v[a]);
      }
      out.shifts.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace

DaySchedule schedule_day(const ShiftRules& rules, const std::vector<double>& day_required,
                         const SolveOptions& options) {
  // The model runs over the horizon: the day, and the next day's intervals its overnight shifts
  // reach (their requirements as given, or 0 for a day's worth of requirements).
  const int n = rules.horizon();
  const int day = rules.intervals_per_day();
  WFM_REQUIRE(static_cast<int>(day_required.size()) == day ||
                  static_cast<int>(day_required.size()) == n,
              (core::Location{rules.source, 0, ""}),
              "requirements for {} intervals, the rules' day has {}", day_required.size(), day);
  for (double r : day_required) {
    WFM_REQUIRE(std::isfinite(r) && r >= 0, (core::Location{rules.source, 0, ""}),
                "a requirement must be a number >= 0, got {}", r);
  }
  std::vector<double> required = day_required;
  required.resize(n, 0.0);
  const auto t0 = std::chrono::steady_clock::now();
  const double pen = rules.under_coverage_penalty;

  // ---- phase 1: shifts integer, breaks and shortage continuous -------------------------------
  std::vector<ShiftCol> shifts;
  std::vector<BreakCol> brks;
  Mip p1;
  for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
    const auto& tp = rules.templates[i];
    for (int s : tp.starts()) {
      shifts.push_back({i, s});
      p1.add_col(0, tp.max_count ? *tp.max_count : kInf, tp.cost(rules.interval_s), true);
    }
  }
  const int n_shifts = static_cast<int>(shifts.size());
  std::vector<int> cov_row(n, -1);
  for (int t = 0; t < n; ++t) {
    if (required[t] > 0) cov_row[t] = p1.add_row(required[t], kInf);
  }
  for (int k = 0; k < n_shifts; ++k) {
    const auto& tp = rules.templates[shifts[k].tpl];
    for (int t = shifts[k].start; t < shifts[k].start + tp.span(); ++t) {
      if (cov_row[t] >= 0) p1.add(cov_row[t], k, 1);
    }
  }
  for (int k = 0; k < n_shifts; ++k) {
    const auto& tp = rules.templates[shifts[k].tpl];
    for (int b = 0; b < static_cast<int>(tp.breaks.size()); ++b) {
      const int link = p1.add_row(0, 0);
      p1.add(link, k, -1);
      const auto& br = tp.breaks[b];
      for (int o = br.earliest; o <= br.latest; ++o) {
        const int col = p1.add_col(0, kInf, 0, false);
        brks.push_back({k, b, shifts[k].start + o});
        p1.add(link, col, 1);
        for (int t = shifts[k].start + o; t < shifts[k].start + o + br.duration; ++t) {
          if (cov_row[t] >= 0) p1.add(cov_row[t], col, -1);
        }
      }
    }
  }
  const int first_brk = n_shifts;
  std::vector<int> u_col(n, -1);
  for (int t = 0; t < n; ++t) {
    if (cov_row[t] >= 0) {
      u_col[t] = p1.add_col(0, kInf, pen, false);
      p1.add(cov_row[t], u_col[t], 1);
    }
  }
  for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
    const auto& tp = rules.templates[i];
    if (tp.min_count == 0 && !tp.max_count) continue;
    const int row = p1.add_row(tp.min_count, tp.max_count ? *tp.max_count : kInf);
    for (int k = 0; k < n_shifts; ++k) {
      if (shifts[k].tpl == i) p1.add(row, k, 1);
    }
  }

  // The objective of a point whose x and y are given: u is the shortage they leave.
  const auto complete = [&](std::vector<double>& v) {
    std::vector<double> cov(n, 0);
    for (int k = 0; k < n_shifts; ++k) {
      const auto& tp = rules.templates[shifts[k].tpl];
      for (int t = shifts[k].start; t < shifts[k].start + tp.span(); ++t) cov[t] += v[k];
    }
    for (std::size_t j = 0; j < brks.size(); ++j) {
      const auto& bc = brks[j];
      const int d = rules.templates[shifts[bc.shift].tpl].breaks[bc.brk].duration;
      for (int t = bc.start; t < bc.start + d; ++t) cov[t] -= v[first_brk + j];
    }
    double obj = 0;
    for (int k = 0; k < n_shifts; ++k) obj += p1.obj[k] * v[k];
    for (int t = 0; t < n; ++t) {
      if (u_col[t] < 0) continue;
      v[u_col[t]] = std::max(0.0, required[t] - cov[t]);
      obj += pen * v[u_col[t]];
    }
    return obj;
  };

  OsiClpSolverInterface solver1;
  p1.load(solver1);
  // LP relaxation: the bound, and a rounded-up start.
  OsiClpSolverInterface lp;
  p1.load(lp);
  for (int j = 0; j < p1.cols(); ++j) lp.setContinuous(j);
  lp.initialSolve();
  WFM_ENSURE(lp.isProvenOptimal(), "the LP relaxation of a schedule was not solved");
  DaySchedule out;
  auto& rep = out.report;
  rep.lp_bound = lp.getObjValue();
  rep.time_limit_s = options.time_limit_s;
  rep.shift_variables = n_shifts;
  rep.break_variables = static_cast<int>(brks.size());

  // Start 1: the templates' minimum counts at their earliest start, breaks at the window start.
  std::vector<double> start(p1.cols(), 0);
  {
    std::vector<bool> placed(rules.templates.size(), false);
    for (int k = 0; k < n_shifts; ++k) {
      if (!placed[shifts[k].tpl]) {
        start[k] = rules.templates[shifts[k].tpl].min_count;
        placed[shifts[k].tpl] = true;
      }
    }
    for (std::size_t j = 0; j < brks.size(); ++j) {
      const auto& bc = brks[j];
      const auto& br = rules.templates[shifts[bc.shift].tpl].breaks[bc.brk];
      if (bc.start == shifts[bc.shift].start + br.earliest) start[first_brk + j] = start[bc.shift];
    }
  }
  double start_obj = complete(start);
  // Start 2: an LP solution with shifts rounded up and their breaks scaled alike (coverage can
  // only grow: each shift's net contribution to an interval is >= 0 and is scaled by >= 1).
  const auto try_rounded = [&](const double* xl) {
    std::vector<double> r(p1.cols(), 0);
    for (int k = 0; k < n_shifts; ++k) r[k] = std::ceil(xl[k] - 1e-7);
    std::vector<std::vector<double>> per(n_shifts);
    for (std::size_t j = 0; j < brks.size(); ++j) {
      auto& v = per[brks[j].shift];
      if (v.size() <= static_cast<std::size_t>(brks[j].brk)) v.resize(brks[j].brk + 1, 0);
      v[brks[j].brk] += std::max(0.0, xl[first_brk + j]);
    }
    for (std::size_t j = 0; j < brks.size(); ++j) {
      const auto& bc = brks[j];
      const double tot = per[bc.shift][bc.brk];
      const auto& br = rules.templates[shifts[bc.shift].tpl].breaks[bc.brk];
      if (tot > 1e-9) {
        r[first_brk + j] = std::max(0.0, xl[first_brk + j]) / tot * r[bc.shift];
      } else if (bc.start == shifts[bc.shift].start + br.earliest) {
        r[first_brk + j] = r[bc.shift];
      }
    }
    for (std::size_t i = 0; i < rules.templates.size(); ++i) {
      if (!rules.templates[i].max_count) continue;
      double c = 0;
      for (int k = 0; k < n_shifts; ++k) {
        if (shifts[k].tpl == static_cast<int>(i)) c += r[k];
      }
      if (c > *rules.templates[i].max_count) return;
    }
    const double obj = complete(r);
    if (obj < start_obj) {
      start = std::move(r);
      start_obj = obj;
    }
  };
  try_rounded(lp.getColSolution());
  // Start 3: an LP dive (each round's LP solution rounded as start 2), rounding up the columns
  // half way to the next integer, or the most fractional one, for up to 1/4 of the time limit.
  DiveRule day_dive;
  day_dive.share = std::numeric_limits<std::size_t>::max();  // the top share: one column
  day_dive.keep_integer_parts = false;
  round_up_dive(lp, n_shifts, t0 + seconds(0.25 * options.time_limit_s), day_dive, try_rounded);
  const MipResult m1 =
      options.branch_and_cut
          ? solve_mip(solver1, start, start_obj, 0.75 * options.time_limit_s, options.relative_gap)
          : keep_start(start, start_obj);
  rep.phase1_s = seconds_since(t0);
  rep.phase1_optimal = m1.optimal;
  rep.timed_out = m1.timed_out;
  rep.best_bound = std::max(m1.bound, rep.lp_bound);
  std::vector<int> x(n_shifts);
  for (int k = 0; k < n_shifts; ++k) x[k] = static_cast<int>(std::lround(m1.x[k]));

  // ---- phase 2: shifts fixed, breaks integer -------------------------------------------------
  const auto t1 = std::chrono::steady_clock::now();
  const double left = std::max(0.25 * options.time_limit_s, options.time_limit_s - rep.phase1_s);
  BreakPlacement placed = place_breaks(rules, required, shifts, x, left);
  out.shifts = std::move(placed.shifts);
  rep.phase2_optimal = placed.optimal;
  rep.timed_out = rep.timed_out || placed.timed_out;
  rep.phase2_s = seconds_since(t1);
  const auto cov = day_coverage(rules, required, out.shifts);
  const auto tot = coverage_totals(rules, cov, out.shifts);
  rep.objective = tot.cost;
  rep.shift_cost = tot.shift_cost;
  for (const auto& c : cov) rep.shortage += c.under;
  rep.best_bound = std::min(rep.best_bound, rep.objective);
  rep.gap = rep.objective > 0 ? (rep.objective - rep.best_bound) / rep.objective : 0;
  return out;
}

std::vector<std::array<bool, 7>> tour_patterns(const TourRules& tours) {
  std::vector<std::array<bool, 7>> out;
  for (int mask = 0; mask < 128; ++mask) {
    std::array<bool, 7> works{};
    int count = 0;
    for (int d = 0; d < 7; ++d) {
      works[d] = (mask >> d & 1) != 0;
      count += works[d] ? 1 : 0;
    }
    if (count != tours.days_per_week) continue;
    if (tours.consecutive_days_off && count < 7) {
      int blocks = 0;  // off days whose previous day (cyclically) is worked: starts of off blocks
      for (int d = 0; d < 7; ++d) blocks += !works[d] && works[(d + 6) % 7] ? 1 : 0;
      if (blocks != 1) continue;
    }
    out.push_back(works);
  }
  return out;
}

WeekSchedule schedule_week(const ShiftRules& rules,
                           const std::array<std::vector<double>, 7>& required,
                           const SolveOptions& options) {
  WFM_ENSURE(rules.tours.has_value(), "schedule_week without [tours] rules");
  const int n = rules.intervals_per_day();
  for (const auto& day : required) {
    WFM_REQUIRE(static_cast<int>(day.size()) == n, (core::Location{rules.source, 0, ""}),
                "requirements for {} intervals, the rules' day has {}", day.size(), n);
    for (double r : day) {
      WFM_REQUIRE(std::isfinite(r) && r >= 0, (core::Location{rules.source, 0, ""}),
                  "a requirement must be a number >= 0, got {}", r);
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  const double pen = rules.under_coverage_penalty;
  const auto patterns = tour_patterns(*rules.tours);
  const int n_pat = static_cast<int>(patterns.size());
  const double days = rules.tours->days_per_week;
  const int variance = rules.tours->start_variance;

  // ---- phase 1 for the week: tours integer, breaks and shortage continuous -------------------
  // Templates outside the weekly paid-hours band make no tours (rules.cpp checks that some
  // template is inside and none outside has a min_count).
  std::vector<ShiftCol> shifts;
  for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
    if (!rules.tours->allows(rules.templates[i], rules.interval_s)) continue;
    for (int s : rules.templates[i].starts()) shifts.push_back({i, s});
  }
  const int n_shifts = static_cast<int>(shifts.size());
  // The start bands: a tour of band g starts each working day on one of bands[g] (shift indices,
  // one template, starts from the first to the first + variance). Without variance, one band per
  // shift; with it, one per start b of a template up to its last start - variance (the later
  // bands would be parts of that one), or a single band when the window is within the variance.
  std::vector<std::vector<int>> bands;
  std::vector<bool> last_band;  // the template's last band
  for (int k = 0; k < n_shifts;) {
    int end = k;  // the template's shifts are k..end-1
    while (end < n_shifts && shifts[end].tpl == shifts[k].tpl) ++end;
    const int last_lo = std::max(shifts[k].start, shifts[end - 1].start - variance);
    for (int lo = k; lo < end && shifts[lo].start <= last_lo; ++lo) {
      std::vector<int> band;
      for (int j = lo; j < end && shifts[j].start <= shifts[lo].start + variance; ++j) {
        band.push_back(j);
      }
      bands.push_back(std::move(band));
      last_band.push_back(false);
    }
    last_band.back() = true;
    k = end;
  }
  const int n_band = static_cast<int>(bands.size());
  Mip p1;
  // y column of (band g, pattern p) = g * n_pat + p: y agents work pattern p from band g
  for (int g = 0; g < n_band; ++g) {
    const auto& tp = rules.templates[shifts[bands[g][0]].tpl];
    double most = tp.max_count ? *tp.max_count : kInf;
    if (tp.max_agents) most = std::min<double>(most, *tp.max_agents);
    for (int p = 0; p < n_pat; ++p) {
      p1.add_col(0, most, days * tp.cost(rules.interval_s), true);
    }
  }
  const int n_y = p1.cols();
  // With variance, implicit shift counts (after Bechtold & Jacobs 1990's implicit modelling of
  // breaks: counts shared by every tour that may use them): z[d][g][j] agents of band g start on
  // day d at its j-th start, integer, with sum_j z[d][g][j] = sum_{p works d} y[g][p]. Since these
  // sums are integers, each day's z can be dealt out to the band's tours working that day in any
  // order, and every tour keeps its starts within its band. Columns n_y..n_int-1.
  std::array<std::vector<std::vector<int>>, 7> z_col;
  if (variance > 0) {
    for (int d = 0; d < 7; ++d) {
      z_col[d].resize(n_band);
      for (int g = 0; g < n_band; ++g) {
        const auto& tp = rules.templates[shifts[bands[g][0]].tpl];
        for (std::size_t j = 0; j < bands[g].size(); ++j) {
          z_col[d][g].push_back(p1.add_col(0, tp.max_count ? *tp.max_count : kInf, 0, true));
        }
      }
    }
  }
  const int n_int = p1.cols();
  // The columns counting day d's agents on shift k: y of (k, p works d) without variance (bands
  // are shifts), the z of shift k in each band holding it with.
  std::array<std::vector<std::vector<int>>, 7> count_cols;
  for (int d = 0; d < 7; ++d) {
    count_cols[d].resize(n_shifts);
    for (int g = 0; g < n_band; ++g) {
      for (std::size_t j = 0; j < bands[g].size(); ++j) {
        auto& cols = count_cols[d][bands[g][j]];
        if (variance > 0) {
          cols.push_back(z_col[d][g][j]);
        } else {
          for (int p = 0; p < n_pat; ++p) {
            if (patterns[p][d]) cols.push_back(g * n_pat + p);
          }
        }
      }
    }
  }
  struct WeekBreakCol {
    int day;
    int shift;
    int brk;
    int start;
  };
  std::vector<WeekBreakCol> brks;
  std::vector<int> brk_col;
  std::array<std::vector<int>, 7> cov_row, u_col;
  for (int d = 0; d < 7; ++d) {
    cov_row[d].assign(n, -1);
    u_col[d].assign(n, -1);
    for (int t = 0; t < n; ++t) {
      if (required[d][t] > 0) cov_row[d][t] = p1.add_row(required[d][t], kInf);
    }
    if (variance > 0) {
      for (int g = 0; g < n_band; ++g) {
        const int link = p1.add_row(0, 0);
        for (int col : z_col[d][g]) p1.add(link, col, 1);
        for (int p = 0; p < n_pat; ++p) {
          if (patterns[p][d]) p1.add(link, g * n_pat + p, -1);
        }
      }
    }
    for (int k = 0; k < n_shifts; ++k) {
      const auto& tp = rules.templates[shifts[k].tpl];
      for (int col : count_cols[d][k]) {
        for (int t = shifts[k].start; t < shifts[k].start + tp.span(); ++t) {
          if (cov_row[d][t] >= 0) p1.add(cov_row[d][t], col, 1);
        }
      }
      for (int b = 0; b < static_cast<int>(tp.breaks.size()); ++b) {
        const int link = p1.add_row(0, 0);
        for (int col : count_cols[d][k]) p1.add(link, col, -1);
        const auto& br = tp.breaks[b];
        for (int o = br.earliest; o <= br.latest; ++o) {
          const int col = p1.add_col(0, kInf, 0, false);
          brks.push_back({d, k, b, shifts[k].start + o});
          brk_col.push_back(col);
          p1.add(link, col, 1);
          for (int t = shifts[k].start + o; t < shifts[k].start + o + br.duration; ++t) {
            if (cov_row[d][t] >= 0) p1.add(cov_row[d][t], col, -1);
          }
        }
      }
    }
    for (int t = 0; t < n; ++t) {
      if (cov_row[d][t] >= 0) {
        u_col[d][t] = p1.add_col(0, kInf, pen, false);
        p1.add(cov_row[d][t], u_col[d][t], 1);
      }
    }
    for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
      const auto& tp = rules.templates[i];
      if (tp.min_count == 0 && !tp.max_count) continue;
      const int row = p1.add_row(tp.min_count, tp.max_count ? *tp.max_count : kInf);
      for (int g = 0; g < n_band; ++g) {
        if (shifts[bands[g][0]].tpl != i) continue;
        for (int p = 0; p < n_pat; ++p) {
          if (patterns[p][d]) p1.add(row, g * n_pat + p, 1);
        }
      }
    }
  }

  // Headcount: each template's tours in the week, over its bands and patterns, within
  // [min_agents, max_agents].
  const auto headcount_ok = [&](const double* y) {
    for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
      const auto& tp = rules.templates[i];
      if (tp.min_agents == 0 && !tp.max_agents) continue;
      double tours = 0;
      for (int g = 0; g < n_band; ++g) {
        if (shifts[bands[g][0]].tpl != i) continue;
        for (int p = 0; p < n_pat; ++p) tours += y[g * n_pat + p];
      }
      if (tours < tp.min_agents - 1e-6 || (tp.max_agents && tours > *tp.max_agents + 1e-6)) {
        return false;
      }
    }
    return true;
  };
  for (int i = 0; i < static_cast<int>(rules.templates.size()); ++i) {
    const auto& tp = rules.templates[i];
    if (tp.min_agents == 0 && !tp.max_agents) continue;
    const int row = p1.add_row(tp.min_agents, tp.max_agents ? *tp.max_agents : kInf);
    for (int g = 0; g < n_band; ++g) {
      if (shifts[bands[g][0]].tpl != i) continue;
      for (int p = 0; p < n_pat; ++p) p1.add(row, g * n_pat + p, 1);
    }
  }

  // With variance: given integer tours v[0..n_y-1] and any values v[z] as a hint, sets each day's
  // and band's shift counts z to integers adding up to the band's tours working that day, in
  // proportion to the hint (floors, then the largest remainders; no hint: all at the band's first
  // start).
  const auto deal_counts = [&](std::vector<double>& v) {
    for (int d = 0; d < 7 && variance > 0; ++d) {
      for (int g = 0; g < n_band; ++g) {
        double total = 0, hinted = 0;
        for (int p = 0; p < n_pat; ++p) {
          if (patterns[p][d]) total += v[g * n_pat + p];
        }
        const auto& cols = z_col[d][g];
        for (int col : cols) hinted += std::max(0.0, v[col]);
        if (hinted < 1e-9) {
          for (int col : cols) v[col] = 0;
          v[cols[0]] = total;
          continue;
        }
        std::vector<std::pair<double, int>> rest;  // (-remainder, position) for the largest first
        double dealt = 0;
        for (std::size_t j = 0; j < cols.size(); ++j) {
          const double share = std::max(0.0, v[cols[j]]) * total / hinted;
          v[cols[j]] = std::floor(share + 1e-9);
          dealt += v[cols[j]];
          rest.emplace_back(-(share - v[cols[j]]), static_cast<int>(j));
        }
        std::sort(rest.begin(), rest.end());
        for (int a = 0; a < static_cast<int>(std::lround(total - dealt)); ++a) {
          v[cols[rest[a % rest.size()].second]] += 1;
        }
      }
    }
  };
  // A start from given tours y (with variance, shift counts dealt in proportion to `z_hint`, a
  // full-length solution, or at each band's first start when null): every break at its window's
  // start, u the shortage left. Empty when the tours break a template's daily count or headcount.
  const auto start_from = [&](const std::vector<double>& y, double& obj,
                              const double* z_hint = nullptr) {
    if (!headcount_ok(y.data())) return std::vector<double>{};
    std::vector<double> v(p1.cols(), 0);
    for (int j = 0; j < n_y; ++j) v[j] = y[j];
    if (z_hint != nullptr) std::copy(z_hint + n_y, z_hint + n_int, v.begin() + n_y);
    deal_counts(v);
    obj = 0;
    for (int d = 0; d < 7; ++d) {
      std::vector<double> x(n_shifts, 0), per_tpl(rules.templates.size(), 0), cov(n, 0);
      for (int k = 0; k < n_shifts; ++k) {
        for (int col : count_cols[d][k]) x[k] += v[col];
        per_tpl[shifts[k].tpl] += x[k];
        const auto& tp = rules.templates[shifts[k].tpl];
        for (int t = shifts[k].start; t < shifts[k].start + tp.span(); ++t) cov[t] += x[k];
      }
      for (std::size_t i = 0; i < rules.templates.size(); ++i) {
        const auto& tp = rules.templates[i];
        if (per_tpl[i] < tp.min_count || (tp.max_count && per_tpl[i] > *tp.max_count)) {
          return std::vector<double>{};
        }
      }
      for (std::size_t j = 0; j < brks.size(); ++j) {
        const auto& bc = brks[j];
        if (bc.day != d) continue;
        const auto& br = rules.templates[shifts[bc.shift].tpl].breaks[bc.brk];
        if (bc.start != shifts[bc.shift].start + br.earliest) continue;
        v[brk_col[j]] = x[bc.shift];
        for (int t = bc.start; t < bc.start + br.duration; ++t) cov[t] -= x[bc.shift];
      }
      for (int t = 0; t < n; ++t) {
        if (u_col[d][t] < 0) continue;
        v[u_col[d][t]] = std::max(0.0, required[d][t] - cov[t]);
        obj += pen * v[u_col[d][t]];
      }
    }
    for (int j = 0; j < n_y; ++j) obj += p1.obj[j] * y[j];
    return v;
  };

  OsiClpSolverInterface lp;
  p1.load(lp);
  for (int j = 0; j < p1.cols(); ++j) lp.setContinuous(j);
  {
    // Barrier (with crossover, so the dive and CBC start from a basis): on the benchmark's week
    // it solved the relaxation in 6 s where Clp's default dual simplex took 31 s.
    ClpSolve barrier;
    barrier.setSolveType(ClpSolve::useBarrier);
    barrier.setPresolveType(ClpSolve::presolveOn);
    lp.setSolveOptions(barrier);
  }
  lp.initialSolve();
  WFM_ENSURE(lp.isProvenOptimal(), "the LP relaxation of a week's schedule was not solved");
  // Starts: no tours at all, the LP solution with its tours rounded up, and the dives' week (with
  // its drops); the cheapest that meets the counts.
  double start_obj = 0;
  std::vector<double> start = start_from(std::vector<double>(n_y, 0), start_obj);
  if (start.empty()) start_obj = kInf;

  double rounded_obj = kInf;
  {
    std::vector<double> y(n_y);
    for (int j = 0; j < n_y; ++j) y[j] = std::ceil(lp.getColSolution()[j] - 1e-7);
    auto v = start_from(y, rounded_obj, lp.getColSolution());
    if (v.empty()) {
      rounded_obj = kInf;
    } else if (rounded_obj < start_obj) {
      start = std::move(v);
      start_obj = rounded_obj;
    }
  }
  // The dives (and the drops after them) may use up to 3/5 of the time limit; CBC gets the rest
  // of phase 1's 3/4.
  const auto dive_end = t0 + seconds(0.6 * options.time_limit_s);
  // Two dives from the relaxation over the tours: a quick one (rounding up every column half way
  // to the next integer and an eighth of the fractional ones a round), then, while time allows, a
  // gentler one (0.7 of the way and a sixteenth) that took twice as long and ended cheaper on the
  // benchmark. With variance, the dives leave the shift counts z fractional: they are dealt out
  // (deal_counts, the LP's values as the hint), and the LP re-optimises the breaks and shortage.
  DiveRule quick;
  quick.round_up_at_deadline = true;
  DiveRule gentle_rule;
  gentle_rule.up_from = 0.7;
  gentle_rule.share = 16;
  const auto with_counts = [&](Incumbent dived) {
    if (variance == 0 || dived.x.empty()) return dived;
    deal_counts(dived.x);
    OsiClpSolverInterface fixed(lp);
    fixed.messageHandler()->setLogLevel(0);
    for (int k = 0; k < n_int; ++k) {
      fixed.setColLower(k, dived.x[k]);
      fixed.setColUpper(k, dived.x[k]);
    }
    fixed.resolve();
    Incumbent out;
    if (fixed.isProvenOptimal()) {
      out.x.assign(fixed.getColSolution(), fixed.getColSolution() + fixed.getNumCols());
      for (int k = 0; k < n_int; ++k) out.x[k] = std::round(out.x[k]);
      out.objective = fixed.getObjValue();
    }
    return out;
  };
  // With variance, each dive also runs on the LP with fixed starts (only each band's first start,
  // and every start of a template's last band; solved when first needed, if time is left): its
  // weeks are the weeks without variance, which are weeks with it, and which the dives over the
  // full LP did not reach on the benchmark.
  OsiClpSolverInterface fixed_starts(lp);
  int fixed_state = variance > 0 ? 0 : -1;  // 0 not solved yet, 1 solved, -1 not used
  const auto fixed_lp = [&]() -> const OsiClpSolverInterface* {
    if (fixed_state == 0 && std::chrono::steady_clock::now() < dive_end) {
      fixed_starts.messageHandler()->setLogLevel(0);
      for (int d = 0; d < 7; ++d) {
        for (int g = 0; g < n_band; ++g) {
          if (last_band[g]) continue;
          for (std::size_t j = 1; j < z_col[d][g].size(); ++j) {
            fixed_starts.setColUpper(z_col[d][g][j], 0);
          }
        }
      }
      fixed_starts.resolve();
      fixed_state = fixed_starts.isProvenOptimal() ? 1 : -1;
    }
    return fixed_state == 1 ? &fixed_starts : nullptr;
  };
  Incumbent inc;
  const auto keep_cheaper = [&](Incumbent d) {
    if (!d.x.empty() && (inc.x.empty() || d.objective < inc.objective)) inc = std::move(d);
  };
  // Order: the quick dive on the full LP, both on the fixed starts, the gentle one on the full LP
  // (on the benchmark with 120 s: 1.8%, 0.705%, 0.705% above the bound, and out of time).
  keep_cheaper(with_counts(round_up_dive(lp, n_y, dive_end, quick)));
  if (const auto* f = fixed_lp()) {
    keep_cheaper(with_counts(round_up_dive(*f, n_y, dive_end, quick)));
    keep_cheaper(with_counts(round_up_dive(*f, n_y, dive_end, gentle_rule)));
  }
  keep_cheaper(with_counts(round_up_dive(lp, n_y, dive_end, gentle_rule)));
  // Drops: one tour fewer, and with variance one shift fewer on each of its working days (of the
  // band's start with the most agents that day, so the sums still match).
  const auto drop_tour = [&](int j, const std::vector<double>& x) {
    std::vector<int> cols{j};
    const int g = j / n_pat;
    for (int d = 0; d < 7 && variance > 0; ++d) {
      if (!patterns[j % n_pat][d]) continue;
      int most = z_col[d][g][0];
      for (int col : z_col[d][g]) {
        if (x[col] > x[most]) most = col;
      }
      cols.push_back(most);
    }
    return cols;
  };
  drop_units(lp, n_int, n_y, drop_tour, inc, dive_end);
  if (!inc.x.empty() && inc.objective < start_obj && headcount_ok(inc.x.data())) {
    start = inc.x;
    start_obj = inc.objective;
  }
  OsiClpSolverInterface solver1(lp);
  for (int j = 0; j < n_int; ++j) solver1.setInteger(j);
  const MipResult m1 =
      options.branch_and_cut
          ? solve_mip(solver1, start, start_obj, 0.75 * options.time_limit_s - seconds_since(t0),
                      options.relative_gap)
          : keep_start(start, start_obj);
  WFM_REQUIRE(!m1.x.empty(), (core::Location{rules.source, rules.tours->line, "tours"}),
              "no week of tours meeting the templates' daily counts and headcounts "
              "(min/max_agents) was found in {} s",
              options.time_limit_s);
  WFM_ENSURE(headcount_ok(m1.x.data()), "a week's tours break a template's headcount");
  const double phase1_s = seconds_since(t0);
  std::vector<int> y(n_int);
  for (int j = 0; j < n_int; ++j) y[j] = static_cast<int>(std::lround(m1.x[j]));

  // ---- tours: the y agents of (band g, pattern p) numbered in column order -------------------
  WeekSchedule out;
  std::vector<int> first_tour(n_y, 0);
  for (int j = 0; j < n_y; ++j) {
    first_tour[j] = out.tours + 1;
    out.tours += y[j];
  }

  // ---- phase 2 per day: the day's shifts fixed, breaks integer --------------------------------
  const double left = std::max(0.25 * options.time_limit_s, options.time_limit_s - phase1_s) / 7;
  for (int d = 0; d < 7; ++d) {
    const auto t1 = std::chrono::steady_clock::now();
    std::vector<int> x(n_shifts, 0);
    for (int k = 0; k < n_shifts; ++k) {
      for (int col : count_cols[d][k]) x[k] += y[col];
    }
    // The tours working day d on each shift: band g's tours of the patterns working d, in order,
    // dealt out to its starts (without variance, its one start), z[d][g][j] to the j-th.
    std::vector<std::vector<int>> tours_on(n_shifts);
    for (int g = 0; g < n_band; ++g) {
      std::vector<int> band_tours;
      for (int p = 0; p < n_pat; ++p) {
        if (!patterns[p][d]) continue;
        const int j = g * n_pat + p;
        for (int a = 0; a < y[j]; ++a) band_tours.push_back(first_tour[j] + a);
      }
      std::size_t next = 0;
      for (std::size_t j = 0; j < bands[g].size(); ++j) {
        const int cnt = variance > 0 ? y[z_col[d][g][j]] : static_cast<int>(band_tours.size());
        for (int a = 0; a < cnt; ++a) tours_on[bands[g][j]].push_back(band_tours.at(next++));
      }
      WFM_ENSURE(next == band_tours.size(), "a band's shifts and tours do not add up");
    }
    BreakPlacement placed = place_breaks(rules, required[d], shifts, x, left);
    // Shift k's x[k] agents come out in a row: give them its tours in order.
    std::size_t i = 0;
    for (int k = 0; k < n_shifts; ++k) {
      WFM_ENSURE(static_cast<int>(tours_on[k].size()) == x[k], "a shift's tours do not add up");
      for (int tour : tours_on[k]) {
        auto& s = placed.shifts.at(i++);
        WFM_ENSURE(s.template_index == shifts[k].tpl && s.start == shifts[k].start,
                   "a tour's shift out of order");
        s.tour = tour;
      }
    }
    WFM_ENSURE(i == placed.shifts.size(), "tours and shifts do not add up");
    DaySchedule& day = out.days[d];
    day.shifts = std::move(placed.shifts);
    auto& rep = day.report;
    rep.week = true;
    rep.lp_bound = lp.getObjValue();
    rep.best_bound = std::max(m1.bound, rep.lp_bound);
    rep.time_limit_s = options.time_limit_s;
    rep.phase1_s = phase1_s;
    rep.phase1_optimal = m1.optimal;
    rep.phase2_optimal = placed.optimal;
    rep.timed_out = m1.timed_out || placed.timed_out;
    rep.phase2_s = seconds_since(t1);
    rep.shift_variables = n_int;
    rep.break_variables = static_cast<int>(brks.size());
    const double none = std::numeric_limits<double>::infinity();
    rep.start_objective = start.empty() ? none : start_obj;
    rep.rounded_start_objective = rounded_obj < kInf ? rounded_obj : none;
    const auto cov = day_coverage(rules, required[d], day.shifts);
    const auto tot = coverage_totals(rules, cov, day.shifts);
    rep.objective = tot.cost;
    rep.shift_cost = tot.shift_cost;
    for (const auto& c : cov) rep.shortage += c.under;
    out.objective += rep.objective;
  }
  for (auto& day : out.days) {
    auto& rep = day.report;
    rep.best_bound = std::min(rep.best_bound, out.objective);
    rep.gap = out.objective > 0 ? (out.objective - rep.best_bound) / out.objective : 0;
  }
  return out;
}

}  // namespace wfm::schedule
