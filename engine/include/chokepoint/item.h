// ItemSpec: what a spec sheet says about an item, with where each figure came from.
//
// Every figure is optional: a missing figure makes the tests that need it indeterminate rather than
// silently false, and the classification says which figure was missing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/rational.h"

namespace chokepoint {

enum class ItemKind {
  kIntegratedCircuit,  // a chip or accelerator package: 3A090.a/.b
  kComputer,           // a computer, board or assembly containing such chips: 4A090
  kHbmStack,           // a standalone high-bandwidth-memory stack: 3A090.c
};
const char* ItemKindName(ItemKind kind);  // "ic", "computer", "hbm"
std::optional<ItemKind> ParseItemKind(std::string_view name);

// Where a figure came from, so a reviewer can weigh it.
struct Provenance {
  enum class Basis { kPublished, kEstimated, kComputed, kUserSupplied };
  Basis basis = Basis::kUserSupplied;
  std::string source;  // a datasheet title, URL or citation; empty for user input
};
const char* BasisName(Provenance::Basis basis);  // "published", "estimated", "computed", "user"
std::optional<Provenance::Basis> ParseBasis(std::string_view name);

// Peak throughput at one precision, as a datasheet states it.
struct Throughput {
  std::string precision;  // "FP8", "INT8", "FP16", "TF32", ... (label only)
  int bit_length = 0;     // bit length of the operation's inputs
  Rational tops;          // datasheet TOPS or TFLOPS (= 2 x MacTOPS)
  bool sparse = false;    // datasheet figure assumes structured sparsity; TPP uses half of it
  Provenance provenance;
};

struct ItemSpec {
  std::string name;     // display name, e.g. "NVIDIA H100 SXM5"
  std::string vendor;   // may be empty
  std::string part_id;  // catalog id ("nvidia-h20") when the item came from the catalog; rules may
                        // name parts
  ItemKind kind = ItemKind::kIntegratedCircuit;

  // Either per-precision throughput (TPP is computed) or a TPP figure given directly.
  std::vector<Throughput> throughput;
  std::optional<Rational> tpp;

  std::optional<Rational> die_area_mm2;  // 'applicable die area': non-planar logic dies only
  std::optional<bool> non_planar;        // logic dies use FinFET/GAA transistors
  std::optional<Rational> memory_bandwidth_gbps;  // total DRAM/HBM bandwidth, GB/s
  std::optional<Rational> package_area_mm2;   // HBM stack or package area, for bandwidth density
  std::optional<Rational> interconnect_gbps;  // aggregate bidirectional chip-to-chip rate, GB/s
  std::optional<Rational> process_nm;
  std::optional<Rational> transistors_billion;  // aggregated approximated transistor count
  std::optional<bool> has_hbm;                  // package contains HBM
  std::optional<bool> datacenter;               // designed or marketed for use in datacenters

  // Provenance of the scalar figures above, keyed by the attribute names used in rule packs
  // ("die_area_mm2", "memory_bandwidth_gbps", ...). Absent key: user supplied.
  std::map<std::string, Provenance> provenance;
};

}  // namespace chokepoint
