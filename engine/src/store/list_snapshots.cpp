#include "store/list_snapshots.h"

#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "chokepoint/json.h"
#include "store/audit_chain.h"

namespace chokepoint::store_internal {

namespace {

constexpr const char* kSnapshotColumns =
    "id, source, format, files, sha256, entries, rows_read, rows_skipped, issues, published, "
    "imported_at, active";

bool IsLowerHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status ValidateHeader(const SnapshotHeader& h) {
  if (h.source.empty()) return Status::InvalidArgument("list snapshot: source is empty");
  if (h.format.empty()) return Status::InvalidArgument("list snapshot: format is empty");
  // Upper-case or short hashes would silently defeat the identical-import check.
  if (!IsLowerHex64(h.sha256)) {
    return Status::InvalidArgument("list snapshot: sha256 '" + h.sha256 +
                                   "' is not 64 lowercase hex digits");
  }
  return Status::OK();
}

Result<std::vector<std::string>> ParseFiles(const std::string& text, int64_t id) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> files;
  if (j.is_array()) {
    for (const auto& f : j) {
      if (!f.is_string()) break;
      files.push_back(f.get<std::string>());
    }
    if (files.size() == j.size()) return files;
  }
  return Status::Corruption("list snapshot " + std::to_string(id) +
                            ": files is not a JSON array of names");
}

}  // namespace

