#include "store/batch_tables.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace chokepoint::store_internal {

namespace {

constexpr const char* kRunColumns =
    "run_id, state, base_run, snapshots, as_of, params, checkpoint, chunks_done, parties_done, "
    "alerts, summary, started_at, completed_at";
constexpr const char* kHitColumns =
    "hit_id, party_id, source_code, list_id, active, status, score, entry_hash, party_hash, "
    "evidence, first_run, last_run, decision_entry_hash, decision_party_hash, decision_until";
constexpr const char* kPartyColumns =
    "party_id, name, country, address, type, source, content_hash, screened_hash";

Status BindOne(Statement& s, int i, const std::string& v) { return s.Bind(i, v); }
Status BindOne(Statement& s, int i, int64_t v) { return s.Bind(i, v); }
Status BindOne(Statement& s, int i, double v) { return s.BindDouble(i, v); }
Status BindOne(Statement& s, int i, const std::optional<int64_t>& v) {
  return v ? s.Bind(i, *v) : s.BindNull(i);
}

// Binds ?1, ?2, ... in order, stopping at the first failure.
template <typename... Args>
Status BindAll(Statement& stmt, const Args&... args) {
  Status status;
  int index = 0;
  ((status = status.ok() ? BindOne(stmt, ++index, args) : status), ...);
  return status;
}

template <typename... Args>
Status RunWith(Statement& stmt, const Args&... args) {
  ScopedReset reset(stmt);
  Status s = BindAll(stmt, args...);
  return s.ok() ? stmt.Run() : s;
}

Result<std::vector<int64_t>> ParseIds(const std::string& text, int64_t run_id) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<int64_t> ids;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (!v.is_number_integer()) break;
      ids.push_back(v.get<int64_t>());
    }
    if (ids.size() == j.size()) return ids;
  }
  return Status::Corruption("batch run " + std::to_string(run_id) +
                            ": snapshots is not a JSON array of ids");
}

}  // namespace

