// The UN Security Council consolidated list (CONSOLIDATED_LIST of INDIVIDUALS and ENTITIES).
// Built as a DOM once and walked entry by entry; the file is about 2 MB.
#include <pugixml.hpp>
#include <string>

#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

std::string Child(pugi::xml_node node, const char* name) {
  return CollapseSpace(node.child_value(name));
}

// The UN writes a date of birth as parts: an exact DATE, a YEAR (EXACT or APPROXIMATELY), a
// FROM_YEAR..TO_YEAR range, or only a NOTE. The result reads like OFAC's spellings.
std::string DateOfBirth(pugi::xml_node d) {
  std::string kind = AsciiLower(Child(d, "TYPE_OF_DATE"));
  std::string date = Child(d, "DATE"), year = Child(d, "YEAR"), note = Child(d, "NOTE");
  std::string from = Child(d, "FROM_YEAR"), to = Child(d, "TO_YEAR");
  std::string out;
  if (!date.empty()) {
    out = NormalizeDob(date.substr(0, std::min<size_t>(date.size(), 10)));
  } else if (!year.empty()) {
    out = kind == "approximately" ? "circa " + year : year;
  } else if (!from.empty() || !to.empty()) {
    out = from.empty() ? to : to.empty() ? from : from + " to " + to;
  }
  if (out.empty()) return note;
  if (!note.empty()) out += " (" + note + ")";
  return out;
}

void ReadAddress(pugi::xml_node a, ListEntry* entry) {
  ListAddress address;
  address.text = Child(a, "STREET");
  address.city = Child(a, "CITY");
  address.region = Child(a, "STATE_PROVINCE");
  address.postal_code = Child(a, "ZIP_CODE");
  address.country = CountryCode(Child(a, "COUNTRY"));
  std::string note = Child(a, "NOTE");  // "as of June 2016": when the address was known
  if (!note.empty()) address.text += address.text.empty() ? "(" + note + ")" : " (" + note + ")";
  if (!address.text.empty() || !address.city.empty() || !address.region.empty() ||
      !address.country.empty()) {
    entry->addresses.push_back(std::move(address));
  }
}

void ReadEntry(pugi::xml_node e, bool individual, ListEntry* entry) {
  entry->source = "UN Security Council Consolidated List";
  entry->source_code = "UN";
  entry->list_id = Child(e, "DATAID");
  entry->type = individual ? PartyType::kIndividual : PartyType::kEntity;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    std::string name = Child(e, part);
    if (!name.empty()) entry->name += entry->name.empty() ? name : " " + name;
  }
  auto add_alias = [&](std::string name, ListName::Kind kind) {
    if (name.empty() || name == entry->name) return;
    for (const ListName& a : entry->aliases) {
      if (a.name == name) return;
    }
    entry->aliases.push_back({std::move(name), kind});
  };
  add_alias(Child(e, "NAME_ORIGINAL_SCRIPT"), ListName::Kind::kStrongAlias);
  for (pugi::xml_node a : e.children(individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
    // Individuals' aliases are "Good" or "Low"; entities' carry "a.k.a."/"f.k.a." in the same
    // element. Only "Low" is the UN's word for a weak alias.
    bool low = AsciiLower(Child(a, "QUALITY")) == "low";
    add_alias(Child(a, "ALIAS_NAME"),
              low ? ListName::Kind::kWeakAlias : ListName::Kind::kStrongAlias);
  }
  AddUnique(&entry->programs, Child(e, "UN_LIST_TYPE"));
  std::string reference = Child(e, "REFERENCE_NUMBER");
  if (!reference.empty()) entry->ids.push_back({"UN Reference Number", reference, ""});
  for (pugi::xml_node a : e.children(individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
    ReadAddress(a, entry);
  }
  for (pugi::xml_node d : e.children("INDIVIDUAL_DATE_OF_BIRTH")) {
    AddUnique(&entry->dates_of_birth, DateOfBirth(d));
  }
  for (pugi::xml_node v : e.child("NATIONALITY").children("VALUE")) {
    std::string country = CollapseSpace(v.child_value());
    if (AsciiLower(country) != "na") AddUnique(&entry->nationalities, CountryCode(country));
  }
  for (pugi::xml_node d : e.children("INDIVIDUAL_DOCUMENT")) {
    std::string number = Child(d, "NUMBER");
    if (number.empty()) continue;
    std::string country = Child(d, "ISSUING_COUNTRY");
    if (country.empty()) country = Child(d, "COUNTRY_OF_ISSUE");
    entry->ids.push_back({Child(d, "TYPE_OF_DOCUMENT"), number, CountryCode(country)});
  }
  entry->remarks = Child(e, "COMMENTS1");
  for (const char* list : {"TITLE", "DESIGNATION"}) {
    std::string values;
    for (pugi::xml_node v : e.child(list).children("VALUE")) {
      AppendRemark(&values, "", CollapseSpace(v.child_value()));
    }
    AppendRemark(&entry->remarks, list[0] == 'T' ? "Title" : "Designation", values);
  }
  for (pugi::xml_node p : e.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
    std::string place;
    for (const char* part : {"CITY", "STATE_PROVINCE", "COUNTRY"}) {
      std::string text = Child(p, part);
      if (!text.empty()) place += place.empty() ? text : ", " + text;
    }
    AppendRemark(&entry->remarks, "Place of birth", place);
  }
  entry->source_url = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list";
}

}  // namespace

Status ParseUnXml(const std::string& path, ParseContext& ctx) {
  std::string text;
  pugi::xml_document doc;
  if (Status s = LoadXmlFile(path, &text, &doc); !s.ok()) return s;
  pugi::xml_node root = doc.child("CONSOLIDATED_LIST");
  if (!root) return Status::InvalidArgument(FileLabel(path) + ": no <CONSOLIDATED_LIST> root");
  ParseReport& report = ctx.report();
  report.published = ParseIsoDate(root.attribute("dateGenerated").as_string());
  LineCounter lines(text);
  for (bool individual : {true, false}) {
    pugi::xml_node group = root.child(individual ? "INDIVIDUALS" : "ENTITIES");
    for (pugi::xml_node e : group.children(individual ? "INDIVIDUAL" : "ENTITY")) {
      ++report.rows_read;
      int64_t line = lines.LineAt(e.offset_debug());
      ListEntry entry;
      ReadEntry(e, individual, &entry);
      const char* missing = entry.list_id.empty() ? "DATAID"
                            : entry.name.empty()  ? "FIRST_NAME"
                                                  : nullptr;
      if (missing) {
        if (Status s = ctx.Skip(path, line, missing, "missing or empty"); !s.ok()) return s;
        continue;
      }
      std::string listed_on = Child(e, "LISTED_ON");
      // Some dates carry a zone ("2015-04-07-04:00"); the day is what counts.
      entry.start_date = ParseIsoDate(listed_on);
      if (!listed_on.empty() && !entry.start_date) {
        Status s =
            ctx.BadField(path, line, "LISTED_ON", "'" + listed_on + "' is not a YYYY-MM-DD date");
        if (!s.ok()) return s;
      }
      if (Status s = ctx.Emit(std::move(entry)); !s.ok()) return s;
    }
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
