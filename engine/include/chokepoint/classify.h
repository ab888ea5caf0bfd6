// Classification: "what is this item on this date, and does shipping it there need a licence?"
//
// Classify() computes the figures the regulation tests (TPP, performance density, memory bandwidth
// density), evaluates every rule of the pack in force on the date, and returns the ECCN, the
// licence answer for the destination, the review policy and the licence exceptions that could
// apply, with the rules (id, citation, version) and the reasons in words. The same request, pack
// and date always give the same answer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/item.h"
#include "chokepoint/rules.h"

namespace chokepoint {

struct ClassifyRequest {
  ItemSpec item;
  Date as_of;
  std::optional<std::string> destination;  // ISO 3166-1 alpha-2, upper case
  // Where the end user, or its ultimate parent, is headquartered (the headquartered-in rule).
  std::optional<std::string> headquarters;
  // Who exports: "foundry" or "osat" trigger the foundry due-diligence presumption.
  std::optional<std::string> exporter_role;
  std::optional<std::string> designer_status;  // "approved", "authorized", "none"
  std::optional<bool> packaged_outside_d5;     // final packaging outside Macau and D:5
};

// The figures derived from a spec, each with its arithmetic.
struct Figures {
  std::optional<Rational> tpp;
  std::string tpp_arithmetic;  // "2 × 989.5 × 8 = 15832"
  std::string tpp_basis;       // "FP8, dense, published: NVIDIA H100 datasheet"
  std::optional<Rational> performance_density;
  bool performance_density_not_applicable = false;  // planar logic: no applicable die area
  std::string performance_density_arithmetic;       // "15832 / 814 = 19.4496"
  std::optional<Rational> memory_bandwidth_density;
  std::string memory_bandwidth_density_arithmetic;
};

// Computes TPP (max over precisions of 2 x MacTOPS x bit length, sparse figures halved), PD and
// memory bandwidth density. Rejects negative or zero areas, non-positive bit lengths.
// `with_arithmetic` false skips the text of the working (the numbers are identical).
Result<Figures> ComputeFigures(const ItemSpec& item, bool with_arithmetic = true);

// A rule that took part in the answer.
struct AppliedRule {
  std::string id;
  RuleKind kind = RuleKind::kNote;
  std::string citation;
  std::string fr;
  Date effective;       // the first day of the version applied
  std::string outcome;  // "3A090.a", "licence required", "presumption of denial", "NAC", ...
  std::vector<std::string> because;  // the deciding facts, in words
};

struct Classification {
  std::string rules_version;  // RulePack::fingerprint()
  Date as_of;
  ItemSpec item;
  Figures figures;

  std::string eccn;       // "3A090.a", "4A090.b", "EAR99", ...
  std::string paragraph;  // the rule that decided it, e.g. "3A090.a.1"
  bool controlled = false;
  bool presumed = false;    // set by a presume rule (foundry due diligence), not by the figures
  bool determinate = true;  // false: a missing figure could change the ECCN or the licence answer

  std::optional<std::string> destination;
  std::string destination_treated_as;           // "CN" for HK
  std::vector<std::string> destination_groups;  // on the date
  std::optional<bool> license_required;         // nullopt without a destination
  std::string policy;                           // review policy when a licence is required
  std::vector<std::string> license_exceptions;  // "NAC", "ACA", "HBM"

  std::vector<AppliedRule> rules;
  std::vector<std::string> reasons;   // one line per decision, for people
  std::vector<std::string> warnings;  // indeterminate facts, stayed or unenforced rules, caveats
};

struct ClassifyOptions {
  // Render reasons and per-rule explanations. Off for bulk screening, where only the decision
  // (eccn, licence, policy, exceptions, rule ids) is wanted; the decision is identical either way.
  bool explain = true;
};

// Thread-safe: a Classifier holds only the immutable pack.
class Classifier {
 public:
  explicit Classifier(std::shared_ptr<const RulePack> pack);

  Result<Classification> Classify(const ClassifyRequest& request,
                                  const ClassifyOptions& options = {}) const;
  // Same, reusing `out`'s buffers (for benchmarks and batch use).
  Status ClassifyInto(const ClassifyRequest& request, const ClassifyOptions& options,
                      Classification* out) const;

  const RulePack& pack() const { return *pack_; }

 private:
  std::shared_ptr<const RulePack> pack_;
};

}  // namespace chokepoint
