#include "chokepoint/country.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <map>
#include <mutex>

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
};

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
    return n;
  }();
  return names;
}

}  // namespace

Result<std::string> NormalizeCountry(std::string_view text) {
  const Names& names = Table();
  auto it = names.by_key.find(Key(text));
  if (it == names.by_key.end() || Key(text).empty()) {
    return Status::InvalidArgument(
        "'" + std::string(text) +
        "' is not a known country (use an ISO 3166-1 code such as CN, HK, SG)");
  }
  return it->second;
}

std::string CountryName(std::string_view alpha2) {
  const Names& names = Table();
  auto it = names.by_code.find(std::string(alpha2));
  return it == names.by_code.end() ? std::string(alpha2) : it->second;
}

}  // namespace chokepoint
