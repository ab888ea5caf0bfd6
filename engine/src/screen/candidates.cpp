// Candidate generation: the list tokens each query token could be paired with, an upper bound of
// each touched name's score (see the comment at the top of screening_index.cpp), and MaxScore-style
// pruning: once no name the remaining query tokens alone could reach can pass, the postings of
// those (common) tokens are not walked; the names already touched are checked directly instead.
#include <algorithm>
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
  void Add(uint32_t token, float w) {
    s_.expansions.push_back({token, w});
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
        auto it = std::lower_bound(
            vocab_by_text.begin(), vocab_by_text.end(), text,
            [&](uint32_t id, std::string_view key) { return vocab[id] < key; });
        for (; it != vocab_by_text.end() && vocab[*it].compare(0, len, text) == 0; ++it) {
          if (vocab[*it].size() >= len + 2) units.Add(*it, weight[*it]);
        }
      }
      const int32_t initial = VocabId(text.substr(0, 1));  // "j" in a list name
      if (initial >= 0 && !screen::HasDigit(text.substr(0, 1))) {
        units.Add(static_cast<uint32_t>(initial), screen::kInitialWeight);
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
  std::vector<size_t> order(nq);
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

  // Which units must walk their postings: a name can pass only if the units it holds could
  // pass on their own, so any set of units that cannot ("smith" without "james") may skip new
  // names. The costliest such set (by postings) is skipped; the rest touch the names.
  std::vector<Unit>& us = s.units;
  std::vector<char> skipped(us.size(), 0);
  auto skipped_bound = [&](size_t also) {  // the bound of the skipped units, plus unit `also`
    float a = initial_weight;
    uint32_t covered = initial_mask;
    for (size_t k = 0; k < us.size(); ++k) {
      if (skipped[k] || k == also) {
        a += us[k].max_weight;
        covered |= us[k].mask;
      }
    }
    float missing = 0;
    for (size_t i = 0; i < nq; ++i) {
      if (!(covered & (1u << i))) missing += query.tokens[i].weight;
    }
    return a / (a + static_cast<float>(screen::kQueryMissWeight) * missing);
  };
  std::vector<uint64_t> cost(us.size(), 0);
  for (size_t k = 0; k < us.size(); ++k) {
    for (uint32_t e = us[k].begin; e < us[k].end; ++e) {
      const uint32_t t = s.expansions[e].token;
      cost[k] += posting_offsets[t + 1] - posting_offsets[t];
    }
  }
  if (us.size() <= 10) {  // every subset: skip the costliest one that cannot pass alone
    uint64_t best_cost = 0;
    uint32_t best = 0;
    for (uint32_t set = 1; set < (1u << us.size()); ++set) {
      uint64_t c = 0;
      for (size_t k = 0; k < us.size(); ++k) {
        skipped[k] = (set >> k) & 1;
        c += skipped[k] ? cost[k] : 0;
      }
      if (c > best_cost && skipped_bound(us.size()) + 1e-4f < min_bound) {
        best_cost = c;
        best = set;
      }
    }
    for (size_t k = 0; k < us.size(); ++k) skipped[k] = (best >> k) & 1;
  } else {  // long queries: skip the costliest units greedily while the skipped set fails
    std::vector<size_t> by_cost(us.size());
    for (size_t k = 0; k < us.size(); ++k) by_cost[k] = k;
    std::sort(by_cost.begin(), by_cost.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
    for (size_t k : by_cost) {
      if (skipped_bound(k) + 1e-4f < min_bound) skipped[k] = 1;
    }
  }
  // Walked units first; the skipped ones then look only at the names already touched.
  std::vector<Unit> ordered;
  ordered.reserve(us.size());
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < us.size(); ++k) {
      if (skipped[k] == pass) ordered.push_back(us[k]);
    }
  }
  const size_t essential =
      us.size() - static_cast<size_t>(std::count(skipped.begin(), skipped.end(), 1));
  us.swap(ordered);

  const uint32_t epoch = s.epoch;
  for (uint32_t u = 0; u < us.size(); ++u) {
    const Unit& unit = us[u];
    if (u < essential) {
      for (uint32_t e = unit.begin; e < unit.end; ++e) {
        const float w = s.expansions[e].weight;
        const uint32_t t = s.expansions[e].token;
        for (uint32_t p = posting_offsets[t]; p < posting_offsets[t + 1]; ++p) {
          Slot& slot = s.slots[postings[p]];
          if (slot.epoch != epoch) {
            slot = {w, w, unit.mask, u, epoch};
            s.touched.push_back(postings[p]);
          } else {
            Update(slot, u, unit.mask, w);
          }
        }
      }
      continue;
    }
    // Non-essential: look for the unit's tokens in the names already touched.
    if (s.token_stamp.size() < vocab.size()) {
      s.token_stamp.assign(vocab.size(), 0);
      s.token_weight.assign(vocab.size(), 0);
    }
    if (++s.unit_stamp == 0) {
      std::fill(s.token_stamp.begin(), s.token_stamp.end(), 0);
      s.unit_stamp = 1;
    }
    for (uint32_t e = unit.begin; e < unit.end; ++e) {
      const uint32_t t = s.expansions[e].token;
      if (s.token_stamp[t] != s.unit_stamp) {
        s.token_stamp[t] = s.unit_stamp;
        s.token_weight[t] = 0;
      }
      s.token_weight[t] = std::max(s.token_weight[t], s.expansions[e].weight);
    }
    for (uint32_t n : s.touched) {
      const screen::NameRecord& rec = names[n];
      float best = 0;
      for (uint32_t k = 0; k < rec.token_count; ++k) {
        const uint32_t t = name_tokens[rec.token_begin + k];
        if (s.token_stamp[t] == s.unit_stamp) best = std::max(best, s.token_weight[t]);
      }
      if (best > 0) Update(s.slots[n], u, unit.mask, best);
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
