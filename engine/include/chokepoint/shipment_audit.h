// Ledger audit: one shipment judged, as of its ship date, by everything the engine knows.
//
// For each shipment the auditor classifies the item (rules in force that day), checks the
// destination, screens every party (exporter, buyer, consignee, end user, each intermediary)
// against the entries listed that day, traces the party network to listed parties behind them, and
// reads the red flags the ledger itself carries. Each finding names its rule (id and citation), its
// list entry (with snapshot) and its graph path; the verdict is the most severe finding.
//
// Use: collect the ledger's parties and shipments with AuditNetworkBuilder (they add ships_to
// links), build a ShipmentAuditor over the frozen graph, then Check() shipments from any number
// of threads. Same shipments, rules and snapshots → byte-identical results.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/graph.h"
#include "chokepoint/item.h"
#include "chokepoint/rules.h"
#include "chokepoint/screen.h"
#include "chokepoint/status.h"

namespace chokepoint {

// Most severe last, so verdicts compare with <.
enum class Verdict : uint8_t { kClear, kReview, kLicenseRequired, kProhibited };
const char* VerdictName(Verdict verdict);  // "CLEAR", "REVIEW", "LICENSE_REQUIRED", "PROHIBITED"
std::optional<Verdict> ParseVerdict(
    std::string_view text);  // also the rule words "prohibited", ...

struct ShipmentParty {
  std::string name;
  std::string country;  // alpha-2, or empty when the ledger does not say
};

// One ledger line (docs/interfaces "Ledger audit").
struct Shipment {
  std::string shipment_id;
  Date ship_date;
  std::string item;      // a catalog part, "spec:<file.json>" or "eccn:<ECCN>" (self-classified)
  std::string quantity;  // as written (an exact decimal), may be empty
  std::string unit_value_usd;  // as written (an exact decimal), may be empty
  std::string destination_country;
  ShipmentParty exporter, buyer, consignee, end_user;
  std::vector<ShipmentParty> intermediaries;  // in shipping order
  std::string end_use;
  // "foundry", "osat", "designer", "distributor", ...; empty: a distributor (see the auditor)
  std::string exporter_role;
  int64_t line = 0;  // ledger line, for messages and reports
};

// What an item names: figures to classify, or the exporter's own classification.
struct ResolvedItem {
  std::optional<ItemSpec> spec;
  std::string declared_eccn;  // "eccn:" items: "3D991", "EAR99", ...
};
// Resolves a ledger `item`; InvalidArgument/NotFound names what is wrong. Must be thread-safe.
using ItemResolver = std::function<Result<ResolvedItem>(std::string_view item)>;

struct AuditFinding {
  // "list-hit", "possible-list-hit", "listed-party-behind", "license-required",
  // "classification-indeterminate", "destination", "red-flag", "network-signal", "item-unresolved"
  std::string code;
  Verdict severity = Verdict::kReview;
  std::string party_role;  // "consignee", "end_user", "intermediary[2]", ...; empty for the item
  std::string party_name;
  std::string detail;  // one sentence for the reviewer
  std::string rule;    // rule id
  std::string citation;
  std::string list_hit_json;  // the HIT document (docs/interfaces), empty when none
  std::optional<std::vector<PathHop>> path;
};

struct ShipmentResult {
  std::string shipment_id;
  Date ship_date;
  Date as_of;  // the day judged: the ship date unless overridden
  int64_t line = 0;
  Verdict verdict = Verdict::kClear;
  std::string eccn;  // "" when the item could not be resolved
  std::optional<bool> license_required;
  std::vector<AuditFinding> findings;  // most severe first, then in check order
};

struct AuditOptions {
  double screen_threshold = DefaultScreenThreshold();
  // A hit at or above this score is taken to be the party; below it the party is reviewed.
  double certain_score = 0.95;
  // Ledger parties are joined to network parties by exact normalised name and country.
  int max_hops = 3;
  double min_trace_strength = 0.2;
};

// One distinct ledger party: where it sits in the graph and what it screens as (all dates).
struct AuditPartyProfile {
  std::string key;       // AuditPartyKey: spellings that normalise alike are one party
  std::string graph_id;  // empty when the party is not in the graph
  std::vector<ScreenHit> hits;
};

// Collects the ledger's parties and shipments (the first pass over a ledger), then builds the graph
// the auditor traces: the given network plus one party per distinct ledger party not already in it
// and ships_to links along each shipment's chain (exporter → intermediaries → consignee → end
// user), one per pair, dated from its first to its last shipment.
class AuditNetworkBuilder {
 public:
  AuditNetworkBuilder();
  ~AuditNetworkBuilder();
  void AddShipment(const Shipment& shipment);
  size_t distinct_parties() const;
  // The distinct parties seen so far, each with its key, in key order.
  std::vector<std::pair<std::string, ShipmentParty>> Parties() const;

  struct Built {
    std::shared_ptr<const PartyGraph> graph;
    // Key: AuditPartySpelling(name, country), every spelling the ledger used.
    std::unordered_map<std::string, AuditPartyProfile> profiles;
    size_t ledger_links = 0;
  };
  // Links the network's parties to `index` (list_links.h), screens each ledger party once, and
  // freezes the graph. Uses up to `threads` threads for the screening.
  Result<Built> Build(PartyNetwork network, const ScreeningIndex& index,
                      const AuditOptions& options, int threads = 1);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The key ledger parties are joined by: the normalised name (screen.h) and the country.
std::string AuditPartyKey(std::string_view name, std::string_view country);
// The ledger's own spelling and country, as written: the cheap lookup key of a profile (the
// normalisation behind AuditPartyKey costs more than judging the rest of a line).
std::string AuditPartySpelling(std::string_view name, std::string_view country);

class ShipmentAuditor {
 public:
  struct Setup {
    std::shared_ptr<const RulePack> rules;
    std::shared_ptr<const ScreeningIndex> index;
    std::shared_ptr<const PartyGraph> graph;                      // may be null: no tracing
    std::unordered_map<std::string, AuditPartyProfile> profiles;  // by spelling; may be empty
    ItemResolver resolve_item;
    AuditOptions options;
  };
  explicit ShipmentAuditor(Setup setup);
  ~ShipmentAuditor();

  // Judges one shipment as of `as_of` (default: its ship date). Thread-safe. Errors are for
  // shipments that cannot be judged at all (no ship date); an item that cannot be resolved is a
  // finding, so the rest of the line is still checked.
  Result<ShipmentResult> Check(const Shipment& shipment,
                               std::optional<Date> as_of = std::nullopt) const;

  const RulePack& rules() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A result line's JSON (ShipmentResultToJson) is in chokepoint/json.h.

}  // namespace chokepoint
