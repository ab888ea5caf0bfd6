// Party network: who owns, directs, fronts for and ships to whom, as dated and sourced links, and
// which parties carry list entries. Feed a PartyNetwork (from CSV, a store or code), then freeze it
// into a PartyGraph and ask, as of a day:
//   - Trace: which listed parties are reachable within K hops, ranked by evidence strength, each
//     with its full path;
//   - Ownership: the effective share of a party held by listed parties (products along chains,
//     sums across paths and owners, cycles solved), and whether the rule pack's 50 % rules
//     (OFAC, BIS Affiliates) apply on that day;
//   - Signals: shell-company and diversion indicators, each with an explanation.
//
// Threading: a PartyNetwork is a plain value under construction (not thread-safe). A PartyGraph is
// immutable; share it as shared_ptr<const PartyGraph> and query it from any number of threads.
// Dates: a link counts on the days of its range; a listing counts from its start date to its end
// date (ListingRef::ListedOn). Percentages are exact (Rational); see OwnershipReport for bounds.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/rational.h"
#include "chokepoint/rules.h"
#include "chokepoint/status.h"

namespace chokepoint {

enum class PartyKind : uint8_t { kCompany, kPerson };
const char* PartyKindName(PartyKind kind);  // "company", "person"
std::optional<PartyKind> ParsePartyKind(std::string_view text);

// Link relations, in the `from` → `to` reading of links.csv: "from owns share_pct of to",
// "from is director_of to", "from ships_to to", "from is a front_for to", ...
enum class Relation : uint8_t {
  kOwns,
  kDirectorOf,
  kOfficerOf,
  kParentOf,
  kAgentFor,
  kShipsTo,
  kSameAddress,
  kSameContact,
  kFrontFor,
};
inline constexpr size_t kRelationCount = 9;
const char* RelationName(Relation relation);  // "owns", "director_of", ... as in links.csv
std::optional<Relation> ParseRelation(std::string_view text);

struct PartyIdentifier {
  std::string scheme;  // "phone", "email", "lei", "uscc", ... (lower case)
  std::string value;
};

struct Party {
  std::string id;  // caller's stable id (parties.csv party_id)
  std::string name;
  PartyKind kind = PartyKind::kCompany;
  std::string country;  // alpha-2, or empty when unknown
  std::string address;  // as recorded; normalised only to derive same_address links
  std::optional<Date> incorporated;
  std::vector<PartyIdentifier> identifiers;
};

struct Link {
  std::string from;  // party ids
  std::string to;
  Relation relation = Relation::kOwns;
  // kOwns only: the share of `to` that `from` holds, 0 < share ≤ 100, a decimal with at most 12
  // decimals. nullopt: ownership is recorded but the share is unknown (see OwnershipReport).
  std::optional<Rational> share_pct;
  DateRange dates;     // the link counts on these days
  std::string source;  // where the fact comes from (press release, registry extract, ...)
  // Set by the graph for links it derives (shared address, phone or e-mail): what is shared.
  std::string evidence;
  bool derived = false;
};

// A list entry a party is (a screening hit the caller accepted), in the shape hits are reported.
struct ListingRef {
  std::string source;       // "Entity List", "SDN", "Military End User List", ...
  std::string source_code;  // "EL", "SDN", "MEU", ...
  std::string list_id;
  std::string name;          // the entry's primary name
  std::string matched_name;  // the name or alias that matched the party; defaults to `name`
  double score = 1.0;
  PartyType type = PartyType::kUnknown;
  std::vector<std::string> programs;
  std::vector<std::string> countries;
  std::optional<Date> start_date;  // counts from this day (unknown: always)
  std::optional<Date> end_date;    // counts until this day (unknown: no end)
  int64_t snapshot_id = 0;
  // Why the party is taken for this entry: "name 0.97 on '...'", "identifier uscc 9143...", ...
  std::string evidence;

