#include "chokepoint/json.h"
#include "codec/hit_json.h"

namespace chokepoint {

namespace {
using codec::Json;
using codec::Score;

Json HitJson(const ScreenHit& h) {
  const ListEntry& e = *h.entry;
  const std::vector<std::string> countries = e.Countries();
  Json j = codec::HitJson({.list_id = e.list_id,
                           .source = e.source,
                           .source_code = e.source_code,
                           .name = e.name,
                           .matched_name = h.matched_name,
                           .matched_kind = ListNameKindName(h.matched_kind),
                           .score = h.score,
                           .type = e.type,
                           .programs = e.programs,
                           .countries = countries,
                           .start_date = e.start_date,
                           .snapshot_id = h.snapshot_id});
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
