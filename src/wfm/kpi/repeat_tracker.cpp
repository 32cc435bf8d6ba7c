#include "wfm/kpi/repeat_tracker.hpp"

#include <algorithm>
#include <cmath>

#include "wfm/core/error.hpp"

namespace wfm::kpi {
namespace {

// std heap functions build a max-heap: order so that the earliest is on top.
bool later(TimeMs a_arrival, std::size_t a_seq, TimeMs b_arrival, std::size_t b_seq) {
  return a_arrival != b_arrival ? a_arrival > b_arrival : a_seq > b_seq;
}

}  // namespace

RepeatTracker::RepeatTracker(double window_s, Mode mode, Sink sink, double reorder_slack_s)
    : window_ms_(static_cast<TimeMs>(std::llround(window_s * 1000))),
      slack_ms_(static_cast<TimeMs>(std::llround(reorder_slack_s * 1000))),
      mode_(mode),
      sink_(std::move(sink)) {
  WFM_ENSURE(window_s >= 0 && reorder_slack_s >= 0, "negative repeat window or slack");
}

void RepeatTracker::add(std::string_view key, TimeMs arrival, std::size_t seq, Payload payload) {
  WFM_ENSURE(!key.empty(), "RepeatTracker::add without a customer");
  if (mode_ == Mode::streaming) {
    add_streaming(key, arrival, seq, payload);
  } else {
    auto it = ids_.find(key);
    if (it == ids_.end()) {
      it = ids_.emplace(std::string(key), static_cast<std::uint32_t>(ids_.size())).first;
    }
    all_.push_back(Buffered{it->second, arrival, seq, payload});
    peak_held_ = all_.size();
  }
  max_arrival_ = any_ ? std::max(max_arrival_, arrival) : arrival;
  any_ = true;
  if (mode_ == Mode::streaming) evict(max_arrival_ - window_ms_ - slack_ms_);
}

void RepeatTracker::add_streaming(std::string_view key, TimeMs arrival, std::size_t seq,
                                  Payload payload) {
  // A contact final already may be within the window of this one: the result would be wrong.
  if (evicted_any_ && arrival <= last_evicted_arrival_ + window_ms_) {
    throw OutOfOrder(seq, arrival);
  }
  auto it = customers_.find(key);
  if (it == customers_.end()) it = customers_.emplace(std::string(key), Customer{}).first;
  auto& entries = it->second.entries;
  // Insert in (arrival, seq) order; almost always at the end.
  auto pos = entries.end();
  while (pos != entries.begin() && later((pos - 1)->arrival, (pos - 1)->seq, arrival, seq)) --pos;
  // Earlier contacts within the window are repeated by this one.
  for (auto e = pos; e != entries.begin();) {
    --e;
    if (arrival - e->arrival > window_ms_) break;
    e->repeated = true;
  }
  // A later contact (out of order) within the window repeats this one.
  const bool repeated = pos != entries.end() && pos->arrival - arrival <= window_ms_;
  entries.insert(pos, Entry{arrival, seq, payload, repeated});
  heap_.push_back(HeapItem{arrival, seq, &it->second, &it->first});
  std::push_heap(heap_.begin(), heap_.end(), [](const HeapItem& a, const HeapItem& b) {
    return later(a.arrival, a.seq, b.arrival, b.seq);
  });
  ++held_;
  peak_held_ = std::max(peak_held_, held_);
}

void RepeatTracker::finalize_front(HeapItem item, bool censored) {
  auto& entries = item.customer->entries;
  WFM_ENSURE(!entries.empty() && entries.front().arrival == item.arrival &&
                 entries.front().seq == item.seq,
             "repeat tracker: heap and customer entries disagree");
  const Entry e = entries.front();
  entries.erase(entries.begin());
  --held_;
  sink_(e.payload, e.repeated, censored);
  if (entries.empty()) customers_.erase(customers_.find(*item.key));
}

void RepeatTracker::evict(TimeMs until) {
  const auto cmp = [](const HeapItem& a, const HeapItem& b) {
    return later(a.arrival, a.seq, b.arrival, b.seq);
  };
  while (!heap_.empty() && heap_.front().arrival < until) {
    std::pop_heap(heap_.begin(), heap_.end(), cmp);
    const HeapItem item = heap_.back();
    heap_.pop_back();
    last_evicted_arrival_ = evicted_any_ ? std::max(last_evicted_arrival_, item.arrival)
                                         : item.arrival;
    evicted_any_ = true;
    finalize_front(item, false);
  }
}

void RepeatTracker::finish() {
  if (mode_ == Mode::streaming) {
    const auto cmp = [](const HeapItem& a, const HeapItem& b) {
      return later(a.arrival, a.seq, b.arrival, b.seq);
    };
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), cmp);
      const HeapItem item = heap_.back();
      heap_.pop_back();
      finalize_front(item, item.arrival + window_ms_ > max_arrival_);
    }
    return;
  }
  std::sort(all_.begin(), all_.end(), [](const Buffered& a, const Buffered& b) {
    if (a.customer != b.customer) return a.customer < b.customer;
    return later(b.arrival, b.seq, a.arrival, a.seq);
  });
  for (std::size_t i = 0; i < all_.size(); ++i) {
    const auto& e = all_[i];
    const bool repeated = i + 1 < all_.size() && all_[i + 1].customer == e.customer &&
                          all_[i + 1].arrival - e.arrival <= window_ms_;
    sink_(e.payload, repeated, e.arrival + window_ms_ > max_arrival_);
  }
  all_.clear();
  all_.shrink_to_fit();
}

}  // namespace wfm::kpi
