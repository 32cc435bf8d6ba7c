#include "wfm/staffing/backlog.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"

namespace wfm::staffing {
namespace {

using core::Location;

// Deadlines are met within this fraction of the queue's total work (floating-point rounding).
constexpr double kRelativeTolerance = 1e-9;

// One interval's arrivals: they become workable at open index `available` and are due by the end
// of open index `due` (both may be past the grid's last open interval).
struct Cohort {
  std::size_t slot = 0;
  double items = 0;
  double handle_s = 0;
  double work_s = 0;
  std::int64_t available = 0;
  std::int64_t due = 0;
  bool opening = false;  // of the opening backlog (slot 0, before every arrival)
  bool overdue = false;  // opening and already past its deadline: never within target
  double age_s = 0;      // opening: business age at the grid's start
};

struct Grid {
  int interval_s = 0;
  int deadline_intervals = 0;
  std::vector<BacklogSlot> slots;
  std::vector<std::int64_t> open_before;  // open intervals strictly before each slot
  std::vector<std::size_t> open_slots;    // slot of each open index
  // With a time zone: slots starting in the skipped hour up to (not including) each slot, and
  // one more entry for the end of the grid; empty without a zone.
  std::vector<std::int64_t> skipped_before;
  std::vector<Cohort> cohorts;  // in arrival (FIFO) order, the opening backlog first
  std::vector<BacklogResult::OpeningGroup> opening;  // the opening cohorts, same order
  double opening_overdue_items = 0;
  double total_work_s = 0;

  double tolerance_s() const { return kRelativeTolerance * std::max(1.0, total_work_s); }
};

Location at_line(const BacklogQueue& q, const BacklogInterval& r, const char* field) {
  return Location{q.source, r.source_line, field};
}

// Items and work per item, of an interval's arrivals or an opening group: the same limits.
void check_work(double items, double handle_s, const Location& at_items, const Location& at_aht) {
  WFM_REQUIRE(std::isfinite(items) && items >= 0 && items <= core::kMaxCallsPerInterval, at_items,
              "expected a number of items in [0, 1e6], got {}", items);
  WFM_REQUIRE(items == 0 || (std::isfinite(handle_s) && handle_s > 0 &&
                             handle_s <= core::kMaxDurationS),
              at_aht, "expected a handle time in (0, 86400] s, got {}", handle_s);
}

// Whether intervals are open: the week's hours, the closed dates and the zone's skipped hour.
class OpenRule {
 public:
  explicit OpenRule(const BacklogOptions& o) : o_(o), closed_(o.closed_dates) {
    std::sort(closed_.begin(), closed_.end());
  }
  // Whether the interval starting at `start` lies in the zone's skipped hour (false without one).
  bool skipped(core::LocalTime start) {
    if (!o_.time_zone) return false;
    if (!span_ || start < span_->span_begin || start >= span_->span_end)
      span_ = o_.time_zone->info(start);
    return span_->kind == core::LocalTimeKind::nonexistent;
  }
  bool open(core::LocalTime start) {
    if (!o_.hours.contains(start, o_.interval_s)) return false;
    const auto day = std::chrono::floor<std::chrono::days>(start);
    if (std::binary_search(closed_.begin(), closed_.end(), day)) return false;
    return !skipped(start);
  }

