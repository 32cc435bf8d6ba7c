#include "wfm/forecast/naive.hpp"

#include <cmath>

#include "wfm/forecast/profile.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

namespace {

// Predicts date d as row (d - first day of the stored year) mod 364 of state.arrays["year"],
// which holds the 364 days up to the last history day.
class YearModel final : public FittedModel {
 public:
  explicit YearModel(ModelState state) : state_(std::move(state)) {
    year_ = &state_array(state_, "year", kSeasonalYearDays);
  }
  Eigen::MatrixXd predict(std::span<const Date> dates) const override {
    const Date first = state_.last_date - std::chrono::days{kSeasonalYearDays - 1};
    Eigen::MatrixXd out(static_cast<Eigen::Index>(dates.size()), year_->cols());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      const long long offset = (dates[i] - first).count() % kSeasonalYearDays;
      const long long row = offset < 0 ? offset + kSeasonalYearDays : offset;
      out.row(static_cast<Eigen::Index>(i)) = year_->row(static_cast<Eigen::Index>(row));
    }
    return out;
  }
  const ModelState& state() const override { return state_; }

 private:
  ModelState state_;
  const Eigen::MatrixXd* year_ = nullptr;
};

}  // namespace

std::unique_ptr<FittedModel> SeasonalNaive::fit(const DayGrid& history) const {
  require_history(history, *this);
  ModelState s = state_for(history, name());
  if (period_ == Period::week) {
    s.arrays["profile"] = weekday_mean(history, 1);
  } else if (period_ == Period::year) {
    // The last 364 days; a cell not observed there is the snaive value of its weekday.
    const Eigen::MatrixXd last_week = weekday_mean(history, 1);
    const Date first = history.dates.back() - std::chrono::days{kSeasonalYearDays - 1};
    Eigen::MatrixXd year(kSeasonalYearDays, history.width());
    for (int r = 0; r < kSeasonalYearDays; ++r) {
      const Date d = first + std::chrono::days{r};
      year.row(r) = last_week.row(weekday_index(d));
      const Eigen::Index h = history.row_of(d);
      if (h < 0) continue;
      for (Eigen::Index c = 0; c < history.width(); ++c) {
        if (!std::isnan(history.calls(h, c))) year(r, c) = history.calls(h, c);
      }
    }
    s.arrays["year"] = std::move(year);
    return std::make_unique<YearModel>(std::move(s));
  } else {
    // The last observed day; a cell missing there takes the latest earlier value at its slot.
    Eigen::RowVectorXd last = Eigen::RowVectorXd::Zero(history.width());
    for (Eigen::Index c = 0; c < history.width(); ++c) {
      for (Eigen::Index i = history.days() - 1; i >= 0; --i) {
        if (!std::isnan(history.calls(i, c))) {
          last(c) = history.calls(i, c);
          break;
        }
      }
    }
    s.arrays["profile"] = last.replicate(7, 1);
  }
  return make_profile_model(std::move(s));
}

std::unique_ptr<FittedModel> SeasonalNaive::restore(ModelState state) const {
  if (period_ == Period::year) return std::make_unique<YearModel>(std::move(state));
  return make_profile_model(std::move(state));
}

}  // namespace wfm::forecast
