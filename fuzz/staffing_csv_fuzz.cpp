// libFuzzer target: io::read_staffing_csv (the staffing plans simulate and schedule read), and a
// look-up of every entry as simulate does.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/staffing_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    const auto plan = wfm::io::read_staffing_csv(stream, "fuzz.csv");
    for (const auto& [key, agents] : plan.entries()) {
      if (plan.agents_at(key.first, key.second, 1) != agents) __builtin_trap();
    }
  });
  return 0;
}
