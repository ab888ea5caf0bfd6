// The SQLite Store. One connection per Store, guarded by a mutex; several Stores (or processes)
// on one file coordinate through SQLite's locks, which WAL keeps short for readers.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

#include "chokepoint/store.h"
#include "store/api_keys.h"
#include "store/audit_chain.h"
#include "store/batch_tables.h"
#include "store/ledger_audits.h"
#include "store/list_snapshots.h"
#include "store/migrations.h"
#include "store/party_network.h"
#include "store/sqlite_util.h"

namespace chokepoint {

namespace {

using store_internal::PrepareAll;
using store_internal::ScopedReset;
using store_internal::Statement;
using store_internal::StatementSpec;
using store_internal::Transaction;

constexpr const char* kMemoryPath = ":memory:";

std::string SystemUtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

constexpr const char* kAuditColumns = "seq, recorded_at, kind, actor, payload, prev_hash, hash";

AuditRecord ReadAuditRow(const Statement& stmt) {
  return AuditRecord{stmt.ColumnInt64(0), stmt.ColumnText(1), stmt.ColumnText(2),
                     stmt.ColumnText(3),  stmt.ColumnText(4), stmt.ColumnText(5),
                     stmt.ColumnText(6)};
}

// WAL lets the server keep reading while the CLI appends. Switching to it needs an exclusive lock,
// and SQLite answers SQLITE_BUSY at once instead of calling the busy handler, so processes opening
// a new file together retry by hand. The mode is persistent: later opens find it already set.
Status EnableWal(sqlite3* db, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    Result<Statement> wal =
        Statement::Prepare(db, "PRAGMA journal_mode = WAL", "enabling WAL journal mode");
    if (!wal.ok()) return wal.status();
    Result<bool> row = wal->Step();  // returns the new mode as a row, hence not Exec
    if (row.ok()) return Status::OK();
    const int code = sqlite3_errcode(db) & 0xff;
    if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
        std::chrono::steady_clock::now() >= deadline) {
      return row.status();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Public entry points promise not to throw; std::bad_alloc and a throwing clock or sink are the
// remaining sources, and they become Internal here.
template <typename F>
auto NoThrow(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Internal(std::string(what) + ": " + e.what());
  } catch (...) {
    return Status::Internal(std::string(what) + ": unknown exception");
  }
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, StoreOptions options)
      : path_(std::move(path)), options_(std::move(options)) {}

  Status Open();

  Result<int64_t> AppendAudit(std::string_view kind, std::string_view actor,
                              std::string_view payload_json) override {
    return NoThrow("appending to audit_log", [&]() -> Result<int64_t> {
      std::lock_guard<std::mutex> lock(mu_);
      return AppendAuditLocked(kind, actor, payload_json);
    });
  }

  Result<int64_t> AppendAuditBatch(const std::vector<AuditAppend>& records) override {
    return NoThrow("appending a batch to audit_log", [&]() -> Result<int64_t> {
      if (records.empty()) return int64_t{0};
      std::lock_guard<std::mutex> lock(mu_);
      Transaction txn(db_.get());
      if (Status s = txn.BeginImmediate("an audit batch"); !s.ok()) return s;
      int64_t last = 0;
      for (const AuditAppend& r : records) {
        Result<int64_t> seq = AppendAuditInTransaction(r.kind, r.actor, r.payload);
        if (!seq.ok()) return seq.status();
        last = *seq;
      }
      if (Status s = txn.Commit("an audit batch"); !s.ok()) return s;
      return last;
    });
  }

  Result<AuditVerifyResult> VerifyAuditLog() override {
    return NoThrow("verifying audit_log", [&]() -> Result<AuditVerifyResult> {
      std::lock_guard<std::mutex> lock(mu_);
      return VerifyAuditLogLocked();
    });
  }

  Status ExportAudit(std::optional<Date> since,
                     const std::function<Status(const AuditRecord&)>& sink) override {
    return NoThrow("exporting audit_log", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return ExportAuditLocked(since, sink);
    });
  }

