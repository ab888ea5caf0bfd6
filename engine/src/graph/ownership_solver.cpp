#include "graph/ownership_solver.h"

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <cmath>
#include <optional>

#include "graph/boost_graph.h"

namespace chokepoint::graph {

namespace {

constexpr int kMaxRounds = 20000;
constexpr double kConverged = 1e-15;

// Gaussian elimination over exact fractions; false on a singular system or on overflow.
bool SolveExact(size_t m, std::vector<Rational> a, std::vector<Rational> b,
                std::vector<Rational>* x) {
  auto at = [&](size_t r, size_t c) -> Rational& { return a[r * m + c]; };
  // *acc -= p * q; false on overflow.
  auto sub_product = [](Rational* acc, const Rational& p, const Rational& q) {
    auto t = p.CheckedMul(q);
    auto d = t ? acc->CheckedSub(*t) : std::nullopt;
    if (!d) return false;
    *acc = *d;
    return true;
  };
  for (size_t col = 0; col < m; ++col) {
    size_t pivot = col;
    while (pivot < m && at(pivot, col).IsZero()) ++pivot;
    if (pivot == m) return false;
    if (pivot != col) {
      for (size_t k = 0; k < m; ++k) std::swap(at(pivot, k), at(col, k));
      std::swap(b[pivot], b[col]);
    }
    for (size_t r = col + 1; r < m; ++r) {
      if (at(r, col).IsZero()) continue;
      auto f = at(r, col).CheckedDiv(at(col, col));
      if (!f) return false;
      for (size_t k = col; k < m; ++k) {
        if (!sub_product(&at(r, k), *f, at(col, k))) return false;
      }
      if (!sub_product(&b[r], *f, b[col])) return false;
    }
  }
  x->assign(m, Rational(0));
  for (size_t i = m; i-- > 0;) {
    Rational acc = b[i];
    for (size_t k = i + 1; k < m; ++k) {
      if (!sub_product(&acc, at(i, k), (*x)[k])) return false;
    }
    auto xi = acc.CheckedDiv(at(i, i));
    if (!xi) return false;
    (*x)[i] = *xi;
    if ((*x)[i].IsNegative()) return false;  // not the walk sum: fall back to iteration
  }
  return true;
}

class Solver {
 public:
  Solver(const OwnProblem& p, OwnSolution* s) : p_(p), s_(*s), local_(p.nodes, kConstArc) {
    s_.low.assign(p.nodes, Amount::Zero());
    s_.high.assign(p.nodes, Amount::Zero());
    s_.in_cycle.assign(p.nodes, 0);
  }

  void Run() {
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    bool self_loop_any = false;
    for (uint32_t v = 0; v < p_.nodes; ++v) {
      for (uint32_t i = p_.offsets[v]; i < p_.offsets[v + 1]; ++i) {
        if (p_.arcs[i].from == kConstArc) continue;
        edges.emplace_back(p_.arcs[i].from, v);
        self_loop_any |= p_.arcs[i].from == v;
      }
    }
    std::vector<uint32_t> comp(p_.nodes, 0);
    size_t count = p_.nodes;
    if (!edges.empty()) {
      DirectedCsr dg(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), p_.nodes);
      count = boost::strong_components(
          dg, boost::make_iterator_property_map(comp.begin(), boost::get(boost::vertex_index, dg)));
    } else {
      for (uint32_t v = 0; v < p_.nodes; ++v) comp[v] = v;
    }
    // Tarjan numbers a component after every component it reaches, so owners (which reach what
    // they own) carry higher numbers: descending order puts every owner before what it owns.
    std::vector<uint32_t> start(count + 1, 0), order(p_.nodes);
    for (uint32_t v = 0; v < p_.nodes; ++v) ++start[comp[v] + 1];
    for (size_t c = 0; c < count; ++c) start[c + 1] += start[c];
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t v = 0; v < p_.nodes; ++v) order[fill[comp[v]]++] = v;
    for (size_t c = count; c-- > 0;) {
      const uint32_t* first = order.data() + start[c];
      const size_t m = start[c + 1] - start[c];
      if (m == 1 && !(self_loop_any && HasSelfLoop(*first))) {
        Eval(*first);
      } else {
        Cycle(first, m);
      }
    }
  }

 private:
  // One row of the component's share matrix: who inside the component holds part of node i.
  struct Cell {
    uint32_t col;
    Rational share;
  };
  using Rows = std::vector<std::vector<Cell>>;

