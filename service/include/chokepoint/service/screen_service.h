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

struct IndexLoadOptions {
  // With no list imported yet: an empty result (null index, no snapshots) instead of the
  // InvalidArgument that tells the user to import one (the server waits for an import; the graph
  // loads its network without list links).
  bool allow_empty = false;
  // Log the index's size at info level (the server logs its own line, with the generation).
  bool log = true;
};

// The index over the active snapshots, with the snapshots it was built from: the one loader of
// `screen`, `trace`, `audit` and the server. InvalidArgument when no list was imported yet
// (unless options.allow_empty).
Result<LoadedIndex> LoadScreeningIndex(Store& store, const IndexLoadOptions& options = {});

nlohmann::ordered_json SnapshotIds(const std::vector<ListSnapshot>& snapshots);

// The `screen --json` document (and the body of `POST /v1/screen`).
std::string ScreenDocument(const ScreenQuery& query, const std::vector<ScreenHit>& hits);

// One screening: the hits of a validated query and its document.
struct ScreenOutcome {
  std::vector<ScreenHit> hits;  // point into the index: valid while it lives
  std::string document;         // ScreenDocument(query, hits)
};
// The screen use case of `chokepoint screen NAME` and `POST /v1/screen`: `query` comes from
// BuildScreenQuery (validation first, so a bad input costs no index load).
ScreenOutcome Screen(const ScreeningIndex& index, const ScreenQuery& query);

// The audit payload of one screening: the document's fields plus "snapshots" (the ids of the
// snapshots screened against), appended to the document's text without re-parsing it.
std::string ScreenAuditPayload(std::string_view document,
                               const std::vector<ListSnapshot>& snapshots);

}  // namespace chokepoint::service
