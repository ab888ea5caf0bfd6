#include "chokepoint/list_entry.h"

#include <algorithm>

namespace chokepoint {

const char* PartyTypeName(PartyType type) {
  switch (type) {
    case PartyType::kUnknown: return "unknown";
    case PartyType::kEntity: return "entity";
    case PartyType::kIndividual: return "individual";
    case PartyType::kVessel: return "vessel";
    case PartyType::kAircraft: return "aircraft";
  }
  return "unknown";
}

std::optional<PartyType> ParsePartyType(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "entity" || lower == "organization" || lower == "company") return PartyType::kEntity;
  if (lower == "individual" || lower == "person") return PartyType::kIndividual;
  if (lower == "vessel") return PartyType::kVessel;
  if (lower == "aircraft") return PartyType::kAircraft;
  if (lower.empty() || lower == "-0-" || lower == "unknown") return PartyType::kUnknown;
  return std::nullopt;
}

const char* ListNameKindName(ListName::Kind kind) {
  switch (kind) {
    case ListName::Kind::kPrimary: return "primary";
    case ListName::Kind::kStrongAlias: return "strong";
    case ListName::Kind::kWeakAlias: return "weak";
  }
  return "strong";
}

std::vector<std::string> ListEntry::Countries() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& cc) {
    if (!cc.empty() && std::find(out.begin(), out.end(), cc) == out.end()) out.push_back(cc);
  };
  for (const auto& a : addresses) add(a.country);
  for (const auto& n : nationalities) add(n);
  return out;
}

bool ListEntry::ListedOn(Date day) const {
  if (start_date && day < *start_date) return false;
  if (end_date && day > *end_date) return false;
  return true;
}

}  // namespace chokepoint
