#include "wfm/forecast/aht.hpp"

#include <array>
#include <cmath>

namespace wfm::forecast {

std::optional<AhtModel> fit_aht(const DayGrid& history, const AhtOptions& options) {
  const Eigen::Index w = history.width();
  Eigen::MatrixXd wsum = Eigen::MatrixXd::Zero(7, w), calls = Eigen::MatrixXd::Zero(7, w);
  std::array<int, 7> seen{};
  bool any = false;
  for (Eigen::Index i = history.days() - 1; i >= 0; --i) {
    const int wd = weekday_index(history.dates[static_cast<std::size_t>(i)]);
    if (seen[static_cast<std::size_t>(wd)]++ >= options.weeks) continue;
    for (Eigen::Index c = 0; c < w; ++c) {
      const double a = history.aht_s(i, c), n = history.calls(i, c);
      if (std::isnan(a) || std::isnan(n) || n <= 0) continue;
      wsum(wd, c) += n * a;
      calls(wd, c) += n;
      any = true;
    }
  }
  if (!any) return std::nullopt;
  const double overall = wsum.sum() / calls.sum();
  AhtModel m;
  m.profile.resize(7, w);
  for (Eigen::Index c = 0; c < w; ++c) {
    const double n = calls.col(c).sum();
    const double slot_mean =
        (wsum.col(c).sum() + options.prior_calls * overall) / (n + options.prior_calls);
    for (int wd = 0; wd < 7; ++wd) {
      m.profile(wd, c) =
          (wsum(wd, c) + options.prior_calls * slot_mean) / (calls(wd, c) + options.prior_calls);
    }
  }
  // Recent level.
  double actual = 0, implied = 0, n = 0;
  int days = 0;
  for (Eigen::Index i = history.days() - 1; i >= 0 && days < options.level_days; --i) {
    const int wd = weekday_index(history.dates[static_cast<std::size_t>(i)]);
    bool used = false;
    for (Eigen::Index c = 0; c < w; ++c) {
      const double a = history.aht_s(i, c), k = history.calls(i, c);
      if (std::isnan(a) || std::isnan(k) || k <= 0) continue;
      actual += k * a;
      implied += k * m.profile(wd, c);
      n += k;
      used = true;
    }
    if (used) ++days;
  }
  if (n > 0 && implied > 0) m.level_factor = actual / implied;
  m.profile *= m.level_factor;
  return m;
}

Eigen::MatrixXd predict_aht(const AhtModel& model, std::span<const Date> dates) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(dates.size()), model.profile.cols());
  for (std::size_t i = 0; i < dates.size(); ++i) {
    out.row(static_cast<Eigen::Index>(i)) = model.profile.row(weekday_index(dates[i]));
  }
  return out;
}

}  // namespace wfm::forecast
