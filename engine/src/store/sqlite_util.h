// RAII wrappers over the SQLite C API, and the one place its error codes become Status.
//
// Every failure is Status::IOError("<purpose>: <sqlite message>"): the purpose says what the
// engine was doing (the SQL text alone rarely tells an operator anything).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "chokepoint/status.h"

namespace chokepoint::store_internal {

struct SqliteCloser {
  // close_v2 defers the close until every statement is finalized, so destruction order of a
  // connection and its cached statements does not matter.
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Status SqliteError(sqlite3* db, int rc, std::string_view purpose);

// Runs SQL that returns no rows (DDL, several statements separated by ';', BEGIN, COMMIT).
Status Exec(sqlite3* db, const std::string& sql, std::string_view purpose);

// Owns one prepared statement and finalizes it on destruction. Move-only. A default-constructed
// Statement holds nothing and must be assigned before use.
class Statement {
 public:
  Statement() = default;
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql, std::string purpose);

  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL ("?1"). Text is copied, so the argument may die early.
  Status Bind(int index, std::string_view text);
  Status Bind(int index, int64_t value);
  Status BindNull(int index);
  // Not an overload of Bind: an int argument would be ambiguous between int64_t and double.
  Status BindDouble(int index, double value);

  // true: a row is available through the Column* calls; false: the statement is done.
  Result<bool> Step();
  // Steps a statement that must not return rows (INSERT, UPDATE).
  Status Run();

  // Columns are 0-based. NULL reads as 0 or "".
  int64_t ColumnInt64(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;
  bool ColumnIsNull(int col) const;

  // Back to the start with no bindings; releases the read lock an unfinished SELECT holds.
  void Reset();

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string purpose)
      : db_(db), stmt_(stmt), purpose_(std::move(purpose)) {}

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string purpose_;
};

// One statement of a table's prepared set: where it goes, its SQL, and what it is for (errors).
struct StatementSpec {
  Statement* stmt;
  std::string sql;
  const char* purpose;
};
// Prepares every statement of the set; the first failure is returned.
Status PrepareAll(sqlite3* db, std::span<const StatementSpec> specs);

// Resets a cached statement when the scope ends, so an early return cannot leave it mid-step
// (holding a read snapshot) or carrying the previous call's bindings.
class ScopedReset {
 public:
  explicit ScopedReset(Statement& stmt) : stmt_(stmt) {}
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;
  ~ScopedReset() { stmt_.Reset(); }

 private:
  Statement& stmt_;
};

// A write transaction that rolls back unless committed, so every error path leaves the database
// as it was.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // BEGIN IMMEDIATE: takes the write lock now (waiting up to the busy timeout) rather than at
  // the first write, so what is read inside cannot be changed by another writer before commit.
  Status BeginImmediate(std::string_view purpose);
  Status Commit(std::string_view purpose);

 private:
  sqlite3* db_;
  bool active_ = false;
};

}  // namespace chokepoint::store_internal
