#include "graph/signals.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace chokepoint::graph {

namespace {

constexpr int kDownstreamHops = 4;
// Bounds that keep a trace through a distributor hub fast: the nearest consignees are examined,
// and an ownership cycle is looked for among the first parties owned downstream.
constexpr size_t kMaxSubjects = 64;
constexpr size_t kCycleSearchLimit = 256;
constexpr size_t kMaxNamed = 5;  // parties named in one detail before "and N more"

bool IsRole(Relation r) { return r == Relation::kDirectorOf || r == Relation::kOfficerOf; }

class SignalFinder {
 public:
  SignalFinder(const PartyGraph::Impl& g, Date day, const RulePack& pack, const SignalOptions& o)
      : g_(g), day_(day), pack_(pack), o_(o) {}

  std::vector<Signal> Run(uint32_t party) {
    for (uint32_t p : Subjects(party)) {
      RecentlyIncorporated(p);
      SharedWithListed(p);
      Officers(p);
      FunnelAndHub(p);
      Circular(p);
      if (auto it = g_.mass_address.find(p); it != g_.mass_address.end()) {
        Add("mass-registration-address", p,
            "address '" + g_.party(p).address + "' is shared by " + std::to_string(it->second) +
                " parties (a formation agent's or virtual office's address is typical of shells)");
      }
    }
    return std::move(out_);
  }

 private:
  template <typename F>
  void ForLinks(uint32_t p, F&& f) const {
    for (auto e : boost::make_iterator_range(boost::out_edges(p, g_.csr))) {
      const LinkRec& l = g_.link(g_.csr[e]);
      if (LinkActive(l, day_)) f(l, boost::target(e, g_.csr), false);
    }
    for (auto e : boost::make_iterator_range(boost::in_edges(p, g_.csr))) {
      const LinkRec& l = g_.link(g_.csr[e]);
      if (LinkActive(l, day_)) f(l, boost::source(e, g_.csr), true);
    }
  }

  void Add(const char* code, uint32_t p, std::string detail) {
    out_.push_back(Signal{code, g_.party(p).id, std::move(detail)});
  }

  std::string Name(uint32_t p) const { return g_.party(p).name; }

  std::string ListedText(uint32_t p) const {
    std::string s = Name(p) + " (";
    auto listings = g_.ActiveListings(p, day_, ListFilter());
    for (size_t i = 0; i < listings.size(); ++i) s += (i ? ", " : "") + listings[i]->source;
    return s + ")";
  }

  bool Listed(uint32_t p) const { return g_.ListedOn(p, day_, ListFilter()); }

  bool HighRisk(const std::string& cc, std::string* why) const {
    if (cc.empty()) return false;
    if (std::find(o_.high_risk_countries.begin(), o_.high_risk_countries.end(), cc) !=
        o_.high_risk_countries.end()) {
      *why = cc;
      return true;
    }
    for (const auto& m : pack_.GroupsOf(cc, day_)) {
      if (std::find(o_.high_risk_groups.begin(), o_.high_risk_groups.end(), m.group) !=
          o_.high_risk_groups.end()) {
        *why = cc + ", Country Group " + m.group;
        return true;
      }
    }
    return false;
  }

  std::vector<uint32_t> Subjects(uint32_t party) const {
    std::vector<uint32_t> order{party};
    if (!o_.downstream) return order;
    std::unordered_set<uint32_t> seen{party};
    for (size_t i = 0, depth_end = 1, depth = 0;
         i < order.size() && depth < kDownstreamHops && order.size() < kMaxSubjects;) {
      for (auto e : boost::make_iterator_range(boost::out_edges(order[i], g_.csr))) {
        const LinkRec& l = g_.link(g_.csr[e]);
        if (l.relation == Relation::kShipsTo && LinkActive(l, day_) && seen.insert(l.to).second) {
          order.push_back(l.to);
          if (order.size() == kMaxSubjects) break;
        }
      }
      if (++i == depth_end) {
        depth_end = order.size();
        ++depth;
      }
    }
    return order;
  }

