// Shift-scheduling speed and quality (issue 11): one realistic day of 96 15-minute intervals,
// requirements from Erlang C 80/20 with AHT 300 s and a two-peak profile (peak about 300
// required), 192 shift templates a day: full-time 8 h (two paid 15-minute breaks and an unpaid
// 30-minute meal in windows) from 00:00 to 15:30, full-time 6 h (one 15-minute break) from 06:00
// to 17:45 and part-time 4 h (no break) from 00:00 to 20:00, every 15 minutes. Solved with
// breaks (the two-phase method) and without breaks; prints time, cost, LP bound, CBC's bound and
// the gap. Usage: wfm_schedule_bench [TIME_LIMIT_S] [PEAK_AGENTS] [week]
// With `week`: a Monday-Sunday week of tours (5 days, 2 consecutive days off) with breaks, Monday
// to Friday the day above, Saturday and Sunday at 60% of its load, solved by schedule_week with
// the time limit for the whole week (with the cost of phase 1's start, the LP dive's week); then
// the same days scheduled one by one (the price of tours). `week VARIANCE` (a duration such as
// "1h", or "0") sets the tours' start_variance and skips the days one by one.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>

#include "wfm/schedule/coverage.hpp"
#include "wfm/schedule/optimizer.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/staffing/erlang_c.hpp"

using namespace wfm;

namespace {

std::string rules_text(bool breaks) {
  std::string ft8 = R"(
[[shift]]
name = "ft8"
start_earliest = "00:00"
start_latest = "15:30"
start_step = "15m"
paid_length = "8h"
cost_per_paid_hour = 20
)";
  if (breaks) {
    ft8 += R"([[shift.break]]
name = "break1"
duration = "15m"
window_start = "1h30m"
window_end = "2h30m"
[[shift.break]]
name = "meal"
duration = "30m"
window_start = "3h30m"
window_end = "4h30m"
paid = false
[[shift.break]]
name = "break2"
duration = "15m"
window_start = "6h"
window_end = "7h"
)";
  } else {
    ft8.replace(ft8.find("15:30"), 5, "16:00");  // same span without the unpaid meal
  }
  std::string ft6 = R"(
[[shift]]
name = "ft6"
start_earliest = "06:00"
start_latest = "17:45"
paid_length = "6h"
cost_per_paid_hour = 20
)";
  if (breaks) {
    ft6 += R"([[shift.break]]
name = "break"
duration = "15m"
window_start = "2h"
window_end = "3h30m"
)";
  }
  const std::string pt4 = R"(
[[shift]]
name = "pt4"
start_earliest = "00:00"
start_latest = "20:00"
paid_length = "4h"
cost_per_paid_hour = 22
part_time = true
)";
  return "[schedule]\ninterval = \"15m\"\nunder_coverage_penalty = 200\n" + ft8 + ft6 + pt4;
}

std::string week_rules_text(const std::string& variance) {
  return "[tours]\ndays_per_week = 5\nconsecutive_days_off = true\n" +
         (variance.empty() ? "" : "start_variance = \"" + variance + "\"\n") + rules_text(true);
}