Status BatchTables::Prepare(sqlite3* db) {
  db_ = db;
  const std::string runs = std::string("SELECT ") + kRunColumns + " FROM batch_runs";
  const std::string hits = std::string("SELECT ") + kHitColumns + " FROM batch_hits";
  const std::string parties = std::string("SELECT ") + kPartyColumns + " FROM register_parties";
  const StatementSpec statements[] = {
      {&get_party_hash_, "SELECT content_hash FROM register_parties WHERE party_id = ?1",
       "reading a registered party"},
      {&upsert_party_,
       "INSERT INTO register_parties (party_id, name, country, address, type, source, "
       "content_hash, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (party_id) "
       "DO UPDATE SET name = ?2, country = ?3, address = ?4, type = ?5, source = ?6, "
       "content_hash = ?7, updated_at = ?8",
       "registering a party"},
      {&count_parties_, "SELECT count(*) FROM register_parties", "counting registered parties"},
      {&parties_first_, parties + " ORDER BY party_id LIMIT ?1", "reading registered parties"},
      {&parties_after_, parties + " WHERE party_id > ?1 ORDER BY party_id LIMIT ?2",
       "reading registered parties"},
      {&run_unfinished_, runs + " WHERE state = 'running'", "reading the running batch run"},
      {&run_last_completed_, runs + " WHERE state = 'completed' ORDER BY run_id DESC LIMIT 1",
       "reading the last completed batch run"},
      {&run_list_, runs + " ORDER BY run_id DESC LIMIT ?1", "listing batch runs"},
      {&run_get_, runs + " WHERE run_id = ?1", "reading a batch run"},
      {&run_insert_,
       "INSERT INTO batch_runs (state, base_run, snapshots, as_of, params, started_at) "
       "VALUES ('running', ?1, ?2, ?3, ?4, ?5)",
       "starting a batch run"},
      {&run_checkpoint_,
       "UPDATE batch_runs SET checkpoint = ?2, chunks_done = chunks_done + 1, "
       "parties_done = parties_done + ?3, alerts = alerts + ?4 WHERE run_id = ?1",
       "checkpointing a batch run"},
      {&run_complete_,
       "UPDATE batch_runs SET state = 'completed', summary = ?2, completed_at = ?3 "
       "WHERE run_id = ?1",
       "completing a batch run"},
      {&hits_range_,
       hits + " WHERE party_id >= ?1 AND party_id <= ?2 ORDER BY party_id, source_code, list_id",
       "reading the hit ledger"},
      {&hit_get_, hits + " WHERE hit_id = ?1", "reading a hit"},
      {&hit_upsert_,
       std::string("INSERT INTO batch_hits (") + kHitColumns +
           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
           "ON CONFLICT (hit_id) DO UPDATE SET active = ?5, status = ?6, score = ?7, "
           "entry_hash = ?8, party_hash = ?9, evidence = ?10, first_run = ?11, last_run = ?12, "
           "decision_entry_hash = ?13, decision_party_hash = ?14, decision_until = ?15",
       "writing the hit ledger"},
      {&hits_count_,
       "SELECT status, count(*) FROM batch_hits WHERE active = 1 GROUP BY status ORDER BY status",
       "counting hits"},
      {&alert_insert_,
       "INSERT INTO batch_alerts (run_id, hit_id, kind, reason, party_id, party_name, "
       "source_code, list_id, hit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
       "writing an alert"},
      {&alerts_scan_,
       "SELECT run_id, hit_id, kind, reason, party_id, party_name, source_code, list_id, hit "
       "FROM batch_alerts WHERE run_id = ?1 ORDER BY party_id, source_code, list_id",
       "reading alerts"},
      {&party_screened_, "UPDATE register_parties SET screened_hash = ?2 WHERE party_id = ?1",
       "marking a party screened"},
      {&decision_update_,
       "UPDATE batch_hits SET status = ?2, decision_entry_hash = entry_hash, "
       "decision_party_hash = party_hash, decision_until = ?3 WHERE hit_id = ?1",
       "recording a decision"},
      {&decision_insert_,
       "INSERT INTO batch_decisions (hit_id, decision, note, until, actor, decided_at, "
       "audit_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       "recording a decision"}};
  return PrepareAll(db, statements);
}

Result<RegisterUpsertCounts> BatchTables::UpsertParties(
    const std::vector<RegisteredParty>& parties, std::string_view actor,
    const std::function<std::string(const RegisterUpsertCounts&)>& audit_payload,
    const std::string& now, const AuditAppender& append_audit) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("registering parties"); !s.ok()) return s;
  RegisterUpsertCounts counts;
  for (const RegisteredParty& p : parties) {
    if (p.id.empty()) return Status::InvalidArgument("a registered party has an empty id");
    std::optional<std::string> stored;
    {
      ScopedReset reset(get_party_hash_);
      if (Status s = BindAll(get_party_hash_, p.id); !s.ok()) return s;
      Result<bool> row = get_party_hash_.Step();
      if (!row.ok()) return row.status();
      if (*row) stored = get_party_hash_.ColumnText(0);
    }
    if (stored && *stored == p.content_hash) {
      ++counts.unchanged;  // no write: a nightly re-import of an unchanged master stays cheap
      continue;
    }
    ++(stored ? counts.changed : counts.added);
    Status s = RunWith(upsert_party_, p.id, p.name, p.country, p.address, p.type, p.source,
                       p.content_hash, now);
    if (!s.ok()) return s;
  }
  if (audit_payload) {
    Result<int64_t> seq = append_audit("parties-import", actor, audit_payload(counts));
    if (!seq.ok()) return seq.status();
  }
  if (Status s = txn.Commit("registering parties"); !s.ok()) return s;
  return counts;
}

Result<int64_t> BatchTables::CountParties() {
  ScopedReset reset(count_parties_);
  Result<bool> row = count_parties_.Step();
  if (!row.ok()) return row.status();
  return count_parties_.ColumnInt64(0);
}

