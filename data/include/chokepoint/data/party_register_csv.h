// The customer master for the party register: `chokepoint parties import customers.csv`.
//
// A CSV file with a header naming at least id, name and country (address and type optional; any
// order, any case; other columns ignored). Every row is validated before anything is stored: one
// bad row fails the import with "<file>:<line>: field '<name>': <problem>".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/batch.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::data {

// Parses and validates (NormalizePartyRecord) every row; a repeated id is an error naming both
// lines. NotFound for a missing file, InvalidArgument for bad content.
Result<std::vector<PartyRecord>> ReadCustomerMaster(const std::string& path);

struct CustomerImport {
  int64_t rows = 0;
  RegisterUpsertCounts counts;
};

// ReadCustomerMaster, then RegisterParties with source "customers" and one "parties-import"
// audit record naming the file and its SHA-256.
Result<CustomerImport> ImportCustomerMaster(Store& store, const std::string& path,
                                            std::string_view actor);

}  // namespace chokepoint::data