  void RecentlyIncorporated(uint32_t p) {
    const Party& party = g_.party(p);
    if (!party.incorporated || *party.incorporated > day_) return;
    if (!g_.HasLinks(p, Relation::kShipsTo, true)) return;
    const LinkRec* first = nullptr;
    ForLinks(p, [&](const LinkRec& l, uint32_t, bool reverse) {
      if (l.relation != Relation::kShipsTo || !reverse || l.dates.from == Date::Min()) return;
      if (!first || l.dates.from < first->dates.from) first = &l;
    });
    if (!first) return;
    const int32_t days = first->dates.from.days() - party.incorporated->days();
    if (days < 0 || days >= o_.recent_incorporation_days) return;
    Add("recently-incorporated", p,
        Name(p) + " was incorporated on " + party.incorporated->ToString() + ", " +
            std::to_string(days) + " days before its first recorded shipment (" +
            first->dates.from.ToString() + ", from " + Name(first->from) + ")");
  }

  void SharedWithListed(uint32_t p) {
    bool any = false;
    for (Relation r : {Relation::kSameAddress, Relation::kSameContact}) {
      any = any || g_.HasLinks(p, r, true) || g_.HasLinks(p, r, false);
    }
    if (!any) return;
    ForLinks(p, [&](const LinkRec& l, uint32_t other, bool) {
      if (l.relation != Relation::kSameAddress && l.relation != Relation::kSameContact) return;
      if (!Listed(other)) return;
      const bool addr = l.relation == Relation::kSameAddress;
      const std::string& ev = g_.net.strings.Get(l.evidence);
      Add(addr ? "shares-address-with-listed" : "shares-contact-with-listed", p,
          Name(p) + " shares " + (ev.empty() ? (addr ? "an address" : "a contact") : ev) +
              " with listed " + ListedText(other));
    });
  }

  void Officers(uint32_t p) {
    if (!g_.HasLinks(p, Relation::kDirectorOf, true) &&
        !g_.HasLinks(p, Relation::kOfficerOf, true)) {
      return;
    }
    std::set<uint32_t> people;
    ForLinks(p, [&](const LinkRec& l, uint32_t other, bool reverse) {
      if (IsRole(l.relation) && reverse) people.insert(other);
    });
    for (uint32_t person : people) {
      std::set<uint32_t> companies;
      ForLinks(person, [&](const LinkRec& l, uint32_t other, bool reverse) {
        if (IsRole(l.relation) && !reverse) companies.insert(other);
      });
      for (uint32_t c : companies) {
        if (c != p && Listed(c)) {
          Add("shares-officer-with-listed", p,
              Name(person) + " is director or officer of both " + Name(p) + " and listed " +
                  ListedText(c));
        }
      }
      if (companies.size() >= o_.nominee_min_companies) {
        Add("nominee-director", p,
            Name(person) + " is director or officer of " + std::to_string(companies.size()) +
                " companies on " + day_.ToString() + " (nominee-style directorship)");
      }
    }
  }

