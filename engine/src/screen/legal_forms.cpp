// The legal-form lexicon. Legal forms are recognised only as leading or trailing runs of a name
// ("OOO Romashka", "Acme Co., Ltd."), so short forms that are also words or name parts ("AG",
// "SA", "AO") are not taken from the middle of a name.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "screen/normalizer.h"
#include "screen/scorer.h"

namespace chokepoint::screen {
namespace {

struct LegalForm {
  const char* phrase;  // normalised tokens, one space apart
  uint32_t classes;
};

constexpr uint32_t kCo = kLegalCompany;
constexpr uint32_t kLtd = kLegalLimited;
constexpr uint32_t kCorp = kLegalCorporation;
constexpr uint32_t kInc = kLegalIncorporated;
constexpr uint32_t kLlc = kLegalLlc;
constexpr uint32_t kJsc = kLegalJointStock;
constexpr uint32_t kLp = kLegalPartnership;
constexpr uint32_t kPvt = kLegalPrivate;

constexpr LegalForm kLegalForms[] = {
    // English and generic.
    {"co", kCo},
    {"company", kCo},
    {"cie", kCo},
    {"cia", kCo},
    {"ltd", kLtd},
    {"limited", kLtd},
    {"ltda", kLtd | kLlc},
    {"corp", kCorp},
    {"corporation", kCorp},
    {"inc", kInc},
    {"incorporated", kInc},
    {"llc", kLlc},
    {"limited liability company", kLlc},
    {"limited liability co", kLlc},
    {"limited liability partnership", kLp},
    {"limited partnership", kLp},
    {"partnership", kLp},
    {"llp", kLp},
    {"lp", kLp},
    {"plc", kJsc | kLtd},
    {"public limited company", kJsc | kLtd},
    {"public company limited", kJsc | kLtd},
    {"public co ltd", kJsc | kLtd},
    {"pte", kPvt},
    {"pty", kPvt},
    {"pvt", kPvt},
    {"private limited", kPvt | kLtd},
    {"private ltd", kPvt | kLtd},
    {"sdn bhd", kPvt | kLtd},
    {"bhd", kJsc | kLtd},
    {"berhad", kJsc | kLtd},
    {"tbk", kJsc},
    {"pt", kJsc},
    // Russian and CIS, in BGN transliteration and as abbreviations.
    {"ooo", kLlc},
    {"tov", kLlc},
    {"too", kLlc},
    {"obshchestvo s ogranichennoy otvetstvennostyu", kLlc},
    {"jsc", kJsc},
    {"ojsc", kJsc},
    {"pjsc", kJsc},
    {"cjsc", kJsc},
    {"oao", kJsc},
    {"pao", kJsc},
    {"zao", kJsc},
    {"ao", kJsc},
    {"nao", kJsc},
    {"joint stock company", kJsc},
    {"joint stock co", kJsc},
    {"jt stock co", kJsc},
    {"open joint stock company", kJsc},
    {"closed joint stock company", kJsc},
    {"public joint stock company", kJsc},
    {"aktsionernoe obshchestvo", kJsc},
    {"aktsionernoye obshchestvo", kJsc},
    {"otkrytoe aktsionernoe obshchestvo", kJsc},
    {"zakrytoe aktsionernoe obshchestvo", kJsc},
    {"publichnoe aktsionernoe obshchestvo", kJsc},
    // Continental Europe and Latin America.
    {"gmbh", kLlc},
    {"gmbh and co kg", kLlc | kLp},
    {"gmbh co kg", kLlc | kLp},
    {"mbh", kLlc},
    {"kg", kLp},
    {"kgaa", kLp | kJsc},
    {"ag", kJsc},
    {"sa", kJsc},
    {"sas", kJsc},
    {"sa de cv", kJsc},
    {"sab de cv", kJsc},
    {"sapi de cv", kJsc},
    {"s de rl", kLlc},
    {"s de rl de cv", kLlc},
    {"sarl", kLlc},
    {"srl", kLlc},
    {"sprl", kLlc},
    {"spa", kJsc},
    {"sl", kLlc},
    {"nv", kJsc},
    {"bv", kLlc | kPvt},
    {"sp z oo", kLlc},
    {"sp z o o", kLlc},
    {"spzoo", kLlc},
    {"ab", kJsc},
    {"as", kJsc},
    {"asa", kJsc},
    {"oy", kJsc},
    {"oyj", kJsc},
    {"doo", kLlc},
    {"ad", kJsc},
    {"sti", kLlc},
    {"ltd sti", kLlc},
    // Japan and Korea (the CJK forms are rewritten to these before transliteration).
    {"kk", kJsc},
    {"kabushiki kaisha", kJsc},
    {"kabushikigaisha", kJsc},
    {"yugen kaisha", kLlc},
    {"godo kaisha", kLlc},
    {"jusikhoesa", kJsc},
};

struct Lexicon {
  std::unordered_map<std::string, uint32_t> phrases;
  size_t max_len = 1;
  Lexicon() {
    for (const auto& form : kLegalForms) {
      std::string p = form.phrase;
      phrases[p] |= form.classes;
      max_len = std::max<size_t>(max_len, 1 + std::count(p.begin(), p.end(), ' '));
    }
  }
};

const Lexicon& GetLexicon() {
  static const Lexicon lexicon;
  return lexicon;
}

std::string JoinRange(const std::vector<std::string>& tokens, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += tokens[i];
  }
  return out;
}

// CJK legal-form words and their Latin stand-ins, longest first so "股份有限公司" wins over "公司".
constexpr std::pair<std::string_view, std::string_view> kCjkForms[] = {
    {"股份有限公司", " jsc ltd "},  {"有限责任公司", " llc "},
    {"有限責任公司", " llc "},      {"股份公司", " jsc "},
    {"有限公司", " co ltd "},       {"株式会社", " kk "},
    {"有限会社", " yugen kaisha "}, {"合同会社", " godo kaisha "},
    {"주식회사", " jusikhoesa "},   {"公司", " co "},
};

}  // namespace

