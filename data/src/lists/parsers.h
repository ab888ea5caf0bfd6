// One parser per list format, behind ParseListFiles (list_formats.cpp), plus the pieces the CSL
// CSV and JSON parsers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"
#include "parse_util.h"

namespace chokepoint::data::lists {

Status ParseCslCsv(const std::string& path, ParseContext& ctx);
Status ParseCslJson(const std::string& path, ParseContext& ctx);
// sdn.csv or cons_prim.csv with any of their supplements; `consolidated` picks cons naming.
Status ParseOfacCsv(const std::vector<std::string>& files, bool consolidated, ParseContext& ctx);
Status ParseSdnXml(const std::string& path, ParseContext& ctx);
Status ParseDplTsv(const std::string& path, ParseContext& ctx);
Status ParseUnXml(const std::string& path, ParseContext& ctx);

// The list a CSL row belongs to, from its "source" text: "Entity List (EL) - Bureau of Industry
// and Security" -> {"Entity List", "EL"}. Codes are those of the CSL API's `sources` filter.
struct SourceName {
  std::string name;
  std::string code;
};
SourceName CslSource(std::string_view published);
// OFAC's non-SDN consolidated list is several lists in one file; the programs say which.
SourceName ConsolidatedSource(const std::vector<std::string>& programs);

// CSL flattens an address to "street, city, state, postal code, CC"; the trailing alpha-2 code is
// the only part that can be split off reliably, so the rest stays as published in `text`.
ListAddress CslAddress(std::string_view flat);
// CSL "ids" pieces: "Passport, A1234567, IR" or "Website, www.example.com".
ListIdentifier CslIdentifier(std::string_view flat);

}  // namespace chokepoint::data::lists
