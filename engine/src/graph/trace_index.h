// The walks a trace can usefully take, found once per graph and weight set.
//
// A trace from a party expands the parties within K hops, and a distributor's ledger makes hubs:
// a big customer linked by ships_to to thousands of others, most of whom lead to no listed party.
// This index keeps, for each party, only the steps that can lead to one — to a party at most K − 1
// hops from a listed party, over a relation walked with weight > 0 — grouped by that distance and
// sorted by the best strength a path through the step can reach. A trace round with h hops left
// reads only the groups of distance ≤ h and stops each group at the first step too weak for the
// strength floor, so its cost follows the useful neighbourhood, not the hub's degree.
//
// Distances and strengths ignore dates (a link counts whatever its dates), so they over-estimate
// what any dated trace reaches: using them never changes a finding or a path, only skips work
// (tests/graph/tracer_diff_test compares against exhaustive walks).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "graph/graph_internal.h"

namespace chokepoint::graph {

struct TraceStep {
  uint32_t to;
  uint32_t link;  // the link index; bit 31: walked in reverse (from its `to` to its `from`)
  // Upper bound of the strength from here to a listed party through this step (rounded up).
  float bound;

  static constexpr uint32_t kReverseBit = 1u << 31;
  uint32_t link_index() const { return link & ~kReverseBit; }
  bool reverse() const { return (link & kReverseBit) != 0; }
};

class TraceIndex {
 public:
  TraceIndex(const PartyGraph::Impl& g, const RelationWeights& weights, int max_hops);

  const RelationWeights& weights() const { return weights_; }
  int max_hops() const { return max_hops_; }

  // Steps from `party` to parties exactly `distance` hops from a listed party, strongest first.
  // distance < max_hops.
  std::pair<const TraceStep*, const TraceStep*> Steps(uint32_t party, int distance) const {
    const size_t bucket =
        static_cast<size_t>(party) * static_cast<size_t>(max_hops_) + static_cast<size_t>(distance);
    return {steps_.data() + offsets_[bucket], steps_.data() + offsets_[bucket + 1]};
  }

 private:
  RelationWeights weights_;
  int max_hops_;
  std::vector<TraceStep> steps_;
  // Party-major, distance-minor: bucket (p, d) is steps_[offsets_[p·K + d], offsets_[p·K + d + 1]).
  std::vector<uint32_t> offsets_;
};

// The weight of walking link `l` (forward, or `reverse` from its `to` to its `from`).
double HopWeight(const PartyGraph::Impl& g, const LinkRec& l, bool reverse,
                 const RelationWeights& w);

}  // namespace chokepoint::graph