  Result<SnapshotImport> ImportSnapshot(const SnapshotHeader& header,
                                        const SnapshotProducer& produce,
                                        const SnapshotAudit& audit) override {
    return NoThrow("importing a list snapshot", [&]() -> Result<SnapshotImport> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return snapshots_.Import(
          header, produce, audit, *now,
          [this](std::string_view kind, std::string_view actor, std::string_view payload) {
            return AppendAuditInTransaction(kind, actor, payload);
          });
    });
  }

  Result<std::vector<ListSnapshot>> ListSnapshots(bool active_only) override {
    return NoThrow("listing list snapshots", [&]() -> Result<std::vector<ListSnapshot>> {
      std::lock_guard<std::mutex> lock(mu_);
      return snapshots_.List(active_only);
    });
  }

  Result<std::optional<ListSnapshot>> GetSnapshot(int64_t id) override {
    return NoThrow("reading a list snapshot", [&]() -> Result<std::optional<ListSnapshot>> {
      std::lock_guard<std::mutex> lock(mu_);
      return snapshots_.Get(id);
    });
  }

  Status ForEachListEntry(int64_t snapshot_id,
                          const std::function<Status(const StoredListEntry&)>& sink) override {
    return NoThrow("reading list entries", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return snapshots_.ForEachEntry(snapshot_id, sink);
    });
  }

  Status UpsertPartyNetwork(const PartyNetwork& network) override {
    return NoThrow("storing the party network", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return parties_.Upsert(network, *now);
    });
  }

  Status LoadPartyNetwork(PartyNetwork* network) override {
    return NoThrow("reading the party network", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return parties_.Load(network);
    });
  }

  Result<int64_t> BeginLedgerAudit(const LedgerAuditRun& run) override {
    return NoThrow("starting a ledger audit", [&]() -> Result<int64_t> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return ledger_audits_.Begin(run, *now);
    });
  }

  Status AddLedgerResults(int64_t audit_id, const std::vector<LedgerResultRow>& rows) override {
    return NoThrow("storing ledger audit results", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return ledger_audits_.Add(audit_id, rows);
    });
  }

  Status FinishLedgerAudit(int64_t audit_id, std::string_view summary_json) override {
    return NoThrow("finishing a ledger audit", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return ledger_audits_.Finish(audit_id, summary_json, *now);
    });
  }

  Result<std::optional<LedgerAuditRun>> GetLedgerAudit(int64_t audit_id) override {
    return NoThrow("reading a ledger audit", [&]() -> Result<std::optional<LedgerAuditRun>> {
      std::lock_guard<std::mutex> lock(mu_);
      return ledger_audits_.Get(audit_id);
    });
  }

  Status ForEachLedgerResult(int64_t audit_id,
                             const std::function<Status(const LedgerResultRow&)>& sink) override {
    return NoThrow("reading ledger audit results", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return ledger_audits_.ForEach(audit_id, sink);
    });
  }

  Result<RegisterUpsertCounts> UpsertRegisteredParties(
      const std::vector<RegisteredParty>& parties, std::string_view actor,
      const std::function<std::string(const RegisterUpsertCounts&)>& audit_payload) override {
    return NoThrow("registering parties", [&]() -> Result<RegisterUpsertCounts> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return batch_.UpsertParties(parties, actor, audit_payload, *now, InTransactionAppender());
    });
  }

  Result<int64_t> CountRegisteredParties() override {
    return NoThrow("counting registered parties", [&]() -> Result<int64_t> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.CountParties();
    });
  }

  Result<std::vector<RegisteredParty>> RegisteredPartiesAfter(
      const std::optional<std::string>& after_id, size_t limit) override {
    return NoThrow("reading registered parties", [&]() -> Result<std::vector<RegisteredParty>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.PartiesAfter(after_id, limit);
    });
  }

  Result<std::optional<BatchRunRecord>> UnfinishedBatchRun() override {
    return NoThrow("reading batch runs", [&]() -> Result<std::optional<BatchRunRecord>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.Unfinished();
    });
  }

  Result<std::optional<BatchRunRecord>> LastCompletedBatchRun() override {
    return NoThrow("reading batch runs", [&]() -> Result<std::optional<BatchRunRecord>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.LastCompleted();
    });
  }

  Result<std::vector<BatchRunRecord>> ListBatchRuns(size_t limit) override {
    return NoThrow("listing batch runs", [&]() -> Result<std::vector<BatchRunRecord>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.ListRuns(limit);
    });
  }

  Result<BatchRunRecord> StartBatchRun(const BatchRunRecord& run) override {
    return NoThrow("starting a batch run", [&]() -> Result<BatchRunRecord> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return batch_.StartRun(run, *now);
    });
  }

  Result<std::vector<LedgerHit>> LedgerHitsForParties(const std::string& first_id,
                                                      const std::string& last_id) override {
    return NoThrow("reading the hit ledger", [&]() -> Result<std::vector<LedgerHit>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.HitsForParties(first_id, last_id);
    });
  }

  Result<std::optional<LedgerHit>> GetLedgerHit(const std::string& hit_id) override {
    return NoThrow("reading a hit", [&]() -> Result<std::optional<LedgerHit>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.GetHit(hit_id);
    });
  }

  Result<std::vector<std::pair<std::string, int64_t>>> CountActiveHits() override {
    return NoThrow("counting hits", [&]() -> Result<std::vector<std::pair<std::string, int64_t>>> {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.CountActiveHits();
    });
  }

  Status CommitBatchChunk(const BatchChunkCommit& chunk) override {
    return NoThrow("committing a batch chunk", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.CommitChunk(chunk);
    });
  }

  Result<int64_t> CompleteBatchRun(
      int64_t run_id, const std::string& summary_json, std::string_view actor,
      const std::function<std::string(const BatchRunRecord&)>& audit_payload) override {
    return NoThrow("completing a batch run", [&]() -> Result<int64_t> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return batch_.CompleteRun(run_id, summary_json, actor, audit_payload, *now,
                                InTransactionAppender());
    });
  }

  Status ForEachBatchAlert(int64_t run_id,
                           const std::function<Status(const BatchAlertRecord&)>& sink) override {
    return NoThrow("reading alerts", [&]() -> Status {
      std::lock_guard<std::mutex> lock(mu_);
      return batch_.ForEachAlert(run_id, sink);
    });
  }

  Result<int64_t> RecordHitDecision(
      const HitDecision& decision,
      const std::function<std::string(const LedgerHit&, const std::string&)>& audit_payload)
      override {
    return NoThrow("recording a decision", [&]() -> Result<int64_t> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return batch_.RecordDecision(decision, audit_payload, *now, InTransactionAppender());
    });
  }

  Result<ApiKeyRecord> CreateApiKey(const ApiKeyRecord& key) override {
    return NoThrow("creating an API key", [&]() -> Result<ApiKeyRecord> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return api_keys_.Create(key, *now);
    });
  }

  Result<std::optional<ApiKeyRecord>> GetApiKey(std::string_view key_id) override {
    return NoThrow("reading an API key", [&]() -> Result<std::optional<ApiKeyRecord>> {
      std::lock_guard<std::mutex> lock(mu_);
      return api_keys_.Get(key_id);
    });
  }

  Result<std::vector<ApiKeyRecord>> ListApiKeys() override {
    return NoThrow("listing API keys", [&]() -> Result<std::vector<ApiKeyRecord>> {
      std::lock_guard<std::mutex> lock(mu_);
      return api_keys_.List();
    });
  }

  Result<ApiKeyRecord> RevokeApiKey(std::string_view key_id_or_name) override {
    return NoThrow("revoking an API key", [&]() -> Result<ApiKeyRecord> {
      std::lock_guard<std::mutex> lock(mu_);
      Result<std::string> now = Now();
      if (!now.ok()) return now.status();
      return api_keys_.Revoke(key_id_or_name, *now);
    });
  }

  int schema_version() const override { return schema_version_; }
  std::string path() const override { return path_; }

 private:
  Result<std::string> Now() const;
  store_internal::AuditAppender InTransactionAppender() {
    return [this](std::string_view kind, std::string_view actor, std::string_view payload) {
      return AppendAuditInTransaction(kind, actor, payload);
    };
  }
  Status PrepareStatements();
  Result<int64_t> AppendAuditLocked(std::string_view kind, std::string_view actor,
                                    std::string_view payload_json);
  // The append itself; REQUIRES: the caller holds an IMMEDIATE transaction.
  Result<int64_t> AppendAuditInTransaction(std::string_view kind, std::string_view actor,
                                           std::string_view payload_json);
  Result<AuditVerifyResult> VerifyAuditLogLocked();
  Status ExportAuditLocked(std::optional<Date> since,
                           const std::function<Status(const AuditRecord&)>& sink);

  const std::string path_;
  const StoreOptions options_;
  int schema_version_ = 0;

  std::mutex mu_;  // serializes use of db_ and the cached statements
  store_internal::SqliteHandle db_;
  // Prepared once: the server appends on every API call. Declared after db_, so destroyed first.
  Statement last_audit_;
  Statement insert_audit_;
  Statement scan_audit_;
  Statement export_audit_;
  store_internal::ListSnapshotTables snapshots_;
  store_internal::PartyNetworkTables parties_;
  store_internal::LedgerAuditTables ledger_audits_;
  store_internal::BatchTables batch_;
  store_internal::ApiKeyTables api_keys_;
};

