#include "store/sqlite_util.h"

#include <utility>

namespace chokepoint::store_internal {

Status SqliteError(sqlite3* db, int rc, std::string_view purpose) {
  std::string msg(purpose);
  msg += ": ";
  // The connection's message is more specific ("no such table: x"), but only describes the most
  // recent failure on that connection; fall back to the generic text for the code.
  const char* detail =
      db != nullptr && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += detail != nullptr ? detail : "unknown SQLite error";
  return Status::IOError(msg);
}

Status Exec(sqlite3* db, const std::string& sql, std::string_view purpose) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::OK();
  std::string msg(purpose);
  msg += ": ";
  msg += err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status::IOError(msg);
}

Status PrepareAll(sqlite3* db, std::span<const StatementSpec> specs) {
  for (const StatementSpec& spec : specs) {
    Result<Statement> stmt = Statement::Prepare(db, spec.sql, spec.purpose);
    if (!stmt.ok()) return stmt.status();
    *spec.stmt = std::move(stmt).value();
  }
  return Status::OK();
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql, std::string purpose) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db, rc, "preparing SQL for " + purpose);
  }
  return Statement(db, stmt, std::move(purpose));
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      purpose_(std::move(other.purpose_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    purpose_ = std::move(other.purpose_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Status Statement::Bind(int index, std::string_view text) {
  // A null data pointer would bind SQL NULL, not the empty string an empty view means.
  const char* data = text.data() != nullptr ? text.data() : "";
  int rc = sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return rc == SQLITE_OK ? Status::OK() : SqliteError(db_, rc, purpose_);
}

Status Statement::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  return rc == SQLITE_OK ? Status::OK() : SqliteError(db_, rc, purpose_);
}

Status Statement::BindDouble(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  return rc == SQLITE_OK ? Status::OK() : SqliteError(db_, rc, purpose_);
}

Status Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  return rc == SQLITE_OK ? Status::OK() : SqliteError(db_, rc, purpose_);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, purpose_);
}

Status Statement::Run() {
  Result<bool> row = Step();
  if (!row.ok()) return row.status();
  if (*row) return Status::Internal(purpose_ + ": statement unexpectedly returned a row");
  return Status::OK();
}

int64_t Statement::ColumnInt64(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::ColumnDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::ColumnText(int col) const {
  // text() before bytes(), as SQLite documents, so the length is that of the UTF-8 form.
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, col));
  return std::string(reinterpret_cast<const char*>(text), size);
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

void Statement::Reset() {
  if (stmt_ == nullptr) return;
  // reset() repeats the last step's error code, which the caller has already seen.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Transaction::~Transaction() {
  if (active_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::BeginImmediate(std::string_view purpose) {
  Status s =
      Exec(db_, "BEGIN IMMEDIATE", std::string("starting a transaction for ").append(purpose));
  active_ = s.ok();
  return s;
}

Status Transaction::Commit(std::string_view purpose) {
  Status s = Exec(db_, "COMMIT", std::string("committing ").append(purpose));
  // A failed COMMIT (SQLITE_BUSY) leaves the transaction open; the destructor rolls it back.
  if (s.ok()) active_ = false;
  return s;
}

}  // namespace chokepoint::store_internal
