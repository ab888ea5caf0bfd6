// The trace and ownership JSON documents (docs/interfaces "Party network and tracing"). Keys are
// in a fixed order and numbers come from exact values, so the same result prints the same bytes.
#include "chokepoint/json.h"
#include "codec/hit_json.h"

namespace chokepoint {

namespace {

using codec::Json;

Json Pct(const Rational& r) { return codec::Number(r, 4); }

Json Strength(double s) { return codec::Score(s); }

Json DateOrNull(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

Json RangeEnd(Date d, bool start) {
  if (d == (start ? Date::Min() : Date::Max())) return Json(nullptr);
  return Json(d.ToString());
}

// The HIT shape, with the listing's end date and the evidence for taking the party as listed.
Json Hit(const ListingRef& l) {
  Json j = codec::HitJson({.list_id = l.list_id,
                           .source = l.source,
                           .source_code = l.source_code,
                           .name = l.name,
                           .matched_name = l.matched_name.empty() ? l.name : l.matched_name,
                           .score = l.score,
                           .type = l.type,
                           .programs = l.programs,
                           .countries = l.countries,
                           .start_date = l.start_date,
                           .end_date = &l.end_date,
                           .snapshot_id = l.snapshot_id});
  if (!l.evidence.empty()) j["evidence"] = l.evidence;
  return j;
}

Json PartyJson(const Party& p, const std::vector<ListingRef>& listings) {
  Json j;
  j["id"] = p.id;
  j["name"] = p.name;
  j["kind"] = PartyKindName(p.kind);
  j["country"] = p.country.empty() ? Json(nullptr) : Json(p.country);
  j["address"] = p.address;
  j["incorporated"] = DateOrNull(p.incorporated);
  Json ids = Json::array();
  for (const auto& id : p.identifiers) ids.push_back(id.scheme + ":" + id.value);
  j["identifiers"] = std::move(ids);
  Json hits = Json::array();
  for (const auto& l : listings) hits.push_back(Hit(l));
  j["listed"] = std::move(hits);
  return j;
}

Json Path(const std::vector<PathHop>& hops) {
  Json arr = Json::array();
  for (const auto& h : hops) {
    Json j;
    j["party"] = {{"id", h.party_id}, {"name", h.party_name}};
    j["relation"] = h.relation ? Json(RelationName(*h.relation)) : Json(nullptr);
    j["direction"] = h.relation ? Json(h.reverse ? "reverse" : "forward") : Json(nullptr);
    j["share_pct"] = h.share_pct ? Pct(*h.share_pct) : Json(nullptr);
    j["start_date"] = h.relation ? RangeEnd(h.dates.from, true) : Json(nullptr);
    j["end_date"] = h.relation ? RangeEnd(h.dates.to, false) : Json(nullptr);
    j["source"] = h.source;
    j["evidence"] = h.evidence;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json Bounds(const ShareBounds& b) {
  return {{"low_pct", Pct(b.low_pct)}, {"high_pct", Pct(b.high_pct)}, {"exact", b.exact}};
}

Json Rules(const std::vector<RuleApplication>& rules) {
  Json arr = Json::array();
  for (const auto& r : rules) {
    Json j;
    j["id"] = r.id;
    j["applies"] = r.applies;
    j["why"] = r.why;
    j["standing"] = RuleStandingName(r.standing);
    j["threshold_pct"] = Pct(r.threshold_pct);
    j["pct"] = Pct(r.share.low_pct);
    j["pct_bounds"] = Bounds(r.share);
    j["meets_threshold"] = r.meets_threshold;
    j["determined"] = r.determined;
    j["listed_owners"] = r.listed_owner_ids;
    j["citation"] = r.citation;
    arr.push_back(std::move(j));
  }
  return arr;
}

Json OwnershipBody(const OwnershipReport& r) {
  Json j;
  j["party"] = PartyJson(r.party, r.party_listings);
  j["as_of"] = r.as_of.ToString();
  j["effective_listed_ownership_pct"] = Pct(r.effective_listed.low_pct);
  j["effective_listed_ownership"] = Bounds(r.effective_listed);
  Json owners = Json::array();
  for (const auto& o : r.listed_owners) {
    Json oj;
    oj["listed"] = o.listings.empty() ? Json(nullptr) : Hit(o.listings.front());
    oj["party"] = {{"id", o.party_id}, {"name", o.party_name}};
    oj["pct"] = Pct(o.share.low_pct);
    oj["pct_bounds"] = Bounds(o.share);
    Json paths = Json::array();
    for (const auto& p : o.paths) {
      paths.push_back({{"pct", p.pct ? Pct(*p.pct) : Json(nullptr)}, {"path", Path(p.hops)}});
    }
    oj["paths"] = std::move(paths);
    if (o.listings.size() > 1) {
      Json all = Json::array();
      for (const auto& l : o.listings) all.push_back(Hit(l));
      oj["listings"] = std::move(all);
    }
    owners.push_back(std::move(oj));
  }
  j["listed_owners"] = std::move(owners);
  j["rules"] = Rules(r.rules);
  j["notes"] = r.notes;
  return j;
}

}  // namespace

std::string OwnershipReportToJson(const OwnershipReport& report, int indent) {
  return OwnershipBody(report).dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string TraceResultToJson(const TraceResult& result, int indent) {
  const OwnershipReport& own = result.ownership;
  Json j;
  j["party"] = PartyJson(own.party, own.party_listings);
  j["as_of"] = own.as_of.ToString();
  Json findings = Json::array();
  for (const auto& f : result.findings) {
    Json fj;
    fj["listed"] = Hit(f.listing);
    fj["listed_party"] = f.party_id;
    fj["path"] = Path(f.path);
    fj["hops"] = f.hops;
    fj["rule"] = f.rule;
    fj["strength"] = Strength(f.strength);
    findings.push_back(std::move(fj));
  }
  j["findings"] = std::move(findings);
  j["effective_listed_ownership_pct"] = Pct(own.effective_listed.low_pct);
  j["effective_listed_ownership"] = Bounds(own.effective_listed);
  Json signals = Json::array();
  for (const auto& s : result.signals) {
    signals.push_back({{"code", s.code}, {"party", s.party_id}, {"detail", s.detail}});
  }
  j["signals"] = std::move(signals);
  j["ownership_rules"] = Rules(own.rules);
  j["notes"] = own.notes;
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string ListingRefToJson(const ListingRef& listing) { return Hit(listing).dump(); }
std::string PathToJson(const std::vector<PathHop>& path) { return Path(path).dump(); }

}  // namespace chokepoint
