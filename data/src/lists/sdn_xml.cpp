// OFAC's legacy sdn.xml (namespace http://tempuri.org/sdnList.xsd; pugixml ignores it). The DOM
// is built once and walked entry by entry; the file is under 10 MB, and pugixml has no pull mode.
#include <pugixml.hpp>
#include <string>

#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

std::string Child(pugi::xml_node node, const char* name) {
  return CollapseSpace(node.child_value(name));
}

// OFAC writes people as "LAST, First" everywhere else (sdn.csv, CSL); the XML splits the two, and
// joining them back keeps one spelling for the matcher to reorder.
std::string JoinName(pugi::xml_node node) {
  std::string last = Child(node, "lastName"), first = Child(node, "firstName");
  if (first.empty()) return last;
  if (last.empty()) return first;
  return last + ", " + first;
}

void ReadEntry(pugi::xml_node e, ListEntry* entry) {
  entry->source = "SDN";
  entry->source_code = "SDN";
  entry->list_id = Child(e, "uid");
  entry->name = JoinName(e);
  entry->type = ParsePartyType(Child(e, "sdnType")).value_or(PartyType::kUnknown);
  for (pugi::xml_node p : e.child("programList").children("program")) {
    AddUnique(&entry->programs, CollapseSpace(p.child_value()));
  }
  for (pugi::xml_node aka : e.child("akaList").children("aka")) {
    std::string name = JoinName(aka);
    if (name.empty() || name == entry->name) continue;
    bool weak = AsciiLower(Child(aka, "category")) == "weak";
    entry->aliases.push_back(
        {name, weak ? ListName::Kind::kWeakAlias : ListName::Kind::kStrongAlias});
  }
  for (pugi::xml_node a : e.child("addressList").children("address")) {
    ListAddress address;
    for (const char* line : {"address1", "address2", "address3"}) {
      std::string part = Child(a, line);
      if (part.empty()) continue;
      address.text += address.text.empty() ? part : ", " + part;
    }
    address.city = Child(a, "city");
    address.region = Child(a, "stateOrProvince");
    address.postal_code = Child(a, "postalCode");
    address.country = CountryCode(Child(a, "country"));
    if (!address.text.empty() || !address.city.empty() || !address.country.empty()) {
      entry->addresses.push_back(std::move(address));
    }
  }
  for (pugi::xml_node id : e.child("idList").children("id")) {
    std::string number = Child(id, "idNumber");
    if (number.empty()) continue;
    entry->ids.push_back({Child(id, "idType"), number, CountryCode(Child(id, "idCountry"))});
  }
  for (const char* list : {"nationalityList", "citizenshipList"}) {
    for (pugi::xml_node n : e.child(list).children()) {
      AddUnique(&entry->nationalities, CountryCode(Child(n, "country")));
    }
  }
  for (pugi::xml_node d : e.child("dateOfBirthList").children("dateOfBirthItem")) {
    AddUnique(&entry->dates_of_birth, NormalizeDob(Child(d, "dateOfBirth")));
  }
  entry->remarks = Child(e, "remarks");
  AppendRemark(&entry->remarks, "Title", Child(e, "title"));
  for (pugi::xml_node p : e.child("placeOfBirthList").children("placeOfBirthItem")) {
    AppendRemark(&entry->remarks, "Place of birth", Child(p, "placeOfBirth"));
  }
  pugi::xml_node v = e.child("vesselInfo");
  AddVesselInfo({Child(v, "callSign"), Child(v, "vesselType"), Child(v, "vesselFlag"),
                 Child(v, "vesselOwner"), Child(v, "tonnage"), Child(v, "grossRegisteredTonnage")},
                entry);
  entry->source_url = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + entry->list_id;
}

}  // namespace

Status ParseSdnXml(const std::string& path, ParseContext& ctx) {
  std::string text;
  pugi::xml_document doc;
  if (Status s = LoadXmlFile(path, &text, &doc); !s.ok()) return s;
  pugi::xml_node root = doc.child("sdnList");
  if (!root) return Status::InvalidArgument(FileLabel(path) + ": no <sdnList> root element");
  ParseReport& report = ctx.report();
  LineCounter lines(text);
  if (pugi::xml_node info = root.child("publshInformation")) {
    report.published = ParseUsDate(Child(info, "Publish_Date"));
  }
  for (pugi::xml_node e : root.children("sdnEntry")) {
    ++report.rows_read;
    int64_t line = lines.LineAt(e.offset_debug());
    const char* missing = Child(e, "uid").empty()        ? "uid"
                          : Child(e, "lastName").empty() ? "lastName"
                                                         : nullptr;
    if (missing) {
      if (Status s = ctx.Skip(path, line, missing, "missing or empty"); !s.ok()) return s;
      continue;
    }
    ListEntry entry;
    ReadEntry(e, &entry);
    if (!ParsePartyType(Child(e, "sdnType"))) {
      Status s =
          ctx.BadField(path, line, "sdnType", "unknown party type '" + Child(e, "sdnType") + "'");
      if (!s.ok()) return s;
    }
    if (Status s = ctx.Emit(std::move(entry)); !s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
