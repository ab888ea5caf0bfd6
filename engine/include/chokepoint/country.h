// Country codes: ISO 3166-1 alpha-2 is the engine's only spelling; people may type names.
#pragma once

#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint {

// "CN", "cn", "CHN", "China", "People's Republic of China", "Hong Kong", "Macao", "UAE",
// "South Korea", "Burma" → the alpha-2 code. Names come from ICU's English display names (so every
// ISO country is known) plus the names trade documents use that ICU spells differently.
// Unknown or ambiguous text is InvalidArgument naming the input.
Result<std::string> NormalizeCountry(std::string_view text);

// English name of an alpha-2 code ("China"), or the code itself when unknown.
std::string CountryName(std::string_view alpha2);

}  // namespace chokepoint
