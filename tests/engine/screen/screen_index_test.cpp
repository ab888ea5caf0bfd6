// The index as a whole: as-of filtering, candidates against a brute-force scan, many threads on
// one index, and (with ../shared) recall and false-positive rate on real list names.
#include <algorithm>
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "../../../bench/screen/jaro_winkler.h"
#include "../../../bench/screen/real_lists.h"
#include "../../../bench/screen/variants.h"
#include "chokepoint/screen.h"
#include "engine/screen/screen_fixtures.h"
#include "testutil.h"

using namespace chokepoint;

namespace {

std::shared_ptr<const ScreeningIndex> SmallIndex() {
  static const std::shared_ptr<const ScreeningIndex> index = [] {
    ScreeningIndex::Builder b;
    for (ListEntry& e : screen_test::FillerEntries(600, 99)) b.Add(std::move(e), 1);
    b.Add(screen_test::Nudt(), 2);
    b.Add(screen_test::Person("BIN LADIN, Usama bin Muhammad bin Awad", {"BIN LADEN, Osama"}, ""),
          2);
    b.Add(screen_test::Entity("L.X.C. AVIATION", {}, "HK"), 2);
    b.Add(screen_test::Entity("HUA WEI TRADING", {}, "CN"), 2);
    b.Add(screen_test::Person("KIM, Jong Un", {}, "KP"), 2);
    return b.Build();
  }();
  return index;
}

// Queries near the indexed names: typos, drops, joins, swaps, extra words, and unrelated ones.
std::vector<std::string> DifferentialQueries() {
  std::vector<std::string> names;
  for (const ListEntry& e : screen_test::FillerEntries(600, 99)) names.push_back(e.name);
  for (const char* n : {"National University of Defense Technology", "Central South CAD Centre",
                        "NUDT", "Osama bin Laden", "LXC Aviation", "Huawei Trading", "Kimjongun",
                        "Kim Jong-Un", "Usama Binladin"}) {
    names.push_back(n);
  }
  std::vector<std::string> out;
  uint64_t x = 12345;
  auto next = [&](size_t mod) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((x >> 33) % mod);
  };
  for (size_t i = 0; i < names.size(); i += 5) {
    std::string n = names[i];
    out.push_back(n);
    std::string typo = n;
    typo[next(typo.size())] = static_cast<char>('a' + next(26));
    out.push_back(typo);
    size_t space = n.find(' ');
    if (space != std::string::npos) {
      out.push_back(n.substr(space + 1));                       // first word dropped
      out.push_back(n.substr(0, space) + n.substr(space + 1));  // first two words joined
      out.push_back(n.substr(space + 1) + " " + n.substr(0, space));
    }
    out.push_back(n + " " + names[next(names.size())].substr(0, 6));
  }
  for (size_t i = 0; i < 40; ++i) {
    out.push_back(names[next(names.size())].substr(0, 5) + " " + names[next(names.size())]);
  }
  return out;
}

bool SameHits(const std::vector<ScreenHit>& a, const std::vector<ScreenHit>& b, std::string* why) {
  if (a.size() != b.size()) {
    *why = "hit counts " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].entry != b[i].entry || a[i].matched_name != b[i].matched_name ||
        std::abs(a[i].score - b[i].score) > 1e-9) {
      *why = "hit " + std::to_string(i) + ": " + a[i].matched_name + " " +
             std::to_string(a[i].score) + " vs " + b[i].matched_name + " " +
             std::to_string(b[i].score);
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("NUDT: an alias finds the entry, from its start date on") {
  auto index = SmallIndex();
  ScreenQuery q;
  q.name = "Central South CAD Center";
  auto hits = index->Screen(q);
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "National University of Defense Technology (NUDT)");
  CHECK(hits[0].matched_name == "Central South CAD Center");
  CHECK(hits[0].matched_kind == ListName::Kind::kStrongAlias);
  CHECK(hits[0].score >= DefaultScreenThreshold());
  CHECK(hits[0].snapshot_id == 2);
  q.as_of = Date::FromYmd(2014, 12, 31);
  CHECK(index->Screen(q).empty());
  q.as_of = Date::FromYmd(2015, 2, 18);
  CHECK(!index->Screen(q).empty());
  // The acronym in parentheses is a name of its own.
  q.name = "NUDT";
  q.as_of = Date::Today();
  hits = index->Screen(q);
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "National University of Defense Technology (NUDT)");
}

