#include "wfm/kpi/totals.hpp"

#include "wfm/core/error.hpp"

namespace wfm::kpi {
namespace {

constexpr std::array<std::string_view, kpi_count> kpi_names = {"offered",
                                                               "handled",
                                                               "abandoned",
                                                               "short_abandoned",
                                                               "blocked",
                                                               "transferred",
                                                               "abandon_rate",
                                                               "service_level",
                                                               "answered_within_threshold",
                                                               "asa_s",
                                                               "avg_abandon_wait_s",
                                                               "aht_s",
                                                               "talk_s",
                                                               "hold_s",
                                                               "acw_s",
                                                               "transfer_rate",
                                                               "fcr_contacts",
                                                               "fcr_rate",
                                                               "repeat_rate",
                                                               "fcr_censored",
                                                               "csat_responses",
                                                               "csat",
                                                               "nps_responses",
                                                               "nps",
                                                               "ces_responses",
                                                               "ces",
                                                               "logged_in_hours",
                                                               "occupancy",
                                                               "utilization",
                                                               "shrinkage",
                                                               "scheduled_hours",
                                                               "adherence",
                                                               "contacts_per_agent_hour",
                                                               "cost_per_contact",
                                                               "forecast",
                                                               "wape",
                                                               "forecast_bias"};

std::optional<double> ratio(double num, double den) {
  if (den <= 0) return std::nullopt;
  return num / den;
}

double as_double(std::uint64_t n) {
  return static_cast<double>(n);
}

}  // namespace

std::string_view kpi_name(Kpi k) {
  return kpi_names[static_cast<std::size_t>(k)];
}

bool kpi_is_count(Kpi k) {
  switch (k) {
    case Kpi::offered:
    case Kpi::handled:
    case Kpi::abandoned:
    case Kpi::short_abandoned:
    case Kpi::blocked:
    case Kpi::transferred:
    case Kpi::answered_within_threshold:
    case Kpi::fcr_contacts:
    case Kpi::fcr_censored:
    case Kpi::csat_responses:
    case Kpi::nps_responses:
    case Kpi::ces_responses:
      return true;
    default:
      return false;
  }
}

void ContactTotals::add(const Contact& c, const KpiOptions& o, int csat_scale) {
  ++offered;
  const double wait = c.wait_s();
  switch (c.outcome) {
    case Outcome::transferred:
      ++transferred;
      [[fallthrough]];
    case Outcome::answered:
      ++handled;
      answered_wait_s += wait;
      if (wait <= o.sl_threshold_s) ++answered_within_t;
      talk_s += c.talk_s;
      hold_s += c.hold_s;
      acw_s += c.acw_s;
      break;
    case Outcome::abandoned:
      ++abandoned;
      abandoned_wait_s += wait;
      if (wait <= o.sl_threshold_s) ++abandoned_within_t;
      if (o.short_abandon_s && wait <= *o.short_abandon_s) ++short_abandoned;
      if (wait <= o.sl_short_abandon_s()) ++sl_short_abandoned;
      break;
    case Outcome::blocked:
      ++blocked;
      break;
  }
  if (c.csat) {
    ++csat_responses;
    if (*c.csat >= csat_scale - 1) ++csat_top2;
  }
  if (c.nps) {
    ++nps_responses;
    if (*c.nps >= 9) ++nps_promoters;
    if (*c.nps <= 6) ++nps_detractors;
  }
  if (c.ces) {
    ++ces_responses;
    ces_sum += *c.ces;
  }
}

void ContactTotals::add_fcr(bool repeated, bool resolved, bool censored) {
  ++fcr_contacts;
  if (repeated) ++fcr_repeated;
  if (resolved) ++fcr_resolved;
  if (censored) ++fcr_censored;
}

double StateTotals::logged_in_s() const {
  double s = 0;
  for (std::size_t i = 0; i < agent_state_count; ++i) {
    if (static_cast<AgentState>(i) != AgentState::offline) s += state_s[i];
  }
  return s;
}

KpiValues compute_kpis(const ContactTotals& t, const StateTotals* states, bool has_schedule,
                       const ForecastTotals* forecast, const KpiOptions& o) {
  KpiValues v{};
  auto set = [&](Kpi k, std::optional<double> x) { v[static_cast<std::size_t>(k)] = x; };
  const double offered = as_double(t.offered), handled = as_double(t.handled);
  set(Kpi::offered, offered);
  set(Kpi::handled, handled);
  set(Kpi::abandoned, as_double(t.abandoned));
  set(Kpi::short_abandoned, as_double(t.short_abandoned));
  set(Kpi::blocked, as_double(t.blocked));
  set(Kpi::transferred, as_double(t.transferred));
  if (o.short_abandon_s && o.short_abandon_policy == ShortAbandonPolicy::exclude) {
    set(Kpi::abandon_rate, ratio(as_double(t.abandoned - t.short_abandoned),
                                 as_double(t.offered - t.short_abandoned)));
  } else {
    set(Kpi::abandon_rate, ratio(as_double(t.abandoned), offered));
  }
  const double within = as_double(t.answered_within_t);
  switch (o.sl_definition) {
    case staffing::SlDefinition::kOffered:
      set(Kpi::service_level, ratio(within, offered));
      break;
    case staffing::SlDefinition::kAnswered:
      set(Kpi::service_level, ratio(within, handled));
      break;
    case staffing::SlDefinition::kOfferedLessShortAbandons:
      set(Kpi::service_level, ratio(within, as_double(t.offered - t.sl_short_abandoned)));
      break;
    case staffing::SlDefinition::kAbandonsWithinTMet:
      set(Kpi::service_level, ratio(within + as_double(t.abandoned_within_t), offered));
      break;
  }
  set(Kpi::answered_within_threshold, within);
  set(Kpi::asa_s, ratio(t.answered_wait_s, handled));
  set(Kpi::avg_abandon_wait_s, ratio(t.abandoned_wait_s, as_double(t.abandoned)));
  const double work =
      (o.aht.talk ? t.talk_s : 0) + (o.aht.hold ? t.hold_s : 0) + (o.aht.acw ? t.acw_s : 0);
  set(Kpi::aht_s, ratio(work, handled));
  set(Kpi::talk_s, ratio(t.talk_s, handled));
  set(Kpi::hold_s, ratio(t.hold_s, handled));
  set(Kpi::acw_s, ratio(t.acw_s, handled));
  set(Kpi::transfer_rate, ratio(as_double(t.transferred), handled));
  set(Kpi::fcr_contacts, as_double(t.fcr_contacts));
  set(Kpi::fcr_rate, ratio(as_double(t.fcr_resolved), as_double(t.fcr_contacts)));
  if (o.fcr_method != FcrMethod::flag) {
    set(Kpi::repeat_rate, ratio(as_double(t.fcr_repeated), as_double(t.fcr_contacts)));
    set(Kpi::fcr_censored, as_double(t.fcr_censored));
  }
  set(Kpi::csat_responses, as_double(t.csat_responses));
  set(Kpi::csat, ratio(as_double(t.csat_top2), as_double(t.csat_responses)));
  set(Kpi::nps_responses, as_double(t.nps_responses));
  if (t.nps_responses > 0) {
    set(Kpi::nps, 100.0 * (as_double(t.nps_promoters) - as_double(t.nps_detractors)) /
                      as_double(t.nps_responses));
  }
  set(Kpi::ces_responses, as_double(t.ces_responses));
  set(Kpi::ces, ratio(t.ces_sum, as_double(t.ces_responses)));

  if (states) {
    const auto& s = states->state_s;
    auto sec = [&](AgentState st) { return s[static_cast<std::size_t>(st)]; };
    const double busy = sec(AgentState::on_contact) + sec(AgentState::acw);
    const double logged_in = states->logged_in_s();
    set(Kpi::logged_in_hours, logged_in / 3600.0);
    set(Kpi::occupancy, ratio(busy, busy + sec(AgentState::available)));
    double base = logged_in;
    for (std::size_t i = 0; i < agent_state_count; ++i) {
      if (o.utilization_excludes[i] && static_cast<AgentState>(i) != AgentState::offline) {
        base -= s[i];
      }
    }
    set(Kpi::utilization, ratio(busy, base));
    set(Kpi::contacts_per_agent_hour, ratio(handled, logged_in / 3600.0));
    double paid_s = logged_in;
    if (has_schedule) {
      set(Kpi::scheduled_hours, states->scheduled_s / 3600.0);
      set(Kpi::adherence, ratio(states->adherent_s, states->scheduled_s));
      const auto productive = ratio(states->productive_scheduled_s, states->scheduled_s);
      if (productive) set(Kpi::shrinkage, 1.0 - *productive);
      paid_s = states->scheduled_s;
    } else {
      set(Kpi::shrinkage,
          ratio(sec(AgentState::break_time) + sec(AgentState::training) + sec(AgentState::meeting),
                logged_in));
    }
    if (o.cost_per_hour)
      set(Kpi::cost_per_contact, ratio(*o.cost_per_hour * paid_s / 3600.0, handled));
  }
  if (forecast) {
    set(Kpi::forecast, forecast->forecast);
    set(Kpi::wape, ratio(forecast->abs_error, forecast->actual));
    set(Kpi::forecast_bias, ratio(forecast->forecast - forecast->actual, forecast->actual));
  }
  return v;
}

}  // namespace wfm::kpi
