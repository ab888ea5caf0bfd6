// Differential tests: the tracer against naive oracles on small random networks.
//   - a plain breadth-first search decides which listed parties are within K hops;
//   - an exhaustive walk over every simple path of at most K hops gives the best strength.
// Any disagreement is a bug in the tracer (or in the oracle, which is short enough to check).
#include <functional>
#include <map>
#include <random>
#include <set>

#include "engine/graph/graph_test_util.h"

namespace chokepoint {
namespace {

using testing::D;
using testing::Pack;

struct Arc {
  int to;
  size_t link;
  bool reverse;
};

struct RandomNetwork {
  std::vector<Link> links;
  std::vector<std::vector<Arc>> adj;  // both directions
  std::vector<std::optional<Date>> listed_from;
  std::shared_ptr<const PartyGraph> graph;
};

std::string Id(int i) { return "p" + std::to_string(i); }

RandomNetwork Make(std::mt19937& rng, int n, int m) {
  RandomNetwork net;
  PartyNetwork pn;
  const Date base = D("2020-01-01");
  net.adj.resize(n);
  net.listed_from.resize(n);
  for (int i = 0; i < n; ++i) {
    Party p;
    p.id = Id(i);
    p.name = "Party " + std::to_string(i);
    REQUIRE(pn.AddParty(p).ok());
    if (rng() % 5 == 0) {
      ListingRef l;
      l.source = rng() % 2 ? "SDN" : "Entity List";
      l.source_code = l.source == "SDN" ? "SDN" : "EL";
      l.list_id = "x" + std::to_string(i);
      l.name = p.name;
      l.start_date = base.AddDays(static_cast<int32_t>(rng() % 1000));
      net.listed_from[i] = l.start_date;
      REQUIRE(pn.MarkListed(p.id, l).ok());
    }
  }
  for (int k = 0; k < m; ++k) {
    const int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
    if (a == b) continue;
    Link l;
    l.from = Id(a);
    l.to = Id(b);
    l.relation = static_cast<Relation>(rng() % kRelationCount);
    if (l.relation == Relation::kOwns && rng() % 4 != 0) {
      l.share_pct = Rational(static_cast<int64_t>(1 + rng() % 100));
    }
    if (rng() % 2) l.dates.from = base.AddDays(static_cast<int32_t>(rng() % 1000));
    if (rng() % 3 == 0) l.dates.to = l.dates.from.AddDays(static_cast<int32_t>(rng() % 500));
    if (l.dates.from == Date::Min() && l.dates.to != Date::Max()) l.dates.to = Date::Max();
    REQUIRE(pn.AddLink(l).ok());
    net.adj[a].push_back({b, net.links.size(), false});
    net.adj[b].push_back({a, net.links.size(), true});
    net.links.push_back(l);
  }
  auto g = PartyGraph::Build(std::move(pn));
  REQUIRE(g.ok());
  net.graph = *g;
  return net;
}

// The documented hop weight (graph.h: RelationWeight), computed independently.
double Weight(const Link& l, bool reverse,
              const RelationWeights& weights = DefaultRelationWeights()) {
  const RelationWeight w = weights[static_cast<size_t>(l.relation)];
  double x = reverse ? w.reverse : w.forward;
  if (l.relation == Relation::kOwns) {
    x *= l.share_pct ? 0.5 + l.share_pct->ToDouble() / 200 : 0.75;
  }
  return std::min(x, 1.0);
}

// Also with a strength floor and the ledger auditor's weights (ships_to not walked backwards),
// which exercise the tracer's pruning bounds (trace_prune.h): they must never change a finding.
TEST_CASE("tracer agrees with a naive BFS and an exhaustive path walk on random graphs") {
  std::mt19937 rng(4242);
  const Date base = D("2020-01-01");
  int compared = 0, found = 0;
  for (int round = 0; round < 60; ++round) {
    const int n = 6 + static_cast<int>(rng() % 20);
    RandomNetwork net = Make(rng, n, n * (1 + static_cast<int>(rng() % 3)));
    for (int q = 0; q < 5; ++q) {
      const int start = static_cast<int>(rng() % n);
      const Date day = base.AddDays(static_cast<int32_t>(rng() % 1600));
      TraceOptions opt;
      opt.max_hops = 1 + static_cast<int>(rng() % 5);
      opt.max_findings = 0;
      if (q % 2 == 1) {
        opt.min_strength = 0.1 * static_cast<double>(1 + rng() % 4);
        opt.weights[static_cast<size_t>(Relation::kShipsTo)].reverse = 0;
      }
      auto weight = [&](const Arc& a) { return Weight(net.links[a.link], a.reverse, opt.weights); };
      auto active = [&](const Arc& a) {
        return net.links[a.link].dates.Contains(day) && weight(a) > 0;
      };
      auto listed = [&](int v) { return net.listed_from[v] && *net.listed_from[v] <= day; };

      // Oracle 1: BFS for reachability within K hops.
      std::vector<int> dist(n, -1);
      std::vector<int> queue{start};
      dist[start] = 0;
      for (size_t i = 0; i < queue.size(); ++i) {
        const int u = queue[i];
        if (dist[u] == opt.max_hops) continue;
        for (const Arc& a : net.adj[u]) {
          if (active(a) && dist[a.to] < 0) {
            dist[a.to] = dist[u] + 1;
            queue.push_back(a.to);
          }
        }
      }
      // Oracle 2: every simple path, best product per party.
      std::vector<double> best(n, -1);
      std::vector<char> on(n, 0);
      std::function<void(int, int, double)> walk = [&](int u, int depth, double s) {
        best[u] = std::max(best[u], s);
        if (depth == opt.max_hops) return;
        on[u] = 1;
        for (const Arc& a : net.adj[u]) {
          if (active(a) && !on[a.to]) walk(a.to, depth + 1, s * weight(a));
        }
        on[u] = 0;
      };
      walk(start, 0, 1.0);

      auto r = net.graph->Trace(Id(start), day, Pack(), opt);
      REQUIRE(r.ok());
      std::map<std::string, const TraceFinding*> got;
      for (const auto& f : r->findings) got[f.party_id] = &f;
      std::set<std::string> want;
      for (int v = 0; v < n; ++v) {
        if (dist[v] >= 0 && listed(v) && best[v] >= opt.min_strength) want.insert(Id(v));
      }
      std::set<std::string> got_ids;
      for (const auto& [id, f] : got) got_ids.insert(id);
      CHECK(got_ids == want);
      for (const auto& [id, f] : got) {
        const int v = std::stoi(id.substr(1));
        CHECK(f->strength == doctest::Approx(best[v]).epsilon(1e-12));
        CHECK(f->hops <= opt.max_hops);
        CHECK(f->hops >= dist[v]);
        // The reported path is real: simple, active on the day, and its product is the strength.
        REQUIRE(f->path.size() == static_cast<size_t>(f->hops) + 1);
        CHECK(f->path.front().party_id == Id(start));
        CHECK(f->path.back().party_id == id);
        std::set<std::string> seen;
        double product = 1;
        for (size_t h = 0; h < f->path.size(); ++h) {
          CHECK(seen.insert(f->path[h].party_id).second);
          if (h == 0) continue;
          CHECK(f->path[h].dates.Contains(day));
          const int from = std::stoi(f->path[h - 1].party_id.substr(1));
          const int to = std::stoi(f->path[h].party_id.substr(1));
          double w = -1;
          for (const Arc& a : net.adj[from]) {
            const Link& l = net.links[a.link];
            if (a.to == to && a.reverse == f->path[h].reverse &&
                l.relation == *f->path[h].relation && l.dates.from == f->path[h].dates.from &&
                l.dates.to == f->path[h].dates.to) {
              w = std::max(w, Weight(l, a.reverse, opt.weights));
            }
          }
          REQUIRE(w > 0);
          product *= w;
        }
        CHECK(product == doctest::Approx(f->strength).epsilon(1e-12));
        ++found;
      }
      ++compared;
    }
  }
  MESSAGE(compared << " traces compared, " << found << " findings checked");
  CHECK(found > 50);
}

}  // namespace
}  // namespace chokepoint
