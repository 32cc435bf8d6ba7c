// Writes a sample plan report (plan.html), a what-if report (whatif.html) and a schedule page
// (schedule.html) from synthetic data into a directory, for the real-browser test
// (report_browser_test.sh) and the screenshots in docs/img. The data only has to look like a
// plan: 4 weeks of 15-minute history and a week of forecast for three queues (one named with <, &
// and "), staffing with a simulated check on one queue, some infeasible intervals and warnings; a
// 3 x 2 x 2 what-if grid; a schedule's week of coverage and a day of 40 shifts.
// Usage: wfm_report_fixture OUT_DIR
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "wfm/report/plan_report.hpp"
#include "wfm/report/schedule_report.hpp"
#include "wfm/report/whatif_report.hpp"

using namespace std::chrono;
namespace rep = wfm::report;

namespace {

constexpr int kInterval = 900;

// Calls per 15 minutes for a queue of scale `peak`, open 07:00-21:00, two daily peaks, Mondays
// highest, quieter weekends.
double shape(local_seconds t, double peak) {
  auto day = floor<days>(t);
  double h = static_cast<double>((t - day).count()) / 3600.0;
  if (h < 7 || h >= 21) return -1;  // closed
  unsigned wd = weekday{day}.c_encoding();
  double week = wd == 1 ? 1.15 : (wd == 0 ? 0.45 : (wd == 6 ? 0.6 : 1.0));
  double intraday = 0.25 + std::exp(-std::pow((h - 10.5) / 1.6, 2)) +
                    0.8 * std::exp(-std::pow((h - 15.0) / 2.0, 2));
  return peak * week * intraday;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

rep::PlanQueue make_queue(const std::string& name, double peak, double aht_s, bool simulate,
                          int infeasible_every, std::mt19937& rng, local_days first_day) {
  rep::PlanQueue q;
  q.name = name;
  q.interval_s = kInterval;
  q.sl_target = 0.8;
  q.sl_target_label = "80% in 20 s";
  q.max_occupancy = 0.9;
  std::normal_distribution<double> noise(0.0, 1.0);
  local_days forecast_day = first_day + days{28};
  for (local_seconds t{first_day}; t < local_seconds{forecast_day}; t += seconds{kInterval}) {
    double m = shape(t, peak);
    if (m < 0) continue;
    q.history.push_back({t, std::max(0.0, std::round(m + std::sqrt(m) * noise(rng)))});
  }
  double cost_per_hour = 32.5;
  int n = 0;
  for (int d = 0; d < 7; ++d) {
    local_days day = forecast_day + days{d};
    rep::DailyTotals daily;
    daily.date = day;
    double sl_weighted = 0, occ_weighted = 0, asa_weighted = 0, ab_weighted = 0;
    for (local_seconds t{day}; t < local_seconds{day + days{1}}; t += seconds{kInterval}) {
      double m = shape(t, peak);
      if (m < 0) continue;
      double z = 1.2816;  // 80% band
      q.forecast.push_back(
          {t, m, std::max(0.0, m - z * std::sqrt(m) * 1.2), m + z * std::sqrt(m) * 1.2});
      rep::StaffingPoint s;
      s.start = t;
      s.calls = m;
      double a = m * aht_s / kInterval;
      s.required_agents = std::ceil(a + 1.4 * std::sqrt(a) + 1);
      s.scheduled_agents = std::ceil(s.required_agents / 0.7);
      s.occupancy = std::min(0.99, a / s.required_agents);
      s.expected_sl = std::clamp(0.83 + 0.05 * noise(rng), 0.78, 0.97);
      s.asa_s = 8 + 4 * std::abs(noise(rng));
      s.abandonment = 0.02 + 0.01 * std::abs(noise(rng));
      ++n;
      if (infeasible_every > 0 && n % infeasible_every == 0) {
        s.feasible = false;
        s.expected_sl = 0.62;
      }
      if (simulate) {
        s.simulated_sl = std::clamp(s.expected_sl + 0.03 * noise(rng), 0.0, 1.0);
        s.simulated_sl_half_width = 0.04;
      }
      q.staffing.push_back(s);
      daily.totals.calls += m;
      daily.totals.agent_hours += s.scheduled_agents * kInterval / 3600.0;
      sl_weighted += m * s.expected_sl;
      occ_weighted += m * s.occupancy;
      asa_weighted += m * *s.asa_s;
      ab_weighted += m * *s.abandonment;
    }
    daily.totals.fte = daily.totals.agent_hours / 8.0;
    daily.totals.cost = daily.totals.agent_hours * cost_per_hour;
    daily.totals.sl = sl_weighted / daily.totals.calls;
    daily.totals.occupancy = occ_weighted / daily.totals.calls;
    daily.totals.asa_s = asa_weighted / daily.totals.calls;
    daily.totals.abandonment = ab_weighted / daily.totals.calls;
    q.daily.push_back(daily);
  }
  rep::PlanTotals& tot = q.total;
  double sl = 0, occ = 0, asa = 0, ab = 0;
  for (const auto& d : q.daily) {
    tot.calls += d.totals.calls;
    tot.agent_hours += d.totals.agent_hours;
    sl += d.totals.calls * *d.totals.sl;
    occ += d.totals.calls * *d.totals.occupancy;
    asa += d.totals.calls * *d.totals.asa_s;
    ab += d.totals.calls * *d.totals.abandonment;
  }
  tot.fte = tot.agent_hours / 40.0;
  tot.cost = tot.agent_hours * cost_per_hour;
  tot.sl = sl / tot.calls;
  tot.occupancy = occ / tot.calls;
  tot.asa_s = asa / tot.calls;
  tot.abandonment = ab / tot.calls;
  if (simulate) {
    double sim = 0;
    for (const auto& s : q.staffing) sim += *s.simulated_sl;
    tot.simulated_sl = sim / static_cast<double>(q.staffing.size());
  }
  return q;
}

rep::PlanReportData plan_data() {
  std::mt19937 rng(7);
  local_days first = local_days{year{2024} / February / 5};
  rep::PlanReportData data;
  data.title = "Staffing plan: sample scenario";
  data.generated_at = "2024-03-01 09:00 by wfm_report_fixture";
  data.currency = "EUR";
  data.assumptions = {{"scenario", "scenarios/sample.toml"},
                      {"forecast method", "seasonal naive x trend, 80% intervals"},
                      {"staffing method", "erlang-c, simulation check (30 replications)"},
                      {"targets", "80% in 20 s, occupancy <= 90%"},
                      {"shrinkage", "30% (breaks 12%, training 8%, absence 10%)"},
                      {"AHT", "from history by time of day"},
                      {"patience", "exponential, mean 120 s"},
                      {"seed", "7"}};
  data.queues.push_back(make_queue("sales", 60, 240, true, 0, rng, first));
  data.queues.push_back(make_queue("support", 35, 420, false, 37, rng, first));
  data.queues.push_back(make_queue("Billing <EU> & \"VIP\"", 12, 300, false, 0, rng, first));
  std::size_t infeasible = 0;
  for (const auto& s : data.queues[1].staffing) infeasible += s.feasible ? 0 : 1;
  data.warnings.push_back(std::to_string(infeasible) +
                          " intervals of queue support are infeasible: no agent count meets the "
                          "abandonment target");
  data.warnings.push_back(
      "queue sales: simulated service level below target on Tue 2024-03-05 "
      "(77.9% \u00b1 1.2%)");
  rep::PlanTotals all;
  double sl = 0;
  for (const auto& q : data.queues) {
    all.calls += q.total.calls;
    all.agent_hours += q.total.agent_hours;
    all.fte += q.total.fte;
    all.cost = all.cost.value_or(0) + *q.total.cost;
    sl += q.total.calls * *q.total.sl;
  }
  all.sl = sl / all.calls;
  data.overall = all;
  // A previous plan (wfm plan --compare): the headline shows the changes against it.
  rep::PlanTotals previous = all;
  previous.agent_hours -= 120;
  previous.fte -= 3;
  *previous.cost -= 3900;
  *previous.sl += 0.012;
  data.previous = previous;
  data.previous_label = "plans/week-05";
  return data;
}

rep::WhatifReportData whatif_data() {
  rep::WhatifReportData data;
  data.title = "What-if: volume, AHT and target";
  data.generated_at = "2024-03-01 09:05 by wfm_report_fixture";
  data.base_name = "base";
  data.currency = "EUR";
  data.sl_target = 0.8;
  data.heat_metric = rep::HeatMetric::fte;
  data.assumptions = {{"scenario", "scenarios/sample.toml"},
                      {"staffing method", "erlang-a"},
                      {"targets", "80% in 20 s"},
                      {"shrinkage", "30%"}};
  data.dimensions = {
      {"volume", {"-10%", "0", "+10%"}}, {"aht", {"+0s", "+15s"}}, {"sl", {"80/20", "90/20"}}};
  data.warnings.push_back("variant volume=+10% aht=+15s sl=90/20: 3 intervals infeasible");
  const double vol[] = {0.9, 1.0, 1.1};
  const double aht[] = {0, 15};
  const double slf[] = {1.0, 1.12};
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a < 2; ++a) {
      for (int v = 0; v < 3; ++v) {
        rep::WhatifRow r;
        r.values = {data.dimensions[0].values[v], data.dimensions[1].values[a],
                    data.dimensions[2].values[s]};
        bool base = v == 1 && a == 0 && s == 0;
        r.label =
            base ? "base" : "volume=" + r.values[0] + " aht=" + r.values[1] + " sl=" + r.values[2];
        double load = vol[v] * (300 + aht[a]) / 300;
        r.metrics.fte = 118.4 * load * slf[s];
        r.metrics.agent_hours = r.metrics.fte * 40;
        r.metrics.cost = r.metrics.agent_hours * 32.5;
        r.metrics.sl = s == 0 ? 0.81 + 0.004 * v : 0.905 - 0.003 * v;
        r.metrics.asa_s = s == 0 ? 14.0 + v : 6.5 + 0.5 * v;
        r.metrics.abandonment = s == 0 ? 0.031 : 0.017;
        r.metrics.occupancy = 0.86 - 0.05 * s + 0.004 * v;
        if (v == 2 && a == 1 && s == 1) {
          r.feasible = false;
          r.metrics.sl = 0.78;
        }
        data.rows.push_back(r);
      }
    }
  }
  return data;
}

}  // namespace

