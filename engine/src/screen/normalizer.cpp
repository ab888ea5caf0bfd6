// Name normalisation. ASCII names (the vast majority of queries and list names) take a byte-level
// fast path; anything else goes word by word through one ICU transliterator (NFKC, script-specific
// BGN romanisations, Any-Latin, Latin-ASCII), with a per-thread cache of transliterated words
// because ICU transliteration costs microseconds per word and transliterators are not thread-safe.
#include "screen/normalizer.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chokepoint/strings.h"

namespace chokepoint::screen {
namespace {

// Script-specific romanisations first: Any-Latin alone gives ISO 9 for Cyrillic ("romaska") where
// lists use BGN ("romashka"), and joins Korean syllables differently from list spellings.
constexpr char16_t kTransliterationRules[] =
    u"::NFKC; ::[[:Cyrillic:]] Russian-Latin/BGN; ::[[:Hangul:]] Korean-Latin/BGN;"
    u" ::[[:Han:]] Han-Latin/Names; ::Any-Latin; ::Latin-ASCII;";

const icu::Transliterator* Prototype() {
  static const icu::Transliterator* const prototype = []() -> icu::Transliterator* {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    icu::Transliterator* t = icu::Transliterator::createFromRules(
        "chokepoint-names", icu::UnicodeString(kTransliterationRules), UTRANS_FORWARD, parse_error,
        status);
    if (U_FAILURE(status)) {
      delete t;
      return nullptr;
    }
    return t;
  }();
  return prototype;
}

struct ThreadTransliterator {
  std::unique_ptr<icu::Transliterator> translit;
  std::unordered_map<std::string, std::string> cache;
  ThreadTransliterator() {
    if (const icu::Transliterator* p = Prototype()) translit.reset(p->clone());
  }
};

// Transliterates one whitespace-free word to (mostly) lower-case ASCII.
const std::string& TransliterateWord(std::string_view word) {
  thread_local ThreadTransliterator state;
  auto it = state.cache.find(std::string(word));
  if (it != state.cache.end()) return it->second;
  if (state.cache.size() > 200000) state.cache.clear();  // bound the memory of long batch runs
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  if (state.translit) state.translit->transliterate(s);
  s.foldCase();
  std::string out;
  s.toUTF8String(out);
  return state.cache.emplace(std::string(word), std::move(out)).first->second;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == '`' || c == 0x00B4 || c == 0x2018 || c == 0x2019 || c == 0x02BB ||
         c == 0x02BC || c == 0x02BE || c == 0x02BF;
}

// "S.A.", "L.L.C", "J.P." and "o.o." are one token each: letters separated by dots, at least two.
bool DottedAcronym(std::string_view word, std::string* out) {
  std::string letters;
  bool expect_letter = true;
  for (char c : word) {
    if (expect_letter && IsAsciiAlnum(c) && !(c >= '0' && c <= '9')) {
      letters += AsciiLower(c);
      expect_letter = false;
    } else if (!expect_letter && c == '.') {
      expect_letter = true;
    } else {
      return false;
    }
  }
  if (letters.size() < 2) return false;
  *out = std::move(letters);
  return true;
}

// Splits one whitespace-free word into tokens.
void TokenizeWord(std::string_view word, std::vector<std::string>* tokens) {
  std::string acronym;
  std::string_view core = word;  // "(S.A.)," is the acronym "S.A." in brackets and a comma
  while (!core.empty() &&
         std::string_view("(),;:\"[]").find(core.front()) != std::string_view::npos) {
    core.remove_prefix(1);
  }
  while (!core.empty() &&
         std::string_view("(),;:\"[]").find(core.back()) != std::string_view::npos) {
    core.remove_suffix(1);
  }
  if (DottedAcronym(core, &acronym)) {
    tokens->push_back(std::move(acronym));
    return;
  }
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens->push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < word.size();) {
    unsigned char b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      ++i;
      if (IsAsciiAlnum(c)) {
        current += AsciiLower(c);
      } else if (c == '\'' || c == '`') {
        // O'Brien, Sa'ad: the apostrophe joins.
      } else if (c == '&') {
        flush();
        tokens->push_back("and");
      } else {
        flush();
      }
      continue;
    }
    size_t start = i;
    const UChar32 cp = NextCodePoint(word, &i);  // -1 for a malformed sequence
    if (cp < 0) {
      flush();
    } else if (IsApostrophe(cp) || u_getCombiningClass(cp) != 0 ||
               u_charType(cp) == U_MODIFIER_LETTER) {
      // Joins, like the ASCII apostrophe; leftover marks carry no identity.
    } else if (u_isalnum(cp)) {
      current.append(word.substr(start, i - start));
    } else {
      flush();
    }
  }
  flush();
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    size_t start = i;
    while (i < text.size() &&
           !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    if (i > start) TokenizeWord(text.substr(start, i - start), &tokens);
  }
  return tokens;
}

// Rewrites non-ASCII words to Latin, leaving ASCII words alone.
std::string Romanize(std::string_view raw) {
  std::string cjk_free = ReplaceCjkLegalForms(raw);
  std::string_view text = cjk_free;
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    bool ascii = true;
    while (i < text.size() && text[i] != ' ') {
      if (static_cast<unsigned char>(text[i]) >= 0x80) ascii = false;
      ++i;
    }
    std::string_view word = text.substr(start, i - start);
    if (ascii) {
      out.append(word);
    } else {
      out.append(TransliterateWord(word));
    }
    while (i < text.size() && text[i] == ' ') out += text[i++];
  }
  return out;
}

