// Exact numbers in JSON: rendered from Rational so 5.92 prints as 5.92, never 5.9199999999.
#pragma once

#include <nlohmann/json.hpp>

#include "chokepoint/rational.h"

namespace chokepoint::codec {

using Json = nlohmann::ordered_json;

inline Json Number(const Rational& r, int decimals = 6) {
  if (r.IsInteger()) return Json(static_cast<int64_t>(r.ToDouble()));
  // The shortest double that prints as the rounded decimal, so the JSON text is that decimal.
  return Json(std::strtod(r.ToString(decimals).c_str(), nullptr));
}

}  // namespace chokepoint::codec
