// Trace: the strongest path to every listed party within K hops.
//
// Strength is the product of hop weights (each ≤ 1), so the strongest path of at most K hops is
// found by K rounds of Bellman-Ford relaxation over the links active on the day (a
// hop-bounded max-product search). Each round relaxes only the parties improved in the previous
// round and reads only values from that round, so a party's value after round r is the best over
// paths of at most r hops, and the recorded predecessor chain is one such path. With weights ≤ 1 a
// path that repeats a party is never strictly better than the same path without the loop, and
// only strict improvements are recorded, so reported paths are simple.
//
// Cost: O(K × links incident to the parties reached), with scratch arrays reused per thread.
#include <algorithm>

#include "graph/graph_internal.h"
#include "graph/ownership.h"
#include "graph/signals.h"
#include "graph/trace_index.h"

namespace chokepoint {

namespace {

using graph::HopWeight;
using graph::kNone;
using graph::LinkRec;

constexpr int kMaxHopsLimit = 16;

struct Rec {
  double strength;
  uint32_t vertex;
  uint32_t pred;  // record index, kNone for the start
  uint32_t link;
  uint8_t hops;
  bool reverse;
};

// Dense per-party arrays, allocated once per thread and reset through the touched list, so a
// trace over a million parties costs what it visits, not what the graph holds.
struct Scratch {
  std::vector<double> best;
  std::vector<uint32_t> latest;
  std::vector<uint32_t> touched;
  std::vector<Rec> recs;

