// Store: the engine's persistent state, behind one abstract interface.
//
// Today the only state is the audit log and the only backend is SQLite, which serves the CLI and
// one API instance. A PostgreSQL backend can later implement the same interface so that several
// API instances share one database; callers depend on Store alone and never see a database type.
// The interface grows by methods (parties, hits next), the schema by numbered migrations.
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

namespace chokepoint {

class PartyNetwork;

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

// One import of one restricted-party list: its files, their hash, what was read, and whether it
// is the snapshot screening uses now. Exactly one snapshot per source is active at a time.
struct ListSnapshot {
  int64_t id = 0;                  // 1, 2, 3, ... across all sources, in import order
  std::string source;              // "csl", "ofac-sdn", "ofac-cons", "bis-dpl", "un"
  std::string format;              // "csl-csv", "sdn-csv", ... as on the command line
  std::vector<std::string> files;  // file names without directories, in import order
  std::string sha256;              // lowercase hex, over the files (see data/list_import.h)
  int64_t entries = 0;             // entries stored in this snapshot
  int64_t rows_read = 0;
  int64_t rows_skipped = 0;              // malformed rows left out
  std::string issues_json = "[]";        // JSON array: the first issues, {file,line,field,message}
  std::optional<std::string> published;  // the list's own date ("YYYY-MM-DD"), when it has one
  std::string imported_at;               // UTC "2026-11-25T00:04:38Z", from the store's clock
  bool active = false;
};

// What identifies a snapshot before its entries are read; the store fills in the rest.
struct SnapshotHeader {
  std::string source;
  std::string format;
  std::vector<std::string> files;
  std::string sha256;
};

// What only reading the files reveals; the producer fills it while it streams entries.
struct SnapshotStats {
  int64_t rows_read = 0;
  int64_t rows_skipped = 0;
  std::string issues_json = "[]";  // must parse as a JSON array
  std::optional<std::string> published;
};

// One entry of a stored snapshot, with the columns screening and diffs need unparsed beside it.
struct StoredListEntry {
  int64_t snapshot_id = 0;
  int64_t ord = 0;  // position in the snapshot: 0, 1, 2, ...
  std::string source_code;
  std::string list_id;
  std::string name;
  std::string content_hash;  // lowercase hex sha256 of json
  std::string json;          // ListEntryToJson(entry); ListEntryFromJson gives the entry back
};

// Adds one entry to the snapshot being imported.
using EntryAdder = std::function<Status(const ListEntry&)>;
// Streams a snapshot's entries into `add` and reports what it read in `stats`.
using SnapshotProducer = std::function<Status(const EntryAdder& add, SnapshotStats& stats)>;

// The audit record an import writes inside its own transaction, so a snapshot never becomes
// active without its record, nor the record exist for a snapshot that was rolled back.
struct SnapshotAudit {
  std::string actor;
  // Builds the payload (canonical JSON) once the outcome is known: the new snapshot and true, or
  // the already active identical one and false. Empty: no audit record is written.
  std::function<std::string(const ListSnapshot& snapshot, bool created)> payload;
};

struct SnapshotImport {
  ListSnapshot snapshot;  // the new snapshot, or the active one that made the import a no-op
  bool created = false;
  int64_t audit_seq = 0;  // the "import" record's seq; 0 when no audit was asked for
};

// One run of `chokepoint audit`: what the ledger was judged against.
struct LedgerAuditRun {
  int64_t id = 0;  // assigned by the store
  std::string ledger;         // the ledger file as given
  std::string ledger_sha256;  // lowercase hex of its bytes
  std::string rules_version;  // RulePack::fingerprint()
  std::string snapshots_json = "[]";  // JSON array of the list snapshot ids screened against
  std::string as_of;                  // "ship-date" or YYYY-MM-DD
  std::string started_at;             // assigned by the store
  std::string finished_at;            // empty until FinishLedgerAudit
  std::string summary_json = "{}";
};

// One judged ledger line.
struct LedgerResultRow {
  int64_t line = 0;
  std::string shipment_id;
  std::string verdict;      // "CLEAR", "REVIEW", "LICENSE_REQUIRED", "PROHIBITED"
  std::string result_json;  // ShipmentResultToJson
};

// ---- Batch re-screening (docs/batch.md) -------------------------------------------------------

// One party of the register the nightly batch re-screens.
struct RegisteredParty {
  std::string id;
  std::string name;
  std::string country;  // alpha-2 or ""
  std::string address;
  std::string type;          // "entity", "individual", "vessel", "aircraft" or ""
  std::string source;        // where it came from: "customers", "graph", ...
  std::string content_hash;  // over name, country, address, type; computed by the caller
  // content_hash as of the last run that screened the party; nullopt: never screened.
  std::optional<std::string> screened_hash;
};

struct RegisterUpsertCounts {
  int64_t added = 0;
  int64_t changed = 0;  // content_hash differs from the stored one
  int64_t unchanged = 0;
};

// One `batch run`: its inputs (fixed when it starts, so a resumed run screens exactly what the
// interrupted one did) and its progress.
struct BatchRunRecord {
  int64_t run_id = 0;                     // assigned by the store
  std::string state = "running";          // "running" or "completed"
  std::optional<int64_t> base_run;        // the completed run the list delta is computed against
  std::vector<int64_t> snapshots;         // snapshot ids screened against
  std::string as_of;                      // "YYYY-MM-DD"
  std::string params_json = "{}";         // threshold, limit, chunk size, mode
  std::optional<std::string> checkpoint;  // last party id of the last committed chunk
  int64_t chunks_done = 0;
  int64_t parties_done = 0;
  int64_t alerts = 0;
  std::string summary_json = "{}";
  std::string started_at;  // assigned by the store's clock
  std::optional<std::string> completed_at;
};

// One row of the hit ledger: a (party, list entry) pair that was hit at least once.
struct LedgerHit {
  std::string hit_id;  // stable per (party_id, source_code, list_id)
  std::string party_id;
  std::string source_code;
  std::string list_id;
  bool active = true;           // hit by the last run that screened the party
  std::string status = "open";  // "open", "false-positive", "true-match", "escalated"
  double score = 0;
  std::string entry_hash;     // entry content hash when last seen
  std::string party_hash;     // party content hash when last seen
  std::string evidence_json;  // the last HIT JSON
  int64_t first_run = 0;
  int64_t last_run = 0;
  // The hashes and expiry the decision in force was made under ("" when none).
  std::string decision_entry_hash;
  std::string decision_party_hash;
  std::string decision_until;
};

struct BatchAlertRecord {
  int64_t run_id = 0;
  std::string hit_id;
  std::string kind;    // "new_hit", "removed_hit", "changed_entry"
  std::string reason;  // why, in one word: "listed", "delisted", "party_changed", ...
  std::string party_id;
  std::string party_name;
  std::string source_code;
  std::string list_id;
  std::string hit_json;  // HIT JSON
};

// What one chunk of a run changes; Store::CommitBatchChunk writes all of it or nothing.
struct BatchChunkCommit {
  int64_t run_id = 0;
  // The checkpoint the chunk started from; the commit fails when the run moved on meanwhile
  // (another process resumed the same run), so no chunk is ever applied twice.
  std::optional<std::string> expected_checkpoint;
  std::string last_party_id;    // the new checkpoint
  int64_t parties = 0;          // parties the chunk covered
  std::vector<LedgerHit> hits;  // whole rows, upserted by hit_id
  std::vector<BatchAlertRecord> alerts;
  std::vector<std::pair<std::string, std::string>> screened;  // (party_id, content_hash)
};

// A reviewer's decision on one hit.
struct HitDecision {
  std::string hit_id;
  std::string decision;  // "false-positive", "true-match", "escalate"
  std::string status;    // the ledger status it sets
  std::string note;
  std::string until;  // "YYYY-MM-DD" or ""
  std::string actor;
};

// One record for Store::AppendAuditBatch.
struct AuditAppend {
  std::string kind;
  std::string actor;
  std::string payload;  // canonical JSON, as for AppendAudit
};

// An API key of `chokepoint serve`, as stored: never the key itself, only a salted hash of it.
struct ApiKeyRecord {
  std::string key_id;                     // the public part embedded in the key; unique
  std::string name;                       // unique, human-chosen; the audit log's actor
  std::string role;                       // "screen", "audit" or "admin"
  std::string salt;                       // lowercase hex
  std::string key_hash;                   // lowercase hex sha256(salt || key)
  std::string created_at;                 // assigned by the store's clock
  std::optional<std::string> revoked_at;  // set once revoked
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

