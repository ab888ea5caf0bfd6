// Exact scoring of one query against one indexed name: a one-to-one alignment of tokens, each pair
// scored by a typo-tolerant similarity and weighted by the list token's rarity (IDF).
//
//   score = Σ sim·w(pair) / (Σ w(pair) + kQueryMissWeight·Σ w(unmatched query tokens)
//                                        + kName*MissWeight·Σ w(unmatched name tokens))
//
// A query token with no counterpart costs its full weight (a rare extra word means a different
// party); a list token the query lacks costs a fraction: little in the middle of the name (middle
// names, patronymics), more at its ends, where "Target" and "Target Electronics" part ways. Every
// way a pair can match here is one the index can find (screening_index.cpp), so the candidate bound
// there stays an upper bound of this score.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "chokepoint/screen.h"

namespace chokepoint::screen {

inline constexpr double kQueryMissWeight = 1.0;
inline constexpr double kNameMissWeight = 0.2;
inline constexpr double kNameEdgeMissWeight = 0.6;
// An initial ("J.") says little about who is meant, whatever the rarity of the full name.
inline constexpr float kInitialWeight = 1.5f;
inline constexpr double kInitialSimilarity = 0.9;
inline constexpr double kJoinedSimilarity = 0.95;
// Legal-form words left in a name (misspelt, reordered or mid-name: "JOINT STOC COMPANY") weigh
// next to nothing, matched or not.
inline constexpr float kLegalWordWeight = 0.5f;
// Adjustments, applied after the name score.
inline constexpr double kCountryMatchBonus = 0.02;
inline constexpr double kCountryMismatchPenalty = 0.03;
inline constexpr double kTypeMatchBonus = 0.02;
inline constexpr double kTypeMismatchPenalty = 0.05;
inline constexpr double kWeakAliasPenalty = 0.05;
inline constexpr double kLegalMatchBonus = 0.01;
inline constexpr double kLegalMismatchPenalty = 0.02;

// Most edits a token of `length` bytes may differ by and still match: none up to 3 characters, one
// up to 7, two from 8. Tokens with digits match exactly only.
inline int MaxEdits(size_t length) { return length < 4 ? 0 : length < 8 ? 1 : 2; }

// The edits allowed between two tokens: by the longer one ("hezbolh" may be "hezbollah" with two
// letters lost), but none when either has fewer than 4 characters. A deletion dictionary holding
// MaxEdits(length) deletions per token on each side finds every such pair.
inline int TypoBudget(size_t a, size_t b) { return a < 4 || b < 4 ? 0 : MaxEdits(a > b ? a : b); }
// A typo on the first letter is rarer than a different name ("Kering", "Bering").
inline constexpr double kFirstLetterTypoPenalty = 0.1;

// Optimal-string-alignment distance (adjacent transpositions count once), or max_edits + 1 once
// it is certain to exceed max_edits.
int BoundedEditDistance(std::string_view a, std::string_view b, int max_edits);

struct ScoringToken {
  std::string_view text;
  float weight = 0;
  bool exact_only = false;  // contains a digit
};

// A token sequence with the order it was published in: "PUTIN, Vladimir" is scored as "vladimir
// putin", but joins ("putinvladimir") may also follow the published order.
struct ScoringName {
  const ScoringToken* tokens = nullptr;
  size_t size = 0;
  size_t first_count = 0;  // when reordered: how many leading tokens came after the comma
  bool reordered = false;
  // Whether a single letter here may pair with a word starting with it ("J." and "John"): for
  // people, not organisations, whose "K Technologies" is not "Keysight Technologies".
  bool initials = true;
};

// The name score in 0..1; 0 when only initials pair up. With `explain`, appends one TokenMatch per
// query token, then one per unmatched name token (query_token empty, how "not in query").
double AlignScore(const ScoringName& query, const ScoringName& name,
                  std::vector<TokenMatch>* explain);

}  // namespace chokepoint::screen
