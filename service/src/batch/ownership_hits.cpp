#include "ownership_hits.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chokepoint/graph.h"
#include "chokepoint/list_links.h"
#include "chokepoint/sha256.h"

namespace chokepoint::service {

namespace {

using hit_ledger::CurrentHit;
using hit_ledger::HitId;
using hit_ledger::kOwnershipSource;

using Json = nlohmann::ordered_json;

std::string Pct(const Rational& r) { return r.ToString(); }

std::string Range(const ShareBounds& b) {
  const std::string low = Pct(b.low_pct), high = Pct(b.high_pct);
  return low == high ? low + " %" : low + " % to " + high + " %";
}

constexpr size_t kOwnersNamed = 5;  // in the HIT's name; `ownership.listed_owners` has them all

// The HIT shape of docs/interfaces, so alert consumers read it like a list hit, plus the ownership
// finding itself.
std::string HitJson(const Party& party, const PartyGraph::RuleCoverage& rule,
                    const ShareBounds& share, const std::vector<const Party*>& owners, Date as_of) {
  std::string names;
  Json listed = Json::array();
  for (size_t k = 0; k < owners.size(); ++k) {
    if (k < kOwnersNamed) names += (names.empty() ? "" : "; ") + owners[k]->name;
    listed.push_back({{"party_id", owners[k]->id}, {"name", owners[k]->name}});
  }
  if (owners.size() > kOwnersNamed) {
    names += " and " + std::to_string(owners.size() - kOwnersNamed) + " more";
  }
  const std::string why = "owned " + Range(share) + " on " + as_of.ToString() + " by parties on " +
                          rule.lists + " (" + names + "), directly or " +
                          "indirectly: at or above the " + Pct(rule.threshold_pct) +
                          " % threshold of " + rule.rule_id;
  Json j = {{"list_id", rule.rule_id},
            {"source", "Ownership rule"},
            {"source_code", kOwnershipSource},
            {"name", names},
            {"matched_name", party.name},
            {"matched_kind", "ownership"},
            {"score", 1.0},
            {"type", party.kind == PartyKind::kPerson ? "individual" : "entity"},
            {"programs", Json::array()},
            {"countries", Json::array()},
            {"start_date", nullptr},
            {"snapshot", nullptr},
            {"explanation", why},
            {"ownership",
             {{"rule", rule.rule_id},
              {"citation", rule.citation},
              {"as_of", as_of.ToString()},
              {"threshold_pct", Pct(rule.threshold_pct)},
              {"low_pct", Pct(share.low_pct)},
              {"high_pct", Pct(share.high_pct)},
              {"listed_owners", std::move(listed)}}}};
  return j.dump();
}

}  // namespace

Result<std::unordered_map<std::string, std::vector<CurrentHit>>> OwnershipHits(
    Store& store, const ScreeningIndex& index, const RulePack& pack, Date as_of) {
  std::unordered_map<std::string, std::vector<CurrentHit>> out;
  auto loaded = LoadLinkedNetwork(store, index);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->graph) return out;
  const PartyGraph& g = *loaded->graph;
  // One solve per rule over the whole network: a per-party report would rebuild the same cone of
  // owners for every company a cross-holding group holds.
  for (const PartyGraph::RuleCoverage& rule : g.OwnershipCoverageAll(as_of, pack)) {
    if (rule.standing != RuleStanding::kInForce) continue;
    for (size_t i = 0; i < rule.meets.size(); ++i) {
      if (!rule.meets[i]) continue;
      const Party& party = g.PartyAt(i);
      std::vector<std::string> ids = g.ListedOwnerIds(i, as_of, rule.lists);
      std::sort(ids.begin(), ids.end());
      std::vector<const Party*> owners;
      for (const std::string& id : ids) owners.push_back(g.FindParty(id));
      // What the finding rests on: a new owner or a moved share is a changed entry.
      const ShareBounds& share = rule.shares[i];
      std::string basis =
          rule.rule_id + '\x1f' + share.low_pct.ToString(8) + '\x1f' + share.high_pct.ToString(8);
      for (const std::string& id : ids) basis += '\x1f' + id;
      auto hash = Sha256Hex(basis);
      if (!hash.ok()) return hash.status();
      CurrentHit hit;
      hit.hit_id = HitId(party.id, kOwnershipSource, rule.rule_id);
      hit.source_code = kOwnershipSource;
      hit.list_id = rule.rule_id;
      hit.entry_hash = *hash;
      hit.score = 1.0;
      hit.json = HitJson(party, rule, share, owners, as_of);
      out[party.id].push_back(std::move(hit));
    }
  }
  return out;
}

}  // namespace chokepoint::service
