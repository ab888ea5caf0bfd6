// The baseline the screening index is measured against: Jaro-Winkler of the whole normalised query
// against every normalised list name, by brute force (what a naive screener does).
#pragma once

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "chokepoint/screen.h"
#include "variants.h"

namespace chokepoint::screen_eval {

inline std::string EntryKey(const ListEntry& e) {
  return e.source + "|" + e.list_id + "|" + e.name;
}

// Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters), bytewise.
inline double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a == b ? 1 : 0;
  if (a.size() > 255 || b.size() > 255) return a == b ? 1 : 0;
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  bool am[256] = {}, bm[256] = {};
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0, hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!bm[j] && a[i] == b[j]) {
        am[i] = bm[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0;
  size_t t = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!am[i]) continue;
    while (!bm[j]) ++j;
    t += a[i] != b[j++];
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(t) / 2) / m) /
                      3;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

class BruteForce {
 public:
  BruteForce(const std::vector<ListEntry>& entries, Date as_of) {
    for (const ListEntry& e : entries) {
      if (!e.ListedOn(as_of)) continue;
      const uint32_t key = static_cast<uint32_t>(keys_.size());
      keys_.push_back(EntryKey(e));
      names_.push_back({NormalizeName(e.name).joined, key});
      for (const ListName& a : e.aliases) names_.push_back({NormalizeName(a.name).joined, key});
    }
  }
  // The best score over all names, and over the names of the entry with key `want` (if any).
  void Scan(const std::string& query, const std::string& want, double* best,
            double* best_wanted) const {
    const std::string q = NormalizeName(query).joined;
    *best = *best_wanted = 0;
    for (const auto& n : names_) {
      double s = JaroWinkler(q, n.joined);
      *best = std::max(*best, s);
      if (s > *best_wanted && !want.empty() && keys_[n.key] == want) *best_wanted = s;
    }
  }
  size_t size() const { return names_.size(); }

 private:
  struct Name {
    std::string joined;
    uint32_t key;
  };
  std::vector<Name> names_;
  std::vector<std::string> keys_;
};

inline void CompareWithBruteForce(const ScreeningIndex& index, const BruteForce& brute,
                                  const std::vector<LabelledQuery>& positives,
                                  const std::vector<std::string>& positive_keys,
                                  const std::vector<std::string>& all_negatives, int threads) {
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> negatives;
  for (size_t i = 0; i < all_negatives.size(); i += 8) negatives.push_back(all_negatives[i]);
  const size_t np = positives.size(), nn = negatives.size();
  std::vector<double> jw_pos(np), jw_neg(nn), dummy(nn);
  std::atomic<size_t> next{0};
  std::atomic<int64_t> cpu_ns{0};
  auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      timespec a, b;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
      double unused;
      for (size_t i; (i = next++) < np + nn;) {
        if (i < np) {
          brute.Scan(positives[i].query, positive_keys[i], &unused, &jw_pos[i]);
        } else {
          brute.Scan(negatives[i - np], "", &jw_neg[i - np], &unused);
        }
      }
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
      cpu_ns += (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    });
  }
  for (auto& th : pool) th.join();
  const double brute_s = std::chrono::duration<double>(Clock::now() - t0).count();

  size_t idx_found = 0, idx_fp = 0;
  t0 = Clock::now();
  for (size_t i = 0; i < np + nn; ++i) {
    ScreenQuery q;
    q.name = i < np ? positives[i].query : negatives[i - np];
    q.as_of = EvaluationDate();
    std::vector<ScreenHit> hits = index.Screen(q);
    if (i >= np) {
      idx_fp += !hits.empty();
      continue;
    }
    idx_found += std::any_of(hits.begin(), hits.end(), [&](const ScreenHit& h) {
      return EntryKey(*h.entry) == positive_keys[i];
    });
  }
  const double index_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double fpr = static_cast<double>(idx_fp) / static_cast<double>(nn);

  // The JW threshold with the same false-positive rate as the index at its default threshold.
  std::vector<double> sorted = jw_neg;
  std::sort(sorted.begin(), sorted.end(), std::greater<double>());
  const double jw_t = sorted[std::min(nn - 1, idx_fp)] + 1e-9;
  auto recall = [&](double t) {
    return static_cast<double>(
               std::count_if(jw_pos.begin(), jw_pos.end(), [&](double s) { return s >= t; })) /
           static_cast<double>(np);
  };
  auto fp_at = [&](double t) {
    return static_cast<double>(
               std::count_if(jw_neg.begin(), jw_neg.end(), [&](double s) { return s >= t; })) /
           static_cast<double>(nn);
  };
  std::printf(
      "\nbrute force vs index on %zu labelled positives + %zu real company names "
      "(%zu list names scanned per query):\n",
      np, nn, brute.size());
  const double brute_cpu = static_cast<double>(cpu_ns.load()) * 1e-9;
  const double per_brute = brute_cpu / static_cast<double>(np + nn);
  const double per_index = index_s / static_cast<double>(np + nn);
  std::printf("  brute-force JW scan: %.1f ms CPU per query (%.1f s wall on %d threads)\n",
              1000 * per_brute, brute_s, threads);
  std::printf("  index: %.1f us per query (one thread): %.0fx faster\n", 1e6 * per_index,
              per_brute / per_index);
  std::printf("  index at %.2f: recall %.3f, false-positive rate %.3f\n", DefaultScreenThreshold(),
              static_cast<double>(idx_found) / static_cast<double>(np), fpr);
  std::printf("  JW at %.3f (same false-positive rate): recall %.3f\n", jw_t, recall(jw_t));
  for (double t : {0.85, 0.90, 0.95}) {
    std::printf("  JW at %.2f: recall %.3f, false-positive rate %.3f\n", t, recall(t), fp_at(t));
  }
}

}  // namespace chokepoint::screen_eval