Result<std::string> SqliteStore::Now() const {
  std::string now = options_.now ? options_.now() : SystemUtcNow();
  if (!store_internal::IsUtcTimestamp(now)) {
    return Status::Internal("the store's clock returned '" + now +
                            "', not a UTC time like 2026-11-25T00:04:38Z");
  }
  return now;
}

Status SqliteStore::Open() {
  if (path_ != kMemoryPath) {
    std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
      std::filesystem::create_directories(parent, ec);
      if (ec)
        return Status::IOError("creating directory '" + parent.string() + "': " + ec.message());
    }
  }

  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  db_.reset(raw);  // even a failed open allocates a handle that must be closed
  if (rc != SQLITE_OK) return store_internal::SqliteError(raw, rc, "opening the database");
  sqlite3* db = db_.get();

  // Before anything else, so even the migrations wait for a concurrent writer instead of failing.
  rc = sqlite3_busy_timeout(db, options_.lock_timeout_ms);
  if (rc != SQLITE_OK) return store_internal::SqliteError(db, rc, "setting busy_timeout");
  Status s = store_internal::Exec(db, "PRAGMA foreign_keys = ON", "enabling foreign keys");
  if (!s.ok()) return s;
  if (path_ != kMemoryPath) {
    if (s = EnableWal(db, options_.lock_timeout_ms); !s.ok()) return s;
  }

  Result<int> version =
      store_internal::ApplyMigrations(db, store_internal::EmbeddedMigrations(), [this] {
        Result<std::string> now = Now();
        return now.ok() ? *now : SystemUtcNow();
      });
  if (!version.ok()) return version.status();
  schema_version_ = *version;
  return PrepareStatements();
}

