// Internals of name normalisation shared by the index builder, the query path and the scorer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/screen.h"

namespace chokepoint::screen {

// Legal-form classes. Two legal forms are "compatible" when their class sets intersect: "Co., Ltd."
// (kCompany|kLimited) and "Limited" share kLimited; "OAO" and "JSC" share kJointStock.
enum LegalClass : uint32_t {
  kLegalCompany = 1u << 0,      // co, company, cie, cia
  kLegalLimited = 1u << 1,      // ltd, limited, ltda
  kLegalCorporation = 1u << 2,  // corp, corporation
  kLegalIncorporated = 1u << 3,
  kLegalLlc = 1u << 4,          // llc, ooo, tov, gmbh, sarl, srl, sp z o o
  kLegalJointStock = 1u << 5,   // jsc, oao, pao, zao, ao, ag, sa, spa, nv, plc, kk, ab, as
  kLegalPartnership = 1u << 6,  // llp, lp, kg
  kLegalPrivate = 1u << 7,      // pte, pty, pvt, private, sdn bhd
  kLegalOther = 1u << 8,
};

// Matches the longest legal-form phrase starting at tokens[pos]; returns the number of tokens
// matched (0 when none) and ORs its classes into *classes.
size_t MatchLegalForm(const std::vector<std::string>& tokens, size_t pos, uint32_t* classes);
// The same, for a phrase ending at tokens[end - 1] (trailing legal forms: "Acme Co Ltd").
size_t MatchLegalFormBackward(const std::vector<std::string>& tokens, size_t end,
                              uint32_t* classes);
// The classes of already-recognised legal-form tokens (NormalizedName::legal_forms).
uint32_t LegalClasses(const std::vector<std::string>& legal_forms);

// Replaces CJK legal-form words ("有限公司", "株式会社") by their Latin equivalents (" co ltd ",
// " kk ") before transliteration, which would otherwise turn them into pinyin content words.
std::string ReplaceCjkLegalForms(std::string_view utf8);

bool IsStopword(std::string_view token);

// Whether a token is, or is a misspelling of, a word of a legal-form phrase ("limited", "stock",
// "obshchestvo", "ltd"): such words weigh little wherever they turn up.
bool IsLegalWord(std::string_view token);

// The weight of a token with inverse document frequency `idf`: initials and legal-form words get
// small fixed weights, everything else its IDF.
float BaseWeight(std::string_view token, float idf);

// Whether a token contains a digit: such tokens (numbers, "ak47", "1142021") match exactly only.
inline bool HasDigit(std::string_view token) {
  for (char c : token) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

// NormalizeName plus what the index needs besides: the legal-form classes and the token sequence
// in its published order when "LAST, First" was reordered.
struct NormalizedDetail {
  NormalizedName name;
  uint32_t legal_classes = 0;
  bool reordered = false;
  size_t first_count = 0;  // when reordered: how many leading tokens came after the comma
};
NormalizedDetail NormalizeDetailed(std::string_view raw);

// The strings a published name is indexed under: itself and, for "X (Y)", also X and Y.
std::vector<std::string> NameVariants(const std::string& raw);

}  // namespace chokepoint::screen
