#include "wfm/kpi/report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "wfm/core/error.hpp"
#include "wfm/io/number.hpp"
#include "wfm/kpi/repeat_tracker.hpp"

namespace wfm::kpi {
namespace {

using core::InputError;
using core::Location;

constexpr std::uint32_t all_queues = std::numeric_limits<std::uint32_t>::max();

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// Names to dense ids, with a one-entry cache (consecutive rows often share a queue).
class Interner {
 public:
  std::uint32_t id(std::string_view name) {
    if (last_ != std::numeric_limits<std::uint32_t>::max() && names_[last_] == name) return last_;
    auto it = ids_.find(name);
    if (it == ids_.end()) {
      it = ids_.emplace(std::string(name), static_cast<std::uint32_t>(names_.size())).first;
      names_.emplace_back(name);
    }
    last_ = it->second;
    return last_;
  }
  std::optional<std::uint32_t> find(std::string_view name) const {
    const auto it = ids_.find(name);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }

 private:
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::vector<std::string> names_;
  std::uint32_t last_ = std::numeric_limits<std::uint32_t>::max();
};

struct GroupKey {
  TimeMs period = 0;
  std::uint32_t queue = 0;
  std::uint32_t agent = 0;
  bool operator==(const GroupKey&) const = default;
};

struct GroupKeyHash {
  std::size_t operator()(const GroupKey& k) const noexcept {
    std::uint64_t h = static_cast<std::uint64_t>(k.period) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<std::uint64_t>(k.queue) << 32 | k.agent) + 0x632BE59BD9B4E019ull + (h << 6) +
         (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

struct Group {
  GroupKey key;
  ContactTotals contacts;
  StateTotals states;
  ForecastTotals forecast;
};

struct ActualKey {
  std::uint32_t queue;
  TimeMs start;
  bool operator==(const ActualKey&) const = default;
};
struct ActualKeyHash {
  std::size_t operator()(const ActualKey& k) const noexcept {
    return std::hash<std::int64_t>{}(k.start * 31 + k.queue);
  }
};

enum FcrFlags : std::uint8_t { eligible = 1, flag_no = 2 };

std::string human_duration(double s) {
  if (s >= 2 * 86400 && std::fmod(s, 86400) == 0) return fmt::format("{} d", s / 86400);
  if (s >= 3600 && std::fmod(s, 3600) == 0) return fmt::format("{} h", s / 3600);
  if (s >= 60 && std::fmod(s, 60) == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

// One pass over the contacts, then the other sources.
class Builder {
 public:
  Builder(const ContactMapping& mapping, const KpiOptions& options, const KpiSources& sources)
      : m_(mapping),
        o_(options),
        src_(sources),
        time_dim_(options.time_dimension()),
        by_queue_(options.has(Dimension::queue)),
        by_agent_(options.has(Dimension::agent)) {}

  void read_contacts(std::istream& in, const std::string& name, RepeatTracker::Mode mode) {
    ContactReader reader(in, name, m_, o_.drop_duplicates);
    has_customer_ = reader.has(Field::customer);
    has_resolved_ = reader.has(Field::resolved);
    has_queue_ = reader.has(Field::queue);
    has_hold_ = reader.has(Field::hold);
    has_acw_ = reader.has(Field::acw);
    // Transfers can be told only when some outcome code means "transferred".
    can_transfer_ = m_.outcomes.empty() ||
                    std::any_of(m_.outcomes.begin(), m_.outcomes.end(), [](const OutcomeCode& c) {
                      return c.outcome == Outcome::transferred;
                    });
    const bool track = o_.fcr_method != FcrMethod::flag && has_customer_;
    std::optional<RepeatTracker> tracker;
    if (track) {
      tracker.emplace(
          o_.fcr_window_s, mode,
          [this](const RepeatTracker::Payload& p, bool repeated, bool censored) {
            if (!(p.flags & eligible)) return;
            groups_[p.group].contacts.add_fcr(repeated, !repeated && !(p.flags & flag_no),
                                              censored);
          },
          o_.reorder_slack_s);
    }
    const core::IntervalTable* forecast = src_.forecast;
    const bool forecast_named =
        forecast && !(forecast->queues.size() == 1 && forecast->queues[0].queue.empty());
    const int forecast_interval_s = forecast ? forecast->interval_s : 0;
    std::string key;
    Contact c;
    while (reader.next(c)) {
      const std::uint32_t q = (by_queue_ || forecast_named) ? queues_.id(c.queue) : 0;
      const std::uint32_t a = by_agent_ ? agents_.id(c.agent) : 0;
      const std::uint32_t g = group(period_of(c.arrival_ms), by_queue_ ? q : 0, a);
      groups_[g].contacts.add(c, o_, m_.csat_scale);
      if (tracker && !c.customer.empty()) {
        key.assign(c.customer);
        if (o_.fcr_scope == FcrScope::queue) {
          key += '\x1f';
          key += c.queue;
        }
        std::uint8_t flags = 0;
        const bool flag_counts = o_.fcr_method == FcrMethod::both;
        if (c.handled()) flags |= eligible;
        if (flag_counts && c.resolved == false) flags |= flag_no;
        tracker->add(key, c.arrival_instant_ms(), c.line, RepeatTracker::Payload{g, flags});
      } else if (o_.fcr_method == FcrMethod::flag && c.handled() && c.resolved) {
        groups_[g].contacts.add_fcr(false, *c.resolved, false);
      }
      if (forecast) {
        const TimeMs start = period_start(c.arrival_ms, Dimension::interval, forecast_interval_s);
        ++actuals_[ActualKey{forecast_named ? q : all_queues, start}];
      }
      last_arrival_ = std::max(last_arrival_, c.arrival_ms);
    }
    if (tracker) {
      tracker->finish();
      fcr_buffered_ = mode == RepeatTracker::Mode::buffered;
      fcr_peak_held_ = tracker->peak_held();
    }
    stats_ = reader.stats();
  }

  void add_states() {
    if (!src_.states || by_queue_) return;
    for (const auto& timeline : src_.states->agents) {
      const std::uint32_t a = by_agent_ ? agents_.id(timeline.agent) : 0;
      for (const auto& span : timeline.spans) {
        spread(span.start, span.end, a,
               [&](StateTotals& s, double sec) { s.state_s[span.what] += sec; });
      }
    }
  }

  void add_schedule() {
    if (!src_.schedule || by_queue_) return;
    std::unordered_map<std::string_view, const AgentTimeline*> states;
    if (src_.states) {
      for (const auto& t : src_.states->agents) states.emplace(t.agent, &t);
    }
    static const std::vector<Span> no_spans;
    for (const auto& timeline : src_.schedule->agents) {
      const std::uint32_t a = by_agent_ ? agents_.id(timeline.agent) : 0;
      const auto it = states.find(timeline.agent);
      const auto& actual = it == states.end() ? no_spans : it->second->spans;
      std::size_t k = 0;
      for (const auto& planned : timeline.spans) {
        const auto activity = static_cast<Activity>(planned.what);
        if (activity == Activity::offline) continue;
        spread(planned.start, planned.end, a,
               [](StateTotals& s, double sec) { s.scheduled_s += sec; });
        while (k < actual.size() && actual[k].end <= planned.start) ++k;
        for (std::size_t j = k; j < actual.size() && actual[j].start < planned.end; ++j) {
          const TimeMs b = std::max(planned.start, actual[j].start);
          const TimeMs e = std::min(planned.end, actual[j].end);
          if (b >= e) continue;
          const auto state = static_cast<AgentState>(actual[j].what);
          const bool adherent = adheres(state, activity);
          const bool productive = is_productive(state);
          if (!adherent && !productive) continue;
          spread(b, e, a, [&](StateTotals& s, double sec) {
            if (adherent) s.adherent_s += sec;
            if (productive) s.productive_scheduled_s += sec;
          });
        }
      }
    }
  }

  void add_forecast() {
    const core::IntervalTable* f = src_.forecast;
    if (!f || by_agent_) return;
    const bool named = !(f->queues.size() == 1 && f->queues[0].queue.empty());
    for (const auto& series : f->queues) {
      std::uint32_t q = all_queues;
      if (named) {
        const auto id = queues_.find(series.queue);
        q = id ? *id : queues_.id(series.queue);
      }
      for (const auto& iv : series.intervals) {
        const TimeMs start = from_local_seconds(iv.start);
        const auto it = actuals_.find(ActualKey{q, start});
        const double actual = it == actuals_.end() ? 0.0 : static_cast<double>(it->second);
        auto& t = groups_[group(period_of(start), by_queue_ ? q : 0, 0)].forecast;
        t.forecast += iv.offered;
        t.actual += actual;
        t.abs_error += std::abs(actual - iv.offered);
        ++t.rows;
      }
    }
  }

  KpiReport report(const std::string& contacts_name) {
    KpiReport r;
    r.read = stats_;
    r.fcr_buffered = fcr_buffered_;
    r.fcr_peak_held = fcr_peak_held_;
    if (time_dim_)
      r.key_columns.emplace_back(time_dim_ == Dimension::week ? "week_start"
                                                              : to_string(*time_dim_));
    if (by_queue_) r.key_columns.emplace_back("queue");
    if (by_agent_) r.key_columns.emplace_back("agent");
    for (std::size_t k = 0; k < kpi_count; ++k) {
      r.value_columns.emplace_back(kpi_name(static_cast<Kpi>(k)));
    }
    // A report without grouping has its one row even without any contact.
    if (groups_.empty() && r.key_columns.empty()) group(0, 0, 0);

    std::vector<std::size_t> order(groups_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const auto& a = groups_[x].key;
      const auto& b = groups_[y].key;
      if (a.period != b.period) return a.period < b.period;
      if (by_queue_ && a.queue != b.queue) return queue_name(a.queue) < queue_name(b.queue);
      if (by_agent_ && a.agent != b.agent) return agents_.name(a.agent) < agents_.name(b.agent);
      return false;
    });
    const bool with_states = src_.states && !by_queue_;
    std::vector<KpiValues> values;
    values.reserve(order.size());
    for (std::size_t i : order) {
      const auto& g = groups_[i];
      values.push_back(compute_kpis(g.contacts, with_states ? &g.states : nullptr,
                                    src_.schedule != nullptr,
                                    src_.forecast && !by_agent_ ? &g.forecast : nullptr, o_));
      KpiReport::Row row;
      if (time_dim_) row.keys.push_back(period_label(g.key.period, *time_dim_));
      if (by_queue_) row.keys.push_back(queue_name(g.key.queue));
      if (by_agent_) row.keys.push_back(agents_.name(g.key.agent));
      // What the export cannot tell is absent, not 0.
      auto& v = values.back();
      if (!has_hold_) v[static_cast<std::size_t>(Kpi::hold_s)].reset();
      if (!has_acw_) v[static_cast<std::size_t>(Kpi::acw_s)].reset();
      if (!can_transfer_) {
        v[static_cast<std::size_t>(Kpi::transferred)].reset();
        v[static_cast<std::size_t>(Kpi::transfer_rate)].reset();
      }
      row.values.assign(v.begin(), v.end());
      r.rows.push_back(std::move(row));
    }
    if (o_.compare_previous) {
      for (std::size_t k = 0; k < kpi_count; ++k) {
        r.value_columns.push_back(fmt::format("{}_delta", kpi_name(static_cast<Kpi>(k))));
      }
      std::unordered_map<GroupKey, std::size_t, GroupKeyHash> position;
      for (std::size_t n = 0; n < order.size(); ++n) position.emplace(groups_[order[n]].key, n);
      for (std::size_t n = 0; n < order.size(); ++n) {
        GroupKey prev = groups_[order[n]].key;
        prev.period = previous_period(prev.period, *time_dim_, o_.interval_s);
        const auto it = position.find(prev);
        for (std::size_t k = 0; k < kpi_count; ++k) {
          std::optional<double> delta;
          if (it != position.end() && values[n][k] && values[it->second][k]) {
            delta = *values[n][k] - *values[it->second][k];
          }
          r.rows[n].values.push_back(delta);
        }
      }
    }
    describe(r, contacts_name);
    return r;
  }

  TimeMs period_of(TimeMs t) {
    if (!time_dim_) return 0;
    if (t >= cached_period_ && t < cached_next_) return cached_period_;
    cached_period_ = period_start(t, *time_dim_, o_.interval_s);
    cached_next_ = next_period(cached_period_, *time_dim_, o_.interval_s);
    return cached_period_;
  }

 private:
  const std::string& queue_name(std::uint32_t q) const {
    static const std::string none;
    return q == all_queues ? none : queues_.name(q);
  }

  std::uint32_t group(TimeMs period, std::uint32_t queue, std::uint32_t agent) {
    const GroupKey key{period, queue, agent};
    if (last_group_ < groups_.size() && groups_[last_group_].key == key) {
      return static_cast<std::uint32_t>(last_group_);
    }
    const auto [it, inserted] = index_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
    if (inserted) groups_.push_back(Group{key, {}, {}, {}});
    last_group_ = it->second;
    return it->second;
  }

  // Adds the seconds of [begin, end) to the groups of the periods they overlap. With a time
  // zone these are elapsed seconds: the wall-clock hour the zone skips adds none, the hour it
  // repeats adds its seconds twice (to the period it is in).
  template <typename Fn>
  void spread(TimeMs begin, TimeMs end, std::uint32_t agent, Fn&& fn) {
    if (!m_.time_zone) {
      spread_wall(begin, end, agent, fn);
      return;
    }
    while (begin < end) {
      const core::LocalTimeInfo info = m_.time_zone->info(to_local_seconds(begin));
      const TimeMs stop = std::min(end, from_local_seconds(info.span_end));
      const int passes = info.kind == core::LocalTimeKind::nonexistent ? 0
                         : info.kind == core::LocalTimeKind::repeated  ? 2
                                                                       : 1;
      for (int k = 0; k < passes; ++k) spread_wall(begin, stop, agent, fn);
      begin = stop;
    }
  }

  // The same in wall-clock seconds.
  template <typename Fn>
  void spread_wall(TimeMs begin, TimeMs end, std::uint32_t agent, Fn&& fn) {
    if (!time_dim_) {
      fn(groups_[group(0, 0, agent)].states, static_cast<double>(end - begin) / 1000.0);
      return;
    }
    for_each_period(begin, end, *time_dim_, o_.interval_s,
                    [&](TimeMs p, double sec) { fn(groups_[group(p, 0, agent)].states, sec); });
  }

  void describe(KpiReport& r, const std::string& contacts_name) const {
    auto param = [&](std::string name, std::string value) {
      r.parameters.emplace_back(std::move(name), std::move(value));
    };
    const auto& st = r.read;
    param("contacts", fmt::format("{} (mapping: {})", contacts_name, m_.source));
    std::string rows = fmt::format("{} rows: {} contacts", st.rows, st.contacts);
    if (st.excluded_rows() > 0) {
      std::string why;
      for (const auto& [reason, n] : st.excluded)
        why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", reason, n);
      rows += fmt::format(", {} excluded by the mapping ({})", st.excluded_rows(), why);
    }
    if (st.bad_rows > 0)
      rows += fmt::format(", {} bad rows skipped (--skip-bad-rows)", st.bad_rows);
    param("rows", rows);
    std::string by;
    for (auto d : o_.by) by += fmt::format("{}{}", by.empty() ? "" : ",", to_string(d));
    if (o_.has(Dimension::interval)) by += fmt::format(" ({})", human_duration(o_.interval_s));
    param("group_by", by.empty() ? "(none: one total row)" : by);
    param("periods",
          "by arrival time of the contact; weeks start on Monday (week_start), "
          "local wall-clock time");
    const std::string t = human_duration(o_.sl_threshold_s);
    const std::string sl_def{staffing::to_string(o_.sl_definition)};
    switch (o_.sl_definition) {
      case staffing::SlDefinition::kOffered:
        param("service_level", fmt::format("answered within {} / offered (--sl-definition {}; "
                                           "abandoned and blocked count as missed)",
                                           t, sl_def));
        break;
      case staffing::SlDefinition::kAnswered:
        param("service_level",
              fmt::format("answered within {} / answered (--sl-definition {})", t, sl_def));
        break;
      case staffing::SlDefinition::kOfferedLessShortAbandons:
        param("service_level", fmt::format("answered within {} / (offered - abandoned within {}) "
                                           "(--sl-definition {})",
                                           t, human_duration(o_.sl_short_abandon_s()), sl_def));
        break;
      case staffing::SlDefinition::kAbandonsWithinTMet:
        param(
            "service_level",
            fmt::format("(answered within {} + abandoned within {}) / offered (--sl-definition {})",
                        t, t, sl_def));
        break;
    }
    param("offered",
          "every contact of the report (answered, transferred, abandoned, blocked); "
          "handled = answered + transferred");
    if (o_.short_abandon_s) {
      const std::string sa = human_duration(*o_.short_abandon_s);
      param("abandon_rate",
            o_.short_abandon_policy == ShortAbandonPolicy::exclude
                ? fmt::format("(abandoned - short abandons) / (offered - short abandons); a short "
                              "abandon waited at most {} (--short-abandon {}, "
                              "--short-abandon-policy exclude)",
                              sa, sa)
                : fmt::format("abandoned / offered, short abandons (at most {}) counted "
                              "(--short-abandon-policy count)",
                              sa));
    } else {
      param("abandon_rate", "abandoned / offered (no --short-abandon: no abandon is short)");
    }
    param("asa_s", "mean wait from arrival to answer of handled contacts, seconds");
    param("avg_abandon_wait_s", "mean wait from arrival to hang-up of abandoned contacts");
    std::string parts;
    if (o_.aht.talk) parts += "talk";
    if (o_.aht.hold) parts += parts.empty() ? "hold" : " + hold";
    if (o_.aht.acw) parts += parts.empty() ? "acw" : " + acw";
    std::string missing;
    if (o_.aht.hold && !has_hold_) missing += " hold";
    if (o_.aht.acw && !has_acw_) missing += missing.empty() ? " acw" : " or acw";
    param("aht_s", fmt::format("({}) / handled, seconds; talk_s, hold_s, acw_s are the parts' "
                               "means{}",
                               parts,
                               missing.empty() ? ""
                                               : fmt::format(" (the contacts have no{} "
                                                             "column: 0 in AHT)",
                                                             missing)));
    param("transfer_rate", can_transfer_ ? "transferred / handled"
                                         : "not available: no outcome code of the mapping means "
                                           "transferred");
    const std::string scope = o_.fcr_scope == FcrScope::any ? "in any queue" : "in the same queue";
    const std::string window = human_duration(o_.fcr_window_s);
    switch (o_.fcr_method) {
      case FcrMethod::repeat:
        param("fcr_rate", fmt::format("handled contacts with a customer id and no contact of the "
                                      "same customer {} within {} after arrival / such handled "
                                      "contacts (--fcr-method repeat)",
                                      scope, window));
        break;
      case FcrMethod::flag:
        param("fcr_rate",
              "handled contacts flagged resolved / handled contacts with a resolved "
              "flag (--fcr-method flag)");
        break;
      case FcrMethod::both:
        param("fcr_rate", fmt::format("handled contacts with a customer id, no contact of the "
                                      "same customer {} within {} after arrival, and a resolved "
                                      "flag that is not 'no' (when present) / such handled "
                                      "contacts (--fcr-method both)",
                                      scope, window));
        break;
    }
    if (o_.fcr_method != FcrMethod::flag) {
      param("repeat_rate", fmt::format("fcr_contacts followed by a contact of the same customer "
                                       "{} within {} / fcr_contacts; any outcome counts as a "
                                       "repeat",
                                       scope, window));
    }
    param("csat", fmt::format("top-2-box: scores {}-{} of 1-{} / responses", m_.csat_scale - 1,
                              m_.csat_scale, m_.csat_scale));
    param("nps", "100 x (promoters 9-10 - detractors 0-6) / responses, -100..100");
    param("ces", fmt::format("mean score on 1-{}", m_.ces_scale));
    if (src_.states) {
      param("states",
            fmt::format("{} ({} agents)", src_.states->source, src_.states->agents.size()));
      param("occupancy", "(on_contact + acw) / (available + on_contact + acw) time");
      std::string excluded;
      for (std::size_t i = 0; i < agent_state_count; ++i) {
        if (o_.utilization_excludes[i] && static_cast<AgentState>(i) != AgentState::offline) {
          excluded += fmt::format(" - {}", to_string(static_cast<AgentState>(i)));
        }
      }
      param("utilization", fmt::format("(on_contact + acw) / (logged-in time{}); logged in = "
                                       "every state but offline",
                                       excluded));
      param("contacts_per_agent_hour", "handled / logged-in hours");
      if (src_.schedule) {
        param("schedule",
              fmt::format("{} ({} agents)", src_.schedule->source, src_.schedule->agents.size()));
        param("adherence",
              "scheduled time in the scheduled activity / scheduled time (activities "
              "other than offline; work = available, on_contact or acw)");
        param("shrinkage", "1 - scheduled time in available, on_contact or acw / scheduled time");
      } else {
        param("shrinkage", "(break + training + meeting) / logged-in time (no schedule given)");
      }
      if (o_.cost_per_hour) {
        param("cost_per_contact",
              fmt::format("{} per paid agent-hour x {} hours / handled", *o_.cost_per_hour,
                          src_.schedule ? "scheduled" : "logged-in"));
      }
    }
    if (src_.forecast) {
      param("forecast", fmt::format("{} ({}-minute intervals)", src_.forecast->source,
                                    src_.forecast->interval_s / 60));
      param("wape",
            "sum |actual - forecast| / sum actual over the forecast's rows (queue x "
            "interval; actual = contacts arriving in the interval)");
      param("forecast_bias", "(sum forecast - sum actual) / sum actual (> 0: over-forecast)");
    }
    if (o_.compare_previous) {
      param("compare", fmt::format("<kpi>_delta = value - value of the previous {} (same {}); "
                                   "empty when either is missing",
                                   to_string(*time_dim_),
                                   by_queue_ || by_agent_ ? "queue and agent" : "group"));
    }

    if (st.bad_rows > 0) r.notes.push_back(describe_bad_rows(st, contacts_name));
    if (const auto d = describe_duplicates(st); !d.empty()) r.notes.push_back(d);
    if (st.clamped_answers > 0) {
      r.notes.push_back(
          fmt::format("{} answers up to {} s before the arrival were read as "
                      "answered on arrival (mapping format.clock_tolerance_s)",
                      st.clamped_answers, m_.clock_tolerance_s));
    }
    if (o_.fcr_method != FcrMethod::flag && !has_customer_) {
      r.notes.push_back("the contacts have no customer id column: no FCR or repeat rate");
    }
    if (o_.fcr_method == FcrMethod::flag && !has_resolved_) {
      r.notes.push_back("the contacts have no resolved column: no FCR (--fcr-method flag)");
    }
    if (fcr_buffered_) {
      r.notes.push_back(
          fmt::format("the contacts are not in arrival order: repeat-contact "
                      "tracking held all {} contacts with a customer id in memory "
                      "(sort the file by arrival to stream it)",
                      fcr_peak_held_));
    }
    std::uint64_t censored = 0;
    for (const auto& g : groups_) censored += g.contacts.fcr_censored;
    if (censored > 0) {
      r.notes.push_back(
          fmt::format("{} contacts arrived within {} of the last arrival in the "
                      "data: a repeat after the data ends cannot be seen, so their "
                      "FCR may be too high (fcr_censored)",
                      censored, window));
    }
    if (src_.states && by_queue_) {
      r.notes.push_back(
          "agent states have no queue: occupancy, utilization, shrinkage, adherence "
          "and cost are not reported when grouping by queue");
    }
    if (src_.forecast && by_agent_) {
      r.notes.push_back(
          "the forecast has no agents: forecast accuracy is not reported when "
          "grouping by agent");
    }
    if (src_.forecast && !has_queue_ &&
        !(src_.forecast->queues.size() == 1 && src_.forecast->queues[0].queue.empty())) {
      r.notes.push_back(
          "the forecast names queues but the contacts have no queue column: every "
          "actual is 0");
    }
  }

  const ContactMapping& m_;
  const KpiOptions& o_;
  const KpiSources& src_;
  std::optional<Dimension> time_dim_;
  bool by_queue_;
  bool by_agent_;
  bool has_customer_ = false;
  bool has_resolved_ = false;
  bool has_queue_ = false;
  bool has_hold_ = false;
  bool has_acw_ = false;
  bool can_transfer_ = true;
  Interner queues_;
  Interner agents_;
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> index_;
  std::vector<Group> groups_;
  std::size_t last_group_ = std::numeric_limits<std::size_t>::max();
  std::unordered_map<ActualKey, std::uint64_t, ActualKeyHash> actuals_;
  TimeMs cached_period_ = 0;
  TimeMs cached_next_ = std::numeric_limits<TimeMs>::min();
  TimeMs last_arrival_ = std::numeric_limits<TimeMs>::min();
  ReadStats stats_;
  bool fcr_buffered_ = false;
  std::size_t fcr_peak_held_ = 0;
};

}  // namespace

std::size_t KpiReport::column(std::string_view name) const {
  const auto it = std::find(value_columns.begin(), value_columns.end(), name);
  WFM_ENSURE(it != value_columns.end(), "no value column '{}' in the KPI report", name);
  return static_cast<std::size_t>(it - value_columns.begin());
}

std::string describe_bad_rows(const ReadStats& st, const std::string& file, std::size_t max_lines) {
  std::string why;
  for (const auto& [reason, n] : st.bad_by_reason) {
    why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", reason, n);
  }
  std::string out = fmt::format("{} bad row{} ({})", st.bad_rows, st.bad_rows == 1 ? "" : "s", why);
  for (std::size_t i = 0; i < st.bad.size() && i < max_lines; ++i) {
    out += "\n  " + st.bad[i].describe(file);
  }
  if (st.bad_rows > max_lines) {
    std::string lines;
    const std::size_t list = std::min<std::size_t>(st.bad.size(), 200);
    for (std::size_t i = max_lines; i < list; ++i) {
      lines += fmt::format("{}{}", lines.empty() ? "" : ", ", st.bad[i].line);
    }
    out += fmt::format("\n  ... {} more, on lines {}{}", st.bad_rows - max_lines, lines,
                       st.bad_rows > list ? ", ..." : "");
  }
  return out;
}

KpiReport build_kpi_report(std::istream& in, const std::string& name, const ContactMapping& mapping,
                           const KpiOptions& options, const KpiSources& sources) {
  options.validate();
  if (sources.forecast && options.time_dimension() == Dimension::interval) {
    WFM_REQUIRE(options.interval_s % sources.forecast->interval_s == 0, core::at_flag("--forecast"),
                "the forecast's {} s intervals do not fit the report's {} s intervals (--interval "
                "must be a multiple of the forecast's)",
                sources.forecast->interval_s, options.interval_s);
  }
  const auto start = in.tellg();
  auto run = [&](RepeatTracker::Mode mode) {
    auto builder = std::make_unique<Builder>(mapping, options, sources);
    builder->read_contacts(in, name, mode);
    return builder;
  };
  std::unique_ptr<Builder> builder;
  try {
    builder = run(RepeatTracker::Mode::streaming);
  } catch (const RepeatTracker::OutOfOrder&) {
    in.clear();
    in.seekg(start);
    WFM_REQUIRE(in.good(), (Location{name, 0, {}}),
                "the contacts are not in arrival order and the input cannot be read twice (sort "
                "it by arrival time)");
    builder = run(RepeatTracker::Mode::buffered);
  }
  builder->add_states();
  builder->add_schedule();
  builder->add_forecast();
  KpiReport report = builder->report(name);
  // Bad rows stop the report unless they are to be skipped; checked after the whole file so that
  // every bad row is counted and listed.
  if (report.read.bad_rows > 0 && !options.skip_bad_rows) {
    throw InputError(Location{name, 0, {}},
                     describe_bad_rows(report.read, name) +
                         "\nnothing was written; fix the rows, adjust the mapping, or give "
                         "--skip-bad-rows to report without them");
  }
  return report;
}

}  // namespace wfm::kpi
