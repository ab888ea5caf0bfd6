// Measures screening quality on real list names and prints tables for docs/screening.md.
//   screen_quality [positives=6000] [seed=20261125]
// Positives: seeded variants of real list names (variants.h), each labelled with its entry; a
// positive is found at threshold t when that entry is among the hits scoring >= t. Negatives: the
// ~7,900 real company names in company-names-dev.csv, minus the ones that really are listed
// (fixtures/screening/listed-company-names.txt, reviewed by hand); a negative is a false positive
// at t when any hit scores >= t. Then the peer cases (OFAC tool scores, nomenklatura match/nomatch,
// watchman pairs, cross-script pairs) pair by pair.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/screen.h"
#include "jaro_winkler.h"
#include "peer_cases.h"
#include "real_lists.h"
#include "variants.h"

using namespace chokepoint;

namespace {

constexpr double kThresholds[] = {0.60, 0.65, 0.70, 0.75, 0.78, 0.80, 0.82, 0.85, 0.88, 0.90};

}  // namespace

int main(int argc, char** argv) {
  const size_t n_positives = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 6000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261125;
  const std::string shared = std::string(CHOKEPOINT_SOURCE_DIR) + "/../shared/data";
  const std::string source = CHOKEPOINT_SOURCE_DIR;
  const bool verbose = std::getenv("SCREEN_QUALITY_VERBOSE") != nullptr;

  std::vector<ListEntry> entries;
  std::string log;
  if (Status s = screen_eval::LoadAllLists(shared + "/lists", &entries, &log); !s.ok()) {
    std::fprintf(stderr, "loading lists: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("%s", log.c_str());
  std::vector<screen_eval::LabelledQuery> positives =
      screen_eval::GeneratePositives(entries, n_positives, seed, screen_eval::EvaluationDate());

  ScreeningIndex::Builder builder;
  for (const ListEntry& e : entries) builder.Add(e, 1);
  std::shared_ptr<const ScreeningIndex> index = builder.Build();
  std::printf("index: %zu entries, %zu names\n\n", index->entries(), index->names());

  auto screen = [&](const std::string& name) {
    ScreenQuery q;
    q.name = name;
    q.threshold = 0.5;
    q.as_of = screen_eval::EvaluationDate();
    q.limit = 10;
    return index->Screen(q);
  };

  // Positives: the score of the labelled entry (0 when absent) and whether it ranked first.
  std::map<std::string, std::vector<double>> by_kind;
  std::vector<double> pos_scores;
  size_t top1 = 0;
  for (const auto& pq : positives) {
    double score = 0;
    bool first = false;
    std::vector<ScreenHit> hits = screen(pq.query);
    for (size_t h = 0; h < hits.size(); ++h) {
      // Lists repeat a party (the CSL carries SDN rows): a hit on an identical copy counts.
      if (screen_eval::EntryKey(*hits[h].entry) == screen_eval::EntryKey(entries[pq.entry])) {
        score = hits[h].score;
        first = h == 0 || hits[0].score == hits[h].score;
        break;
      }
    }
    top1 += first;
    pos_scores.push_back(score);
    by_kind[pq.kind].push_back(score);
    if (verbose && score < DefaultScreenThreshold()) {
      std::printf("MISS %-13s %.3f  %s  <-  %s\n", pq.kind, score, pq.query.c_str(),
                  entries[pq.entry].name.c_str());
    }
  }

  // Negatives, with the reviewed really-listed names set apart.
  std::vector<std::string> companies =
      screen_eval::ReadCompanyNames(shared + "/matching/company-names-dev.csv");
  std::set<std::string> listed;
  for (const auto& l :
       screen_eval::ReadLines(source + "/fixtures/screening/listed-company-names.txt")) {
    listed.insert(l.substr(0, l.find('\t')));
  }
  std::vector<double> neg_scores;
  size_t listed_found = 0, listed_total = 0;
  for (const std::string& c : companies) {
    std::vector<ScreenHit> hits = screen(c);
    double score = hits.empty() ? 0 : hits[0].score;
    if (listed.count(c)) {
      ++listed_total;
      listed_found += score >= DefaultScreenThreshold();
      continue;
    }
    neg_scores.push_back(score);
    if (verbose && score >= 0.75) {  // near misses too, for review
      std::printf("FP   %.3f  %s  ->  %s\n", score, c.c_str(), hits[0].matched_name.c_str());
    }
  }

  std::printf("positives %zu (seed %llu), negatives %zu (+%zu really listed, set apart)\n\n",
              positives.size(), static_cast<unsigned long long>(seed), neg_scores.size(),
              listed_total);
  std::printf("| threshold | recall | false-positive rate |\n|---|---|---|\n");
  for (double t : kThresholds) {
    size_t tp =
        std::count_if(pos_scores.begin(), pos_scores.end(), [&](double s) { return s >= t; });
    size_t fp =
        std::count_if(neg_scores.begin(), neg_scores.end(), [&](double s) { return s >= t; });
    std::printf("| %.2f%s | %.4f | %.4f (%zu) |\n", t,
                t == DefaultScreenThreshold() ? " (default)" : "",
                static_cast<double>(tp) / static_cast<double>(pos_scores.size()),
                static_cast<double>(fp) / static_cast<double>(neg_scores.size()), fp);
  }
  std::printf("\nlabelled entry ranked first: %.4f\n",
              static_cast<double>(top1) / static_cast<double>(positives.size()));
  std::printf("really-listed company names found at the default: %zu of %zu\n\n", listed_found,
              listed_total);

  const double columns[] = {0.75, DefaultScreenThreshold(), 0.88};
  std::printf("| variant | queries |");
  for (double t : columns) std::printf(" recall@%.2f |", t);
  std::printf("\n|---|---|---|---|---|\n");
  for (const auto& [kind, scores] : by_kind) {
    std::printf("| %s | %zu |", kind.c_str(), scores.size());
    for (double t : columns) {
      size_t tp = std::count_if(scores.begin(), scores.end(), [&](double s) { return s >= t; });
      std::printf(" %.4f |", static_cast<double>(tp) / static_cast<double>(scores.size()));
    }
    std::printf("\n");
  }
  std::printf("\n");
  screen_eval::RunPeerCases(*index, shared + "/matching/peer-cases-dev.tsv", verbose);
  return 0;
}
