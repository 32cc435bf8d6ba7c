#include "wfm/staffing/registry.hpp"

#include <fmt/format.h>

namespace wfm::staffing {

std::vector<std::string> engine_names() { return {"erlang-b", "erlang-c", "erlang-a"}; }

std::unique_ptr<StaffingEngine> make_engine(const EngineSpec& spec,
                                            const core::Location& model_where,
                                            const core::Location& patience_where) {
  const std::string model =
      spec.model.empty() ? (spec.patience_s ? "erlang-a" : "erlang-c") : spec.model;
  if (spec.patience_s) {
    WFM_REQUIRE(*spec.patience_s > 0, patience_where, "expected a mean patience > 0, got {}",
                *spec.patience_s);
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
