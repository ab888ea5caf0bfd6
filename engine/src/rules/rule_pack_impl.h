// The compiled form of a rule pack. Private to the engine.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/rules.h"
#include "rules/condition.h"

namespace chokepoint {

namespace rules {

// Bit flags over ItemKind for a classify rule's applies-to.
constexpr uint8_t KindBit(int kind_index) { return static_cast<uint8_t>(1u << kind_index); }

struct CompiledRule {
  size_t info_index = 0;  // into RulePack::Impl::infos
  std::optional<Condition> when;
  // classify
  std::string eccn;
  int rank = 0;
  uint8_t applies_to = 0;
  bool controlled = true;
  // exclude
  std::vector<std::string> excludes;
  // presume
  std::string presume_eccn;
  bool presume_datacenter = false;
  // rebut
  std::string rebuts;
  // policy
  std::string policy;
  int priority = 0;
  // exception
  std::string exception;
  int notification_days = 0;
  // note
  bool warning = false;
  // ownership
  std::string threshold_pct;
  std::string lists;  // also verdict rules on parties
  // verdict
  std::string verdict;
  std::vector<std::string> destinations;
};

struct Member {
  size_t group = 0;
  DateRange dates;
  std::string citation;
};

struct TreatAs {
  std::string cc, as;
  DateRange dates;
  std::string citation;
};

// True when `eccn` equals `prefix` or lies below it ("3A090.a" is below "3A090").
bool EccnWithin(std::string_view eccn, std::string_view prefix);

}  // namespace rules

struct RulePack::Impl {
  std::string id, version, title, fingerprint;
  Date covers_from;
  std::vector<RuleInfo> infos;
  std::vector<rules::CompiledRule> rules;  // in pack order, same order as infos
  rules::GroupNames group_ids;
  std::vector<std::string> group_titles, group_citations;
  std::unordered_map<std::string, std::vector<rules::Member>> members;  // by country code
  std::vector<rules::TreatAs> treat_as;
  std::vector<VerdictRule> verdict_rules;  // points into infos, which no longer grows

  std::string TreatedAs(const std::string& cc, Date day) const;
  uint64_t GroupMask(const std::string& effective_cc, Date day) const;
};

}  // namespace chokepoint
