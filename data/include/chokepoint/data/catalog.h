// Catalog: the accelerators `chokepoint classify --part` and `chokepoint catalog` know by name.
//
// The catalog is data (data/catalog/accelerators.xml), not code, so that a compliance analyst can
// correct a figure without a rebuild. Every figure carries its provenance (published, estimated or
// computed, and the source), and the catalog never derives TPP or PD itself: the engine does, so a
// classification shows one arithmetic whether the figures came from here or from the user.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/item.h"
#include "chokepoint/status.h"

namespace chokepoint::data {

struct CatalogPart {
  std::string id;                    // kebab-case, stable: "nvidia-h100-sxm5"
  std::string vendor;                // "NVIDIA"
  std::string name;                  // marketing name without the vendor: "H100 SXM5"
  std::vector<std::string> aliases;  // other spellings: "H100 SXM"
  ItemSpec spec;  // spec.name is "<vendor> <name>"; spec.provenance is keyed by figure name
  std::vector<std::string> notes;
};

class Catalog {
 public:
  // Reads and validates a catalog file. Malformed XML, an unknown element or attribute, a missing
  // source or basis, or a number Rational::Parse rejects -> InvalidArgument "path:line: reason".
  // A file that cannot be read -> IOError.
  static Result<Catalog> Load(const std::string& path);
  // As Load, for text already in memory; `origin` names it in error messages.
  static Result<Catalog> Parse(std::string_view xml, const std::string& origin);

  const std::vector<CatalogPart>& parts() const { return parts_; }
  std::string version() const { return version_; }

  // Forgiving lookup. Case, punctuation and spacing do not matter; vendor words (NVIDIA, AMD,
  // Intel, Huawei, Habana) and marketing words (GeForce, Instinct, Radeon, Tesla, Data Center GPU,
  // Tensor Core GPU) are optional. An exact spelling (name, vendor + name, alias or id) wins;
  // otherwise the query may be the first whole words of a name, if only one part has them. Extra
  // words ("H100 NVL") or part of a word ("L40" for "L40S", a different chip) never match:
  //   "RTX 4090"  -> GeForce RTX 4090 (exact, although "RTX 4090 D" begins the same way)
  //   "H200"      -> H200 SXM
  //   "H100"      -> InvalidArgument "ambiguous part 'H100': H100 SXM5, H100 PCIe"
  //   "L40"       -> NotFound "unknown part 'L40'; closest catalog parts: L20, L40S, L4"
  // The pointer is valid for the lifetime of the Catalog.
  Result<const CatalogPart*> Find(std::string_view query) const;

  // The n parts nearest to the query, nearest first: parts sharing the query's first word ("A100"
  // for "A100 PCIe"), then by edit distance over normalised names, ties in catalog order.
  std::vector<const CatalogPart*> Closest(std::string_view query, size_t n) const;

 private:
  std::string version_;
  std::vector<CatalogPart> parts_;
  // For each part, every spelling (name, vendor + name, aliases, id) as normalised words.
  std::vector<std::vector<std::vector<std::string>>> keys_;
};

}  // namespace chokepoint::data