  // Appends several records in one write transaction, in order, each chained exactly as
  // AppendAudit would chain it (same seq, hash and validation rules); returns the seq of the
  // last one. All or nothing: one invalid record appends none. The API server's audit writer
  // uses it to commit many calls per transaction (group commit). An empty batch returns 0.
  virtual Result<int64_t> AppendAuditBatch(const std::vector<AuditAppend>& records) = 0;

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

  // Imports one list snapshot in one write transaction. When the active snapshot of
  // header.source has header.sha256, nothing is stored: the result names that snapshot with
  // created == false, and `produce` is not called. Otherwise `produce` streams the entries (each
  // ListEntryToJson'd, hashed and inserted with its position), the new snapshot becomes active and
  // the previous one of its source inactive, the audit record is appended, and all of it commits
  // together. Any error, from `produce`, `audit.payload` or the database, rolls everything back:
  // the previous snapshot stays active and no row of the failed import remains.
  //
  // The write lock is held while `produce` runs, so other writers wait (up to the lock timeout).
  // `produce` and `audit.payload` must not call back into this Store (the call holds its lock).
  virtual Result<SnapshotImport> ImportSnapshot(const SnapshotHeader& header,
                                                const SnapshotProducer& produce,
                                                const SnapshotAudit& audit) = 0;

