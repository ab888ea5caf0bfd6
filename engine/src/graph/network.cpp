// PartyNetwork: validated input of parties, links and listings, and the names of the model's
// vocabularies.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "graph/graph_internal.h"

namespace chokepoint {

namespace {

constexpr std::array<const char*, kRelationCount> kRelationNames = {
    "owns",     "director_of",  "officer_of",   "parent_of", "agent_for",
    "ships_to", "same_address", "same_contact", "front_for"};

bool IsAlpha2(const std::string& cc) {
  return cc.size() == 2 && std::isupper(static_cast<unsigned char>(cc[0])) &&
         std::isupper(static_cast<unsigned char>(cc[1]));
}

Status ValidateParty(const Party& p) {
  if (p.id.empty()) return Status::InvalidArgument("party id is empty");
  if (p.name.empty()) return Status::InvalidArgument("party '" + p.id + "': name is empty");
  if (!p.country.empty() && !IsAlpha2(p.country)) {
    return Status::InvalidArgument("party '" + p.id + "': country '" + p.country +
                                   "' is not an ISO 3166-1 alpha-2 code");
  }
  for (const auto& ident : p.identifiers) {
    if (ident.scheme.empty() || ident.value.empty()) {
      return Status::InvalidArgument("party '" + p.id + "': identifier needs scheme and value");
    }
  }
  return Status::OK();
}

// Checks what does not depend on the parties; `share` receives the share as a fraction of 1.
Status ValidateLink(const Link& l, std::optional<Rational>* share) {
  const std::string what = "link " + l.from + " " + RelationName(l.relation) + " " + l.to;
  if (l.derived) return Status::InvalidArgument(what + ": derived links are made by the graph");
  if (l.from == l.to) return Status::InvalidArgument(what + ": a party cannot link to itself");
  if (l.dates.to < l.dates.from) {
    return Status::InvalidArgument(what + ": end date " + l.dates.to.ToString() +
                                   " is before start date " + l.dates.from.ToString());
  }
  share->reset();
  if (!l.share_pct) return Status::OK();
  if (l.relation != Relation::kOwns) {
    return Status::InvalidArgument(what + ": only owns links carry a share");
  }
  if (l.share_pct->IsNegative() || l.share_pct->IsZero() || *l.share_pct > Rational(100)) {
    return Status::InvalidArgument(what + ": share " + l.share_pct->ToString() +
                                   " is not in (0, 100]");
  }
  *share = graph::ShareFromPct(*l.share_pct);
  if (!*share) {
    return Status::InvalidArgument(what + ": share must be a decimal with at most 12 places");
  }
  return Status::OK();
}

}  // namespace

const char* PartyKindName(PartyKind kind) {
  return kind == PartyKind::kPerson ? "person" : "company";
}

std::optional<PartyKind> ParsePartyKind(std::string_view text) {
  if (text == "company") return PartyKind::kCompany;
  if (text == "person") return PartyKind::kPerson;
  return std::nullopt;
}

const char* RelationName(Relation relation) {
  return kRelationNames[static_cast<size_t>(relation)];
}

std::optional<Relation> ParseRelation(std::string_view text) {
  for (size_t i = 0; i < kRelationCount; ++i) {
    if (text == kRelationNames[i]) return static_cast<Relation>(i);
  }
  return std::nullopt;
}

ListingRef ListingRef::FromEntry(const ListEntry& entry) {
  ListingRef r;
  r.source = entry.source;
  r.source_code = entry.source_code;
  r.list_id = entry.list_id;
  r.name = entry.name;
  r.matched_name = entry.name;
  r.type = entry.type;
  r.programs = entry.programs;
  r.countries = entry.Countries();
  r.start_date = entry.start_date;
  r.end_date = entry.end_date;
  return r;
}

bool ListingRef::ListedOn(Date day) const {
  if (start_date && day < *start_date) return false;
  if (end_date && day > *end_date) return false;
  return true;
}

namespace graph {

uint32_t StringPool::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  strings_.emplace_back(s);
  const auto i = static_cast<uint32_t>(strings_.size() - 1);
  index_.emplace(strings_.back(), i);
  return i;
}

namespace {
std::string ListKey(std::string_view s) {
  std::string k;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return k;
}
}  // namespace

ListFilter::ListFilter(std::string_view lists_attribute) {
  size_t pos = 0;
  while (pos <= lists_attribute.size()) {
    size_t comma = lists_attribute.find(',', pos);
    if (comma == std::string_view::npos) comma = lists_attribute.size();
    std::string_view item = lists_attribute.substr(pos, comma - pos);
    Item it;
    if (size_t open = item.find('('); open != std::string_view::npos) {
      size_t close = item.find(')', open);
      it.qualifier = std::string(item.substr(
          open + 1, close == std::string_view::npos ? std::string_view::npos : close - open - 1));
      item = item.substr(0, open);
    }
    it.key = ListKey(item);
    if (!it.key.empty()) items_.push_back(std::move(it));
    pos = comma + 1;
  }
}

const std::string* ListFilter::Qualifier(const ListingRef& l) const {
  if (items_.empty()) return &empty_;
  const std::string source = ListKey(l.source), code = ListKey(l.source_code);
  for (const Item& it : items_) {
    if (it.key == source || it.key == code) return &it.qualifier;
  }
  return nullptr;
}

}  // namespace graph

