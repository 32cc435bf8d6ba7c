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
std::uint64_t low32(std::size_t h) {
  return static_cast<std::uint32_t>(h);
}
std::uint32_t slot_of(std::uint64_t word) {
  return static_cast<std::uint32_t>(word) - 1;
}
}  // namespace

std::pair<std::uint32_t, bool> RepeatTracker::slot_for(std::string_view key, std::size_t hash) {
  const std::uint64_t frag = low32(hash);
  const std::size_t mask = table_.size() - 1;
  std::size_t b = frag & mask;
  // The hash bits are compared first: a customer's slot is read only for a (likely) match.
  while (table_[b] != 0) {
    if ((table_[b] >> 32) == frag && slots_[slot_of(table_[b])].key == key) {
      return {slot_of(table_[b]), false};
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
  table_[b] = frag << 32 | (slot + 1u);
  if (++table_used_ * 2 > table_.size()) grow_table();
  return {slot, true};
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

// Forgets a customer whose latest contact is final: nothing can repeat their contacts any more.
// The slot goes back to the free list (its stale key is overwritten when it is reused).
void RepeatTracker::forget(std::uint32_t slot, std::uint64_t hash) {
  const std::size_t mask = table_.size() - 1;
  std::size_t b = hash & mask;
  while (table_[b] == 0 || slot_of(table_[b]) != slot) b = (b + 1) & mask;
  table_erase(b);
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
  if (ring_count_ == ring_size) {
    process(ring_[ring_head_]);
    ring_head_ = (ring_head_ + 1) % ring_size;
    --ring_count_;
  }
  Incoming& row = ring_[(ring_head_ + ring_count_) % ring_size];
  row.key.assign(key);
  row.hash = Hash{}(key);
  row.arrival = arrival;
  row.seq = seq;
  row.payload = payload;
  ++ring_count_;
  const std::size_t mask = table_.size() - 1;
  __builtin_prefetch(&table_[low32(row.hash) & mask]);
  // Half-way through the ring the bucket is in cache: fetch the slot it points to. Three quarters
  // of the way the slot is: fetch the customer's latest contact. (Hints only: a wrong guess costs
  // nothing but the fetch.)
  if (ring_count_ > ring_size / 2) {
    const Incoming& mid = ring_[(ring_head_ + ring_count_ - 1 - ring_size / 2) % ring_size];
    const std::uint64_t frag = low32(mid.hash);
    for (std::size_t b = frag & mask; table_[b] != 0; b = (b + 1) & mask) {
      if ((table_[b] >> 32) == frag) {
        __builtin_prefetch(&slots_[slot_of(table_[b])]);
        break;
      }
    }
  }
  if (ring_count_ > ring_size * 3 / 4) {
    const Incoming& late = ring_[(ring_head_ + ring_count_ - 1 - ring_size * 3 / 4) % ring_size];
    const std::uint64_t frag = low32(late.hash);
    for (std::size_t b = frag & mask; table_[b] != 0; b = (b + 1) & mask) {
      if ((table_[b] >> 32) == frag) {
        const std::uint64_t last = slots_[slot_of(table_[b])].last_entry;
        if (last >= fifo_base_ && last < fifo_base_ + fifo_.size()) {
          __builtin_prefetch(&fifo_[last - fifo_base_]);
        }
        break;
      }
    }
  }
  if (!free_slots_.empty()) __builtin_prefetch(&slots_[free_slots_.back()]);
}

void RepeatTracker::process(const Incoming& row) {
  const TimeMs arrival = row.arrival;
  const std::size_t seq = row.seq;
  // A row older than the slack could change results already final.
  if (any_ && arrival < max_arrival_ - slack_ms_) throw OutOfOrder(seq, arrival);
  const auto [slot, fresh] = slot_for(row.key, row.hash);
  Slot& s = slots_[slot];
  const std::uint64_t index = fifo_base_ + fifo_.size();
  Entry x{arrival,     seq,   no_entry, slot, static_cast<std::uint32_t>(s.hash),
          row.payload, false, false};
  if (fresh) {
    // First contact of the customer in the FIFO.
  } else if (!before(arrival, seq, s.last_arrival, s.last_seq)) {
    // After the customer's latest contact (the usual case): that one is repeated if within the
    // window, and no longer the latest.
    Entry& last = entry(s.last_entry);
    if (arrival - last.arrival <= window_ms_) last.repeated = true;
    last.superseded = true;
    x.prev = s.last_entry;
  } else {
    // Before the customer's latest contact: find its next contact n (the earliest one after it)
    // by walking back, and link it between n's previous contact p and n.
    std::uint64_t n = s.last_entry;
    while (true) {
      const std::uint64_t p = entry(n).prev;
      if (p == no_entry || p < fifo_base_ || before(entry(p).arrival, entry(p).seq, arrival, seq)) {
        break;
      }
      n = p;
    }
    Entry& next = entry(n);
    x.repeated = next.arrival - arrival <= window_ms_;
    x.superseded = true;
    const std::uint64_t p = next.prev;
    if (p != no_entry && p >= fifo_base_) {
      // p's next contact is now this one, earlier than n: p may become repeated.
      if (arrival - entry(p).arrival <= window_ms_) entry(p).repeated = true;
      x.prev = p;
    }
    next.prev = index;
  }
  if (fresh || !x.superseded) {
    s.last_arrival = arrival;
    s.last_seq = seq;
    s.last_entry = index;
  }
  fifo_.push_back(x);
  max_arrival_ = any_ ? std::max(max_arrival_, arrival) : arrival;
  any_ = true;
  peak_held_ = std::max(peak_held_, fifo_.size());
  finalize_window(max_arrival_ - slack_ms_ - window_ms_);
}

// Contacts that arrived before `limit` cannot be repeated by any row still to come (rows are at
// most the slack out of order): final. Rows out of order may wait a little behind the FIFO's front;
// finalizing them late is harmless.
void RepeatTracker::finalize_window(TimeMs limit) {
  const std::size_t mask = table_.size() - 1;
  while (!fifo_.empty() && fifo_.front().arrival < limit) {
    // The buckets of contacts about to be final are fetched ahead: they are cold by now.
    constexpr std::size_t ahead = 8;
    if (fifo_.size() > ahead) __builtin_prefetch(&table_[fifo_[ahead].hash & mask]);
    const Entry& e = fifo_.front();
    sink_(e.payload, e.repeated, false);
    if (!e.superseded) forget(e.slot, e.hash);
    fifo_.pop_front();
    ++fifo_base_;
  }
}

void RepeatTracker::finish() {
  if (mode_ == Mode::streaming) {
    for (; ring_count_ > 0; --ring_count_, ring_head_ = (ring_head_ + 1) % ring_size) {
      process(ring_[ring_head_]);
    }
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
