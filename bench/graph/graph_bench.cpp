// Party-network benchmark: builds a generated network (default 1,000,000 parties and 3,000,000
// links), then measures build time, memory, trace latency (K = 4) and effective ownership of
// every party.
//   graph_bench [parties] [traces]
// The network imitates corporate registries: companies in groups of about 20 with ownership
// trees (shares to two decimals, 5 % unknown, a few cross-holdings), people holding board seats
// (a few nominees with dozens), shipping links concentrated on distributor hubs, shared addresses
// and phones, and 0.5 % of parties listed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "chokepoint/graph.h"
#include "chokepoint/rules.h"

using namespace chokepoint;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Resident and peak resident memory in MB, from /proc/self/status.
std::pair<double, double> MemoryMb() {
  std::ifstream in("/proc/self/status");
  double rss = 0, hwm = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atof(line.c_str() + 6) / 1024;
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atof(line.c_str() + 6) / 1024;
  }
  return {rss, hwm};
}

std::string Id(size_t i) { return "p" + std::to_string(i); }

class Generator {
 public:
  explicit Generator(size_t n) : n_(n), rng_(20251125) {}

  PartyNetwork Make() {
    PartyNetwork net;
    const char* countries[] = {"US", "CN", "HK", "SG", "MY", "AE", "DE", "GB",
                               "JP", "RU", "IN", "TR", "KR", "TW", "VN", "NL"};
    for (size_t i = 0; i < n_; ++i) {
      Party p;
      p.id = Id(i);
      const bool person = Pick(5) == 0;
      p.kind = person ? PartyKind::kPerson : PartyKind::kCompany;
      p.name = (person ? "Person " : "Company ") + std::to_string(i) + (person ? "" : " Ltd");
      p.country = countries[Pick(std::size(countries))];
      if (!person) {
        if (Pick(100) < 2)
          p.address = std::to_string(Pick(n_ / 5000 + 1)) + " Shared Road, Hub City";
        else if (Pick(10000) == 0)
          p.address = "1 Formation Agent Road, Road Town";
        else
          p.address = std::to_string(i) + " Main Street, City " + std::to_string(i % 997);
        p.incorporated = Date::FromYmd(1990 + static_cast<int>(Pick(35)), 1, 1)
                             .AddDays(static_cast<int32_t>(Pick(365)));
        if (Pick(10) < 3) {
          p.identifiers.push_back(
              {"phone", "+65 " + std::to_string(Pick(100) == 0 ? Pick(5000) : 10000000 + i)});
        }
      }
      (void)net.AddParty(std::move(p));
      if (Pick(200) == 0) {
        ListingRef l;
        l.source = Pick(2) ? "SDN" : "Entity List";
        l.source_code = l.source == "SDN" ? "SDN" : "EL";
        l.list_id = "L" + std::to_string(i);
        l.name = "Listed " + std::to_string(i);
        l.start_date = Date::FromYmd(2010, 1, 1).AddDays(static_cast<int32_t>(Pick(5500)));
        (void)net.MarkListed(Id(i), std::move(l));
      }
    }
    const size_t target = 3 * n_;
    size_t links = 0;
    auto add = [&](size_t from, size_t to, Relation rel, std::optional<Rational> share) {
      if (from == to || links >= target) return;
      Link l;
      l.from = Id(from);
      l.to = Id(to);
      l.relation = rel;
      l.share_pct = share;
      if (Pick(2))
        l.dates.from = Date::FromYmd(2015, 1, 1).AddDays(static_cast<int32_t>(Pick(3650)));
      if (Pick(10) < 3) l.dates.to = l.dates.from.AddDays(static_cast<int32_t>(365 + Pick(3000)));
      if (l.dates.from == Date::Min()) l.dates.to = Date::Max();
      l.source = kSources[Pick(std::size(kSources))];
      if (net.AddLink(std::move(l)).ok()) ++links;
    };
    // Ownership: groups of about 20 consecutive parties, each company owned by one or two
    // earlier members of its group (a tree plus extra stakes), now and then from another group
    // or back up the tree (a cross-holding cycle).
    for (size_t i = 0; i < n_; ++i) {
      const size_t group = i - i % 20;
      if (i == group) continue;
      const int owners = Pick(3) == 0 ? 2 : 1;
      for (int k = 0; k < owners; ++k) {
        size_t owner = group + Pick(i - group);
        if (Pick(20) == 0) owner = Pick(n_);
        add(owner, i, Relation::kOwns, Share(owners));
      }
      if (Pick(1000) == 0) add(i, group + Pick(i - group), Relation::kOwns, Share(4));
    }
    // Board seats: people direct two companies on average; 0.05 % are nominees with 40 seats.
    for (size_t i = 0; i < n_ && links < target; i += 5) {
      const int seats = Pick(2000) == 0 ? 40 : 1 + static_cast<int>(Pick(3));
      for (int k = 0; k < seats; ++k) {
        add(i, Pick(n_), Pick(2) ? Relation::kDirectorOf : Relation::kOfficerOf, std::nullopt);
      }
    }
    // The rest: shipments (a fifth of them into 1,000 distributor hubs), agents, fronts, parents.
    while (links < target) {
      const uint64_t r = Pick(100);
      if (r < 85) {
        add(Pick(n_), Pick(5) == 0 ? Pick(1000) * (n_ / 1000) : Pick(n_), Relation::kShipsTo,
            std::nullopt);
      } else if (r < 93) {
        add(Pick(n_), Pick(n_), Relation::kAgentFor, std::nullopt);
      } else if (r < 97) {
        add(Pick(n_), Pick(n_), Relation::kParentOf, std::nullopt);
      } else {
        add(Pick(n_), Pick(n_), Relation::kFrontFor, std::nullopt);
      }
    }
    return net;
  }

