// Facts: the named attributes rule conditions test, in a flat array indexed by Attr.
// Private to the engine: the public contract is the attribute *names* in docs/rules_format.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "chokepoint/rational.h"

namespace chokepoint::rules {

enum class Attr : uint8_t {
  kTpp,
  kPerformanceDensity,
  kMemoryBandwidthGbps,
  kMemoryBandwidthDensity,
  kInterconnectGbps,
  kDramPlusIoGbps,
  kDieAreaMm2,
  kProcessNm,
  kTransistorsBillion,
  kDatacenter,
  kHasHbm,
  kNonPlanar,
  kPackagedOutsideD5,
  kKind,
  kExporterRole,
  kDesignerStatus,
  kVendor,
  kPartId,
  kCount,
};
constexpr size_t kAttrCount = static_cast<size_t>(Attr::kCount);

std::optional<Attr> ParseAttr(std::string_view name);
std::string_view AttrName(Attr attr);
// How a reason names the attribute: "TPP", "PD", "memory bandwidth density", ...
std::string_view AttrLabel(Attr attr);
// Unit suffix for reasons (" GB/s", " mm²", ""), so "interconnect 400 GB/s < 600 GB/s" reads right.
std::string_view AttrUnit(Attr attr);

struct Value {
  enum class Type : uint8_t {
    kMissing,        // the figure is not known: tests on it are unknown
    kNotApplicable,  // the figure does not exist for this item (PD of planar logic): tests are
                     // false
    kNumber,
    kBool,
    kWord,
  };
  Type type = Type::kMissing;
  bool boolean = false;
  Rational number;
  std::string_view word;  // points into static storage or the request; valid during evaluation

  static Value Number(const Rational& r) { return Value{Type::kNumber, false, r, {}}; }
  static Value Bool(bool b) { return Value{Type::kBool, b, {}, {}}; }
  static Value Word(std::string_view w) { return Value{Type::kWord, false, {}, w}; }
  static Value NotApplicable() { return Value{Type::kNotApplicable, false, {}, {}}; }
};

// Everything a condition can look at for one evaluation.
struct Facts {
  std::array<Value, kAttrCount> values;
  // The working behind a derived figure ("2 × 989.5 × 8 = 15832"), shown in reasons in place of
  // the bare number. Empty for figures taken as given.
  std::array<std::string_view, kAttrCount> derivations;
  // Country-group membership of the destination and of the party's headquarters on the day, as bit
  // masks over the pack's group indexes; the effective (treated-as) country codes beside them.
  uint64_t destination_groups = 0;
  std::string_view destination;  // empty: no destination given
  uint64_t headquarters_groups = 0;
  std::string_view headquarters;  // empty: unknown
  int export_year = 0;
  std::string_view eccn;  // the item's ECCN once classified

  const Value& operator[](Attr a) const { return values[static_cast<size_t>(a)]; }
  Value& operator[](Attr a) { return values[static_cast<size_t>(a)]; }
};

}  // namespace chokepoint::rules
