// Screening speed on all real lists: index build time and memory, single-query latency, batch
// throughput, and a brute-force Jaro-Winkler scan over every name for comparison.
//   screen_bench [batch_names=1000000] [threads=2] [--no-brute]
// Prints figures; it is not a timed test.
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/screen.h"
#include "jaro_winkler.h"
#include "real_lists.h"
#include "synthetic_names.h"
#include "variants.h"

using namespace chokepoint;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      long kb = 0;
      in >> kb;
      return kb;
    }
    in.ignore(1 << 16, '\n');
  }
  return 0;
}

size_t HeapBytes() { return mallinfo2().uordblks; }

// CPU time of the calling thread: unlike wall time, not inflated when other processes share the
// cores.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

ScreenQuery Query(const std::string& name) {
  ScreenQuery q;
  q.name = name;
  q.as_of = screen_eval::EvaluationDate();
  return q;
}

}  // namespace

int main(int argc, char** argv) {
  const size_t batch = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const std::string shared = std::string(CHOKEPOINT_SOURCE_DIR) + "/../shared/data";

  const long rss0 = RssKb();
  const size_t heap0 = HeapBytes();
  std::vector<ListEntry> entries;
  std::string log;
  auto t0 = Clock::now();
  if (Status s = screen_eval::LoadAllLists(shared + "/lists", &entries, &log); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  auto t1 = Clock::now();
  malloc_trim(0);
  const long rss_loaded = RssKb();
  const size_t heap_loaded = HeapBytes();
  std::printf("%sparsed lists in %.2f s\n", log.c_str(), Seconds(t0, t1));

  // What the queries and the brute-force scan need, taken before the entries move into the index.
  std::vector<std::string> queries = screen_eval::SyntheticNames(entries, batch, 0.05, 7);
  std::vector<screen_eval::LabelledQuery> positives =
      screen_eval::GeneratePositives(entries, 300, 11, screen_eval::EvaluationDate());
  std::vector<std::string> negatives =
      screen_eval::ReadCompanyNames(shared + "/matching/company-names-dev.csv");
  screen_eval::BruteForce brute(entries, screen_eval::EvaluationDate());
  std::vector<std::string> positive_keys;
  for (const auto& p : positives) positive_keys.push_back(screen_eval::EntryKey(entries[p.entry]));

  malloc_trim(0);
  const long rss1 = RssKb();
  const size_t heap1 = HeapBytes();
  ScreeningIndex::Builder builder;
  t0 = Clock::now();
  for (ListEntry& e : entries) builder.Add(std::move(e), 1);
  std::shared_ptr<const ScreeningIndex> index = builder.Build();
  t1 = Clock::now();
  entries.clear();
  entries.shrink_to_fit();
  malloc_trim(0);
  const long rss2 = RssKb();
  const size_t heap2 = HeapBytes();
  std::printf("index: %zu entries, %zu names; built in %.3f s\n", index->entries(), index->names(),
              Seconds(t0, t1));
  // The index's memory: the parsed entries it now owns plus the structures Build() added (the
  // query lists made in between are left out).
  const double entries_heap = static_cast<double>(heap_loaded - heap0) / 1e6;
  const double structures_heap = (static_cast<double>(heap2) - static_cast<double>(heap1)) / 1e6;
  const double rss_delta = static_cast<double>((rss_loaded - rss0) + (rss2 - rss1)) / 1024;
  std::printf(
      "memory: entries %.1f MB + index structures %.1f MB of heap = %.1f MB (MemoryBytes() "
      "%.1f MB); RSS delta %.1f MB (process RSS %.1f MB at the end)\n",
      entries_heap, structures_heap, entries_heap + structures_heap,
      static_cast<double>(index->MemoryBytes()) / 1e6, rss_delta, static_cast<double>(rss2) / 1024);

  // Single-query latency, in process, one thread, after a warm-up.
  const size_t n_single = std::min<size_t>(queries.size(), 50000);
  for (size_t i = 0; i < 2000 && i < queries.size(); ++i) index->Screen(Query(queries[i]));
  std::vector<double> micros(n_single), cpu_micros(n_single);
  size_t hits = 0;
  for (size_t i = 0; i < n_single; ++i) {
    ScreenQuery q = Query(queries[i]);
    const double c = ThreadCpuSeconds();
    auto a = Clock::now();
    hits += !index->Screen(q).empty();
    micros[i] = std::chrono::duration<double, std::micro>(Clock::now() - a).count();
    cpu_micros[i] = (ThreadCpuSeconds() - c) * 1e6;
  }
  std::sort(micros.begin(), micros.end());
  std::sort(cpu_micros.begin(), cpu_micros.end());
  auto pct = [&](const std::vector<double>& v, double p) {
    return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
  };
  std::printf(
      "single query (%zu queries, %.1f%% with a hit at %.2f): wall p50 %.1f us, p90 %.1f "
      "us, p99 %.1f us, max %.1f us; thread CPU p50 %.1f us, p99 %.1f us\n",
      n_single, 100.0 * static_cast<double>(hits) / static_cast<double>(n_single),
      DefaultScreenThreshold(), pct(micros, 0.5), pct(micros, 0.9), pct(micros, 0.99),
      micros.back(), pct(cpu_micros, 0.5), pct(cpu_micros, 0.99));

  // Batch throughput: `threads` workers share one index.
  std::atomic<size_t> next{0}, batch_hits{0};
  std::atomic<int64_t> cpu_ns{0};
  t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      const double c = ThreadCpuSeconds();
      size_t local = 0;
      for (size_t i; (i = next.fetch_add(256)) < queries.size();) {
        for (size_t k = i; k < std::min(i + 256, queries.size()); ++k) {
          local += !index->Screen(Query(queries[k])).empty();
        }
      }
      batch_hits += local;
      cpu_ns += static_cast<int64_t>((ThreadCpuSeconds() - c) * 1e9);
    });
  }
  for (auto& th : pool) th.join();
  t1 = Clock::now();
  const double cpu_s = static_cast<double>(cpu_ns.load()) * 1e-9;
  std::printf(
      "batch: %zu names on %d threads in %.2f s = %.0f names/s wall (%zu with a hit); "
      "%.2f CPU s = %.0f names per CPU second\n",
      queries.size(), threads, Seconds(t0, t1),
      static_cast<double>(queries.size()) / Seconds(t0, t1), batch_hits.load(), cpu_s,
      static_cast<double>(queries.size()) / cpu_s);

  // Brute force: whole-name Jaro-Winkler against every indexed name, on labelled positives and
  // real company names; the JW threshold is set where its false-positive rate meets ours.
  if (argc > 3 && std::string(argv[3]) == "--no-brute") return 0;
  screen_eval::CompareWithBruteForce(*index, brute, positives, positive_keys, negatives, threads);
  return 0;
}
