#include "chokepoint/sha256.h"

#include <openssl/evp.h>

namespace chokepoint {

namespace {
std::string Hex(const unsigned char* digest, unsigned int size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size_t{size} * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}
}  // namespace

Result<std::string> Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    return Status::Internal("SHA-256 failed (OpenSSL EVP_Digest)");
  }
  return Hex(digest, size);
}

struct Sha256::Ctx {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  failed_ = !ctx_->md || EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr) != 1;
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view data) {
  if (!failed_) failed_ = EVP_DigestUpdate(ctx_->md, data.data(), data.size()) != 1;
}

Result<std::string> Sha256::FinishHex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (failed_ || EVP_DigestFinal_ex(ctx_->md, digest, &size) != 1) {
    return Status::Internal("SHA-256 failed (OpenSSL)");
  }
  failed_ = true;  // a finished context cannot take more data
  return Hex(digest, size);
}

}  // namespace chokepoint
