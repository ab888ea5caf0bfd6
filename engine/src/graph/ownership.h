// Ownership reports for one party, and the rule pack's ownership rules as the graph reads them.
#pragma once

#include <string>
#include <vector>

#include "graph/graph_internal.h"

namespace chokepoint::graph {

// One <rule kind="ownership"> of the pack: its threshold and lists are read from the pack (the
// stay and the thresholds are data, not code).
struct OwnershipRule {
  const RuleInfo* info = nullptr;
  Rational threshold_pct;
  Rational threshold;  // fraction of 1
  std::string lists;
  ListFilter filter;
};
std::vector<OwnershipRule> OwnershipRules(const RulePack& pack);

OwnershipReport ComputeOwnership(const PartyGraph::Impl& g, uint32_t party, Date day,
                                 const RulePack& pack);

ShareBounds ToBounds(const Amount& low, const Amount& high);

}  // namespace chokepoint::graph
