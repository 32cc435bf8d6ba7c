#include "wfm/metrics/scale.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "wfm/io/resample.hpp"

namespace wfm::metrics {

std::optional<SeasonalLag> parse_seasonal_lag(std::string_view text) {
  if (text == "day") return SeasonalLag::previous_day;
  if (text == "week") return SeasonalLag::previous_week;
  return std::nullopt;
}

std::string_view to_string(SeasonalLag lag) {
  return lag == SeasonalLag::previous_day ? "day" : "week";
}

std::optional<NaiveScale> seasonal_naive_error(const core::QueueSeries& history, SeasonalLag lag) {
  const auto& iv = history.intervals;
  double sum = 0;
  std::size_t pairs = 0;
  if (lag == SeasonalLag::previous_day) {
    // Time of day (s) -> the latest value seen at it. Rows are in time order, so the latest is on
    // the most recent earlier day with that time of day.
    std::unordered_map<long long, double> last;
    for (const auto& r : iv) {
      const long long tod = (r.start - std::chrono::floor<std::chrono::days>(r.start)).count();
      const auto [it, inserted] = last.try_emplace(tod, r.offered);
      if (!inserted) {
        sum += std::abs(r.offered - it->second);
        ++pairs;
        it->second = r.offered;
      }
    }
  } else {
    const auto week = std::chrono::days{7};
    std::size_t j = 0;  // first row not before r.start - 7 days
    for (const auto& r : iv) {
      const core::LocalTime target = r.start - week;
      while (j < iv.size() && iv[j].start < target) ++j;
      if (j < iv.size() && iv[j].start == target) {
        sum += std::abs(r.offered - iv[j].offered);
        ++pairs;
      }
    }
  }
  if (pairs == 0) return std::nullopt;
  return NaiveScale{sum / static_cast<double>(pairs), pairs};
}

std::optional<double> seasonal_naive_scale(const core::QueueSeries& history, SeasonalLag lag) {
  const auto e = seasonal_naive_error(history, lag);
  if (!e) return std::nullopt;
  return e->scale;
}

std::optional<double> seasonal_naive_scale(const core::QueueSeries& history, int interval_s,
                                           SeasonalLag lag, int resolution_s) {
  if (resolution_s == interval_s) return seasonal_naive_scale(history, lag);
  return seasonal_naive_scale(io::rebin(history, interval_s, resolution_s), lag);
}

}  // namespace wfm::metrics
