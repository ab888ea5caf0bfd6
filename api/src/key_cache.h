// Per-request key verification without a database round trip: verified key rows are cached by
// key id and re-read after `ttl` (so a revocation takes effect within ttl). The hash of the
// presented key is recomputed and compared in constant time on every request (about a
// microsecond), so the cache never holds a key, only the stored row.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "chokepoint/api/api_keys.h"
#include "chokepoint/store.h"

namespace chokepoint::api {

struct VerifiedKey {
  std::string key_id;
  std::string name;
  Role role = Role::kScreen;
};

class KeyCache {
 public:
  KeyCache(Store& store, std::chrono::seconds ttl) : store_(store), ttl_(ttl) {}

  // The key's identity, or nullopt for a malformed, unknown, revoked or wrong key. IOError when
  // the database cannot be read.
  Result<std::optional<VerifiedKey>> Verify(std::string_view key);

 private:
  struct Entry {
    std::optional<ApiKeyRecord> record;  // nullopt: no such key id (also cached, briefly)
    std::chrono::steady_clock::time_point fetched;
  };
  Store& store_;
  const std::chrono::seconds ttl_;
  std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace chokepoint::api
