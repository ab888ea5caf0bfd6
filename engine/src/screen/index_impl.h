// The frozen screening index: entries, a token vocabulary with IDF weights, token postings and a
// deletion dictionary over the vocabulary (SymSpell) for typo-tolerant lookups. Built once by
// index_builder.cpp, read concurrently by screening_index.cpp; nothing here changes after Build().
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/screen.h"
#include "screen/normalizer.h"
#include "screen/scorer.h"

namespace chokepoint::screen {

// One indexed name: a primary name, an alias, or a part of one ("X (Y)" also indexes X and Y).
struct NameRecord {
  uint32_t entry = 0;
  uint32_t token_begin = 0;  // into Impl::name_tokens
  uint8_t token_count = 0;
  uint8_t first_count = 0;  // see ScoringName
  bool reordered = false;
  bool initials = true;  // see ScoringName::initials
  ListName::Kind kind = ListName::Kind::kPrimary;
  int32_t alias = -1;  // -1: the entry's primary name; else the index in entry.aliases
  uint32_t legal_classes = 0;
};

inline constexpr size_t kMaxNameTokens = 48;
inline constexpr size_t kMaxQueryTokens = 32;

// 64-bit hash of a short string (FNV-1a with a murmur finaliser, so the top bits are usable).
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// Calls fn(hash) for the token and every distinct string made by deleting up to `max_deletes`
// bytes from it (duplicates are possible and harmless).
template <typename Fn>
void ForEachDeletion(std::string_view token, int max_deletes, Fn&& fn) {
  fn(HashString(token));
  if (max_deletes <= 0 || token.size() > 40) return;
  char buf[40], second[40];
  const size_t n = token.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && token[i] == token[i - 1]) continue;  // deleting either of "ll" gives one string
    token.copy(buf, i);
    token.copy(buf + i, n - i - 1, i + 1);
    fn(HashString(std::string_view(buf, n - 1)));
    if (max_deletes < 2) continue;
    for (size_t k = i; k + 1 < n; ++k) {
      if (k > i && buf[k] == buf[k - 1]) continue;
      std::copy(buf, buf + k, second);
      std::copy(buf + k + 1, buf + n - 1, second + k);
      fn(HashString(std::string_view(second, n - 2)));
    }
  }
}

}  // namespace chokepoint::screen

namespace chokepoint {

struct ScreeningIndex::Impl {
  std::vector<ListEntry> entries;
  std::vector<int64_t> snapshot_ids;
  std::vector<std::vector<std::string>> countries;  // per entry, ListEntry::Countries()

  // Vocabulary: token id -> text, IDF weight; text -> id.
  std::vector<std::string> vocab;
  std::vector<float> weight;
  // Open addressing: slot -> token id + 1 (0 empty), with each token's hash kept for a cheap
  // first comparison. Lookups of query substrings (splits, joins) are the hottest path.
  std::vector<uint32_t> vocab_table;
  std::vector<uint32_t> vocab_hash;
  // Per entry, the days it is listed on (ListEntry::ListedOn without touching the entry).
  std::vector<int32_t> listed_from, listed_to;
  std::vector<uint32_t> vocab_by_text;  // token ids sorted by text, for prefix ranges
  float unknown_weight = 0;             // a query token the lists never use: as rare as can be

  // Postings: token id -> ids of the names that contain it (CSR).
  std::vector<uint32_t> posting_offsets;
  std::vector<uint32_t> postings;

  // Names of people (NameRecord::initials) holding a one-letter token, by that letter (CSR over
  // the 256 byte values): the few names a query word can meet as an initial.
  std::vector<uint32_t> initial_offsets;
  std::vector<uint32_t> initial_names;

  std::vector<screen::NameRecord> names;
  std::vector<uint32_t> name_tokens;

  // Deletion dictionary: sorted keys (hash >> 24) << 24 | token id, with a bucket directory on the
  // top bits, so a lookup is one directory read and a short scan.
  std::vector<uint64_t> deletion_keys;
  std::vector<uint32_t> deletion_buckets;
  int bucket_shift = 64;

  const std::string& PublishedName(const screen::NameRecord& rec) const {
    const ListEntry& e = entries[rec.entry];
    return rec.alias < 0 ? e.name : e.aliases[static_cast<size_t>(rec.alias)].name;
  }
  int32_t VocabId(std::string_view token) const {
    if (vocab_table.empty()) return -1;
    const uint64_t h = screen::HashString(token);
    const size_t mask = vocab_table.size() - 1;
    for (size_t slot = static_cast<size_t>(h) & mask;; slot = (slot + 1) & mask) {
      const uint32_t v = vocab_table[slot];
      if (v == 0) return -1;
      if (vocab_hash[v - 1] == static_cast<uint32_t>(h >> 32) && vocab[v - 1] == token) {
        return static_cast<int32_t>(v - 1);
      }
    }
  }
  bool ListedOn(uint32_t entry, Date day) const {
    return listed_from[entry] <= day.days() && day.days() <= listed_to[entry];
  }
  // The weight of a query token: its list weight, or for a word the lists never use, the weight
  // of the rarest (or of a legal-form word when it looks like one).
  float TokenWeight(std::string_view token) const {
    int32_t id = VocabId(token);
    if (id >= 0) return weight[static_cast<size_t>(id)];
    return screen::BaseWeight(token, unknown_weight);
  }
  // Calls fn(token id) for every vocabulary token stored under deletion hash `hash`.
  template <typename Fn>
  void ForEachDeletionMatch(uint64_t hash, Fn&& fn) const {
    if (deletion_keys.empty()) return;
    const uint64_t key = (hash >> 24) << 24;
    const size_t bucket = static_cast<size_t>(key >> bucket_shift);
    for (uint32_t i = deletion_buckets[bucket]; i < deletion_buckets[bucket + 1]; ++i) {
      uint64_t k = deletion_keys[i];
      if ((k >> 24) == (hash >> 24)) fn(static_cast<uint32_t>(k & 0xffffff));
      if (k > (key | 0xffffff)) break;
    }
  }
  // Typo neighbours: for each vocabulary token, the others within its typo budget (CSR), so a
  // query word the lists use needs no dictionary lookups.
  std::vector<uint32_t> neighbour_offsets;
  std::vector<uint32_t> neighbours;
  // Vocabulary tokens within the typo budget of `token` (not itself), through the deletion
  // dictionary; `out` is cleared first.
  void TypoNeighbours(std::string_view token, std::vector<uint32_t>* out) const;

  // Names that could score at least `min_bound` against `query` (before adjustments), best bound
  // first. `query` tokens must carry this index's weights (TokenWeight).
  struct Candidate {
    float bound;
    uint32_t name;
  };
  void Candidates(const screen::ScoringName& query, double min_bound,
                  std::vector<Candidate>* out) const;

  // The scoring view of a name; `out` must have room for kMaxNameTokens tokens.
  screen::ScoringName View(const screen::NameRecord& rec, screen::ScoringToken* out) const;

  size_t MemoryBytes() const;
};

}  // namespace chokepoint
