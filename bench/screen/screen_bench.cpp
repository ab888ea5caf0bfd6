// Screening speed on all real lists: index build time and memory, single-query latency, batch
// throughput, and a brute-force Jaro-Winkler scan over every name for comparison.
//   screen_bench [batch_names=1000000] [threads=2] [--no-brute]
// Prints figures; it is not a timed test.
#include <malloc.h>

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
  std::printf("memory: index MemoryBytes() %.1f MB; heap in use +%.1f MB for the index "
              "structures (entries were already loaded: %.1f MB heap for parsed entries and "
              "queries); process RSS %.1f MB before loading, %.1f MB loaded, %.1f MB indexed\n",
              static_cast<double>(index->MemoryBytes()) / 1e6,
              (static_cast<double>(heap2) - static_cast<double>(heap1)) / 1e6,
              (static_cast<double>(heap1) - static_cast<double>(heap0)) / 1e6,
              static_cast<double>(rss0) / 1024, static_cast<double>(rss1) / 1024,
              static_cast<double>(rss2) / 1024);

  // Single-query latency, in process, one thread, after a warm-up.
  const size_t n_single = std::min<size_t>(queries.size(), 50000);
  for (size_t i = 0; i < 2000 && i < queries.size(); ++i) index->Screen(Query(queries[i]));
  std::vector<double> micros(n_single);
  size_t hits = 0;
  for (size_t i = 0; i < n_single; ++i) {
    ScreenQuery q = Query(queries[i]);
    auto a = Clock::now();
    hits += !index->Screen(q).empty();
    micros[i] = std::chrono::duration<double, std::micro>(Clock::now() - a).count();
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * static_cast<double>(n_single - 1))]; };
  std::printf("single query (%zu queries, %.1f%% with a hit at %.2f): p50 %.1f us, p90 %.1f us, "
              "p99 %.1f us, max %.1f us\n",
              n_single, 100.0 * static_cast<double>(hits) / static_cast<double>(n_single),
              DefaultScreenThreshold(), pct(0.5), pct(0.9), pct(0.99), micros.back());

  // Batch throughput: `threads` workers share one index.
  std::atomic<size_t> next{0}, batch_hits{0};
  t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      size_t local = 0;
      for (size_t i; (i = next.fetch_add(256)) < queries.size();) {
        for (size_t k = i; k < std::min(i + 256, queries.size()); ++k) {
          local += !index->Screen(Query(queries[k])).empty();
        }
      }
      batch_hits += local;
    });
  }
  for (auto& th : pool) th.join();
  t1 = Clock::now();
  std::printf("batch: %zu names on %d threads in %.2f s = %.0f names/s (%zu with a hit)\n",
              queries.size(), threads, Seconds(t0, t1),
              static_cast<double>(queries.size()) / Seconds(t0, t1), batch_hits.load());

  // Brute force: whole-name Jaro-Winkler against every indexed name, on labelled positives and
  // real company names; the JW threshold is set where its false-positive rate meets ours.
  if (argc > 3 && std::string(argv[3]) == "--no-brute") return 0;
  screen_eval::CompareWithBruteForce(*index, brute, positives, positive_keys, negatives, threads);
  return 0;
}