// Required agents: the fewest meeting 80% within 20 s under Erlang C, AHT 300 s.
std::vector<double> requirements(double peak_agents, double scale = 1) {
  std::vector<double> req(96);
  for (int t = 0; t < 96; ++t) {
    const double h = t / 4.0;
    const double shape = 0.06 + std::exp(-0.5 * std::pow((h - 11) / 2.2, 2)) +
                         0.8 * std::exp(-0.5 * std::pow((h - 15.5) / 2.0, 2));
    const double load =
        scale * shape * peak_agents * 0.85;  // Erlangs; the peak needs about peak_agents
    int n = static_cast<int>(std::floor(load)) + 1;
    while (staffing::erlang_c(n, load, 300, 20).service_level < 0.8) ++n;
    req[t] = n;
  }
  return req;
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void run(const char* label, bool breaks, const std::vector<double>& req, double limit) {
  const auto rules = schedule::parse_shift_rules(rules_text(breaks), "bench.toml");
  std::size_t templates = 0;
  for (const auto& tp : rules.templates) templates += tp.starts().size();
  const auto t0 = std::chrono::steady_clock::now();
  const auto d = schedule::schedule_day(rules, req, schedule::SolveOptions{limit, 1e-4});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto cov = schedule::day_coverage(rules, req, d.shifts);
  const auto tot = schedule::coverage_totals(rules, cov, d.shifts);
  const auto& r = d.report;
  fmt::print(
      "| {} | {} | {} | {:.2f} | {:.2f} + {:.2f} | {:.1f} | {:.1f} | {:.1f} | {:.3f}% | {:.3f}% | "
      "{:.0f} | {} | {:.1f} | {:.3f} | {} |\n",
      label, templates, r.shift_variables + r.break_variables, s, r.phase1_s, r.phase2_s,
      r.objective, r.lp_bound, r.best_bound, 100 * r.gap,
      100 * (r.objective - r.lp_bound) / r.objective, r.shortage, d.shifts.size(), tot.paid_hours,
      tot.efficiency, r.timed_out ? "yes" : "no");
  const auto problem = schedule::check_schedule(rules, d.shifts);
  if (!problem.empty()) fmt::print("CHECK FAILED: {}\n", problem);
}

void run_week(double peak, double limit, const std::string& variance) {
  const auto rules = schedule::parse_shift_rules(week_rules_text(variance), "bench.toml");
  auto daily = rules;
  daily.tours.reset();
  std::array<std::vector<double>, 7> req;
  double sum = 0;
  for (int d = 0; d < 7; ++d) {
    req[d] = requirements(peak, d < 5 ? 1.0 : 0.6);
    for (double r : req[d]) sum += r;
  }
  fmt::print(
      "week: Mon-Fri peak {}, Sat-Sun peak {}, {:.1f} required agent-hours; tours of 5 "
      "days, 2 consecutive days off, start variance {} min; time limit {} s for the week\n",
      *std::max_element(req[0].begin(), req[0].end()),
      *std::max_element(req[5].begin(), req[5].end()), sum / 4,
      rules.tours->start_variance * rules.interval_s / 60, limit);
  const auto t0 = std::chrono::steady_clock::now();
  const auto w = schedule::schedule_week(rules, req, schedule::SolveOptions{limit, 1e-4});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double paid = 0, shortage = 0, phase2 = 0;
  std::map<int, std::pair<int, int>> starts;  // each tour's earliest and latest start
  for (int d = 0; d < 7; ++d) {
    for (const auto& sh : w.days[d].shifts) {
      const auto it = starts.try_emplace(sh.tour, sh.start, sh.start).first;
      it->second = {std::min(it->second.first, sh.start), std::max(it->second.second, sh.start)};
    }
    const auto tot = schedule::coverage_totals(
        rules, schedule::day_coverage(rules, req[d], w.days[d].shifts), w.days[d].shifts);
    paid += tot.paid_hours;
    shortage += w.days[d].report.shortage;
    phase2 += w.days[d].report.phase2_s;
    const auto problem = schedule::check_schedule(rules, w.days[d].shifts);
    if (!problem.empty()) fmt::print("CHECK FAILED: {}\n", problem);
  }
  for (const auto& [tour, range] : starts) {
    if (range.second - range.first > rules.tours->start_variance) {
      fmt::print("CHECK FAILED: tour {} starts vary by more than the variance\n", tour);
    }
  }
  const auto& r = w.days[0].report;
  fmt::print(
      "tours: {:.1f} s (phase 1 {:.1f} s, phase 2 {:.1f} s over 7 days), {} tour columns, {} "
      "break columns, cost {:.1f}, LP bound {:.1f}, CBC bound {:.1f}, gap {:.3f}% (CBC bound) "
      "{:.3f}% (LP bound), {} tours, {:.1f} paid hours, {:.0f} agent-intervals short, timed out "
      "{}\n",
      s, r.phase1_s, phase2, r.shift_variables, r.break_variables, w.objective, r.lp_bound,
      r.best_bound, 100 * r.gap, 100 * (w.objective - r.lp_bound) / w.objective, w.tours, paid,
      shortage, r.timed_out ? "yes" : "no");
  fmt::print(
      "phase 1 start: {:.1f} ({:.3f}% above the LP bound); the LP's tours rounded up: {:.1f}\n",
      r.start_objective, 100 * (r.start_objective - r.lp_bound) / r.start_objective,
      r.rounded_start_objective);
  if (!variance.empty()) return;
  const auto t1 = std::chrono::steady_clock::now();
  double cost = 0, paid_daily = 0;
  for (int d = 0; d < 7; ++d) {
    const auto day = schedule::schedule_day(daily, req[d], schedule::SolveOptions{limit / 7, 1e-4});
    cost += day.report.objective;
    paid_daily += schedule::coverage_totals(
                      daily, schedule::day_coverage(daily, req[d], day.shifts), day.shifts)
                      .paid_hours;
  }
  const double s1 = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  fmt::print(
      "days one by one ({} s each): {:.1f} s, cost {:.1f}, {:.1f} paid hours; tours cost "
      "{:.2f}% more\n",
      limit / 7, s1, cost, paid_daily, 100 * (w.objective - cost) / cost);
}

}  // namespace

int main(int argc, char** argv) {
  const double limit = argc > 1 ? std::stod(argv[1]) : 120;
  const double peak = argc > 2 ? std::stod(argv[2]) : 300;
  if (argc > 3 && std::string(argv[3]) == "week") {
    run_week(peak, limit, argc > 4 ? argv[4] : "");
    fmt::print("peak RSS {:.1f} MiB\n", peak_rss_mib());
    return 0;
  }
  const auto req = requirements(peak);
  double sum = 0, mx = 0;
  for (double r : req) {
    sum += r;
    mx = std::max(mx, r);
  }
  fmt::print("day: 96 intervals, peak {} required, {:.1f} required agent-hours; time limit {} s\n",
             mx, sum / 4, limit);
  fmt::print(
      "| case | templates | columns | seconds | phase 1 + 2 s | cost | LP bound | CBC bound | "
      "gap (CBC bound) | gap (LP bound) | short agent-intervals | shifts | paid hours | "
      "efficiency | timed out |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      "---:|---|\n");
  run("no breaks", false, req, limit);
  run("breaks (two-phase)", true, req, limit);
  fmt::print("peak RSS {:.1f} MiB\n", peak_rss_mib());
  return 0;
}
