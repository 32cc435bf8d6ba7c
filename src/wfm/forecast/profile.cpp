#include "wfm/forecast/profile.hpp"

#include <cmath>

#include "wfm/core/error.hpp"
#include "wfm/forecast/validate.hpp"

namespace wfm::forecast {

namespace {

class ProfileModel final : public FittedModel {
 public:
  explicit ProfileModel(ModelState state) : state_(std::move(state)) {
    profile_ = &state_array(state_, "profile", 7);
  }
  Eigen::MatrixXd predict(std::span<const Date> dates) const override {
    Eigen::MatrixXd out(static_cast<Eigen::Index>(dates.size()), profile_->cols());
    for (std::size_t i = 0; i < dates.size(); ++i) {
      out.row(static_cast<Eigen::Index>(i)) = profile_->row(weekday_index(dates[i]));
    }
    return out;
  }
  const ModelState& state() const override { return state_; }

 private:
  ModelState state_;
  const Eigen::MatrixXd* profile_ = nullptr;
};

}  // namespace

std::unique_ptr<FittedModel> make_profile_model(ModelState state) {
  return std::make_unique<ProfileModel>(std::move(state));
}

ModelState state_for(const DayGrid& history, std::string method) {
  ModelState s;
  s.method = std::move(method);
  s.last_date = history.dates.empty() ? Date{} : history.dates.back();
  s.slots = history.slots;
  s.interval_s = history.interval_s;
  return s;
}

Eigen::MatrixXd weekday_mean(const DayGrid& history, int weeks, double decay) {
  const Eigen::Index w = history.width();
  Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(7, w);
  Eigen::MatrixXd weight = Eigen::MatrixXd::Zero(7, w);
  std::array<int, 7> seen{};
  for (Eigen::Index i = history.days() - 1; i >= 0; --i) {
    const int wd = weekday_index(history.dates[static_cast<std::size_t>(i)]);
    int& k = seen[static_cast<std::size_t>(wd)];
    if (k >= weeks) continue;
    const double wt = std::pow(decay, k);
    ++k;
    for (Eigen::Index c = 0; c < w; ++c) {
      const double y = history.calls(i, c);
      if (std::isnan(y)) continue;
      sum(wd, c) += wt * y;
      weight(wd, c) += wt;
    }
  }
  Eigen::MatrixXd out(7, w);
  for (Eigen::Index c = 0; c < w; ++c) {
    const double all_w = weight.col(c).sum();
    const double fallback = all_w > 0 ? sum.col(c).sum() / all_w : 0.0;
    for (int wd = 0; wd < 7; ++wd) {
      out(wd, c) = weight(wd, c) > 0 ? sum(wd, c) / weight(wd, c) : fallback;
    }
  }
  return out;
}

}  // namespace wfm::forecast
