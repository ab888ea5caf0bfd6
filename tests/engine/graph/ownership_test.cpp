// Effective ownership and the 50 % rules: aggregation across owners, products along chains,
// cycles, unknown shares as bounds, list scopes, and the rule pack's dates (the Affiliates rule's
// stay from 2025-11-10 to 2026-11-09).
#include <nlohmann/json.hpp>

#include "engine/graph/graph_test_util.h"

namespace chokepoint {
namespace {

using testing::D;
using testing::LoadFixture;
using testing::Pack;
using testing::R;

const RuleApplication& Rule(const OwnershipReport& r, const std::string& id) {
  for (const auto& a : r.rules) {
    if (a.id == id) return a;
  }
  FAIL("no rule " << id);
  return r.rules.front();
}

OwnershipReport Own(const PartyGraph& g, const char* party, const char* day) {
  auto r = g.Ownership(party, D(day), Pack());
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}

TEST_CASE("ownership: 30 % + 25 % by two listed owners aggregate to 55 %, covered") {
  auto g = LoadFixture("ownership");
  auto r = Own(*g, "agg-t", "2025-10-15");
  CHECK(r.effective_listed.low_pct == R("55"));
  CHECK(r.effective_listed.known());
  CHECK(r.effective_listed.exact);
  REQUIRE(r.listed_owners.size() == 2);
  CHECK(r.listed_owners[0].party_id == "agg-l1");
  CHECK(r.listed_owners[0].share.low_pct == R("30"));
  REQUIRE(r.listed_owners[0].paths.size() == 1);
  CHECK(r.listed_owners[0].paths[0].hops.size() == 2);
  CHECK(*r.listed_owners[0].paths[0].pct == R("30"));
  CHECK(r.listed_owners[1].share.low_pct == R("25"));
  CHECK(Rule(r, "ofac.50pct").applies);
  CHECK(Rule(r, "bis.affiliates-50pct").applies);
  CHECK(Rule(r, "ofac.50pct").listed_owner_ids.size() == 2);
}

TEST_CASE("ownership: the Affiliates rule counts only while in force and not stayed") {
  auto g = LoadFixture("ownership");
  // Before it took effect (2025-09-29).
  auto before = Own(*g, "agg-t", "2025-09-28");
  CHECK_FALSE(Rule(before, "bis.affiliates-50pct").applies);
  CHECK(Rule(before, "bis.affiliates-50pct").standing == RuleStanding::kNotYetInForce);
  CHECK(Rule(before, "ofac.50pct").applies);
  // In force.
  CHECK(Rule(Own(*g, "agg-t", "2025-10-15"), "bis.affiliates-50pct").applies);
  // Stayed 2025-11-10 .. 2026-11-09: not applied, and the finding says so; OFAC still applies.
  for (const char* day : {"2025-11-10", "2025-12-01", "2026-11-09"}) {
    auto stayed = Own(*g, "agg-t", day);
    const auto& bis = Rule(stayed, "bis.affiliates-50pct");
    CHECK_MESSAGE(!bis.applies, day);
    CHECK(bis.standing == RuleStanding::kStayed);
    CHECK(bis.meets_threshold);
    CHECK(bis.why.find("stayed") == 0);
    CHECK(bis.why.find("90 FR 50857") != std::string::npos);
    CHECK(Rule(stayed, "ofac.50pct").applies);
  }
  // The stay has ended.
  auto after = Own(*g, "agg-t", "2026-11-10");
  CHECK(Rule(after, "bis.affiliates-50pct").applies);
  CHECK(Rule(after, "ofac.50pct").applies);
  // A trace finding through a stayed rule says so.
  auto t = g->Trace("agg-t", D("2025-12-01"), Pack());
  REQUIRE(t.ok());
  REQUIRE_FALSE(t->findings.empty());
  bool ofac = false, stayed_label = false;
  for (const auto& f : t->findings) {
    ofac |= f.rule == "ofac.50pct";
    stayed_label |= f.rule == "bis.affiliates-50pct (stayed)";
  }
  CHECK(ofac);
  CHECK_FALSE(stayed_label);  // OFAC applies to the same owners and is named first
}

TEST_CASE("ownership: 60 % of 60 % is 36 %, not covered; a listed 20 % stake makes 56 %") {
  auto g = LoadFixture("ownership");
  auto chain = Own(*g, "chain-t", "2025-10-15");
  CHECK(chain.effective_listed.low_pct == R("36"));
  CHECK_FALSE(Rule(chain, "ofac.50pct").applies);
  CHECK(Rule(chain, "ofac.50pct").determined);
  REQUIRE(chain.listed_owners.size() == 1);
  REQUIRE(chain.listed_owners[0].paths.size() == 1);
  const auto& path = chain.listed_owners[0].paths[0];
  REQUIRE(path.hops.size() == 3);
  CHECK(path.hops[0].party_id == "chain-t");
  CHECK(path.hops[1].party_id == "chain-m");
  CHECK(path.hops[2].party_id == "chain-l");
  CHECK(*path.hops[1].share_pct == R("60"));
  CHECK(*path.pct == R("36"));

  auto plus = Own(*g, "plus-t", "2025-10-15");
  CHECK(plus.effective_listed.low_pct == R("56"));
  CHECK(Rule(plus, "ofac.50pct").applies);
  CHECK(plus.listed_owners.size() == 2);
}

TEST_CASE("ownership: a cross-holding cycle terminates with the integrated-ownership value") {
  auto g = LoadFixture("ownership");
  // h(A) = 0.4 + 0.5 h(B), h(B) = 0.5 h(A)  =>  h(A) = 0.4 / 0.75 = 160/3 %, h(B) = 80/3 %.
  auto a = Own(*g, "cyc-a", "2025-10-15");
  CHECK(a.effective_listed.low_pct == Rational(160) / Rational(3));
  CHECK(a.effective_listed.exact);
  CHECK(a.effective_listed.known());
  CHECK(Rule(a, "ofac.50pct").applies);
  CHECK_FALSE(a.notes.empty());
  auto b = Own(*g, "cyc-b", "2025-10-15");
  CHECK(b.effective_listed.low_pct == Rational(80) / Rational(3));
  CHECK_FALSE(Rule(b, "ofac.50pct").applies);
  auto signals = g->Signals("cyc-a", D("2025-10-15"), Pack());
  REQUIRE(signals.ok());
  REQUIRE(signals->size() == 1);
  CHECK((*signals)[0].code == "circular-ownership");
}

TEST_CASE("ownership: an unknown share gives bounds, and the rule is undetermined between them") {
  auto g = LoadFixture("ownership");
  auto r = Own(*g, "unk-t", "2025-10-15");
  // Lower: the unknown share counts as 0. Upper: it takes the unrecorded 50 %.
  CHECK(r.effective_listed.low_pct == R("30"));
  CHECK(r.effective_listed.high_pct == R("80"));
  CHECK_FALSE(r.effective_listed.known());
  const auto& ofac = Rule(r, "ofac.50pct");
  CHECK_FALSE(ofac.applies);
  CHECK_FALSE(ofac.determined);
  CHECK(ofac.why.find("undetermined") != std::string::npos);
  REQUIRE_FALSE(r.notes.empty());
  CHECK(r.notes[0].find("no recorded share") != std::string::npos);
}

TEST_CASE("ownership: each rule counts only its own lists") {
  auto g = LoadFixture("ownership");
  auto r = Own(*g, "el-t", "2025-10-15");
  CHECK(r.effective_listed.low_pct == R("60"));
  CHECK(Rule(r, "bis.affiliates-50pct").applies);  // Entity List owner
  CHECK_FALSE(Rule(r, "ofac.50pct").applies);      // not blocked: no SDN owner
  CHECK(Rule(r, "ofac.50pct").share.low_pct == R("0"));
  // Traced, the Entity List owner is named with the rule, and with the stay while it lasts.
  for (auto [day, label] : {std::pair{"2025-10-15", "bis.affiliates-50pct"},
                            std::pair{"2025-12-01", "bis.affiliates-50pct (stayed)"},
                            std::pair{"2026-11-10", "bis.affiliates-50pct"}}) {
    auto t = g->Trace("el-t", D(day), Pack());
    REQUIRE(t.ok());
    REQUIRE(t->findings.size() == 1);
    CHECK(t->findings[0].party_id == "el-l");
    CHECK_MESSAGE(t->findings[0].rule == label, day);
  }
}

TEST_CASE("ownership: holdings count only on their dates") {
  auto g = LoadFixture("ownership");
  CHECK(Own(*g, "dated-t", "2024-06-01").effective_listed.low_pct == R("60"));
  CHECK(Own(*g, "dated-t", "2025-06-01").effective_listed.low_pct == R("0"));
  CHECK(Own(*g, "agg-t", "2019-12-31").effective_listed.low_pct == R("0"));  // before listing
}

TEST_CASE("ownership: a listed owner's stake through another listed owner is counted once") {
  auto g = LoadFixture("ownership");
  auto r = Own(*g, "nest-t", "2025-10-15");
  CHECK(r.effective_listed.low_pct == R("70"));  // 60 (nest-mid) + 10 (nest-top direct)
  REQUIRE(r.listed_owners.size() == 2);
  CHECK(r.listed_owners[0].party_id == "nest-mid");
  CHECK(r.listed_owners[1].party_id == "nest-top");
  CHECK(r.listed_owners[1].share.low_pct == R("10"));
}

TEST_CASE("ownership: every party at once agrees with the one-party report") {
  auto g = LoadFixture("ownership");
  for (const char* day : {"2024-06-01", "2025-10-15"}) {
    auto all = g->EffectiveListedOwnershipAll(D(day));
    REQUIRE(all.size() == g->party_count());
    for (size_t i = 0; i < all.size(); ++i) {
      const std::string& id = g->PartyAt(i).id;
      auto one = Own(*g, id.c_str(), day);
      CHECK_MESSAGE(all[i].low_pct == one.effective_listed.low_pct, id);
      CHECK_MESSAGE(all[i].high_pct == one.effective_listed.high_pct, id);
    }
  }
}

TEST_CASE("ownership: every rule for every party at once agrees with the one-party report") {
  auto g = LoadFixture("ownership");
  int covered = 0;
  for (const char* day : {"2024-06-01", "2025-10-15", "2025-12-01", "2026-11-20"}) {
    const auto coverage = g->OwnershipCoverageAll(D(day), Pack());
    REQUIRE(!coverage.empty());
    for (size_t i = 0; i < g->party_count(); ++i) {
      const std::string& id = g->PartyAt(i).id;
      auto one = Own(*g, id.c_str(), day);
      REQUIRE(one.rules.size() == coverage.size());
      for (size_t r = 0; r < coverage.size(); ++r) {
        const RuleApplication& a = one.rules[r];
        CHECK_MESSAGE(coverage[r].rule_id == a.id, id);
        CHECK_MESSAGE(coverage[r].standing == a.standing, id);
        CHECK_MESSAGE(coverage[r].shares[i].low_pct == a.share.low_pct, id << " " << a.id);
        CHECK_MESSAGE(coverage[r].shares[i].high_pct == a.share.high_pct, id << " " << a.id);
        CHECK_MESSAGE(static_cast<bool>(coverage[r].meets[i]) == a.meets_threshold, id);
        covered += a.applies;
        // The owners the batch names are the ones the report names.
        if (a.meets_threshold) {
          auto owners = g->ListedOwnerIds(i, D(day), coverage[r].lists);
          auto want = a.listed_owner_ids;
          std::sort(owners.begin(), owners.end());
          std::sort(want.begin(), want.end());
          CHECK_MESSAGE(owners == want, id << " " << a.id);
        }
      }
    }
  }
  CHECK(covered > 0);
}

TEST_CASE("ownership JSON: the interfaces shape") {
  auto g = LoadFixture("ownership");
  auto r = Own(*g, "chain-t", "2025-10-15");
  auto j = nlohmann::json::parse(OwnershipReportToJson(r));
  CHECK(j["party"]["id"] == "chain-t");
  CHECK(j["as_of"] == "2025-10-15");
  CHECK(j["effective_listed_ownership_pct"] == 36);
  CHECK(j["listed_owners"][0]["listed"]["list_id"] == "fx-3");
  CHECK(j["listed_owners"][0]["pct"] == 36);
  CHECK(j["listed_owners"][0]["paths"][0]["path"].size() == 3);
  CHECK(j["rules"][0]["id"] == "bis.affiliates-50pct");
  CHECK(j["rules"][0]["applies"] == false);
  CHECK(j["rules"][0]["why"].get<std::string>().find("36 %") != std::string::npos);
  auto cyc = nlohmann::json::parse(OwnershipReportToJson(Own(*g, "cyc-a", "2025-10-15")));
  CHECK(cyc["effective_listed_ownership_pct"].get<double>() == doctest::Approx(53.3333));
}

}  // namespace
}  // namespace chokepoint