size_t MatchLegalForm(const std::vector<std::string>& tokens, size_t pos, uint32_t* classes) {
  const Lexicon& lex = GetLexicon();
  for (size_t len = std::min(lex.max_len, tokens.size() - pos); len > 0; --len) {
    auto it = lex.phrases.find(JoinRange(tokens, pos, pos + len));
    if (it != lex.phrases.end()) {
      *classes |= it->second;
      return len;
    }
  }
  return 0;
}

size_t MatchLegalFormBackward(const std::vector<std::string>& tokens, size_t end,
                              uint32_t* classes) {
  const Lexicon& lex = GetLexicon();
  for (size_t len = std::min(lex.max_len, end); len > 0; --len) {
    auto it = lex.phrases.find(JoinRange(tokens, end - len, end));
    if (it != lex.phrases.end()) {
      *classes |= it->second;
      return len;
    }
  }
  return 0;
}

uint32_t LegalClasses(const std::vector<std::string>& legal_forms) {
  uint32_t classes = 0;
  for (size_t i = 0; i < legal_forms.size();) {
    size_t n = MatchLegalForm(legal_forms, i, &classes);
    i += n ? n : 1;
  }
  return classes;
}

std::string ReplaceCjkLegalForms(std::string_view utf8) {
  std::string out(utf8);
  for (const auto& [form, latin] : kCjkForms) {
    for (size_t pos = out.find(form); pos != std::string::npos; pos = out.find(form, pos)) {
      out.replace(pos, form.size(), latin);
      pos += latin.size();
    }
  }
  return out;
}

bool IsLegalWord(std::string_view token) {
  static const std::unordered_set<std::string> kWords = [] {
    std::unordered_set<std::string> words;
    for (const auto& form : kLegalForms) {
      std::string p = form.phrase;
      for (size_t start = 0; start <= p.size();) {
        size_t end = p.find(' ', start);
        if (end == std::string::npos) end = p.size();
        // Connecting letters of multi-word forms ("s" and "z" of "sp z o o") are not forms.
        if (end - start >= 2) words.insert(p.substr(start, end - start));
        start = end + 1;
      }
    }
    for (const char* w : {"open", "closed", "public", "private", "joint", "stock", "liability",
                          "companies", "partnership", "ogranichennoi", "obshchestvom"}) {
      words.insert(w);
    }
    return words;
  }();
  if (kWords.count(std::string(token))) return true;
  // Misspelt ("limted", "stok", "ilmited"): within the typo budget of a word of 5 letters or more.
  if (token.size() < 4 || HasDigit(token)) return false;
  for (const std::string& w : kWords) {
    if (w.size() < 5) continue;
    const int allowed = TypoBudget(token.size(), w.size());
    if (allowed > 0 && BoundedEditDistance(token, w, allowed) <= allowed) return true;
  }
  return false;
}

float BaseWeight(std::string_view token, float idf) {
  if (token.size() == 1 && !HasDigit(token)) return kInitialWeight;
  if (IsLegalWord(token)) return std::min(idf, kLegalWordWeight);
  return idf;
}

bool IsStopword(std::string_view token) {
  // Articles and connectives only: "da", "di", "du", "do", "an", "in" are also surnames or
  // pinyin syllables, so they stay content words.
  static const std::unordered_set<std::string_view> kStopwords = {
      "the", "of", "and", "for", "de",  "del", "della", "la",  "las", "los", "le",  "les",
      "el",  "et", "y",   "und", "der", "die", "das",   "von", "van", "dos", "des", "at"};
  return kStopwords.count(token) > 0;
}

}  // namespace chokepoint::screen
