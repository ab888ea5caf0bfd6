// ListEntry: one restricted party as a list publishes it, in one shape for every source (CSL,
// OFAC SDN and non-SDN, BIS Denied Persons, UN). Importers fill it; the store keeps it; the
// screening index matches names against it; hits show it to a reviewer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/date.h"

namespace chokepoint {

enum class PartyType { kUnknown, kEntity, kIndividual, kVessel, kAircraft };
const char* PartyTypeName(PartyType type);  // "unknown", "entity", "individual", "vessel", "aircraft"
std::optional<PartyType> ParsePartyType(std::string_view name);  // also "Entity", "Individual", "-0-" → unknown

struct ListName {
  enum class Kind {
    kPrimary,      // the entry's own name
    kStrongAlias,  // a.k.a./f.k.a. that identifies the party (OFAC "strong", CSL alt_names)
    kWeakAlias,    // a low-quality alias (OFAC "weak"): matched, but a hit on it scores lower
  };
  std::string name;
  Kind kind = Kind::kStrongAlias;
};
const char* ListNameKindName(ListName::Kind kind);  // "primary", "strong", "weak"

struct ListAddress {
  std::string text;     // street lines as published, joined with ", "
  std::string city;
  std::string region;   // state or province
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2 when known; else the text as published
};

struct ListIdentifier {
  std::string scheme;   // "Passport", "Registration Number", "IMO", "Website", ...
  std::string value;
  std::string country;  // issuing country, alpha-2 when known
};

struct ListEntry {
  // Which list: `source` is the list's name as shown to people ("Entity List", "SDN", "Denied
  // Persons List", "Unverified List", "Military End User List", "UN Security Council"),
  // `source_code` its short code ("EL", "SDN", "DPL", "UVL", "MEU", "UN", "SSI", "CMIC", ...).
  std::string source;
  std::string source_code;
  std::string list_id;  // the id in its source list (CSL "id", OFAC ent_num, UN DATAID); stable

  PartyType type = PartyType::kUnknown;
  std::string name;               // primary name
  std::vector<ListName> aliases;  // not including the primary name
  std::vector<std::string> programs;  // sanctions programs or EAR bases ("SDGT", "IRAN", "EAR Part 744")
  std::vector<ListAddress> addresses;
  std::vector<ListIdentifier> ids;
  std::vector<std::string> dates_of_birth;     // ISO "1962-08-11" when complete, else as published
  std::vector<std::string> nationalities;      // alpha-2
  std::optional<Date> start_date;              // listed on (the entry counts from this day)
  std::optional<Date> end_date;                // delisted or expired on (counts until this day)
  std::string federal_register_notice;         // "80 FR 8524; 84 FR 29373"
  std::string license_requirement;             // Entity List: "For all items subject to the EAR..."
  std::string license_policy;                  // "Presumption of denial."
  std::string remarks;
  std::string source_url;

  // Distinct countries of the addresses and nationalities, alpha-2 where known, in first-seen order.
  std::vector<std::string> Countries() const;
  // Whether the entry counts on `day`: on or after start_date (when known) and on or before end_date.
  bool ListedOn(Date day) const;
};

}  // namespace chokepoint