  // Adds `share` to row[col]; false when the exact sum overflows (the caller then iterates).
  static bool AddTo(std::vector<Cell>* row, uint32_t col, const Rational& share) {
    for (Cell& c : *row) {
      if (c.col != col) continue;
      auto sum = c.share.CheckedAdd(share);
      if (!sum) return false;
      c.share = *sum;
      return true;
    }
    row->push_back({col, share});
    return true;
  }

  bool HasSelfLoop(uint32_t v) const {
    for (uint32_t i = p_.offsets[v]; i < p_.offsets[v + 1]; ++i) {
      if (p_.arcs[i].from == v) return true;
    }
    return false;
  }

  Amount G(const OwnArc& a, bool upper) const {
    if (a.from == kConstArc) return a.const_counts ? Amount::One() : Amount::Zero();
    return upper ? s_.high[a.from] : s_.low[a.from];
  }

  static Amount Headroom(const Amount& known_sum) {
    if (known_sum.exact) {
      auto h = Rational(1).CheckedSub(known_sum.f);
      if (h && !h->IsNegative()) return Amount::Exact(*h);
      return Amount::Zero();
    }
    double h = std::nextafter(1.0 - known_sum.d, 2.0);
    return Amount::Approx(h > 0 ? h : 0);
  }

  void NoteOver100(uint32_t v, const Amount& known_sum) {
    if (known_sum.exact ? known_sum.f > Rational(1) : known_sum.d > 1.0) {
      s_.over_100.push_back(v);
    }
  }

  void Eval(uint32_t v) {
    Amount low = Amount::Zero(), high = Amount::Zero(), known = Amount::Zero();
    Amount best_unknown = Amount::Zero();
    bool unknown = false;
    for (uint32_t i = p_.offsets[v]; i < p_.offsets[v + 1]; ++i) {
      const OwnArc& a = p_.arcs[i];
      if (!a.known) {
        unknown = true;
        best_unknown = Max(best_unknown, G(a, true), Round::kUp);
        continue;
      }
      const Amount share = Amount::Exact(a.share);
      low = Add(low, Mul(share, G(a, false), Round::kDown), Round::kDown);
      high = Add(high, Mul(share, G(a, true), Round::kUp), Round::kUp);
      known = Add(known, share, Round::kDown);
    }
    if (unknown) high = Add(high, Mul(Headroom(known), best_unknown, Round::kUp), Round::kUp);
    NoteOver100(v, known);
    s_.low[v] = low;
    s_.high[v] = high;
  }

  // One strongly connected component of m nodes.
  void Cycle(const uint32_t* nodes, size_t m) {
    ++s_.cycles;
    for (size_t i = 0; i < m; ++i) {
      local_[nodes[i]] = static_cast<uint32_t>(i);
      s_.in_cycle[nodes[i]] = 1;
    }
    // Per node: constant parts of the bounds and the in-component coefficients.
    std::vector<Amount> b_low(m, Amount::Zero()), b_known(m, Amount::Zero()), room(m);
    std::vector<Amount> best_ext(m, Amount::Zero());
    std::vector<uint8_t> unknown_ext(m, 0), unknown_in(m, 0);
    // Sparse: a component can hold a hundred thousand companies (a registry's cross-holdings),
    // and a dense m × m matrix of it would not fit in memory.
    Rows mat(m);
    bool exact = m <= kMaxExactCycle, any_unknown_in = false;
    for (size_t i = 0; i < m; ++i) {
      const uint32_t v = nodes[i];
      Amount known = Amount::Zero();
      for (uint32_t k = p_.offsets[v]; k < p_.offsets[v + 1]; ++k) {
        const OwnArc& a = p_.arcs[k];
        const bool inside = a.from != kConstArc && local_[a.from] != kConstArc;
        if (!a.known) {
          if (inside) {
            unknown_in[i] = 1;
            any_unknown_in = true;
          } else {
            unknown_ext[i] = 1;
            best_ext[i] = Max(best_ext[i], G(a, true), Round::kUp);
          }
          continue;
        }
        known = Add(known, Amount::Exact(a.share), Round::kDown);
        if (inside) {
          if (!AddTo(&mat[i], local_[a.from], a.share)) exact = false;
          continue;
        }
        const Amount share = Amount::Exact(a.share);
        b_low[i] = Add(b_low[i], Mul(share, G(a, false), Round::kDown), Round::kDown);
        b_known[i] = Add(b_known[i], Mul(share, G(a, true), Round::kUp), Round::kUp);
      }
      NoteOver100(v, known);
      room[i] = Headroom(known);
    }
    std::vector<Amount> b_high = b_known;
    for (size_t i = 0; i < m; ++i) {
      if (unknown_ext[i]) {
        b_high[i] = Add(b_high[i], Mul(room[i], best_ext[i], Round::kUp), Round::kUp);
      }
    }
    bool iterated = false;
    if (!TryExact(nodes, m, mat, b_low, exact, /*upper=*/false)) {
      IterateLow(nodes, m, mat, b_low);
      iterated = true;
    }
    if (any_unknown_in || !TryExact(nodes, m, mat, b_high, exact, /*upper=*/true)) {
      IterateHigh(nodes, m, mat, b_known, room, best_ext, unknown_ext, unknown_in);
      iterated = true;
    }
    if (iterated) ++s_.iterated;
    for (size_t i = 0; i < m; ++i) local_[nodes[i]] = kConstArc;
  }