Status SqliteStore::PrepareStatements() {
  sqlite3* db = db_.get();
  const StatementSpec statements[] = {
      {&last_audit_, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
       "reading the last audit record"},
      {&insert_audit_,
       std::string("INSERT INTO audit_log (") + kAuditColumns +
           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       "inserting an audit record"},
      {&scan_audit_, std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq",
       "reading audit_log for verification"},
      {&export_audit_,
       std::string("SELECT ") + kAuditColumns +
           " FROM audit_log WHERE recorded_at >= ?1 ORDER BY seq",
       "reading audit_log for export"},
  };
  if (Status s = PrepareAll(db, statements); !s.ok()) return s;
  if (Status s = snapshots_.Prepare(db); !s.ok()) return s;
  if (Status s = parties_.Prepare(db); !s.ok()) return s;
  if (Status s = batch_.Prepare(db); !s.ok()) return s;
  if (Status s = ledger_audits_.Prepare(db); !s.ok()) return s;
  return api_keys_.Prepare(db);
}

Result<int64_t> SqliteStore::AppendAuditLocked(std::string_view kind, std::string_view actor,
                                               std::string_view payload_json) {
  // The chain forks if two appenders read the same last hash; the write lock taken by BEGIN
  // IMMEDIATE makes read-last-then-insert atomic across connections and processes.
  Transaction txn(db_.get());
  if (Status s = txn.BeginImmediate("an audit append"); !s.ok()) return s;
  Result<int64_t> seq = AppendAuditInTransaction(kind, actor, payload_json);
  if (!seq.ok()) return seq.status();
  if (Status s = txn.Commit("an audit append"); !s.ok()) return s;
  return *seq;
}

