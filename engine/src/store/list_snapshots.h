// ListSnapshotStore's tables in the SQLite store (migration 002): importing a snapshot atomically,
// reading snapshots back, and streaming their entries. SqliteStore owns one instance and calls it
// under its mutex; this class never locks and never throws past NoThrow in the caller.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"
#include "chokepoint/store.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

// Appends one audit record inside the transaction the caller already holds; returns its seq.
using AuditAppender = std::function<Result<int64_t>(std::string_view kind, std::string_view actor,
                                                    std::string_view payload_json)>;

class ListSnapshotTables {
 public:
  Status Prepare(sqlite3* db);

  // Store::ImportSnapshot. `now` stamps imported_at; `append_audit` writes the record inside the
  // import's transaction. REQUIRES: no transaction is open on the connection.
  Result<SnapshotImport> Import(const SnapshotHeader& header, const SnapshotProducer& produce,
                                const SnapshotAudit& audit, const std::string& now,
                                const AuditAppender& append_audit);

  Result<std::vector<ListSnapshot>> List(bool active_only);
  Result<std::optional<ListSnapshot>> Get(int64_t id);
  Status ForEachEntry(int64_t snapshot_id,
                      const std::function<Status(const StoredListEntry&)>& sink);

 private:
  Result<std::optional<ListSnapshot>> ReadOne(Statement& stmt);
  Result<int64_t> InsertHeader(const SnapshotHeader& header, const std::string& now);
  Status Finish(int64_t id, const std::string& source, int64_t entries, const SnapshotStats& stats);

  sqlite3* db_ = nullptr;
  // Prepared once: an import inserts tens of thousands of entries through insert_entry_.
  Statement active_of_source_;
  Statement insert_snapshot_;
  Statement insert_entry_;
  Statement deactivate_;
  Statement finish_snapshot_;
  Statement list_all_;
  Statement list_active_;
  Statement get_;
  Statement scan_entries_;
};

}  // namespace chokepoint::store_internal
