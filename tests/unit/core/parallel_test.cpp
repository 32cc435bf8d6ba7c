// wfm::core::parallel_for and ThreadLimit, for whichever backend the build uses (oneTBB, or
// std::thread with WFM_PARALLEL_BACKEND=std): every index once, the first exception rethrown,
// the thread limit honoured (also by nested loops), one thread = the calling thread.
#include "wfm/core/parallel.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "wfm/core/error.hpp"

using wfm::core::parallel_for;
using wfm::core::ThreadLimit;

namespace {

// The most calls of fn that ran at the same time during parallel_for(0, n, ...); each call sleeps
// so that the threads allowed to overlap do.
int peak_concurrency(std::size_t n) {
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  parallel_for(0, n, [&](std::size_t) {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --running;
  });
  return peak.load();
}

}  // namespace

TEST_CASE("parallel_for visits every index of the range exactly once", "[core][parallel]") {
  const std::size_t begin = 7, end = 1007;
  std::vector<std::atomic<int>> visits(end);
  parallel_for(begin, end, [&](std::size_t i) { ++visits[i]; });
  for (std::size_t i = 0; i < end; ++i) {
    INFO("index " << i);
    CHECK(visits[i].load() == (i >= begin ? 1 : 0));
  }
  int calls = 0;
  parallel_for(5, 5, [&](std::size_t) { ++calls; });  // empty
  parallel_for(9, 3, [&](std::size_t) { ++calls; });  // end before begin: empty
  CHECK(calls == 0);
}

TEST_CASE("nested parallel_for visits every pair once", "[core][parallel]") {
  const std::size_t n = 24, m = 40;
  std::vector<std::atomic<int>> visits(n * m);
  parallel_for(0, n, [&](std::size_t i) {
    parallel_for(0, m, [&](std::size_t j) { ++visits[i * m + j]; });
  });
  for (std::size_t k = 0; k < n * m; ++k) CHECK(visits[k].load() == 1);
}

TEST_CASE("parallel_for rethrows the exception of a call to its caller", "[core][parallel]") {
  std::atomic<int> calls{0};
  CHECK_THROWS_WITH(parallel_for(0, 1000,
                                 [&](std::size_t i) {
                                   ++calls;
                                   if (i == 37) throw std::runtime_error("index 37 failed");
                                 }),
                    "index 37 failed");
  CHECK(calls.load() >= 1);
  // The type survives (an input error stays an input error: exit 2, not 3).
  CHECK_THROWS_AS(parallel_for(0, 100,
                               [](std::size_t i) {
                                 if (i % 10 == 3)
                                   throw wfm::core::InputError(wfm::core::Location{}, "bad row");
                               }),
                  wfm::core::InputError);
  // Every call throwing: one of them arrives, and the loop still works afterwards.
  CHECK_THROWS_AS(parallel_for(0, 64, [](std::size_t) { throw std::out_of_range("all"); }),
                  std::out_of_range);
  std::atomic<int> after{0};
  parallel_for(0, 50, [&](std::size_t) { ++after; });
  CHECK(after.load() == 50);
}

TEST_CASE("ThreadLimit bounds the threads of parallel_for, the smallest limit winning",
          "[core][parallel]") {
  {
    const ThreadLimit two(2);
    CHECK(wfm::core::max_threads() == 2);
    CHECK(peak_concurrency(64) <= 2);
    {
      const ThreadLimit three(3);  // a larger limit inside does not raise it
      CHECK(wfm::core::max_threads() == 2);
    }
    // Nested loops share the limit: never more than 2 calls at once overall.
    std::atomic<int> running{0};
    std::atomic<int> peak{0};
    parallel_for(0, 8, [&](std::size_t) {
      parallel_for(0, 8, [&](std::size_t) {
        const int now = ++running;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --running;
      });
    });
    CHECK(peak.load() <= 2);
  }
  CHECK(wfm::core::max_threads() >= 1);
}

TEST_CASE("with one thread, parallel_for runs every call on the calling thread",
          "[core][parallel]") {
  const ThreadLimit one(1);
  CHECK(wfm::core::max_threads() == 1);
  const auto caller = std::this_thread::get_id();
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::vector<int> visits(200, 0);
  parallel_for(0, visits.size(), [&](std::size_t i) {
    ++visits[i];  // no lock needed: one thread
    std::lock_guard lock(mutex);
    threads.insert(std::this_thread::get_id());
  });
  CHECK(threads == std::set<std::thread::id>{caller});
  for (int v : visits) CHECK(v == 1);
  CHECK(peak_concurrency(16) == 1);
  CHECK_THROWS_WITH(parallel_for(0, 10,
                                 [](std::size_t i) {
                                   if (i == 4) throw std::runtime_error("four");
                                 }),
                    "four");
}
