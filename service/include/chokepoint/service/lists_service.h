// The lists documents: status (`chokepoint lists status --json`, `GET /v1/lists`) and diff
// (`chokepoint lists diff --json`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chokepoint/data/list_import.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

nlohmann::ordered_json ListSnapshotToJson(const ListSnapshot& snapshot);
// {"snapshots":[...]}
nlohmann::ordered_json ListsStatusJson(const std::vector<ListSnapshot>& snapshots);
// {"diffs":[{"source","from","to","added","removed","changed","unchanged"}...]}
nlohmann::ordered_json ListDiffJson(const data::ListDiff& diff);
// Dump with invalid UTF-8 replaced rather than thrown on (list files are not always clean).
std::string DumpJson(const nlohmann::ordered_json& j);

}  // namespace chokepoint::service
