// Candidate generation: the list tokens each query token could be paired with, an upper bound of
// each touched name's score (see the comment at the top of screening_index.cpp), and MaxScore-style
// pruning: once no name the remaining query tokens alone could reach can pass, the postings of
// those (common) tokens are not walked; the names already touched are checked directly instead.
#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "screen/index_impl.h"
#include "screen/normalizer.h"
#include "screen/scorer.h"

namespace chokepoint {
namespace {

using screen::ScoringName;
using screen::ScoringToken;

// A list token a query unit may pair with: walking `token`'s postings finds every name where the
// pair is possible, at most `weight` each (for a split, the rarest part and the parts' sum).
struct Expansion {
  uint32_t token;
  float weight;
  bool initial;  // a single letter in a list name: alone, it makes no match
};

// A query token, or a run of them joined, and its expansions [begin, end).
struct Unit {
  uint32_t mask;
  float max_weight;
  uint32_t begin, end;
};

// Per name: the weight accumulated so far, the best weight of the unit being added, the query
// tokens covered. `epoch` marks which query the slot belongs to, so nothing is cleared per query.
struct Slot {
  float total;
  float unit_best;
  uint32_t mask;
  uint32_t unit;
  uint32_t epoch;
};

struct Scratch {
  std::vector<Slot> slots;
  std::vector<uint32_t> by_cost, unit_of;
  std::vector<float> skipped_max;
  std::vector<char> skipped;
  std::vector<size_t> order;
  std::vector<uint32_t> token_stamp;  // per vocabulary token: the unit stamp of token_weight
  std::vector<float> token_weight;
  uint32_t unit_stamp = 0;
  std::vector<uint32_t> touched;
  std::vector<uint32_t> ids;
  std::vector<Expansion> expansions;
  std::vector<Unit> units;
  std::string buf;
  uint32_t epoch = 0;
};

class UnitBuilder {
 public:
  UnitBuilder(const ScreeningIndex::Impl& impl, Scratch* s) : impl_(impl), s_(*s) {
    s_.expansions.clear();
    s_.units.clear();
  }
  void Begin(uint32_t mask) {
    s_.units.push_back({mask, 0, static_cast<uint32_t>(s_.expansions.size()), 0});
  }
  void Add(uint32_t token, float w, bool initial = false) {
    s_.expansions.push_back({token, w, initial});
    s_.units.back().max_weight = std::max(s_.units.back().max_weight, w);
  }
  void AddParts(const uint32_t* parts, size_t n) {
    float w = 0;
    uint32_t rarest = parts[0];
    for (size_t k = 0; k < n; ++k) {
      w += impl_.weight[parts[k]];
      if (PostingSize(parts[k]) < PostingSize(rarest)) rarest = parts[k];
    }
    Add(rarest, w);
  }
  void End() {
    Unit& u = s_.units.back();
    u.end = static_cast<uint32_t>(s_.expansions.size());
    if (u.begin == u.end) s_.units.pop_back();
  }

