// One party of the register the nightly batch re-screens, as every source gives it (customer
// master, graph import, ledger audit, API), and the pure rules for it: validation, normalisation
// and the content hash that decides when a party is screened again. Storing parties is a use case
// of the service (chokepoint/service/party_register.h).
#pragma once

#include <string>

#include "chokepoint/status.h"

namespace chokepoint {

struct PartyRecord {
  std::string id;
  std::string name;
  std::string country;  // any form NormalizeCountry accepts; stored as alpha-2
  std::string address;
  std::string type;  // entity, individual, vessel, aircraft or empty
};

// Validates and normalises one record in place (trimmed name, alpha-2 country, lower-case type).
// InvalidArgument whose message names the field ("field 'country': ...").
Status NormalizePartyRecord(PartyRecord* party);

// sha256 over the fields that decide a screening result: name, country, address, type. A party
// whose hash changes is re-screened against everything, and its false-positive decisions lapse.
std::string PartyContentHash(const PartyRecord& party);

}  // namespace chokepoint