// The one comma that separates "LAST, First"; commas between digits ("11,420") do not count.
size_t NameComma(std::string_view text) {
  size_t found = std::string_view::npos;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c != ',' || depth != 0) continue;
    bool digits = i > 0 && i + 1 < text.size() && text[i - 1] >= '0' && text[i - 1] <= '9' &&
                  text[i + 1] >= '0' && text[i + 1] <= '9';
    if (digits) continue;
    if (found != std::string_view::npos) return std::string_view::npos;  // two commas: not a name
    found = i;
  }
  return found;
}

bool AllLegalForms(const std::vector<std::string>& tokens) {
  uint32_t classes = 0;
  for (size_t i = 0; i < tokens.size();) {
    size_t n = MatchLegalForm(tokens, i, &classes);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace

// "National University of Defense Technology (NUDT)" is also indexed as "National University of
// Defense Technology" and as "NUDT": lists put acronyms and former names in parentheses, and a
// query gives one or the other, rarely both.
std::vector<std::string> NameVariants(const std::string& raw) {
  std::vector<std::string> out = {raw};
  if (raw.find('(') == std::string::npos) return out;
  std::string outside;
  std::vector<std::string> inside;
  int depth = 0;
  for (char c : raw) {
    if (c == '(') {
      if (depth++ == 0) inside.emplace_back();
      outside += ' ';
      continue;
    }
    if (c == ')' && depth > 0) {
      --depth;
      outside += ' ';
      continue;
    }
    (depth > 0 ? inside.back() : outside) += c;
  }
  out.push_back(outside);
  for (auto& s : inside) out.push_back(std::move(s));
  return out;
}

NormalizedDetail NormalizeDetailed(std::string_view raw) {
  NormalizedDetail out;
  bool ascii = true;
  for (char c : raw) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string romanized = ascii ? std::string(raw) : Romanize(raw);

  std::vector<std::string> tokens;
  size_t comma = NameComma(romanized);
  if (comma != std::string_view::npos) {
    std::string_view text = romanized;
    std::vector<std::string> last = Tokenize(text.substr(0, comma));
    std::vector<std::string> first = Tokenize(text.substr(comma + 1));
    if (!last.empty() && !first.empty() && last.size() <= 4 && first.size() <= 6 &&
        !AllLegalForms(first)) {
      // "PUTIN, Vladimir" is a person written surname first.
      for (const auto& t : first) out.first_count += IsStopword(t) ? 0 : 1;
      tokens = std::move(first);
      tokens.insert(tokens.end(), last.begin(), last.end());
      out.reordered = true;
    } else {
      tokens = std::move(last);
      tokens.insert(tokens.end(), first.begin(), first.end());
    }
  } else {
    tokens = Tokenize(romanized);
  }

  // Legal forms come off the edges of organisation names; a reordered name is a person's.
  size_t begin = 0, end = tokens.size();
  uint32_t classes = 0;
  if (!out.reordered) {
    while (begin < end) {
      uint32_t c = 0;
      size_t n = MatchLegalFormBackward(tokens, end, &c);
      if (n == 0 || end - n < begin) break;
      classes |= c;
      end -= n;
    }
    while (begin < end) {
      uint32_t c = 0;
      std::vector<std::string> rest(tokens.begin() + static_cast<ptrdiff_t>(begin),
                                    tokens.begin() + static_cast<ptrdiff_t>(end));
      size_t n = MatchLegalForm(rest, 0, &c);
      if (n == 0) break;
      classes |= c;
      begin += n;
    }
  }
  // "ks" and "x" are one sound that romanisations write either way ("Aleksey", "Alexey").
  for (std::string& t : tokens) {
    if (t.size() < 3 || t.find("ks") == std::string::npos) continue;
    std::string merged;
    for (size_t i = 0; i < t.size(); ++i) {
      const bool ks = t[i] == 'k' && i + 1 < t.size() && t[i + 1] == 's';
      merged += ks ? 'x' : t[i];
      i += ks ? 1 : 0;
    }
    t = std::move(merged);
  }
  std::vector<std::string> content;
  for (size_t i = begin; i < end; ++i) {
    if (!IsStopword(tokens[i])) content.push_back(tokens[i]);
  }
  if (content.empty()) {
    // Never collapse to nothing (watchman#483: "11420 CORP." became "corp" and matched anything
    // called Corp): a name that is only legal forms and stopwords keeps them as its content, the
    // legal forms first ("The Company Limited" is "company limited").
    for (const std::string& t : tokens) {
      if (!IsStopword(t)) content.push_back(t);
    }
    if (content.empty()) content = tokens;
    begin = 0;
    end = tokens.size();
    classes = 0;
    out.first_count = 0;  // positions no longer line up
    out.reordered = false;
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i < begin || i >= end) out.name.legal_forms.push_back(tokens[i]);
  }
  if (out.name.legal_forms.empty()) classes = 0;
  out.legal_classes = classes;
  out.name.tokens = std::move(content);
  for (const auto& t : out.name.tokens) {
    if (!out.name.joined.empty()) out.name.joined += ' ';
    out.name.joined += t;
  }
  return out;
}

}  // namespace chokepoint::screen

namespace chokepoint {

NormalizedName NormalizeName(std::string_view raw) { return screen::NormalizeDetailed(raw).name; }

}  // namespace chokepoint
