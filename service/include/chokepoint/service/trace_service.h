// Tracing a party through the stored network to listed parties, as `chokepoint trace` and
// `POST /v1/trace` both do: the stored network, linked to the list entries of a screening index,
// built into a PartyGraph.
#pragma once

#include <memory>
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

// The audit payload of a trace or ownership query.
std::string TraceAuditPayload(std::string_view command, std::string_view party_id, Date as_of,
                              const RulePack& pack, std::string_view document);

}  // namespace chokepoint::service
