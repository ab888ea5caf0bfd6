// The human-readable answer of `chokepoint classify` (without --json).
#include "cli/commands/classify_print.h"

namespace chokepoint::cli {

void PrintClassification(const Classification& c, std::ostream& out) {
  out << (c.item.name.empty() ? "item" : c.item.name) << " on " << c.as_of.ToString() << ": "
      << c.eccn;
  if (c.destination) {
    out << ", " << (*c.license_required ? "licence required" : "no licence required") << " for "
        << *c.destination;
  }
  out << "\n\nFigures\n";
  if (c.figures.tpp)
    out << "  TPP = " << c.figures.tpp_arithmetic << "   (" << c.figures.tpp_basis << ")\n";
  if (!c.figures.performance_density_arithmetic.empty()) {
    out << "  PD  = " << c.figures.performance_density_arithmetic << "\n";
  } else if (c.item.kind != ItemKind::kHbmStack) {
    out << "  PD  unknown (no die area given)\n";
  }
  if (!c.figures.memory_bandwidth_density_arithmetic.empty()) {
    out << "  memory bandwidth density = " << c.figures.memory_bandwidth_density_arithmetic << "\n";
  }
  out << "\nReasons\n";
  for (const auto& r : c.reasons) out << "  " << r << "\n";
  if (c.destination) {
    out << "\nDestination " << *c.destination;
    if (c.destination_treated_as != *c.destination)
      out << " (treated as " << c.destination_treated_as << ")";
    out << ": " << (c.destination_groups.empty() ? "no listed country group" : "");
    for (size_t i = 0; i < c.destination_groups.size(); ++i)
      out << (i ? " " : "") << c.destination_groups[i];
    out << "\n  licence required: " << (*c.license_required ? "yes" : "no") << "\n";
    if (*c.license_required) {
      out << "  review policy:    " << c.policy << "\n";
      out << "  exceptions:       ";
      if (c.license_exceptions.empty()) out << "none";
      for (size_t i = 0; i < c.license_exceptions.size(); ++i)
        out << (i ? ", " : "") << c.license_exceptions[i];
      out << "\n";
    }
  }
  out << "\nRules (" << c.rules_version << ")\n";
  for (const auto& r : c.rules) {
    out << "  " << r.id << " [" << RuleKindName(r.kind) << ", effective " << r.effective.ToString()
        << "]: " << r.citation;
    if (!r.fr.empty()) out << "; " << r.fr;
    out << "\n";
  }
  if (!c.warnings.empty()) {
    out << "\nWarnings\n";
    for (const auto& w : c.warnings) out << "  ! " << w << "\n";
  }
  if (!c.determinate) out << "\nThe answer is indeterminate: supply the missing figures above.\n";
}

}  // namespace chokepoint::cli
