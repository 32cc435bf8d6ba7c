// The staffing engines by name, as `wfm erlang --model`, `wfm staff --model` and scenario files
// spell them: the one place an engine is chosen from a name and its parameters (as
// forecast::make_forecaster is for forecasting models). The simulation staffing engine is not
// made here: it is built over the snapshots of a running day (sim/simulation_staffing.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/staffing/engine.hpp"

namespace wfm::staffing {

struct EngineSpec {
  // erlang-b, erlang-c, erlang-a, erlang-x, chat or blend; empty: erlang-a when a patience is
  // given, else erlang-c.
  std::string model;
  std::optional<double> patience_s;  // mean patience (exponential); erlang-a, erlang-x, chat; > 0
  // erlang-x only (erlang_x.hpp): lines N (none: no blocking), redial probability and mean delay,
  // coefficient of variation of the forecast arrival rate.
  std::optional<double> lines;
  std::optional<double> redial_prob;
  std::optional<double> redial_delay_s;
  std::optional<double> forecast_cv;
  // chat only (chat.hpp): the most chats per agent, and the handle time at 1..k chats (seconds;
  // none: the same handle time at every concurrency). Either may be left out when the other
  // gives k.
  std::optional<int> concurrency;
  std::vector<double> aht_by_concurrency_s;
  // blend only (blend.hpp): idle agents kept for inbound before an agent starts outbound work
  // (required), and the mean outbound handle time (none: the inbound AHT of each interval).
  std::optional<int> outbound_threshold;
  std::optional<double> outbound_aht_s;
};

// A chat spec's handle times at 1..k chats: aht_by_concurrency_s, or k equal times (1 s: only
// their ratios matter) when only the concurrency is given. Throws core::InputError at
// --concurrency / --aht-by-concurrency when neither is given, k is outside 1..20 or they disagree.
std::vector<double> chat_profile(const EngineSpec& spec);

// Every engine name, in the order messages list them.
std::vector<std::string> engine_names();

// The engine `spec` names. Throws core::InputError at `model_where` for an unknown name and at
// `patience_where` for a patience the model cannot use (erlang-c, erlang-b) or lacks (erlang-a,
// chat). Options of erlang-x, chat and blend given to another model, or out of range, are errors
// named by their command-line flag (--lines, --redial-prob, --redial-delay, --forecast-cv,
// --concurrency, --aht-by-concurrency, --outbound-threshold, --outbound-aht).
std::unique_ptr<StaffingEngine> make_engine(const EngineSpec& spec,
                                            const core::Location& model_where = {},
                                            const core::Location& patience_where = {});

}  // namespace wfm::staffing