  void FunnelAndHub(uint32_t p) {
    if (!g_.HasLinks(p, Relation::kShipsTo, true) || !g_.HasLinks(p, Relation::kShipsTo, false))
      return;
    // Sorted vectors, not sets: a hub has thousands of partners and this runs for every trace.
    std::vector<uint32_t> suppliers, consignees;
    ForLinks(p, [&](const LinkRec& l, uint32_t other, bool reverse) {
      if (l.relation != Relation::kShipsTo) return;
      (reverse ? suppliers : consignees).push_back(other);
    });
    for (auto* v : {&suppliers, &consignees}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    if (suppliers.empty() || consignees.empty()) return;
    std::string onward;
    size_t risky = 0;
    for (uint32_t c : consignees) {
      std::string why, text;
      if (Listed(c))
        text = ListedText(c);
      else if (HighRisk(g_.party(c).country, &why))
        text = Name(c) + " (" + why + ")";
      if (text.empty() || ++risky > kMaxNamed) continue;
      onward += (onward.empty() ? "" : ", ") + text;
    }
    if (risky > kMaxNamed) onward += " and " + std::to_string(risky - kMaxNamed) + " more";
    auto names = [&](const std::vector<uint32_t>& s) {
      std::string t;
      size_t shown = 0;
      for (uint32_t x : s) {
        if (shown++ == kMaxNamed)
          return t + " and " + std::to_string(s.size() - kMaxNamed) + " more";
        t += (t.empty() ? "" : ", ") + Name(x);
      }
      return t;
    };
    if (suppliers.size() >= o_.funnel_min_suppliers && !onward.empty()) {
      Add("funnel", p,
          Name(p) + " receives from " + std::to_string(suppliers.size()) + " suppliers (" +
              names(suppliers) + ") and ships onward to " + onward);
    }
    const std::string& cc = g_.party(p).country;
    if (cc.empty() || std::find(o_.transshipment_hubs.begin(), o_.transshipment_hubs.end(), cc) ==
                          o_.transshipment_hubs.end()) {
      return;
    }
    std::set<std::string> from, to;
    for (uint32_t s : suppliers) {
      if (!g_.party(s).country.empty() && g_.party(s).country != cc)
        from.insert(g_.party(s).country);
    }
    for (uint32_t c : consignees) {
      if (!g_.party(c).country.empty() && g_.party(c).country != cc) to.insert(g_.party(c).country);
    }
    if (from.empty() || to.empty()) return;
    auto join = [](const std::set<std::string>& s) {
      std::string t;
      for (const auto& x : s) t += (t.empty() ? "" : ", ") + x;
      return t;
    };
    Add("transshipment-hub", p,
        Name(p) + " in hub country " + cc + " receives from " + join(from) + " (" +
            names(suppliers) + ") and ships to " + join(to) + " (" + names(consignees) + ")");
  }

  // Is p reachable from itself over owns links? Reports the first cycle found.
  void Circular(uint32_t p) {
    if (!g_.HasLinks(p, Relation::kOwns, false) || !g_.HasLinks(p, Relation::kOwns, true)) return;
    std::unordered_set<uint32_t> seen{p};
    std::vector<std::pair<uint32_t, uint32_t>> queue{{p, kNone}};  // (party, index of parent)
    for (size_t i = 0; i < queue.size() && queue.size() < kCycleSearchLimit; ++i) {
      for (auto e : boost::make_iterator_range(boost::out_edges(queue[i].first, g_.csr))) {
        const LinkRec& l = g_.link(g_.csr[e]);
        if (l.relation != Relation::kOwns || !LinkActive(l, day_)) continue;
        if (l.to == p) {
          std::vector<std::string> chain;
          for (uint32_t k = static_cast<uint32_t>(i); k != kNone; k = queue[k].second) {
            chain.push_back(Name(queue[k].first));
          }
          std::reverse(chain.begin(), chain.end());
          chain.push_back(Name(p));
          std::string text;
          for (size_t k = 0; k < chain.size(); ++k) text += (k ? " owns part of " : "") + chain[k];
          Add("circular-ownership", p, "ownership loops back: " + text);
          return;
        }
        if (seen.insert(l.to).second) queue.emplace_back(l.to, static_cast<uint32_t>(i));
      }
    }
  }

  const PartyGraph::Impl& g_;
  Date day_;
  const RulePack& pack_;
  const SignalOptions& o_;
  std::vector<Signal> out_;
};

}  // namespace

std::vector<Signal> ComputeSignals(const PartyGraph::Impl& g, uint32_t party, Date day,
                                   const RulePack& pack, const SignalOptions& options) {
  return SignalFinder(g, day, pack, options).Run(party);
}

}  // namespace chokepoint::graph

namespace chokepoint {

Result<std::vector<Signal>> PartyGraph::Signals(std::string_view party_id, Date as_of,
                                                const RulePack& pack,
                                                const SignalOptions& options) const {
  const uint32_t p = impl_->net.Find(party_id);
  if (p == graph::kNone) return Status::NotFound("unknown party '" + std::string(party_id) + "'");
  return graph::ComputeSignals(*impl_, p, as_of, pack, options);
}

}  // namespace chokepoint