 private:
  uint32_t PostingSize(uint32_t t) const {
    return impl_.posting_offsets[t + 1] - impl_.posting_offsets[t];
  }
  const ScreeningIndex::Impl& impl_;
  Scratch& s_;
};

void Update(Slot& slot, uint32_t unit, uint32_t mask, float w) {
  if (slot.unit == unit) {
    if (w > slot.unit_best) {
      slot.total += w - slot.unit_best;
      slot.unit_best = w;
    }
    return;
  }
  slot.total += w;
  slot.unit_best = w;
  slot.unit = unit;
  slot.mask |= mask;
}

}  // namespace

void ScreeningIndex::Impl::TypoNeighbours(std::string_view token,
                                          std::vector<uint32_t>* out) const {
  out->clear();
  screen::ForEachDeletion(token, screen::MaxEdits(token.size()), [&](uint64_t h) {
    ForEachDeletionMatch(h, [&](uint32_t id) { out->push_back(id); });
  });
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  size_t kept = 0;
  for (uint32_t id : *out) {
    const std::string& v = vocab[id];
    const int allowed = screen::TypoBudget(token.size(), v.size());
    if (v != token && allowed > 0 && screen::BoundedEditDistance(token, v, allowed) <= allowed) {
      (*out)[kept++] = id;
    }
  }
  out->resize(kept);
}

void ScreeningIndex::Impl::Candidates(const ScoringName& query, double min_bound,
                                      std::vector<Candidate>* out) const {
  out->clear();
  thread_local Scratch scratch;
  Scratch& s = scratch;
  if (s.slots.size() < names.size()) s.slots.resize(names.size(), Slot{});
  if (++s.epoch == 0) {
    for (Slot& slot : s.slots) slot.epoch = 0;
    s.epoch = 1;
  }
  s.touched.clear();
  const size_t nq = std::min(query.size, screen::kMaxQueryTokens);
  uint32_t initial_mask = 0;
  float initial_weight = 0;
  UnitBuilder units(*this, &s);

  for (size_t i = 0; i < nq; ++i) {
    const ScoringToken& q = query.tokens[i];
    const std::string_view text = q.text;
    const size_t len = text.size();
    if (len == 1 && !q.exact_only) {
      // An initial pairs with any list word of its letter at a fixed small weight: counted as
      // covered everywhere instead of walking every such word's postings.
      initial_mask |= 1u << i;
      initial_weight += screen::kInitialWeight;
      continue;
    }
    units.Begin(1u << i);
    const int32_t exact = VocabId(text);
    if (exact >= 0) units.Add(static_cast<uint32_t>(exact), weight[static_cast<size_t>(exact)]);
    if (!q.exact_only) {
      if (len >= 4) {  // typos: precomputed for list words, else through the dictionary
        if (exact >= 0) {
          const size_t t = static_cast<size_t>(exact);
          for (uint32_t k = neighbour_offsets[t]; k < neighbour_offsets[t + 1]; ++k) {
            units.Add(neighbours[k], weight[neighbours[k]]);
          }
        } else {
          TypoNeighbours(text, &s.ids);
          for (uint32_t id : s.ids) units.Add(id, weight[id]);
        }
        // Truncated words: list words that start with this one and are at least 2 longer.
        auto it =
            std::lower_bound(vocab_by_text.begin(), vocab_by_text.end(), text,
                             [&](uint32_t id, std::string_view key) { return vocab[id] < key; });
        for (; it != vocab_by_text.end() && vocab[*it].compare(0, len, text) == 0; ++it) {
          if (vocab[*it].size() >= len + 2) units.Add(*it, weight[*it]);
        }
      }
      // "j" in a list name: the token is the letter itself, walked over initial_names.
      if (!screen::HasDigit(text.substr(0, 1))) {
        units.Add(static_cast<unsigned char>(text[0]), screen::kInitialWeight, true);
      }
    }
    // Split: "huawei" against "hua wei", "bashiruddin" against "bashir ud din".
    for (size_t p1 = 1; p1 < len; ++p1) {
      const int32_t left = VocabId(text.substr(0, p1));
      if (left < 0) continue;
      const int32_t right = VocabId(text.substr(p1));
      if (right >= 0) {
        uint32_t parts[2] = {static_cast<uint32_t>(left), static_cast<uint32_t>(right)};
        units.AddParts(parts, 2);
      }
      for (size_t p2 = p1 + 1; p2 < len; ++p2) {
        const int32_t mid = VocabId(text.substr(p1, p2 - p1));
        if (mid < 0) continue;
        const int32_t last = VocabId(text.substr(p2));
        if (last < 0) continue;
        uint32_t parts[3] = {static_cast<uint32_t>(left), static_cast<uint32_t>(mid),
                             static_cast<uint32_t>(last)};
        units.AddParts(parts, 3);
      }
    }
    units.End();
  }

  // Joined: "hua wei" against "huawei", in scoring order and, for "LAST, First", published order.
  std::vector<size_t>& order = s.order;
  order.resize(nq);
  for (int o = 0; o < (query.reordered ? 2 : 1); ++o) {
    for (size_t k = 0; k < nq; ++k) order[k] = o == 0 ? k : (query.first_count + k) % nq;
    for (size_t span = 2; span <= 3; ++span) {
      for (size_t f = 0; f + span <= nq; ++f) {
        s.buf.clear();
        uint32_t mask = 0;
        for (size_t k = 0; k < span; ++k) {
          s.buf += query.tokens[order[f + k]].text;
          mask |= 1u << order[f + k];
        }
        const int32_t id = VocabId(s.buf);
        if (id < 0) continue;
        units.Begin(mask);
        units.Add(static_cast<uint32_t>(id), weight[static_cast<size_t>(id)]);
        units.End();
      }
    }
  }

  // Which expansions must walk their postings. A name touched by none of them holds only skipped
  // ones, so its bound is at most that of the skipped set; while that fails, an expansion may be
  // skipped ("smith" when the query also has "james": a name with "smith" alone cannot pass).
  // The costliest (longest postings) go first; skipped ones are then looked for only in the
  // names the walked ones touched.
  const std::vector<Unit>& us = s.units;
  std::vector<Expansion>& ex = s.expansions;
  std::vector<float>& skipped_max = s.skipped_max;
  skipped_max.assign(us.size(), 0);
  auto bound_with = [&](size_t unit, float w) {
    float a = initial_weight;
    uint32_t covered = initial_mask;
    for (size_t k = 0; k < us.size(); ++k) {
      const float m = k == unit ? std::max(skipped_max[k], w) : skipped_max[k];
      if (m > 0) {
        a += m;
        covered |= us[k].mask;
      }
    }
    float missing = 0;
    for (size_t i = 0; i < nq; ++i) {
      if (!(covered & (1u << i))) missing += query.tokens[i].weight;
    }
    return a / (a + static_cast<float>(screen::kQueryMissWeight) * missing);
  };
  std::vector<uint32_t>& by_cost = s.by_cost;
  std::vector<uint32_t>& unit_of = s.unit_of;
  by_cost.resize(ex.size());
  unit_of.resize(ex.size());
  for (uint32_t k = 0; k < us.size(); ++k) {
    for (uint32_t e = us[k].begin; e < us[k].end; ++e) unit_of[e] = k;
  }
  for (uint32_t e = 0; e < ex.size(); ++e) by_cost[e] = e;
  auto cost = [&](uint32_t e) {
    return ex[e].initial ? 0 : posting_offsets[ex[e].token + 1] - posting_offsets[ex[e].token];
  };
  std::sort(by_cost.begin(), by_cost.end(),
            [&](uint32_t a, uint32_t b) { return cost(a) != cost(b) ? cost(a) > cost(b) : a < b; });
  // Initials are always walked: few people's names hold one.
  std::vector<char>& skipped = s.skipped;
  skipped.assign(ex.size(), 0);
  for (uint32_t e : by_cost) {
    if (ex[e].initial) continue;
    if (bound_with(unit_of[e], ex[e].weight) + 1e-4f < min_bound) {
      skipped[e] = 1;
      skipped_max[unit_of[e]] = std::max(skipped_max[unit_of[e]], ex[e].weight);
    }
  }

  const uint32_t epoch = s.epoch;
  for (uint32_t u = 0; u < us.size(); ++u) {
    for (uint32_t e = us[u].begin; e < us[u].end; ++e) {
      if (skipped[e]) continue;
      const float w = ex[e].weight;
      const uint32_t t = ex[e].token;
      const std::vector<uint32_t>& list = ex[e].initial ? initial_names : postings;
      const uint32_t first = ex[e].initial ? initial_offsets[t] : posting_offsets[t];
      const uint32_t last = ex[e].initial ? initial_offsets[t + 1] : posting_offsets[t + 1];
      for (uint32_t p = first; p < last; ++p) {
        Slot& slot = s.slots[list[p]];
        if (slot.epoch != epoch) {
          slot = {w, w, us[u].mask, u, epoch};
          s.touched.push_back(list[p]);
        } else {
          Update(slot, u, us[u].mask, w);
        }
      }
    }
  }
  if (s.token_stamp.size() < vocab.size()) {
    s.token_stamp.assign(vocab.size(), 0);
    s.token_weight.assign(vocab.size(), 0);
  }
  for (uint32_t u = 0; u < us.size(); ++u) {
    if (skipped_max[u] == 0) continue;
    if (++s.unit_stamp == 0) {
      std::fill(s.token_stamp.begin(), s.token_stamp.end(), 0);
      s.unit_stamp = 1;
    }
    for (uint32_t e = us[u].begin; e < us[u].end; ++e) {
      if (!skipped[e]) continue;
      const uint32_t t = ex[e].token;
      if (s.token_stamp[t] != s.unit_stamp) {
        s.token_stamp[t] = s.unit_stamp;
        s.token_weight[t] = 0;
      }
      s.token_weight[t] = std::max(s.token_weight[t], ex[e].weight);
    }
    for (uint32_t n : s.touched) {
      const screen::NameRecord& rec = names[n];
      float best = 0;
      for (uint32_t k = 0; k < rec.token_count; ++k) {
        const uint32_t t = name_tokens[rec.token_begin + k];
        if (s.token_stamp[t] == s.unit_stamp) best = std::max(best, s.token_weight[t]);
      }
      // Adding in full is safe: the walked part of this unit may be counted twice, never missed.
      if (best > 0) {
        Slot& slot = s.slots[n];
        slot.total += best;
        slot.mask |= us[u].mask;
        slot.unit = UINT32_MAX;
      }
    }
  }
  for (uint32_t n : s.touched) {
    const Slot& slot = s.slots[n];
    const uint32_t covered = slot.mask | initial_mask;
    float missing = 0;
    for (size_t i = 0; i < nq; ++i) {
      if (!(covered & (1u << i))) missing += query.tokens[i].weight;
    }
    const float a = slot.total + initial_weight;
    const float bound = a / (a + static_cast<float>(screen::kQueryMissWeight) * missing);
    // The slack covers float rounding against the scorer's double arithmetic.
    if (bound + 1e-4f >= min_bound) out->push_back({bound, n});
  }
  std::sort(out->begin(), out->end(), [](const Candidate& x, const Candidate& y) {
    return x.bound != y.bound ? x.bound > y.bound : x.name < y.name;
  });
}

}  // namespace chokepoint
