// PartyRegisterStore's tables in the SQLite store (migration 004): the party register, runs and
// their checkpoints, the hit ledger, decisions and alerts. SqliteStore owns one instance and calls
// it under its mutex; this class never locks.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/status.h"
#include "chokepoint/store.h"
#include "store/list_snapshots.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

class BatchTables {
 public:
  Status Prepare(sqlite3* db);

  // REQUIRES for every writer: no transaction is open on the connection.
  Result<RegisterUpsertCounts> UpsertParties(
      const std::vector<RegisteredParty>& parties, std::string_view actor,
      const std::function<std::string(const RegisterUpsertCounts&)>& audit_payload,
      const std::string& now, const AuditAppender& append_audit);
  Result<int64_t> CountParties();
  Result<std::vector<RegisteredParty>> PartiesAfter(const std::optional<std::string>& after_id,
                                                    size_t limit);

  Result<std::optional<BatchRunRecord>> Unfinished();
  Result<std::optional<BatchRunRecord>> LastCompleted();
  Result<std::vector<BatchRunRecord>> ListRuns(size_t limit);
  Result<BatchRunRecord> StartRun(const BatchRunRecord& run, const std::string& now);
  Result<std::vector<LedgerHit>> HitsForParties(const std::string& first_id,
                                                const std::string& last_id);
  Result<std::optional<LedgerHit>> GetHit(const std::string& hit_id);
  Result<std::vector<std::pair<std::string, int64_t>>> CountActiveHits();
  Status CommitChunk(const BatchChunkCommit& chunk);
  Result<int64_t> CompleteRun(int64_t run_id, const std::string& summary_json,
                              std::string_view actor,
                              const std::function<std::string(const BatchRunRecord&)>& payload,
                              const std::string& now, const AuditAppender& append_audit);
  Status ForEachAlert(int64_t run_id, const std::function<Status(const BatchAlertRecord&)>& sink);
  Result<int64_t> RecordDecision(
      const HitDecision& decision,
      const std::function<std::string(const LedgerHit&, const std::string&)>& payload,
      const std::string& now, const AuditAppender& append_audit);

 private:
  Result<std::optional<BatchRunRecord>> ReadRun(Statement& stmt);
  Result<std::optional<LedgerHit>> ReadHit(Statement& stmt);
  Status UpsertHit(const LedgerHit& hit);

  sqlite3* db_ = nullptr;
  Statement get_party_hash_;
  Statement upsert_party_;
  Statement count_parties_;
  Statement parties_first_;
  Statement parties_after_;
  Statement run_unfinished_;
  Statement run_last_completed_;
  Statement run_list_;
  Statement run_get_;
  Statement run_insert_;
  Statement run_checkpoint_;
  Statement run_complete_;
  Statement hits_range_;
  Statement hit_get_;
  Statement hit_upsert_;
  Statement hits_count_;
  Statement alert_insert_;
  Statement alerts_scan_;
  Statement party_screened_;
  Statement decision_update_;
  Statement decision_insert_;
};

}  // namespace chokepoint::store_internal
