// ApiKeyStore: the API keys of `chokepoint serve`, one concern of the Store (store.h, which also
// states the threading and error rules every method here follows).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"

namespace chokepoint {

// An API key of `chokepoint serve`, as stored: never the key itself, only a salted hash of it.
struct ApiKeyRecord {
  std::string key_id;                     // the public part embedded in the key; unique
  std::string name;                       // unique, human-chosen; the audit log's actor
  std::string role;                       // "screen", "audit" or "admin"
  std::string salt;                       // lowercase hex
  std::string key_hash;                   // lowercase hex sha256(salt || key)
  std::string created_at;                 // assigned by the store's clock
  std::optional<std::string> revoked_at;  // set once revoked
};

class ApiKeyStore {
 public:
  ApiKeyStore(const ApiKeyStore&) = delete;
  ApiKeyStore& operator=(const ApiKeyStore&) = delete;
  virtual ~ApiKeyStore() = default;

  // API keys. CreateApiKey stores `key` (created_at is assigned; a duplicate key_id or name is
  // InvalidArgument) and returns the stored record. GetApiKey finds one by key_id (revoked keys
  // included, so callers can tell "revoked" from "unknown"). ListApiKeys orders by created_at,
  // then name. RevokeApiKey revokes by key_id or name: NotFound when neither matches; revoking
  // a revoked key keeps its first revoked_at.
  virtual Result<ApiKeyRecord> CreateApiKey(const ApiKeyRecord& key) = 0;
  virtual Result<std::optional<ApiKeyRecord>> GetApiKey(std::string_view key_id) = 0;
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() = 0;
  virtual Result<ApiKeyRecord> RevokeApiKey(std::string_view key_id_or_name) = 0;

 protected:
  ApiKeyStore() = default;
};

}  // namespace chokepoint
