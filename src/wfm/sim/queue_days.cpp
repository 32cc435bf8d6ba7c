#include "wfm/sim/queue_days.hpp"

#include <chrono>

namespace wfm::sim {

QueueDays build_queue_days(const core::IntervalTable& table, const AgentsFor& agents_for,
                           double default_aht_s) {
  QueueDays out;
  const auto len = std::chrono::seconds(table.interval_s);
  for (const auto& q : table.queues) {
    for (const auto& iv : q.intervals) {
      const auto day = std::chrono::floor<std::chrono::days>(iv.start);
      if (out.days.empty() || out.days.back().queue != q.queue ||
          std::chrono::floor<std::chrono::days>(out.days.back().start) != day) {
        QueueDay d;
        d.queue = q.queue;
        d.start = iv.start;
        d.interval_s = table.interval_s;
        out.days.push_back(std::move(d));
      }
      QueueDay& d = out.days.back();
      while (d.start + len * static_cast<long>(d.intervals.size()) < iv.start) {
        d.intervals.push_back(SimInterval{0, 0, 0});
      }
      out.position.emplace_back(out.days.size() - 1, d.intervals.size());
      d.intervals.push_back(
          SimInterval{iv.offered, iv.aht_s.value_or(default_aht_s), agents_for(q, iv)});
    }
  }
  return out;
}

}  // namespace wfm::sim
