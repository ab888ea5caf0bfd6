// The ownership solver beyond the fixtures: random networks against a naive fixed-point iteration,
// exact arithmetic running out on long chains, and cycles too large to solve exactly. In every
// case the reported bounds must contain the true value.
#include <cmath>
#include <random>

#include "engine/graph/graph_test_util.h"

namespace chokepoint {
namespace {

using testing::D;

std::string Id(int i) { return "c" + std::to_string(i); }

std::shared_ptr<const PartyGraph> Build(PartyNetwork net) {
  auto g = PartyGraph::Build(std::move(net));
  REQUIRE(g.ok());
  return *g;
}

void Listed(PartyNetwork* net, const std::string& id) {
  ListingRef l;
  l.source = "SDN";
  l.source_code = "SDN";
  l.name = id;
  REQUIRE(net->MarkListed(id, l).ok());
}

void Owns(PartyNetwork* net, int from, int to, const char* pct) {
  Link l;
  l.from = Id(from);
  l.to = Id(to);
  l.relation = Relation::kOwns;
  l.share_pct = testing::R(pct);
  REQUIRE(net->AddLink(l).ok());
}

PartyNetwork Parties(int n) {
  PartyNetwork net;
  for (int i = 0; i < n; ++i) {
    Party p;
    p.id = Id(i);
    p.name = "Company " + Id(i);
    REQUIRE(net.AddParty(p).ok());
  }
  return net;
}

void CheckContains(const ShareBounds& b, double truth_pct) {
  CHECK(b.low_pct.ToDouble() <= truth_pct + 1e-9);
  CHECK(b.high_pct.ToDouble() >= truth_pct - 1e-9);
  CHECK(b.high_pct.ToDouble() - b.low_pct.ToDouble() < 1e-6);
}

TEST_CASE("solver: random cross-holdings agree with a naive fixed-point iteration") {
  std::mt19937 rng(77);
  for (int round = 0; round < 40; ++round) {
    const int n = 4 + static_cast<int>(rng() % 10);
    PartyNetwork net = Parties(n);
    std::vector<bool> listed(n);
    for (int i = 0; i < n; ++i) {
      listed[i] = rng() % 4 == 0;
      if (listed[i]) Listed(&net, Id(i));
    }
    // share[o][t]: o owns share of t; each company's owners hold at most 90 %.
    std::vector<std::vector<double>> share(n, std::vector<double>(n, 0));
    for (int t = 0; t < n; ++t) {
      int room = 90;
      for (int k = 0; k < 3 && room > 1; ++k) {
        const int o = static_cast<int>(rng() % n);
        if (o == t || share[o][t] > 0) continue;
        const int pct = 1 + static_cast<int>(rng() % room);
        room -= pct;
        share[o][t] = pct / 100.0;
        Owns(&net, o, t, std::to_string(pct).c_str());
      }
    }
    auto g = Build(std::move(net));
    // h(t) = Σ_o share(o,t) · (listed(o) ? 1 : h(o)), iterated to convergence.
    std::vector<long double> h(n, 0);
    for (int it = 0; it < 5000; ++it) {
      std::vector<long double> next(n, 0);
      for (int t = 0; t < n; ++t) {
        for (int o = 0; o < n; ++o) next[t] += share[o][t] * (listed[o] ? 1.0L : h[o]);
      }
      h.swap(next);
    }
    auto all = g->EffectiveListedOwnershipAll(D("2025-01-01"));
    for (int t = 0; t < n; ++t) {
      const double truth = static_cast<double>(h[t] * 100);
      CheckContains(all[t], truth);
      auto one = g->Ownership(Id(t), D("2025-01-01"), testing::Pack());
      REQUIRE(one.ok());
      CheckContains(one->effective_listed, truth);
      CHECK(one->effective_listed.low_pct == all[t].low_pct);
    }
  }
}

TEST_CASE("solver: a chain too long for exact fractions gives safe rounded bounds") {
  const int n = 31;
  PartyNetwork net = Parties(n);
  Listed(&net, Id(0));
  Owns(&net, 0, 1, "33.33");
  for (int i = 1; i + 1 < n; ++i) Owns(&net, i, i + 1, "99.99");
  auto g = Build(std::move(net));
  auto r = g->Ownership(Id(n - 1), D("2025-01-01"), testing::Pack());
  REQUIRE(r.ok());
  const double truth = 33.33 * std::pow(0.9999, n - 2);
  CheckContains(r->effective_listed, truth);
  CHECK_FALSE(r->effective_listed.exact);
  REQUIRE(r->listed_owners.size() == 1);
  CHECK(r->listed_owners[0].paths.size() == 1);
  CHECK(r->listed_owners[0].paths[0].hops.size() == static_cast<size_t>(n));
}

TEST_CASE("solver: a 50-company ring is solved iteratively, bounds around the exact value") {
  const int n = 51;  // c0 listed; c1..c50 in a ring, each holding 50 % of the next
  PartyNetwork net = Parties(n);
  Listed(&net, Id(0));
  Owns(&net, 0, 1, "40");
  for (int i = 1; i <= 50; ++i) Owns(&net, i, i == 50 ? 1 : i + 1, "50");
  auto g = Build(std::move(net));
  auto r = g->Ownership(Id(1), D("2025-01-01"), testing::Pack());
  REQUIRE(r.ok());
  CheckContains(r->effective_listed, 40.0 / (1 - std::pow(0.5, 50)));
  CHECK_FALSE(r->effective_listed.exact);
  CHECK_FALSE(r->notes.empty());
}

TEST_CASE("solver: a three-company cycle with an unknown share inside it") {
  // c1 -> c2 -> c3 -> c1, the last share unknown; c0 (listed) holds 30 % of c1.
  PartyNetwork net = Parties(4);
  Listed(&net, Id(0));
  Owns(&net, 0, 1, "30");
  Owns(&net, 1, 2, "60");
  Owns(&net, 2, 3, "60");
  Link unknown;
  unknown.from = Id(3);
  unknown.to = Id(1);
  unknown.relation = Relation::kOwns;
  REQUIRE(net.AddLink(unknown).ok());
  auto g = Build(std::move(net));
  auto r = g->Ownership(Id(1), D("2025-01-01"), testing::Pack());
  REQUIRE(r.ok());
  // Lower: the unknown stake counts 0, so 30 %. Upper: c3 holds the other 70 % of c1:
  // h1 = 0.3 + 0.7 · 0.36 h1  =>  h1 = 0.3 / 0.748.
  CHECK(r->effective_listed.low_pct == testing::R("30"));
  CHECK(r->effective_listed.high_pct.ToDouble() >= 100 * 0.3 / 0.748 - 1e-9);
  CHECK(r->effective_listed.high_pct.ToDouble() < 100 * 0.3 / 0.748 + 1e-6);
}

}  // namespace
}  // namespace chokepoint
