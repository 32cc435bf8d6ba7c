#include "wfm/forecast/registry.hpp"

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
  return {"snaive", "snaive-day", "weekday-avg", "top-down", "regression", "hw", "snaive-year"};
}

std::vector<std::string> auto_method_names(const DayGrid& history) {
  auto names = method_names();
  const bool year = history.days() > 0 &&
                    (history.dates.back() - history.dates.front()).count() >= kSeasonalYearDays;
  if (!year) std::erase(names, "snaive-year");
  return names;
}

std::unique_ptr<Forecaster> make_forecaster(std::string_view name) {
  if (name == "snaive") return std::make_unique<SeasonalNaive>(SeasonalNaive::Period::week);
  if (name == "snaive-day") return std::make_unique<SeasonalNaive>(SeasonalNaive::Period::day);
  if (name == "snaive-year") return std::make_unique<SeasonalNaive>(SeasonalNaive::Period::year);
  if (name == "weekday-avg") return std::make_unique<WeekdayAverage>();
  if (name == "top-down") return std::make_unique<TopDown>();
  if (name == "regression") return std::make_unique<Regression>();
  // Estimated on week-ahead errors: planning horizons are days to weeks, and one-step (5-min
  // ahead) estimation makes the level chase the last minutes of history (docs/forecast.md).
  if (name == "hw") return std::make_unique<HoltWinters>(HoltWinters::Criterion::week_ahead);
  throw core::InputError(core::at_flag("--method"),
                         fmt::format("unknown forecasting method '{}': expected auto or one of {}",
                                     name, fmt::join(method_names(), ", ")));
}

}  // namespace wfm::forecast
