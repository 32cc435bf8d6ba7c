#include "wfm/kpi/repeat_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "wfm/core/error.hpp"

namespace wfm::kpi {
namespace {

bool before(TimeMs a_arrival, std::size_t a_seq, TimeMs b_arrival, std::size_t b_seq) {
  return a_arrival != b_arrival ? a_arrival < b_arrival : a_seq < b_seq;
}

}  // namespace

RepeatTracker::RepeatTracker(double window_s, Mode mode, Sink sink, double reorder_slack_s)
    : window_ms_(static_cast<TimeMs>(std::llround(window_s * 1000))),
      slack_ms_(static_cast<TimeMs>(std::llround(reorder_slack_s * 1000))),
      mode_(mode),
      sink_(std::move(sink)) {
  WFM_ENSURE(window_s >= 0 && reorder_slack_s >= 0, "negative repeat window or slack");
  if (mode_ == Mode::streaming) table_.assign(1024, 0);
}

namespace {
std::uint64_t low32(std::size_t h) { return static_cast<std::uint32_t>(h); }
std::uint32_t slot_of(std::uint64_t word) { return static_cast<std::uint32_t>(word) - 1; }
}  // namespace

std::uint32_t RepeatTracker::slot_for(std::string_view key) {
  const std::uint64_t frag = low32(Hash{}(key));
  const std::size_t mask = table_.size() - 1;
  std::size_t b = frag & mask;
  // The hash bits are compared first: a customer's slot is read only for a (likely) match.
  while (table_[b] != 0) {
    if ((table_[b] >> 32) == frag && slots_[slot_of(table_[b])].key == key) {
      return slot_of(table_[b]);
    }
    b = (b + 1) & mask;
  }
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    WFM_ENSURE(slots_.size() + 1 < none, "repeat tracker: too many customers");
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& s = slots_[slot];
  s.key.assign(key);
  s.hash = frag;
  s.has_last = false;
  s.refs = 0;
  table_[b] = frag << 32 | (slot + 1u);
  if (++table_used_ * 2 > table_.size()) grow_table();
  return slot;
}

void RepeatTracker::grow_table() {
  std::vector<std::uint64_t> old(table_.size() * 2, 0);
  old.swap(table_);
  const std::size_t mask = table_.size() - 1;
  for (const std::uint64_t word : old) {
    if (word == 0) continue;
    std::size_t b = (word >> 32) & mask;
    while (table_[b] != 0) b = (b + 1) & mask;
    table_[b] = word;
  }
}

// Linear probing deletion by backward shift (no tombstones).
void RepeatTracker::table_erase(std::size_t hole) {
  const std::size_t mask = table_.size() - 1;
  table_[hole] = 0;
  --table_used_;
  std::size_t b = (hole + 1) & mask;
  while (table_[b] != 0) {
    const std::size_t home = (table_[b] >> 32) & mask;
    // Move the entry into the hole when its home is not in (hole, b].
    const bool in_between = hole <= b ? (home > hole && home <= b) : (home > hole || home <= b);
    if (!in_between) {
      table_[hole] = table_[b];
      table_[b] = 0;
      hole = b;
    }
    b = (b + 1) & mask;
  }
}

// Forgets a customer whose latest contact left the window and who has no row in the reorder
// buffer: nothing can repeat their contacts any more.
void RepeatTracker::forget(std::uint32_t slot) {
  Slot& s = slots_[slot];
  const std::size_t mask = table_.size() - 1;
  std::size_t b = s.hash & mask;
  while (table_[b] == 0 || slot_of(table_[b]) != slot) b = (b + 1) & mask;
  table_erase(b);
  s.key.clear();
  free_slots_.push_back(slot);
}

void RepeatTracker::add(std::string_view key, TimeMs arrival, std::size_t seq, Payload payload) {
  WFM_ENSURE(!key.empty(), "RepeatTracker::add without a customer");
  if (mode_ == Mode::buffered) {
    auto it = ids_.find(key);
    if (it == ids_.end()) {
      it = ids_.emplace(std::string(key), static_cast<std::uint32_t>(ids_.size())).first;
    }
    all_.push_back(Buffered{it->second, arrival, seq, payload});
    peak_held_ = all_.size();
    max_arrival_ = any_ ? std::max(max_arrival_, arrival) : arrival;
    any_ = true;
    return;
  }
  // A row before the ones already released would have changed their results.
  if (released_any_ && arrival < last_released_) throw OutOfOrder(seq, arrival);
  const std::uint32_t slot = slot_for(key);
  ++slots_[slot].refs;
  const Pending p{arrival, seq, slot, payload};
  if (in_order_.empty() || !before(arrival, seq, in_order_.back().arrival, in_order_.back().seq)) {
    in_order_.push_back(p);
  } else {
    late_.push_back(p);
    std::push_heap(late_.begin(), late_.end(), [](const Pending& a, const Pending& b) {
      return before(b.arrival, b.seq, a.arrival, a.seq);
    });
  }
  max_arrival_ = any_ ? std::max(max_arrival_, arrival) : arrival;
  any_ = true;
  peak_held_ = std::max(peak_held_, in_order_.size() + late_.size() + fifo_.size());
  release(max_arrival_ - slack_ms_);
}

// Passes the buffered rows that arrived before `limit` to process(), in (arrival, seq) order.
void RepeatTracker::release(TimeMs limit) {
  const auto heap_order = [](const Pending& a, const Pending& b) {
    return before(b.arrival, b.seq, a.arrival, a.seq);
  };
  while (true) {
    const bool have_in_order = !in_order_.empty() && in_order_.front().arrival < limit;
    const bool have_late = !late_.empty() && late_.front().arrival < limit;
    if (!have_in_order && !have_late) break;
    const bool take_late =
        have_late && (!have_in_order || before(late_.front().arrival, late_.front().seq,
                                               in_order_.front().arrival, in_order_.front().seq));
    if (take_late) {
      std::pop_heap(late_.begin(), late_.end(), heap_order);
      const Pending p = late_.back();
      late_.pop_back();
      process(p);
    } else {
      const Pending p = in_order_.front();
      in_order_.pop_front();
      process(p);
    }
  }
}

void RepeatTracker::process(const Pending& p) {
  last_released_ = p.arrival;
  released_any_ = true;
  Slot& s = slots_[p.slot];
  --s.refs;
  if (s.has_last && p.arrival - s.last_arrival <= window_ms_ && s.last_entry >= fifo_base_) {
    fifo_[s.last_entry - fifo_base_].repeated = true;
  }
  s.has_last = true;
  s.last_arrival = p.arrival;
  s.last_entry = fifo_base_ + fifo_.size();
  fifo_.push_back(Entry{p.arrival, p.slot, p.payload, false});
  finalize_window(p.arrival - window_ms_);
}

// Contacts that arrived before `limit` cannot be repeated by any later row: final.
void RepeatTracker::finalize_window(TimeMs limit) {
  while (!fifo_.empty() && fifo_.front().arrival < limit) {
    const Entry& e = fifo_.front();
    sink_(e.payload, e.repeated, false);
    const Slot& s = slots_[e.slot];
    if (s.last_entry == fifo_base_ && s.refs == 0) forget(e.slot);
    fifo_.pop_front();
    ++fifo_base_;
  }
}

void RepeatTracker::finish() {
  if (mode_ == Mode::streaming) {
    release(std::numeric_limits<TimeMs>::max());
    for (const auto& e : fifo_) sink_(e.payload, e.repeated, e.arrival + window_ms_ > max_arrival_);
    fifo_base_ += fifo_.size();
    fifo_.clear();
    return;
  }
  std::sort(all_.begin(), all_.end(), [](const Buffered& a, const Buffered& b) {
    if (a.customer != b.customer) return a.customer < b.customer;
    return before(a.arrival, a.seq, b.arrival, b.seq);
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
