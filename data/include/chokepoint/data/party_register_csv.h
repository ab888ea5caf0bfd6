// The customer master for the party register (`chokepoint parties import customers.csv`): reading
// and validating the file.
//
// A CSV file with a header naming at least id, name and country (address and type optional; any
// order, any case; other columns ignored). Every row is validated before anything is stored: one
// bad row fails the import with "<file>:<line>: field '<name>': <problem>".
#pragma once

#include <string>
#include <vector>

#include "chokepoint/party_record.h"
#include "chokepoint/status.h"

namespace chokepoint::data {

// Parses and validates (NormalizePartyRecord) every row; a repeated id is an error naming both
// lines. NotFound for a missing file, InvalidArgument for bad content.
Result<std::vector<PartyRecord>> ReadCustomerMaster(const std::string& path);

struct CustomerMasterFile {
  std::vector<PartyRecord> parties;
  std::string sha256;  // of the file as read, for the audit record
};

// ReadCustomerMaster, plus the SHA-256 of the bytes parsed. Registering them is the service's
// ImportCustomerMaster (chokepoint/service/party_register.h).
Result<CustomerMasterFile> ReadCustomerMasterFile(const std::string& path);

}  // namespace chokepoint::data