  static ListingRef FromEntry(const ListEntry& entry);
  bool ListedOn(Date day) const;
};

// Parties, links and listings under construction. Every call validates its input and changes
// nothing when it fails. Links must name parties already added.
class PartyNetwork {
 public:
  PartyNetwork();
  ~PartyNetwork();
  PartyNetwork(PartyNetwork&&) noexcept;
  PartyNetwork& operator=(PartyNetwork&&) noexcept;

  // InvalidArgument: empty or duplicate id, empty name, a country that is not alpha-2.
  Status AddParty(Party party);
  // InvalidArgument: unknown party, share on a relation other than owns, share out of range,
  // end date before start date, `derived` set (derived links are the graph's to make).
  Status AddLink(Link link);
  // A link the engine inferred (a party shares a list entry's street address, say): validated as
  // AddLink, kept with `evidence` (required) and marked derived, so it is never stored.
  Status AddDerivedLink(Link link);
  // All or nothing: validates every party and link (links may name parties of the same call),
  // then adds them; on failure nothing is added. The message names the index of the bad item.
  Status AddAll(std::vector<Party> parties, std::vector<Link> links);
  // NotFound for an unknown party. A party may carry several listings.
  Status MarkListed(std::string_view party_id, ListingRef listing);

  size_t party_count() const;
  size_t link_count() const;
  const Party* FindParty(std::string_view id) const;
  // For persisting the network: parties and links in insertion order, listings per party.
  const Party& PartyAt(size_t i) const;
  Link LinkAt(size_t i) const;
  std::vector<ListingRef> ListingsOf(std::string_view party_id) const;

  struct Data;

