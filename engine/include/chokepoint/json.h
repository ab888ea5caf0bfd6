// The one JSON codec for engine values: the CLI's --json output, the REST API's bodies and the
// audit log's payloads all come from here, so the three never disagree. Output is deterministic:
// keys in a fixed order, numbers rendered from exact values.
#pragma once

#include <string>
#include <string_view>

#include "chokepoint/classify.h"
#include "chokepoint/graph.h"
#include "chokepoint/item.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/screen.h"
#include "chokepoint/shipment_audit.h"

namespace chokepoint {

// The classify document of docs/interfaces (item, as_of, tpp, performance_density, eccn,
// controlled, destination, license_required, license_exceptions, policy, rules, reasons, plus
// extensions).
std::string ClassificationToJson(const Classification& c, int indent = -1);

std::string ItemSpecToJson(const ItemSpec& item, int indent = -1);

// Parses an item spec document. Numbers may be JSON numbers or decimal strings ("4799.99", exact).
// Unknown fields and wrong types are errors naming the field as a JSON pointer
// ("/throughput/0/bits"); `source` (a file name) prefixes every message.
Result<ItemSpec> ItemSpecFromJson(std::string_view text, std::string_view source);

// A list entry as stored in a snapshot and shown in hits. Canonical: the same entry always gives
// the same bytes, so a content hash of this text detects changed entries between snapshots.
std::string ListEntryToJson(const ListEntry& entry);
Result<ListEntry> ListEntryFromJson(std::string_view text);

// One screening hit, in the HIT shape of docs/interfaces (list_id, source, name, matched_name,
// score, type, programs, countries, start_date, snapshot, explanation). The graph's listings
// (ListingRefToJson) share the common fields; each adds its own (screening: matched_kind,
// explanation and the Entity List's notice fields; graph: end_date and evidence).
std::string ScreenHitToJson(const ScreenHit& hit);
// The `screen --json` document: {"query", "as_of", "threshold", "hits":[HIT...]}.
std::string ScreenResultToJson(const ScreenQuery& query, const std::vector<ScreenHit>& hits);

// JSON documents of docs/interfaces ("trace --json", "ownership --json"): deterministic key order,
// percentages as exact decimals (4 places). Listings are rendered in the HIT shape.
std::string TraceResultToJson(const TraceResult& result, int indent = -1);
std::string OwnershipReportToJson(const OwnershipReport& report, int indent = -1);
// The pieces of those documents, compact, for other documents that embed them (ledger audits).
std::string ListingRefToJson(const ListingRef& listing);  // the HIT shape
std::string PathToJson(const std::vector<PathHop>& path);

// One ledger result line of docs/interfaces: {"shipment_id","ship_date","verdict","eccn",
// "findings":[{"code","party_role","detail","rule","list_hit","path"}]} plus line, as_of,
// license_required and each finding's severity, party_name and citation. Compact, deterministic
// key order.
std::string ShipmentResultToJson(const ShipmentResult& result);

}  // namespace chokepoint