Result<int64_t> SqliteStore::AppendAuditInTransaction(std::string_view kind, std::string_view actor,
                                                      std::string_view payload_json) {
  if (Status s = store_internal::ValidateAuditFields(kind, actor, payload_json); !s.ok()) return s;
  AuditRecord record;
  record.seq = 1;
  record.prev_hash = std::string(store_internal::kGenesisHash);
  {
    ScopedReset reset(last_audit_);
    Result<bool> row = last_audit_.Step();
    if (!row.ok()) return row.status();
    if (*row) {
      record.seq = last_audit_.ColumnInt64(0) + 1;
      record.prev_hash = last_audit_.ColumnText(1);
    }
  }
  // Stamped under the lock, so recorded_at never decreases along the chain of one clock.
  Result<std::string> now = Now();
  if (!now.ok()) return now.status();
  record.recorded_at = std::move(now).value();
  record.kind = std::string(kind);
  record.actor = std::string(actor);
  record.payload = std::string(payload_json);
  Result<std::string> hash = store_internal::ComputeAuditHash(record);
  if (!hash.ok()) return hash.status();
  record.hash = std::move(hash).value();

  {
    ScopedReset reset(insert_audit_);
    Statement& ins = insert_audit_;
    Status s = ins.Bind(1, record.seq);
    if (s.ok()) s = ins.Bind(2, record.recorded_at);
    if (s.ok()) s = ins.Bind(3, record.kind);
    if (s.ok()) s = ins.Bind(4, record.actor);
    if (s.ok()) s = ins.Bind(5, record.payload);
    if (s.ok()) s = ins.Bind(6, record.prev_hash);
    if (s.ok()) s = ins.Bind(7, record.hash);
    if (s.ok()) s = ins.Run();
    if (!s.ok()) return s;
  }
  return record.seq;
}

Result<AuditVerifyResult> SqliteStore::VerifyAuditLogLocked() {
  // One SELECT reads one snapshot, so appends committed meanwhile neither block nor confuse it.
  ScopedReset reset(scan_audit_);
  store_internal::AuditChainVerifier verifier;
  while (!verifier.broken()) {
    Result<bool> row = scan_audit_.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (Status s = verifier.Add(ReadAuditRow(scan_audit_)); !s.ok()) return s;
  }
  return verifier.result();
}

Status SqliteStore::ExportAuditLocked(std::optional<Date> since,
                                      const std::function<Status(const AuditRecord&)>& sink) {
  ScopedReset reset(export_audit_);
  // "YYYY-MM-DD" sorts before every timestamp of that day; "" before everything.
  if (Status s = export_audit_.Bind(1, since ? since->ToString() : std::string()); !s.ok()) {
    return s;
  }
  for (;;) {
    Result<bool> row = export_audit_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
    if (Status s = sink(ReadAuditRow(export_audit_)); !s.ok()) return s;
  }
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  if (path.empty()) return Status::InvalidArgument("the database path is empty");
  return NoThrow("opening database '" + path + "'", [&]() -> Result<std::unique_ptr<Store>> {
    auto store = std::make_unique<SqliteStore>(path, options);
    if (Status s = store->Open(); !s.ok()) return s.WithContext("database '" + path + "'");
    return std::unique_ptr<Store>(std::move(store));
  });
}

}  // namespace chokepoint
