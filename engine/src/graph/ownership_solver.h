// Effective ownership by a set of listed parties, as proven lower and upper bounds.
//
// For each node v (a company), h(v) is the fraction of v held by the listed set through chains of
// ownership: h(v) = Σ over owners u of share(u, v) × g(u), where g(u) = 1 when u is listed
// (a "constant" arc; the chain stops there, so a listed owner's own listed owners are not counted
// twice) and g(u) = h(u) otherwise. This is the sum, over every chain from a listed owner to v,
// of the product of the shares along it.
//
// Cycles (A owns part of B, B owns part of A) make that sum infinite in terms but convergent
// whenever the shares in a cycle multiply to less than 1: it is the "integrated ownership" of
// cross-holdings, the least solution of the linear system above. Nodes are processed in
// topological order of their strongly connected components (Boost strong_components), so a node's
// owners are final before it is; a cycle is solved exactly by Gaussian elimination over
// fractions when it has at most kMaxExactCycle nodes, else (or when exact arithmetic would
// overflow, or the system is singular) by monotone iteration in doubles: the lower bound iterates
// upward from 0 and the upper bound downward from 1, so every iterate is a valid bound.
//
// Unknown shares: the lower bound counts them as 0. The upper bound gives v's unknown-share owners
// together at most the headroom 1 − (known shares of v), all of it to the one with the largest
// upper bound. Bounds are over the recorded links only: a holding nobody recorded is not counted.
//
// Cost: O(nodes + arcs) for acyclic ownership, plus O(m³) per cycle of m ≤ kMaxExactCycle nodes.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/amount.h"

namespace chokepoint::graph {

inline constexpr uint32_t kConstArc = UINT32_MAX;
inline constexpr size_t kMaxExactCycle = 40;

struct OwnArc {
  Rational share;             // fraction of 1, when known
  uint32_t from = kConstArc;  // local owner node, or kConstArc
  uint32_t const_party = 0;   // for a constant arc: the caller's id of the listed owner
  bool const_counts = true;   // for a constant arc: g = 1 (counts) or 0 (listed, but not counted)
  bool known = true;
};

// Arcs into node v are arcs[offsets[v] .. offsets[v + 1]).
struct OwnProblem {
  uint32_t nodes = 0;
  std::vector<uint32_t> offsets{0};
  std::vector<OwnArc> arcs;
};

struct OwnSolution {
  std::vector<Amount> low, high;
  std::vector<uint8_t> in_cycle;   // 1 for nodes in a non-trivial component or with a self-holding
  size_t cycles = 0;               // non-trivial components met
  size_t iterated = 0;             // of which solved iteratively (bounds inexact)
  std::vector<uint32_t> over_100;  // nodes whose known owners' shares sum above 100 %
};

OwnSolution SolveOwnership(const OwnProblem& problem);

}  // namespace chokepoint::graph
