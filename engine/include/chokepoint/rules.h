// RulePack: dated, declarative export-control rules loaded from XML (see docs/rules_format.md).
//
// A pack is loaded once and then immutable; share it across threads as shared_ptr<const RulePack>.
// Loading validates everything (unknown attributes, overlapping versions of one rule id, missing
// citations, unknown country groups) and reports "file:line: reason".
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/status.h"

namespace chokepoint {

enum class RuleKind {
  kClassify,
  kExclude,
  kPresume,
  kRebut,
  kLicense,
  kPolicy,
  kException,
  kNote,
  kOwnership,
  kVerdict
};
const char* RuleKindName(RuleKind kind);

// How a rule stands on a given day.
enum class RuleStanding {
  kInForce,
  kNotYetInForce,
  kExpired,
  kStayed,          // in force on paper, stayed by a later rule
  kNotYetEnforced,  // in force, but compliance is not required yet (compliance_from)
};
const char* RuleStandingName(RuleStanding standing);

struct RuleStay {
  DateRange dates;
  std::string citation;
};

// One version of one rule, as written in the pack.
struct RuleInfo {
  std::string id;
  RuleKind kind = RuleKind::kNote;
  std::string title;
  std::string citation;  // CFR paragraph or guidance document
  std::string fr;        // Federal Register reference(s); may be empty
  DateRange effective;
  std::optional<Date> compliance_from;
  std::vector<RuleStay> stays;
  std::string outcome;  // kind-specific: the ECCN, policy, exception, excluded ECCNs, ...
  std::string note;
  std::string file;  // relative to the pack folder
  int line = 0;

  RuleStanding StandingOn(Date day) const;
};

struct CountryGroupMembership {
  std::string group;  // "D:5"
  DateRange dates;
  std::string citation;
};

// A verdict rule (kind="verdict"): what a list hit on a party, or a destination, means for a
// shipment. Party rules name lists; destination rules name country groups or countries.
struct VerdictRule {
  const RuleInfo* info = nullptr;
  std::string verdict;  // "prohibited", "license-required", "review"
  // Party rules: the lists, as an ownership rule's `lists` ("Entity List, SDN"); "*" = any list.
  std::string lists;
  // Destination rules: country groups ("E:1") or alpha-2 codes, matched after treat-as.
  std::vector<std::string> destinations;
};

class RulePack {
 public:
  // Loads the pack whose manifest is <dir>/pack.xml.
  static Result<std::shared_ptr<const RulePack>> Load(const std::string& dir);

  ~RulePack();
  RulePack(const RulePack&) = delete;
  RulePack& operator=(const RulePack&) = delete;

  const std::string& id() const;
  const std::string& version() const;
  // "id@version+sha256:<12 hex>": names exactly the files a verdict was reached with.
  const std::string& fingerprint() const;
  Date covers_from() const;

  const std::vector<RuleInfo>& rules() const;
  // Every version of every verdict rule, in pack order (check info->StandingOn for the day).
  const std::vector<VerdictRule>& verdict_rules() const;

  // The destination the EAR treats `cc` as on `day` (HK -> CN), or `cc` itself.
  std::string TreatedAs(const std::string& cc, Date day) const;
  // Country groups `cc` belongs to on `day` (after TreatedAs), e.g. {"D:1", "D:4", "D:5"}.
  std::vector<CountryGroupMembership> GroupsOf(const std::string& cc, Date day) const;
  // All group ids defined in the pack, in file order.
  std::vector<std::string> GroupIds() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit RulePack(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chokepoint
