// PartyGraph::Build: derives same_address / same_contact links from the parties' own records and
// freezes everything into a bidirectional compressed-sparse-row graph.
#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_set>
#include <utility>

#include "chokepoint/strings.h"
#include "graph/graph_internal.h"

namespace chokepoint {

namespace {

using graph::kNone;

// Above this many parties at one address (a formation agent's, a virtual office's), pairwise
// links would swamp the graph and the address says little about any one pair; such parties get
// a mass-registration signal instead.
constexpr size_t kMaxPairwise = 20;

}  // namespace

namespace graph {

std::string NormalizeAddress(std::string_view text) {
  static const std::map<std::string, std::string, std::less<>> kAbbrev = {
      {"avenue", "ave"}, {"boulevard", "blvd"}, {"building", "bldg"}, {"floor", "fl"},
      {"road", "rd"},    {"room", "rm"},        {"street", "st"},     {"suite", "ste"},
      {"unit", "ste"},   {"district", "dist"},  {"no", ""},           {"number", ""}};
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    auto it = kAbbrev.find(word);
    const std::string& w = it == kAbbrev.end() ? word : it->second;
    if (!w.empty()) {
      if (!out.empty()) out += ' ';
      out += w;
    }
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace graph

namespace {

using graph::NormalizeAddress;

// "phone:+65 6123-4567" → "phone +6561234567"; "email: Sales@X.com " → "email sales@x.com".
std::string NormalizeContact(const PartyIdentifier& id) {
  std::string scheme;
  for (char c : id.scheme) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string v;
  if (scheme == "phone" || scheme == "tel" || scheme == "fax") {
    for (char c : id.value) {
      if (std::isdigit(static_cast<unsigned char>(c))) v += c;
    }
    if (v.size() < 6) return "";  // too short to identify anyone
    return "phone +" + v;
  }
  if (scheme == "email" || scheme == "e-mail") {
    for (char c : id.value) {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    if (v.find('@') == std::string::npos) return "";
    return "email " + v;
  }
  return "";
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

struct Deriver {
  PartyGraph::Impl* g;
  std::unordered_set<uint64_t> explicit_pairs[2];  // same_address, same_contact

  void Groups(const std::map<std::string, std::vector<uint32_t>>& groups, Relation rel,
              const std::string& source, bool mass_signal) {
    const int k = rel == Relation::kSameAddress ? 0 : 1;
    const uint32_t src = g->net.strings.Intern(source);
    for (const auto& [key, members] : groups) {
      if (members.size() < 2) continue;
      if (members.size() > kMaxPairwise) {
        if (mass_signal) {
          for (uint32_t p : members) g->mass_address[p] = static_cast<uint32_t>(members.size());
        }
        continue;
      }
      const uint32_t evidence =
          g->net.strings.Intern(rel == Relation::kSameAddress ? "address '" + key + "'" : key);
      for (size_t i = 0; i < members.size(); ++i) {
        for (size_t j = i + 1; j < members.size(); ++j) {
          if (members[i] == members[j]) continue;
          if (!explicit_pairs[k].insert(PairKey(members[i], members[j])).second) continue;
          graph::LinkRec rec;
          rec.from = members[i];
          rec.to = members[j];
          rec.relation = rel;
          rec.source = src;
          rec.evidence = evidence;
          rec.derived = true;
          g->net.links.push_back(rec);
          ++g->derived_links;
        }
      }
    }
  }

  void Run() {
    for (const auto& l : g->net.links) {
      if (l.derived) ++g->derived_links;  // made by LinkPartiesToLists before the build
      if (l.relation == Relation::kSameAddress) explicit_pairs[0].insert(PairKey(l.from, l.to));
      if (l.relation == Relation::kSameContact) explicit_pairs[1].insert(PairKey(l.from, l.to));
    }
    // Ordered maps, so derived links come out in the same order on every run.
    std::map<std::string, std::vector<uint32_t>> addresses, contacts;
    for (uint32_t p = 0; p < g->net.parties.size(); ++p) {
      const Party& party = g->net.parties[p];
      std::string addr = NormalizeAddress(party.address);
      if (!addr.empty()) {
        if (!party.country.empty()) addr += ", " + party.country;
        addresses[addr].push_back(p);
      }
      for (const auto& id : party.identifiers) {
        std::string c = NormalizeContact(id);
        if (!c.empty()) {
          auto& v = contacts[c];
          if (v.empty() || v.back() != p) v.push_back(p);
        }
      }
    }
    Groups(addresses, Relation::kSameAddress, "derived: parties share a normalised address", true);
    Groups(contacts, Relation::kSameContact, "derived: parties share a phone number or e-mail",
           false);
  }
};

}  // namespace

Result<std::shared_ptr<const PartyGraph>> PartyGraph::Build(PartyNetwork network) {
  auto impl = std::make_unique<Impl>();
  impl->net = std::move(*network.data_);
  Deriver{impl.get(), {}}.Run();

  Impl& g = *impl;
  g.listed.assign(g.net.parties.size(), 0);
  for (const auto& [p, refs] : g.net.listings) g.listed[p] = refs.empty() ? 0 : 1;
  static_assert(kRelationCount <= 16, "relation masks are 16 bits");
  g.out_relations.assign(g.net.parties.size(), 0);
  g.in_relations.assign(g.net.parties.size(), 0);
  for (const graph::LinkRec& l : g.net.links) {
    g.out_relations[l.from] |= static_cast<uint16_t>(1u << static_cast<unsigned>(l.relation));
    g.in_relations[l.to] |= static_cast<uint16_t>(1u << static_cast<unsigned>(l.relation));
  }

  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::vector<uint32_t> props;
  edges.reserve(g.net.links.size());
  props.reserve(g.net.links.size());
  for (uint32_t i = 0; i < g.net.links.size(); ++i) {
    edges.emplace_back(g.net.links[i].from, g.net.links[i].to);
    props.push_back(i);
  }
  try {
    g.csr = graph::Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(),
                       props.begin(), static_cast<uint32_t>(g.net.parties.size()));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("building the party graph: ") + e.what());
  }
  return std::shared_ptr<const PartyGraph>(new PartyGraph(std::move(impl)));
}

PartyGraph::PartyGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PartyGraph::~PartyGraph() = default;

size_t PartyGraph::party_count() const { return impl_->net.parties.size(); }
size_t PartyGraph::link_count() const { return impl_->net.links.size(); }
size_t PartyGraph::derived_link_count() const { return impl_->derived_links; }

const Party* PartyGraph::FindParty(std::string_view id) const {
  const uint32_t p = impl_->net.Find(id);
  return p == kNone ? nullptr : &impl_->net.parties[p];
}

const Party& PartyGraph::PartyAt(size_t i) const { return impl_->net.parties[i]; }

Result<std::string> PartyGraph::ResolveParty(std::string_view id_or_name) const {
  if (FindParty(id_or_name)) return std::string(id_or_name);
  const std::string want = AsciiLower(id_or_name);
  if (want.empty()) return Status::InvalidArgument("empty party name");
  std::vector<uint32_t> whole, part;
  for (uint32_t p = 0; p < impl_->net.parties.size(); ++p) {
    const std::string name = AsciiLower(impl_->net.parties[p].name);
    if (name == want)
      whole.push_back(p);
    else if (name.find(want) != std::string::npos)
      part.push_back(p);
  }
  const std::vector<uint32_t>& hits = whole.empty() ? part : whole;
  if (hits.size() == 1) return impl_->net.parties[hits[0]].id;
  if (hits.empty()) return Status::NotFound("no party named '" + std::string(id_or_name) + "'");
  std::string msg = "'" + std::string(id_or_name) + "' is ambiguous:";
  for (size_t i = 0; i < hits.size() && i < 10; ++i) {
    const Party& p = impl_->net.parties[hits[i]];
    msg += (i ? ", " : " ") + p.id + " (" + p.name + ")";
  }
  if (hits.size() > 10) msg += ", ...";
  return Status::InvalidArgument(msg);
}

std::vector<const ListingRef*> PartyGraph::Impl::ActiveListings(
    uint32_t p, Date day, const graph::ListFilter& filter) const {
  std::vector<const ListingRef*> out;
  if (!listed[p]) return out;
  for (const auto& l : net.listings.at(p)) {
    if (l.ListedOn(day) && filter.Matches(l)) out.push_back(&l);
  }
  return out;
}

bool PartyGraph::Impl::ListedOn(uint32_t p, Date day, const graph::ListFilter& filter) const {
  if (!listed[p]) return false;
  for (const auto& l : net.listings.at(p)) {
    if (l.ListedOn(day) && filter.Matches(l)) return true;
  }
  return false;
}

std::optional<Rational> PartyGraph::Impl::SharePct(const graph::LinkRec& l) const {
  if (l.share == kNone) return std::nullopt;
  return graph::PctFromShare(net.shares[l.share]);
}

PathHop PartyGraph::Impl::StartHop(uint32_t p) const {
  PathHop h;
  h.party_id = net.parties[p].id;
  h.party_name = net.parties[p].name;
  return h;
}

PathHop PartyGraph::Impl::Hop(uint32_t p, uint32_t li, bool reverse) const {
  const graph::LinkRec& l = net.links[li];
  PathHop h = StartHop(p);
  h.relation = l.relation;
  h.reverse = reverse;
  h.share_pct = SharePct(l);
  h.dates = l.dates;
  h.source = net.strings.Get(l.source);
  // The fact in words, so a reviewer reads the hop without decoding direction flags.
  h.evidence = net.parties[l.from].name + " " + RelationName(l.relation) +
               (h.share_pct ? " " + h.share_pct->ToString(4) + " % of " : " ") +
               net.parties[l.to].name;
  if (!(l.dates.from == Date::Min() && l.dates.to == Date::Max())) {
    h.evidence += " (" + l.dates.ToString() + ")";
  }
  if (l.evidence != 0) h.evidence += ": " + net.strings.Get(l.evidence);
  return h;
}

}  // namespace chokepoint
