// The party-network tables behind PartyNetworkStore (chokepoint/store/party_network.h).
#pragma once

#include <sqlite3.h>

#include "chokepoint/graph.h"
#include "chokepoint/status.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

class PartyNetworkTables {
 public:
  Status Prepare(sqlite3* db);
  // One transaction: parties upserted by id, links inserted once. REQUIRES: no open transaction.
  Status Upsert(const PartyNetwork& network, const std::string& now);
  Status Load(PartyNetwork* network);

 private:
  sqlite3* db_ = nullptr;
  Statement upsert_party_;
  Statement insert_link_;
  Statement scan_parties_;
  Statement scan_links_;
};

}  // namespace chokepoint::store_internal