  void Prepare(size_t n) {
    if (best.size() < n) {
      best.assign(n, -1.0);
      latest.assign(n, kNone);
    }
    recs.clear();
  }
  void Reset() {
    for (uint32_t v : touched) {
      best[v] = -1.0;
      latest[v] = kNone;
    }
    touched.clear();
  }
};

std::vector<PathHop> PathOf(const PartyGraph::Impl& g, const Scratch& s, uint32_t rec) {
  std::vector<PathHop> path;
  for (uint32_t r = rec; r != kNone; r = s.recs[r].pred) {
    const Rec& x = s.recs[r];
    path.push_back(x.pred == kNone ? g.StartHop(x.vertex) : g.Hop(x.vertex, x.link, x.reverse));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::string RuleLabel(const OwnershipReport& report, const std::string& listed_id,
                      const std::vector<PathHop>& path) {
  // A rule that applies beats one that would apply but is stayed or not in force.
  for (bool applied : {true, false}) {
    for (const auto& rule : report.rules) {
      const auto& ids = rule.listed_owner_ids;
      if (std::find(ids.begin(), ids.end(), listed_id) == ids.end()) continue;
      if (applied && rule.applies) return rule.id;
      if (!applied && rule.meets_threshold) {
        return rule.id + " (" + RuleStandingName(rule.standing) + ")";
      }
    }
  }
  if (path.size() == 1) return "party-is-listed";
  bool acts = true, owned = true;
  for (size_t i = 1; i < path.size(); ++i) {
    const Relation r = *path[i].relation;
    acts &= !path[i].reverse && (r == Relation::kFrontFor || r == Relation::kAgentFor);
    owned &= path[i].reverse && r == Relation::kOwns;
  }
  if (acts) return "acts-for-listed-party";
  if (owned) return "listed-owner";
  return "tie-to-listed-party";
}

bool SameWeights(const RelationWeights& a, const RelationWeights& b) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].forward != b[i].forward || a[i].reverse != b[i].reverse) return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const graph::TraceIndex> PartyGraph::Impl::TraceIndexFor(
    const RelationWeights& weights, int max_hops) const {
  std::lock_guard lock(trace_index_mu);
  for (const auto& x : trace_indexes) {
    if (x->max_hops() == max_hops && SameWeights(x->weights(), weights)) return x;
  }
  // Callers use one or two weight sets; one that varies them call by call would rebuild.
  if (trace_indexes.size() == 4) trace_indexes.erase(trace_indexes.begin());
  return trace_indexes.emplace_back(
      std::make_shared<const graph::TraceIndex>(*this, weights, max_hops));
}

RelationWeights DefaultRelationWeights() {
  RelationWeights w{};
  auto set = [&](Relation r, double fwd, double rev) {
    w[static_cast<size_t>(r)] = RelationWeight{fwd, rev};
  };
  set(Relation::kFrontFor, 0.95, 0.5);
  set(Relation::kParentOf, 0.45, 0.9);
  set(Relation::kOwns, 0.5, 1.0);
  set(Relation::kAgentFor, 0.8, 0.4);
  set(Relation::kDirectorOf, 0.6, 0.6);
  set(Relation::kOfficerOf, 0.5, 0.5);
  set(Relation::kSameContact, 0.45, 0.45);
  set(Relation::kShipsTo, 0.5, 0.3);
  set(Relation::kSameAddress, 0.4, 0.4);
  return w;
}

void PartyGraph::PrepareTrace(const TraceOptions& options) const {
  if (options.max_hops >= 0 && options.max_hops <= kMaxHopsLimit) {
    impl_->TraceIndexFor(options.weights, options.max_hops);
  }
}

Result<TraceResult> PartyGraph::Trace(std::string_view party_id, Date as_of, const RulePack& pack,
                                      const TraceOptions& options,
                                      const SignalOptions& signal_options) const {
  const Impl& g = *impl_;
  const uint32_t start = g.net.Find(party_id);
  if (start == kNone) return Status::NotFound("unknown party '" + std::string(party_id) + "'");
  if (options.max_hops < 0 || options.max_hops > kMaxHopsLimit) {
    return Status::InvalidArgument("max hops must be between 0 and " +
                                   std::to_string(kMaxHopsLimit));
  }
  const std::shared_ptr<const graph::TraceIndex> index =
      g.TraceIndexFor(options.weights, options.max_hops);
  thread_local Scratch s;
  s.Prepare(g.net.parties.size());
  s.recs.push_back(Rec{1.0, start, kNone, kNone, 0, false});
  s.best[start] = 1.0;
  s.latest[start] = 0;
  s.touched.push_back(start);
  // The bounds are rounded up to floats; the slack keeps rounding from ever dropping a step.
  const double floor = options.min_strength * (1 - 1e-6);
  std::vector<uint32_t> frontier{0}, next;
  for (int round = 1; round <= options.max_hops && !frontier.empty(); ++round) {
    next.clear();
    const int hops_left = options.max_hops - round;
    for (uint32_t ri : frontier) {
      const uint32_t u = s.recs[ri].vertex;
      const double su = s.recs[ri].strength;
      for (int distance = 0; distance <= hops_left; ++distance) {
        auto [step, end] = index->Steps(u, distance);
        for (; step != end && su * step->bound >= floor; ++step) {
          const uint32_t v = step->to, li = step->link_index();
          const bool reverse = step->reverse();
          const LinkRec& l = g.link(li);
          if (!graph::LinkActive(l, as_of)) continue;
          const double cand = su * HopWeight(g, l, reverse, options.weights);
          if (cand <= s.best[v] || cand < options.min_strength) continue;
          if (s.best[v] < 0) s.touched.push_back(v);
          s.best[v] = cand;
          const uint32_t cur = s.latest[v];
          if (cur != kNone && s.recs[cur].hops == round) {
            s.recs[cur] = Rec{cand, v, ri, li, static_cast<uint8_t>(round), reverse};
          } else {
            s.latest[v] = static_cast<uint32_t>(s.recs.size());
            s.recs.push_back(Rec{cand, v, ri, li, static_cast<uint8_t>(round), reverse});
            next.push_back(s.latest[v]);
          }
        }
      }
    }
    frontier.swap(next);
  }

  TraceResult result;
  result.ownership = graph::ComputeOwnership(g, start, as_of, pack);
  const graph::ListFilter any;
  for (uint32_t v : s.touched) {
    for (const ListingRef* l : g.ActiveListings(v, as_of, any)) {
      TraceFinding f;
      f.party_id = g.party(v).id;
      f.listing = *l;
      f.path = PathOf(g, s, s.latest[v]);
      f.hops = static_cast<int>(f.path.size()) - 1;
      f.strength = s.best[v];
      f.rule = RuleLabel(result.ownership, f.party_id, f.path);
      result.findings.push_back(std::move(f));
    }
  }
  s.Reset();
  std::sort(result.findings.begin(), result.findings.end(),
            [](const TraceFinding& a, const TraceFinding& b) {
              if (a.strength != b.strength) return a.strength > b.strength;
              if (a.hops != b.hops) return a.hops < b.hops;
              if (a.party_id != b.party_id) return a.party_id < b.party_id;
              return a.listing.list_id < b.listing.list_id;
            });
  if (options.max_findings > 0 && result.findings.size() > options.max_findings) {
    result.findings.resize(options.max_findings);
  }
  result.signals = graph::ComputeSignals(g, start, as_of, pack, signal_options);
  return result;
}

}  // namespace chokepoint
