#include <cstdio>
#include <set>

#include "store/migrations.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

namespace {

std::string Label(const Migration& m) {
  char version[16];
  std::snprintf(version, sizeof version, "%03d", m.version);
  return std::string(version) + "_" + std::string(m.name);
}

const Migration* Find(std::span<const Migration> migrations, int64_t version) {
  for (const Migration& m : migrations) {
    if (m.version == version) return &m;
  }
  return nullptr;
}

// Reads what is applied and refuses a database this build cannot safely use: one migrated by a
// newer build (its tables may have changed under us) or by a build whose migration N differs.
Result<std::set<int64_t>> ReadApplied(sqlite3* db, std::span<const Migration> migrations) {
  Result<Statement> stmt =
      Statement::Prepare(db, "SELECT version, name FROM schema_migrations ORDER BY version",
                         "reading schema_migrations");
  if (!stmt.ok()) return stmt.status();
  const int known = migrations.empty() ? 0 : migrations.back().version;
  std::set<int64_t> applied;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t version = stmt->ColumnInt64(0);
    const std::string name = stmt->ColumnText(1);
    const Migration* m = Find(migrations, version);
    if (version > known || m == nullptr) {
      return Status::Corruption("the database has schema version " + std::to_string(version) +
                                " ('" + name +
                                "'), but this build of chokepoint knows only up to " +
                                std::to_string(known) + "; use a newer chokepoint");
    }
    if (m->name != name) {
      return Status::Corruption("the database's migration " + std::to_string(version) + " is '" +
                                name + "', but this build's is '" + std::string(m->name) +
                                "'; it was created by an unrelated build of chokepoint");
    }
    applied.insert(version);
  }
  return applied;
}

Status ApplyOne(sqlite3* db, const Migration& m, const std::function<std::string()>& now) {
  const std::string label = "migration " + Label(m);
  Transaction txn(db);
  if (Status s = txn.BeginImmediate(label); !s.ok()) return s;

  // Another process may have applied it between our read and our lock.
  Result<Statement> check = Statement::Prepare(
      db, "SELECT 1 FROM schema_migrations WHERE version = ?1", "checking " + label);
  if (!check.ok()) return check.status();
  if (Status s = check->Bind(1, int64_t{m.version}); !s.ok()) return s;
  Result<bool> done = check->Step();
  if (!done.ok()) return done.status();
  if (*done) return Status::OK();
  check->Reset();

  // PRAGMA foreign_keys is a no-op inside a transaction; a migration that rebuilds a table uses
  // PRAGMA defer_foreign_keys instead.
  if (Status s = Exec(db, std::string(m.sql), "applying " + label); !s.ok()) return s;

  Result<Statement> record = Statement::Prepare(
      db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
      "recording " + label);
  if (!record.ok()) return record.status();
  if (Status s = record->Bind(1, int64_t{m.version}); !s.ok()) return s;
  if (Status s = record->Bind(2, m.name); !s.ok()) return s;
  if (Status s = record->Bind(3, now()); !s.ok()) return s;
  if (Status s = record->Run(); !s.ok()) return s;
  return txn.Commit(label);
}

}  // namespace

Result<int> ApplyMigrations(sqlite3* db, std::span<const Migration> migrations,
                            const std::function<std::string()>& now) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Status::Internal("embedded migrations are not numbered 1, 2, 3, ...: found " +
                              Label(migrations[i]) + " at position " + std::to_string(i + 1));
    }
  }
  Status s = Exec(db,
                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                  "creating schema_migrations");
  if (!s.ok()) return s;

  Result<std::set<int64_t>> applied = ReadApplied(db, migrations);
  if (!applied.ok()) return applied.status();
  int version = applied->empty() ? 0 : static_cast<int>(*applied->rbegin());
  for (const Migration& m : migrations) {
    if (applied->count(m.version) != 0) continue;
    if (s = ApplyOne(db, m, now); !s.ok()) return s;
    version = m.version;
  }
  return version;
}

}  // namespace chokepoint::store_internal