  // Every snapshot, or only the active ones (at most one per source), ordered by id.
  virtual Result<std::vector<ListSnapshot>> ListSnapshots(bool active_only) = 0;
  // The snapshot with this id, or nullopt when there is none.
  virtual Result<std::optional<ListSnapshot>> GetSnapshot(int64_t id) = 0;

  // Calls sink once per entry of the snapshot, in file order, from one read transaction. Stops
  // at the first non-OK status sink returns and returns it; NotFound when there is no such
  // snapshot. sink must not call back into this Store.
  virtual Status ForEachListEntry(int64_t snapshot_id,
                                  const std::function<Status(const StoredListEntry&)>& sink) = 0;

  // Adds the parties and links of `network` to the stored party network in one transaction:
  // parties are upserted by id, identical links are stored once, derived links are not stored
  // (the graph recomputes them). Nothing is written when any row fails.
  virtual Status UpsertPartyNetwork(const PartyNetwork& network) = 0;
  // Reads the whole stored party network into `network` (left empty when nothing was imported).
  virtual Status LoadPartyNetwork(PartyNetwork* network) = 0;

  // Ledger audits: a run is begun, its results added in batches (each batch one transaction; rows
  // are append-only), then finished with its summary. A run that dies stays unfinished, its
  // results kept as far as they got.
  virtual Result<int64_t> BeginLedgerAudit(const LedgerAuditRun& run) = 0;
  virtual Status AddLedgerResults(int64_t audit_id, const std::vector<LedgerResultRow>& rows) = 0;
  virtual Status FinishLedgerAudit(int64_t audit_id, std::string_view summary_json) = 0;
  virtual Result<std::optional<LedgerAuditRun>> GetLedgerAudit(int64_t audit_id) = 0;
  // Results of a run in line order. sink must not call back into this Store.
  virtual Status ForEachLedgerResult(int64_t audit_id,
                                     const std::function<Status(const LedgerResultRow&)>& sink) = 0;
  // ---- Party register, batch runs, hit ledger (docs/batch.md) ----

