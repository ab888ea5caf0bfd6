// Reconciling one party's current hits with its rows in the hit ledger: which rows change, which
// alerts are raised, which are suppressed by a reviewer's decision. Pure: no store, no index (the
// store.h types are plain values), so the rules of docs/batch.md are tested here directly. The
// nightly batch (chokepoint/service/batch.h) is its one caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "chokepoint/store.h"

namespace chokepoint::hit_ledger {

// The source code of ownership hits (service/src/batch/ownership_hits.h): their list_id is the
// ownership rule's id.
inline constexpr const char* kOwnershipSource = "OWNERSHIP";

// (source_code, list_id) as one map key.
std::string EntryKey(std::string_view source_code, std::string_view list_id);
// The stable hit id of (party, entry): "H" + 16 hex digits of a SHA-256.
std::string HitId(std::string_view party_id, std::string_view source_code,
                  std::string_view list_id);

struct CurrentHit {
  std::string hit_id;
  std::string source_code;
  std::string list_id;
  std::string entry_hash;
  double score = 0;
  std::string json;  // ScreenHitToJson
};

// What the run knows about the lists, for the reasons it gives.
struct ListChanges {
  std::unordered_set<std::string> present;  // EntryKey of every entry screened against
  std::unordered_set<std::string> added;    // not in the base run's snapshots
  std::unordered_set<std::string> changed;  // content hash differs from the base run's
};

struct ReconcileContext {
  int64_t run_id = 0;
  std::string as_of;  // YYYY-MM-DD
  const ListChanges* lists = nullptr;
};

// Whether a false-positive decision on `hit` still holds for these hashes on `as_of`.
bool SuppressedByDecision(const LedgerHit& hit, const std::string& entry_hash,
                          const std::string& party_hash, const std::string& as_of);

// current: the party's hits now, one per hit id; ledger: its ledger rows. Appends changed ledger
// rows and alerts to `out`, in (source_code, list_id) order.
void ReconcileParty(const RegisteredParty& party, std::vector<CurrentHit> current,
                    std::vector<LedgerHit> ledger, const ReconcileContext& ctx,
                    BatchChunkCommit* out);

}  // namespace chokepoint::hit_ledger
