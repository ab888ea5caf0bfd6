// SHA-256 as lowercase hex: list-file checksums, snapshot entry hashes, the audit chain and
// rule-pack fingerprints all use this one implementation (OpenSSL EVP underneath).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint {

Result<std::string> Sha256Hex(std::string_view data);

// Incremental hashing, for data that streams (downloads, large files).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view data);
  // The digest of everything passed to Update. The object cannot be used afterwards.
  Result<std::string> FinishHex();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  bool failed_ = false;
};

}  // namespace chokepoint
