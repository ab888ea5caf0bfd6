// Country codes: ISO 3166-1 alpha-2 is the engine's only spelling; people and lists may write
// names.
#pragma once

#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint {

// What a country field says.
struct CountryReading {
  enum class Kind {
    kCountry,    // `code` is the alpha-2 code
    kNoCountry,  // understood, and explicitly not one country: a region ("Region: Crimea"),
                 // "undetermined", "International", "Disputed", a former country, or blank
    kUnknown,    // not a spelling we know
  };
  Kind kind = Kind::kUnknown;
  std::string code;    // kCountry: "KP"
  std::string within;  // kNoCountry for a region ISO counts as part of one code: "Region: Gaza"
                       // and "Region: West Bank" -> "PS"; else empty
  std::string reason;  // kNoCountry / kUnknown: why, for messages ("a region, not a country")

  bool is_country() const { return kind == Kind::kCountry; }
  // A code or an explicit "no country": the text was understood.
  bool understood() const { return kind != Kind::kUnknown; }
};

// Reads any spelling people, trade documents or the sanctions lists use: "CN", "cn", "CHN",
// "China", "People's Republic of China", "Korea, North", "Iran (Islamic Republic of)",
// "China, Hong Kong Special Administrative Region", "Bahamas, The", "Türkiye", "Burma". Names come
// from ICU's English display names (so every ISO country is known) plus the names documents and
// lists use that ICU spells differently. Surrounding ASCII whitespace is ignored.
CountryReading ReadCountry(std::string_view text);

// ReadCountry for input that must name a country: the alpha-2 code, else InvalidArgument naming
// the input (and, for a recognised non-country such as "Region: Crimea", saying what it is).
Result<std::string> NormalizeCountry(std::string_view text);

// English name of an alpha-2 code ("China"), or the code itself when unknown.
std::string CountryName(std::string_view alpha2);

}  // namespace chokepoint
