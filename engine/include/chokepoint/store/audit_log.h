// AuditLog: the append-only, hash-chained audit log, one concern of the Store (store.h, which
// also states the threading and error rules every method here follows).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  std::string hash;         // lowercase hex SHA-256, see AuditLog::AppendAudit
};

// What AuditLog::VerifyAuditLog found. A broken chain is a finding, not an error: the Result is
// OK and `intact` is false.
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

// One record for AuditLog::AppendAuditBatch.
struct AuditAppend {
  std::string kind;
  std::string actor;
  std::string payload;  // canonical JSON, as for AppendAudit
};

class AuditLog {
 public:
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  virtual ~AuditLog() = default;

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

 protected:
  AuditLog() = default;
};

}  // namespace chokepoint
