#include "chokepoint/json.h"
#include "codec/json_number.h"

namespace chokepoint {

namespace {
using codec::Json;

template <typename T, typename F>
Json Array(const std::vector<T>& items, F&& to_json) {
  Json a = Json::array();
  for (const auto& item : items) a.push_back(to_json(item));
  return a;
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::string ListEntryToJson(const ListEntry& e) {
  Json j;
  j["source"] = e.source;
  j["source_code"] = e.source_code;
  j["list_id"] = e.list_id;
  j["type"] = PartyTypeName(e.type);
  j["name"] = e.name;
  j["aliases"] = Array(e.aliases, [](const ListName& n) {
    return Json{{"name", n.name}, {"kind", ListNameKindName(n.kind)}};
  });
  j["programs"] = e.programs;
  j["addresses"] = Array(e.addresses, [](const ListAddress& a) {
    return Json{{"text", a.text},
                {"city", a.city},
                {"region", a.region},
                {"postal_code", a.postal_code},
                {"country", a.country}};
  });
  j["ids"] = Array(e.ids, [](const ListIdentifier& i) {
    return Json{{"scheme", i.scheme}, {"value", i.value}, {"country", i.country}};
  });
  j["dates_of_birth"] = e.dates_of_birth;
  j["nationalities"] = e.nationalities;
  j["start_date"] = e.start_date ? Json(e.start_date->ToString()) : Json(nullptr);
  j["end_date"] = e.end_date ? Json(e.end_date->ToString()) : Json(nullptr);
  j["federal_register_notice"] = e.federal_register_notice;
  j["license_requirement"] = e.license_requirement;
  j["license_policy"] = e.license_policy;
  j["remarks"] = e.remarks;
  j["source_url"] = e.source_url;
  return j.dump();
}

Result<ListEntry> ListEntryFromJson(std::string_view text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::Corruption("stored list entry is not a JSON object");
  ListEntry e;
  e.source = Str(j, "source");
  e.source_code = Str(j, "source_code");
  e.list_id = Str(j, "list_id");
  e.type = ParsePartyType(Str(j, "type")).value_or(PartyType::kUnknown);
  e.name = Str(j, "name");
  for (const auto& a : j.value("aliases", Json::array())) {
    std::string kind = Str(a, "kind");
    e.aliases.push_back({Str(a, "name"), kind == "weak"      ? ListName::Kind::kWeakAlias
                                         : kind == "primary" ? ListName::Kind::kPrimary
                                                             : ListName::Kind::kStrongAlias});
  }
  for (const auto& p : j.value("programs", Json::array())) {
    if (p.is_string()) e.programs.push_back(p.get<std::string>());
  }
  for (const auto& a : j.value("addresses", Json::array())) {
    e.addresses.push_back({Str(a, "text"), Str(a, "city"), Str(a, "region"), Str(a, "postal_code"),
                           Str(a, "country")});
  }
  for (const auto& i : j.value("ids", Json::array())) {
    e.ids.push_back({Str(i, "scheme"), Str(i, "value"), Str(i, "country")});
  }
  for (const auto& d : j.value("dates_of_birth", Json::array())) {
    if (d.is_string()) e.dates_of_birth.push_back(d.get<std::string>());
  }
  for (const auto& n : j.value("nationalities", Json::array())) {
    if (n.is_string()) e.nationalities.push_back(n.get<std::string>());
  }
  for (auto [key, out] : {std::pair{"start_date", &e.start_date}, {"end_date", &e.end_date}}) {
    std::string d = Str(j, key);
    if (d.empty()) continue;
    auto parsed = Date::Parse(d);
    if (!parsed.ok()) return Status::Corruption("stored list entry has a bad " + std::string(key));
    *out = *parsed;
  }
  e.federal_register_notice = Str(j, "federal_register_notice");
  e.license_requirement = Str(j, "license_requirement");
  e.license_policy = Str(j, "license_policy");
  e.remarks = Str(j, "remarks");
  e.source_url = Str(j, "source_url");
  return e;
}

}  // namespace chokepoint