TEST_CASE("differential: index candidates agree with a brute-force scan") {
  auto index = SmallIndex();
  size_t compared = 0, with_hits = 0;
  for (double threshold : {0.4, DefaultScreenThreshold()}) {
    for (const std::string& name : DifferentialQueries()) {
      ScreenQuery q;
      q.name = name;
      q.threshold = threshold;
      q.limit = 25;
      if (compared % 3 == 0) q.country = "CN";
      if (compared % 5 == 0) q.type = PartyType::kIndividual;
      std::string why;
      auto fast = index->Screen(q);
      auto slow = index->ScreenExhaustive(q);
      CHECK_MESSAGE(SameHits(fast, slow, &why), name << " @" << threshold << ": " << why);
      ++compared;
      with_hits += !slow.empty();
    }
  }
  CHECK(with_hits > compared / 3);  // the comparison is not vacuous
}

TEST_CASE("thread safety: many threads screen one index") {
  auto index = SmallIndex();
  const std::vector<std::string> queries = DifferentialQueries();
  std::vector<std::vector<ScreenHit>> expected;
  for (const auto& name : queries) {
    ScreenQuery q;
    q.name = name;
    expected.push_back(index->Screen(q));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); i < queries.size() * 2; ++i) {
        const size_t k = i % queries.size();
        ScreenQuery q;
        q.name = queries[k];
        std::string why;
        if (!SameHits(index->Screen(q), expected[k], &why)) ++mismatches;
      }
      // Non-ASCII names exercise the per-thread transliterators.
      if (NormalizeName("Владимир Путин").joined != "vladimir putin") ++mismatches;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("quality on real list names: recall and false-positive rate at the default") {
  auto lists = testing::SharedPath("data/lists");
  auto companies = testing::SharedPath("data/matching/company-names-dev.csv");
  if (!lists || !companies) return;
  std::vector<ListEntry> entries;
  std::string log;
  REQUIRE(screen_eval::LoadAllLists(*lists, &entries, &log).ok());
  const Date as_of = screen_eval::EvaluationDate();
  const auto positives = screen_eval::GeneratePositives(entries, 800, 424242, as_of);
  std::vector<std::string> keys;
  for (const auto& p : positives) keys.push_back(screen_eval::EntryKey(entries[p.entry]));
  ScreeningIndex::Builder b;
  for (ListEntry& e : entries) b.Add(std::move(e), 1);
  auto index = b.Build();

  size_t found = 0;
  for (size_t i = 0; i < positives.size(); ++i) {
    ScreenQuery q;
    q.name = positives[i].query;
    q.as_of = as_of;
    for (const ScreenHit& h : index->Screen(q)) {
      if (screen_eval::EntryKey(*h.entry) == keys[i]) {
        ++found;
        break;
      }
    }
  }
  std::set<std::string> listed;
  for (const auto& l :
       screen_eval::ReadLines(testing::SourcePath("fixtures/screening/listed-company-names.txt"))) {
    listed.insert(l.substr(0, l.find('\t')));
  }
  size_t negatives = 0, false_positives = 0;
  const auto names = screen_eval::ReadCompanyNames(*companies);
  for (size_t i = 0; i < names.size(); i += 2) {
    if (listed.count(names[i])) continue;
    ScreenQuery q;
    q.name = names[i];
    q.as_of = as_of;
    ++negatives;
    false_positives += !index->Screen(q).empty();
  }
  const double recall = static_cast<double>(found) / static_cast<double>(positives.size());
  const double fpr = static_cast<double>(false_positives) / static_cast<double>(negatives);
  MESSAGE("recall " << recall << ", false-positive rate " << fpr << " at "
                    << DefaultScreenThreshold());
  CHECK(recall >= 0.97);
  CHECK(fpr <= 0.01);

  // The real NUDT row: found through its alias, and not before its start date.
  ScreenQuery q;
  q.name = "Central South CAD Center";
  auto hits = index->Screen(q);
  REQUIRE(!hits.empty());
  CHECK(hits[0].entry->name == "National University of Defense Technology (NUDT)");
  CHECK(hits[0].score >= DefaultScreenThreshold());
  q.as_of = Date::FromYmd(2014, 12, 31);
  for (const ScreenHit& h : index->Screen(q)) CHECK(h.entry->source_code != "EL");
}
