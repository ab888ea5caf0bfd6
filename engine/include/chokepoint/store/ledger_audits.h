// LedgerAuditStore: runs of `chokepoint audit` over a shipment ledger and their judged lines, one
// concern of the Store (store.h, which also states the threading and error rules every method
// here follows).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"

namespace chokepoint {

// One run of `chokepoint audit`: what the ledger was judged against.
struct LedgerAuditRun {
  int64_t id = 0;                     // assigned by the store
  std::string ledger;                 // the ledger file as given
  std::string ledger_sha256;          // lowercase hex of its bytes
  std::string rules_version;          // RulePack::fingerprint()
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

// Ledger audits: a run is begun, its results added in batches (each batch one transaction; rows
// are append-only), then finished with its summary. A run that dies stays unfinished, its
// results kept as far as they got.
class LedgerAuditStore {
 public:
  LedgerAuditStore(const LedgerAuditStore&) = delete;
  LedgerAuditStore& operator=(const LedgerAuditStore&) = delete;
  virtual ~LedgerAuditStore() = default;

  virtual Result<int64_t> BeginLedgerAudit(const LedgerAuditRun& run) = 0;
  virtual Status AddLedgerResults(int64_t audit_id, const std::vector<LedgerResultRow>& rows) = 0;
  virtual Status FinishLedgerAudit(int64_t audit_id, std::string_view summary_json) = 0;
  virtual Result<std::optional<LedgerAuditRun>> GetLedgerAudit(int64_t audit_id) = 0;
  // Results of a run in line order. sink must not call back into this Store.
  virtual Status ForEachLedgerResult(int64_t audit_id,
                                     const std::function<Status(const LedgerResultRow&)>& sink) = 0;

 protected:
  LedgerAuditStore() = default;
};

}  // namespace chokepoint
