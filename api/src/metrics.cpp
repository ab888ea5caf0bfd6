#include "metrics.h"

#include <fmt/format.h>

namespace chokepoint::api {

Metrics::Metrics(std::vector<std::pair<std::string, std::string>> method_and_route) {
  method_and_route.emplace_back("", "unmatched");
  for (auto& [method, path] : method_and_route) {
    auto r = std::make_unique<Route>();
    r->method = method;
    r->path = path;
    routes_.push_back(std::move(r));
  }
}

void Metrics::Record(size_t route_slot, int status, double seconds) {
  Route& r = *routes_[std::min(route_slot, routes_.size() - 1)];
  size_t code = kCodes.size() - 1;  // "other"
  for (size_t i = 0; i + 1 < kCodes.size(); ++i) {
    if (kCodes[i] == status) code = i;
  }
  r.by_code[code].fetch_add(1, std::memory_order_relaxed);
  size_t bucket = kBuckets.size();
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      bucket = i;
      break;
    }
  }
  r.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  r.sum_ns.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP chokepoint_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE chokepoint_http_requests_total counter\n";
  for (const auto& r : routes_) {
    for (size_t i = 0; i < kCodes.size(); ++i) {
      uint64_t n = r->by_code[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format(
          "chokepoint_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
          r->method, r->path, kCodes[i] ? std::to_string(kCodes[i]) : "other", n);
    }
  }
  out += "# HELP chokepoint_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE chokepoint_http_request_duration_seconds histogram\n";
  for (const auto& r : routes_) {
    uint64_t count = r->count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string labels = fmt::format("method=\"{}\",route=\"{}\"", r->method, r->path);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += r->buckets[i].load(std::memory_order_relaxed);
      out += fmt::format("chokepoint_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], cumulative);
    }
    cumulative += r->buckets[kBuckets.size()].load(std::memory_order_relaxed);
    out += fmt::format("chokepoint_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, cumulative);
    out += fmt::format("chokepoint_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       static_cast<double>(r->sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("chokepoint_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       cumulative);
  }
  return out;
}

}  // namespace chokepoint::api
