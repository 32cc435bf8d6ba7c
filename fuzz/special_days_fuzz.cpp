// libFuzzer target: forecast::load_special_days (the special-days CSV of `wfm forecast
// --special-days` and a scenario's [forecast] special_days), then the days applied to a forecast
// as `wfm forecast --load-model` does: a week from the first listed day, forecast from a fixed
// saved model (fuzz/seeds/model_file/weekday-avg.json; Monday-Saturday, 09:00-13:00), closed days
// left out and multipliers applied, and the table written back as CSV.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "wfm/forecast/model_file.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/forecast/special_days.hpp"
#include "wfm/io/forecast_csv.hpp"

namespace {
const std::vector<wfm::forecast::QueueModel>& model() {
  static const auto models = [] {
    std::ifstream in(WFM_FUZZ_MODEL_FILE);
    return wfm::forecast::load_models(in, WFM_FUZZ_MODEL_FILE);
  }();
  return models;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream(text);
    wfm::forecast::ForecastOptions options;
    options.special = wfm::forecast::load_special_days(stream, "fuzz.csv");
    options.horizon_days = 7;
    if (!options.special.days.empty()) options.start = options.special.days.front().date;
    const auto table = wfm::forecast::forecast_from_models(model(), options);
    std::ostringstream out;
    wfm::io::write_forecast_table(out, table, ',');
  });
  return 0;
}
