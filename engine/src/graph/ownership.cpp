// Ownership reports: effective listed ownership of one party, per listed owner with its chains,
// and the pack's 50 % rules applied only on the days the pack has them in force.
#include "graph/ownership.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "graph/ownership_solver.h"
#include "rules/rule_pack_impl.h"

namespace chokepoint::graph {

namespace {

constexpr size_t kMaxPathsPerOwner = 20;
constexpr size_t kMaxPathSteps = 100000;  // DFS steps per report, against pathological fans
// Chains shown as explanations end here (the share still counts every chain): a registry with
// cross-holdings can make a cone of thousands of companies, and an unbounded walk overflows the
// stack.
constexpr size_t kMaxPathHops = 64;

std::string Pct(const Rational& r) { return r.ToString(4) + " %"; }

std::string Range(const ShareBounds& b) {
  return b.known() ? Pct(b.low_pct) : Pct(b.low_pct) + " to " + Pct(b.high_pct);
}

// The owners of `target` as of `day`, upward through unlisted owners; owners listed under
// `filter` end a chain (constant arcs).
struct Cone {
  OwnProblem problem;
  std::vector<uint32_t> party_of;  // local node → party
  std::vector<uint32_t> arc_link;  // parallel to problem.arcs
  std::vector<uint32_t> listed;    // listed owners met, in order of discovery
  size_t unknown_shares = 0;
};

Cone BuildCone(const PartyGraph::Impl& g, uint32_t target, Date day, const ListFilter& filter) {
  Cone c;
  std::unordered_map<uint32_t, uint32_t> local{{target, 0}};
  c.party_of.push_back(target);
  std::vector<uint8_t> seen_listed;
  for (uint32_t i = 0; i < c.party_of.size(); ++i) {
    if (!g.HasLinks(c.party_of[i], Relation::kOwns, true)) {
      c.problem.offsets.push_back(static_cast<uint32_t>(c.problem.arcs.size()));
      continue;
    }
    for (auto e : boost::make_iterator_range(boost::in_edges(c.party_of[i], g.csr))) {
      const uint32_t li = g.csr[e];
      const LinkRec& l = g.link(li);
      if (l.relation != Relation::kOwns || !LinkActive(l, day)) continue;
      OwnArc arc;
      arc.known = l.share != kNone;
      if (arc.known)
        arc.share = g.net.shares[l.share];
      else
        ++c.unknown_shares;
      if (g.ListedOn(l.from, day, filter)) {
        arc.const_party = l.from;
        if (std::find(c.listed.begin(), c.listed.end(), l.from) == c.listed.end()) {
          c.listed.push_back(l.from);
        }
      } else {
        auto [it, fresh] = local.emplace(l.from, static_cast<uint32_t>(c.party_of.size()));
        if (fresh) c.party_of.push_back(l.from);
        arc.from = it->second;
      }
      c.problem.arcs.push_back(arc);
      c.arc_link.push_back(li);
    }
    c.problem.offsets.push_back(static_cast<uint32_t>(c.problem.arcs.size()));
  }
  c.problem.nodes = static_cast<uint32_t>(c.party_of.size());
  return c;
}

// Simple chains from the target up to each listed owner, target first.
class PathFinder {
 public:
  PathFinder(const PartyGraph::Impl& g, const Cone& c)
      : g_(g), c_(c), on_path_(c.party_of.size()) {}

  std::map<uint32_t, std::vector<ListedOwner::Path>> Run() {
    hops_.push_back(g_.StartHop(c_.party_of[0]));
    shares_.push_back(Rational(1));
    Visit(0);
    return std::move(out_);
  }

