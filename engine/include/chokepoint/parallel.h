// ParallelFor: the one way the engine and its callers spread independent work over threads.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace chokepoint {

// `requested` threads, or one per core when it is 0 (at least 1).
inline unsigned ThreadCount(unsigned requested) {
  return requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

// Calls body(i) once for every i in [0, n), on up to `threads` threads (the calling thread is one
// of them), taking indexes in order from a shared counter, and returns when all calls have
// returned. No more helper threads start than there are batches of `min_per_thread` items, so
// small inputs run on the calling thread alone. body must be safe to call concurrently for
// distinct i and must not throw.
inline void ParallelFor(size_t n, unsigned threads, const std::function<void(size_t)>& body,
                        size_t min_per_thread = 1) {
  if (n == 0) return;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) body(i);
  };
  const size_t batches = n / std::max<size_t>(1, min_per_thread);
  const size_t helpers = std::min<size_t>(ThreadCount(threads) - 1, batches);
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

}  // namespace chokepoint
