// Linking a party network to the restricted-party lists: which parties *are* list entries, and
// which share a street address with one.
//
// A party is taken for a list entry on a strong name match (the screening engine) or on a shared
// identifier (registration number, e-mail, website, phone, passport). A party whose address holds
// a list entry's street address (NUDT's "109 Deya Road, Kaifu District" in the CSL) is not the
// entry, but is tied to it: the entry joins the network as a party of its own ("list:EL:<id>")
// with a derived same_address link that names both addresses, so a trace reaches it with the
// evidence on the path.
#pragma once

#include <cstddef>
#include <memory>

#include "chokepoint/graph.h"
#include "chokepoint/screen.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint {

struct ListLinkOptions {
  // A graph edge to a wrong entry would send every trace through it, so the bar is higher than
  // screening's review threshold.
  double name_threshold = 0.9;
  bool by_identifier = true;
  bool by_address = true;
};

struct ListLinkReport {
  size_t by_name = 0;        // listings added on a name match
  size_t by_identifier = 0;  // listings added on a shared identifier
  size_t address_links = 0;  // derived same_address links to list entries
  size_t entry_parties = 0;  // list entries added as parties for those links
};

// Marks the parties of `network` that are list entries of `index` (every listing, whatever its
// dates: the tracer applies each listing's own dates) and adds the address links. Deterministic:
// the same network and index give the same marks and links in the same order.
Result<ListLinkReport> LinkPartiesToLists(const ScreeningIndex& index, PartyNetwork* network,
                                          const ListLinkOptions& options = {});

// The stored party network, linked to `index` and built: what traces, ownership queries and batch
// runs read. `graph` is null when no network was imported.
struct LinkedNetwork {
  std::shared_ptr<const PartyGraph> graph;
  ListLinkReport report;
};
Result<LinkedNetwork> LoadLinkedNetwork(PartyNetworkStore& store, const ScreeningIndex& index,
                                        const ListLinkOptions& options = {});

}  // namespace chokepoint
