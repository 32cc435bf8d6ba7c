#include "wfm/io/interval_grid.hpp"

namespace wfm::io::detail {

std::string queue_label(const std::string& queue) {
  return queue.empty() ? std::string() : fmt::format(" of queue '{}'", queue);
}

std::string standard_lengths_text() {
  std::string out;
  for (int s : standard_interval_lengths_s) {
    if (!out.empty()) out += ", ";
    out += std::to_string(s);
  }
  return out;
}

long long seconds_of_day(core::LocalTime t) {
  return (t - std::chrono::floor<std::chrono::days>(t)).count();
}

}  // namespace wfm::io::detail
