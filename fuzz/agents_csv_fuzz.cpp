// libFuzzer target: schedule::read_agents_csv (the agents file of `wfm schedule --agents`), then
// schedule::validate_agents, which checks the contracts against shift rules, as `wfm schedule`
// does before rostering. Input: optional shift rules (TOML) and a line "%%", then the agents CSV;
// without "%%" the rules are data/sample/shifts.toml.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/schedule/agents_csv.hpp"
#include "wfm/schedule/roster.hpp"
#include "wfm/schedule/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto sample_rules = wfm::schedule::load_shift_rules(WFM_FUZZ_SAMPLE_RULES);
  const auto parts =
      wfm::fuzz::split_at_separator(std::string_view(reinterpret_cast<const char*>(data), size));
  wfm::fuzz::expect_input_errors([&] {
    const auto rules =
        parts.first ? wfm::schedule::parse_shift_rules(*parts.first, "fuzz.toml") : sample_rules;
    std::istringstream stream{std::string(parts.second)};
    const auto agents = wfm::schedule::read_agents_csv(stream, "fuzz.csv");
    wfm::schedule::validate_agents(rules, agents, "fuzz.csv");
  });
  return 0;
}
