// Per-group sums and the KPI values computed from them.
//
// Every KPI is a ratio of sums, so groups add up exactly: a report streams contacts into the
// ContactTotals of their group (interval, day, queue, agent...), agent-state seconds into
// StateTotals and forecast rows into ForecastTotals, and compute_kpis turns the sums into values
// by the definitions of docs/kpi.md. A value with no data (CSAT without surveys, ASA without an
// answered contact, occupancy without agent states) is nullopt (an empty cell, JSON null), never
// NaN; its count column says how many data points there were.
// Tested in tests/unit/kpi/totals_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "wfm/kpi/agent_states.hpp"
#include "wfm/kpi/contact.hpp"
#include "wfm/kpi/options.hpp"

namespace wfm::kpi {

struct ContactTotals {
  std::uint64_t offered = 0;
  std::uint64_t handled = 0;  // answered, including transferred
  std::uint64_t abandoned = 0;
  std::uint64_t blocked = 0;
  std::uint64_t transferred = 0;
  std::uint64_t short_abandoned = 0;     // within KpiOptions::short_abandon_s
  std::uint64_t sl_short_abandoned = 0;  // within KpiOptions::sl_short_abandon_s()
  std::uint64_t answered_within_t = 0;   // handled with wait <= sl_threshold_s
  std::uint64_t abandoned_within_t = 0;  // abandoned with wait <= sl_threshold_s
  double answered_wait_s = 0;
  double abandoned_wait_s = 0;
  double talk_s = 0;
  double hold_s = 0;
  double acw_s = 0;
  std::uint64_t fcr_contacts = 0;  // contacts FCR is measured on
  std::uint64_t fcr_resolved = 0;
  std::uint64_t fcr_repeated = 0;  // followed by a repeat within the window
  std::uint64_t fcr_censored = 0;  // window reaching past the end of the data
  std::uint64_t csat_responses = 0;
  std::uint64_t csat_top2 = 0;
  std::uint64_t nps_responses = 0;
  std::uint64_t nps_promoters = 0;   // 9-10
  std::uint64_t nps_detractors = 0;  // 0-6
  std::uint64_t ces_responses = 0;
  double ces_sum = 0;

  // Adds a contact (everything but FCR, which needs the repeat tracker: add_fcr).
  void add(const Contact& c, const KpiOptions& options, int csat_scale);
  void add_fcr(bool repeated, bool resolved, bool censored);
};

struct StateTotals {
  std::array<double, agent_state_count> state_s{};  // seconds per AgentState
  double scheduled_s = 0;                           // scheduled time, activity other than offline
  double adherent_s = 0;                            // ... in the scheduled activity
  double productive_scheduled_s = 0;                // ... in a productive state

  double logged_in_s() const;  // every state but offline
};

struct ForecastTotals {
  double forecast = 0;
  double actual = 0;
  double abs_error = 0;
  std::uint64_t rows = 0;  // forecast rows (queue x interval) compared
};

// The value columns of a KPI report, in order.
enum class Kpi : std::size_t {
  offered,
  handled,
  abandoned,
  short_abandoned,
  blocked,
  transferred,
  abandon_rate,
  service_level,
  answered_within_threshold,
  asa_s,
  avg_abandon_wait_s,
  aht_s,
  talk_s,
  hold_s,
  acw_s,
  transfer_rate,
  fcr_contacts,
  fcr_rate,
  repeat_rate,
  fcr_censored,
  csat_responses,
  csat,
  nps_responses,
  nps,
  ces_responses,
  ces,
  logged_in_hours,
  occupancy,
  utilization,
  shrinkage,
  scheduled_hours,
  adherence,
  contacts_per_agent_hour,
  cost_per_contact,
  forecast,
  wape,
  forecast_bias
};
inline constexpr std::size_t kpi_count = 37;

std::string_view kpi_name(Kpi k);
// Counts (shown without decimals), as opposed to rates, seconds and scores.
bool kpi_is_count(Kpi k);

using KpiValues = std::array<std::optional<double>, kpi_count>;

// The KPI values of one group. `states` is null when there are no agent states for the group (no
// states file, or a grouping by queue), `has_schedule` says whether a schedule was given, and
// `forecast` is null without a forecast.
KpiValues compute_kpis(const ContactTotals& contacts, const StateTotals* states, bool has_schedule,
                       const ForecastTotals* forecast, const KpiOptions& options);

}  // namespace wfm::kpi
