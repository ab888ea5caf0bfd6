#include "key_cache.h"

namespace chokepoint::api {

Result<std::optional<VerifiedKey>> KeyCache::Verify(std::string_view key) {
  std::optional<std::string> id = KeyIdOf(key);
  if (!id) return std::optional<VerifiedKey>();
  const auto now = std::chrono::steady_clock::now();
  std::optional<ApiKeyRecord> record;
  bool fresh = false;
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = entries_.find(*id);
    if (it != entries_.end() && now - it->second.fetched < ttl_) {
      record = it->second.record;
      fresh = true;
    }
  }
  if (!fresh) {
    auto row = store_.GetApiKey(*id);
    if (!row.ok()) return row.status();
    record = *row;
    std::unique_lock<std::shared_mutex> lock(mu_);
    // Unknown ids are cached too, but the map is bounded so guessed ids cannot grow it forever.
    if (entries_.size() > 100000) entries_.clear();
    entries_[*id] = Entry{record, now};
  }
  if (!record || record->revoked_at || !KeyMatches(*record, key)) {
    return std::optional<VerifiedKey>();
  }
  std::optional<Role> role = ParseRole(record->role);
  if (!role) return std::optional<VerifiedKey>();
  return std::optional<VerifiedKey>(VerifiedKey{record->key_id, record->name, *role});
}

}  // namespace chokepoint::api
