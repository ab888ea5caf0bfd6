// LinkPartiesToLists: name, identifier and street-address evidence between a party network and
// the screening index's list entries.
#include "chokepoint/list_links.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "graph/graph_internal.h"

namespace chokepoint {

namespace {

// A street line identifies a place only when it is specific: a number and at least two more
// words ("109 deya rd"), not "Changsha" or "Kaifu District".
constexpr size_t kMinStreetTokens = 3;
constexpr size_t kMaxStreetTokens = 16;
// A list address met by more parties than this is a registered-agent or campus address; tying
// every one of them to the entry would drown the real ties.
constexpr size_t kMaxPartiesPerAddress = 20;
// Identifier values shorter than this ("123", "A1") collide by chance.
constexpr size_t kMinIdentifierChars = 6;

std::vector<std::string> Words(const std::string& normalized) {
  std::vector<std::string> out;
  std::istringstream in(normalized);
  for (std::string w; in >> w;) out.push_back(std::move(w));
  return out;
}

bool AnyDigit(const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  });
}

std::string IdentifierKey(std::string_view value) {
  std::string key;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) key += static_cast<char>(std::toupper(u));
  }
  return key;
}

// The specific part of a published address: from its first comma-separated segment that holds a
// number, as many segments as it takes to reach kMinStreetTokens words ("109 Deya Road";
// "Room 717, Building 41"). Empty when the address names no numbered place. City and province
// are left out on purpose: parties write them in every spelling, and they identify nothing.
std::string StreetKey(const std::string& text) {
  std::vector<std::string> key;
  size_t pos = 0;
  while (pos <= text.size() && key.size() < kMinStreetTokens) {
    size_t comma = text.find_first_of(",;", pos);
    if (comma == std::string::npos) comma = text.size();
    std::vector<std::string> words = Words(graph::NormalizeAddress(text.substr(pos, comma - pos)));
    if (!key.empty() || AnyDigit(words)) key.insert(key.end(), words.begin(), words.end());
    pos = comma + 1;
  }
  if (key.size() < kMinStreetTokens || key.size() > kMaxStreetTokens) return "";
  std::string out;
  for (const std::string& w : key) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string JoinAddress(const ListAddress& a) {
  std::string out = a.text;
  for (const std::string* part : {&a.city, &a.region, &a.postal_code, &a.country}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out;
}

std::string Score2(double score) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << score;
  return out.str();
}

bool HasListing(const PartyNetwork& network, const std::string& party_id, const ListEntry& e) {
  for (const ListingRef& l : network.ListingsOf(party_id)) {
    if (l.source_code == e.source_code && l.list_id == e.list_id) return true;
  }
  return false;
}

ListingRef RefFor(const ScreeningIndex& index, size_t entry, std::string evidence) {
  ListingRef ref = ListingRef::FromEntry(index.EntryAt(entry));
  ref.snapshot_id = index.SnapshotIdAt(entry);
  ref.evidence = std::move(evidence);
  return ref;
}

void LinkByName(const ScreeningIndex& index, const ListLinkOptions& options, PartyNetwork* network,
                ListLinkReport* report) {
  for (size_t i = 0; i < network->party_count(); ++i) {
    const Party& party = network->PartyAt(i);
    ScreenQuery q;
    q.name = party.name;
    if (!party.country.empty()) q.country = party.country;
    q.type = party.kind == PartyKind::kPerson ? PartyType::kIndividual : PartyType::kEntity;
    q.any_date = true;
    q.threshold = options.name_threshold;
    q.limit = 5;
    for (const ScreenHit& hit : index.Screen(q)) {
      ListingRef ref = ListingRef::FromEntry(*hit.entry);
      ref.snapshot_id = hit.snapshot_id;
      ref.score = hit.score;
      ref.matched_name = hit.matched_name;
      ref.evidence = "name " + Score2(hit.score) + " on '" + hit.matched_name + "'";
      (void)network->MarkListed(party.id, std::move(ref));  // the party exists: cannot fail
      ++report->by_name;
    }
  }
}

void LinkByIdentifier(const ScreeningIndex& index, PartyNetwork* network, ListLinkReport* report) {
  std::unordered_map<std::string, std::vector<size_t>> by_value;
  for (size_t e = 0; e < index.entries(); ++e) {
    for (const ListIdentifier& id : index.EntryAt(e).ids) {
      std::string key = IdentifierKey(id.value);
      if (key.size() >= kMinIdentifierChars) by_value[key].push_back(e);
    }
  }
  if (by_value.empty()) return;
  for (size_t i = 0; i < network->party_count(); ++i) {
    const Party& party = network->PartyAt(i);
    std::set<size_t> matched;
    for (const PartyIdentifier& pid : party.identifiers) {
      auto it = by_value.find(IdentifierKey(pid.value));
      if (it == by_value.end()) continue;
      for (size_t e : it->second) {
        if (HasListing(*network, party.id, index.EntryAt(e)) || !matched.insert(e).second) {
          continue;
        }
        ListingRef ref =
            RefFor(index, e, "identifier " + pid.scheme + " " + pid.value + " is on the entry");
        ref.matched_name = ref.name;
        (void)network->MarkListed(party.id, std::move(ref));
        ++report->by_identifier;
      }
    }
  }
}

struct StreetRef {
  size_t entry;
  size_t address;
};

void LinkByAddress(const ScreeningIndex& index, PartyNetwork* network, ListLinkReport* report) {
  std::unordered_map<std::string, std::vector<StreetRef>> streets;
  for (size_t e = 0; e < index.entries(); ++e) {
    const ListEntry& entry = index.EntryAt(e);
    for (size_t a = 0; a < entry.addresses.size(); ++a) {
      std::string key = StreetKey(entry.addresses[a].text);
      if (!key.empty()) streets[key].push_back({e, a});
    }
  }
  if (streets.empty()) return;

  // (entry, address) → parties whose address holds it, in party order.
  std::map<std::pair<size_t, size_t>, std::vector<size_t>> holders;
  for (size_t i = 0; i < network->party_count(); ++i) {
    const Party& party = network->PartyAt(i);
    std::vector<std::string> words = Words(graph::NormalizeAddress(party.address));
    std::set<std::pair<size_t, size_t>> seen;
    for (size_t begin = 0; begin < words.size(); ++begin) {
      std::string key;
      for (size_t end = begin; end < words.size() && end - begin < kMaxStreetTokens; ++end) {
        if (!key.empty()) key += ' ';
        key += words[end];
        if (end - begin + 1 < kMinStreetTokens) continue;
        auto it = streets.find(key);
        if (it == streets.end()) continue;
        for (const StreetRef& ref : it->second) {
          const ListEntry& entry = index.EntryAt(ref.entry);
          const std::string& cc = entry.addresses[ref.address].country;
          if (!party.country.empty() && cc.size() == 2 && cc != party.country) continue;
          if (HasListing(*network, party.id, entry)) continue;
          if (seen.insert({ref.entry, ref.address}).second) {
            holders[{ref.entry, ref.address}].push_back(i);
          }
        }
      }
    }
  }

  for (const auto& [where, parties] : holders) {
    if (parties.size() > kMaxPartiesPerAddress) continue;
    const auto [e, a] = where;
    const ListEntry& entry = index.EntryAt(e);
    const std::string entry_party = "list:" + entry.source_code + ":" + entry.list_id;
    if (network->FindParty(entry_party) == nullptr) {
      Party p;
      p.id = entry_party;
      p.name = entry.name;
      p.kind = entry.type == PartyType::kIndividual ? PartyKind::kPerson : PartyKind::kCompany;
      for (const std::string& cc : entry.Countries()) {
        if (cc.size() == 2 && std::isupper(static_cast<unsigned char>(cc[0])) &&
            std::isupper(static_cast<unsigned char>(cc[1]))) {
          p.country = cc;
          break;
        }
      }
      // No address on the entry's party: the builder would otherwise derive a second, weaker
      // same_address link from it; the link below carries the address as evidence instead.
      if (!network->AddParty(std::move(p)).ok()) continue;
      (void)network->MarkListed(entry_party, RefFor(index, e, "the list entry itself"));
      ++report->entry_parties;
    }
    const std::string listed_address = JoinAddress(entry.addresses[a]);
    for (size_t i : parties) {
      const Party& party = network->PartyAt(i);
      Link link;
      link.from = party.id;
      link.to = entry_party;
      link.relation = Relation::kSameAddress;
      link.source = entry.source + " entry " + entry.list_id + " (snapshot " +
                    std::to_string(index.SnapshotIdAt(e)) + ")";
      link.evidence =
          "address '" + party.address + "' holds the listed address '" + listed_address + "'";
      if (network->AddDerivedLink(std::move(link)).ok()) ++report->address_links;
    }
  }
}

}  // namespace

Result<ListLinkReport> LinkPartiesToLists(const ScreeningIndex& index, PartyNetwork* network,
                                          const ListLinkOptions& options) {
  if (network == nullptr) return Status::InvalidArgument("LinkPartiesToLists: no network");
  ListLinkReport report;
  LinkByName(index, options, network, &report);
  if (options.by_identifier) LinkByIdentifier(index, network, &report);
  if (options.by_address) LinkByAddress(index, network, &report);
  return report;
}

Result<LinkedNetwork> LoadLinkedNetwork(PartyNetworkStore& store, const ScreeningIndex& index,
                                        const ListLinkOptions& options) {
  LinkedNetwork out;
  PartyNetwork network;
  if (Status s = store.LoadPartyNetwork(&network); !s.ok()) return s;
  if (network.party_count() == 0) return out;
  auto linked = LinkPartiesToLists(index, &network, options);
  if (!linked.ok()) return linked.status();
  out.report = *linked;
  auto graph = PartyGraph::Build(std::move(network));
  if (!graph.ok()) return graph.status();
  out.graph = *graph;
  return out;
}

}  // namespace chokepoint