  bool TryExact(const uint32_t* nodes, size_t m, const Rows& mat, const std::vector<Amount>& b,
                bool exact, bool upper) {
    if (!exact) return false;
    std::vector<Rational> a(m * m, Rational(0)), rhs(m), x;
    for (size_t i = 0; i < m; ++i) {
      if (!b[i].exact) return false;
      rhs[i] = b[i].f;
      a[i * m + i] = Rational(1);
      for (const Cell& c : mat[i]) {
        Rational& cell = a[i * m + c.col];
        auto d = cell.CheckedSub(c.share);
        if (!d) return false;
        cell = *d;
      }
    }
    if (!SolveExact(m, std::move(a), std::move(rhs), &x)) return false;
    for (size_t i = 0; i < m; ++i) (upper ? s_.high : s_.low)[nodes[i]] = Amount::Exact(x[i]);
    return true;
  }

  // x ← b + M x from x = 0, rounding down: increasing, and never above the least solution.
  void IterateLow(const uint32_t* nodes, size_t m, const Rows& mat, const std::vector<Amount>& b) {
    std::vector<double> x(m, 0.0), next(m);
    for (int round = 0; round < kMaxRounds; ++round) {
      double change = 0;
      for (size_t i = 0; i < m; ++i) {
        double v = b[i].AsDouble(Round::kDown);
        for (const Cell& c : mat[i]) {
          v = std::nextafter(v + std::nextafter(ToDoubleDown(c.share) * x[c.col], 0.0), 0.0);
        }
        next[i] = std::max(v, x[i]);
        change = std::max(change, next[i] - x[i]);
      }
      x.swap(next);
      if (change < kConverged) break;
    }
    for (size_t i = 0; i < m; ++i) s_.low[nodes[i]] = Amount::Approx(x[i]);
  }

  // The same from x = 1, rounding up: decreasing, never below the solution (shares ≤ 100 %).
  // Unknown holders, inside or outside the cycle, share the headroom: all of it goes to the one
  // with the largest bound.
  void IterateHigh(const uint32_t* nodes, size_t m, const Rows& mat,
                   const std::vector<Amount>& b_known, const std::vector<Amount>& room,
                   const std::vector<Amount>& best_ext, const std::vector<uint8_t>& unknown_ext,
                   const std::vector<uint8_t>& unknown_in) {
    const double inf = HUGE_VAL;
    std::vector<double> x(m, 1.0), next(m);
    for (int round = 0; round < kMaxRounds; ++round) {
      double change = 0;
      for (size_t i = 0; i < m; ++i) {
        const uint32_t v = nodes[i];
        double val = b_known[i].AsDouble(Round::kUp);
        for (const Cell& c : mat[i]) {
          val = std::nextafter(val + std::nextafter(ToDoubleUp(c.share) * x[c.col], inf), inf);
        }
        if (unknown_ext[i] || unknown_in[i]) {
          double best = best_ext[i].AsDouble(Round::kUp);
          for (uint32_t k = p_.offsets[v]; k < p_.offsets[v + 1]; ++k) {
            const OwnArc& a = p_.arcs[k];
            if (a.known || a.from == kConstArc || local_[a.from] == kConstArc) continue;
            best = std::max(best, x[local_[a.from]]);
          }
          const double extra = std::nextafter(room[i].AsDouble(Round::kUp) * best, inf);
          val = std::nextafter(val + extra, inf);
        }
        next[i] = std::min(val, x[i]);
        change = std::max(change, x[i] - next[i]);
      }
      x.swap(next);
      if (change < kConverged) break;
    }
    for (size_t i = 0; i < m; ++i) s_.high[nodes[i]] = Amount::Approx(x[i]);
  }

  const OwnProblem& p_;
  OwnSolution& s_;
  std::vector<uint32_t> local_;  // node → index in the component being solved
};

}  // namespace

OwnSolution SolveOwnership(const OwnProblem& problem) {
  OwnSolution s;
  Solver(problem, &s).Run();
  return s;
}

}  // namespace chokepoint::graph
