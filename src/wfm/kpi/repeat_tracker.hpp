// Repeat contacts for first-contact resolution (FCR), streamed with memory bounded by the window.
//
// A contact is *repeated* when the same customer (in the same queue, with scope "queue") has
// another contact that arrives after it (ties: later in the file) and at most `window` after its
// arrival; any later contact counts, whatever its outcome. Order is (arrival, sequence number).
// Equivalently: a contact is repeated when the customer's *next* contact is within the window, so
// per customer only the latest contact needs to be known.
//
// Streaming mode keeps the contacts of the last window + reorder_slack in a FIFO (in file order),
// each linked to the customer's previous contact, and per customer the latest one (an
// open-addressing table; a customer is forgotten when its latest contact leaves the FIFO). A row is
// processed in file order, 16 rows after it comes (meanwhile its table bucket, customer slot and
// latest contact are prefetched: at millions of customers these are cache misses): it marks the
// customer's previous contact repeated when within the window (or, when it arrives out of order
// for its customer, is linked in its place). A contact is final
// once the latest arrival seen is more than window + slack after it. Rows may be out of arrival
// order by up to the slack (exports written when a call ends are); memory is about window + slack
// worth of contacts, however long the file. A row older than that could change a result already
// final: add() then throws OutOfOrder, and the caller reruns the file in buffered mode, which
// keeps every contact and sorts them at finish(), for files in any order. Both modes give the same
// results for the same rows. A contact whose window reaches past the latest arrival of the data is
// reported as censored (its repeat may be outside the data).
// Tested in tests/unit/kpi/repeat_tracker_test.cpp (against a brute-force reference).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wfm/kpi/contact.hpp"

namespace wfm::kpi {

class RepeatTracker {
 public:
  enum class Mode { streaming, buffered };

  // Thrown by add() in streaming mode when a row is further out of order than the slack allows.
  struct OutOfOrder : std::runtime_error {
    OutOfOrder(std::size_t seq_number, TimeMs arrival_ms)
        : std::runtime_error("contact out of arrival order"),
          seq(seq_number),
          arrival(arrival_ms) {}
    std::size_t seq;
    TimeMs arrival;
  };

  // What is known of a contact when its result is final: the caller's group and flags.
  struct Payload {
    std::uint32_t group = 0;
    std::uint8_t flags = 0;
  };
  // Called once per contact when it is final: repeated within the window, censored.
  using Sink = std::function<void(const Payload&, bool repeated, bool censored)>;

  RepeatTracker(double window_s, Mode mode, Sink sink, double reorder_slack_s = 4 * 3600.0);

  // A contact of `customer_key` (the customer id, plus the queue for scope "queue"; not empty).
  // `seq` increases with the row's position in the file.
  void add(std::string_view customer_key, TimeMs arrival, std::size_t seq, Payload payload);
  // Makes every remaining contact final. Call once, after the last add().
  void finish();

  Mode mode() const noexcept { return mode_; }
  // Most contacts held at once (streaming: reorder buffer + window), or all of them (buffered).
  std::size_t peak_held() const noexcept { return peak_held_; }
  // Customers known at the moment (streaming): those with a contact not yet final.
  std::size_t customers_held() const noexcept { return table_used_; }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  static constexpr std::uint64_t no_entry = ~std::uint64_t{0};

  // Customers: slots with stable indexes, found through an open-addressing table.
  struct Slot {
    std::string key;          // stale once the slot is free (the table no longer points to it)
    std::uint64_t hash = 0;   // low 32 bits of the key's hash
    TimeMs last_arrival = 0;  // the latest contact (by arrival, seq)
    std::size_t last_seq = 0;
    std::uint64_t last_entry = 0;  // its absolute FIFO index
  };
  struct Entry {
    TimeMs arrival;
    std::size_t seq;
    std::uint64_t prev;  // absolute FIFO index of the customer's previous contact, or no_entry
    std::uint32_t slot;
    std::uint32_t hash;  // the slot's hash bits, to find its bucket without reading the slot
    Payload payload;
    bool repeated;
    bool superseded;  // the customer has a later contact
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  struct Buffered {
    std::uint32_t customer;
    TimeMs arrival;
    std::size_t seq;
    Payload payload;
  };

  // The customer's slot and whether it is new.
  std::pair<std::uint32_t, bool> slot_for(std::string_view key, std::size_t hash);
  void finalize_window(TimeMs before);
  void forget(std::uint32_t slot, std::uint64_t hash);
  void grow_table();
  void table_erase(std::size_t bucket);
  Entry& entry(std::uint64_t index) { return fifo_[index - fifo_base_]; }

  TimeMs window_ms_;
  TimeMs slack_ms_;
  Mode mode_;
  Sink sink_;
  TimeMs max_arrival_ = 0;
  bool any_ = false;
  std::size_t peak_held_ = 0;

  // Streaming: rows wait a few places in a ring while their table bucket is fetched (a cache miss
  // otherwise), then are processed in the order they came.
  struct Incoming {
    std::string key;
    std::size_t hash = 0;
    TimeMs arrival = 0;
    std::size_t seq = 0;
    Payload payload;
  };
  static constexpr std::size_t ring_size = 16;
  std::vector<Incoming> ring_ = std::vector<Incoming>(ring_size);
  std::size_t ring_head_ = 0;  // oldest
  std::size_t ring_count_ = 0;
  void process(const Incoming& row);
  // Streaming: the contacts not yet final, in file order.
  std::deque<Entry> fifo_;
  std::uint64_t fifo_base_ = 0;  // absolute index of fifo_.front()
  // Customers.
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  // Open addressing with linear probing over 8-byte words: the low 32 bits of the key's hash
  // (which also give the home bucket) << 32 | slot + 1; 0 is empty. Size a power of two.
  std::vector<std::uint64_t> table_;
  std::size_t table_used_ = 0;

  // Buffered.
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<Buffered> all_;
};

}  // namespace wfm::kpi
