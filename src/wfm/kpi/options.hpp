// Every choice a KPI definition leaves open, as one plain struct with the documented defaults.
//
// Contact centers define the same KPI differently (80% in 20 s or 90% in 10 s, FCR within 24 h or
// 7 days, AHT with or without hold...). wfm makes each choice an option, states the choices used
// with every report (describe_parameters), and defines each KPI once in docs/kpi.md. The service
// level definitions are staffing::SlDefinition, with the names wfm staff uses.
// Tested in tests/unit/kpi/totals_test.cpp and report_test.cpp.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wfm/kpi/agent_states.hpp"
#include "wfm/kpi/period.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::kpi {

enum class ShortAbandonPolicy {
  exclude,  // short abandons leave the abandonment rate (numerator and denominator)
  count,    // short abandons count as abandons
};
enum class FcrScope {
  any,    // a repeat in any queue counts
  queue,  // only a repeat in the same queue counts
};
enum class FcrMethod {
  repeat,  // resolved = no repeat contact within the window
  flag,    // resolved = the export's resolved flag (contacts without one are not counted)
  both,    // no repeat within the window and the flag, when present, is not "no"
};

std::string_view to_string(ShortAbandonPolicy p);
std::string_view to_string(FcrScope s);
std::string_view to_string(FcrMethod m);
std::optional<ShortAbandonPolicy> parse_short_abandon_policy(std::string_view text);
std::optional<FcrScope> parse_fcr_scope(std::string_view text);
std::optional<FcrMethod> parse_fcr_method(std::string_view text);

struct AhtParts {
  bool talk = true;
  bool hold = true;
  bool acw = true;
};

struct KpiOptions {
  std::vector<Dimension> by;  // group by (at most one time dimension); empty: one total row
  int interval_s = 900;       // the interval length for Dimension::interval
  double sl_threshold_s = 20;
  staffing::SlDefinition sl_definition = staffing::SlDefinition::kOffered;
  // Abandons waiting at most this long are short abandons; none when absent. For the service
  // level definition offered-less-short-abandons the threshold defaults to sl_threshold_s.
  std::optional<double> short_abandon_s;
  ShortAbandonPolicy short_abandon_policy = ShortAbandonPolicy::exclude;
  AhtParts aht;
  double fcr_window_s = 86400;
  FcrScope fcr_scope = FcrScope::any;
  FcrMethod fcr_method = FcrMethod::both;
  // States left out of the utilization denominator (e.g. training, meeting).
  std::array<bool, agent_state_count> utilization_excludes{};
  std::optional<double> cost_per_hour;  // cost of one paid agent-hour
  bool compare_previous = false;
  bool skip_bad_rows = false;
  // Count only the first contact row of each contact id (docs/kpi.md, "Duplicate contacts").
  bool drop_duplicates = false;
  // How far out of arrival order contact rows may be before repeat tracking needs a second,
  // buffered pass (RepeatTracker).
  double reorder_slack_s = 4 * 3600.0;

  // The time dimension of `by`, if any.
  std::optional<Dimension> time_dimension() const;
  bool has(Dimension d) const;
  // The short-abandon threshold the service level subtracts (offered-less-short-abandons).
  double sl_short_abandon_s() const { return short_abandon_s.value_or(sl_threshold_s); }
  // Throws core::InputError naming the flag for an impossible combination.
  void validate() const;
};

}  // namespace wfm::kpi
