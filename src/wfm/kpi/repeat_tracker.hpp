// Repeat contacts for first-contact resolution (FCR), streamed with memory bounded by the window.
//
// A contact is *repeated* when the same customer (in the same queue, with scope "queue") has
// another contact that arrives after it (ties: later in the file) and at most `window` after its
// arrival; any later contact counts, whatever its outcome. Order is (arrival, sequence number).
//
// Streaming mode keeps only the contacts that a future row can still affect: a contact is final
// once the latest arrival seen is more than window + reorder_slack after it, so memory holds about
// window + slack worth of contacts, however long the file. Rows may be out of arrival order by up
// to the slack (exports written when a call ends are ordered by end time). A row older than that
// could touch a contact already final: add() then throws OutOfOrder, and the caller reruns the
// file in buffered mode, which keeps every contact (sorted at finish()), for files in any order.
// Both modes give the same result for the same rows. A contact whose window reaches past the
// latest arrival of the data is reported as censored (its repeat may be outside the data).
// Tested in tests/unit/kpi/repeat_tracker_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
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
        : std::runtime_error("contact out of arrival order"), seq(seq_number),
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
  // Most contacts held at once (streaming mode), or all of them (buffered).
  std::size_t peak_held() const noexcept { return peak_held_; }

 private:
  struct Entry {
    TimeMs arrival;
    std::size_t seq;
    Payload payload;
    bool repeated;
  };
  struct Customer {
    std::vector<Entry> entries;  // sorted by (arrival, seq)
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  using CustomerMap = std::unordered_map<std::string, Customer, Hash, std::equal_to<>>;
  struct HeapItem {
    TimeMs arrival;
    std::size_t seq;
    Customer* customer;
    const std::string* key;
  };
  struct Buffered {
    std::uint32_t customer;
    TimeMs arrival;
    std::size_t seq;
    Payload payload;
  };

  void add_streaming(std::string_view key, TimeMs arrival, std::size_t seq, Payload payload);
  void evict(TimeMs until);
  void finalize_front(HeapItem item, bool censored);

  TimeMs window_ms_;
  TimeMs slack_ms_;
  Mode mode_;
  Sink sink_;
  TimeMs max_arrival_ = 0;
  bool any_ = false;
  bool evicted_any_ = false;
  TimeMs last_evicted_arrival_ = 0;
  std::size_t held_ = 0;
  std::size_t peak_held_ = 0;
  // Streaming.
  CustomerMap customers_;
  std::vector<HeapItem> heap_;  // min-heap on (arrival, seq)
  // Buffered.
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<Buffered> all_;
};

}  // namespace wfm::kpi
