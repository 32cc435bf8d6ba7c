// The engine registry: names, the patience rules, and messages naming the flag or key.
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/staffing/registry.hpp"

using namespace wfm;

namespace {
staffing::EngineSpec spec(std::string model, std::optional<double> patience = std::nullopt) {
  staffing::EngineSpec s;
  s.model = std::move(model);
  s.patience_s = patience;
  return s;
}
}  // namespace

TEST_CASE("the registry makes every engine it names", "[staffing][registry]") {
  for (const auto& name : staffing::engine_names()) {
    staffing::EngineSpec s = spec(name);
    if (name == "erlang-a" || name == "erlang-x" || name == "chat") s.patience_s = 120;
    if (name == "chat") s.concurrency = 2;
    if (name == "blend") s.outbound_threshold = 1;
    CHECK(staffing::make_engine(s)->name() == name);
  }
  CHECK(staffing::make_engine(spec(""))->name() == "erlang-c");
  CHECK(staffing::make_engine(spec("", 90.0))->name() == "erlang-a");
  const auto a = staffing::make_engine(spec("erlang-a", 90.0));
  CHECK(dynamic_cast<const staffing::ErlangAEngine&>(*a).patience_s() == 90);
}

TEST_CASE("the registry rejects unknown names and misplaced patience", "[staffing][registry]") {
  const auto model = core::at_flag("--model");
  const auto patience = core::at_flag("--patience");
  CHECK_THROWS_WITH(staffing::make_engine(spec("erlang-z", std::nullopt), model, patience),
                    "--model: expected erlang-b, erlang-c, erlang-a, erlang-x, chat or blend, got "
                    "\"erlang-z\"");
  CHECK_THROWS_WITH(staffing::make_engine(spec("erlang-c", 60.0), model, patience),
                    Catch::StartsWith("--patience: erlang-c has no abandonment"));
  CHECK_THROWS_WITH(staffing::make_engine(spec("erlang-a", std::nullopt), model, patience),
                    Catch::StartsWith("--patience: erlang-a needs"));
  CHECK_THROWS_WITH(staffing::make_engine(spec("", 0.0), model, patience),
                    Catch::StartsWith("--patience: expected a mean patience > 0"));
}
