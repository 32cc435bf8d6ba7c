// The library's one parallel loop and its process-wide thread limit. Every parallel path
// (replications, interval solves, queue-days, forecast queues, what-if variants) goes through
// parallel_for, so the backend is chosen in one place: oneTBB by default, or plain std::thread
// when configured with WFM_PARALLEL_BACKEND=std (used by `make test-tsan`, because Debian's TBB is
// not built with ThreadSanitizer and TSan cannot see its synchronisation). Results never depend
// on the backend or the thread count: callers write result i to slot i and reduce in index order.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace wfm::core {

// Calls fn(i) once for every i in [begin, end), on up to the current thread limit's threads
// (the calling thread included), in no particular order; returns when every call has returned.
// Nested calls share the same threads (TBB's pool; with std, a nested call gets the workers that
// are free, or runs on its calling thread). If calls throw, the indices not yet started are
// skipped and the first exception caught is rethrown to the caller once all threads have stopped.
void parallel_for(std::size_t begin, std::size_t end, const std::function<void(std::size_t)>& fn);

// Limits every parallel_for in the process to `threads` threads (>= 1) while it lives, like
// tbb::global_control's max_allowed_parallelism: with several limits alive, the smallest wins.
// Without one, the limit is the number of hardware threads.
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The thread limit parallel_for honours now.
int max_threads();

}  // namespace wfm::core
