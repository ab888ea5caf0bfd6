// Shows how names are normalised and screened against the real lists, with explanations.
//   screen_probe "Central South CAD Center" "PUTIN, Vladimir" ...
//   screen_probe --pair "Snow Storm 1" "Snow Storm 2"    (one pair's name score)
//   screen_probe --diff 500    (index against brute force on 500 generated queries)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "chokepoint/screen.h"
#include "real_lists.h"
#include "synthetic_names.h"

using namespace chokepoint;

int main(int argc, char** argv) {
  std::vector<ListEntry> entries;
  std::string log;
  const std::string lists = std::string(CHOKEPOINT_SOURCE_DIR) + "/../shared/data/lists";
  if (Status s = screen_eval::LoadAllLists(lists, &entries, &log); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::vector<std::string> diff_queries;
  if (argc == 3 && std::strcmp(argv[1], "--diff") == 0) {
    diff_queries = screen_eval::SyntheticNames(entries, std::strtoul(argv[2], nullptr, 10), 0.5, 3);
  }
  ScreeningIndex::Builder builder;
  for (auto& e : entries) builder.Add(std::move(e), 1);
  auto index = builder.Build();
  if (!diff_queries.empty()) {
    size_t disagree = 0, hits = 0;
    for (const std::string& name : diff_queries) {
      for (double t : {0.5, DefaultScreenThreshold()}) {
        ScreenQuery q;
        q.name = name;
        q.threshold = t;
        q.limit = 20;
        auto a = index->Screen(q);
        auto b = index->ScreenExhaustive(q);
        hits += !b.empty();
        bool same = a.size() == b.size();
        for (size_t i = 0; same && i < a.size(); ++i) {
          same = a[i].entry == b[i].entry && a[i].score == b[i].score;
        }
        if (!same) {
          ++disagree;
          std::printf("DISAGREE @%.2f %s: %zu vs %zu hits\n", t, name.c_str(), a.size(), b.size());
        }
      }
    }
    std::printf("%zu queries x 2 thresholds, %zu with hits, %zu disagreements\n",
                diff_queries.size(), hits, disagree);
    return disagree == 0 ? 0 : 1;
  }
  if (argc == 4 && std::strcmp(argv[1], "--pair") == 0) {
    std::printf("%.4f\n", index->NameScore(argv[2], argv[3]));
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    NormalizedName n = NormalizeName(argv[i]);
    std::printf("%s\n  tokens: %s\n  legal forms:", argv[i], n.joined.c_str());
    for (const auto& l : n.legal_forms) std::printf(" %s", l.c_str());
    std::printf("\n");
    ScreenQuery q;
    q.name = argv[i];
    q.threshold = 0.5;
    q.limit = 5;
    for (const ScreenHit& h : index->Screen(q)) {
      std::printf("  %.3f (name %.3f) %s [%s %s] %s\n", h.score, h.name_score,
                  h.matched_name.c_str(), h.entry->source_code.c_str(), h.entry->list_id.c_str(),
                  h.entry->name.c_str());
      for (const TokenMatch& t : h.tokens) {
        std::printf("      %-14s -> %-16s %-12s sim %.2f weight %.2f\n", t.query_token.c_str(),
                    t.list_token.c_str(), t.how.c_str(), t.similarity, t.weight);
      }
      for (const std::string& a : h.adjustments) std::printf("      %s\n", a.c_str());
    }
  }
  return 0;
}
