#include "store/ledger_audits.h"

namespace chokepoint::store_internal {

Status LedgerAuditTables::Prepare(sqlite3* db) {
  db_ = db;
  const StatementSpec statements[] = {
      {&insert_run_,
       "INSERT INTO ledger_audits (ledger, ledger_sha256, rules_version, snapshots, as_of, "
       "started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
       "starting a ledger audit"},
      {&insert_result_,
       "INSERT INTO ledger_audit_results (audit_id, line, shipment_id, verdict, result) VALUES "
       "(?1, ?2, ?3, ?4, ?5)",
       "storing a ledger audit result"},
      {&finish_run_, "UPDATE ledger_audits SET finished_at = ?2, summary = ?3 WHERE id = ?1",
       "finishing a ledger audit"},
      {&get_run_,
       "SELECT id, ledger, ledger_sha256, rules_version, snapshots, as_of, started_at, "
       "finished_at, summary FROM ledger_audits WHERE id = ?1",
       "reading a ledger audit"},
      {&scan_results_,
       "SELECT line, shipment_id, verdict, result FROM ledger_audit_results WHERE audit_id = ?1 "
       "ORDER BY line",
       "reading ledger audit results"}};
  return PrepareAll(db, statements);
}

Result<int64_t> LedgerAuditTables::Begin(const LedgerAuditRun& run, const std::string& now) {
  ScopedReset reset(insert_run_);
  Status s;
  if (!(s = insert_run_.Bind(1, run.ledger)).ok() ||
      !(s = insert_run_.Bind(2, run.ledger_sha256)).ok() ||
      !(s = insert_run_.Bind(3, run.rules_version)).ok() ||
      !(s = insert_run_.Bind(4, run.snapshots_json)).ok() ||
      !(s = insert_run_.Bind(5, run.as_of)).ok() || !(s = insert_run_.Bind(6, now)).ok() ||
      !(s = insert_run_.Run()).ok()) {
    return s;
  }
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status LedgerAuditTables::Add(int64_t audit_id, const std::vector<LedgerResultRow>& rows) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("storing ledger audit results"); !s.ok()) return s;
  for (const LedgerResultRow& r : rows) {
    ScopedReset reset(insert_result_);
    Status s;
    if (!(s = insert_result_.Bind(1, audit_id)).ok() ||
        !(s = insert_result_.Bind(2, r.line)).ok() ||
        !(s = insert_result_.Bind(3, r.shipment_id)).ok() ||
        !(s = insert_result_.Bind(4, r.verdict)).ok() ||
        !(s = insert_result_.Bind(5, r.result_json)).ok() || !(s = insert_result_.Run()).ok()) {
      return s;
    }
  }
  return txn.Commit("storing ledger audit results");
}

Status LedgerAuditTables::Finish(int64_t audit_id, std::string_view summary_json,
                                 const std::string& now) {
  ScopedReset reset(finish_run_);
  Status s;
  if (!(s = finish_run_.Bind(1, audit_id)).ok() || !(s = finish_run_.Bind(2, now)).ok() ||
      !(s = finish_run_.Bind(3, summary_json)).ok()) {
    return s;
  }
  return finish_run_.Run();
}

Result<std::optional<LedgerAuditRun>> LedgerAuditTables::Get(int64_t audit_id) {
  ScopedReset reset(get_run_);
  if (Status s = get_run_.Bind(1, audit_id); !s.ok()) return s;
  auto row = get_run_.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<LedgerAuditRun>();
  LedgerAuditRun run;
  run.id = get_run_.ColumnInt64(0);
  run.ledger = get_run_.ColumnText(1);
  run.ledger_sha256 = get_run_.ColumnText(2);
  run.rules_version = get_run_.ColumnText(3);
  run.snapshots_json = get_run_.ColumnText(4);
  run.as_of = get_run_.ColumnText(5);
  run.started_at = get_run_.ColumnText(6);
  run.finished_at = get_run_.ColumnText(7);
  run.summary_json = get_run_.ColumnText(8);
  return std::optional<LedgerAuditRun>(std::move(run));
}

Status LedgerAuditTables::ForEach(int64_t audit_id,
                                  const std::function<Status(const LedgerResultRow&)>& sink) {
  ScopedReset reset(scan_results_);
  if (Status s = scan_results_.Bind(1, audit_id); !s.ok()) return s;
  for (;;) {
    auto row = scan_results_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
    LedgerResultRow r;
    r.line = scan_results_.ColumnInt64(0);
    r.shipment_id = scan_results_.ColumnText(1);
    r.verdict = scan_results_.ColumnText(2);
    r.result_json = scan_results_.ColumnText(3);
    if (Status s = sink(r); !s.ok()) return s;
  }
}

}  // namespace chokepoint::store_internal
