// Prometheus metrics: request counts by route and status code, latency histograms by route.
// Counters are relaxed atomics, so recording costs a few nanoseconds and never takes a lock.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chokepoint::api {

class Metrics {
 public:
  // One slot per route label ("POST /v1/screen"); the last slot collects unmatched requests.
  explicit Metrics(std::vector<std::pair<std::string, std::string>> method_and_route);

  void Record(size_t route_slot, int status, double seconds);
  size_t unmatched_slot() const { return routes_.size() - 1; }

  // The request metrics in the Prometheus text exposition format.
  std::string Render() const;

 private:
  static constexpr std::array<int, 15> kCodes = {200, 202, 400, 401, 403, 404, 405, 408,
                                                 411, 413, 415, 500, 503, 504, 0};
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  struct Route {
    std::string method, path;
    std::array<std::atomic<uint64_t>, kCodes.size()> by_code{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf only
    std::atomic<uint64_t> sum_ns{0};
    std::atomic<uint64_t> count{0};
  };
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace chokepoint::api
