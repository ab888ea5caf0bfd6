// AuditNetworkBuilder: a ledger's parties and shipments joined to the party network.
#include <algorithm>
#include <map>

#include "chokepoint/list_links.h"
#include "chokepoint/parallel.h"
#include "chokepoint/shipment_audit.h"
#include "chokepoint/strings.h"

namespace chokepoint {

std::string AuditPartyKey(std::string_view name, std::string_view country) {
  std::string key = NormalizeName(name).joined;
  if (key.empty()) key = AsciiLower(name);
  key += '|';
  key += country;
  return key;
}

std::string AuditPartySpelling(std::string_view name, std::string_view country) {
  std::string s(name);
  s += '\x1f';
  s += country;
  return s;
}

namespace {

struct LedgerParty {
  std::string name;  // as first written
  std::string country;
};

struct LedgerLink {
  Date first = Date::Max();
  Date last = Date::Min();
  int64_t shipments = 0;
};

}  // namespace

struct AuditNetworkBuilder::State {
  // Ordered maps: the graph's parties and links come out in the same order on every run.
  std::map<std::string, LedgerParty> parties;
  std::map<std::pair<std::string, std::string>, LedgerLink> links;
  std::unordered_map<std::string, std::string> key_of;  // spelling → key

  const std::string& Add(const ShipmentParty& p) {
    std::string spelling = AuditPartySpelling(p.name, p.country);
    auto known = key_of.find(spelling);
    if (known == key_of.end()) {
      std::string key = AuditPartyKey(p.name, p.country);
      parties.try_emplace(key, LedgerParty{p.name, p.country});
      known = key_of.emplace(std::move(spelling), std::move(key)).first;
    }
    return known->second;
  }
};

AuditNetworkBuilder::AuditNetworkBuilder() : state_(std::make_unique<State>()) {}
AuditNetworkBuilder::~AuditNetworkBuilder() = default;

size_t AuditNetworkBuilder::distinct_parties() const { return state_->parties.size(); }

std::vector<std::pair<std::string, ShipmentParty>> AuditNetworkBuilder::Parties() const {
  std::vector<std::pair<std::string, ShipmentParty>> out;
  out.reserve(state_->parties.size());
  for (const auto& [key, p] : state_->parties) out.push_back({key, {p.name, p.country}});
  return out;
}

void AuditNetworkBuilder::AddShipment(const Shipment& s) {
  // The chain goods travel along; parties the ledger leaves empty drop out of it.
  std::vector<const ShipmentParty*> chain;
  for (const ShipmentParty* p : {&s.exporter}) chain.push_back(p);
  for (const ShipmentParty& p : s.intermediaries) chain.push_back(&p);
  chain.push_back(&s.consignee);
  chain.push_back(&s.end_user);
  std::string previous;
  for (const ShipmentParty* p : chain) {
    if (p->name.empty()) continue;
    std::string key = state_->Add(*p);
    if (!previous.empty() && previous != key) {
      LedgerLink& link = state_->links[{previous, key}];
      link.first = std::min(link.first, s.ship_date);
      link.last = std::max(link.last, s.ship_date);
      ++link.shipments;
    }
    previous = std::move(key);
  }
  if (!s.buyer.name.empty()) state_->Add(s.buyer);
}

Result<AuditNetworkBuilder::Built> AuditNetworkBuilder::Build(PartyNetwork network,
                                                              const ScreeningIndex& index,
                                                              const AuditOptions& options,
                                                              int threads) {
  // Network parties by key; a ledger party without a country joins a network party of that name
  // when only one has it.
  std::unordered_map<std::string, std::string> by_key;
  std::unordered_map<std::string, std::vector<std::string>> by_name;
  for (size_t i = 0; i < network.party_count(); ++i) {
    const Party& p = network.PartyAt(i);
    by_key.emplace(AuditPartyKey(p.name, p.country), p.id);
    by_name[AuditPartyKey(p.name, "")].push_back(p.id);
  }
  Built out;
  std::vector<std::string> keys;
  keys.reserve(state_->parties.size());
  std::unordered_map<std::string, std::string> graph_id;
  for (const auto& [key, party] : state_->parties) {
    keys.push_back(key);
    auto it = by_key.find(key);
    std::string id;
    if (it != by_key.end()) {
      id = it->second;
    } else if (auto named = by_name.find(AuditPartyKey(party.name, ""));
               party.country.empty() && named != by_name.end() && named->second.size() == 1) {
      id = named->second.front();
    } else {
      Party p;
      p.id = "ledger:" + key;
      p.name = party.name;
      p.country = party.country;
      if (Status s = network.AddParty(std::move(p)); !s.ok()) {
        return s.WithContext("ledger party '" + party.name + "'");
      }
      id = "ledger:" + key;
    }
    graph_id.emplace(key, std::move(id));
  }
  for (const auto& [pair, link] : state_->links) {
    Link l;
    l.from = graph_id.at(pair.first);
    l.to = graph_id.at(pair.second);
    if (l.from == l.to) continue;
    l.relation = Relation::kShipsTo;
    l.dates = DateRange{link.first, link.last};
    l.source = "ledger: " + std::to_string(link.shipments) + " shipment" +
               (link.shipments == 1 ? "" : "s") + " " + link.first.ToString() + ".." +
               link.last.ToString();
    if (Status s = network.AddLink(std::move(l)); !s.ok()) return s.WithContext("ledger link");
    ++out.ledger_links;
  }

  ListLinkOptions link_options;
  auto linked = LinkPartiesToLists(index, &network, link_options);
  if (!linked.ok()) return linked.status();

  // Each distinct ledger party is screened once, for every date; shipments filter by their day.
  std::vector<AuditPartyProfile> profiles(keys.size());
  // threads <= 0 has always meant the calling thread alone (not one per core).
  ParallelFor(keys.size(), static_cast<unsigned>(std::max(1, threads)), [&](size_t i) {
    const LedgerParty& party = state_->parties.at(keys[i]);
    ScreenQuery q;
    q.name = party.name;
    if (!party.country.empty()) q.country = party.country;
    q.any_date = true;
    q.threshold = options.screen_threshold;
    q.limit = 10;
    profiles[i].hits = index.Screen(q);
    profiles[i].graph_id = graph_id.at(keys[i]);
    profiles[i].key = keys[i];
  });
  std::unordered_map<std::string, size_t> slot;
  for (size_t i = 0; i < keys.size(); ++i) slot.emplace(keys[i], i);
  for (const auto& [spelling, key] : state_->key_of) {
    out.profiles.emplace(spelling, profiles[slot.at(key)]);
  }

  auto graph = PartyGraph::Build(std::move(network));
  if (!graph.ok()) return graph.status();
  out.graph = *graph;
  return out;
}

}  // namespace chokepoint
