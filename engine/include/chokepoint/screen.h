// Restricted-party screening: fuzzy name matching against list entries, with an explanation.
//
// Build once, then query many times from many threads (like RE2::Set): ScreeningIndex::Builder
// takes entries, Build() normalises every name, builds token and character n-gram postings with
// IDF weights, and returns an immutable index. Screen() generates candidates from the postings,
// scores each candidate exactly (token-aligned similarity weighted by token rarity, tolerant of
// typos, word order, dropped tokens, initials, transliteration and legal-form noise), filters by
// the as-of date, and returns hits sorted by score.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"

namespace chokepoint {

// Name normalisation shared by the index, the queries and the tests: NFKC, case folding,
// transliteration of any script to Latin, accents removed, punctuation to spaces, "LAST, First"
// reordered, legal-form words recognised. Deterministic and thread-safe.
struct NormalizedName {
  std::vector<std::string> tokens;  // content tokens, in order ("central", "south", "cad", "center")
  std::vector<std::string> legal_forms;  // recognised legal-form tokens ("co", "ltd", "llc", "ooo")
  std::string joined;  // content tokens joined by one space
};
NormalizedName NormalizeName(std::string_view raw);

// The default score threshold: the operating point chosen by measurement (docs/screening.md).
double DefaultScreenThreshold();

struct ScreenQuery {
  std::string name;
  std::optional<std::string> country;  // alpha-2; qualifies the score, never excludes
  std::optional<PartyType> type;       // qualifies the score
  Date as_of = Date::Today();
  // Every entry whatever its listing dates; the caller applies ListEntry::ListedOn per day (an
  // audit screens a party once and judges each shipment on its own date).
  bool any_date = false;
  double threshold = DefaultScreenThreshold();
  size_t limit = 10;
};

// How one query token was matched, for the reviewer.
struct TokenMatch {
  std::string query_token;
  std::string list_token;  // empty when the query token matched nothing
  std::string how;         // "exact", "typo", "prefix", "initial", "joined", "unmatched", ...
  double similarity = 0;   // 0..1
  double weight = 0;       // the token's share of the name's information (IDF), 0..1
};

struct ScreenHit {
  const ListEntry* entry = nullptr;  // owned by the index; valid while the index lives
  int64_t snapshot_id = 0;
  std::string matched_name;  // the name or alias that matched, as published
  ListName::Kind matched_kind = ListName::Kind::kPrimary;
  double score = 0;          // 0..1
  double name_score = 0;     // before country/type/alias adjustments
  std::vector<TokenMatch> tokens;
  std::vector<std::string> adjustments;  // "country CN matches +0.02", "weak alias -0.05", ...
};

class ScreeningIndex {
 public:
  class Builder {
   public:
    Builder();
    ~Builder();
    // Takes the entry; `snapshot_id` is reported with its hits.
    void Add(ListEntry entry, int64_t snapshot_id);
    size_t size() const;
    // Freezes the index. The builder is empty afterwards.
    std::shared_ptr<const ScreeningIndex> Build();

   private:
    struct State;
    std::unique_ptr<State> state_;
  };

  ~ScreeningIndex();
  ScreeningIndex(const ScreeningIndex&) = delete;
  ScreeningIndex& operator=(const ScreeningIndex&) = delete;

  // Hits at or above query.threshold, best first, at most query.limit; entries not listed on
  // query.as_of are left out. Thread-safe.
  std::vector<ScreenHit> Screen(const ScreenQuery& query) const;
  // The same answer computed by scoring every indexed name, without the candidate postings: the
  // oracle for differential tests and the baseline for benchmarks. Slow; thread-safe.
  std::vector<ScreenHit> ScreenExhaustive(const ScreenQuery& query) const;

  // The name score (0..1, before adjustments) of `query` against one arbitrary name, with this
  // index's token weights, as if `list_name` were listed: for explaining a non-hit and for
  // comparing with other tools pair by pair.
  double NameScore(std::string_view query, std::string_view list_name) const;

  size_t entries() const;
  // The i-th indexed entry (0 ≤ i < entries()) and the snapshot it came from, for callers that
  // match on more than names (addresses, identifiers).
  const ListEntry& EntryAt(size_t i) const;
  int64_t SnapshotIdAt(size_t i) const;
  size_t names() const;  // primary names plus aliases indexed
  size_t MemoryBytes() const;  // approximate heap held by the index

  struct Impl;

 private:
  explicit ScreeningIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chokepoint