 private:
  void Visit(uint32_t node) {
    on_path_[node] = 1;
    for (uint32_t k = c_.problem.offsets[node]; k < c_.problem.offsets[node + 1]; ++k) {
      if (++steps_ > kMaxPathSteps) break;
      const OwnArc& a = c_.problem.arcs[k];
      const uint32_t owner = a.from == kConstArc ? a.const_party : c_.party_of[a.from];
      if (a.from != kConstArc && on_path_[a.from]) continue;
      std::optional<Rational> share;
      if (a.known && shares_.back()) share = shares_.back()->CheckedMul(a.share);
      hops_.push_back(g_.Hop(owner, c_.arc_link[k], /*reverse=*/true));
      shares_.push_back(share);
      if (a.from == kConstArc) {
        auto& paths = out_[owner];
        if (paths.size() < kMaxPathsPerOwner) {
          ListedOwner::Path p;
          p.hops = hops_;
          if (share) p.pct = PctFromShare(*share);
          paths.push_back(std::move(p));
        }
      } else if (hops_.size() <= kMaxPathHops) {
        Visit(a.from);
      }
      hops_.pop_back();
      shares_.pop_back();
    }
    on_path_[node] = 0;
  }

  const PartyGraph::Impl& g_;
  const Cone& c_;
  std::vector<uint8_t> on_path_;
  std::vector<PathHop> hops_;
  std::vector<std::optional<Rational>> shares_;
  std::map<uint32_t, std::vector<ListedOwner::Path>> out_;
  size_t steps_ = 0;
};

std::string StayText(const RuleInfo& info, Date day) {
  for (const auto& stay : info.stays) {
    if (stay.dates.Contains(day))
      return " (stay " + stay.dates.ToString() + ": " + stay.citation + ")";
  }
  return "";
}

RuleApplication ApplyRule(const PartyGraph::Impl& g, uint32_t party, Date day,
                          const OwnershipRule& rule) {
  RuleApplication a;
  a.id = rule.info->id;
  a.citation = rule.info->citation;
  a.standing = rule.info->StandingOn(day);
  a.threshold_pct = rule.threshold_pct;
  Cone cone = BuildCone(g, party, day, rule.filter);
  OwnSolution s = SolveOwnership(cone.problem);
  a.share = ToBounds(s.low[0], s.high[0]);
  a.meets_threshold = AtLeast(s.low[0], rule.threshold);
  a.determined = a.meets_threshold || Below(s.high[0], rule.threshold);
  a.applies = a.standing == RuleStanding::kInForce && a.meets_threshold;
  std::string owners, qualifiers;
  for (uint32_t p : cone.listed) {
    a.listed_owner_ids.push_back(g.party(p).id);
    owners += (owners.empty() ? "" : ", ") + g.party(p).name;
    for (const ListingRef* l : g.ActiveListings(p, day, rule.filter)) {
      const std::string* q = rule.filter.Qualifier(*l);
      if (q && !q->empty()) {
        qualifiers += "; " + g.party(p).name + " (" + l->source + ") counted as '" + *q +
                      "': program eligibility not verified (programs: ";
        for (size_t i = 0; i < l->programs.size(); ++i)
          qualifiers += (i ? ", " : "") + l->programs[i];
        qualifiers += ")";
      }
    }
  }
  const std::string held = "owned " + Range(a.share) + " by parties on " + rule.lists +
                           (owners.empty() ? "" : " (" + owners + ")");
  const std::string cmp = a.meets_threshold ? " ≥ " : (a.determined ? " < " : " vs ");
  const std::string verdict = held + ";" + cmp + "threshold " + Pct(a.threshold_pct);
  switch (a.standing) {
    case RuleStanding::kInForce:
      a.why = a.determined ? verdict
                           : verdict +
                                 ": undetermined, unknown shares leave the threshold "
                                 "between the bounds; review";
      break;
    case RuleStanding::kStayed:
      a.why = "stayed on " + day.ToString() + StayText(*rule.info, day) + "; not applied" +
              (a.meets_threshold ? ", though it would be: " : ": ") + verdict;
      break;
    case RuleStanding::kNotYetInForce:
      a.why = "not yet in force on " + day.ToString() + " (effective " +
              rule.info->effective.ToString() + "); " + verdict;
      break;
    case RuleStanding::kExpired:
      a.why = "expired before " + day.ToString() + " (effective " +
              rule.info->effective.ToString() + "); " + verdict;
      break;
    case RuleStanding::kNotYetEnforced:
      a.why = "in force but compliance not required on " + day.ToString() + "; " + verdict;
      break;
  }
  a.why += qualifiers;
  return a;
}

}  // namespace

ShareBounds ToBounds(const Amount& low, const Amount& high) {
  ShareBounds b;
  bool e1 = true, e2 = true;
  b.low_pct = PctFromAmount(low, Round::kDown, &e1);
  b.high_pct = PctFromAmount(high, Round::kUp, &e2);
  b.exact = e1 && e2;
  return b;
}

std::vector<OwnershipRule> OwnershipRules(const RulePack& pack) {
  std::vector<OwnershipRule> out;
  const RulePack::Impl& impl = pack.impl();
  for (const auto& compiled : impl.rules) {
    const RuleInfo& info = impl.infos[compiled.info_index];
    if (info.kind != RuleKind::kOwnership) continue;
    auto pct = Rational::Parse(compiled.threshold_pct);  // validated by the loader
    auto frac = pct.ok() ? ShareFromPct(*pct) : std::nullopt;
    if (!frac) continue;
    OwnershipRule r;
    r.info = &info;
    r.threshold_pct = *pct;
    r.threshold = *frac;
    r.lists = compiled.lists;
    r.filter = ListFilter(compiled.lists);
    out.push_back(std::move(r));
  }
  return out;
}

OwnershipReport ComputeOwnership(const PartyGraph::Impl& g, uint32_t party, Date day,
                                 const RulePack& pack) {
  OwnershipReport r;
  r.party = g.party(party);
  r.as_of = day;
  const ListFilter any;
  for (const ListingRef* l : g.ActiveListings(party, day, any)) r.party_listings.push_back(*l);

  Cone cone = BuildCone(g, party, day, any);
  OwnSolution all = SolveOwnership(cone.problem);
  r.effective_listed = ToBounds(all.low[0], all.high[0]);
  auto paths = PathFinder(g, cone).Run();
  for (uint32_t owner : cone.listed) {
    OwnProblem only = cone.problem;
    for (auto& a : only.arcs) {
      if (a.from == kConstArc) a.const_counts = a.const_party == owner;
    }
    OwnSolution s = SolveOwnership(only);
    ListedOwner o;
    o.party_id = g.party(owner).id;
    o.party_name = g.party(owner).name;
    for (const ListingRef* l : g.ActiveListings(owner, day, any)) o.listings.push_back(*l);
    o.share = ToBounds(s.low[0], s.high[0]);
    o.paths = std::move(paths[owner]);
    r.listed_owners.push_back(std::move(o));
  }
  std::stable_sort(r.listed_owners.begin(), r.listed_owners.end(),
                   [](const ListedOwner& a, const ListedOwner& b) {
                     if (!(a.share.low_pct == b.share.low_pct))
                       return a.share.low_pct > b.share.low_pct;
                     return a.party_id < b.party_id;
                   });
  for (const auto& rule : OwnershipRules(pack)) r.rules.push_back(ApplyRule(g, party, day, rule));

  if (cone.unknown_shares > 0) {
    r.notes.push_back(std::to_string(cone.unknown_shares) +
                      " ownership link(s) in play have no recorded share: the lower bound counts "
                      "them as 0 %, the upper bound gives them the unrecorded remainder of the "
                      "company they hold");
  }
  if (all.cycles > 0) {
    r.notes.push_back(std::to_string(all.cycles) +
                      " ownership cycle(s) in play: holdings that loop through a cycle are "
                      "counted as integrated ownership (every chain, however often it loops)" +
                      std::string(all.iterated ? "; solved iteratively, bounds rounded outward"
                                               : "; solved exactly"));
  }
  for (uint32_t v : all.over_100) {
    r.notes.push_back("recorded owners of " + g.party(cone.party_of[v]).name +
                      " hold more than 100 % on " + day.ToString() +
                      ": check the records; the bounds may overstate");
  }
  return r;
}

}  // namespace chokepoint::graph

