#include "rules/condition.h"

#include <algorithm>

#include "rules/rule_pack_impl.h"

namespace chokepoint::rules {

namespace {

bool ContainsWord(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

bool PlaceIn(const Condition& c, uint64_t groups, std::string_view cc) {
  return (c.groups & groups) != 0 || ContainsWord(c.words, cc);
}

bool PlaceExcepted(const Condition& c, uint64_t groups, std::string_view cc) {
  return (c.except_groups & groups) != 0 || ContainsWord(c.except_countries, cc);
}

Tri FromBool(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

Tri Compare(const Condition& c, const Value& v) {
  using T = Value::Type;
  if (v.type == T::kMissing) return Tri::kUnknown;
  if (v.type == T::kNotApplicable) return Tri::kFalse;
  const Value& rhs = c.operand;
  if (rhs.type == T::kNumber) {
    if (v.type != T::kNumber) return Tri::kFalse;
    auto order = v.number <=> rhs.number;
    switch (c.op) {
      case Condition::Op::kGe:
        return FromBool(order >= 0);
      case Condition::Op::kGt:
        return FromBool(order > 0);
      case Condition::Op::kLe:
        return FromBool(order <= 0);
      case Condition::Op::kLt:
        return FromBool(order < 0);
      case Condition::Op::kEq:
        return FromBool(order == 0);
      default:
        return Tri::kFalse;
    }
  }
  if (rhs.type == T::kBool) return FromBool(v.type == T::kBool && v.boolean == rhs.boolean);
  return FromBool(v.type == T::kWord && !c.words.empty() && v.word == c.words.front());
}

bool YearMatches(const Condition& c, int year) {
  if (!c.years.empty()) return std::find(c.years.begin(), c.years.end(), year) != c.years.end();
  return (c.year_ge == 0 || year >= c.year_ge) && (c.year_le == 0 || year <= c.year_le);
}

std::string FormatValue(Attr attr, const Value& v) {
  switch (v.type) {
    case Value::Type::kNumber: {
      // Densities need more digits than counts to show why 5.9199 is below 5.92.
      int decimals =
          attr == Attr::kPerformanceDensity || attr == Attr::kMemoryBandwidthDensity ? 4 : 2;
      return v.number.ToString(decimals) + std::string(AttrUnit(attr));
    }
    case Value::Type::kBool:
      return v.boolean ? "yes" : "no";
    case Value::Type::kWord:
      return std::string(v.word);
    case Value::Type::kNotApplicable:
      return "not applicable";
    case Value::Type::kMissing:
      return "unknown";
  }
  return "";
}

std::string_view RelationSymbol(std::strong_ordering order) {
  if (order < 0) return "<";
  if (order > 0) return ">";
  return "=";
}

std::string JoinPlaces(const Condition& c, uint64_t mask, const std::vector<std::string>& countries,
                       const GroupNames& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (mask & (uint64_t{1} << i)) s += (s.empty() ? "" : "/") + names[i];
  }
  for (const auto& cc : countries) s += (s.empty() ? "" : "/") + cc;
  (void)c;
  return s;
}

void ExplainLeaf(const Condition& c, const Facts& f, const GroupNames& groups, Tri value,
                 std::vector<std::string>* out) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kGe:
    case Op::kGt:
    case Op::kLe:
    case Op::kLt:
    case Op::kEq: {
      const Value& v = f[c.attr];
      std::string label(AttrLabel(c.attr));
      if (v.type == Value::Type::kNumber && c.operand.type == Value::Type::kNumber) {
        auto order = v.number <=> c.operand.number;
        // Say "≥" when the rule's own wording is ≥ and it holds, so the reason reads like the CFR.
        std::string_view rel = RelationSymbol(order);
        if (order == 0 && (c.op == Op::kGe || c.op == Op::kLe)) rel = c.op == Op::kGe ? "≥" : "≤";
        if (order > 0 && c.op == Op::kGe) rel = "≥";
        if (order < 0 && c.op == Op::kLe) rel = "≤";
        std::string_view derivation = f.derivations[static_cast<size_t>(c.attr)];
        std::string shown =
            derivation.empty() ? FormatValue(c.attr, v) : "= " + std::string(derivation);
        out->push_back(label + " " + shown + " " + std::string(rel) + " " +
                       FormatValue(c.attr, c.operand));
      } else if (v.type == Value::Type::kBool) {
        out->push_back(label + ": " + FormatValue(c.attr, v));
      } else {
        out->push_back(label + " " + FormatValue(c.attr, v));
      }
      return;
    }
    case Op::kIn:
      out->push_back(std::string(AttrLabel(c.attr)) + ": " + FormatValue(c.attr, f[c.attr]));
      return;
    case Op::kKnown:
      out->push_back(std::string(AttrLabel(c.attr)) +
                     (value == Tri::kTrue ? " known" : " not given"));
      return;
    case Op::kEccnIn: {
      std::string eccn(f.eccn.empty() ? "none" : f.eccn);
      if (value == Tri::kTrue) {
        out->push_back("ECCN " + eccn);
      } else {
        std::string listed;
        for (const auto& w : c.words) listed += (listed.empty() ? "" : "/") + w;
        out->push_back("ECCN " + eccn + " is not " + listed);
      }
      return;
    }
    case Op::kDestinationIn: {
      std::string dest(f.destination);
      if (PlaceIn(c, f.destination_groups, f.destination)) {
        std::string line = "destination " + dest + " is in " +
                           JoinPlaces(c, c.groups & f.destination_groups, {}, groups);
        if (ContainsWord(c.words, dest)) line = "destination is " + dest;
        if (c.except_groups != 0 || !c.except_countries.empty()) {
          line += PlaceExcepted(c, f.destination_groups, dest) ? " but also in " : " and not in ";
          line += JoinPlaces(c, c.except_groups, c.except_countries, groups);
        }
        out->push_back(line);
      } else {
        out->push_back("destination " + dest + " is not in " +
                       JoinPlaces(c, c.groups, c.words, groups));
      }
      return;
    }
    case Op::kHeadquartersIn:
      if (f.headquarters.empty()) {
        out->push_back("headquarters of the parties not given");
      } else {
        out->push_back("headquarters " + std::string(f.headquarters) +
                       (value == Tri::kTrue ? " is in " : " is not in ") +
                       JoinPlaces(c, c.groups, c.words, groups));
      }
      return;
    case Op::kExportYear:
      out->push_back("export in " + std::to_string(f.export_year));
      return;
    default:
      return;
  }
}

}  // namespace

