// The audit log's hash chain, independent of where records are stored, so every Store backend
// hashes and verifies the same way (a log exported from SQLite verifies under PostgreSQL).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chokepoint/sha256.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::store_internal {

// prev_hash of the first record.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";


// The record's hash from its prev_hash, seq, recorded_at, kind, actor and payload (its own
// `hash` field is ignored). The formula is documented on Store::AppendAudit.
Result<std::string> ComputeAuditHash(const AuditRecord& record);

// Checks what the caller is about to append; a '\n' in kind or actor would let two different
// records hash the same input.
Status ValidateAuditFields(std::string_view kind, std::string_view actor,
                           std::string_view payload_json);

// True for "YYYY-MM-DDTHH:MM:SSZ" with digits where digits belong.
bool IsUtcTimestamp(std::string_view s);

// Fed the records of a log in seq order, finds the first one that is missing, altered or out of
// place. After a problem is found, further records are ignored.
class AuditChainVerifier {
 public:
  // Non-OK only when hashing itself fails; chain problems land in result().
  Status Add(const AuditRecord& record);
  bool broken() const { return !result_.intact; }
  const AuditVerifyResult& result() const { return result_; }

 private:
  void Fail(int64_t seq, std::string problem);

  int64_t expected_seq_ = 1;
  AuditVerifyResult result_;
};

}  // namespace chokepoint::store_internal