Result<std::vector<RegisteredParty>> BatchTables::PartiesAfter(
    const std::optional<std::string>& after_id, size_t limit) {
  Statement& stmt = after_id ? parties_after_ : parties_first_;
  ScopedReset reset(stmt);
  Status s = after_id ? BindAll(stmt, *after_id, static_cast<int64_t>(limit))
                      : BindAll(stmt, static_cast<int64_t>(limit));
  if (!s.ok()) return s;
  std::vector<RegisteredParty> out;
  for (;;) {
    Result<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    RegisteredParty p;
    p.id = stmt.ColumnText(0);
    p.name = stmt.ColumnText(1);
    p.country = stmt.ColumnText(2);
    p.address = stmt.ColumnText(3);
    p.type = stmt.ColumnText(4);
    p.source = stmt.ColumnText(5);
    p.content_hash = stmt.ColumnText(6);
    if (!stmt.ColumnIsNull(7)) p.screened_hash = stmt.ColumnText(7);
    out.push_back(std::move(p));
  }
}

Result<std::optional<BatchRunRecord>> BatchTables::ReadRun(Statement& stmt) {
  Result<bool> row = stmt.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<BatchRunRecord>();
  BatchRunRecord r;
  r.run_id = stmt.ColumnInt64(0);
  r.state = stmt.ColumnText(1);
  if (!stmt.ColumnIsNull(2)) r.base_run = stmt.ColumnInt64(2);
  Result<std::vector<int64_t>> ids = ParseIds(stmt.ColumnText(3), r.run_id);
  if (!ids.ok()) return ids.status();
  r.snapshots = std::move(ids).value();
  r.as_of = stmt.ColumnText(4);
  r.params_json = stmt.ColumnText(5);
  if (!stmt.ColumnIsNull(6)) r.checkpoint = stmt.ColumnText(6);
  r.chunks_done = stmt.ColumnInt64(7);
  r.parties_done = stmt.ColumnInt64(8);
  r.alerts = stmt.ColumnInt64(9);
  r.summary_json = stmt.ColumnText(10);
  r.started_at = stmt.ColumnText(11);
  if (!stmt.ColumnIsNull(12)) r.completed_at = stmt.ColumnText(12);
  return std::optional<BatchRunRecord>(std::move(r));
}

Result<std::optional<BatchRunRecord>> BatchTables::Unfinished() {
  ScopedReset reset(run_unfinished_);
  return ReadRun(run_unfinished_);
}

Result<std::optional<BatchRunRecord>> BatchTables::LastCompleted() {
  ScopedReset reset(run_last_completed_);
  return ReadRun(run_last_completed_);
}

Result<std::vector<BatchRunRecord>> BatchTables::ListRuns(size_t limit) {
  ScopedReset reset(run_list_);
  if (Status s = BindAll(run_list_, static_cast<int64_t>(limit)); !s.ok()) return s;
  std::vector<BatchRunRecord> out;
  for (;;) {
    Result<std::optional<BatchRunRecord>> run = ReadRun(run_list_);
    if (!run.ok()) return run.status();
    if (!*run) return out;
    out.push_back(std::move(**run));
  }
}

Result<BatchRunRecord> BatchTables::StartRun(const BatchRunRecord& run, const std::string& now) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("starting a batch run"); !s.ok()) return s;
  {
    Result<std::optional<BatchRunRecord>> running = Unfinished();
    if (!running.ok()) return running.status();
    if (*running) {
      return Status::InvalidArgument("batch run " + std::to_string((*running)->run_id) +
                                     " is still running");
    }
  }
  Status s = RunWith(run_insert_, run.base_run, nlohmann::json(run.snapshots).dump(), run.as_of,
                     run.params_json, now);
  if (!s.ok()) return s;
  const int64_t id = sqlite3_last_insert_rowid(db_);
  ScopedReset reset(run_get_);
  if (s = BindAll(run_get_, id); !s.ok()) return s;
  Result<std::optional<BatchRunRecord>> created = ReadRun(run_get_);
  if (!created.ok()) return created.status();
  if (!*created) return Status::Internal("batch run vanished inside its own transaction");
  BatchRunRecord out = std::move(**created);
  run_get_.Reset();
  if (s = txn.Commit("starting a batch run"); !s.ok()) return s;
  return out;
}