Tri Evaluate(const Condition& c, const Facts& f) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kAll: {
      Tri result = Tri::kTrue;
      for (const auto& child : c.children) {
        Tri t = Evaluate(child, f);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case Op::kAny: {
      Tri result = Tri::kFalse;
      for (const auto& child : c.children) {
        Tri t = Evaluate(child, f);
        if (t == Tri::kTrue) return Tri::kTrue;
        if (t == Tri::kUnknown) result = Tri::kUnknown;
      }
      return result;
    }
    case Op::kNot: {
      Tri t = Evaluate(c.children.front(), f);
      return t == Tri::kUnknown ? t : FromBool(t == Tri::kFalse);
    }
    case Op::kGe:
    case Op::kGt:
    case Op::kLe:
    case Op::kLt:
    case Op::kEq:
      return Compare(c, f[c.attr]);
    case Op::kIn: {
      const Value& v = f[c.attr];
      if (v.type == Value::Type::kMissing) return Tri::kUnknown;
      return FromBool(v.type == Value::Type::kWord && ContainsWord(c.words, v.word));
    }
    case Op::kKnown:
      return FromBool(f[c.attr].type != Value::Type::kMissing);
    case Op::kEccnIn:
      for (const auto& w : c.words) {
        if (EccnWithin(f.eccn, w)) return Tri::kTrue;
      }
      return Tri::kFalse;
    case Op::kDestinationIn:
      if (f.destination.empty()) return Tri::kUnknown;
      return FromBool(PlaceIn(c, f.destination_groups, f.destination) &&
                      !PlaceExcepted(c, f.destination_groups, f.destination));
    case Op::kHeadquartersIn:
      if (f.headquarters.empty()) return Tri::kUnknown;
      return FromBool(PlaceIn(c, f.headquarters_groups, f.headquarters));
    case Op::kExportYear:
      return FromBool(YearMatches(c, f.export_year));
  }
  return Tri::kUnknown;
}

void Explain(const Condition& c, const Facts& f, const GroupNames& groups,
             std::vector<std::string>* out) {
  using Op = Condition::Op;
  Tri value = Evaluate(c, f);
  if (c.op == Op::kAll || c.op == Op::kAny) {
    for (const auto& child : c.children) {
      Tri t = Evaluate(child, f);
      if (t == value) {
        Explain(child, f, groups, out);
        if (c.op == Op::kAny && value == Tri::kTrue) return;  // one reason is enough for "any"
      }
    }
    return;
  }
  if (c.op == Op::kNot) {
    Explain(c.children.front(), f, groups, out);
    return;
  }
  ExplainLeaf(c, f, groups, value, out);
}

void MissingAttrs(const Condition& c, const Facts& f, std::vector<Attr>* out) {
  using Op = Condition::Op;
  switch (c.op) {
    case Op::kAll:
    case Op::kAny:
    case Op::kNot:
      for (const auto& child : c.children) MissingAttrs(child, f, out);
      return;
    case Op::kDestinationIn:
    case Op::kHeadquartersIn:
    case Op::kEccnIn:
    case Op::kExportYear:
      return;
    default:
      if (c.op != Op::kKnown && f[c.attr].type == Value::Type::kMissing &&
          std::find(out->begin(), out->end(), c.attr) == out->end()) {
        out->push_back(c.attr);
      }
  }
}

}  // namespace chokepoint::rules
