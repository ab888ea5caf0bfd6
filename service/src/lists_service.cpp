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

std::string DumpJson(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace chokepoint::service
