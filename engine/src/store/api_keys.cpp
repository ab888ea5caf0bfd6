#include "store/api_keys.h"

#include <utility>

namespace chokepoint::store_internal {

namespace {

constexpr const char* kColumns = "key_id, name, role, salt, key_hash, created_at, revoked_at";

ApiKeyRecord ReadRow(const Statement& stmt) {
  ApiKeyRecord r;
  r.key_id = stmt.ColumnText(0);
  r.name = stmt.ColumnText(1);
  r.role = stmt.ColumnText(2);
  r.salt = stmt.ColumnText(3);
  r.key_hash = stmt.ColumnText(4);
  r.created_at = stmt.ColumnText(5);
  if (!stmt.ColumnIsNull(6)) r.revoked_at = stmt.ColumnText(6);
  return r;
}

bool IsLowerHex(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Status ApiKeyTables::Prepare(sqlite3* db) {
  db_ = db;
  const StatementSpec statements[] = {
      {&insert_,
       std::string("INSERT INTO api_keys (") + kColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)",
       "inserting an API key"},
      {&get_, std::string("SELECT ") + kColumns + " FROM api_keys WHERE key_id = ?1",
       "reading an API key"},
      {&get_by_name_, std::string("SELECT ") + kColumns + " FROM api_keys WHERE name = ?1",
       "reading an API key by name"},
      {&list_, std::string("SELECT ") + kColumns + " FROM api_keys ORDER BY created_at, name",
       "listing API keys"},
      {&revoke_, "UPDATE api_keys SET revoked_at = ?2 WHERE key_id = ?1 AND revoked_at IS NULL",
       "revoking an API key"}};
  return PrepareAll(db, statements);
}

Result<ApiKeyRecord> ApiKeyTables::Create(const ApiKeyRecord& key, const std::string& now) {
  if (key.key_id.empty() || key.name.empty()) {
    return Status::InvalidArgument("an API key needs a key_id and a name");
  }
  if (key.role != "screen" && key.role != "audit" && key.role != "admin") {
    return Status::InvalidArgument("API key role '" + key.role + "' is not screen, audit or admin");
  }
  if (!IsLowerHex(key.salt) || !IsLowerHex(key.key_hash) || key.key_hash.size() != 64) {
    return Status::InvalidArgument("an API key's salt and hash must be lowercase hex");
  }
  for (auto [stmt, value, what] :
       {std::tuple{&get_, &key.key_id, "key id"}, std::tuple{&get_by_name_, &key.name, "name"}}) {
    ScopedReset reset(*stmt);
    if (Status s = stmt->Bind(1, *value); !s.ok()) return s;
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      return Status::InvalidArgument(std::string("an API key with the ") + what + " '" + *value +
                                     "' exists already");
    }
  }
  ApiKeyRecord stored = key;
  stored.created_at = now;
  stored.revoked_at.reset();
  ScopedReset reset(insert_);
  Status s = insert_.Bind(1, stored.key_id);
  if (s.ok()) s = insert_.Bind(2, stored.name);
  if (s.ok()) s = insert_.Bind(3, stored.role);
  if (s.ok()) s = insert_.Bind(4, stored.salt);
  if (s.ok()) s = insert_.Bind(5, stored.key_hash);
  if (s.ok()) s = insert_.Bind(6, stored.created_at);
  if (s.ok()) s = insert_.Run();
  if (!s.ok()) return s;
  return stored;
}

Result<std::optional<ApiKeyRecord>> ApiKeyTables::Get(std::string_view key_id) {
  ScopedReset reset(get_);
  if (Status s = get_.Bind(1, key_id); !s.ok()) return s;
  Result<bool> row = get_.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(ReadRow(get_));
}

Result<std::vector<ApiKeyRecord>> ApiKeyTables::List() {
  ScopedReset reset(list_);
  std::vector<ApiKeyRecord> out;
  for (;;) {
    Result<bool> row = list_.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(ReadRow(list_));
  }
}

Result<std::optional<ApiKeyRecord>> ApiKeyTables::FindByIdOrName(std::string_view key_id_or_name) {
  Result<std::optional<ApiKeyRecord>> by_id = Get(key_id_or_name);
  if (!by_id.ok() || by_id->has_value()) return by_id;
  ScopedReset reset(get_by_name_);
  if (Status s = get_by_name_.Bind(1, key_id_or_name); !s.ok()) return s;
  Result<bool> row = get_by_name_.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ApiKeyRecord>();
  return std::optional<ApiKeyRecord>(ReadRow(get_by_name_));
}

Result<ApiKeyRecord> ApiKeyTables::Revoke(std::string_view key_id_or_name, const std::string& now) {
  Result<std::optional<ApiKeyRecord>> found = FindByIdOrName(key_id_or_name);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return Status::NotFound("no API key with the id or name '" + std::string(key_id_or_name) + "'");
  }
  ApiKeyRecord key = **found;
  if (key.revoked_at) return key;
  ScopedReset reset(revoke_);
  Status s = revoke_.Bind(1, key.key_id);
  if (s.ok()) s = revoke_.Bind(2, now);
  if (s.ok()) s = revoke_.Run();
  if (!s.ok()) return s;
  key.revoked_at = now;
  return key;
}

}  // namespace chokepoint::store_internal
