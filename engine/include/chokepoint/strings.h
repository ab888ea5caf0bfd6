// Text helpers every layer shares: ASCII trimming and case folding for fields and keys, and UTF-8
// decoding and validation (ICU's U8_NEXT, so every layer agrees on what a malformed byte is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chokepoint {

// The ASCII whitespace of CSV and XML fields: space, \t, \n, \v, \f, \r.
bool IsAsciiSpace(char c);
// `text` without leading and trailing ASCII whitespace.
std::string_view TrimView(std::string_view text);
std::string Trim(std::string_view text);
// ASCII letters lower-cased; every other byte (UTF-8 included) unchanged.
std::string AsciiLower(std::string_view text);

// The code point at text[*pos], advancing *pos past it; -1 for a malformed, truncated, overlong or
// surrogate sequence (then *pos advances by at least one byte).
int32_t NextCodePoint(std::string_view text, size_t* pos);
// The byte offset of the first malformed UTF-8 sequence, or npos when `text` is valid UTF-8.
size_t InvalidUtf8At(std::string_view text);
// Characters, not bytes: the bytes that are not UTF-8 continuation bytes (10xxxxxx), which is the
// code point count of valid UTF-8.
size_t Utf8Length(std::string_view text);
inline bool IsValidUtf8(std::string_view text) {
  return InvalidUtf8At(text) == std::string_view::npos;
}

}  // namespace chokepoint
