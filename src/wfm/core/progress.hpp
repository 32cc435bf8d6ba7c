// A count of finished units of parallel work, reported to a progress callback in increasing
// order. Workers finish in any order; without the lock two workers could report 6 before 5 (seen
// by a test of the Python module under load). The callback runs under the lock, so it is never
// called by two workers at once.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>

namespace wfm::core {

using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

class ProgressCounter {
 public:
  // `progress` may be empty (nothing is reported); it must outlive the counter.
  ProgressCounter(const ProgressCallback& progress, std::size_t total)
      : progress_(progress), total_(total) {}

  // One more unit finished: reports the new count. Safe to call from parallel workers.
  void tick() {
    std::lock_guard lock(mutex_);
    ++done_;
    if (progress_) progress_(done_, total_);
  }

 private:
  const ProgressCallback& progress_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::mutex mutex_;
};

}  // namespace wfm::core
