// Tracing a party through the stored network to listed parties, as `chokepoint trace` and
// `POST /v1/trace` both do: the stored network, linked to the list entries of a screening index,
// built into a PartyGraph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/graph.h"
#include "chokepoint/list_links.h"
#include "chokepoint/rules.h"
#include "chokepoint/screen.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

// The stored network with every party that screens as a listed entry marked as listed.
struct LinkedGraph {
  std::shared_ptr<const PartyGraph> graph;
  std::shared_ptr<const RulePack> pack;
  int linked = 0;  // list links added (name, identifier and address)
};

// Reads the party network from `store` and links it to `index`. InvalidArgument when no network
// was imported yet.
Result<LinkedGraph> LoadLinkedGraph(Store& store, const ScreeningIndex& index,
                                    std::shared_ptr<const RulePack> pack,
                                    const ListLinkOptions& options = {});

// A trace or ownership request as the CLI and the API both take it. Empty strings mean "not
// given".
struct TraceRequest {
  std::string party;                     // party id or name
  std::string as_of;                     // YYYY-MM-DD; default today
  std::optional<int64_t> max_hops;       // 0..16; default TraceOptions{}.max_hops (4)
  std::optional<double> link_threshold;  // 0..1; default ListLinkOptions{}.name_threshold
};

// The validated request. Errors are InvalidArgument; `bad_field` (when not null) receives the
// field that failed ("as_of", "max_hops", "link_threshold"; "party" from Trace/Ownership when the
// party is unknown), so each front end names it in its own terms.
struct TraceQuery {
  std::string party;
  Date as_of;
  TraceOptions options;
  ListLinkOptions link_options;  // for LoadLinkedGraph
};
Result<TraceQuery> BuildTraceQuery(const TraceRequest& request, std::string* bad_field);

// One trace or ownership answer. `indent` as the codec takes it (-1: one line).
struct TraceOutcome {
  std::string party_id;   // the resolved party
  std::string document;   // TraceResultToJson / OwnershipReportToJson
  bool findings = false;  // a listed party found (trace: or a signal); the CLI's exit 1
  size_t finding_count = 0;
  size_t signal_count = 0;
};
// The use cases of `chokepoint trace` / `POST /v1/trace` and `chokepoint ownership`.
Result<TraceOutcome> Trace(const LinkedGraph& linked, const TraceQuery& query, int indent,
                           std::string* bad_field);
Result<TraceOutcome> Ownership(const LinkedGraph& linked, const TraceQuery& query, int indent,
                               std::string* bad_field);

// The audit payload of a trace or ownership query.
std::string TraceAuditPayload(std::string_view command, std::string_view party_id, Date as_of,
                              const RulePack& pack, std::string_view document);

}  // namespace chokepoint::service