  // Upserts parties by id in one transaction (screened_hash is kept; the caller's is ignored) and
  // appends an audit record built from the counts in the same transaction (none when
  // audit_payload is empty).
  virtual Result<RegisterUpsertCounts> UpsertRegisteredParties(
      const std::vector<RegisteredParty>& parties, std::string_view actor,
      const std::function<std::string(const RegisterUpsertCounts&)>& audit_payload) = 0;
  virtual Result<int64_t> CountRegisteredParties() = 0;
  // Up to `limit` parties ordered by id, with ids after `after_id` (from the first when nullopt).
  virtual Result<std::vector<RegisteredParty>> RegisteredPartiesAfter(
      const std::optional<std::string>& after_id, size_t limit) = 0;

  // The running run, if any (there is at most one).
  virtual Result<std::optional<BatchRunRecord>> UnfinishedBatchRun() = 0;
  virtual Result<std::optional<BatchRunRecord>> LastCompletedBatchRun() = 0;
  // The newest `limit` runs, newest first.
  virtual Result<std::vector<BatchRunRecord>> ListBatchRuns(size_t limit) = 0;
  // Inserts `run` as running; returns it with run_id and started_at. InvalidArgument when a run
  // is already running.
  virtual Result<BatchRunRecord> StartBatchRun(const BatchRunRecord& run) = 0;
  // Ledger rows of parties with first_id <= party_id <= last_id, ordered by party id, source
  // code, list id.
  virtual Result<std::vector<LedgerHit>> LedgerHitsForParties(const std::string& first_id,
                                                              const std::string& last_id) = 0;
  virtual Result<std::optional<LedgerHit>> GetLedgerHit(const std::string& hit_id) = 0;
  // Active ledger hits counted by status.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> CountActiveHits() = 0;
  // Writes a chunk's hits, alerts, screened party hashes and the new checkpoint atomically.
  // Aborts (Status::Internal) when the run is not running or its checkpoint is not
  // chunk.expected_checkpoint.
  virtual Status CommitBatchChunk(const BatchChunkCommit& chunk) = 0;
  // Marks the run completed with its summary and appends its "batch-run" audit record (built by
  // audit_payload from the completed run) in the same transaction; returns the record's seq.
  virtual Result<int64_t> CompleteBatchRun(
      int64_t run_id, const std::string& summary_json, std::string_view actor,
      const std::function<std::string(const BatchRunRecord&)>& audit_payload) = 0;
  // A run's alerts ordered by party id, source code, list id. sink must not call back.
  virtual Status ForEachBatchAlert(int64_t run_id,
                                   const std::function<Status(const BatchAlertRecord&)>& sink) = 0;
  // Sets the hit's status and decision (hashes taken from the hit's current row), keeps the
  // decision in the decision history and appends a "review" audit record built by audit_payload
  // (given the hit as decided and the store's timestamp), all in one transaction. NotFound for
  // an unknown hit id. Returns the audit seq.
  virtual Result<int64_t> RecordHitDecision(
      const HitDecision& decision,
      const std::function<std::string(const LedgerHit& hit, const std::string& decided_at)>&
          audit_payload) = 0;
  // API keys. CreateApiKey stores `key` (created_at is assigned; a duplicate key_id or name is
  // InvalidArgument) and returns the stored record. GetApiKey finds one by key_id (revoked keys
  // included, so callers can tell "revoked" from "unknown"). ListApiKeys orders by created_at,
  // then name. RevokeApiKey revokes by key_id or name: NotFound when neither matches; revoking
  // a revoked key keeps its first revoked_at.
  virtual Result<ApiKeyRecord> CreateApiKey(const ApiKeyRecord& key) = 0;
  virtual Result<std::optional<ApiKeyRecord>> GetApiKey(std::string_view key_id) = 0;
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  virtual Result<ApiKeyRecord> RevokeApiKey(std::string_view key_id_or_name) = 0;

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