  uint64_t Pick(uint64_t bound) { return bound == 0 ? 0 : rng_() % bound; }

 private:
  std::optional<Rational> Share(int owners) {
    if (Pick(20) == 0) return std::nullopt;  // unknown share
    const int64_t max_hundredths = 10000 / owners;
    return Rational(static_cast<int64_t>(1 + Pick(static_cast<uint64_t>(max_hundredths)))) /
           Rational(100);
  }

  static constexpr const char* kSources[] = {"registry extract 2024-05", "annual report 2023",
                                             "customs records", "press report", "court filing"};
  size_t n_;
  std::mt19937_64 rng_;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const size_t traces = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 2000;
  if (n < 1000) {
    std::fprintf(stderr, "usage: graph_bench [parties >= 1000] [traces]\n");
    return 2;
  }
  auto pack = RulePack::Load(std::string(CHOKEPOINT_SOURCE_DIR) + "/rules/ear");
  if (!pack.ok()) {
    std::fprintf(stderr, "%s\n", pack.status().ToString().c_str());
    return 3;
  }
  auto t0 = Clock::now();
  Generator gen(n);
  PartyNetwork net = gen.Make();
  const double fill = Seconds(t0);
  const size_t explicit_links = net.link_count();
  auto t1 = Clock::now();
  auto built = PartyGraph::Build(std::move(net));
  const double build = Seconds(t1);
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.status().ToString().c_str());
    return 3;
  }
  const PartyGraph& g = **built;
  auto [rss, hwm] = MemoryMb();
  std::printf("parties %zu, links %zu (+%zu derived)\n", g.party_count(), explicit_links,
              g.derived_link_count());
  std::printf("load: fill network %.2f s, build graph %.2f s (total %.2f s)\n", fill, build,
              fill + build);
  std::printf("memory: RSS %.0f MB, peak %.0f MB\n", rss, hwm);

  const Date day = Date::FromYmd(2025, 10, 15);
  std::vector<std::string> ids;
  for (size_t i = 0; i < traces; ++i) ids.push_back(Id(gen.Pick(n)));
  std::vector<double> ms;
  size_t findings = 0, signals = 0;
  for (const std::string& id : ids) {
    auto t = Clock::now();
    auto r = g.Trace(id, day, **pack);
    ms.push_back(Seconds(t) * 1000);
    if (r.ok()) {
      findings += r->findings.size();
      signals += r->signals.size();
    }
  }
  std::printf(
      "trace K=4 (%zu random parties, with ownership report and signals): p50 %.3f ms, "
      "p99 %.3f ms, max %.3f ms; %.1f findings and %.1f signals per trace\n",
      traces, Percentile(ms, 0.5), Percentile(ms, 0.99), Percentile(ms, 1.0),
      static_cast<double>(findings) / static_cast<double>(traces),
      static_cast<double>(signals) / static_cast<double>(traces));

  // The same parties again, for the parts of a trace: ownership report and signals alone.
  std::vector<double> own_ms, sig_ms;
  for (const std::string& id : ids) {
    auto t = Clock::now();
    (void)g.Ownership(id, day, **pack);
    own_ms.push_back(Seconds(t) * 1000);
    t = Clock::now();
    (void)g.Signals(id, day, **pack);
    sig_ms.push_back(Seconds(t) * 1000);
  }
  std::printf(
      "  of which ownership report p50 %.3f / p99 %.3f ms, signals p50 %.3f / p99 %.3f ms\n",
      Percentile(own_ms, 0.5), Percentile(own_ms, 0.99), Percentile(sig_ms, 0.5),
      Percentile(sig_ms, 0.99));

  auto t2 = Clock::now();
  auto all = g.EffectiveListedOwnershipAll(day);
  const double own = Seconds(t2);
  size_t owned = 0, covered = 0, bounded = 0, inexact = 0;
  for (const auto& b : all) {
    owned += !b.high_pct.IsZero();
    covered += b.low_pct >= Rational(50);
    bounded += !b.known();
    inexact += !b.exact;
  }
  std::printf(
      "effective ownership, every party: %.2f s; %zu with listed owners, %zu at 50 %% or "
      "more, %zu bounded by unknown shares, %zu rounded\n",
      own, owned, covered, bounded, inexact);
  auto [rss2, hwm2] = MemoryMb();
  std::printf("memory after all: RSS %.0f MB, peak %.0f MB\n", rss2, hwm2);
  return 0;
}
