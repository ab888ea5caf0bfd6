// trade.gov Consolidated Screening List, JSON: the API's {"results":[...]} envelope or a bare
// array of results. The file is parsed with a callback that hands over one result at a time and
// discards it, so memory stays at one entry however large the file is.
#include <nlohmann/json.hpp>
#include <string>

#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

using Json = nlohmann::json;

std::string Text(const Json& value) {
  if (value.is_string()) return std::string(TrimView(value.get<std::string>()));
  if (value.is_number() || value.is_boolean()) return value.dump();
  if (value.is_array()) {
    std::string out;
    for (const Json& v : value) AppendRemark(&out, "", Text(v));
    return out;
  }
  return {};
}

std::string Field(const Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? std::string() : Text(*it);
}

// The API gives arrays; older dumps and hand-made files give "a; b" strings.
std::vector<std::string> List(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (!it->is_array()) return SplitTrimmed(Text(*it), ";");
  std::vector<std::string> out;
  for (const Json& v : *it) {
    if (std::string t = Text(v); !t.empty()) out.push_back(std::move(t));
  }
  return out;
}

Status BuildEntry(const std::string& path, size_t index, const Json& r, ParseContext& ctx,
                  ListEntry* entry) {
  const std::string where = "result " + std::to_string(index);
  SourceName source = CslSource(Field(r, "source"));
  entry->source = source.name;
  entry->source_code = source.code;
  for (const char* key : {"id", "_id", "entity_number"}) {
    if (entry->list_id.empty()) entry->list_id = Field(r, key);
  }
  if (entry->list_id.empty()) {
    entry->list_id = "CSL-" + StableId(Field(r, "source") + "|" + Field(r, "name"));
  }
  std::optional<PartyType> type = ParsePartyType(Field(r, "type"));
  if (!type) {
    Status s =
        ctx.BadField(path, 0, "type", where + ": unknown party type '" + Field(r, "type") + "'");
    if (!s.ok()) return s;
  }
  entry->type = type.value_or(PartyType::kUnknown);
  entry->name = CollapseSpace(Field(r, "name"));
  for (const std::string& alias : List(r, "alt_names")) {
    std::string name = CollapseSpace(alias);
    if (name != entry->name) entry->aliases.push_back({name, ListName::Kind::kStrongAlias});
  }
  for (const std::string& program : List(r, "programs")) {
    for (std::string& p : SplitPrograms(program)) AddUnique(&entry->programs, std::move(p));
  }
  if (auto it = r.find("addresses"); it != r.end() && it->is_array()) {
    for (const Json& a : *it) {
      if (!a.is_object()) {
        entry->addresses.push_back(CslAddress(Text(a)));
        continue;
      }
      ListAddress address{CollapseSpace(Field(a, "address")), Field(a, "city"), Field(a, "state"),
                          Field(a, "postal_code"), CountryCode(Field(a, "country"))};
      entry->addresses.push_back(std::move(address));
    }
  } else {
    for (const std::string& a : List(r, "addresses")) entry->addresses.push_back(CslAddress(a));
  }
  if (auto it = r.find("ids"); it != r.end() && it->is_array()) {
    for (const Json& id : *it) {
      if (id.is_object()) {
        entry->ids.push_back(
            {Field(id, "type"), Field(id, "number"), CountryCode(Field(id, "country"))});
      } else {
        entry->ids.push_back(CslIdentifier(Text(id)));
      }
    }
  } else {
    for (const std::string& id : List(r, "ids")) entry->ids.push_back(CslIdentifier(id));
  }
  for (const std::string& dob : List(r, "dates_of_birth")) {
    AddUnique(&entry->dates_of_birth, NormalizeDob(dob));
  }
  for (const char* key : {"nationalities", "citizenships"}) {
    for (const std::string& c : List(r, key)) AddUnique(&entry->nationalities, CountryCode(c));
  }
  for (const char* key : {"start_date", "end_date"}) {
    std::string text = Field(r, key);
    if (text.empty()) continue;
    std::optional<Date> date = ParseIsoDate(text);
    if (!date) {
      Status s = ctx.BadField(path, 0, key, where + ": '" + text + "' is not a YYYY-MM-DD date");
      if (!s.ok()) return s;
    }
    (std::string_view(key) == "start_date" ? entry->start_date : entry->end_date) = date;
  }
  entry->federal_register_notice = CollapseSpace(Field(r, "federal_register_notice"));
  entry->license_requirement = CollapseSpace(Field(r, "license_requirement"));
  entry->license_policy = CollapseSpace(Field(r, "license_policy"));
  entry->remarks = Field(r, "remarks");
  AppendRemark(&entry->remarks, "Title", Field(r, "title"));
  AppendRemark(&entry->remarks, "Place of birth", Field(r, "places_of_birth"));
  AddVesselInfo(
      {Field(r, "call_sign"), Field(r, "vessel_type"), Field(r, "vessel_flag"),
       Field(r, "vessel_owner"), Field(r, "gross_tonnage"), Field(r, "gross_registered_tonnage")},
      entry);
  entry->source_url = Field(r, "source_information_url");
  if (entry->source_url.empty()) entry->source_url = Field(r, "source_list_url");
  return Status::OK();
}

// Carries a sink or strict-mode error out of the parser callback, which can only return bool.
struct Stop {
  Status status;
};

}  // namespace

Status ParseCslJson(const std::string& path, ParseContext& ctx) {
  Result<std::string> data = ReadFile(path);
  if (!data.ok()) return data.status();
  ParseReport& report = ctx.report();
  size_t index = 0;
  bool in_results = false;  // inside the top-level "results" array of the envelope
  int result_depth = -1;    // depth of one result object: 1 for a bare array, 2 in the envelope
  auto handle = [&](const Json& r) {
    ++report.rows_read;
    size_t i = index++;
    if (!r.is_object()) {
      Status s = ctx.Skip(path, 0, "", "result " + std::to_string(i) + " is not an object");
      if (!s.ok()) throw Stop{s};
      return;
    }
    if (CollapseSpace(Field(r, "name")).empty()) {
      Status s = ctx.Skip(path, 0, "name", "result " + std::to_string(i) + ": empty name");
      if (!s.ok()) throw Stop{s};
      return;
    }
    ListEntry entry;
    if (Status s = BuildEntry(path, i, r, ctx, &entry); !s.ok()) throw Stop{s};
    if (Status s = ctx.Emit(std::move(entry)); !s.ok()) throw Stop{s};
  };
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) -> bool {
    using E = Json::parse_event_t;
    if (depth == 0 && event == E::array_start) result_depth = 1;
    if (depth == 0 && event == E::object_start) result_depth = 2;
    if (depth == 1 && event == E::key && result_depth == 2) {
      in_results = parsed.is_string() && parsed.get<std::string>() == "results";
    }
    bool is_result = depth == result_depth && (result_depth == 1 || in_results);
    if (is_result && (event == E::object_end || event == E::value)) {
      handle(parsed);
      return false;  // discard: the entry has gone to the sink
    }
    return true;
  };
  try {
    Json root = Json::parse(*data, callback);
    if (!root.is_discarded() && !root.is_array() && !root.is_object()) {
      return Status::InvalidArgument(FileLabel(path) + ": not a CSL JSON document");
    }
    if (result_depth == 2 && index == 0 && root.is_object() && !root.contains("results")) {
      return Status::InvalidArgument(FileLabel(path) + ": no \"results\" array");
    }
  } catch (const Stop& stop) {
    return stop.status;
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(FileLabel(path) + ": invalid JSON: " + e.what());
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