 private:
  const BacklogOptions& o_;
  std::vector<std::chrono::local_days> closed_;
  std::optional<core::LocalTimeInfo> span_;  // the zone's answer for the last time asked
};

Location at_opening(const BacklogQueue& q, const BacklogOpening& b, const char* field) {
  return Location{q.opening_source, b.source_line, field};
}

void validate_options(const BacklogOptions& o) {
  WFM_REQUIRE(o.interval_s > 0 && 86400 % o.interval_s == 0, (Location{{}, 0, "interval_s"}),
              "expected an interval length dividing a day, got {} s", o.interval_s);
  const auto& days = o.hours.days;
  WFM_REQUIRE(std::any_of(days.begin(), days.end(), [](const auto& d) { return d.is_open(); }),
              (Location{{}, 0, "open_days"}), "expected at least one open day");
  for (const core::DayHours& d : days) {
    WFM_REQUIRE(!d.is_open() || (d.open_min >= 0 && d.close_min <= 24 * 60),
                (Location{{}, 0, "open"}), "expected 00:00 <= opening < closing <= 24:00");
    WFM_REQUIRE(!d.is_open() || ((d.open_min * 60) % o.interval_s == 0 &&
                                 (d.close_min * 60) % o.interval_s == 0),
                (Location{{}, 0, "open"}),
                "opening and closing times must fall on the {}-minute interval grid",
                o.interval_s / 60.0);
  }
  const BacklogTarget& t = o.target;
  WFM_REQUIRE(std::isfinite(t.fraction) && t.fraction > 0 && t.fraction <= 1,
              (Location{{}, 0, "target"}), "expected a fraction in (0, 1], got {}", t.fraction);
  WFM_REQUIRE(std::isfinite(t.within_s) && t.within_s >= 2.0 * o.interval_s &&
                  t.within_s <= core::kMaxBacklogResponseS,
              (Location{{}, 0, "within"}),
              "expected a response time of at least two intervals ({} min) and at most 366 days, "
              "got {} s",
              2 * o.interval_s / 60, t.within_s);
  WFM_REQUIRE(o.min_agents >= 0, (Location{{}, 0, "min_agents"}), "expected a number >= 0, got {}",
              o.min_agents);
  WFM_REQUIRE(!o.max_agents || (*o.max_agents >= o.min_agents && *o.max_agents >= 1),
              (Location{{}, 0, "max_agents"}),
              "expected a number >= 1 and >= min_agents ({}), got {}", o.min_agents,
              o.max_agents.value_or(0));
}

Grid build_grid(const BacklogQueue& q, const BacklogOptions& o) {
  validate_options(o);
  WFM_REQUIRE(!q.intervals.empty(), (Location{q.source, 0, {}}), "queue '{}' has no intervals",
              q.name);
  using std::chrono::seconds;
  const seconds step(o.interval_s);
  for (std::size_t i = 0; i < q.intervals.size(); ++i) {
    const BacklogInterval& r = q.intervals[i];
    const auto day = std::chrono::floor<std::chrono::days>(r.start);
    WFM_REQUIRE((r.start - day).count() % o.interval_s == 0, at_line(q, r, "interval_start"),
                "not on the {}-minute interval grid", o.interval_s / 60.0);
    WFM_REQUIRE(i == 0 || q.intervals[i - 1].start < r.start, at_line(q, r, "interval_start"),
                "intervals must be in increasing time order");
    check_work(r.items, r.handle_s, at_line(q, r, "offered"), at_line(q, r, "aht_s"));
  }
  const core::LocalTime first = q.intervals.front().start;
  const auto span = (q.intervals.back().start - first) / step;
  WFM_REQUIRE(span >= 0 && static_cast<double>(span) < core::kMaxSpanIntervals,
              (Location{q.source, q.intervals.back().source_line, "interval_start"}),
              "the queue spans more than {} intervals", core::kMaxSpanIntervals);

  Grid g;
  g.interval_s = o.interval_s;
  g.deadline_intervals = static_cast<int>(std::floor(o.target.within_s / o.interval_s));
  const std::size_t n = static_cast<std::size_t>(span) + 1;
  g.slots.resize(n);
  g.open_before.resize(n);
  std::int64_t opened = 0;
  OpenRule rule(o);
  if (o.time_zone) g.skipped_before.assign(n + 1, 0);
  for (std::size_t t = 0; t < n; ++t) {
    BacklogSlot& s = g.slots[t];
    s.start = first + step * static_cast<std::int64_t>(t);
    s.open = rule.open(s.start);
    if (o.time_zone) {
      const bool skipped = rule.skipped(s.start);
      g.skipped_before[t + 1] = g.skipped_before[t] + (skipped ? 1 : 0);
    }
    g.open_before[t] = opened;
    if (s.open) {
      g.open_slots.push_back(t);
      ++opened;
    }
  }
  // The opening backlog: validated, aged, oldest first, due by its remaining business time.
  // Ages given by arrival time: open intervals from each arrival's interval to the grid's first,
  // counted in one walk backwards from the grid's start (latest arrival first).
  std::vector<std::pair<core::LocalTime, std::size_t>> arrivals;  // (its interval, row)
  for (std::size_t i = 0; i < q.opening.size(); ++i) {
    const BacklogOpening& b = q.opening[i];
    if (!b.arrived) continue;
    WFM_REQUIRE(*b.arrived < first, at_opening(q, b, "arrived"),
                "expected a time before the first interval ({}), got {}",
                core::format_local_time(first), core::format_local_time(*b.arrived));
    const auto day = std::chrono::floor<std::chrono::days>(*b.arrived);
    const core::LocalTime from = day + (*b.arrived - day) / step * step;
    WFM_REQUIRE(static_cast<double>((first - from) / step) < core::kMaxSpanIntervals,
                at_opening(q, b, "arrived"), "more than {} intervals before the first",
                core::kMaxSpanIntervals);
    arrivals.emplace_back(from, i);
  }
  std::sort(arrivals.begin(), arrivals.end(), std::greater<>());
  std::vector<double> arrived_age_s(q.opening.size(), 0.0);
  {
    std::int64_t open_n = 0;
    core::LocalTime t = first;
    for (const auto& [from, i] : arrivals) {
      for (; t > from; open_n += rule.open(t) ? 1 : 0) t -= step;
      arrived_age_s[i] = static_cast<double>(open_n) * o.interval_s;
    }
  }
  std::vector<Cohort> opening;
  for (std::size_t i = 0; i < q.opening.size(); ++i) {
    const BacklogOpening& b = q.opening[i];
    check_work(b.items, b.handle_s, at_opening(q, b, "items"), at_opening(q, b, "aht_s"));
    const double age_s = b.arrived ? arrived_age_s[i] : b.age_s;
    WFM_REQUIRE(std::isfinite(age_s) && age_s >= 0, at_opening(q, b, "age_s"),
                "expected an age in business seconds >= 0, got {}", age_s);
    if (b.items <= 0) continue;
    Cohort c;
    c.items = b.items;
    c.handle_s = b.handle_s;
    c.work_s = b.items * b.handle_s;
    c.opening = true;
    c.age_s = age_s;
    const double left = std::floor((o.target.within_s - age_s) / o.interval_s);
    c.overdue = left < 1;
    c.due = c.overdue ? 0 : static_cast<std::int64_t>(left) - 1;
    opening.push_back(c);
  }
  std::stable_sort(opening.begin(), opening.end(),
                   [](const Cohort& a, const Cohort& b) { return a.age_s > b.age_s; });
  for (const Cohort& c : opening) {
    g.total_work_s += c.work_s;
    if (c.overdue) g.opening_overdue_items += c.items;
    g.opening.push_back({c.items, c.handle_s, c.age_s, c.due, c.overdue});
    g.cohorts.push_back(c);
  }
  for (const BacklogInterval& r : q.intervals) {
    const auto t = static_cast<std::size_t>((r.start - first) / step);
    BacklogSlot& s = g.slots[t];
    s.items = r.items;
    s.handle_s = r.items > 0 ? r.handle_s : 0;
    if (r.items <= 0) continue;
    Cohort c;
    c.slot = t;
    c.items = r.items;
    c.handle_s = r.handle_s;
    c.work_s = r.items * r.handle_s;
    c.available = g.open_before[t] + (s.open ? 1 : 0);
    c.due = g.open_before[t] + g.deadline_intervals - 1;
    g.total_work_s += c.work_s;
    g.cohorts.push_back(c);
  }
  WFM_ENSURE(std::isfinite(g.total_work_s), "total work is not finite");
  return g;
}

// ⌈work / capacity_s⌉ agents, with `tolerance_s` of slack; 0 when nothing is needed.
double agents_for(double work_s, double capacity_s, double tolerance_s) {
  const double need = (work_s - tolerance_s) / capacity_s;
  return need > 0 ? std::ceil(need) : 0.0;
}

BacklogResult project(Grid g, const BacklogTarget& target, const std::vector<double>& agents) {
  BacklogResult r;
  r.interval_s = g.interval_s;
  r.deadline_intervals = g.deadline_intervals;
  r.slots = std::move(g.slots);
  r.open_intervals = g.open_slots.size();
  r.opening = std::move(g.opening);
  r.opening_overdue_items = g.opening_overdue_items;
  const double dt = g.interval_s;
  const double tol = 4 * g.tolerance_s();
  const std::size_t m = g.cohorts.size();
  std::vector<double> remaining(m), within(m);
  for (std::size_t c = 0; c < m; ++c) remaining[c] = g.cohorts[c].work_s;
  std::size_t head = 0;         // first cohort not done
  std::size_t arrived_end = 0;  // cohorts before this have arrived
  std::size_t due_next = 0;     // first cohort whose deadline has not been judged
  double backlog_work = 0, backlog_items = 0;
  const double p = target.fraction;

  for (std::size_t t = 0; t < r.slots.size(); ++t) {
    BacklogSlot& s = r.slots[t];
    while (arrived_end < m && g.cohorts[arrived_end].slot == t) {
      backlog_work += g.cohorts[arrived_end].work_s;
      backlog_items += g.cohorts[arrived_end].items;
      (g.cohorts[arrived_end].opening ? r.opening_items : r.items) += g.cohorts[arrived_end].items;
      ++arrived_end;
    }
    s.agents = 0;
    if (s.open) {
      const std::int64_t j = g.open_before[t];
      s.agents = agents[t];
      double capacity = s.agents * dt;
      while (capacity > 0 && head < arrived_end && g.cohorts[head].available <= j) {
        const Cohort& c = g.cohorts[head];
        const double done = std::min(capacity, remaining[head]);
        capacity -= done;
        remaining[head] -= done;
        if (j <= c.due) within[head] += done;
        const double items_done = done / c.handle_s;
        s.items_done += items_done;
        s.work_done_s += done;
        backlog_work -= done;
        backlog_items -= items_done;
        if (remaining[head] <= 0) ++head;
      }
      // Judge the cohorts due by the end of this interval.
      while (due_next < m && g.cohorts[due_next].due <= j) {
        const Cohort& c = g.cohorts[due_next];
        const double done_in_time = std::min(c.items, within[due_next] / c.handle_s);
        if (c.opening) {
          r.opening_due += c.items;
          if (!c.overdue) r.opening_within_target += done_in_time;
        } else {
          r.items_due += c.items;
          r.items_within_target += done_in_time;
          r.slots[c.slot].arrivals_due = c.items;
          r.slots[c.slot].arrivals_within_target = done_in_time;
        }
        if (within[due_next] < p * c.work_s - tol) s.deadlines_met = false;
        ++due_next;
      }
      r.agent_hours += s.agents * dt / 3600;
      r.peak_agents = std::max(r.peak_agents, s.agents);
    }
    if (head == arrived_end) backlog_work = backlog_items = 0;
    s.backlog_work_s = std::max(0.0, backlog_work);
    s.backlog_items = std::max(0.0, backlog_items);
    if (head < arrived_end) {
      const Cohort& c = g.cohorts[head];
      const std::size_t oldest = c.slot;  // 0 for the opening backlog: aged from the grid's start
      const std::size_t skipped =
          g.skipped_before.empty()
              ? 0
              : static_cast<std::size_t>(g.skipped_before[t + 1] - g.skipped_before[oldest]);
      s.oldest_age_s = static_cast<double>(t + 1 - oldest - skipped) * dt + c.age_s;
      const std::int64_t open_through = g.open_before[t] + (s.open ? 1 : 0);
      s.oldest_business_age_s =
          static_cast<double>(open_through - g.open_before[oldest]) * dt + c.age_s;
    }
    r.max_oldest_age_s = std::max(r.max_oldest_age_s, s.oldest_age_s);
    r.max_oldest_business_age_s = std::max(r.max_oldest_business_age_s, s.oldest_business_age_s);
    if (!s.deadlines_met) ++r.infeasible_intervals;
  }
  r.final_backlog_items = r.slots.back().backlog_items;
  r.fraction_within_target = r.items_due > 0 ? r.items_within_target / r.items_due : 1.0;
  r.feasible = r.infeasible_intervals == 0;
  WFM_ENSURE(std::isfinite(r.agent_hours) && std::isfinite(r.items_within_target),
             "backlog projection is not finite");
  return r;
}

}  // namespace

std::size_t backlog_slot_count(const BacklogQueue& queue, const BacklogOptions& options) {
  return build_grid(queue, options).slots.size();
}

BacklogResult project_backlog(const BacklogQueue& queue, const BacklogOptions& options,
                              const std::vector<double>& agents) {
  Grid g = build_grid(queue, options);
  WFM_REQUIRE(agents.size() == g.slots.size(), (Location{queue.source, 0, "agents"}),
              "expected agents for {} intervals, got {}", g.slots.size(), agents.size());
  for (std::size_t t = 0; t < agents.size(); ++t) {
    WFM_REQUIRE(std::isfinite(agents[t]) && agents[t] >= 0, (Location{queue.source, 0, "agents"}),
                "interval {}: expected a number of agents >= 0, got {}",
                core::format_local_time(g.slots[t].start), agents[t]);
  }
  return project(std::move(g), options.target, agents);
}

BacklogResult staff_backlog(const BacklogQueue& queue, const BacklogOptions& options) {
  Grid g = build_grid(queue, options);
  const std::size_t open_n = g.open_slots.size();
  const double dt = g.interval_s;
  const double p = options.target.fraction;
  const std::size_t m = g.cohorts.size();

  // Cumulative work available (cum_available) and due (due) by open index, FIFO order.
  std::vector<double> cum_available(open_n, 0.0), due(open_n, 0.0);
  double before = 0;  // work of the cohorts before c
  for (const Cohort& c : g.cohorts) {
    if (c.available < static_cast<std::int64_t>(open_n))
      cum_available[static_cast<std::size_t>(c.available)] += c.work_s;
    if (c.due < static_cast<std::int64_t>(open_n)) {
      double& d = due[static_cast<std::size_t>(c.due)];
      d = std::max(d, before + p * c.work_s);
    }
    before += c.work_s;
  }
  for (std::size_t j = 1; j < open_n; ++j) {
    cum_available[j] += cum_available[j - 1];
    due[j] = std::max(due[j], due[j - 1]);
  }
  // Raised backwards: what must be done by j so that max_agents can still reach later deadlines.
  if (options.max_agents && open_n > 1) {
    const double cap = *options.max_agents * dt;
    for (std::size_t j = open_n - 1; j-- > 0;) due[j] = std::max(due[j], due[j + 1] - cap);
  }

  const double tol = g.tolerance_s();
  const auto window = static_cast<std::size_t>(g.deadline_intervals);
  std::vector<double> agents(g.slots.size(), 0.0);
  double done = 0;  // cumulative work done, S
  for (std::size_t j = 0; j < open_n; ++j) {
    const double own = agents_for(due[j] - done, dt, tol);
    double level = own;
    const std::size_t last = std::min(open_n - 1, j + window - 1);
    for (std::size_t e = j + 1; e <= last; ++e)
      level = std::max(level, agents_for(due[e] - done, static_cast<double>(e - j + 1) * dt, tol));
    const double workable = agents_for(cum_available[j] - done, dt, 0.0);
    double n = std::max(own, std::min(level, workable));
    n = std::max(n, static_cast<double>(options.min_agents));
    if (options.max_agents) n = std::min(n, static_cast<double>(*options.max_agents));
    agents[g.open_slots[j]] = n;
    done = std::min(cum_available[j], done + n * dt);
  }
  WFM_ENSURE(m == 0 || std::isfinite(done), "backlog staffing is not finite");
  return project(std::move(g), options.target, agents);
}

namespace {

constexpr std::array<std::string_view, 7> kDayNames = {"sun", "mon", "tue", "wed",
                                                       "thu", "fri", "sat"};

int day_index(std::string_view name) {
  static constexpr std::array<std::string_view, 7> full = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (std::size_t d = 0; d < kDayNames.size(); ++d) {
    if (name == kDayNames[d] || name == full[d]) return static_cast<int>(d);
  }
  return -1;
}

// "HH:MM" -> seconds after midnight; "24:00" allowed (a closing time).
std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 3600 + m * 60;
}

}  // namespace

