// The lists status document of `chokepoint lists status --json` and `GET /v1/lists`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chokepoint/store.h"

namespace chokepoint::service {

nlohmann::ordered_json ListSnapshotToJson(const ListSnapshot& snapshot);
// {"snapshots":[...]}
nlohmann::ordered_json ListsStatusJson(const std::vector<ListSnapshot>& snapshots);
// Dump with invalid UTF-8 replaced rather than thrown on (list files are not always clean).
std::string DumpJson(const nlohmann::ordered_json& j);

}  // namespace chokepoint::service
