#include "chokepoint/country.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "chokepoint/strings.h"

namespace chokepoint {

namespace {

// Lower-case ASCII letters and digits only: "People's Republic of China" ->
// "peoplesrepublicofchina".
std::string Key(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string folded;
  u.toUTF8String(folded);
  std::string key;
  for (unsigned char c : folded) {
    if (std::isalnum(c)) key += static_cast<char>(c);
  }
  return key;
}

struct Names {
  std::map<std::string, std::string> by_key;   // normalised name or code -> alpha-2
  std::map<std::string, std::string> by_code;  // alpha-2 -> English name
  // Normalised text that is explicitly not one country -> (reason, code ISO files it under).
  std::map<std::string, std::pair<std::string, std::string>> not_a_country;
};

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

const Names& Table() {
  static const Names names = [] {
    Names n;
    for (const char* const* cc = icu::Locale::getISOCountries(); *cc; ++cc) {
      icu::Locale locale("", *cc);
      icu::UnicodeString display;
      locale.getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      n.by_code[*cc] = name;
      n.by_key[Key(name)] = *cc;
      n.by_key[Key(*cc)] = *cc;
      if (const char* iso3 = locale.getISO3Country(); iso3 && *iso3) n.by_key[Key(iso3)] = *cc;
    }
    // Spellings in trade documents and in the EAR that differ from ICU's English names.
    static const std::pair<const char*, const char*> kAliases[] = {
        {"Hong Kong", "HK"},
        {"Macau", "MO"},
        {"Macao", "MO"},
        {"PRC", "CN"},
        {"People's Republic of China", "CN"},
        {"Mainland China", "CN"},
        {"Taiwan", "TW"},
        {"Republic of China", "TW"},
        {"South Korea", "KR"},
        {"Republic of Korea", "KR"},
        {"Korea", "KR"},
        {"North Korea", "KP"},
        {"DPRK", "KP"},
        {"Russia", "RU"},
        {"Russian Federation", "RU"},
        {"UAE", "AE"},
        {"United Arab Emirates", "AE"},
        {"Burma", "MM"},
        {"Myanmar", "MM"},
        {"USA", "US"},
        {"United States", "US"},
        {"United States of America", "US"},
        {"UK", "GB"},
        {"United Kingdom", "GB"},
        {"Great Britain", "GB"},
        {"Vietnam", "VN"},
        {"Viet Nam", "VN"},
        {"Iran", "IR"},
        {"Syria", "SY"},
        {"Laos", "LA"},
        {"Czech Republic", "CZ"},
        {"Czechia", "CZ"},
        {"Turkey", "TR"},
        {"Turkiye", "TR"},
        {"Ivory Coast", "CI"},
        {"Cote d'Ivoire", "CI"},
        {"Democratic Republic of the Congo", "CD"},
        {"DR Congo", "CD"},
        {"Moldova", "MD"},
        {"Venezuela", "VE"},
        {"Bolivia", "BO"},
        {"Tanzania", "TZ"},
        {"Palestine", "PS"}};
    for (const auto& [name, code] : kAliases) n.by_key[Key(name)] = code;
    // Spellings the sanctions lists (UN, OFAC, CSL, BIS) publish. They never override a name
    // above: ICU's names and the trade aliases win.
    static const std::pair<const char*, const char*> kListSpellings[] = {
        {"United Kingdom of Great Britain and Northern Ireland", "GB"},
        {"Democratic People's Republic of Korea", "KP"},
        {"Korea, North", "KP"},
        {"Korea, South", "KR"},
        {"Korea, Republic of", "KR"},
        {"Syrian Arab Republic", "SY"},
        {"United Republic of Tanzania", "TZ"},
        {"State of Palestine", "PS"},
        {"Palestinian", "PS"},
        {"West Bank", "PS"},
        {"Gaza", "PS"},
        {"Türkiye", "TR"},
        {"China, Hong Kong Special Administrative Region", "HK"},
        {"China, Macao Special Administrative Region", "MO"},
        {"Congo, Democratic Republic of the", "CD"},
        {"Congo, Republic of the", "CG"},
        {"Republic of the Congo", "CG"},
        {"Lao People's Democratic Republic", "LA"},
        {"Republic of Moldova", "MD"},
        {"Curacao", "CW"},
        {"British Virgin Islands", "VG"},
        {"Virgin Islands, British", "VG"},
        {"Bahamas, The", "BS"},
        {"Gambia, The", "GM"},
        {"Micronesia, Federated States of", "FM"},
        {"Macedonia", "MK"},
        {"The former Yugoslav Republic of Macedonia", "MK"},
        {"Cote d Ivoire", "CI"},
        {"Côte d'Ivoire", "CI"},
        {"Brunei Darussalam", "BN"},
        {"Cabo Verde", "CV"},
        {"Eswatini", "SZ"},
        {"Swaziland", "SZ"},
        {"Timor-Leste", "TL"},
        {"East Timor", "TL"},
        {"Holy See", "VA"},
        {"Vatican City", "VA"},
        {"Kosovo", "XK"},
        {"Congo", "CG"},  // the UN's and ISO's short name for the Republic of the Congo
        {"Man, Isle of", "IM"},
        {"North Macedonia, The Republic of", "MK"},
        {"Saint Vincent and the Grenadines", "VC"}};
    for (const auto& [name, code] : kListSpellings) n.by_key.emplace(Key(name), code);
    // What the lists write where there is no one country. "Region: <name>" is handled apart.
    static const char* const kNoCountry[] = {"undetermined", "international", "disputed",
                                             "unknown",      "stateless",     "none"};
    for (const char* text : kNoCountry) n.not_a_country[Key(text)] = {"not a country", ""};
    static const char* const kRegions[] = {"Crimea",        "Kashmir",          "Kafia Kingi",
                                           "Northern Mali", "Abkhazia",         "South Ossetia",
                                           "Transnistria",  "Nagorno-Karabakh", "Donetsk",
                                           "Luhansk",       "Gaza Strip"};
    for (const char* text : kRegions) n.not_a_country[Key(text)] = {"a region, not a country", ""};
    static const char* const kFormer[] = {"Netherlands Antilles",  "AN",           "Yugoslavia",
                                          "Serbia and Montenegro", "Soviet Union", "USSR",
                                          "Czechoslovakia"};
    for (const char* text : kFormer) n.not_a_country[Key(text)] = {"a former country", ""};
    return n;
  }();
  return names;
}

std::optional<std::string> Lookup(const Names& names, std::string_view text) {
  const std::string key = Key(text);
  if (key.empty()) return std::nullopt;
  auto it = names.by_key.find(key);
  if (it == names.by_key.end()) return std::nullopt;
  return it->second;
}

// The code for `text` as written, or as the lists vary it: "Trinidad and Tobago" (ICU: "&"),
// "Saint Kitts and Nevis" (ICU: "St."), "The Gambia", "Iran (Islamic Republic of)".
std::optional<std::string> LookupVariants(const Names& names, const std::string& text) {
  if (auto cc = Lookup(names, text)) return cc;
  if (auto cc = Lookup(names, ReplaceAll(ReplaceAll(text, " and ", " & "), "Saint ", "St. "))) {
    return cc;
  }
  if (AsciiLower(text).rfind("the ", 0) == 0) {
    if (auto cc = Lookup(names, text.substr(4))) return cc;
  }
  if (size_t paren = text.find(" ("); paren != std::string::npos) {
    if (auto cc = Lookup(names, text.substr(0, paren))) return cc;
  }
  return std::nullopt;
}

std::optional<CountryReading> NotACountry(const Names& names, const std::string& text) {
  CountryReading r;
  r.kind = CountryReading::Kind::kNoCountry;
  std::string rest = text;
  if (size_t paren = rest.find(" ("); paren != std::string::npos) {
    rest.resize(paren);  // "crimea (occupied)"
  }
  if (auto it = names.not_a_country.find(Key(rest)); it != names.not_a_country.end()) {
    r.reason = it->second.first;
    r.within = it->second.second;
    return r;
  }
  return std::nullopt;
}

}  // namespace

CountryReading ReadCountry(std::string_view text) {
  const Names& names = Table();
  const std::string trimmed = Trim(text);
  CountryReading r;
  if (Key(trimmed).empty()) {
    r.kind = CountryReading::Kind::kNoCountry;
    r.reason = "no country given";
    return r;
  }
  // OFAC's "Region: Gaza", "Region: Crimea": a region, never a country code of its own.
  if (AsciiLower(trimmed).rfind("region:", 0) == 0) {
    const std::string name = Trim(std::string_view(trimmed).substr(7));
    r.kind = CountryReading::Kind::kNoCountry;
    r.reason = "a region, not a country";
    // ISO 3166 counts Gaza and the West Bank as PS; other regions the lists name are disputed or
    // span borders, so they are filed under no code.
    const std::string key = Key(name);
    if (key == "gaza" || key == "westbank") r.within = "PS";
    return r;
  }
  if (auto cc = LookupVariants(names, trimmed)) {
    r.kind = CountryReading::Kind::kCountry;
    r.code = *cc;
    return r;
  }
  if (auto none = NotACountry(names, trimmed)) return *none;
  r.reason = "not a known country";
  return r;
}

Result<std::string> NormalizeCountry(std::string_view text) {
  const CountryReading r = ReadCountry(text);
  if (r.is_country()) return r.code;
  if (r.kind == CountryReading::Kind::kNoCountry && !Key(text).empty()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is " + r.reason +
                                   " (use an ISO 3166-1 code such as CN, HK, SG)");
  }
  return Status::InvalidArgument(
      "'" + std::string(text) +
      "' is not a known country (use an ISO 3166-1 code such as CN, HK, SG)");
}

std::string CountryName(std::string_view alpha2) {
  const Names& names = Table();
  auto it = names.by_code.find(std::string(alpha2));
  return it == names.by_code.end() ? std::string(alpha2) : it->second;
}

}  // namespace chokepoint
