// Edits the variant generator (variants.h) applies to real list names: legal-form rewrites,
// keyboard typos, accents, romanisation respellings and Cyrillic spellings. Deterministic: the
// random choices come from the caller's seeded engine.
#pragma once

#include <cctype>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "chokepoint/list_entry.h"

namespace chokepoint::screen_eval {

namespace variants_internal {

using Rng = std::mt19937_64;

inline size_t Pick(Rng& rng, size_t n) { return static_cast<size_t>(rng() % n); }

inline std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

inline std::string Join(const std::vector<std::string>& t) {
  std::string out;
  for (const auto& s : t) {
    if (s.empty()) continue;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

inline bool IsAscii(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

inline bool AllAlpha(const std::string& s) {
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

inline std::string Key(const std::string& word) {  // "Ltd.," -> "ltd"
  std::string out;
  for (char c : word) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// Legal-form rewrites: the key of a leading or trailing run of words (lower case, punctuation
// dropped, words joined by spaces) and what it may become.
struct LegalRewrite {
  const char* from;
  std::vector<const char*> to;
};
inline const std::vector<LegalRewrite>& LegalRewrites() {
  static const std::vector<LegalRewrite> kRewrites = {
      {"obshchestvo s ogranichennoy otvetstvennostyu", {"OOO", "LLC"}},
      {"otkrytoe aktsionernoe obshchestvo", {"OAO", "OJSC", ""}},
      {"zakrytoe aktsionernoe obshchestvo", {"ZAO", "CJSC", ""}},
      {"publichnoe aktsionernoe obshchestvo", {"PAO", "PJSC", ""}},
      {"aktsionernoe obshchestvo", {"AO", "JSC", ""}},
      {"open joint stock company", {"OJSC", "OAO", "JSC", ""}},
      {"closed joint stock company", {"CJSC", "ZAO", "JSC", ""}},
      {"public joint stock company", {"PJSC", "PAO", ""}},
      {"joint stock company", {"JSC", "AO", ""}},
      {"limited liability company", {"LLC", "OOO", "", "Ltd"}},
      {"sa de cv", {"S.A.", ""}},
      {"co ltd", {"Company Limited", "Co Ltd", "", "Limited", "Co., Limited"}},
      {"company limited", {"Co., Ltd.", "Ltd", ""}},
      {"pte ltd", {"Private Limited", ""}},
      {"sdn bhd", {""}},
      {"ltd", {"Limited", "", "Co., Ltd."}},
      {"limited", {"Ltd.", "", "Ltd"}},
      {"llc", {"Limited Liability Company", "", "L.L.C."}},
      {"inc", {"Incorporated", "", "Inc"}},
      {"incorporated", {"Inc.", ""}},
      {"nv", {"N.V.", ""}},
      {"bv", {"B.V.", ""}},
      {"corp", {"Corporation", "", "Corp"}},
      {"corporation", {"Corp.", ""}},
      {"company", {"Co.", ""}},
      {"co", {"Company", ""}},
      {"jsc", {"Joint Stock Company", "", "OJSC"}},
      {"ojsc", {"JSC", "Open Joint Stock Company", ""}},
      {"pjsc", {"JSC", "Public Joint Stock Company", ""}},
      {"cjsc", {"Closed Joint Stock Company", "ZAO", ""}},
      {"oao", {"OJSC", "JSC", ""}},
      {"zao", {"CJSC", "JSC", ""}},
      {"ooo", {"LLC", ""}},
      {"gmbh", {"", "GmbH"}},
      {"ag", {""}},
      {"sa", {"S.A.", ""}},
      {"plc", {"Public Limited Company", ""}},
      {"llp", {"", "L.L.P."}},
  };
  return kRewrites;
}

inline bool IsLegalWordKey(const std::string& key) {
  for (const LegalRewrite& r : LegalRewrites()) {
    std::string from = r.from;
    for (size_t start = 0; start <= from.size();) {
      size_t end = from.find(' ', start);
      if (end == std::string::npos) end = from.size();
      if (from.compare(start, end - start, key) == 0 && end - start == key.size()) return true;
      start = end + 1;
    }
  }
  return false;
}

// Finds a leading or trailing legal form: its rewrite, where it starts and how many words.
inline const LegalRewrite* FindLegalForm(const std::vector<std::string>& t, bool trailing,
                                         size_t* at, size_t* n) {
  for (size_t len = 4; len >= 1; --len) {
    if (t.size() < len + 1) continue;
    *at = trailing ? t.size() - len : 0;
    *n = len;
    std::string key;
    for (size_t k = 0; k < len; ++k) key += (k ? " " : "") + Key(t[*at + k]);
    for (const LegalRewrite& r : LegalRewrites()) {
      if (key == r.from) return &r;
    }
  }
  return nullptr;
}

inline bool RewriteLegalForm(Rng& rng, const std::string& name, std::string* out) {
  std::vector<std::string> t = Split(name);
  for (bool trailing : {true, false}) {
    size_t at = 0, n = 0;
    const LegalRewrite* r = FindLegalForm(t, trailing, &at, &n);
    if (r == nullptr) continue;
    std::string to = r->to[Pick(rng, r->to.size())];
    t.erase(t.begin() + static_cast<ptrdiff_t>(at), t.begin() + static_cast<ptrdiff_t>(at + n));
    if (!t.empty() && trailing && !t.back().empty() && t.back().back() == ',') t.back().pop_back();
    t.insert(trailing ? t.end() : t.begin(), to);
    *out = Join(t);
    return !out->empty();
  }
  return false;
}

// One keyboard-style edit: substitute, delete, insert or transpose.
inline void Edit(Rng& rng, std::string* w) {
  const size_t pos = Pick(rng, w->size());
  const char letter = static_cast<char>('a' + Pick(rng, 26));
  switch (Pick(rng, 4)) {
    case 0:
      (*w)[pos] = std::isupper(static_cast<unsigned char>((*w)[pos]))
                      ? static_cast<char>(std::toupper(letter))
                      : letter;
      break;
    case 1:
      w->erase(pos, 1);
      break;
    case 2:
      w->insert(pos, 1, letter);
      break;
    default:
      if (pos + 1 < w->size())
        std::swap((*w)[pos], (*w)[pos + 1]);
      else
        w->erase(pos, 1);
  }
}

// Indices of words that are alphabetic and at least `min_len` long.
inline std::vector<size_t> Words(const std::vector<std::string>& t, size_t min_len) {
  std::vector<size_t> out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (AllAlpha(t[i]) && t[i].size() >= min_len) out.push_back(i);
  }
  return out;
}

// Like Words, leaving out legal-form words.
inline std::vector<size_t> ContentWords(const std::vector<std::string>& t, size_t min_len) {
  std::vector<size_t> out;
  for (size_t i : Words(t, min_len)) {
    if (!IsLegalWordKey(Key(t[i]))) out.push_back(i);
  }
  return out;
}

// Accents on Latin letters ("Müller"), as UTF-8.
inline std::string Accent(Rng& rng, const std::string& w) {
  static const char* const kA[] = {"á", "ä", "à", "â"};
  static const char* const kE[] = {"é", "è", "ë", "ê"};
  static const char* const kO[] = {"ó", "ö", "ô"};
  static const char* const kU[] = {"ú", "ü", "û"};
  std::string out;
  for (char c : w) {
    const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool go = Pick(rng, 2) == 0;
    if (go && l == 'a')
      out += kA[Pick(rng, 4)];
    else if (go && l == 'e')
      out += kE[Pick(rng, 4)];
    else if (go && l == 'i')
      out += "í";
    else if (go && l == 'o')
      out += kO[Pick(rng, 3)];
    else if (go && l == 'u')
      out += kU[Pick(rng, 3)];
    else if (go && l == 'n')
      out += "ñ";
    else if (go && l == 'c')
      out += "ç";
    else if (go && l == 's')
      out += "š";
    else
      out += c;
  }
  return out;
}

// Romanisation variants a clerk might type ("Mokhammed", "Yuriy"/"Iurii").
inline bool Respell(Rng& rng, std::string* w) {
  static const std::pair<const char*, const char*> kSwaps[] = {
      {"kh", "h"},   {"h", "kh"},  {"y", "i"},   {"iy", "y"}, {"ou", "u"}, {"u", "ou"},
      {"ph", "f"},   {"ya", "ia"}, {"yu", "iu"}, {"zh", "j"}, {"j", "dj"}, {"ts", "tz"},
      {"sh", "sch"}, {"ee", "i"},  {"q", "k"},   {"w", "v"},  {"v", "w"},  {"x", "ks"},
      {"ck", "k"},   {"ai", "ay"}, {"ei", "ey"}, {"oo", "u"}, {"dh", "d"}, {"gh", "g"}};
  std::string lower = *w;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<size_t, size_t>> options;  // (position, swap)
  for (size_t s = 0; s < std::size(kSwaps); ++s) {
    for (size_t p = lower.find(kSwaps[s].first); p != std::string::npos;
         p = lower.find(kSwaps[s].first, p + 1)) {
      options.emplace_back(p, s);
    }
  }
  if (options.empty()) return false;
  auto [p, s] = options[Pick(rng, options.size())];
  w->replace(p, std::char_traits<char>::length(kSwaps[s].first), kSwaps[s].second);
  return true;
}

// Writes a romanised Russian name in Cyrillic, as a Russian clerk would ("Deripaska" ->
// "Дерипаска"); the screening normaliser romanises it back with BGN rules.
inline std::string ToCyrillic(const std::string& name) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"shch", "щ"}, {"kh", "х"}, {"zh", "ж"}, {"ts", "ц"}, {"ch", "ч"},  {"sh", "ш"},
      {"ya", "я"},   {"yu", "ю"}, {"yo", "ё"}, {"ye", "е"}, {"iy", "ий"}, {"yy", "ый"},
      {"ks", "кс"},  {"a", "а"},  {"b", "б"},  {"v", "в"},  {"g", "г"},   {"d", "д"},
      {"e", "е"},    {"z", "з"},  {"i", "и"},  {"y", "й"},  {"k", "к"},   {"l", "л"},
      {"m", "м"},    {"n", "н"},  {"o", "о"},  {"p", "п"},  {"r", "р"},   {"s", "с"},
      {"t", "т"},    {"u", "у"},  {"f", "ф"},  {"h", "х"},  {"c", "к"},   {"x", "кс"},
      {"w", "в"},    {"q", "к"},  {"j", "дж"}};
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out;
  for (size_t i = 0; i < lower.size();) {
    if (lower[i] == 'e' && (i == 0 || lower[i - 1] == ' ')) {  // "Elektron" -> "Электрон"
      out += "э";
      ++i;
      continue;
    }
    bool done = false;
    for (const auto& [lat, cyr] : kMap) {
      size_t n = std::char_traits<char>::length(lat);
      if (lower.compare(i, n, lat) == 0) {
        out += cyr;
        i += n;
        done = true;
        break;
      }
    }
    if (!done) out += lower[i++];
  }
  return out;
}

// A Russian company as a Russian clerk writes it: "ООО Николия" for "LIMITED LIABILITY COMPANY
// NIKOLIYA". Only for short names, whose other words are Russian proper names, not English.
inline bool RussianCompany(const std::string& name, std::string* out) {
  std::vector<std::string> t = Split(name);
  for (bool trailing : {true, false}) {
    size_t at = 0, n = 0;
    const LegalRewrite* r = FindLegalForm(t, trailing, &at, &n);
    if (r == nullptr) continue;
    const std::string from = r->from;
    const char* form = nullptr;
    if (from == "limited liability company" || from == "llc" || from == "ooo") form = "ООО";
    if (from == "joint stock company" || from == "jsc") form = "АО";
    if (from == "open joint stock company" || from == "ojsc" || from == "oao") form = "ОАО";
    if (from == "closed joint stock company" || from == "cjsc" || from == "zao") form = "ЗАО";
    if (from == "public joint stock company" || from == "pjsc") form = "ПАО";
    if (form == nullptr) return false;
    t.erase(t.begin() + static_cast<ptrdiff_t>(at), t.begin() + static_cast<ptrdiff_t>(at + n));
    if (t.empty() || t.size() > 3) return false;
    *out = std::string(form) + " " + ToCyrillic(Join(t));
    return true;
  }
  return false;
}

inline bool LooksRussian(const ListEntry& e) {
  for (const auto& c : e.Countries()) {
    if (c == "RU" || c == "BY") return true;
  }
  for (const auto& p : e.programs) {
    if (p.find("RUSSIA") != std::string::npos || p.find("UKRAINE") != std::string::npos) {
      return true;
    }
  }
  return false;
}

inline std::string ChangeCase(Rng& rng, const std::string& s) {
  std::string out = s;
  switch (Pick(rng, 3)) {
    case 0:
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case 1:
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      break;
    default:
      break;
  }
  return out;
}

}  // namespace variants_internal

}  // namespace chokepoint::screen_eval
