// API keys: "cpk_<key id: 16 hex>_<secret: 43 base64url>", 64 URL-safe characters from the
// system CSPRNG. The key id is public (it names the key in `keys list` and lets a request find
// its row with one lookup); only sha256(salt || key) is stored, with a random salt per key.
#pragma once

#include <string>
#include <string_view>

#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::api {

enum class Role { kScreen = 0, kAudit = 1, kAdmin = 2 };  // each role may do what those below may
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct NewApiKey {
  ApiKeyRecord record;
  std::string key;  // shown once, never stored
};

// Generates and stores a key. An empty name becomes "<role>-<key id>".
Result<NewApiKey> CreateApiKey(Store& store, Role role, std::string name);

// The key id of a well-formed key; nullopt for anything else.
std::optional<std::string> KeyIdOf(std::string_view key);

// Whether `key` hashes to record.key_hash with record.salt (constant-time comparison).
bool KeyMatches(const ApiKeyRecord& record, std::string_view key);

// n bytes from getrandom(2).
Result<std::string> RandomBytes(size_t n);

}  // namespace chokepoint::api