namespace chokepoint {

Result<OwnershipReport> PartyGraph::Ownership(std::string_view party_id, Date as_of,
                                              const RulePack& pack) const {
  const uint32_t p = impl_->net.Find(party_id);
  if (p == graph::kNone) return Status::NotFound("unknown party '" + std::string(party_id) + "'");
  return graph::ComputeOwnership(*impl_, p, as_of, pack);
}

namespace graph {
namespace {

// Effective share held by parties listed under `filter`, of every party, in one solve.
graph::OwnSolution SolveAll(const PartyGraph::Impl& g, Date as_of, const ListFilter& filter) {
  graph::OwnProblem problem;
  problem.nodes = static_cast<uint32_t>(g.net.parties.size());
  problem.offsets.reserve(problem.nodes + 1);
  std::vector<uint8_t> listed_today(problem.nodes, 0);
  for (uint32_t v = 0; v < problem.nodes; ++v) listed_today[v] = g.ListedOn(v, as_of, filter);
  for (uint32_t v = 0; v < problem.nodes; ++v) {
    if (g.HasLinks(v, Relation::kOwns, true)) {
      for (auto e : boost::make_iterator_range(boost::in_edges(v, g.csr))) {
        const graph::LinkRec& l = g.link(g.csr[e]);
        if (l.relation != Relation::kOwns || !graph::LinkActive(l, as_of)) continue;
        graph::OwnArc arc;
        arc.known = l.share != graph::kNone;
        if (arc.known) arc.share = g.net.shares[l.share];
        if (listed_today[l.from])
          arc.const_party = l.from;
        else
          arc.from = l.from;
        problem.arcs.push_back(arc);
      }
    }
    problem.offsets.push_back(static_cast<uint32_t>(problem.arcs.size()));
  }
  return graph::SolveOwnership(problem);
}

}  // namespace
}  // namespace graph

std::vector<ShareBounds> PartyGraph::EffectiveListedOwnershipAll(Date as_of) const {
  graph::OwnSolution s = graph::SolveAll(*impl_, as_of, graph::ListFilter());
  std::vector<ShareBounds> out(impl_->net.parties.size());
  for (size_t v = 0; v < out.size(); ++v) out[v] = graph::ToBounds(s.low[v], s.high[v]);
  return out;
}

std::vector<PartyGraph::RuleCoverage> PartyGraph::OwnershipCoverageAll(Date as_of,
                                                                       const RulePack& pack) const {
  std::vector<RuleCoverage> out;
  for (const graph::OwnershipRule& rule : graph::OwnershipRules(pack)) {
    RuleCoverage c;
    c.rule_id = rule.info->id;
    c.citation = rule.info->citation;
    c.lists = rule.lists;
    c.standing = rule.info->StandingOn(as_of);
    c.threshold_pct = rule.threshold_pct;
    graph::OwnSolution s = graph::SolveAll(*impl_, as_of, rule.filter);
    c.shares.resize(impl_->net.parties.size());
    c.meets.resize(impl_->net.parties.size());
    for (size_t v = 0; v < c.shares.size(); ++v) {
      c.shares[v] = graph::ToBounds(s.low[v], s.high[v]);
      c.meets[v] = graph::AtLeast(s.low[v], rule.threshold);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> PartyGraph::ListedOwnerIds(size_t i, Date as_of, std::string_view lists,
                                                    size_t limit) const {
  const Impl& g = *impl_;
  const graph::ListFilter filter(lists);
  std::vector<std::string> out;
  std::vector<uint32_t> queue{static_cast<uint32_t>(i)};
  std::unordered_set<uint32_t> seen{static_cast<uint32_t>(i)};
  for (size_t k = 0; k < queue.size() && seen.size() < limit; ++k) {
    if (!g.HasLinks(queue[k], Relation::kOwns, true)) continue;
    for (auto e : boost::make_iterator_range(boost::in_edges(queue[k], g.csr))) {
      const graph::LinkRec& l = g.link(g.csr[e]);
      if (l.relation != Relation::kOwns || !graph::LinkActive(l, as_of)) continue;
      if (!seen.insert(l.from).second) continue;
      if (g.ListedOn(l.from, as_of, filter)) {
        out.push_back(g.party(l.from).id);  // a listed owner ends the chain
      } else {
        queue.push_back(l.from);
      }
    }
  }
  return out;
}

}  // namespace chokepoint
