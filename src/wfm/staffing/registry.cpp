#include "wfm/staffing/registry.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "wfm/staffing/blend.hpp"
#include "wfm/staffing/chat.hpp"
#include "wfm/staffing/erlang_x.hpp"

namespace wfm::staffing {

std::vector<std::string> engine_names() {
  return {"erlang-b", "erlang-c", "erlang-a", "erlang-x", "chat", "blend"};
}

std::vector<double> chat_profile(const EngineSpec& spec) {
  const auto& list = spec.aht_by_concurrency_s;
  WFM_REQUIRE(spec.concurrency || !list.empty(), core::at_flag("--concurrency"),
              "chat needs --concurrency (chats per agent) or --aht-by-concurrency");
  const int k = spec.concurrency.value_or(static_cast<int>(list.size()));
  WFM_REQUIRE(k >= 1 && k <= 20, core::at_flag("--concurrency"),
              "expected a whole number of chats from 1 to 20, got {}", k);
  WFM_REQUIRE(list.empty() || static_cast<int>(list.size()) == k,
              core::at_flag("--aht-by-concurrency"),
              "expected {} handle times (one per concurrency 1..{}), got {}", k, k, list.size());
  return list.empty() ? std::vector<double>(static_cast<std::size_t>(k), 1.0) : list;
}

std::unique_ptr<StaffingEngine> make_engine(const EngineSpec& spec,
                                            const core::Location& model_where,
                                            const core::Location& patience_where) {
  const std::string model =
      spec.model.empty() ? (spec.patience_s ? "erlang-a" : "erlang-c") : spec.model;
  if (spec.patience_s) {
    WFM_REQUIRE(*spec.patience_s > 0, patience_where, "expected a mean patience > 0, got {}",
                *spec.patience_s);
  }
  const bool x_options = spec.lines || spec.redial_prob || spec.redial_delay_s || spec.forecast_cv;
  const bool chat_options = spec.concurrency || !spec.aht_by_concurrency_s.empty();
  if (model != "erlang-x" && x_options) {
    const char* flag = spec.lines            ? "--lines"
                       : spec.redial_prob    ? "--redial-prob"
                       : spec.redial_delay_s ? "--redial-delay"
                                             : "--forecast-cv";
    throw core::InputError(core::at_flag(flag),
                           fmt::format("only erlang-x models lines, redials and forecast variance; "
                                       "add --model erlang-x (got \"{}\")",
                                       model));
  }
  if (model != "chat" && chat_options) {
    throw core::InputError(
        core::at_flag(spec.concurrency ? "--concurrency" : "--aht-by-concurrency"),
        fmt::format("only chat has concurrent chats; add --model chat (got \"{}\")", model));
  }
  if (model != "blend" && (spec.outbound_threshold || spec.outbound_aht_s)) {
    throw core::InputError(
        core::at_flag(spec.outbound_threshold ? "--outbound-threshold" : "--outbound-aht"),
        fmt::format("only blend has outbound work; add --model blend (got \"{}\")", model));
  }
  if (model == "blend") {
    WFM_REQUIRE(spec.outbound_threshold.has_value(), core::at_flag("--outbound-threshold"),
                "blend needs the idle agents kept for inbound calls, e.g. 2 (0: agents take "
                "outbound work whenever no call waits)");
    WFM_REQUIRE(!spec.outbound_aht_s || *spec.outbound_aht_s > 0, core::at_flag("--outbound-aht"),
                "expected a duration > 0, got {}", spec.outbound_aht_s.value_or(0));
    BlendParams p;
    p.threshold = *spec.outbound_threshold;
    p.outbound_aht_s = spec.outbound_aht_s.value_or(0.0);
    p.patience_s = spec.patience_s.value_or(std::numeric_limits<double>::infinity());
    return std::make_unique<BlendEngine>(p);
  }
  if (model == "erlang-x") {
    ErlangXParams p;
    p.lines = spec.lines.value_or(std::numeric_limits<double>::infinity());
    p.patience_s = spec.patience_s.value_or(std::numeric_limits<double>::infinity());
    p.redial_prob = spec.redial_prob.value_or(0.0);
    p.redial_delay_s = spec.redial_delay_s.value_or(0.0);
    p.forecast_cv = spec.forecast_cv.value_or(0.0);
    WFM_REQUIRE(p.redial_prob == 0 || spec.redial_delay_s, core::at_flag("--redial-delay"),
                "redials need the mean delay before a redial, e.g. 5m");
    return std::make_unique<ErlangXEngine>(p);
  }
  if (model == "chat") {
    WFM_REQUIRE(spec.patience_s.has_value(), patience_where,
                "chat needs the mean patience of a waiting chat, e.g. 5m");
    ChatParams p;
    p.handle_s = chat_profile(spec);
    p.patience_s = *spec.patience_s;
    return std::make_unique<ChatEngine>(p);
  }
  if (model == "erlang-b") {
    WFM_REQUIRE(!spec.patience_s, patience_where,
                "erlang-b has no queue and no abandonment; use erlang-a with a patience");
    return std::make_unique<ErlangBEngine>();
  }
  if (model == "erlang-c") {
    WFM_REQUIRE(!spec.patience_s, patience_where,
                "erlang-c has no abandonment; use erlang-a with a patience");
    return std::make_unique<ErlangCEngine>();
  }
  if (model == "erlang-a") {
    WFM_REQUIRE(spec.patience_s.has_value(), patience_where,
                "erlang-a needs the callers' mean patience, e.g. 120s");
    return std::make_unique<ErlangAEngine>(*spec.patience_s);
  }
  const auto names = engine_names();
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i)
    list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  throw core::InputError(model_where, fmt::format("expected {}, got \"{}\"", list, model));
}

}  // namespace wfm::staffing
