#include "chokepoint/json.h"
#include "codec/json_number.h"

namespace chokepoint {

namespace {
using codec::Json;

// Scores are printed to 4 decimals so that the same hit always prints the same text.
Json Score(double s) {
  return Json(std::strtod(Rational::FromDouble(s)->ToString(4).c_str(), nullptr));
}

Json HitJson(const ScreenHit& h) {
  const ListEntry& e = *h.entry;
  Json j;
  j["list_id"] = e.list_id;
  j["source"] = e.source;
  j["source_code"] = e.source_code;
  j["name"] = e.name;
  j["matched_name"] = h.matched_name;
  j["matched_kind"] = ListNameKindName(h.matched_kind);
  j["score"] = Score(h.score);
  j["type"] = PartyTypeName(e.type);
  j["programs"] = e.programs;
  j["countries"] = e.Countries();
  j["start_date"] = e.start_date ? Json(e.start_date->ToString()) : Json(nullptr);
  j["snapshot"] = h.snapshot_id;
  Json tokens = Json::array();
  for (const auto& t : h.tokens) {
    tokens.push_back({{"query", t.query_token},
                      {"list", t.list_token},
                      {"how", t.how},
                      {"similarity", Score(t.similarity)},
                      {"weight", Score(t.weight)}});
  }
  j["explanation"] = {{"name_score", Score(h.name_score)},
                      {"tokens", std::move(tokens)},
                      {"adjustments", h.adjustments}};
  if (!e.federal_register_notice.empty()) j["federal_register_notice"] = e.federal_register_notice;
  if (!e.license_requirement.empty()) j["license_requirement"] = e.license_requirement;
  if (!e.license_policy.empty()) j["license_policy"] = e.license_policy;
  return j;
}
}  // namespace

std::string ScreenHitToJson(const ScreenHit& hit) { return HitJson(hit).dump(); }

std::string ScreenResultToJson(const ScreenQuery& query, const std::vector<ScreenHit>& hits) {
  Json j;
  j["query"] = query.name;
  j["as_of"] = query.as_of.ToString();
  j["threshold"] = Score(query.threshold);
  if (query.country) j["country"] = *query.country;
  if (query.type) j["type"] = PartyTypeName(*query.type);
  Json arr = Json::array();
  for (const auto& h : hits) arr.push_back(HitJson(h));
  j["hits"] = std::move(arr);
  return j.dump();
}

}  // namespace chokepoint
