// Classifies a million generated specs against the bundled rule pack and prints specs/s.
//   classify_bench [count] [threads]
// Specs span the thresholds (TPP 0-40000, die 100-2000 mm², datacenter or not), dates span every
// era, destinations span the country groups, so every rule kind is exercised.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string_view>
#include <thread>

#include "chokepoint/classify.h"

using namespace chokepoint;

namespace {

std::vector<ClassifyRequest> MakeRequests(size_t n) {
  std::mt19937_64 rng(20261125);
  const char* destinations[] = {"CN", "HK", "MO", "VN", "SG", "MY", "AE", "IL",
                                "IR", "DE", "IN", "BR", "RU", "KH", "NI"};
  const Date first = Date::FromYmd(2022, 10, 1);
  std::vector<ClassifyRequest> out(n);
  for (auto& req : out) {
    ItemSpec& item = req.item;
    Throughput t;
    t.precision = "FP8";
    t.bit_length = (rng() % 2) ? 8 : 16;
    t.tops = Rational(static_cast<int64_t>(1 + rng() % 5000)) /
             Rational(static_cast<int64_t>(t.bit_length / 8));
    t.sparse = rng() % 4 == 0;
    item.throughput = {t};
    item.die_area_mm2 = Rational(static_cast<int64_t>(100 + rng() % 1900));
    item.datacenter = rng() % 5 != 0;
    item.memory_bandwidth_gbps = Rational(static_cast<int64_t>(rng() % 9000));
    item.interconnect_gbps = Rational(static_cast<int64_t>(rng() % 1800));
    if (rng() % 10 == 0) item.kind = ItemKind::kComputer;
    req.as_of = first.AddDays(static_cast<int32_t>(rng() % 1550));
    req.destination = destinations[rng() % std::size(destinations)];
    if (rng() % 3 == 0) req.headquarters = rng() % 2 ? "CN" : "US";
  }
  return out;
}

double Run(const Classifier& classifier, const std::vector<ClassifyRequest>& reqs, int threads,
           bool explain, size_t* controlled) {
  std::atomic<size_t> hits{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      Classification out;
      size_t local = 0;
      for (size_t i = static_cast<size_t>(t); i < reqs.size(); i += static_cast<size_t>(threads)) {
        if (Status s = classifier.ClassifyInto(reqs[i], ClassifyOptions{.explain = explain}, &out);
            !s.ok()) {
          std::fprintf(stderr, "spec %zu: %s\n", i, s.ToString().c_str());
          std::abort();
        }
        local += out.controlled;
      }
      hits += local;
    });
  }
  for (auto& th : pool) th.join();
  *controlled = hits;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000000;
  int threads = argc > 2 ? std::atoi(argv[2])
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto pack = RulePack::Load(std::string(CHOKEPOINT_SOURCE_DIR) + "/rules/ear");
  if (!pack.ok()) {
    std::fprintf(stderr, "%s\n", pack.status().ToString().c_str());
    return 3;
  }
  Classifier classifier(*pack);
  auto reqs = MakeRequests(n);
  std::printf("classify_bench: %zu generated specs, rules %s\n", n, (*pack)->fingerprint().c_str());
  for (int t : {1, threads}) {
    size_t controlled = 0;
    double secs = Run(classifier, reqs, t, /*explain=*/false, &controlled);
    std::printf("  decision only, %d thread(s): %.3f s, %.0f specs/s (%zu controlled)\n", t, secs,
                static_cast<double>(n) / secs, controlled);
  }
  if (argc > 3 && std::string_view(argv[3]) == "decision-only") return 0;  // for profiling
  size_t sample = std::min<size_t>(n, 100000), controlled = 0;
  std::vector<ClassifyRequest> head(reqs.begin(), reqs.begin() + static_cast<ptrdiff_t>(sample));
  double secs = Run(classifier, head, 1, /*explain=*/true, &controlled);
  std::printf("  with reasons,  1 thread:    %.3f s for %zu, %.0f specs/s\n", secs, sample,
              static_cast<double>(sample) / secs);
  return 0;
}
