// libFuzzer target: forecast::load_models (saved-model JSON files), then a two-day forecast from
// the loaded models, as `wfm forecast --load-model` does: a model that loads must forecast.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/forecast/model_file.hpp"
#include "wfm/forecast/pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream(text);
    const auto models = wfm::forecast::load_models(stream, "fuzz.json");
    wfm::forecast::ForecastOptions options;
    options.horizon_days = 2;
    (void)wfm::forecast::forecast_from_models(models, options);
  });
  return 0;
}
