#include "batch/ownership_hits.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chokepoint/graph.h"
#include "chokepoint/list_links.h"
#include "chokepoint/sha256.h"

namespace chokepoint::batch_internal {

namespace {

using Json = nlohmann::ordered_json;

// The HIT shape of docs/interfaces, so alert consumers read it like a list hit, plus the ownership
// finding itself.
std::string HitJson(const OwnershipReport& report, const RuleApplication& rule,
                    const std::vector<std::string>& owner_names, Date as_of) {
  std::string names;
  for (const std::string& n : owner_names) names += (names.empty() ? "" : "; ") + n;
  Json owners = Json::array();
  for (const ListedOwner& o : report.listed_owners) {
    if (std::find(rule.listed_owner_ids.begin(), rule.listed_owner_ids.end(), o.party_id) ==
        rule.listed_owner_ids.end()) {
      continue;
    }
    owners.push_back({{"party_id", o.party_id},
                      {"name", o.party_name},
                      {"low_pct", o.share.low_pct.ToString()},
                      {"high_pct", o.share.high_pct.ToString()}});
  }
  Json j = {{"list_id", rule.id},
            {"source", "Ownership rule"},
            {"source_code", kOwnershipSource},
            {"name", names},
            {"matched_name", report.party.name},
            {"matched_kind", "ownership"},
            {"score", 1.0},
            {"type", report.party.kind == PartyKind::kPerson ? "individual" : "entity"},
            {"programs", Json::array()},
            {"countries", Json::array()},
            {"start_date", nullptr},
            {"snapshot", nullptr},
            {"explanation", rule.why},
            {"ownership",
             {{"rule", rule.id},
              {"citation", rule.citation},
              {"as_of", as_of.ToString()},
              {"threshold_pct", rule.threshold_pct.ToString()},
              {"low_pct", rule.share.low_pct.ToString()},
              {"high_pct", rule.share.high_pct.ToString()},
              {"listed_owners", std::move(owners)}}}};
  return j.dump();
}

}  // namespace

Result<std::unordered_map<std::string, std::vector<CurrentHit>>> OwnershipHits(
    Store& store, const ScreeningIndex& index, const RulePack& pack, Date as_of) {
  std::unordered_map<std::string, std::vector<CurrentHit>> out;
  PartyNetwork network;
  if (Status s = store.LoadPartyNetwork(&network); !s.ok()) return s;
  if (network.party_count() == 0) return out;
  auto linked = LinkPartiesToLists(index, &network, ListLinkOptions{});
  if (!linked.ok()) return linked.status();
  auto graph = PartyGraph::Build(std::move(network));
  if (!graph.ok()) return graph.status();
  const PartyGraph& g = **graph;
  // One pass finds every party with any listed owner; only those get the per-rule report.
  const std::vector<ShareBounds> all = g.EffectiveListedOwnershipAll(as_of);
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].high_pct == Rational(0)) continue;
    const Party& party = g.PartyAt(i);
    auto report = g.Ownership(party.id, as_of, pack);
    if (!report.ok()) return report.status();
    for (const RuleApplication& rule : report->rules) {
      if (!rule.applies) continue;
      std::vector<std::string> ids = rule.listed_owner_ids;
      std::sort(ids.begin(), ids.end());
      std::vector<std::string> names;
      for (const std::string& id : ids) {
        const Party* owner = g.FindParty(id);
        names.push_back(owner ? owner->name : id);
      }
      // What the finding rests on: a new owner or a moved share is a changed entry.
      std::string basis = rule.id + '\x1f' + rule.share.low_pct.ToString(8) + '\x1f' +
                          rule.share.high_pct.ToString(8);
      for (const std::string& id : ids) basis += '\x1f' + id;
      auto hash = Sha256Hex(basis);
      if (!hash.ok()) return hash.status();
      CurrentHit hit;
      hit.hit_id = HitId(party.id, kOwnershipSource, rule.id);
      hit.source_code = kOwnershipSource;
      hit.list_id = rule.id;
      hit.entry_hash = *hash;
      hit.score = 1.0;
      hit.json = HitJson(*report, rule, names, as_of);
      out[party.id].push_back(std::move(hit));
    }
  }
  return out;
}

}  // namespace chokepoint::batch_internal
