// Condition: a compiled <when> tree, evaluated in three-valued logic and explained in words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules/facts.h"

namespace chokepoint::rules {

enum class Tri : uint8_t { kFalse, kTrue, kUnknown };

struct Condition {
  enum class Op : uint8_t {
    kAll,
    kAny,
    kNot,
    kGe,
    kGt,
    kLe,
    kLt,
    kEq,              // attr vs a number, a boolean or a word
    kIn,              // word attr in `words`
    kKnown,           // attr present
    kEccnIn,          // item ECCN equal to or below one of `words`
    kDestinationIn,   // destination in groups/countries and not in the except ones
    kHeadquartersIn,  // headquarters in groups/countries
    kExportYear,      // export year in `years`, or within [year_ge, year_le]
  };
  Op op = Op::kAll;
  Attr attr = Attr::kTpp;
  Value operand;                   // for comparisons; word operands point into `words[0]`
  std::vector<std::string> words;  // kIn, kEccnIn values; country codes for destination tests
  uint64_t groups = 0;             // bit i: the pack's country group i
  uint64_t except_groups = 0;
  std::vector<std::string> except_countries;
  std::vector<int> years;
  int year_ge = 0, year_le = 0;  // 0: open
  std::vector<Condition> children;
};

Tri Evaluate(const Condition& c, const Facts& facts);

// Names the group indexes for explanations ("D:5"); owned by the pack.
using GroupNames = std::vector<std::string>;

// Appends one line per deciding leaf: statements that are true of `facts`, such as
// "TPP 15832 ≥ 4800" or "destination CN is in D:5". Only children whose value decided the
// parent's value are explained, so a reviewer reads why, not everything that was checked.
void Explain(const Condition& c, const Facts& facts, const GroupNames& groups,
             std::vector<std::string>* out);

// The attributes a condition needs that are missing in `facts` (for "indeterminate" answers).
void MissingAttrs(const Condition& c, const Facts& facts, std::vector<Attr>* out);

}  // namespace chokepoint::rules
