// chokepoint/strings.h: ASCII trimming and folding, UTF-8 decoding and validation.
#include "chokepoint/strings.h"

#include <string>

#include "testutil.h"

namespace chokepoint {
namespace {

TEST_CASE("trimming drops each ASCII whitespace character and nothing else") {
  for (char c : std::string(" \t\n\v\f\r")) {
    INFO("char " << static_cast<int>(c));
    CHECK(IsAsciiSpace(c));
    const std::string padded = std::string(1, c) + "a b" + std::string(2, c);
    CHECK(TrimView(padded) == "a b");
    CHECK(Trim(padded) == "a b");
  }
  CHECK_FALSE(IsAsciiSpace('a'));
  CHECK_FALSE(IsAsciiSpace('\0'));
  CHECK(TrimView("") == "");
  CHECK(TrimView(" \t\r\n") == "");
  CHECK(TrimView("x") == "x");
  // No-break space (U+00A0) is not ASCII whitespace: it stays, byte for byte.
  CHECK(TrimView("\xC2\xA0x\xC2\xA0") == "\xC2\xA0x\xC2\xA0");
}

TEST_CASE("AsciiLower folds ASCII letters and leaves UTF-8 alone") {
  CHECK(AsciiLower("ABC xyz 123-_") == "abc xyz 123-_");
  CHECK(AsciiLower("T\xC3\x9CRK\xC4\xB0YE") == "t\xC3\x9Crk\xC4\xB0ye");  // TÜRKİYE
  CHECK(AsciiLower("") == "");
  const std::string bytes = "\x80\xFF\xC0\xDF";
  CHECK(AsciiLower(bytes) == bytes);
}

TEST_CASE("NextCodePoint decodes valid 1-4 byte sequences") {
  struct Case {
    std::string text;
    int32_t cp;
    size_t length;
  };
  const Case cases[] = {{"A", 0x41, 1},
                        {"\x7F", 0x7F, 1},
                        {"\xC2\x80", 0x80, 2},
                        {"\xC3\xA9", 0xE9, 2},
                        {"\xDF\xBF", 0x7FF, 2},
                        {"\xE0\xA0\x80", 0x800, 3},
                        {"\xE4\xB8\xAD", 0x4E2D, 3},
                        {"\xEF\xBF\xBF", 0xFFFF, 3},
                        {"\xF0\x90\x80\x80", 0x10000, 4},
                        {"\xF0\x9F\x98\x80", 0x1F600, 4},
                        {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4}};
  for (const Case& c : cases) {
    size_t pos = 0;
    const std::string text = c.text + "z";
    CHECK(NextCodePoint(text, &pos) == c.cp);
    CHECK(pos == c.length);
    CHECK(NextCodePoint(text, &pos) == 'z');
    CHECK(pos == text.size());
  }
}

TEST_CASE("NextCodePoint rejects overlong, surrogate, out-of-range and truncated sequences") {
  const std::string bad[] = {
      "\xC0\x80",          // overlong NUL
      "\xC1\xBF",          // overlong 0x7F
      "\xE0\x80\xAF",      // overlong '/'
      "\xF0\x80\x80\x80",  // overlong NUL, 4 bytes
      "\xED\xA0\x80",      // U+D800, a surrogate
      "\xED\xBF\xBF",      // U+DFFF
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF5\x80\x80\x80",  // lead byte never valid
      "\xFF",              // never valid
      "\x80",              // lone continuation byte
      "\xC3",              // truncated 2-byte
      "\xE4\xB8",          // truncated 3-byte
      "\xF0\x9F\x98",      // truncated 4-byte
      "\xC3\x41",          // lead byte followed by ASCII
  };
  for (const std::string& text : bad) {
    INFO("bytes " << text.size());
    size_t pos = 0;
    CHECK(NextCodePoint(text, &pos) == -1);
    CHECK(pos >= 1);
    CHECK(pos <= text.size());
  }
  // A malformed sequence never swallows the ASCII character after it.
  const std::string text =
      "\xE4\xB8"
      "A";
  size_t pos = 0;
  CHECK(NextCodePoint(text, &pos) == -1);
  CHECK(NextCodePoint(text, &pos) == 'A');
}

TEST_CASE("InvalidUtf8At gives the offset of the first malformed sequence") {
  CHECK(InvalidUtf8At("") == std::string_view::npos);
  CHECK(InvalidUtf8At("plain ASCII") == std::string_view::npos);
  CHECK(InvalidUtf8At("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80") == std::string_view::npos);
  CHECK(IsValidUtf8("T\xC3\xBCrkiye"));
  CHECK(InvalidUtf8At("\xFF") == 0);
  CHECK(InvalidUtf8At("ab\xC0\x80") == 2);
  CHECK(InvalidUtf8At("caf\xC3\xA9\xED\xA0\x80") == 5);
  CHECK(InvalidUtf8At("abc\xE4\xB8") == 3);
  CHECK(InvalidUtf8At("\xC3\xA9\x80") == 2);
  CHECK_FALSE(IsValidUtf8("x\xF4\x90\x80\x80"));
}

TEST_CASE("Utf8Length counts characters, not bytes") {
  CHECK(Utf8Length("") == 0);
  CHECK(Utf8Length("abc") == 3);
  CHECK(Utf8Length("caf\xC3\xA9") == 4);
  CHECK(Utf8Length("\xE4\xB8\xAD\xF0\x9F\x98\x80") == 2);
}

}  // namespace
}  // namespace chokepoint
