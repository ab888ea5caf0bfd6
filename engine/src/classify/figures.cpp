// The arithmetic of 15 CFR 774 Supp. 1, Technical Notes to 3A090: TPP, performance density and
// memory bandwidth density, exact, with the working shown.
#include "chokepoint/classify.h"

namespace chokepoint {

namespace {
std::string Describe(const Provenance& p) {
  std::string s = BasisName(p.basis);
  if (!p.source.empty()) s += ": " + p.source;
  return s;
}

Status CheckPositive(const std::optional<Rational>& v, const char* name, bool allow_zero = false) {
  if (!v) return Status::OK();
  if (v->IsNegative() || (!allow_zero && v->IsZero())) {
    return Status::InvalidArgument(std::string(name) + " must be " +
                                   (allow_zero ? "zero or more" : "greater than zero") + ", got " +
                                   v->ToString(6));
  }
  return Status::OK();
}
}  // namespace

Result<Figures> ComputeFigures(const ItemSpec& item, bool with_arithmetic) {
  Figures f;
  for (auto [v, name, zero_ok] : {std::tuple{&item.die_area_mm2, "die_area_mm2", false},
                                  {&item.package_area_mm2, "package_area_mm2", false},
                                  {&item.memory_bandwidth_gbps, "memory_bandwidth_gbps", true},
                                  {&item.interconnect_gbps, "interconnect_gbps", true},
                                  {&item.process_nm, "process_nm", false},
                                  {&item.transistors_billion, "transistors_billion", false},
                                  {&item.tpp, "tpp", true}}) {
    if (Status s = CheckPositive(*v, name, zero_ok); !s.ok()) return s;
  }

  if (item.tpp) {
    f.tpp = *item.tpp;
    if (with_arithmetic) f.tpp_arithmetic = item.tpp->ToString(4);
    f.tpp_basis = "given";
  } else {
    const Throughput* best = nullptr;
    Rational best_tpp;
    for (const auto& t : item.throughput) {
      if (t.bit_length <= 0)
        return Status::InvalidArgument("throughput " + t.precision +
                                       ": bit length must be positive");
      if (t.tops.IsNegative() || t.tops.IsZero())
        return Status::InvalidArgument("throughput " + t.precision + ": TOPS must be positive");
      // Technical Note: dense figures only; a datasheet's "with sparsity" figure is twice the dense
      // one.
      Rational dense = t.sparse ? t.tops / Rational(2) : t.tops;
      Rational tpp = dense * Rational(t.bit_length);
      if (!best || tpp > best_tpp) {  // ties keep the first listed precision: deterministic
        best = &t;
        best_tpp = tpp;
      }
    }
    if (best) f.tpp = best_tpp;
    if (best && with_arithmetic) {
      Rational dense = best->sparse ? best->tops / Rational(2) : best->tops;
      Rational mac_tops = dense / Rational(2);
      f.tpp_arithmetic = "2 × " + mac_tops.ToString(4) + " × " + std::to_string(best->bit_length) +
                         " = " + best_tpp.ToString(4);
      f.tpp_basis =
          (best->precision.empty() ? std::to_string(best->bit_length) + "-bit" : best->precision) +
          (best->sparse ? ", datasheet " + best->tops.ToString(4) + " with sparsity halved"
                        : ", dense") +
          ", " + Describe(best->provenance);
    }
  }

  if (item.non_planar == false) {
    // 'Applicable die area' counts only logic dies on a non-planar process; planar logic has none.
    f.performance_density_not_applicable = true;
    f.performance_density_arithmetic = "no non-planar logic die: PD not applicable";
  } else if (f.tpp && item.die_area_mm2) {
    f.performance_density = *f.tpp / *item.die_area_mm2;
    if (with_arithmetic)
      f.performance_density_arithmetic = f.tpp->ToString(4) + " / " +
                                         item.die_area_mm2->ToString(4) +
                                         " mm² = " + f.performance_density->ToString(4);
  }

  if (item.kind == ItemKind::kHbmStack && item.memory_bandwidth_gbps) {
    const auto& area = item.package_area_mm2 ? item.package_area_mm2 : item.die_area_mm2;
    if (area) {
      f.memory_bandwidth_density = *item.memory_bandwidth_gbps / *area;
      if (with_arithmetic)
        f.memory_bandwidth_density_arithmetic =
            item.memory_bandwidth_gbps->ToString(4) + " GB/s / " + area->ToString(4) +
            " mm² = " + f.memory_bandwidth_density->ToString(4) + " GB/s/mm²";
    }
  }
  return f;
}

}  // namespace chokepoint
