// libFuzzer target: scenario::parse_scenario (TOML, with extends and validation). The input is the
// top file, named as if it were in the project's scenarios/ directory, so `extends = "base.toml"`
// loads the real base scenario.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/scenario/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wfm::fuzz::expect_input_errors(
      [&] { (void)wfm::scenario::parse_scenario(text, WFM_FUZZ_SCENARIO_DIR "/fuzz-input.toml"); });
  return 0;
}
