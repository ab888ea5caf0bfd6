// Store: the engine's persistent state, behind one abstract interface.
//
// Today the only state is the audit log and the only backend is SQLite, which serves the CLI and
// one API instance. A PostgreSQL backend can later implement the same interface so that several
// API instances share one database; callers depend on Store alone and never see a database type.
// The interface grows by methods (list snapshots, parties, hits), the schema by numbered
// migrations.
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

#include "chokepoint/date.h"
#include "chokepoint/status.h"

namespace chokepoint {

// One entry of the append-only, hash-chained audit log.
struct AuditRecord {
  int64_t seq = 0;          // 1, 2, 3, ... without gaps; assigned by the store
  std::string recorded_at;  // UTC, "2026-11-25T00:04:38Z"; assigned by the store's clock
  std::string kind;         // "classify", "import", "review", "api", ...
  std::string actor;        // user or API key name; may be empty
  std::string payload;      // canonical JSON text, hashed byte for byte
  std::string prev_hash;    // hash of record seq-1; 64 '0' for the first record
  std::string hash;         // lowercase hex SHA-256, see Store::AppendAudit
};

// What Store::VerifyAuditLog found. A broken chain is a finding, not an error: the Result is OK
// and `intact` is false.
struct AuditVerifyResult {
  bool intact = true;
  // Records read. Verification stops at the first bad record, which is counted.
  int64_t records_checked = 0;
  // The first record that is missing, altered or out of place; set iff !intact.
  std::optional<int64_t> first_bad_seq;
  // One sentence naming the first bad seq and what is wrong with it; empty when intact.
  std::string problem;
  // Hash of the last record when intact (empty for an empty log). The chain cannot reveal that
  // its newest records were cut off, or that all of it was rewritten by someone who recomputed
  // every hash; keep this value somewhere else (a ticket, a signed e-mail) to detect both.
  std::string last_hash;
};

class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Appends one record and returns its seq. kind must be non-empty; neither kind nor actor may
  // contain '\n' (it separates the hashed fields); payload_json must parse as JSON. Its bytes
  // are stored and hashed as given, so callers pass canonical JSON (sorted keys, no spaces).
  //
  // hash = sha256(prev_hash '\n' seq '\n' recorded_at '\n' kind '\n' actor '\n' payload), with
  // seq in decimal, and prev_hash of the first record is 64 '0'. Reading the last hash and
  // inserting happen in one write transaction, so concurrent appenders never fork the chain.
  virtual Result<int64_t> AppendAudit(std::string_view kind, std::string_view actor,
                                      std::string_view payload_json) = 0;

  // Walks the whole log in seq order and recomputes the chain. Detects records that were edited,
  // removed (a gap in seq or a broken link) or reordered, even by someone who bypassed the
  // store's append-only guard, and names the first bad seq. Reads a consistent snapshot;
  // concurrent appends are not blocked.
  virtual Result<AuditVerifyResult> VerifyAuditLog() = 0;

  // Calls sink once per record, in seq order, for records whose recorded_at falls on or after
  // the UTC day `since` (all records when nullopt). Stops at the first non-OK status sink returns
  // and returns it. sink must not call back into this Store (the call holds its lock).
  virtual Status ExportAudit(std::optional<Date> since,
                             const std::function<Status(const AuditRecord&)>& sink) = 0;

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

// $CHOKEPOINT_DB when set and non-empty, else "./chokepoint.db".
std::string DefaultDatabasePath();

}  // namespace chokepoint
