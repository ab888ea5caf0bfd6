// The party register the nightly batch re-screens, as a use case: every party a source has seen
// joins it here, once. The sources are the customer master (`chokepoint parties import`), graph
// imports (the network's parties), ledger audits ("ledger:<key>") and API calls ("api:<key>" and
// "ledger:<key>", batched by the API's registrar). The record itself and its validation and hash
// are the pure chokepoint/party_record.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/data/party_csv.h"
#include "chokepoint/graph.h"
#include "chokepoint/party_record.h"
#include "chokepoint/shipment_audit.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

// Normalises, hashes and upserts the parties by id in one transaction with one "parties-import"
// audit record, whose payload carries `audit_fields` (a JSON object, e.g. the file name) plus the
// counts. InvalidArgument when a record is invalid or an id repeats; nothing is stored then.
Result<RegisterUpsertCounts> RegisterParties(Store& store, std::vector<PartyRecord> parties,
                                             std::string_view source, std::string_view actor,
                                             std::string_view audit_fields_json = "{}");

// ---- Records of the parties each source has seen ----------------------------------------------

// Where a party keyed by AuditPartyKey was seen: "ledger" (ledger audits, shipment checks) or
// "api" (screen calls).
inline constexpr const char* kLedgerPrefix = "ledger";
inline constexpr const char* kApiPrefix = "api";

// {prefix + ":" + key, name, country}, no address or type: a party known by its AuditPartyKey.
PartyRecord KeyedPartyRecord(std::string_view prefix, std::string_view key, std::string_view name,
                             std::string_view country);
// KeyedPartyRecord with key AuditPartyKey(name, country), so spellings that normalise alike are
// one party (the API's registrar).
PartyRecord SeenPartyRecord(std::string_view prefix, std::string_view name,
                            std::string_view country);
// A ledger audit's party under its key: KeyedPartyRecord(kLedgerPrefix, key, ...).
PartyRecord LedgerPartyRecord(std::string_view key, const ShipmentParty& party);
// Every party of the network, in network order: id, name, country, address, and type
// "individual" for a person, else "entity".
std::vector<PartyRecord> PartiesOfNetwork(const PartyNetwork& network);

// ---- Imports ------------------------------------------------------------------------------------

struct CustomerImport {
  int64_t rows = 0;
  RegisterUpsertCounts counts;
};

// The customer master (data::ReadCustomerMasterFile), registered with source "customers" and one
// "parties-import" audit record naming the file and its SHA-256.
Result<CustomerImport> ImportCustomerMaster(Store& store, const std::string& path,
                                            std::string_view actor);

// `chokepoint graph import`: reads parties.csv and links.csv (all or nothing), upserts the
// network, registers its parties (source "graph-import", audit fields {"parties_file"}) and
// appends one "graph-import" audit record {"parties_file","links_file","parties","links"}.
Result<data::PartyCsvReport> ImportPartyNetwork(Store& store, const std::string& parties_csv,
                                                const std::string& links_csv,
                                                std::string_view actor);

}  // namespace chokepoint::service
