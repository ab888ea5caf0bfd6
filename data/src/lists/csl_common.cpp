// What the CSL CSV and JSON parsers share, and the list names every US source maps to.
#include <array>
#include <optional>
#include <utility>

#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

struct KnownList {
  const char* code;  // the CSL API's `sources` code
  const char* name;  // as shown to a reviewer
};

// One vocabulary for every importer, so an SSI entry from csl.csv and one from cons_prim.csv
// carry the same source and code.
constexpr std::array<KnownList, 13> kKnownLists = {{
    {"EL", "Entity List"},
    {"SDN", "SDN"},
    {"DPL", "Denied Persons List"},
    {"UVL", "Unverified List"},
    {"MEU", "Military End User List"},
    {"ISN", "Nonproliferation Sanctions"},
    {"DTC", "ITAR Debarred"},
    {"SSI", "Sectoral Sanctions Identifications List"},
    {"CMIC", "Non-SDN Chinese Military-Industrial Complex Companies List"},
    {"MBS", "Non-SDN Menu-Based Sanctions List"},
    {"PLC", "Palestinian Legislative Council List"},
    {"FSE", "Foreign Sanctions Evaders List"},
    {"CAP", "CAPTA List"},
}};

// Parenthesised codes in CSL "source" texts that differ from the API code.
constexpr std::array<std::pair<const char*, const char*>, 6> kCodeAliases = {{
    {"NS-MBS List", "MBS"},
    {"NS-MBS", "MBS"},
    {"CAPTA", "CAP"},
    {"NS-PLC", "PLC"},
    {"NS-CMIC", "CMIC"},
    {"ITAR", "DTC"},
}};

std::optional<SourceName> FindKnown(std::string_view code) {
  for (const KnownList& list : kKnownLists) {
    if (code == list.code) return SourceName{list.name, list.code};
  }
  return std::nullopt;
}

SourceName Known(std::string_view code) { return *FindKnown(code); }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

SourceName CslSource(std::string_view published) {
  published = TrimView(published);
  std::string_view head = published.substr(0, published.find(" - "));
  size_t open = head.rfind('(');
  size_t close = head.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return {std::string(TrimView(head)), std::string(TrimView(head))};
  }
  std::string_view code = TrimView(head.substr(open + 1, close - open - 1));
  for (const auto& [alias, canonical] : kCodeAliases) {
    if (code == alias) code = canonical;
  }
  if (std::optional<SourceName> known = FindKnown(code)) return *known;
  // A list the table does not know yet: its own words, without the code and the agency.
  std::string name(TrimView(head.substr(0, open)));
  if (std::string_view tail = TrimView(head.substr(close + 1)); !tail.empty()) {
    name += " " + std::string(tail);
  }
  return {name, std::string(code)};
}

SourceName ConsolidatedSource(const std::vector<std::string>& programs) {
  auto any = [&](std::string_view prefix) {
    for (const std::string& p : programs) {
      if (StartsWith(p, prefix)) return true;
    }
    return false;
  };
  if (any("UKRAINE-EO13662")) return Known("SSI");
  if (any("CMIC")) return Known("CMIC");
  if (any("NS-PLC")) return Known("PLC");
  if (any("FSE")) return Known("FSE");
  if (any("561") || any("CAPTA")) return Known("CAP");
  // NS-MBS is the catch-all of the file: Russia EO 14024 and CAATSA menu-based sanctions, Burma,
  // illicit-drugs EO 14059 and whatever menu-based program OFAC adds next.
  return Known("MBS");
}

ListAddress CslAddress(std::string_view flat) {
  ListAddress address;
  std::string text = CollapseSpace(flat);
  // Empty parts leave "Kaifu District , Changsha"; the comma belongs to the word before it.
  for (size_t pos; (pos = text.find(" ,")) != std::string::npos;) text.erase(pos, 1);
  size_t comma = text.rfind(',');
  std::string_view last =
      TrimView(std::string_view(text).substr(comma == std::string::npos ? 0 : comma + 1));
  if (IsAlpha2(last)) {
    address.country = std::string(last);
    text.resize(comma == std::string::npos ? 0 : comma);
  }
  address.text = std::string(TrimView(text));
  return address;
}

ListIdentifier CslIdentifier(std::string_view flat) {
  ListIdentifier id;
  flat = TrimView(flat);
  size_t comma = flat.find(", ");
  if (comma == std::string_view::npos) {
    id.value = std::string(flat);
    return id;
  }
  id.scheme = std::string(TrimView(flat.substr(0, comma)));
  std::string_view rest = TrimView(flat.substr(comma + 2));
  size_t last = rest.rfind(", ");
  if (last != std::string_view::npos && IsAlpha2(TrimView(rest.substr(last + 2)))) {
    id.country = std::string(TrimView(rest.substr(last + 2)));
    rest = TrimView(rest.substr(0, last));
  }
  id.value = std::string(rest);
  return id;
}

}  // namespace chokepoint::data::lists
