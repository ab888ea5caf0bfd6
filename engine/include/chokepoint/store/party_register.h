// PartyRegisterStore: the party register the nightly batch re-screens, its runs, the hit ledger
// and reviewers' decisions (docs/batch.md), one concern of the Store (store.h, which also states
// the threading and error rules every method here follows).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chokepoint/status.h"

namespace chokepoint {

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

// What one chunk of a run changes; PartyRegisterStore::CommitBatchChunk writes all of it or
// nothing.
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

// Party register, batch runs, hit ledger (docs/batch.md).
class PartyRegisterStore {
 public:
  PartyRegisterStore(const PartyRegisterStore&) = delete;
  PartyRegisterStore& operator=(const PartyRegisterStore&) = delete;
  virtual ~PartyRegisterStore() = default;

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

 protected:
  PartyRegisterStore() = default;
};

}  // namespace chokepoint
