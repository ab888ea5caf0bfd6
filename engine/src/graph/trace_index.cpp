#include "graph/trace_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace chokepoint::graph {

namespace {

constexpr uint8_t kFar = UINT8_MAX;

float RoundUp(double x) {
  const float f = static_cast<float>(x);
  return static_cast<double>(f) >= x ? f
                                     : std::nextafter(f, std::numeric_limits<float>::infinity());
}

}  // namespace

double HopWeight(const PartyGraph::Impl& g, const LinkRec& l, bool reverse,
                 const RelationWeights& w) {
  const RelationWeight& rw = w[static_cast<size_t>(l.relation)];
  double weight = reverse ? rw.reverse : rw.forward;
  if (l.relation == Relation::kOwns) {
    if (l.share == kNone) {
      weight *= 0.75;
    } else {
      const Rational& f = g.net.shares[l.share];
      weight *= 0.5 + static_cast<double>(f.numerator()) / static_cast<double>(f.denominator()) / 2;
    }
  }
  return std::min(weight, 1.0);
}

TraceIndex::TraceIndex(const PartyGraph::Impl& g, const RelationWeights& weights, int max_hops)
    : weights_(weights), max_hops_(max_hops) {
  const size_t n = g.net.parties.size();
  const size_t k = static_cast<size_t>(std::max(max_hops, 0));
  // Fewest hops to a listed party and the strongest path of at most K hops to one, by K rounds of
  // relaxation backwards from the listed parties. A step from u to x is an out-link u→x walked
  // forward or an in-link x→u walked in reverse, so from x it is found on x's in-links (forward)
  // and out-links (reverse). A round reads only the previous round's values.
  std::vector<uint8_t> distance(n, kFar);
  std::vector<double> best(n, 0.0);
  std::vector<uint32_t> frontier, next;
  for (uint32_t v = 0; v < n; ++v) {
    if (!g.listed[v]) continue;
    distance[v] = 0;
    best[v] = 1.0;
    frontier.push_back(v);
  }
  for (int round = 1; round <= max_hops && !frontier.empty(); ++round) {
    next.clear();
    std::vector<double> updated = best;
    auto step = [&](uint32_t u, uint32_t x, const LinkRec& l, bool reverse) {
      const double w = HopWeight(g, l, reverse, weights);
      if (w <= 0) return;
      if (distance[u] == kFar) distance[u] = static_cast<uint8_t>(round);
      const double cand = w * best[x];
      if (cand > updated[u]) {
        if (updated[u] == best[u]) next.push_back(u);
        updated[u] = cand;
      }
    };
    for (uint32_t x : frontier) {
      for (auto e : boost::make_iterator_range(boost::in_edges(x, g.csr))) {
        step(static_cast<uint32_t>(boost::source(e, g.csr)), x, g.link(g.csr[e]), false);
      }
      for (auto e : boost::make_iterator_range(boost::out_edges(x, g.csr))) {
        step(static_cast<uint32_t>(boost::target(e, g.csr)), x, g.link(g.csr[e]), true);
      }
    }
    best.swap(updated);
    frontier.swap(next);
  }

  // The steps worth taking: towards a party that a later round can still lead to a listed one.
  offsets_.reserve(n * k + 1);
  offsets_.push_back(0);
  std::vector<std::pair<uint8_t, TraceStep>> mine;
  for (uint32_t u = 0; u < n && k > 0; ++u) {
    mine.clear();
    auto add = [&](uint32_t v, uint32_t li, bool reverse) {
      if (distance[v] >= k) return;
      const double w = HopWeight(g, g.link(li), reverse, weights);
      if (w <= 0) return;
      mine.push_back({distance[v], TraceStep{v, li | (reverse ? TraceStep::kReverseBit : 0u),
                                             RoundUp(w * best[v])}});
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(u, g.csr))) {
      add(static_cast<uint32_t>(boost::target(e, g.csr)), g.csr[e], false);
    }
    for (auto e : boost::make_iterator_range(boost::in_edges(u, g.csr))) {
      add(static_cast<uint32_t>(boost::source(e, g.csr)), g.csr[e], true);
    }
    // Strongest first within a distance; the rest of the key makes the order (and so which of
    // two equally strong paths a trace reports) independent of how the sort breaks ties.
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      if (a.second.bound != b.second.bound) return a.second.bound > b.second.bound;
      if (a.second.to != b.second.to) return a.second.to < b.second.to;
      return a.second.link < b.second.link;
    });
    size_t i = 0;
    for (size_t d = 0; d < k; ++d) {
      for (; i < mine.size() && mine[i].first == d; ++i) steps_.push_back(mine[i].second);
      offsets_.push_back(static_cast<uint32_t>(steps_.size()));
    }
  }
  steps_.shrink_to_fit();
}

}  // namespace chokepoint::graph
