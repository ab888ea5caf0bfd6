// PartyNetworkStore: the stored party network (parties and their links), one concern of the
// Store (store.h, which also states the threading and error rules every method here follows).
#pragma once

#include "chokepoint/status.h"

namespace chokepoint {

class PartyNetwork;

class PartyNetworkStore {
 public:
  PartyNetworkStore(const PartyNetworkStore&) = delete;
  PartyNetworkStore& operator=(const PartyNetworkStore&) = delete;
  virtual ~PartyNetworkStore() = default;

  // Adds the parties and links of `network` to the stored party network in one transaction:
  // parties are upserted by id, identical links are stored once, derived links are not stored
  // (the graph recomputes them). Nothing is written when any row fails.
  virtual Status UpsertPartyNetwork(const PartyNetwork& network) = 0;
  // Reads the whole stored party network into `network` (left empty when nothing was imported).
  virtual Status LoadPartyNetwork(PartyNetwork* network) = 0;

 protected:
  PartyNetworkStore() = default;
};

}  // namespace chokepoint