// A week of a schedule: coverage and service per 15-minute interval 08:00-20:00, and a day of
// 40 shifts in two templates with breaks (one unassigned, one with a name to escape).
rep::ScheduleSection schedule_data() {
  rep::ScheduleSection s;
  s.queue = "support <EU>";
  s.interval_s = 900;
  s.sl_target = 0.8;
  s.erlang_model = "Erlang A";
  s.facts = {{"shifts", "40"}, {"paid hours", "300.00"}};
  const auto monday = local_days(year{2024} / 3 / 4);
  for (int d = 0; d < 5; ++d) {
    for (int i = 32; i < 80; ++i) {
      rep::CoveragePoint p;
      p.start = local_seconds(monday + days(d)) + seconds(i * 900);
      const double shape = std::sin((i - 32) * 3.14159 / 48);
      p.required = std::round(4 + 20 * shape);
      p.on_shift = p.required + 3;
      p.on_phone = p.required + (i % 3);
      p.erlang_sl = 0.8 + 0.1 * std::cos(i);
      p.simulated_sl = 0.78 + 0.12 * std::sin(i);
      s.coverage.push_back(p);
    }
  }
  rep::GanttDay day;
  day.date = "2024-03-04";
  for (int k = 0; k < 40; ++k) {
    const int start = (8 * 4 + k % 12) * 900;
    const bool full = k % 3 != 0;
    rep::GanttShift g;
    g.label = full ? "full-8h" : "part-4h";
    g.who = k == 5 ? "unassigned" : k == 6 ? "A<7> & co" : "agent-" + std::to_string(k);
    g.start_s = start;
    g.end_s = start + (full ? 8 * 3600 + 1800 : 4 * 3600);
    g.breaks = {{start + 2 * 3600, start + 2 * 3600 + 900}};
    g.break_names = {"break1"};
    day.shifts.push_back(g);
  }
  s.gantt = {day, rep::GanttDay{"2024-03-05", {}}};
  return s;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: wfm_report_fixture OUT_DIR\n";
    return 2;
  }
  try {
    std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    write(dir / "plan.html", rep::render_plan_report(plan_data()));
    write(dir / "whatif.html", rep::render_whatif_report(whatif_data()));
    write(dir / "schedule.html",
          rep::render_schedule_report("Schedule of plan.csv", "", schedule_data()));
  } catch (const std::exception& e) {
    std::cerr << "wfm_report_fixture: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
