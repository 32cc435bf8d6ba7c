#include "wfm/forecast/registry.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "wfm/core/error.hpp"
#include "wfm/forecast/holt_winters.hpp"
#include "wfm/forecast/naive.hpp"
#include "wfm/forecast/regression.hpp"
#include "wfm/forecast/top_down.hpp"
#include "wfm/forecast/weekday_average.hpp"

namespace wfm::forecast {

std::vector<std::string> method_names() {
  return {"snaive", "snaive-day", "weekday-avg", "top-down", "regression", "hw"};
}

std::unique_ptr<Forecaster> make_forecaster(std::string_view name) {
  if (name == "snaive") return std::make_unique<SeasonalNaive>(SeasonalNaive::Period::week);
  if (name == "snaive-day") return std::make_unique<SeasonalNaive>(SeasonalNaive::Period::day);
  if (name == "weekday-avg") return std::make_unique<WeekdayAverage>();
  if (name == "top-down") return std::make_unique<TopDown>();
  if (name == "regression") return std::make_unique<Regression>();
  if (name == "hw") return std::make_unique<HoltWinters>();
  if (name.starts_with("top-down:")) {  // EXPERIMENT
    int k = 0;
    std::sscanf(std::string(name).c_str(), "top-down:%d", &k);
    return std::make_unique<TopDown>(k);
  }
  if (name.starts_with("weekday-avg:")) {  // EXPERIMENT
    int k = 0; double d = 1;
    std::sscanf(std::string(name).c_str(), "weekday-avg:%d:%lf", &k, &d);
    return std::make_unique<WeekdayAverage>(k, d);
  }
  throw core::InputError(core::at_flag("--method"),
                         fmt::format("unknown forecasting method '{}': expected auto or one of {}",
                                     name, fmt::join(method_names(), ", ")));
}

}  // namespace wfm::forecast
