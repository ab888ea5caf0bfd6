#include "chokepoint/api/api_keys.h"

#include <openssl/crypto.h>
#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include "chokepoint/sha256.h"

namespace chokepoint::api {

namespace {

constexpr std::string_view kPrefix = "cpk_";
constexpr size_t kIdHexChars = 16;
constexpr size_t kSecretBytes = 32;
constexpr size_t kSecretChars = 43;  // base64url of 32 bytes, unpadded

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Base64Url(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) |
                 uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (size_t rest = bytes.size() - i; rest > 0) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kScreen:
      return "screen";
    case Role::kAudit:
      return "audit";
    case Role::kAdmin:
      return "admin";
  }
  return "screen";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "screen") return Role::kScreen;
  if (name == "audit") return Role::kAudit;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

Result<std::string> RandomBytes(size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(out.data() + got, n - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(std::string("getrandom: ") + std::strerror(errno));
    }
    got += static_cast<size_t>(r);
  }
  return out;
}

std::optional<std::string> KeyIdOf(std::string_view key) {
  if (key.size() != kPrefix.size() + kIdHexChars + 1 + kSecretChars) return std::nullopt;
  if (key.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view id = key.substr(kPrefix.size(), kIdHexChars);
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  if (key[kPrefix.size() + kIdHexChars] != '_') return std::nullopt;
  for (char c : key.substr(kPrefix.size() + kIdHexChars + 1)) {
    if (!IsBase64UrlChar(c)) return std::nullopt;
  }
  return std::string(id);
}

bool KeyMatches(const ApiKeyRecord& record, std::string_view key) {
  std::string salted = record.salt;
  salted.append(key);
  Result<std::string> hash = Sha256Hex(salted);
  if (!hash.ok() || hash->size() != record.key_hash.size()) return false;
  return CRYPTO_memcmp(hash->data(), record.key_hash.data(), hash->size()) == 0;
}

Result<NewApiKey> CreateApiKey(Store& store, Role role, std::string name) {
  // The name becomes the audit log's actor: keep it printable and free of separators.
  if (name.size() > 64) return Status::InvalidArgument("the key name is longer than 64 characters");
  for (char c : name) {
    if (!IsBase64UrlChar(c) && c != '.') {
      return Status::InvalidArgument("the key name '" + name +
                                     "' may only hold letters, digits, '.', '-' and '_'");
    }
  }
  auto id = RandomBytes(kIdHexChars / 2);
  auto secret = RandomBytes(kSecretBytes);
  auto salt = RandomBytes(16);
  for (const auto* r : {&id, &secret, &salt}) {
    if (!r->ok()) return r->status();
  }
  NewApiKey out;
  out.key = std::string(kPrefix) + Hex(*id) + "_" + Base64Url(*secret);
  out.record.key_id = Hex(*id);
  out.record.name = name.empty() ? std::string(RoleName(role)) + "-" + out.record.key_id : name;
  out.record.role = RoleName(role);
  out.record.salt = Hex(*salt);
  auto hash = Sha256Hex(out.record.salt + out.key);
  if (!hash.ok()) return hash.status();
  out.record.key_hash = *hash;
  auto stored = store.CreateApiKey(out.record);
  if (!stored.ok()) return stored.status();
  out.record = *stored;
  return out;
}

}  // namespace chokepoint::api