uint32_t PartyNetwork::Data::Find(std::string_view id) const {
  auto it = by_id.find(id);
  return it == by_id.end() ? graph::kNone : it->second;
}

Link PartyNetwork::Data::ToLink(const graph::LinkRec& l) const {
  Link out;
  out.from = parties[l.from].id;
  out.to = parties[l.to].id;
  out.relation = l.relation;
  if (l.share != graph::kNone) out.share_pct = graph::PctFromShare(shares[l.share]);
  out.dates = l.dates;
  out.source = strings.Get(l.source);
  out.evidence = strings.Get(l.evidence);
  out.derived = l.derived;
  return out;
}

PartyNetwork::PartyNetwork() : data_(std::make_unique<Data>()) {}
PartyNetwork::~PartyNetwork() = default;
PartyNetwork::PartyNetwork(PartyNetwork&&) noexcept = default;
PartyNetwork& PartyNetwork::operator=(PartyNetwork&&) noexcept = default;

Status PartyNetwork::AddParty(Party party) {
  if (Status s = ValidateParty(party); !s.ok()) return s;
  if (data_->by_id.find(party.id) != data_->by_id.end()) {
    return Status::InvalidArgument("duplicate party id '" + party.id + "'");
  }
  data_->by_id.emplace(party.id, static_cast<uint32_t>(data_->parties.size()));
  data_->parties.push_back(std::move(party));
  return Status::OK();
}

Status PartyNetwork::AddLink(Link link) {
  std::optional<Rational> share;
  if (Status s = ValidateLink(link, &share); !s.ok()) return s;
  const uint32_t from = data_->Find(link.from), to = data_->Find(link.to);
  if (from == graph::kNone) return Status::InvalidArgument("unknown party '" + link.from + "'");
  if (to == graph::kNone) return Status::InvalidArgument("unknown party '" + link.to + "'");
  graph::LinkRec rec;
  rec.from = from;
  rec.to = to;
  rec.relation = link.relation;
  rec.dates = link.dates;
  rec.source = data_->strings.Intern(link.source);
  rec.evidence = data_->strings.Intern(link.evidence);
  if (share) {
    rec.share = static_cast<uint32_t>(data_->shares.size());
    data_->shares.push_back(*share);
  }
  data_->links.push_back(rec);
  return Status::OK();
}

Status PartyNetwork::AddDerivedLink(Link link) {
  if (link.evidence.empty()) {
    return Status::InvalidArgument("link " + link.from + " " + RelationName(link.relation) + " " +
                                   link.to + ": a derived link must say what it rests on");
  }
  link.derived = false;  // AddLink refuses derived links from callers; this one is ours
  if (Status s = AddLink(std::move(link)); !s.ok()) return s;
  data_->links.back().derived = true;
  return Status::OK();
}

Status PartyNetwork::AddAll(std::vector<Party> parties, std::vector<Link> links) {
  std::unordered_set<std::string_view> batch;
  for (size_t i = 0; i < parties.size(); ++i) {
    Status s = ValidateParty(parties[i]);
    if (s.ok() &&
        (data_->Find(parties[i].id) != graph::kNone || !batch.insert(parties[i].id).second)) {
      s = Status::InvalidArgument("duplicate party id '" + parties[i].id + "'");
    }
    if (!s.ok()) return s.WithContext("party " + std::to_string(i + 1));
  }
  for (size_t i = 0; i < links.size(); ++i) {
    std::optional<Rational> share;
    Status s = ValidateLink(links[i], &share);
    for (const std::string* id : {&links[i].from, &links[i].to}) {
      if (s.ok() && !batch.count(*id) && data_->Find(*id) == graph::kNone) {
        s = Status::InvalidArgument("unknown party '" + *id + "'");
      }
    }
    if (!s.ok()) return s.WithContext("link " + std::to_string(i + 1));
  }
  // Everything is valid, so the adds below cannot fail.
  for (auto& p : parties) (void)AddParty(std::move(p));
  for (auto& l : links) (void)AddLink(std::move(l));
  return Status::OK();
}

Status PartyNetwork::MarkListed(std::string_view party_id, ListingRef listing) {
  const uint32_t p = data_->Find(party_id);
  if (p == graph::kNone) return Status::NotFound("unknown party '" + std::string(party_id) + "'");
  if (listing.matched_name.empty()) listing.matched_name = listing.name;
  data_->listings[p].push_back(std::move(listing));
  return Status::OK();
}

size_t PartyNetwork::party_count() const { return data_->parties.size(); }
size_t PartyNetwork::link_count() const { return data_->links.size(); }

const Party* PartyNetwork::FindParty(std::string_view id) const {
  const uint32_t p = data_->Find(id);
  return p == graph::kNone ? nullptr : &data_->parties[p];
}

const Party& PartyNetwork::PartyAt(size_t i) const { return data_->parties[i]; }
Link PartyNetwork::LinkAt(size_t i) const { return data_->ToLink(data_->links[i]); }

std::vector<ListingRef> PartyNetwork::ListingsOf(std::string_view party_id) const {
  const uint32_t p = data_->Find(party_id);
  auto it = data_->listings.find(p);
  return it == data_->listings.end() ? std::vector<ListingRef>{} : it->second;
}

}  // namespace chokepoint