Status ListSnapshotTables::Prepare(sqlite3* db) {
  db_ = db;
  const std::string select = std::string("SELECT ") + kSnapshotColumns + " FROM list_snapshots";
  const StatementSpec statements[] = {
      {&active_of_source_, select + " WHERE source = ?1 AND active = 1",
       "reading the active list snapshot"},
      {&insert_snapshot_,
       "INSERT INTO list_snapshots (source, format, files, sha256, entries, rows_read, "
       "rows_skipped, issues, published, imported_at, active) "
       "VALUES (?1, ?2, ?3, ?4, 0, 0, 0, '[]', NULL, ?5, 0)",
       "inserting a list snapshot"},
      {&insert_entry_,
       "INSERT INTO list_entries (snapshot_id, ord, source_code, list_id, name, content_hash, "
       "entry_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       "inserting a list entry"},
      {&deactivate_, "UPDATE list_snapshots SET active = 0 WHERE source = ?1 AND active = 1",
       "deactivating the previous list snapshot"},
      {&finish_snapshot_,
       "UPDATE list_snapshots SET entries = ?2, rows_read = ?3, rows_skipped = ?4, issues = ?5, "
       "published = ?6, active = 1 WHERE id = ?1",
       "activating the new list snapshot"},
      {&list_all_, select + " ORDER BY id", "listing list snapshots"},
      {&list_active_, select + " WHERE active = 1 ORDER BY id", "listing active list snapshots"},
      {&get_, select + " WHERE id = ?1", "reading a list snapshot"},
      {&scan_entries_,
       "SELECT ord, source_code, list_id, name, content_hash, entry_json FROM list_entries "
       "WHERE snapshot_id = ?1 ORDER BY ord",
       "reading list entries"}};
  return PrepareAll(db, statements);
}

Result<std::optional<ListSnapshot>> ListSnapshotTables::ReadOne(Statement& stmt) {
  Result<bool> row = stmt.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ListSnapshot>();
  ListSnapshot s;
  s.id = stmt.ColumnInt64(0);
  s.source = stmt.ColumnText(1);
  s.format = stmt.ColumnText(2);
  Result<std::vector<std::string>> files = ParseFiles(stmt.ColumnText(3), s.id);
  if (!files.ok()) return files.status();
  s.files = std::move(files).value();
  s.sha256 = stmt.ColumnText(4);
  s.entries = stmt.ColumnInt64(5);
  s.rows_read = stmt.ColumnInt64(6);
  s.rows_skipped = stmt.ColumnInt64(7);
  s.issues_json = stmt.ColumnText(8);
  if (!stmt.ColumnIsNull(9)) s.published = stmt.ColumnText(9);
  s.imported_at = stmt.ColumnText(10);
  s.active = stmt.ColumnInt64(11) != 0;
  return std::optional<ListSnapshot>(std::move(s));
}

Result<int64_t> ListSnapshotTables::InsertHeader(const SnapshotHeader& header,
                                                 const std::string& now) {
  ScopedReset reset(insert_snapshot_);
  Statement& ins = insert_snapshot_;
  Status s = ins.Bind(1, header.source);
  if (s.ok()) s = ins.Bind(2, header.format);
  if (s.ok()) s = ins.Bind(3, nlohmann::json(header.files).dump());
  if (s.ok()) s = ins.Bind(4, header.sha256);
  if (s.ok()) s = ins.Bind(5, now);
  if (s.ok()) s = ins.Run();
  if (!s.ok()) return s;
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status ListSnapshotTables::Finish(int64_t id, const std::string& source, int64_t entries,
                                  const SnapshotStats& stats) {
  if (!nlohmann::json::accept(stats.issues_json)) {
    return Status::InvalidArgument("list snapshot: issues is not valid JSON");
  }
  {
    // Before activating the new one: the partial unique index allows one active per source.
    ScopedReset reset(deactivate_);
    Status s = deactivate_.Bind(1, source);
    if (s.ok()) s = deactivate_.Run();
    if (!s.ok()) return s;
  }
  ScopedReset reset(finish_snapshot_);
  Statement& up = finish_snapshot_;
  Status s = up.Bind(1, id);
  if (s.ok()) s = up.Bind(2, entries);
  if (s.ok()) s = up.Bind(3, stats.rows_read);
  if (s.ok()) s = up.Bind(4, stats.rows_skipped);
  if (s.ok()) s = up.Bind(5, stats.issues_json);
  if (s.ok()) s = stats.published ? up.Bind(6, *stats.published) : up.BindNull(6);
  if (s.ok()) s = up.Run();
  return s;
}

Result<SnapshotImport> ListSnapshotTables::Import(const SnapshotHeader& header,
                                                  const SnapshotProducer& produce,
                                                  const SnapshotAudit& audit,
                                                  const std::string& now,
                                                  const AuditAppender& append_audit) {
  if (Status s = ValidateHeader(header); !s.ok()) return s;
  if (!produce) return Status::InvalidArgument("list snapshot: no producer");

  // IMMEDIATE: two importers of one source must not both see the same active snapshot and both
  // replace it. Every return below before Commit rolls back.
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("a list import"); !s.ok()) return s;

  SnapshotImport result;
  std::optional<ListSnapshot> active;
  {
    ScopedReset reset(active_of_source_);
    if (Status s = active_of_source_.Bind(1, header.source); !s.ok()) return s;
    Result<std::optional<ListSnapshot>> read = ReadOne(active_of_source_);
    if (!read.ok()) return read.status();
    active = std::move(read).value();
  }

  if (active && active->sha256 == header.sha256) {
    result.snapshot = std::move(*active);
  } else {
    Result<int64_t> id = InsertHeader(header, now);
    if (!id.ok()) return id.status();

    int64_t ord = 0;
    // An adder kept past produce() must not write outside the transaction, nor touch this
    // frame's locals once they are gone: the flag lives on the heap, shared by value.
    auto open = std::make_shared<bool>(true);
    const EntryAdder add = [&, open](const ListEntry& e) -> Status {
      if (!*open) return Status::Internal("EntryAdder called after its producer returned");
      std::string json;
      try {
        json = ListEntryToJson(e);
      } catch (const std::exception& ex) {  // nlohmann refuses text that is not UTF-8
        return Status::InvalidArgument("list entry '" + e.list_id + "' (" + e.name +
                                       ") cannot be stored: " + ex.what());
      }
      Result<std::string> hash = Sha256Hex(json);
      if (!hash.ok()) return hash.status();
      ScopedReset reset(insert_entry_);
      Statement& ins = insert_entry_;
      Status s = ins.Bind(1, *id);
      if (s.ok()) s = ins.Bind(2, ord);
      if (s.ok()) s = ins.Bind(3, e.source_code);
      if (s.ok()) s = ins.Bind(4, e.list_id);
      if (s.ok()) s = ins.Bind(5, e.name);
      if (s.ok()) s = ins.Bind(6, *hash);
      if (s.ok()) s = ins.Bind(7, json);
      if (s.ok()) s = ins.Run();
      if (s.ok()) ++ord;
      return s;
    };
    SnapshotStats stats;
    Status produced = produce(add, stats);
    *open = false;
    if (!produced.ok()) return produced;
    if (Status s = Finish(*id, header.source, ord, stats); !s.ok()) return s;

    ScopedReset reset(get_);
    if (Status s = get_.Bind(1, *id); !s.ok()) return s;
    Result<std::optional<ListSnapshot>> created = ReadOne(get_);
    if (!created.ok()) return created.status();
    if (!*created) return Status::Internal("list snapshot vanished inside its own transaction");
    result.snapshot = std::move(**created);
    result.created = true;
  }

  if (audit.payload) {
    Result<int64_t> seq =
        append_audit("import", audit.actor, audit.payload(result.snapshot, result.created));
    if (!seq.ok()) return seq.status();
    result.audit_seq = *seq;
  }
  if (Status s = txn.Commit("a list import"); !s.ok()) return s;
  return result;
}

Result<std::vector<ListSnapshot>> ListSnapshotTables::List(bool active_only) {
  Statement& stmt = active_only ? list_active_ : list_all_;
  ScopedReset reset(stmt);
  std::vector<ListSnapshot> out;
  for (;;) {
    Result<std::optional<ListSnapshot>> row = ReadOne(stmt);
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(std::move(**row));
  }
}

Result<std::optional<ListSnapshot>> ListSnapshotTables::Get(int64_t id) {
  ScopedReset reset(get_);
  if (Status s = get_.Bind(1, id); !s.ok()) return s;
  return ReadOne(get_);
}

Status ListSnapshotTables::ForEachEntry(int64_t snapshot_id,
                                        const std::function<Status(const StoredListEntry&)>& sink) {
  {
    Result<std::optional<ListSnapshot>> snapshot = Get(snapshot_id);
    if (!snapshot.ok()) return snapshot.status();
    if (!*snapshot) {
      return Status::NotFound("there is no list snapshot " + std::to_string(snapshot_id));
    }
  }
  // Snapshots are written once, in the transaction that creates them, so the existence check
  // and this scan cannot disagree.
  ScopedReset reset(scan_entries_);
  if (Status s = scan_entries_.Bind(1, snapshot_id); !s.ok()) return s;
  StoredListEntry e;
  e.snapshot_id = snapshot_id;
  for (;;) {
    Result<bool> row = scan_entries_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::OK();
    e.ord = scan_entries_.ColumnInt64(0);
    e.source_code = scan_entries_.ColumnText(1);
    e.list_id = scan_entries_.ColumnText(2);
    e.name = scan_entries_.ColumnText(3);
    e.content_hash = scan_entries_.ColumnText(4);
    e.json = scan_entries_.ColumnText(5);
    if (Status s = sink(e); !s.ok()) return s;
  }
}

}  // namespace chokepoint::store_internal