Result<std::optional<LedgerHit>> BatchTables::ReadHit(Statement& stmt) {
  Result<bool> row = stmt.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<LedgerHit>();
  LedgerHit h;
  h.hit_id = stmt.ColumnText(0);
  h.party_id = stmt.ColumnText(1);
  h.source_code = stmt.ColumnText(2);
  h.list_id = stmt.ColumnText(3);
  h.active = stmt.ColumnInt64(4) != 0;
  h.status = stmt.ColumnText(5);
  h.score = stmt.ColumnDouble(6);
  h.entry_hash = stmt.ColumnText(7);
  h.party_hash = stmt.ColumnText(8);
  h.evidence_json = stmt.ColumnText(9);
  h.first_run = stmt.ColumnInt64(10);
  h.last_run = stmt.ColumnInt64(11);
  h.decision_entry_hash = stmt.ColumnText(12);
  h.decision_party_hash = stmt.ColumnText(13);
  h.decision_until = stmt.ColumnText(14);
  return std::optional<LedgerHit>(std::move(h));
}

Result<std::vector<LedgerHit>> BatchTables::HitsForParties(const std::string& first_id,
                                                           const std::string& last_id) {
  ScopedReset reset(hits_range_);
  if (Status s = BindAll(hits_range_, first_id, last_id); !s.ok()) return s;
  std::vector<LedgerHit> out;
  for (;;) {
    Result<std::optional<LedgerHit>> hit = ReadHit(hits_range_);
    if (!hit.ok()) return hit.status();
    if (!*hit) return out;
    out.push_back(std::move(**hit));
  }
}

Result<std::optional<LedgerHit>> BatchTables::GetHit(const std::string& hit_id) {
  ScopedReset reset(hit_get_);
  if (Status s = BindAll(hit_get_, hit_id); !s.ok()) return s;
  return ReadHit(hit_get_);
}

Result<std::vector<std::pair<std::string, int64_t>>> BatchTables::CountActiveHits() {
  ScopedReset reset(hits_count_);
  std::vector<std::pair<std::string, int64_t>> out;
  for (;;) {
    Result<bool> row = hits_count_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.emplace_back(hits_count_.ColumnText(0), hits_count_.ColumnInt64(1));
  }
}

Status BatchTables::UpsertHit(const LedgerHit& h) {
  return RunWith(hit_upsert_, h.hit_id, h.party_id, h.source_code, h.list_id,
                 static_cast<int64_t>(h.active ? 1 : 0), h.status, h.score, h.entry_hash,
                 h.party_hash, h.evidence_json, h.first_run, h.last_run, h.decision_entry_hash,
                 h.decision_party_hash, h.decision_until);
}

Status BatchTables::CommitChunk(const BatchChunkCommit& chunk) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("a batch chunk"); !s.ok()) return s;
  {
    ScopedReset reset(run_get_);
    if (Status s = BindAll(run_get_, chunk.run_id); !s.ok()) return s;
    Result<std::optional<BatchRunRecord>> run = ReadRun(run_get_);
    if (!run.ok()) return run.status();
    if (!*run || (*run)->state != "running" || (*run)->checkpoint != chunk.expected_checkpoint) {
      return Status::Internal("batch run " + std::to_string(chunk.run_id) +
                              " moved on while this chunk was screened (another process is "
                              "running it); stopping");
    }
  }
  for (const LedgerHit& h : chunk.hits) {
    if (Status s = UpsertHit(h); !s.ok()) return s;
  }
  for (const BatchAlertRecord& a : chunk.alerts) {
    Status s = RunWith(alert_insert_, chunk.run_id, a.hit_id, a.kind, a.reason, a.party_id,
                       a.party_name, a.source_code, a.list_id, a.hit_json);
    if (!s.ok()) return s;
  }
  for (const auto& [party_id, hash] : chunk.screened) {
    if (Status s = RunWith(party_screened_, party_id, hash); !s.ok()) return s;
  }
  Status s = RunWith(run_checkpoint_, chunk.run_id, chunk.last_party_id, chunk.parties,
                     static_cast<int64_t>(chunk.alerts.size()));
  if (!s.ok()) return s;
  return txn.Commit("a batch chunk");
}

