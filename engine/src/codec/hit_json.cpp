#include "codec/hit_json.h"

#include <cstdlib>

namespace chokepoint::codec {

namespace {
Json DateOrNull(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }
}  // namespace

Json Score(double s) {
  auto r = Rational::FromDouble(s);
  return r.ok() ? Json(std::strtod(r->ToString(4).c_str(), nullptr)) : Json(0);
}

Json HitJson(const HitFields& h) {
  Json j;
  j["list_id"] = h.list_id;
  j["source"] = h.source;
  j["source_code"] = h.source_code;
  j["name"] = h.name;
  j["matched_name"] = h.matched_name;
  if (h.matched_kind) j["matched_kind"] = h.matched_kind;
  j["score"] = Score(h.score);
  j["type"] = PartyTypeName(h.type);
  j["programs"] = h.programs;
  j["countries"] = h.countries;
  j["start_date"] = DateOrNull(h.start_date);
  if (h.end_date) j["end_date"] = DateOrNull(*h.end_date);
  j["snapshot"] = h.snapshot_id;
  return j;
}

}  // namespace chokepoint::codec
