// The api_keys table behind ApiKeyStore (chokepoint/store/api_keys.h).
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"
#include "chokepoint/store.h"
#include "store/sqlite_util.h"

namespace chokepoint::store_internal {

class ApiKeyTables {
 public:
  Status Prepare(sqlite3* db);
  Result<ApiKeyRecord> Create(const ApiKeyRecord& key, const std::string& now);
  Result<std::optional<ApiKeyRecord>> Get(std::string_view key_id);
  Result<std::vector<ApiKeyRecord>> List();
  Result<ApiKeyRecord> Revoke(std::string_view key_id_or_name, const std::string& now);

 private:
  Result<std::optional<ApiKeyRecord>> FindByIdOrName(std::string_view key_id_or_name);

  sqlite3* db_ = nullptr;
  Statement insert_;
  Statement get_;
  Statement get_by_name_;
  Statement list_;
  Statement revoke_;
};

}  // namespace chokepoint::store_internal
