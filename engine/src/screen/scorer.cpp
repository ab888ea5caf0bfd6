#include "screen/scorer.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>

namespace chokepoint::screen {
namespace {

enum class How : uint8_t { kExact, kTypo, kPrefix, kInitial, kJoined };

const char* HowName(How how) {
  switch (how) {
    case How::kExact:
      return "exact";
    case How::kTypo:
      return "typo";
    case How::kPrefix:
      return "prefix";
    case How::kInitial:
      return "initial";
    case How::kJoined:
      return "joined";
  }
  return "exact";
}

struct Pair {
  float sim;
  float weight;
  uint32_t qmask;
  uint64_t nmask;
  How how;
  uint8_t q_first, q_span;  // query tokens [q_first, q_first + q_span) in query order
  uint8_t n_order;          // which name order the span follows (0 as scored, 1 as published)
  uint8_t n_first, n_span;  // name positions within that order
};

struct Similarity {
  double sim = 0;
  How how = How::kExact;
  float weight = 0;
};

Similarity TokenSimilarity(const ScoringToken& q, const ScoringToken& n, bool initials) {
  Similarity out;
  const std::string_view a = q.text, b = n.text;
  if (a == b) return {1.0, How::kExact, n.weight};
  if (a.size() == 1 || b.size() == 1) {
    if (initials && a[0] == b[0] && !q.exact_only && !n.exact_only) {
      return {kInitialSimilarity, How::kInitial, kInitialWeight};
    }
    return out;
  }
  if (q.exact_only || n.exact_only) return out;
  const size_t la = a.size(), lb = b.size();
  const int allowed = TypoBudget(la, lb);
  const size_t diff = la > lb ? la - lb : lb - la;
  if (allowed > 0 && diff <= static_cast<size_t>(allowed)) {
    int d = BoundedEditDistance(a, b, allowed);
    if (d <= allowed) {
      double sim = 1.0 - static_cast<double>(d) / static_cast<double>(std::max(la, lb));
      if (a[0] != b[0]) sim -= kFirstLetterTypoPenalty;
      out = {sim, How::kTypo, n.weight};
    }
  }
  // A truncated query word ("alex" for "alexander") is weaker evidence than a typo.
  if (la >= 4 && lb >= la + 2 && b.compare(0, la, a) == 0) {
    double sim = 0.5 + 0.3 * static_cast<double>(la) / static_cast<double>(lb);
    if (sim > out.sim) out = {sim, How::kPrefix, n.weight};
  }
  return out;
}

// Positions of a token sequence in scoring order and, for a reordered name, in published order.
struct Orders {
  std::array<std::array<uint8_t, 64>, 2> pos;
  int count = 1;
  size_t size = 0;
};

void MakeOrders(const ScoringName& name, Orders* orders) {
  orders->size = name.size;
  for (size_t i = 0; i < name.size; ++i) orders->pos[0][i] = static_cast<uint8_t>(i);
  orders->count = 1;
  if (name.reordered && name.first_count > 0 && name.first_count < name.size) {
    size_t k = 0;
    for (size_t i = name.first_count; i < name.size; ++i)
      orders->pos[1][k++] = static_cast<uint8_t>(i);
    for (size_t i = 0; i < name.first_count; ++i) orders->pos[1][k++] = static_cast<uint8_t>(i);
    orders->count = 2;
  }
}

// Whether `whole` is the concatenation of tokens[pos[first]] .. tokens[pos[first + span - 1]].
bool IsConcatenation(std::string_view whole, const ScoringToken* tokens, const uint8_t* pos,
                     size_t first, size_t span) {
  size_t total = 0;
  for (size_t k = 0; k < span; ++k) total += tokens[pos[first + k]].text.size();
  if (total != whole.size()) return false;
  size_t offset = 0;
  for (size_t k = 0; k < span; ++k) {
    std::string_view part = tokens[pos[first + k]].text;
    if (whole.compare(offset, part.size(), part) != 0) return false;
    offset += part.size();
  }
  return true;
}

}  // namespace

int BoundedEditDistance(std::string_view a, std::string_view b, int max_edits) {
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > max_edits) return max_edits + 1;
  if (la > 62 || lb > 62) return a == b ? 0 : max_edits + 1;
  std::array<int, 64> prev2{}, prev{}, cur{};
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_edits) return max_edits + 1;
    prev2 = prev;
    prev = cur;
  }
  return std::min(prev[lb], max_edits + 1);
}

