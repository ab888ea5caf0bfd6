#include "chokepoint/item.h"

namespace chokepoint {

const char* ItemKindName(ItemKind kind) {
  switch (kind) {
    case ItemKind::kIntegratedCircuit:
      return "ic";
    case ItemKind::kComputer:
      return "computer";
    case ItemKind::kHbmStack:
      return "hbm";
  }
  return "ic";
}

std::optional<ItemKind> ParseItemKind(std::string_view name) {
  if (name == "ic") return ItemKind::kIntegratedCircuit;
  if (name == "computer") return ItemKind::kComputer;
  if (name == "hbm") return ItemKind::kHbmStack;
  return std::nullopt;
}

const char* BasisName(Provenance::Basis basis) {
  switch (basis) {
    case Provenance::Basis::kPublished:
      return "published";
    case Provenance::Basis::kEstimated:
      return "estimated";
    case Provenance::Basis::kComputed:
      return "computed";
    case Provenance::Basis::kUserSupplied:
      return "user";
  }
  return "user";
}

std::optional<Provenance::Basis> ParseBasis(std::string_view name) {
  if (name == "published") return Provenance::Basis::kPublished;
  if (name == "estimated") return Provenance::Basis::kEstimated;
  if (name == "computed") return Provenance::Basis::kComputed;
  if (name == "user") return Provenance::Basis::kUserSupplied;
  return std::nullopt;
}

}  // namespace chokepoint
