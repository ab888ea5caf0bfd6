#include "ofac_remarks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "parse_util.h"

namespace chokepoint::data::lists {

namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool HasDigit(std::string_view text) {
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Statements that look like "<scheme> <value>" but describe the party rather than identify it.
bool IsDescriptive(std::string_view scheme) {
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "DOB",    "POB",   "nationality",    "citizen",           "Gender",
      "Linked", "Title", "Aircraft Model", "Organization Type", "Target Type"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(scheme, p)) return true;
  }
  return scheme.find("Date") != std::string_view::npos ||
         scheme.find("Year") != std::string_view::npos ||
         scheme.find("Directive") != std::string_view::npos;
}

// Schemes whose values carry no digit, so the generic rule below would miss them.
constexpr std::array<std::string_view, 3> kTextSchemes = {"Website ", "Email Address ",
                                                          "SWIFT/BIC "};

// "Passport A1234567 (Iran) issued 01 Jan 2010" -> {"Passport", "A1234567", "IR"}.
bool ParseIdentifier(std::string_view piece, ListIdentifier* id) {
  for (std::string_view cut : {" issued ", " expires "}) {
    piece = piece.substr(0, piece.find(cut));
  }
  std::string country;
  if (piece.size() > 2 && piece.back() == ')') {
    size_t open = piece.rfind(" (");
    if (open != std::string_view::npos) {
      country = CountryCode(piece.substr(open + 2, piece.size() - open - 3));
      piece = TrimView(piece.substr(0, open));
    }
  }
  size_t space = piece.rfind(' ');
  if (space == std::string_view::npos) return false;
  std::string_view scheme = TrimView(piece.substr(0, space));
  std::string_view value = piece.substr(space + 1);
  // "Passport RL 3367620", "V.A.T. Number BG 831036657", "IMO 7741108": a short code before the
  // number belongs to the value as it is printed on the document.
  if (size_t before = scheme.rfind(' '); before != std::string_view::npos) {
    std::string_view code = scheme.substr(before + 1);
    if (!code.empty() && code.size() <= 3 &&
        std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      value = piece.substr(before + 1);
      scheme = TrimView(scheme.substr(0, before));
    }
  }
  bool text_scheme = false;
  for (std::string_view s : kTextSchemes) text_scheme |= StartsWith(piece, s);
  // Sentences ("Executive Order 13846 information: ... Sec. 5(a)") are not documents.
  if (scheme.empty() || scheme.size() > 60 || IsDescriptive(scheme) ||
      scheme.find(':') != std::string_view::npos ||
      !std::isupper(static_cast<unsigned char>(scheme[0]))) {
    return false;
  }
  if (!text_scheme && !HasDigit(value)) return false;
  *id = {std::string(scheme), std::string(value), country};
  return true;
}

}  // namespace

void ApplyOfacRemarks(std::string_view remarks, ListEntry* entry) {
  for (const std::string& raw : SplitTrimmed(remarks, ";")) {
    std::string_view piece = raw;
    if (StartsWith(piece, "alt. ")) piece.remove_prefix(5);
    if (StartsWith(piece, "a.k.a. '") || StartsWith(piece, "f.k.a. '") ||
        StartsWith(piece, "n.k.a. '")) {
      size_t open = piece.find('\'');
      size_t close = piece.rfind('\'');
      if (close > open + 1) {
        std::string name = CollapseSpace(piece.substr(open + 1, close - open - 1));
        bool known = name.empty() || name == entry->name;
        for (const ListName& a : entry->aliases) known |= a.name == name;
        if (!known) entry->aliases.push_back({name, ListName::Kind::kWeakAlias});
      }
      continue;
    }
    while (!piece.empty() && piece.back() == '.') piece.remove_suffix(1);
    if (StartsWith(piece, "DOB ")) {
      AddUnique(&entry->dates_of_birth, NormalizeDob(piece.substr(4)));
    } else if (StartsWith(piece, "nationality ")) {
      AddUnique(&entry->nationalities, CountryCode(piece.substr(12)));
    } else if (StartsWith(piece, "citizen ")) {
      AddUnique(&entry->nationalities, CountryCode(piece.substr(8)));
    } else if (ListIdentifier id; ParseIdentifier(piece, &id)) {
      entry->ids.push_back(std::move(id));
    }
  }
}

}  // namespace chokepoint::data::lists
