// Store: the engine's persistent state, behind one abstract interface.
//
// Today the only backend is SQLite, which serves the CLI and one API instance. A PostgreSQL
// backend can later implement the same interface so that several API instances share one
// database; callers depend on Store alone and never see a database type. The interface grows by
// methods, the schema by numbered migrations.
//
// Store is the sum of one interface per concern, each in its own header under store/ and each
// small enough to read as a contract: the audit log (audit_log.h), list snapshots
// (list_snapshots.h), the party network (party_network.h), ledger audits (ledger_audits.h), the
// party register with batch runs and the hit ledger (party_register.h) and API keys
// (api_keys.h). A function that needs only one concern takes that interface; a Store converts.
//
// Thread safety: a Store may be used from several threads at once; its calls are serialized
// internally. Several Store objects, in one process or in many (the CLI next to a running
// server), may open the same database at the same time: their appends form one chain.
//
// Errors: no method throws. A failing database is Status::IOError whose message names what was
// being done and carries the database's own message; stored data that fails its own checks (a
// schema newer than this build) is Status::Corruption; bad arguments are InvalidArgument.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"
#include "chokepoint/store/api_keys.h"
#include "chokepoint/store/audit_log.h"
#include "chokepoint/store/ledger_audits.h"
#include "chokepoint/store/list_snapshots.h"
#include "chokepoint/store/party_network.h"
#include "chokepoint/store/party_register.h"

namespace chokepoint {

class Store : public AuditLog,
              public ListSnapshotStore,
              public PartyNetworkStore,
              public LedgerAuditStore,
              public PartyRegisterStore,
              public ApiKeyStore {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store() override = default;

  // The schema version the database was at after opening (the highest applied migration).
  virtual int schema_version() const = 0;
  // The path the store was opened with, as given (":memory:" included).
  virtual std::string path() const = 0;
};

// Engine-wide settings for opening a store. The defaults suit production.
struct StoreOptions {
  // Returns the current UTC time as "YYYY-MM-DDTHH:MM:SSZ". Default (empty): the system clock.
  // Tests inject a fixed sequence so recorded_at, and with it every hash, is deterministic.
  std::function<std::string()> now;
  // How long a writer waits for another connection's write lock before giving up with IOError.
  // Default 5 s: long enough to ride out a concurrent import, short enough to fail visibly.
  int lock_timeout_ms = 5000;
};

// Opens (creating on first use) the SQLite database at `path` and applies pending migrations,
// each in its own transaction. A bare file name opens in the working directory; missing parent
// directories are created; ":memory:" gives a private, empty, in-memory database. A database
// whose schema is newer than this build knows is refused with Status::Corruption. The caller
// owns the returned Store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options = {});

}  // namespace chokepoint
