// The party register as a use case: registering what each source has seen (see
// chokepoint/service/party_register.h).
#include "chokepoint/service/party_register.h"

#include <nlohmann/json.hpp>
#include <unordered_set>
#include <utility>

#include "chokepoint/data/party_register_csv.h"

namespace chokepoint::service {

Result<RegisterUpsertCounts> RegisterParties(Store& store, std::vector<PartyRecord> parties,
                                             std::string_view source, std::string_view actor,
                                             std::string_view audit_fields_json) {
  nlohmann::json fields = nlohmann::json::parse(audit_fields_json, nullptr, false);
  if (!fields.is_object()) return Status::InvalidArgument("audit fields must be a JSON object");
  std::vector<RegisteredParty> rows;
  rows.reserve(parties.size());
  std::unordered_set<std::string> seen;
  for (PartyRecord& p : parties) {
    if (Status s = NormalizePartyRecord(&p); !s.ok()) {
      return s.WithContext("party '" + p.id + "'");
    }
    if (!seen.insert(p.id).second) {
      return Status::InvalidArgument("party id '" + p.id + "' appears twice");
    }
    RegisteredParty r;
    r.content_hash = PartyContentHash(p);
    if (r.content_hash.empty()) return Status::Internal("hashing party '" + p.id + "' failed");
    r.id = std::move(p.id);
    r.name = std::move(p.name);
    r.country = std::move(p.country);
    r.address = std::move(p.address);
    r.type = std::move(p.type);
    r.source = std::string(source);
    rows.push_back(std::move(r));
  }
  const size_t total = rows.size();
  return store.UpsertRegisteredParties(rows, actor, [&](const RegisterUpsertCounts& c) {
    nlohmann::json payload = fields;
    payload["source"] = source;
    payload["parties"] = total;
    payload["added"] = c.added;
    payload["changed"] = c.changed;
    payload["unchanged"] = c.unchanged;
    return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  });
}

PartyRecord KeyedPartyRecord(std::string_view prefix, std::string_view key, std::string_view name,
                             std::string_view country) {
  std::string id(prefix);
  id += ':';
  id += key;
  return PartyRecord{std::move(id), std::string(name), std::string(country), "", ""};
}

PartyRecord SeenPartyRecord(std::string_view prefix, std::string_view name,
                            std::string_view country) {
  return KeyedPartyRecord(prefix, AuditPartyKey(name, country), name, country);
}

PartyRecord LedgerPartyRecord(std::string_view key, const ShipmentParty& party) {
  return KeyedPartyRecord(kLedgerPrefix, key, party.name, party.country);
}

std::vector<PartyRecord> PartiesOfNetwork(const PartyNetwork& network) {
  std::vector<PartyRecord> out;
  out.reserve(network.party_count());
  for (size_t i = 0; i < network.party_count(); ++i) {
    const Party& p = network.PartyAt(i);
    out.push_back({p.id, p.name, p.country, p.address,
                   p.kind == PartyKind::kPerson ? "individual" : "entity"});
  }
  return out;
}

Result<CustomerImport> ImportCustomerMaster(Store& store, const std::string& path,
                                            std::string_view actor) {
  Result<data::CustomerMasterFile> file = data::ReadCustomerMasterFile(path);
  if (!file.ok()) return file.status();
  CustomerImport out;
  out.rows = static_cast<int64_t>(file->parties.size());
  nlohmann::json fields = {{"file", path}, {"sha256", file->sha256}};
  Result<RegisterUpsertCounts> counts =
      RegisterParties(store, std::move(file->parties), "customers", actor,
                      fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!counts.ok()) return counts.status();
  out.counts = *counts;
  return out;
}

Result<data::PartyCsvReport> ImportPartyNetwork(Store& store, const std::string& parties_csv,
                                                const std::string& links_csv,
                                                std::string_view actor) {
  PartyNetwork network;
  auto report = data::ImportPartyCsvFiles(parties_csv, links_csv, &network);
  if (!report.ok()) return report.status();
  if (Status s = store.UpsertPartyNetwork(network); !s.ok()) return s;
  // The network's parties join the register the nightly batch re-screens.
  std::vector<PartyRecord> parties = PartiesOfNetwork(network);
  if (!parties.empty()) {
    auto registered =
        RegisterParties(store, std::move(parties), "graph-import", actor,
                        nlohmann::ordered_json({{"parties_file", parties_csv}}).dump());
    if (!registered.ok()) return registered.status().WithContext("registering parties");
  }
  nlohmann::ordered_json audit = {{"parties_file", parties_csv},
                                  {"links_file", links_csv},
                                  {"parties", report->parties},
                                  {"links", report->links}};
  if (auto seq = store.AppendAudit("graph-import", actor, audit.dump()); !seq.ok()) {
    return seq.status();
  }
  return report;
}

}  // namespace chokepoint::service
