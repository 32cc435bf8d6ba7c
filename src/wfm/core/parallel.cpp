#include "wfm/core/parallel.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include "wfm/core/error.hpp"

#ifdef WFM_PARALLEL_STD
#include <atomic>
#include <mutex>
#include <set>
#include <system_error>
#include <vector>
#else
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#endif

namespace wfm::core {

#ifdef WFM_PARALLEL_STD

namespace {

// The live limits and the worker threads running now, for every parallel_for of the process.
struct Pool {
  std::mutex mutex;
  std::multiset<int> limits;
  int workers = 0;
};

Pool& pool() {
  static Pool p;
  return p;
}

int hardware_threads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

int limit_locked(const Pool& p) {
  return p.limits.empty() ? hardware_threads() : *p.limits.begin();
}

// Reserves up to `wanted` worker threads within the limit (the calling thread is not counted:
// it always works), so nested and concurrent calls together stay within it.
int reserve_workers(int wanted) {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  const int free = std::max(0, limit_locked(p) - 1 - p.workers);
  const int n = std::min(wanted, free);
  p.workers += n;
  return n;
}

void release_workers(int n) {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  p.workers -= n;
}

}  // namespace

struct ThreadLimit::State {
  std::multiset<int>::iterator it;
};

ThreadLimit::ThreadLimit(int threads) {
  WFM_ENSURE(threads >= 1, "thread limit {} < 1", threads);
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  state_ = std::make_unique<State>(State{p.limits.insert(threads)});
}

ThreadLimit::~ThreadLimit() {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  p.limits.erase(state_->it);
}

int max_threads() {
  Pool& p = pool();
  std::lock_guard lock(p.mutex);
  return limit_locked(p);
}

void parallel_for(std::size_t begin, std::size_t end, const std::function<void(std::size_t)>& fn) {
  if (begin >= end) return;
  const std::size_t n = end - begin;
  const int workers = reserve_workers(static_cast<int>(std::min<std::size_t>(n - 1, 1 << 20)));
  std::atomic<std::size_t> next{begin};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::exception_ptr error;
  // Each thread takes the next index until none is left or a call has thrown.
  const auto work = [&] {
    while (!failed.load()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= end) return;
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> threads;
  try {
    threads.reserve(static_cast<std::size_t>(workers));
    for (int t = 0; t < workers; ++t) threads.emplace_back(work);
  } catch (const std::system_error&) {
    // No more threads could be started: the ones running and this one do the rest.
  }
  work();
  for (auto& t : threads) t.join();
  release_workers(workers);
  if (error) std::rethrow_exception(error);
}

#else  // oneTBB

struct ThreadLimit::State {
  tbb::global_control control;
};

ThreadLimit::ThreadLimit(int threads) {
  WFM_ENSURE(threads >= 1, "thread limit {} < 1", threads);
  state_.reset(new State{tbb::global_control(tbb::global_control::max_allowed_parallelism,
                                              static_cast<std::size_t>(threads))});
}

ThreadLimit::~ThreadLimit() = default;

int max_threads() {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

void parallel_for(std::size_t begin, std::size_t end, const std::function<void(std::size_t)>& fn) {
  tbb::parallel_for(begin, end, [&fn](std::size_t i) { fn(i); });
}

#endif

}  // namespace wfm::core
