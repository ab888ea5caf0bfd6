// The HIT shape of docs/interfaces, built once for both kinds of hit: a screening hit
// (screen_json.cpp) and a listing the party graph holds (graph_json.cpp). Each document keeps its
// own extra fields, in the positions it has always printed them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "codec/json_number.h"

namespace chokepoint::codec {

// A score or strength printed to 4 decimals, so that the same hit always prints the same text.
Json Score(double s);

struct HitFields {
  const std::string& list_id;
  const std::string& source;
  const std::string& source_code;
  const std::string& name;
  const std::string& matched_name;
  const char* matched_kind = nullptr;  // screening hits: printed after matched_name
  double score = 0;
  PartyType type = PartyType::kUnknown;
  const std::vector<std::string>& programs;
  const std::vector<std::string>& countries;
  const std::optional<Date>& start_date;
  const std::optional<Date>* end_date = nullptr;  // graph listings: printed after start_date
  int64_t snapshot_id = 0;
};

// {"list_id", "source", "source_code", "name", "matched_name", ["matched_kind",] "score", "type",
//  "programs", "countries", "start_date", ["end_date",] "snapshot"}; callers append the rest.
Json HitJson(const HitFields& h);

}  // namespace chokepoint::codec
