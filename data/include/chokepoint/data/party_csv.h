// parties.csv and links.csv (docs/interfaces "Party network and tracing") into a PartyNetwork.
//
//   parties.csv: party_id,name,country,address,kind,incorporated,identifiers
//     kind company|person (empty: company); country alpha-2 or a name NormalizeCountry knows;
//     incorporated YYYY-MM-DD or empty; identifiers ';'-separated scheme:value
//     ("phone:+65 6123 4567;email:sales@example.sg;uen:201912345K").
//   links.csv: from_id,to_id,relation,share_pct,start_date,end_date,source
//     relation owns|director_of|officer_of|parent_of|agent_for|ships_to|same_address|
//     same_contact|front_for; share_pct only on owns, a decimal in (0, 100], empty or "?" when
//     unknown; dates YYYY-MM-DD or empty (open).
//   listings.csv (an extension, for fixtures and hand-kept marks; the screening engine is the
//   usual source): party_id,source,source_code,list_id,name,start_date,end_date,programs
//
// Columns are found by header name, in any order; extra columns are ignored. An import is all or
// nothing: the first bad row fails it with InvalidArgument "file:line: field 'x': why" and the
// network is left as it was.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chokepoint/graph.h"
#include "chokepoint/status.h"

namespace chokepoint::data {

struct PartyCsvReport {
  int64_t parties = 0;
  int64_t links = 0;
};

// `parties_name` / `links_name` name the files in messages.
Result<PartyCsvReport> ImportPartyCsv(std::string_view parties_csv, std::string_view parties_name,
                                      std::string_view links_csv, std::string_view links_name,
                                      PartyNetwork* network);
// Reads the two files; IOError when one cannot be read.
Result<PartyCsvReport> ImportPartyCsvFiles(const std::string& parties_path,
                                           const std::string& links_path, PartyNetwork* network);

// Marks parties listed; returns the number of listings added.
Result<int64_t> ImportListingsCsv(std::string_view csv, std::string_view name,
                                  PartyNetwork* network);
Result<int64_t> ImportListingsCsvFile(const std::string& path, PartyNetwork* network);

}  // namespace chokepoint::data