Result<int64_t> BatchTables::CompleteRun(
    int64_t run_id, const std::string& summary_json, std::string_view actor,
    const std::function<std::string(const BatchRunRecord&)>& payload, const std::string& now,
    const AuditAppender& append_audit) {
  if (!nlohmann::json::accept(summary_json)) {
    return Status::InvalidArgument("batch run summary is not valid JSON");
  }
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("completing a batch run"); !s.ok()) return s;
  if (Status s = RunWith(run_complete_, run_id, summary_json, now); !s.ok()) return s;
  if (sqlite3_changes(db_) != 1) {
    return Status::NotFound("there is no batch run " + std::to_string(run_id));
  }
  std::optional<BatchRunRecord> run;
  {
    ScopedReset reset(run_get_);
    if (Status s = BindAll(run_get_, run_id); !s.ok()) return s;
    Result<std::optional<BatchRunRecord>> read = ReadRun(run_get_);
    if (!read.ok()) return read.status();
    run = std::move(read).value();
  }
  if (!run) return Status::Internal("batch run vanished inside its own transaction");
  int64_t seq = 0;
  if (payload) {
    Result<int64_t> appended = append_audit("batch-run", actor, payload(*run));
    if (!appended.ok()) return appended.status();
    seq = *appended;
  }
  if (Status s = txn.Commit("completing a batch run"); !s.ok()) return s;
  return seq;
}

Status BatchTables::ForEachAlert(int64_t run_id,
                                 const std::function<Status(const BatchAlertRecord&)>& sink) {
  ScopedReset reset(alerts_scan_);
  if (Status s = BindAll(alerts_scan_, run_id); !s.ok()) return s;
  BatchAlertRecord a;
  for (;;) {
    Result<bool> row = alerts_scan_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
    a.run_id = alerts_scan_.ColumnInt64(0);
    a.hit_id = alerts_scan_.ColumnText(1);
    a.kind = alerts_scan_.ColumnText(2);
    a.reason = alerts_scan_.ColumnText(3);
    a.party_id = alerts_scan_.ColumnText(4);
    a.party_name = alerts_scan_.ColumnText(5);
    a.source_code = alerts_scan_.ColumnText(6);
    a.list_id = alerts_scan_.ColumnText(7);
    a.hit_json = alerts_scan_.ColumnText(8);
    if (Status s = sink(a); !s.ok()) return s;
  }
}

Result<int64_t> BatchTables::RecordDecision(
    const HitDecision& d,
    const std::function<std::string(const LedgerHit&, const std::string&)>& payload,
    const std::string& now, const AuditAppender& append_audit) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("recording a decision"); !s.ok()) return s;
  if (Status s = RunWith(decision_update_, d.hit_id, d.status, d.until); !s.ok()) return s;
  if (sqlite3_changes(db_) != 1) return Status::NotFound("there is no hit '" + d.hit_id + "'");
  Result<std::optional<LedgerHit>> hit = GetHit(d.hit_id);
  if (!hit.ok()) return hit.status();
  if (!*hit) return Status::Internal("hit vanished inside its own transaction");
  Result<int64_t> seq = append_audit("review", d.actor, payload(**hit, now));
  if (!seq.ok()) return seq.status();
  Status s = RunWith(decision_insert_, d.hit_id, d.decision, d.note, d.until, d.actor, now, *seq);
  if (!s.ok()) return s;
  if (s = txn.Commit("recording a decision"); !s.ok()) return s;
  return *seq;
}

}  // namespace chokepoint::store_internal
