// The ledger-audit tables behind LedgerAuditStore (chokepoint/store/ledger_audits.h).
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>

#include "chokepoint/store.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

class LedgerAuditTables {
 public:
  Status Prepare(sqlite3* db);
  Result<int64_t> Begin(const LedgerAuditRun& run, const std::string& now);
  // One transaction per call. REQUIRES: no open transaction.
  Status Add(int64_t audit_id, const std::vector<LedgerResultRow>& rows);
  Status Finish(int64_t audit_id, std::string_view summary_json, const std::string& now);
  Result<std::optional<LedgerAuditRun>> Get(int64_t audit_id);
  Status ForEach(int64_t audit_id, const std::function<Status(const LedgerResultRow&)>& sink);

 private:
  sqlite3* db_ = nullptr;
  Statement insert_run_;
  Statement insert_result_;
  Statement finish_run_;
  Statement get_run_;
  Statement scan_results_;
};

}  // namespace chokepoint::store_internal
