// ListSnapshotStore: imported restricted-party list snapshots and their entries, one concern of
// the Store (store.h, which also states the threading and error rules every method here follows).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"

namespace chokepoint {

// One import of one restricted-party list: its files, their hash, what was read, and whether it
// is the snapshot screening uses now. Exactly one snapshot per source is active at a time.
struct ListSnapshot {
  int64_t id = 0;                  // 1, 2, 3, ... across all sources, in import order
  std::string source;              // "csl", "ofac-sdn", "ofac-cons", "bis-dpl", "un"
  std::string format;              // "csl-csv", "sdn-csv", ... as on the command line
  std::vector<std::string> files;  // file names without directories, in import order
  std::string sha256;              // lowercase hex, over the files (see data/list_import.h)
  int64_t entries = 0;             // entries stored in this snapshot
  int64_t rows_read = 0;
  int64_t rows_skipped = 0;              // malformed rows left out
  std::string issues_json = "[]";        // JSON array: the first issues, {file,line,field,message}
  std::optional<std::string> published;  // the list's own date ("YYYY-MM-DD"), when it has one
  std::string imported_at;               // UTC "2026-11-25T00:04:38Z", from the store's clock
  bool active = false;
};

// What identifies a snapshot before its entries are read; the store fills in the rest.
struct SnapshotHeader {
  std::string source;
  std::string format;
  std::vector<std::string> files;
  std::string sha256;
};

// What only reading the files reveals; the producer fills it while it streams entries.
struct SnapshotStats {
  int64_t rows_read = 0;
  int64_t rows_skipped = 0;
  std::string issues_json = "[]";  // must parse as a JSON array
  std::optional<std::string> published;
};

// One entry of a stored snapshot, with the columns screening and diffs need unparsed beside it.
struct StoredListEntry {
  int64_t snapshot_id = 0;
  int64_t ord = 0;  // position in the snapshot: 0, 1, 2, ...
  std::string source_code;
  std::string list_id;
  std::string name;
  std::string content_hash;  // lowercase hex sha256 of json
  std::string json;          // ListEntryToJson(entry); ListEntryFromJson gives the entry back
};

// Adds one entry to the snapshot being imported.
using EntryAdder = std::function<Status(const ListEntry&)>;
// Streams a snapshot's entries into `add` and reports what it read in `stats`.
using SnapshotProducer = std::function<Status(const EntryAdder& add, SnapshotStats& stats)>;

// The audit record an import writes inside its own transaction, so a snapshot never becomes
// active without its record, nor the record exist for a snapshot that was rolled back.
struct SnapshotAudit {
  std::string actor;
  // Builds the payload (canonical JSON) once the outcome is known: the new snapshot and true, or
  // the already active identical one and false. Empty: no audit record is written.
  std::function<std::string(const ListSnapshot& snapshot, bool created)> payload;
};

struct SnapshotImport {
  ListSnapshot snapshot;  // the new snapshot, or the active one that made the import a no-op
  bool created = false;
  int64_t audit_seq = 0;  // the "import" record's seq; 0 when no audit was asked for
};

class ListSnapshotStore {
 public:
  ListSnapshotStore(const ListSnapshotStore&) = delete;
  ListSnapshotStore& operator=(const ListSnapshotStore&) = delete;
  virtual ~ListSnapshotStore() = default;

  // Imports one list snapshot in one write transaction. When the active snapshot of
  // header.source has header.sha256, nothing is stored: the result names that snapshot with
  // created == false, and `produce` is not called. Otherwise `produce` streams the entries (each
  // ListEntryToJson'd, hashed and inserted with its position), the new snapshot becomes active and
  // the previous one of its source inactive, the audit record is appended, and all of it commits
  // together. Any error, from `produce`, `audit.payload` or the database, rolls everything back:
  // the previous snapshot stays active and no row of the failed import remains.
  //
  // The write lock is held while `produce` runs, so other writers wait (up to the lock timeout).
  // `produce` and `audit.payload` must not call back into this Store (the call holds its lock).
  virtual Result<SnapshotImport> ImportSnapshot(const SnapshotHeader& header,
                                                const SnapshotProducer& produce,
                                                const SnapshotAudit& audit) = 0;

  // Every snapshot, or only the active ones (at most one per source), ordered by id.
  virtual Result<std::vector<ListSnapshot>> ListSnapshots(bool active_only) = 0;
  // The snapshot with this id, or nullopt when there is none.
  virtual Result<std::optional<ListSnapshot>> GetSnapshot(int64_t id) = 0;

  // Calls sink once per entry of the snapshot, in file order, from one read transaction. Stops
  // at the first non-OK status sink returns and returns it; NotFound when there is no such
  // snapshot. sink must not call back into this Store.
  virtual Status ForEachListEntry(int64_t snapshot_id,
                                  const std::function<Status(const StoredListEntry&)>& sink) = 0;

 protected:
  ListSnapshotStore() = default;
};

}  // namespace chokepoint
