#include "chokepoint/service/lists_service.h"

namespace chokepoint::service {

using Json = nlohmann::ordered_json;

Json ListSnapshotToJson(const ListSnapshot& s) {
  return Json{{"id", s.id},
              {"source", s.source},
              {"format", s.format},
              {"sha256", s.sha256},
              {"entries", s.entries},
              {"imported_at", s.imported_at},
              {"rows_read", s.rows_read},
              {"rows_skipped", s.rows_skipped},
              {"published", s.published ? Json(*s.published) : Json(nullptr)},
              {"active", s.active},
              {"files", s.files}};
}

Json ListsStatusJson(const std::vector<ListSnapshot>& snapshots) {
  Json doc = {{"snapshots", Json::array()}};
  for (const ListSnapshot& s : snapshots) doc["snapshots"].push_back(ListSnapshotToJson(s));
  return doc;
}

namespace {

Json DiffEntriesJson(const std::vector<data::DiffEntry>& entries, bool with_previous) {
  Json out = Json::array();
  for (const data::DiffEntry& e : entries) {
    Json j = {{"source_code", e.source_code}, {"list_id", e.list_id}, {"name", e.name}};
    if (with_previous) j["previous_name"] = e.previous_name;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

Json ListDiffJson(const data::ListDiff& diff) {
  Json doc = {{"diffs", Json::array()}};
  for (const data::SnapshotDiff& d : diff.diffs) {
    doc["diffs"].push_back({{"source", d.source},
                            {"from", d.from_id ? Json(*d.from_id) : Json(nullptr)},
                            {"to", d.to_id},
                            {"added", DiffEntriesJson(d.added, false)},
                            {"removed", DiffEntriesJson(d.removed, false)},
                            {"changed", DiffEntriesJson(d.changed, true)},
                            {"unchanged", d.unchanged}});
  }
  return doc;
}

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace chokepoint::service
