#include "chokepoint/strings.h"

#include <unicode/utf8.h>

namespace chokepoint {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string Trim(std::string_view text) { return std::string(TrimView(text)); }

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

int32_t NextCodePoint(std::string_view text, size_t* pos) {
  // ICU's macro takes int32_t offsets; walk in windows so texts over 2 GiB still decode.
  const auto* s = reinterpret_cast<const uint8_t*>(text.data() + *pos);
  const size_t left = text.size() - *pos;
  const int32_t length = left > 8 ? 8 : static_cast<int32_t>(left);
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s, i, length, c);
  *pos += static_cast<size_t>(i);
  return c < 0 ? -1 : c;
}

size_t InvalidUtf8At(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    if (NextCodePoint(text, &i) < 0) return at;
  }
  return std::string_view::npos;
}

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace chokepoint
