// ShipmentAuditor: the item, the destination, the parties and the network behind them, as of a
// day, each finding with its rule, list entry and path.
#include <algorithm>
#include <array>
#include <functional>
#include <mutex>
#include <shared_mutex>

#include "audit/red_flags.h"
#include "chokepoint/classify.h"
#include "chokepoint/json.h"
#include "chokepoint/shipment_audit.h"
#include "graph/graph_internal.h"

namespace chokepoint {

namespace {

constexpr std::array<const char*, 4> kVerdictNames = {"CLEAR", "REVIEW", "LICENSE_REQUIRED",
                                                      "PROHIBITED"};

// Findings per party from the network: the strongest few are what a reviewer reads.
constexpr size_t kMaxTraceFindingsPerParty = 3;

struct PartyRule {
  const VerdictRule* rule;
  graph::ListFilter filter;
  Verdict verdict;
};

struct Role {
  std::string name;  // "consignee", "intermediary[1]", joined when one party fills several
  const ShipmentParty* party;
  const AuditPartyProfile* profile;
  bool trace;  // the exporter is the shipper: tracing it would reach everyone it ships to
};

std::string Score2(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

const char* VerdictName(Verdict verdict) { return kVerdictNames[static_cast<size_t>(verdict)]; }

std::optional<Verdict> ParseVerdict(std::string_view text) {
  for (size_t i = 0; i < kVerdictNames.size(); ++i) {
    if (text == kVerdictNames[i]) return static_cast<Verdict>(i);
  }
  if (text == "review") return Verdict::kReview;
  if (text == "license-required") return Verdict::kLicenseRequired;
  if (text == "prohibited") return Verdict::kProhibited;
  return std::nullopt;
}

struct ShipmentAuditor::Impl {
  Setup setup;
  Classifier classifier;
  std::vector<PartyRule> party_rules;
  std::vector<const VerdictRule*> destination_rules;
  TraceOptions trace_options;
  SignalOptions signal_options;

  // A ledger names the same parties on line after line, often on the same day; a trace depends
  // only on the party and the day, so each (party, day) is traced once. Sharded to keep threads
  // apart; a shard is emptied when full (ledgers are mostly chronological: old days rarely return).
  // Only what a line's findings are made of is kept.
  struct PartyTrace {
    std::vector<TraceFinding> findings;
    std::vector<RuleApplication> ownership_rules;
    std::vector<Signal> signals;  // the party's own
  };
  struct TraceShard {
    std::mutex mu;
    std::unordered_map<std::string, std::shared_ptr<const PartyTrace>> traces;
  };
  static constexpr size_t kTraceShards = 64;
  static constexpr size_t kTracesPerShard = 256;
  mutable std::array<TraceShard, kTraceShards> trace_cache;
  std::shared_ptr<const PartyTrace> TraceOf(const std::string& graph_id, Date day) const;

  mutable std::shared_mutex items_mu;
  mutable std::unordered_map<std::string, Result<ResolvedItem>> items;

  explicit Impl(Setup s) : setup(std::move(s)), classifier(setup.rules) {
    for (const VerdictRule& r : setup.rules->verdict_rules()) {
      if (!r.destinations.empty()) {
        destination_rules.push_back(&r);
      } else {
        party_rules.push_back(
            {&r, graph::ListFilter(r.lists == "*" ? "" : r.lists), *ParseVerdict(r.verdict)});
      }
    }
    trace_options.max_hops = setup.options.max_hops;
    trace_options.min_strength = setup.options.min_trace_strength;
    trace_options.max_findings = 10;
    // Who ships *to* a party says nothing about whom it works for.
    trace_options.weights[static_cast<size_t>(Relation::kShipsTo)].reverse = 0;
    // Each party downstream is judged on its own line, and only the party's signals are kept.
    signal_options.downstream = false;
  }

  Result<ResolvedItem> ResolveItem(const std::string& item) const {
    {
      std::shared_lock lock(items_mu);
      auto it = items.find(item);
      if (it != items.end()) return it->second;
    }
    Result<ResolvedItem> resolved = setup.resolve_item
                                        ? setup.resolve_item(item)
                                        : Result<ResolvedItem>(Status::InvalidArgument(
                                              "no item resolver: cannot read '" + item + "'"));
    std::unique_lock lock(items_mu);
    return items.emplace(item, std::move(resolved)).first->second;
  }

  // The most severe party rule in force on `day` whose lists hold `listing`.
  const PartyRule* RuleFor(const ListingRef& listing, Date day) const {
    const PartyRule* best = nullptr;
    for (const PartyRule& r : party_rules) {
      if (r.rule->info->StandingOn(day) != RuleStanding::kInForce) continue;
      if (!r.filter.Matches(listing)) continue;
      if (best == nullptr || r.verdict > best->verdict) best = &r;
    }
    return best;
  }

  void CheckItem(const Shipment& s, Date day, ShipmentResult* out) const;
  void CheckDestination(const Shipment& s, Date day, ShipmentResult* out) const;
  void CheckParties(const Shipment& s, Date day, ShipmentResult* out) const;
  // Screens a party no profile was prepared for (an API call) and finds it in the graph.
  AuditPartyProfile Profile(const ShipmentParty& p) const;
  void ScreenParty(const Role& role, const AuditPartyProfile& profile, Date day,
                   std::vector<std::string>* hit_ids, ShipmentResult* out) const;
  void TraceParty(const Role& role, const AuditPartyProfile& profile, Date day,
                  const std::vector<std::string>& hit_ids, ShipmentResult* out) const;
};

void ShipmentAuditor::Impl::CheckItem(const Shipment& s, Date day, ShipmentResult* out) const {
  auto item = ResolveItem(s.item);
  if (!item.ok()) {
    out->findings.push_back({"item-unresolved",
                             Verdict::kReview,
                             "",
                             "",
                             "item '" + s.item + "': " + item.status().message(),
                             "",
                             "",
                             "",
                             {}});
    return;
  }
  if (!item->spec) {
    out->eccn = item->declared_eccn;
    return;
  }
  // Licences follow the ultimate destination: the end user's country when the ledger names one
  // that differs from the ship-to country.
  std::vector<std::string> destinations;
  if (!s.destination_country.empty()) destinations.push_back(s.destination_country);
  if (!s.end_user.country.empty() && setup.rules->TreatedAs(s.end_user.country, day) !=
                                         setup.rules->TreatedAs(s.destination_country, day)) {
    destinations.push_back(s.end_user.country);
  }
  if (destinations.empty()) destinations.emplace_back();
  ClassifyOptions options;
  options.explain = false;
  for (size_t d = 0; d < destinations.size(); ++d) {
    ClassifyRequest req;
    req.item = *item->spec;
    req.as_of = day;
    if (!destinations[d].empty()) req.destination = destinations[d];
    // The ledger does not say where the buyer's parent is headquartered; the end user's (else the
    // consignee's) own country stands in, and a parent elsewhere must come from the network.
    for (const ShipmentParty* p : {&s.end_user, &s.consignee, &s.buyer}) {
      if (!req.headquarters && !p->country.empty()) req.headquarters = p->country;
    }
    // A shipment ledger is kept by a seller of finished parts, not a foundry or OSAT, unless its
    // exporter_role column says so (the foundry presumption turns on it).
    req.exporter_role = s.exporter_role.empty() ? "distributor" : s.exporter_role;
    auto c = classifier.Classify(req, options);
    if (c.ok() && !c->determinate) c = classifier.Classify(req);  // for the missing facts' names
    if (!c.ok()) {
      out->findings.push_back({"item-unresolved",
                               Verdict::kReview,
                               "",
                               "",
                               "item '" + s.item + "': " + c.status().message(),
                               "",
                               "",
                               "",
                               {}});
      return;
    }
    if (d == 0) {
      out->eccn = c->eccn;
      out->license_required = c->license_required;
    } else if (c->license_required.value_or(false)) {
      out->license_required = true;
    }
    const std::string where = d == 0 ? "" : " (the end user's country)";
    if (c->license_required.value_or(false)) {
      AuditFinding f{"license-required", Verdict::kLicenseRequired, "", "", "", "", "", "", {}};
      for (const AppliedRule& r : c->rules) {
        if (r.kind == RuleKind::kLicense && f.rule.empty()) {
          f.rule = r.id;
          f.citation = r.citation;
        }
      }
      f.detail = item->spec->name + " is " + c->eccn + " on " + day.ToString() +
                 ": licence required for " + destinations[d] + where +
                 (c->policy.empty() ? "" : "; review policy: " + c->policy) +
                 (c->license_exceptions.empty() ? "" : "; exceptions to check: " + [&] {
                   std::string e;
                   for (const auto& x : c->license_exceptions) e += (e.empty() ? "" : ", ") + x;
                   return e;
                 }());
      out->findings.push_back(std::move(f));
    } else if (!c->determinate) {
      std::string missing;
      for (const auto& w : c->warnings) missing += (missing.empty() ? "" : "; ") + w;
      out->findings.push_back({"classification-indeterminate",
                               Verdict::kReview,
                               "",
                               "",
                               item->spec->name + " for " +
                                   (destinations[d].empty() ? "no destination" : destinations[d]) +
                                   where + ": " +
                                   (missing.empty() ? "a figure is missing" : missing),
                               "",
                               "",
                               "",
                               {}});
    }
  }
}

void ShipmentAuditor::Impl::CheckDestination(const Shipment& s, Date day,
                                             ShipmentResult* out) const {
  for (const ShipmentParty* where : {static_cast<const ShipmentParty*>(nullptr), &s.end_user}) {
    const std::string& cc = where ? where->country : s.destination_country;
    if (cc.empty() || (where && cc == s.destination_country)) continue;
    const std::string as = setup.rules->TreatedAs(cc, day);
    std::vector<std::string> places = {cc, as};
    for (const auto& m : setup.rules->GroupsOf(cc, day)) places.push_back(m.group);
    for (const VerdictRule* r : destination_rules) {
      if (r->info->StandingOn(day) != RuleStanding::kInForce) continue;
      auto hit = std::find_first_of(places.begin(), places.end(), r->destinations.begin(),
                                    r->destinations.end());
      if (hit == places.end()) continue;
      out->findings.push_back({"destination",
                               *ParseVerdict(r->verdict),
                               where ? "end_user" : "",
                               where ? where->name : "",
                               (where ? "end user's country " : "destination ") + cc +
                                   (*hit == cc ? "" : " is in " + *hit) + " on " + day.ToString() +
                                   ": " + r->info->title,
                               r->info->id,
                               r->info->citation,
                               "",
                               {}});
    }
  }
}

void ShipmentAuditor::Impl::ScreenParty(const Role& role, const AuditPartyProfile& profile,
                                        Date day, std::vector<std::string>* hit_ids,
                                        ShipmentResult* out) const {
  for (const ScreenHit& hit : profile.hits) {
    if (!hit.entry->ListedOn(day)) continue;
    ListingRef listing = ListingRef::FromEntry(*hit.entry);
    const PartyRule* rule = RuleFor(listing, day);
    const bool certain = hit.score >= setup.options.certain_score;
    AuditFinding f;
    f.code = certain ? "list-hit" : "possible-list-hit";
    f.severity = certain && rule ? rule->verdict : Verdict::kReview;
    f.party_role = role.name;
    f.party_name = role.party->name;
    f.detail = "'" + role.party->name + "' matches " + hit.entry->source + " entry '" +
               hit.entry->name + "'" +
               (hit.matched_name != hit.entry->name ? " (as '" + hit.matched_name + "')" : "") +
               " at " + Score2(hit.score) +
               (hit.entry->start_date ? ", listed " + hit.entry->start_date->ToString() : "") +
               (certain ? ""
                        : "; below " + Score2(setup.options.certain_score) +
                              ": confirm whether it is the same party");
    if (rule) {
      f.rule = rule->rule->info->id;
      f.citation = rule->rule->info->citation;
    }
    f.list_hit_json = ScreenHitToJson(hit);
    out->findings.push_back(std::move(f));
    hit_ids->push_back(hit.entry->source_code + ":" + hit.entry->list_id);
  }
}

void ShipmentAuditor::Impl::TraceParty(const Role& role, const AuditPartyProfile& profile, Date day,
                                       const std::vector<std::string>& hit_ids,
                                       ShipmentResult* out) const {
  if (!setup.graph || profile.graph_id.empty()) return;
  const std::shared_ptr<const PartyTrace> trace = TraceOf(profile.graph_id, day);
  if (!trace) return;
  size_t kept = 0;
  std::vector<std::string> reported;  // one finding per list entry: the strongest path to it
  for (const TraceFinding& t : trace->findings) {
    if (kept == kMaxTraceFindingsPerParty) break;
    const std::string id = t.listing.source_code + ":" + t.listing.list_id;
    // The party's own entry was reported by screening; the path adds nothing unless the entry
    // was found by other evidence (an identifier).
    if (t.hops == 0 && std::find(hit_ids.begin(), hit_ids.end(), id) != hit_ids.end()) continue;
    if (std::find(reported.begin(), reported.end(), id) != reported.end()) continue;
    reported.push_back(id);
    const PartyRule* rule = RuleFor(t.listing, day);
    const RuleApplication* ownership_rule = nullptr;
    for (const RuleApplication& a : trace->ownership_rules) {
      if (a.id == t.rule && a.applies) ownership_rule = &a;
    }
    const bool ownership_rule_applies = ownership_rule != nullptr;
    const bool treated_as_listed =
        t.hops == 0 || t.rule == "acts-for-listed-party" || ownership_rule_applies;
    AuditFinding f;
    f.code = t.hops == 0 ? "list-hit" : "listed-party-behind";
    f.severity = treated_as_listed && rule ? rule->verdict : Verdict::kReview;
    f.party_role = role.name;
    f.party_name = role.party->name;
    std::string how;
    if (t.hops == 0) {
      how = "is the listed party (" + t.listing.evidence + ")";
    } else if (ownership_rule_applies) {
      how = "is owned 50 % or more by listed parties (" + t.rule + ")";
    } else if (t.rule == "acts-for-listed-party") {
      how = "acts for the listed party (front or agent): treated as the listed party";
    } else {
      how = "is tied to the listed party (" + t.rule + ", strength " + Score2(t.strength) +
            "): review the tie";
    }
    f.detail = "'" + role.party->name + "' " + how + ": " + t.listing.name + " (" +
               t.listing.source +
               (t.listing.start_date ? ", listed " + t.listing.start_date->ToString() : "") +
               "), " + std::to_string(t.hops) + " hop" + (t.hops == 1 ? "" : "s");
    if (ownership_rule_applies) {
      f.rule = ownership_rule->id;
      f.citation = ownership_rule->citation;
    } else if (rule) {
      f.rule = rule->rule->info->id;
      f.citation = rule->rule->info->citation;
    }
    f.list_hit_json = ListingRefToJson(t.listing);
    f.path = t.path;
    out->findings.push_back(std::move(f));
    ++kept;
  }
  for (const Signal& sig : trace->signals) {
    out->findings.push_back({"network-signal",
                             Verdict::kReview,
                             role.name,
                             role.party->name,
                             sig.code + ": " + sig.detail,
                             "",
                             "",
                             "",
                             {}});
  }
}

std::shared_ptr<const ShipmentAuditor::Impl::PartyTrace> ShipmentAuditor::Impl::TraceOf(
    const std::string& graph_id, Date day) const {
  std::string key = graph_id;
  key += '|';
  key += std::to_string(day.days());
  TraceShard& shard = trace_cache[std::hash<std::string>{}(key) % kTraceShards];
  {
    std::lock_guard lock(shard.mu);
    if (auto it = shard.traces.find(key); it != shard.traces.end()) return it->second;
  }
  auto trace = setup.graph->Trace(graph_id, day, *setup.rules, trace_options, signal_options);
  if (!trace.ok()) return nullptr;
  auto kept = std::make_shared<PartyTrace>();
  kept->findings = std::move(trace->findings);
  kept->ownership_rules = std::move(trace->ownership.rules);
  for (Signal& sig : trace->signals) {
    if (sig.party_id == graph_id) kept->signals.push_back(std::move(sig));
  }
  std::shared_ptr<const PartyTrace> shared = std::move(kept);
  std::lock_guard lock(shard.mu);
  if (shard.traces.size() >= kTracesPerShard) shard.traces.clear();
  shard.traces.emplace(std::move(key), shared);
  return shared;
}

void ShipmentAuditor::Impl::CheckParties(const Shipment& s, Date day, ShipmentResult* out) const {
  std::vector<Role> roles;
  std::vector<AuditPartyProfile> computed;  // parties the network builder has not seen
  computed.reserve(4 + s.intermediaries.size());
  auto add = [&](std::string name, const ShipmentParty& p, bool trace) {
    if (p.name.empty()) return;
    const AuditPartyProfile* profile = nullptr;
    if (auto it = setup.profiles.find(AuditPartySpelling(p.name, p.country));
        it != setup.profiles.end()) {
      profile = &it->second;
    } else {
      profile = &computed.emplace_back(Profile(p));
    }
    for (Role& r : roles) {
      if (r.profile->key == profile->key) {
        r.name += "," + name;
        r.trace = r.trace || trace;
        return;
      }
    }
    roles.push_back({std::move(name), &p, profile, trace});
  };
  add("exporter", s.exporter, false);
  add("buyer", s.buyer, true);
  for (size_t i = 0; i < s.intermediaries.size(); ++i) {
    add("intermediary[" + std::to_string(i + 1) + "]", s.intermediaries[i], true);
  }
  add("consignee", s.consignee, true);
  add("end_user", s.end_user, true);
  for (const Role& role : roles) {
    std::vector<std::string> hit_ids;
    ScreenParty(role, *role.profile, day, &hit_ids, out);
    if (role.trace) TraceParty(role, *role.profile, day, hit_ids, out);
  }
}

AuditPartyProfile ShipmentAuditor::Impl::Profile(const ShipmentParty& p) const {
  AuditPartyProfile profile;
  profile.key = AuditPartyKey(p.name, p.country);
  ScreenQuery q;
  q.name = p.name;
  if (!p.country.empty()) q.country = p.country;
  q.any_date = true;
  q.threshold = setup.options.screen_threshold;
  profile.hits = setup.index->Screen(q);
  if (setup.graph) {
    if (auto id = setup.graph->ResolveParty(p.name); id.ok()) {
      const Party* known = setup.graph->FindParty(*id);
      if (known &&
          AuditPartyKey(known->name, p.country.empty() ? "" : known->country) == profile.key) {
        profile.graph_id = *id;
      }
    }
  }
  return profile;
}

ShipmentAuditor::ShipmentAuditor(Setup setup) : impl_(std::make_unique<Impl>(std::move(setup))) {}
ShipmentAuditor::~ShipmentAuditor() = default;

const RulePack& ShipmentAuditor::rules() const { return *impl_->setup.rules; }

Result<ShipmentResult> ShipmentAuditor::Check(const Shipment& shipment,
                                              std::optional<Date> as_of) const {
  if (!impl_->setup.rules || !impl_->setup.index) {
    return Status::InvalidArgument("ShipmentAuditor needs rules and a screening index");
  }
  ShipmentResult out;
  out.shipment_id = shipment.shipment_id;
  out.ship_date = shipment.ship_date;
  out.as_of = as_of.value_or(shipment.ship_date);
  out.line = shipment.line;
  impl_->CheckItem(shipment, out.as_of, &out);
  impl_->CheckDestination(shipment, out.as_of, &out);
  impl_->CheckParties(shipment, out.as_of, &out);
  audit::AddRedFlags(shipment, out.as_of, *impl_->setup.rules, &out);
  std::stable_sort(
      out.findings.begin(), out.findings.end(),
      [](const AuditFinding& a, const AuditFinding& b) { return a.severity > b.severity; });
  out.verdict = out.findings.empty() ? Verdict::kClear : out.findings.front().severity;
  return out;
}

}  // namespace chokepoint