 private:
  friend class PartyGraph;
  std::unique_ptr<Data> data_;
};

// How strongly one hop over a relation ties two parties, 0..1 (0: not traversed). `forward`
// applies when the trace walks a link from its `from` party to its `to` party, `reverse` the other
// way. Owns hops are further scaled by 0.5 + share/200 (unknown share: 0.75), so a wholly owned
// subsidiary of a listed party ties at full weight and a 2 % holding at about half.
struct RelationWeight {
  double forward = 0;
  double reverse = 0;
};
using RelationWeights = std::array<RelationWeight, kRelationCount>;
// The documented defaults: front_for .95/.5, parent_of .45/.9 (a listed parent ties its
// subsidiary strongly), owns .5/1 (a listed owner ties the owned strongly), agent_for .8/.4,
// director_of .6/.6, officer_of .5/.5, same_contact .45/.45, ships_to .5/.3, same_address .4/.4.
RelationWeights DefaultRelationWeights();

struct TraceOptions {
  int max_hops = 4;  // K, 0..16; hops beyond it are not explored
  // Findings weaker than this are dropped (0: keep every listed party within K hops).
  double min_strength = 0.0;
  size_t max_findings = 50;  // best first; 0 = no limit
  RelationWeights weights = DefaultRelationWeights();
};

// One step of a path. The first hop is the starting party and has no link fields set.
struct PathHop {
  std::string party_id;
  std::string party_name;
  std::optional<Relation> relation;  // the link that reached this party from the previous one
  bool reverse = false;              // true: walked from the link's `to` to its `from`
  std::optional<Rational> share_pct;
  DateRange dates;
  std::string source;
  // The link in words: "Cadence Design Systems Inc. ships_to Central South CAD Center
  // (2015-02-18..2020-09-30)", plus what is shared for a derived link.
  std::string evidence;
};

struct TraceFinding {
  std::string party_id;  // the listed party reached
  ListingRef listing;    // one finding per listing the party carries on the day
  std::vector<PathHop> path;
  int hops = 0;
  double strength = 0;  // product of hop weights, 0..1
  // Why it matters: an ownership rule id that applies through this party ("ofac.50pct"), "<id>
  // (stayed)" when the rule would apply but is stayed on the day, "acts-for-listed-party" (only
  // front_for/agent_for hops toward it), "listed-owner" (only ownership hops, below threshold) or
  // "tie-to-listed-party".
  std::string rule;
};

struct Signal {
  std::string code;  // "recently-incorporated", "shares-address-with-listed", "funnel", ...
  std::string party_id;
  std::string detail;
};

struct SignalOptions {
  int recent_incorporation_days = 365;  // incorporated less than this before its first ships_to
  size_t funnel_min_suppliers = 2;      // distinct suppliers into one consignee
  size_t nominee_min_companies = 5;     // a person directing or officering this many companies
  // Countries commonly used to transship controlled items (BIS diversion guidance, 2025
  // Singapore/Malaysia cases). Data, not code: callers may pass their own list.
  std::vector<std::string> transshipment_hubs = {"HK", "MO", "SG", "MY", "AE", "TH",
                                                 "VN", "TR", "KZ", "AM", "GE", "KG"};
  // Destinations that make an onward shipment high risk, as rule-pack country groups (after the
  // pack's treat-as rules, so HK counts as CN) plus plain codes.
  std::vector<std::string> high_risk_groups = {"D:5", "E:1", "E:2"};
  std::vector<std::string> high_risk_countries = {"MO", "RU", "BY", "IR", "KP", "SY", "CU"};
  // Also examine the parties it ships to, up to 4 hops downstream (at most 64 parties). A ledger
  // audit, which judges each of those parties on its own line, turns this off.
  bool downstream = true;
};

// Effective ownership of a party by listed parties, on a day: the product of the shares along
// each chain of owns links active that day, summed over chains and over listed owners. A chain
// ends at the first listed owner, so a listed owner's own listed owners are not counted twice.
// Cycles (cross-holdings) count every chain however often it loops, i.e. the "integrated
// ownership" h = b + M h; it converges whenever a cycle's shares multiply to less than 1 and is
// solved exactly for cycles up to 40 companies. Unknown shares make it a range: the low bound
// counts them as 0, the high bound gives a company's unknown-share owners the part of it no
// recorded share accounts for. Only recorded links count.
//
// The bounds in percent. low == high when every share in play is known. `exact` is false when a
// bound was rounded for reporting (its exact fraction outgrew 62 bits, as long chains of
// two-decimal shares do, or a large cycle was solved iteratively); low is then rounded down and
// high up. Rule decisions are taken on the unrounded values.
struct ShareBounds {
  Rational low_pct;
  Rational high_pct;
  bool exact = true;
  bool known() const { return low_pct == high_pct; }
};

struct ListedOwner {
  std::string party_id;
  std::string party_name;
  std::vector<ListingRef> listings;  // those that count on the day (for a rule: under its lists)
  ShareBounds share;
  // Chains from the owned party up to this owner (path[0] is the owned party), at most 20; each
  // with its product share (nullopt when a hop's share is unknown). Holdings that loop through an
  // ownership cycle add to `share` but are not listed as paths.
  struct Path {
    std::vector<PathHop> hops;
    std::optional<Rational> pct;
  };
  std::vector<Path> paths;
};

struct RuleApplication {
  std::string id;  // "ofac.50pct", "bis.affiliates-50pct"
  std::string citation;
  RuleStanding standing = RuleStanding::kInForce;
  Rational threshold_pct;
  ShareBounds share;             // held by listed parties that count under this rule's lists
  bool meets_threshold = false;  // share.low ≥ threshold, whatever the rule's standing
  bool applies = false;          // in force on the day and meets_threshold
  bool determined = true;        // false: unknown shares leave the threshold between low and high
  std::vector<std::string> listed_owner_ids;
  std::string why;
};

struct OwnershipReport {
  Party party;
  std::vector<ListingRef> party_listings;  // the party's own listings on the day
  Date as_of;
  ShareBounds effective_listed;  // all listed owners together, any list
  std::vector<ListedOwner> listed_owners;
  std::vector<RuleApplication> rules;  // every ownership rule of the pack, in pack order
  // Unknown shares and how the bounds treat them, cycles met, owners' shares above 100 %.
  std::vector<std::string> notes;
};

struct TraceResult {
  OwnershipReport ownership;           // also carries the traced party, its listings and the day
  std::vector<TraceFinding> findings;  // strongest first
  std::vector<Signal> signals;
};

// A frozen network. Build derives same_address/same_contact links (parties sharing an exact
// normalised address, phone or e-mail; an address shared by more than 20 parties is reported as
// a mass-registration signal instead of linked pairwise) and indexes links both ways.
class PartyGraph {
 public:
  static Result<std::shared_ptr<const PartyGraph>> Build(PartyNetwork network);

