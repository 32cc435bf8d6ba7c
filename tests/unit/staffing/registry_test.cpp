// The engine registry: names, the patience rules, and messages naming the flag or key.
#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"
#include "wfm/staffing/registry.hpp"

using namespace wfm;

TEST_CASE("the registry makes every engine it names", "[staffing][registry]") {
  for (const auto& name : staffing::engine_names()) {
    const std::optional<double> patience =
        name == "erlang-a" ? std::optional<double>(120) : std::nullopt;
    CHECK(staffing::make_engine({name, patience})->name() == name);
  }
  CHECK(staffing::make_engine({})->name() == "erlang-c");
  CHECK(staffing::make_engine({"", 90.0})->name() == "erlang-a");
  const auto a = staffing::make_engine({"erlang-a", 90.0});
  CHECK(dynamic_cast<const staffing::ErlangAEngine&>(*a).patience_s() == 90);
}

TEST_CASE("the registry rejects unknown names and misplaced patience", "[staffing][registry]") {
  const auto model = core::at_flag("--model");
  const auto patience = core::at_flag("--patience");
  CHECK_THROWS_WITH(staffing::make_engine({"erlang-x", std::nullopt}, model, patience),
                    "--model: expected erlang-b, erlang-c or erlang-a, got \"erlang-x\"");
  CHECK_THROWS_WITH(staffing::make_engine({"erlang-c", 60.0}, model, patience),
                    Catch::StartsWith("--patience: erlang-c has no abandonment"));
  CHECK_THROWS_WITH(staffing::make_engine({"erlang-a", std::nullopt}, model, patience),
                    Catch::StartsWith("--patience: erlang-a needs"));
  CHECK_THROWS_WITH(staffing::make_engine({"", 0.0}, model, patience),
                    Catch::StartsWith("--patience: expected a mean patience > 0"));
}
