// libFuzzer target: io::read_handle_samples (`wfm simulate --aht-samples`), then the invariant the
// simulation relies on when it rescales the samples to an interval's AHT: every sample is finite,
// > 0 and at most core::kMaxDurationS, so their mean is finite and > 0. A loaded file breaking it
// is a finding (abort), like an exception other than core::InputError or core::IoError. No
// options line: the file has one fixed column name and the default delimiter.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/handle_samples.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    const auto samples = wfm::io::read_handle_samples(stream, "fuzz.csv");
    if (samples.empty()) std::abort();
    double sum = 0;
    for (const double s : samples) {
      if (!(s > 0 && s <= wfm::core::kMaxDurationS)) std::abort();
      sum += s;
    }
    const double mean = sum / static_cast<double>(samples.size());
    if (!(std::isfinite(mean) && mean > 0)) std::abort();
  });
  return 0;
}
