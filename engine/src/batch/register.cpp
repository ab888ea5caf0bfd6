// The party register: validating, hashing and upserting the parties the nightly batch screens.
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "chokepoint/batch.h"
#include "chokepoint/country.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/sha256.h"

namespace chokepoint {

namespace {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Status NormalizePartyRecord(PartyRecord* p) {
  p->id = Trim(p->id);
  p->name = Trim(p->name);
  p->address = Trim(p->address);
  if (p->id.empty()) return Status::InvalidArgument("field 'id': empty");
  if (p->name.empty()) return Status::InvalidArgument("field 'name': empty");
  if (std::string country = Trim(p->country); !country.empty()) {
    Result<std::string> cc = NormalizeCountry(country);
    if (!cc.ok()) return Status::InvalidArgument("field 'country': " + cc.status().message());
    p->country = *cc;
  } else {
    p->country.clear();
  }
  if (std::string type = Trim(p->type); !type.empty()) {
    std::optional<PartyType> t = ParsePartyType(type);
    if (!t) {
      return Status::InvalidArgument("field 'type': '" + type +
                                     "' is not entity, individual, vessel or aircraft");
    }
    p->type = *t == PartyType::kUnknown ? "" : PartyTypeName(*t);
  } else {
    p->type.clear();
  }
  return Status::OK();
}

std::string PartyContentHash(const PartyRecord& p) {
  // Canonical JSON (sorted keys): a field boundary can never be forged by the field contents.
  nlohmann::json j = {
      {"name", p.name}, {"country", p.country}, {"address", p.address}, {"type", p.type}};
  Result<std::string> hash =
      Sha256Hex(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return hash.ok() ? *hash : std::string();
}

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

}  // namespace chokepoint