  ~PartyGraph();
  PartyGraph(const PartyGraph&) = delete;
  PartyGraph& operator=(const PartyGraph&) = delete;

  size_t party_count() const;
  size_t link_count() const;  // including derived links
  size_t derived_link_count() const;
  const Party* FindParty(std::string_view id) const;
  const Party& PartyAt(size_t i) const;  // in the order the parties were added
  // An id; else a name, case-insensitive, whole or a unique part. InvalidArgument names the
  // candidates when the part is ambiguous; NotFound when nothing matches.
  Result<std::string> ResolveParty(std::string_view id_or_name) const;

  // Traces use an index of the steps that can lead to a listed party, built once per weight set
  // and hop limit (O(K × links); about 1.6 s and 140 MB for a million parties and three million
  // links) by the first trace that needs it. A server calls this at load instead.
  void PrepareTrace(const TraceOptions& options) const;
  // Listed parties within options.max_hops of `party_id` on `as_of`, plus ownership and signals.
  Result<TraceResult> Trace(std::string_view party_id, Date as_of, const RulePack& pack,
                            const TraceOptions& options = {},
                            const SignalOptions& signal_options = {}) const;
  Result<OwnershipReport> Ownership(std::string_view party_id, Date as_of,
                                    const RulePack& pack) const;
  Result<std::vector<Signal>> Signals(std::string_view party_id, Date as_of, const RulePack& pack,
                                      const SignalOptions& options = {}) const;
  // Effective share held by listed parties (any list) of every party on `as_of`, in the order the
  // parties were added. One pass over the ownership links: O(parties + links), plus a small
  // exact solve per ownership cycle.
  std::vector<ShareBounds> EffectiveListedOwnershipAll(Date as_of) const;
  // Every ownership rule of `pack` applied to every party at once, on `as_of`: one solve per rule
  // over the whole graph (O(parties + links) plus the cycles), where Ownership() builds a report
  // per party. For batch runs over registries whose cross-holdings make cones of thousands.
  struct RuleCoverage {
    std::string rule_id;
    std::string citation;
    std::string lists;  // the rule's `lists`
    RuleStanding standing = RuleStanding::kInForce;
    Rational threshold_pct;
    std::vector<ShareBounds> shares;  // per party, in the order the parties were added
    std::vector<uint8_t> meets;       // per party: share.low ≥ threshold
  };
  std::vector<RuleCoverage> OwnershipCoverageAll(Date as_of, const RulePack& pack) const;
  // Ids of the parties listed under `lists` (a rule's attribute; empty: any list) that hold part
  // of party `i` on `as_of`, directly or through unlisted owners, nearest first; the walk stops
  // after `limit` parties.
  std::vector<std::string> ListedOwnerIds(size_t i, Date as_of, std::string_view lists,
                                          size_t limit = 10000) const;
  // Graphviz DOT of the parties within max_hops of `party_id` on `as_of` (listed ones filled red).
  Result<std::string> ToDot(std::string_view party_id, Date as_of, int max_hops = 2) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit PartyGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The trace and ownership JSON documents are in chokepoint/json.h.

}  // namespace chokepoint