double AlignScore(const ScoringName& query, const ScoringName& name,
                  std::vector<TokenMatch>* explain) {
  const size_t nq = std::min<size_t>(query.size, 32), nn = std::min<size_t>(name.size, 64);
  if (nq == 0 || nn == 0) return 0;
  thread_local std::vector<Pair> pairs;
  pairs.clear();
  for (size_t i = 0; i < nq; ++i) {
    for (size_t j = 0; j < nn; ++j) {
      Similarity s = TokenSimilarity(query.tokens[i], name.tokens[j], name.initials);
      if (s.sim <= 0) continue;
      pairs.push_back({static_cast<float>(s.sim), s.weight, 1u << i, uint64_t{1} << j, s.how,
                       static_cast<uint8_t>(i), 1, 0, static_cast<uint8_t>(j), 1});
    }
  }
  // Joined and split words ("hua wei" / "huawei", "bashir ud din" / "bashiruddin"): exact only.
  Orders qo, no;
  MakeOrders({query.tokens, nq, query.first_count, query.reordered, true}, &qo);
  MakeOrders({name.tokens, nn, name.first_count, name.reordered, true}, &no);
  for (int o = 0; o < qo.count; ++o) {
    for (size_t span = 2; span <= 3; ++span) {
      for (size_t f = 0; f + span <= nq; ++f) {
        for (size_t j = 0; j < nn; ++j) {
          if (!IsConcatenation(name.tokens[j].text, query.tokens, qo.pos[o].data(), f, span)) {
            continue;
          }
          uint32_t qmask = 0;
          for (size_t k = 0; k < span; ++k) qmask |= 1u << qo.pos[o][f + k];
          pairs.push_back({static_cast<float>(kJoinedSimilarity), name.tokens[j].weight, qmask,
                           uint64_t{1} << j, How::kJoined, qo.pos[o][f], static_cast<uint8_t>(span),
                           0, static_cast<uint8_t>(j), 1});
        }
      }
    }
  }
  for (int o = 0; o < no.count; ++o) {
    for (size_t span = 2; span <= 3; ++span) {
      for (size_t f = 0; f + span <= nn; ++f) {
        for (size_t i = 0; i < nq; ++i) {
          if (!IsConcatenation(query.tokens[i].text, name.tokens, no.pos[o].data(), f, span)) {
            continue;
          }
          uint64_t nmask = 0;
          float weight = 0;
          for (size_t k = 0; k < span; ++k) {
            nmask |= uint64_t{1} << no.pos[o][f + k];
            weight += name.tokens[no.pos[o][f + k]].weight;
          }
          pairs.push_back({static_cast<float>(kJoinedSimilarity), weight, 1u << i, nmask,
                           How::kJoined, static_cast<uint8_t>(i), 1, static_cast<uint8_t>(o),
                           static_cast<uint8_t>(f), static_cast<uint8_t>(span)});
        }
      }
    }
  }
  // Greedy one-to-one assignment, best similarity first (as Watchman's BestPairs), so a typo
  // pair never takes a token an exact pair needs.
  std::stable_sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    return x.weight > y.weight;
  });
  uint32_t qused = 0;
  uint64_t nused = 0;
  double matched = 0, matched_weight = 0;
  bool only_initials = true;
  thread_local std::vector<const Pair*> chosen;
  chosen.clear();
  for (const Pair& p : pairs) {
    if ((p.qmask & qused) || (p.nmask & nused)) continue;
    qused |= p.qmask;
    nused |= p.nmask;
    matched += p.sim * p.weight;
    matched_weight += p.weight;
    only_initials = only_initials && p.how == How::kInitial;
    chosen.push_back(&p);
  }
  if (only_initials && explain == nullptr) return 0;  // "J." alone identifies nobody
  double query_miss = 0, name_miss = 0;
  for (size_t i = 0; i < nq; ++i) {
    if (!(qused & (1u << i))) query_miss += query.tokens[i].weight;
  }
  double name_miss_cost = 0;
  for (size_t j = 0; j < nn; ++j) {
    if (nused & (uint64_t{1} << j)) continue;
    name_miss += name.tokens[j].weight;
    // The ends of a name, or for "LAST, First Middle" its first surname and first given name.
    const bool edge = name.reordered ? j == 0 || j == name.first_count : j == 0 || j + 1 == nn;
    name_miss_cost += name.tokens[j].weight * (edge ? kNameEdgeMissWeight : kNameMissWeight);
  }
  for (size_t j = nn; j < name.size; ++j) name_miss += name.tokens[j].weight;
  const double denominator = matched_weight + kQueryMissWeight * query_miss + name_miss_cost;
  const double score = denominator > 0 && !only_initials ? matched / denominator : 0;
  if (explain == nullptr) return score;

  const double total = matched_weight + query_miss + name_miss;
  auto share = [&](double w) { return total > 0 ? w / total : 0; };
  for (size_t i = 0; i < nq; ++i) {
    TokenMatch m;
    m.query_token = std::string(query.tokens[i].text);
    const Pair* hit = nullptr;
    for (const Pair* p : chosen) {
      if (p->qmask & (1u << i)) hit = p;
    }
    if (hit == nullptr) {
      m.how = "unmatched";
      m.weight = share(query.tokens[i].weight);
    } else {
      const uint8_t* pos = no.pos[hit->n_order].data();
      for (size_t k = 0; k < hit->n_span; ++k) {
        if (k) m.list_token += ' ';
        m.list_token += name.tokens[hit->n_span == 1 ? hit->n_first : pos[hit->n_first + k]].text;
      }
      m.how = HowName(hit->how);
      m.similarity = hit->sim;
      m.weight = share(hit->weight / hit->q_span);
    }
    explain->push_back(std::move(m));
  }
  for (size_t j = 0; j < nn; ++j) {
    if (nused & (uint64_t{1} << j)) continue;
    TokenMatch m;
    m.list_token = std::string(name.tokens[j].text);
    m.how = "not in query";
    m.weight = share(name.tokens[j].weight);
    explain->push_back(std::move(m));
  }
  return score;
}

}  // namespace chokepoint::screen
