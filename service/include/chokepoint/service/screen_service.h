// Screening requests as the CLI and the API both take them: validation into a ScreenQuery, the
// index over the active snapshots, and the audit payload.
//
// Validation errors are InvalidArgument; `bad_field` (when not null) receives the input field
// that failed ("name", "country", "type", "as_of", "threshold", "limit"), so each front end can
// point at it in its own terms (a flag, a CSV column, a JSON pointer).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/screen_store.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

// Empty strings mean "not given".
struct ScreenInput {
  std::string name;
  std::string country;              // ISO code or country name
  std::string type;                 // entity, individual, vessel, aircraft
  std::string as_of;                // YYYY-MM-DD; default today
  std::optional<double> threshold;  // 0..1; default DefaultScreenThreshold()
  size_t limit = 10;
};

// as_of, threshold and limit (not the name, country or type) into `q`.
Status ApplyScreenOptions(const ScreenInput& in, ScreenQuery* q, std::string* bad_field);
// country and type into `q`; the message starts "field 'country': " or "field 'type': ".
Status ApplyPartyFields(std::string_view country, std::string_view type, ScreenQuery* q,
                        std::string* bad_field);
// The whole query; the name must have something to match on.
Result<ScreenQuery> BuildScreenQuery(const ScreenInput& in, std::string* bad_field);

// The index over the active snapshots; InvalidArgument when no list was imported yet.
Result<LoadedIndex> LoadScreeningIndex(Store& store);

nlohmann::ordered_json SnapshotIds(const std::vector<ListSnapshot>& snapshots);

// The `screen --json` document and the audit payload of one screening (the document plus the
// ids of the snapshots screened against).
std::string ScreenDocument(const ScreenQuery& query, const std::vector<ScreenHit>& hits);
std::string ScreenAuditPayload(std::string_view document,
                               const std::vector<ListSnapshot>& snapshots);

}  // namespace chokepoint::service
