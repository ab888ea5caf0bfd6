// Hand-made list entries for the screening tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "chokepoint/list_entry.h"

namespace chokepoint::screen_test {

inline ListEntry Party(PartyType type, const std::string& name,
                       const std::vector<std::string>& aliases, const std::string& country) {
  ListEntry e;
  e.source = "Test List";
  e.source_code = "TL";
  e.list_id = name;
  e.type = type;
  e.name = name;
  for (const auto& a : aliases) e.aliases.push_back({a, ListName::Kind::kStrongAlias});
  if (!country.empty()) e.addresses.push_back({"", "", "", "", country});
  return e;
}
inline ListEntry Person(const std::string& name, const std::vector<std::string>& aliases,
                        const std::string& country) {
  return Party(PartyType::kIndividual, name, aliases, country);
}
inline ListEntry Entity(const std::string& name, const std::vector<std::string>& aliases,
                        const std::string& country) {
  return Party(PartyType::kEntity, name, aliases, country);
}

// The CSL's Entity List row for NUDT, as published.
inline ListEntry Nudt() {
  ListEntry e = Entity("National University of Defense Technology (NUDT)",
                       {"Central South CAD Center", "CSCC", "Hunan Guofang Keji University"}, "CN");
  e.source = "Entity List (EL) - Bureau of Industry and Security";
  e.source_code = "EL";
  e.start_date = Date::FromYmd(2015, 2, 18);
  e.federal_register_notice = "80 FR 8524; 84 FR 29373; 87 FR 38925; 87 FR 62202";
  return e;
}

// Deterministic filler: people and companies built from common words, so that common tokens
// have many postings and token weights spread as in real lists.
inline std::vector<ListEntry> FillerEntries(size_t n, uint64_t seed = 1) {
  static const char* const kGiven[] = {
      "Ali",    "Mohammed", "Ahmed", "Ivan",  "Sergey", "Wei",  "Li",   "Jose",  "Maria", "Kim",
      "Hassan", "Olga",     "Omar",  "Yusuf", "Elena",  "Juan", "Chen", "Abdul", "Rahman"};
  static const char* const kFamily[] = {
      "Hussein",  "Ivanov",  "Petrov",    "Wang",   "Zhang",  "Garcia", "Lopez",   "Khan",
      "Al-Masri", "Sokolov", "Kuznetsov", "Rahimi", "Haddad", "Nasser", "Morales", "Popescu"};
  static const char* const kWord[] = {
      "Global",  "Trading",    "International", "Energy",     "Shipping", "Petro",  "Star",
      "Gulf",    "Eastern",    "Technology",    "Industrial", "Group",    "Marine", "Aviation",
      "General", "Investment", "Pars",          "Sun",        "Ocean",    "Royal"};
  static const char* const kForm[] = {"LLC", "Co., Ltd.", "JSC", "FZE", "Limited", "S.A.", ""};
  std::vector<ListEntry> out;
  uint64_t x = seed;
  auto next = [&](size_t mod) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((x >> 33) % mod);
  };
  for (size_t i = 0; i < n; ++i) {
    if (next(2) == 0) {
      std::string name = std::string(kFamily[next(std::size(kFamily))]) + ", " +
                         kGiven[next(std::size(kGiven))] + " " + kGiven[next(std::size(kGiven))];
      out.push_back(Person(name, {}, "IR"));
    } else {
      std::string name = std::string(kWord[next(std::size(kWord))]) + " " +
                         kWord[next(std::size(kWord))] + " " + kWord[next(std::size(kWord))] + " " +
                         kForm[next(std::size(kForm))];
      out.push_back(Entity(name, {}, "AE"));
    }
    out.back().list_id = "filler-" + std::to_string(i);
  }
  return out;
}

}  // namespace chokepoint::screen_test
