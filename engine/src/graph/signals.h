// Shell-company and diversion signals around one party.
#pragma once

#include <vector>

#include "graph/graph_internal.h"

namespace chokepoint::graph {

// Signals for `party` and for the consignees downstream of it (forward ships_to links, up to four
// hops), since an exporter's risk sits with where the goods go next. Each signal names the party
// it concerns and says why in plain words.
std::vector<Signal> ComputeSignals(const PartyGraph::Impl& g, uint32_t party, Date day,
                                   const RulePack& pack, const SignalOptions& options);

}  // namespace chokepoint::graph
