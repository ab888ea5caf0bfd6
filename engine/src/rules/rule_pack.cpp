#include <algorithm>

#include "rules/rule_pack_impl.h"

namespace chokepoint {

const char* RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kClassify:
      return "classify";
    case RuleKind::kExclude:
      return "exclude";
    case RuleKind::kPresume:
      return "presume";
    case RuleKind::kRebut:
      return "rebut";
    case RuleKind::kLicense:
      return "license";
    case RuleKind::kPolicy:
      return "policy";
    case RuleKind::kException:
      return "exception";
    case RuleKind::kNote:
      return "note";
    case RuleKind::kOwnership:
      return "ownership";
    case RuleKind::kVerdict:
      return "verdict";
  }
  return "note";
}

const char* RuleStandingName(RuleStanding standing) {
  switch (standing) {
    case RuleStanding::kInForce:
      return "in force";
    case RuleStanding::kNotYetInForce:
      return "not yet in force";
    case RuleStanding::kExpired:
      return "expired";
    case RuleStanding::kStayed:
      return "stayed";
    case RuleStanding::kNotYetEnforced:
      return "in force, compliance not yet required";
  }
  return "";
}

RuleStanding RuleInfo::StandingOn(Date day) const {
  if (day < effective.from) return RuleStanding::kNotYetInForce;
  if (day > effective.to) return RuleStanding::kExpired;
  for (const auto& stay : stays) {
    if (stay.dates.Contains(day)) return RuleStanding::kStayed;
  }
  if (compliance_from && day < *compliance_from) return RuleStanding::kNotYetEnforced;
  return RuleStanding::kInForce;
}

namespace rules {
bool EccnWithin(std::string_view eccn, std::string_view prefix) {
  if (eccn.size() < prefix.size() || eccn.compare(0, prefix.size(), prefix) != 0) return false;
  return eccn.size() == prefix.size() || eccn[prefix.size()] == '.';
}
}  // namespace rules

std::string RulePack::Impl::TreatedAs(const std::string& cc, Date day) const {
  for (const auto& t : treat_as) {
    if (t.cc == cc && t.dates.Contains(day)) return t.as;
  }
  return cc;
}

uint64_t RulePack::Impl::GroupMask(const std::string& effective_cc, Date day) const {
  auto it = members.find(effective_cc);
  if (it == members.end()) return 0;
  uint64_t mask = 0;
  for (const auto& m : it->second) {
    if (m.dates.Contains(day)) mask |= uint64_t{1} << m.group;
  }
  return mask;
}

RulePack::RulePack(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RulePack::~RulePack() = default;

const std::string& RulePack::id() const { return impl_->id; }
const std::string& RulePack::version() const { return impl_->version; }
const std::string& RulePack::fingerprint() const { return impl_->fingerprint; }
Date RulePack::covers_from() const { return impl_->covers_from; }
const std::vector<RuleInfo>& RulePack::rules() const { return impl_->infos; }
const std::vector<VerdictRule>& RulePack::verdict_rules() const { return impl_->verdict_rules; }

std::string RulePack::TreatedAs(const std::string& cc, Date day) const {
  return impl_->TreatedAs(cc, day);
}

std::vector<CountryGroupMembership> RulePack::GroupsOf(const std::string& cc, Date day) const {
  std::vector<CountryGroupMembership> out;
  auto it = impl_->members.find(impl_->TreatedAs(cc, day));
  if (it == impl_->members.end()) return out;
  for (const auto& m : it->second) {
    if (m.dates.Contains(day)) out.push_back({impl_->group_ids[m.group], m.dates, m.citation});
  }
  std::sort(out.begin(), out.end(),
            [&](const auto& a, const auto& b) { return a.group < b.group; });
  return out;
}

std::vector<std::string> RulePack::GroupIds() const { return impl_->group_ids; }

}  // namespace chokepoint
