// A party of the register: validating, normalising and hashing it (chokepoint/party_record.h).
#include "chokepoint/party_record.h"

#include <nlohmann/json.hpp>

#include "chokepoint/country.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/sha256.h"
#include "chokepoint/strings.h"

namespace chokepoint {

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

}  // namespace chokepoint
