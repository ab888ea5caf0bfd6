// The party network's private representation: compact link records, interned strings, and the
// Boost.Graph compressed-sparse-row graph the frozen PartyGraph walks. Nothing here leaves the
// engine (style-anchors §5.7): the public header speaks only in value types.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chokepoint/graph.h"
#include "graph/amount.h"
#include "graph/boost_graph.h"

namespace chokepoint {

namespace graph {

inline constexpr uint32_t kNone = UINT32_MAX;

class TraceIndex;  // trace_index.h

// Lower case, punctuation to spaces, runs of spaces collapsed, common street words abbreviated,
// so "12 Marina Blvd., #05-01" and "12 MARINA BOULEVARD #05 01" compare equal.
std::string NormalizeAddress(std::string_view text);

// Sources repeat across thousands of links ("registry extract 2024-05"), so they are stored once.
class StringPool {
 public:
  StringPool() { Intern(""); }
  uint32_t Intern(std::string_view s);
  const std::string& Get(uint32_t i) const { return strings_[i]; }

 private:
  std::deque<std::string> strings_;  // a deque keeps the views in index_ valid as it grows
  std::unordered_map<std::string_view, uint32_t> index_;
};

struct LinkRec {
  uint32_t from = 0;
  uint32_t to = 0;
  DateRange dates;
  uint32_t source = 0;     // StringPool
  uint32_t evidence = 0;   // StringPool
  uint32_t share = kNone;  // index into NetworkData::shares; kNone: none or unknown
  Relation relation = Relation::kOwns;
  bool derived = false;
};

inline bool LinkActive(const LinkRec& l, Date day) { return l.dates.Contains(day); }

// Lets the id index answer string_view lookups without building a std::string each time.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The only place "which lists count" is decided: a rule's `lists` attribute ("Entity List,
// Military End-User List, SDN (744.8 programs)") or, empty, every list.
class ListFilter {
 public:
  ListFilter() = default;  // every list
  explicit ListFilter(std::string_view lists_attribute);
  bool any() const { return items_.empty(); }
  // nullptr when `l` is not on one of the lists; else the item it matched, whose qualifier (the
  // text in parentheses) the caller reports as not verified.
  const std::string* Qualifier(const ListingRef& l) const;
  bool Matches(const ListingRef& l) const { return any() || Qualifier(l) != nullptr; }

 private:
  struct Item {
    std::string key;  // lower-case letters and digits only: "militaryenduserlist"
    std::string qualifier;
  };
  std::vector<Item> items_;
  std::string empty_;
};

}  // namespace graph

struct PartyNetwork::Data {
  std::vector<Party> parties;
  std::unordered_map<std::string, uint32_t, graph::StringHash, std::equal_to<>> by_id;
  std::vector<graph::LinkRec> links;
  std::vector<Rational> shares;  // fractions of 1
  graph::StringPool strings;
  std::unordered_map<uint32_t, std::vector<ListingRef>> listings;

  uint32_t Find(std::string_view id) const;  // kNone when absent
  Link ToLink(const graph::LinkRec& l) const;
};

struct PartyGraph::Impl {
  PartyNetwork::Data net;
  size_t derived_links = 0;
  // Parties whose normalised address is shared by more parties than are linked pairwise.
  std::unordered_map<uint32_t, uint32_t> mass_address;  // party → parties at that address
  std::vector<uint8_t> listed;  // 1 when the party carries any listing (on any day)
  // Per party, bit r set when it has a link of relation r leaving it (out) or reaching it (in),
  // on any day: lets a walk skip a hub's thousands of ships_to links when it wants its owners.
  std::vector<uint16_t> out_relations, in_relations;
  bool HasLinks(uint32_t p, Relation r, bool incoming) const {
    return ((incoming ? in_relations : out_relations)[p] >> static_cast<unsigned>(r)) & 1u;
  }
  graph::Csr csr;

  // The trace index for a weight set and hop limit (trace_index.h), built on first use.
  std::shared_ptr<const graph::TraceIndex> TraceIndexFor(const RelationWeights& weights,
                                                         int max_hops) const;
  mutable std::mutex trace_index_mu;
  mutable std::vector<std::shared_ptr<const graph::TraceIndex>> trace_indexes;

  const graph::LinkRec& link(uint32_t i) const { return net.links[i]; }
  const Party& party(uint32_t i) const { return net.parties[i]; }
  // Listings of `p` that count on `day` and pass `filter`.
  std::vector<const ListingRef*> ActiveListings(uint32_t p, Date day,
                                                const graph::ListFilter& filter) const;
  bool ListedOn(uint32_t p, Date day, const graph::ListFilter& filter) const;
  // A hop over link `l`, for paths; `reverse` when walked from `to` to `from`.
  PathHop Hop(uint32_t party, uint32_t l, bool reverse) const;
  PathHop StartHop(uint32_t party) const;
  std::optional<Rational> SharePct(const graph::LinkRec& l) const;
};

}  // namespace chokepoint