std::optional<std::pair<int, int>> parse_open_hours(std::string_view text) {
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto open = parse_clock(text.substr(0, dash));
  const auto close = parse_clock(text.substr(dash + 1));
  if (!open || !close || *open >= *close) return std::nullopt;
  return std::pair{*open, *close};
}

std::optional<std::array<bool, 7>> parse_open_days(std::string_view text) {
  std::array<bool, 7> days{};
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t pos = 0;
  while (pos <= lower.size()) {
    const std::size_t comma = std::min(lower.find(',', pos), lower.size());
    const std::string item = lower.substr(pos, comma - pos);
    const std::size_t dash = item.find('-');
    const int from = day_index(std::string_view(item).substr(0, dash));
    const int to = dash == std::string::npos ? from : day_index(item.substr(dash + 1));
    if (from < 0 || to < 0) return std::nullopt;
    for (int d = from;; d = (d + 1) % 7) {
      days[static_cast<std::size_t>(d)] = true;
      if (d == to) break;
    }
    pos = comma + 1;
  }
  return days;
}

std::string format_open_days(const std::array<bool, 7>& days) {
  std::string out;
  for (std::size_t i = 1; i <= 7; ++i) {
    const std::size_t d = i % 7;  // Monday first
    if (!days[d]) continue;
    if (!out.empty()) out += ',';
    out += kDayNames[d];
  }
  return out;
}

BacklogResult backlog_totals(const std::vector<BacklogResult>& queues) {
  BacklogResult all;
  for (const auto& r : queues) {
    all.interval_s = r.interval_s;
    all.deadline_intervals = r.deadline_intervals;
    all.open_intervals += r.open_intervals;
    all.items += r.items;
    all.items_due += r.items_due;
    all.items_within_target += r.items_within_target;
    all.agent_hours += r.agent_hours;
    all.final_backlog_items += r.final_backlog_items;
    all.max_oldest_age_s = std::max(all.max_oldest_age_s, r.max_oldest_age_s);
    all.max_oldest_business_age_s =
        std::max(all.max_oldest_business_age_s, r.max_oldest_business_age_s);
    all.infeasible_intervals += r.infeasible_intervals;
    all.opening_items += r.opening_items;
    all.opening_overdue_items += r.opening_overdue_items;
    all.opening_due += r.opening_due;
    all.opening_within_target += r.opening_within_target;
  }
  all.fraction_within_target = all.items_due > 0 ? all.items_within_target / all.items_due : 1.0;
  all.feasible = all.infeasible_intervals == 0;
  return all;
}

}  // namespace wfm::staffing
