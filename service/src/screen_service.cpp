#include "chokepoint/service/screen_service.h"

#include <spdlog/spdlog.h>

#include "chokepoint/country.h"
#include "chokepoint/json.h"

namespace chokepoint::service {

namespace {

Status Bad(std::string* bad_field, const char* field, Status status) {
  if (bad_field) *bad_field = field;
  return status;
}

}  // namespace

Status ApplyScreenOptions(const ScreenInput& in, ScreenQuery* q, std::string* bad_field) {
  if (!in.as_of.empty()) {
    auto d = Date::Parse(in.as_of);
    if (!d.ok()) return Bad(bad_field, "as_of", d.status());
    q->as_of = *d;
  }
  if (in.threshold) {
    if (!(*in.threshold >= 0 && *in.threshold <= 1)) {
      return Bad(bad_field, "threshold",
                 Status::InvalidArgument("the threshold must be between 0 and 1"));
    }
    q->threshold = *in.threshold;
  }
  if (in.limit == 0 || in.limit > 1000) {
    return Bad(bad_field, "limit", Status::InvalidArgument("the limit must be between 1 and 1000"));
  }
  q->limit = in.limit;
  return Status::OK();
}

Status ApplyPartyFields(std::string_view country, std::string_view type, ScreenQuery* q,
                        std::string* bad_field) {
  if (!country.empty()) {
    auto cc = NormalizeCountry(std::string(country));
    if (!cc.ok()) {
      return Bad(bad_field, "country",
                 Status::InvalidArgument("field 'country': " + cc.status().message()));
    }
    q->country = *cc;
  }
  if (!type.empty()) {
    auto t = ParsePartyType(type);
    if (!t || *t == PartyType::kUnknown) {
      return Bad(bad_field, "type",
                 Status::InvalidArgument("field 'type': '" + std::string(type) +
                                         "' is not entity, individual, vessel or aircraft"));
    }
    q->type = *t;
  }
  return Status::OK();
}

Result<ScreenQuery> BuildScreenQuery(const ScreenInput& in, std::string* bad_field) {
  ScreenQuery q;
  if (NormalizeName(in.name).tokens.empty()) {
    return Bad(bad_field, "name",
               Status::InvalidArgument("the name '" + in.name + "' has nothing to match on"));
  }
  q.name = in.name;
  if (Status s = ApplyScreenOptions(in, &q, bad_field); !s.ok()) return s;
  if (Status s = ApplyPartyFields(in.country, in.type, &q, bad_field); !s.ok()) return s;
  return q;
}

Result<LoadedIndex> LoadScreeningIndex(Store& store, const IndexLoadOptions& options) {
  auto loaded = LoadActiveIndex(store);
  if (!loaded.ok()) return loaded.status();
  if (loaded->snapshots.empty()) {
    if (options.allow_empty) return loaded;
    return Status::InvalidArgument("no lists imported yet: run `chokepoint lists import FILE...`");
  }
  if (options.log) {
    spdlog::info("screening index: {} entries, {} names from {} snapshots in {:.2f} s",
                 loaded->index->entries(), loaded->index->names(), loaded->snapshots.size(),
                 loaded->load_seconds);
  }
  return loaded;
}

nlohmann::ordered_json SnapshotIds(const std::vector<ListSnapshot>& snapshots) {
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const auto& s : snapshots) ids.push_back(s.id);
  return ids;
}

std::string ScreenDocument(const ScreenQuery& query, const std::vector<ScreenHit>& hits) {
  return ScreenResultToJson(query, hits);
}

ScreenOutcome Screen(const ScreeningIndex& index, const ScreenQuery& query) {
  ScreenOutcome out;
  out.hits = index.Screen(query);
  out.document = ScreenDocument(query, out.hits);
  return out;
}

std::string ScreenAuditPayload(std::string_view document,
                               const std::vector<ListSnapshot>& snapshots) {
  // The document is one compact JSON object with no "snapshots" key (ScreenResultToJson), so
  // reopening it gives the bytes that parsing it, adding the key and dumping it again gave.
  std::string payload(document);
  if (payload.empty() || payload.back() != '}') return payload;  // not a screen document
  payload.pop_back();
  payload += payload.size() > 1 ? ",\"snapshots\":" : "\"snapshots\":";
  payload += SnapshotIds(snapshots).dump();
  payload += '}';
  return payload;
}

}  // namespace chokepoint::service
