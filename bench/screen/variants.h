// The seeded generator of labelled positive queries: realistic variants of real list names, each
// labelled with the entry it came from. Deterministic for a seed (no <random> distributions, whose
// output differs between standard libraries). Shared by screen_quality and the regression test.
#pragma once

#include <cctype>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "chokepoint/list_entry.h"
#include "variant_edits.h"

namespace chokepoint::screen_eval {

struct LabelledQuery {
  std::string query;
  size_t entry = 0;  // index into the entries the generator was given
  const char* kind = "";
};

// The day the evaluation screens as of: the CSL and DPL files are of 2023-11-30, and some of their
// entries (temporary denial orders) expired soon after.
inline Date EvaluationDate() { return Date::FromYmd(2023, 11, 30); }

// Variant kinds and how often each is drawn (parts per 100).
struct VariantKind {
  const char* name;
  int share;
};
inline constexpr VariantKind kVariantKinds[] = {
    {"exact", 5},       {"alias", 15},    {"legal-form", 15},    {"typo", 20},
    {"word-order", 10}, {"translit", 15}, {"dropped-token", 10}, {"last-first", 10},
};

namespace variants_internal {

inline bool MakeVariant(Rng& rng, const ListEntry& e, const std::string& kind, std::string* out) {
  const std::string& name = e.name;
  std::vector<std::string> t = Split(name);
  if (kind == "exact") {
    *out = ChangeCase(rng, name);
    return true;
  }
  if (kind == "alias") {
    if (e.aliases.empty()) return false;
    *out = ChangeCase(rng, e.aliases[Pick(rng, e.aliases.size())].name);
    return true;
  }
  if (kind == "legal-form") return RewriteLegalForm(rng, name, out);
  if (!IsAscii(name)) return false;
  if (kind == "typo") {
    std::vector<size_t> w = Words(t, 5);
    if (w.empty()) return false;
    std::string& word = t[w[Pick(rng, w.size())]];
    const int edits = word.size() >= 9 && Pick(rng, 2) == 0 ? 2 : 1;
    for (int k = 0; k < edits; ++k) Edit(rng, &word);
    *out = Join(t);
    return true;
  }
  if (kind == "word-order") {
    if (name.find(',') != std::string::npos) return false;  // "LAST, First" is its own kind
    std::vector<size_t> w = ContentWords(t, 2);
    if (w.size() < 2) return false;
    size_t i = Pick(rng, w.size() - 1);
    std::swap(t[w[i]], t[w[i + 1]]);
    *out = Join(t);
    return *out != name;
  }
  if (kind == "translit") {
    if (LooksRussian(e) && Pick(rng, 2) == 0) {
      if (e.type == PartyType::kIndividual) {
        *out = ToCyrillic(name);
        return true;
      }
      if (RussianCompany(name, out)) return true;
    }
    std::vector<size_t> w = Words(t, 4);
    if (w.empty()) return false;
    std::string& word = t[w[Pick(rng, w.size())]];
    if (Pick(rng, 2) == 0) {
      word = Accent(rng, word);
    } else if (!Respell(rng, &word)) {
      return false;
    }
    *out = Join(t);
    return *out != name;
  }
  if (kind == "dropped-token") {
    if (name.find(',') != std::string::npos && e.type == PartyType::kIndividual) {
      // "LAST, First Middle": drop the middle name.
      size_t comma = name.find(',');
      std::vector<std::string> given = Split(name.substr(comma + 1));
      if (given.size() < 2) return false;
      given.erase(given.begin() + static_cast<ptrdiff_t>(1 + Pick(rng, given.size() - 1)));
      *out = name.substr(0, comma + 1) + " " + Join(given);
      return true;
    }
    // A middle word of an organisation's name ("BANK MELLI IRAN" -> "BANK IRAN").
    std::vector<size_t> w = ContentWords(t, 4);
    if (w.size() < 3) return false;
    t.erase(t.begin() + static_cast<ptrdiff_t>(w[1 + Pick(rng, w.size() - 2)]));
    *out = Join(t);
    return true;
  }
  if (kind == "last-first") {
    size_t comma = name.find(',');
    if (e.type != PartyType::kIndividual || comma == std::string::npos ||
        name.find(',', comma + 1) != std::string::npos) {
      return false;
    }
    *out = name.substr(comma + 1) + " " + name.substr(0, comma);
    while (!out->empty() && out->front() == ' ') out->erase(0, 1);
    return true;
  }
  return false;
}

}  // namespace variants_internal

// `count` labelled positives from the entries listed on `as_of`, deterministic for `seed`.
inline std::vector<LabelledQuery> GeneratePositives(const std::vector<ListEntry>& entries,
                                                    size_t count, uint64_t seed, Date as_of) {
  using namespace variants_internal;
  std::vector<LabelledQuery> out;
  if (entries.empty()) return out;
  Rng rng(seed);
  int total = 0;
  for (const auto& k : kVariantKinds) total += k.share;
  while (out.size() < count) {
    int roll = static_cast<int>(Pick(rng, static_cast<size_t>(total)));
    const VariantKind* kind = &kVariantKinds[0];
    for (const auto& k : kVariantKinds) {
      if (roll < k.share) {
        kind = &k;
        break;
      }
      roll -= k.share;
    }
    for (int attempt = 0; attempt < 200; ++attempt) {
      size_t e = Pick(rng, entries.size());
      if (!entries[e].ListedOn(as_of)) continue;
      std::string q;
      if (MakeVariant(rng, entries[e], kind->name, &q)) {
        out.push_back({std::move(q), e, kind->name});
        break;
      }
    }
  }
  return out;
}

}  // namespace chokepoint::screen_eval
