// Evaluates a rule pack for one item, one date and one destination. The order mirrors how an
// export-compliance analyst works: what is the item (classify, exclude, presume/rebut), then what
// does the destination need (license, policy, exception), then what else should a reviewer know
// (note).
#include <algorithm>

#include "chokepoint/classify.h"
#include "rules/rule_pack_impl.h"

namespace chokepoint {

namespace {

using rules::Attr;
using rules::CompiledRule;
using rules::Facts;
using rules::Tri;
using rules::Value;

bool IsCountryCode(std::string_view cc) {
  return cc.size() == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z';
}

template <typename T>
void SetNumber(Facts& f, Attr a, const std::optional<T>& v) {
  if (v) f[a] = Value::Number(*v);
}
void SetBool(Facts& f, Attr a, const std::optional<bool>& v) {
  if (v) f[a] = Value::Bool(*v);
}
void SetWord(Facts& f, Attr a, const std::optional<std::string>& v) {
  if (v && !v->empty()) f[a] = Value::Word(*v);
}

void FillFacts(const ClassifyRequest& req, const Figures& fig, Facts& f) {
  const ItemSpec& item = req.item;
  SetNumber(f, Attr::kTpp, fig.tpp);
  if (fig.tpp_basis != "given") f.derivations[static_cast<size_t>(Attr::kTpp)] = fig.tpp_arithmetic;
  if (fig.performance_density_not_applicable) {
    f[Attr::kPerformanceDensity] = Value::NotApplicable();
  } else {
    SetNumber(f, Attr::kPerformanceDensity, fig.performance_density);
    f.derivations[static_cast<size_t>(Attr::kPerformanceDensity)] =
        fig.performance_density_arithmetic;
  }
  SetNumber(f, Attr::kMemoryBandwidthDensity, fig.memory_bandwidth_density);
  f.derivations[static_cast<size_t>(Attr::kMemoryBandwidthDensity)] =
      fig.memory_bandwidth_density_arithmetic;
  SetNumber(f, Attr::kMemoryBandwidthGbps, item.memory_bandwidth_gbps);
  SetNumber(f, Attr::kInterconnectGbps, item.interconnect_gbps);
  if (item.memory_bandwidth_gbps && item.interconnect_gbps) {
    f[Attr::kDramPlusIoGbps] = Value::Number(*item.memory_bandwidth_gbps + *item.interconnect_gbps);
  }
  SetNumber(f, Attr::kDieAreaMm2, item.die_area_mm2);
  SetNumber(f, Attr::kProcessNm, item.process_nm);
  SetNumber(f, Attr::kTransistorsBillion, item.transistors_billion);
  SetBool(f, Attr::kDatacenter, item.datacenter);
  SetBool(f, Attr::kHasHbm, item.has_hbm);
  SetBool(f, Attr::kNonPlanar, item.non_planar);
  SetBool(f, Attr::kPackagedOutsideD5, req.packaged_outside_d5);
  f[Attr::kKind] = Value::Word(ItemKindName(item.kind));
  SetWord(f, Attr::kExporterRole, req.exporter_role);
  SetWord(f, Attr::kDesignerStatus, req.designer_status);
  if (!item.vendor.empty()) f[Attr::kVendor] = Value::Word(item.vendor);
  if (!item.part_id.empty()) f[Attr::kPartId] = Value::Word(item.part_id);
  f.export_year = req.as_of.year();
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : std::string(sep)) + p;
  return s;
}

// One evaluation of the pack; holds what the steps share.
class Run {
 public:
  Run(const RulePack::Impl& pack, const ClassifyRequest& req, const ClassifyOptions& opts,
      Classification* out)
      : pack_(pack), req_(req), opts_(opts), out_(out) {}

  Status Go() {
    if (req_.destination && !IsCountryCode(*req_.destination)) {
      return Status::InvalidArgument("destination '" + *req_.destination +
                                     "' is not an ISO 3166-1 alpha-2 code");
    }
    if (req_.headquarters && !IsCountryCode(*req_.headquarters)) {
      return Status::InvalidArgument("headquarters '" + *req_.headquarters +
                                     "' is not an ISO 3166-1 alpha-2 code");
    }
    auto figures = ComputeFigures(req_.item, opts_.explain);
    if (!figures.ok()) return figures.status();
    out_->figures = std::move(figures).value();
    out_->as_of = req_.as_of;
    out_->rules_version = pack_.fingerprint;
    FillFacts(req_, out_->figures, facts_);
    if (req_.as_of < pack_.covers_from && opts_.explain) {
      out_->warnings.push_back(
          "as-of " + req_.as_of.ToString() + " is before this rule pack's coverage (from " +
          pack_.covers_from.ToString() + "): rules older than that are not encoded");
    }
    Classify();
    Presume();
    if (req_.destination) Destination();
    Notes();
    return Status::OK();
  }

 private:
  bool InForce(size_t i) const {
    return pack_.infos[i].StandingOn(req_.as_of) == RuleStanding::kInForce;
  }
  Tri Eval(const CompiledRule& r) const {
    return r.when ? rules::Evaluate(*r.when, facts_) : Tri::kTrue;
  }

  std::vector<std::string> Because(const CompiledRule& r) const {
    std::vector<std::string> lines;
    if (opts_.explain && r.when) rules::Explain(*r.when, facts_, pack_.group_ids, &lines);
    return lines;
  }

  template <typename Outcome>
  void Apply(size_t i, Outcome&& outcome) {
    const RuleInfo& info = pack_.infos[i];
    AppliedRule a;
    a.id = info.id;
    a.kind = info.kind;
    a.effective = info.effective.from == Date::Min() ? pack_.covers_from : info.effective.from;
    if (opts_.explain) {
      a.outcome = outcome();
      a.citation = info.citation;
      a.fr = info.fr;
      a.because = Because(pack_.rules[i]);
    }
    out_->rules.push_back(std::move(a));
  }

  // `conclusion` is a callable so that the fast path (no explanation) never builds the text.
  template <typename Conclusion>
  void Reason(const CompiledRule& rule, Conclusion&& conclusion) {
    if (!opts_.explain) return;
    std::vector<std::string> because = Because(rule);
    std::string text = conclusion();
    out_->reasons.push_back(because.empty() ? text : Join(because, " and ") + " → " + text);
  }

  void Indeterminate(const CompiledRule& r, const std::string& what) {
    out_->determinate = false;
    if (!opts_.explain) return;
    std::vector<Attr> missing;
    if (r.when) rules::MissingAttrs(*r.when, facts_, &missing);
    std::vector<std::string> names;
    for (Attr a : missing) names.emplace_back(rules::AttrName(a));
    // Comparisons name their figure; the only other unknown a condition can meet is the party's
    // headquarters (destination tests are not evaluated without a destination).
    if (names.empty() && !req_.headquarters) names.emplace_back("headquarters (--headquarters)");
    out_->warnings.push_back(what + " (" + pack_.infos[r.info_index].id +
                             ") depends on facts not given: " +
                             (names.empty() ? std::string("party details") : Join(names, ", ")));
  }

  bool Excluded(const std::string& eccn) const {
    for (size_t i : exclusions_) {
      for (const auto& e : pack_.rules[i].excludes) {
        if (rules::EccnWithin(eccn, e)) return true;
      }
    }
    return false;
  }

  void Classify() {
    const uint8_t kind_bit = rules::KindBit(static_cast<int>(req_.item.kind));
    std::vector<size_t> unknown_exclusions;
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kExclude || !InForce(i)) continue;
      Tri t = Eval(pack_.rules[i]);
      if (t == Tri::kTrue) exclusions_.push_back(i);
      if (t == Tri::kUnknown) unknown_exclusions.push_back(i);
    }
    std::optional<size_t> best;
    std::vector<size_t> met_but_excluded, unknown;
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      const CompiledRule& r = pack_.rules[i];
      if (pack_.infos[i].kind != RuleKind::kClassify || !(r.applies_to & kind_bit) || !InForce(i))
        continue;
      Tri t = Eval(r);
      if (t == Tri::kUnknown) unknown.push_back(i);
      if (t != Tri::kTrue) continue;
      if (Excluded(r.eccn)) {
        met_but_excluded.push_back(i);
        continue;
      }
      if (!best || r.rank < pack_.rules[*best].rank) best = i;
    }
    if (!best) {
      out_->eccn = "unclassified";
      out_->controlled = false;
      out_->determinate = false;
      if (opts_.explain)
        out_->warnings.push_back("no classification rule of this pack applies to a " +
                                 std::string(ItemKindName(req_.item.kind)) + " on " +
                                 req_.as_of.ToString());
      return;
    }
    const CompiledRule& win = pack_.rules[*best];
    out_->eccn = win.eccn;
    out_->paragraph = pack_.infos[*best].id;
    out_->controlled = win.controlled;
    facts_.eccn = out_->eccn;

    for (size_t i : unknown) {
      if (pack_.rules[i].rank < win.rank)
        Indeterminate(pack_.rules[i], "a stricter classification " + pack_.rules[i].eccn);
    }
    for (size_t i : unknown_exclusions) {
      for (const auto& e : pack_.rules[i].excludes) {
        if (win.controlled && rules::EccnWithin(out_->eccn, e)) {
          Indeterminate(pack_.rules[i], "an exclusion from " + out_->eccn);
          break;
        }
      }
    }
    if (opts_.explain) {
      // Stronger paragraphs that were not met say why the item is not in them.
      for (size_t i = 0; i < pack_.rules.size(); ++i) {
        const CompiledRule& r = pack_.rules[i];
        if (pack_.infos[i].kind != RuleKind::kClassify || !(r.applies_to & kind_bit) ||
            !InForce(i) || r.rank >= win.rank || Eval(r) != Tri::kFalse) {
          continue;
        }
        Reason(r, [&] { return std::string("not " + pack_.infos[i].id); });
      }
      for (size_t i : met_but_excluded)
        Reason(pack_.rules[i],
               [&] { return std::string("meets " + pack_.infos[i].id + " parameters"); });
    }
    for (size_t i : exclusions_) {
      bool relevant = std::any_of(met_but_excluded.begin(), met_but_excluded.end(), [&](size_t m) {
        return std::any_of(
            pack_.rules[i].excludes.begin(), pack_.rules[i].excludes.end(),
            [&](const std::string& e) { return rules::EccnWithin(pack_.rules[m].eccn, e); });
      });
      if (!relevant) continue;
      Apply(i, [&] { return std::string("excludes " + pack_.infos[i].outcome); });
      Reason(pack_.rules[i], [&] { return std::string(pack_.infos[i].title); });
    }
    Apply(*best, [&] { return std::string(out_->eccn); });
    Reason(win, [&] {
      return std::string(out_->paragraph == out_->eccn ? out_->eccn
                                                       : out_->paragraph + " (" + out_->eccn + ")");
    });
  }

  void Presume() {
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kPresume || !InForce(i)) continue;
      const CompiledRule& p = pack_.rules[i];
      Tri t = Eval(p);
      if (t == Tri::kUnknown) Indeterminate(p, "the presumption " + p.presume_eccn);
      if (t != Tri::kTrue) continue;
      std::optional<size_t> rebuttal;
      for (size_t j = 0; j < pack_.rules.size() && !rebuttal; ++j) {
        if (pack_.infos[j].kind == RuleKind::kRebut && pack_.rules[j].rebuts == pack_.infos[i].id &&
            InForce(j) && Eval(pack_.rules[j]) == Tri::kTrue) {
          rebuttal = j;
        }
      }
      if (rebuttal) {
        Apply(*rebuttal, [&] { return std::string("rebuts " + pack_.infos[i].id); });
        Reason(pack_.rules[*rebuttal],
               [&] { return std::string("presumption " + pack_.infos[i].id + " rebutted"); });
        continue;
      }
      Apply(i, [&] { return std::string("presumed " + p.presume_eccn); });
      Reason(p, [&] {
        return std::string("presumed " + p.presume_eccn +
                           (p.presume_datacenter ? ", designed for datacenters" : "") +
                           " unless rebutted (" + pack_.infos[i].title + ")");
      });
      out_->presumed = true;
      out_->eccn = p.presume_eccn;
      out_->paragraph = pack_.infos[i].id;
      out_->controlled = true;
      facts_.eccn = out_->eccn;
      if (p.presume_datacenter) facts_[Attr::kDatacenter] = Value::Bool(true);
    }
  }

  void Destination() {
    const Date day = req_.as_of;
    destination_ = pack_.TreatedAs(*req_.destination, day);
    out_->destination = *req_.destination;
    out_->destination_treated_as = destination_;
    facts_.destination = destination_;
    facts_.destination_groups = pack_.GroupMask(destination_, day);
    for (size_t g = 0; g < pack_.group_ids.size(); ++g) {
      if (facts_.destination_groups & (uint64_t{1} << g))
        out_->destination_groups.push_back(pack_.group_ids[g]);
    }
    if (req_.headquarters) {
      headquarters_ = pack_.TreatedAs(*req_.headquarters, day);
      facts_.headquarters = headquarters_;
      facts_.headquarters_groups = pack_.GroupMask(headquarters_, day);
    }
    if (opts_.explain && destination_ != *req_.destination) {
      for (const auto& t : pack_.treat_as) {
        if (t.cc == *req_.destination && t.dates.Contains(day)) {
          out_->reasons.push_back("destination " + t.cc + " is treated as " + t.as +
                                  " under the EAR (" + t.citation + ")");
        }
      }
    }

    bool required = false;
    std::vector<size_t> unknown_requirements;
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kLicense) continue;
      const RuleInfo& info = pack_.infos[i];
      RuleStanding standing = info.StandingOn(day);
      if (standing == RuleStanding::kNotYetInForce || standing == RuleStanding::kExpired) continue;
      Tri t = Eval(pack_.rules[i]);
      if (standing != RuleStanding::kInForce) {
        if (t == Tri::kTrue && opts_.explain) {
          out_->warnings.push_back(
              info.id + " (" + info.citation + ") would require a licence but is " +
              RuleStandingName(standing) + " on " + day.ToString() + ": not applied");
        }
        continue;
      }
      if (t == Tri::kUnknown) unknown_requirements.push_back(i);
      if (t != Tri::kTrue) continue;
      required = true;
      Apply(i, [&] { return std::string("licence required"); });
      Reason(pack_.rules[i],
             [&] { return std::string("licence required (" + info.citation + ")"); });
    }
    out_->license_required = required;
    // A requirement that cannot be decided matters only while no other requirement holds.
    if (!required) {
      for (size_t i : unknown_requirements) Indeterminate(pack_.rules[i], "a licence requirement");
    }
    if (!required) {
      out_->policy = "no licence required";
      if (opts_.explain) {
        out_->reasons.push_back("no licence requirement of this pack applies to " + out_->eccn +
                                " for " + *req_.destination + " on " + day.ToString());
      }
      return;
    }
    std::optional<size_t> policy;
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kPolicy || !InForce(i) ||
          Eval(pack_.rules[i]) != Tri::kTrue)
        continue;
      if (!policy || pack_.rules[i].priority > pack_.rules[*policy].priority) policy = i;
    }
    if (policy) {
      out_->policy = pack_.rules[*policy].policy;
      Apply(*policy, [&] { return std::string(out_->policy); });
      Reason(pack_.rules[*policy], [&] { return std::string("review policy: " + out_->policy); });
    } else {
      out_->policy = "not stated by this rule pack";
    }
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kException || !InForce(i)) continue;
      const CompiledRule& e = pack_.rules[i];
      // An exception is a permission to check, so one that depends on an unknown fact is left out
      // rather than making the whole answer indeterminate.
      if (Eval(e) != Tri::kTrue) continue;
      if (std::find(out_->license_exceptions.begin(), out_->license_exceptions.end(),
                    e.exception) == out_->license_exceptions.end()) {
        out_->license_exceptions.push_back(e.exception);
      }
      std::string outcome = e.exception;
      if (e.notification_days > 0)
        outcome += " (notify BIS " + std::to_string(e.notification_days) + " days before shipment)";
      Apply(i, [&] { return std::string(outcome); });
      Reason(e, [&] {
        return std::string("licence exception " + outcome + " may apply (" +
                           pack_.infos[i].citation + ")");
      });
    }
  }

  void Notes() {
    for (size_t i = 0; i < pack_.rules.size(); ++i) {
      if (pack_.infos[i].kind != RuleKind::kNote || !InForce(i)) continue;
      if (Eval(pack_.rules[i]) != Tri::kTrue) continue;
      Apply(i, [&] { return std::string(pack_.infos[i].outcome); });
      if (opts_.explain) {
        out_->warnings.push_back(pack_.infos[i].title +
                                 (pack_.infos[i].note.empty() ? "" : ": " + pack_.infos[i].note));
      }
    }
  }

  const RulePack::Impl& pack_;
  const ClassifyRequest& req_;
  const ClassifyOptions& opts_;
  Classification* out_;
  Facts facts_;
  std::vector<size_t> exclusions_;
  std::string destination_, headquarters_;  // own the text facts_ points at
};

void Reset(Classification* out) {
  out->eccn.clear();
  out->paragraph.clear();
  out->controlled = false;
  out->presumed = false;
  out->determinate = true;
  out->destination.reset();
  out->destination_treated_as.clear();
  out->destination_groups.clear();
  out->license_required.reset();
  out->policy.clear();
  out->license_exceptions.clear();
  out->rules.clear();
  out->reasons.clear();
  out->warnings.clear();
}

}  // namespace

Classifier::Classifier(std::shared_ptr<const RulePack> pack) : pack_(std::move(pack)) {}

Status Classifier::ClassifyInto(const ClassifyRequest& request, const ClassifyOptions& options,
                                Classification* out) const {
  Reset(out);
  if (options.explain) out->item = request.item;
  Run run(pack_->impl(), request, options, out);
  return run.Go();
}

Result<Classification> Classifier::Classify(const ClassifyRequest& request,
                                            const ClassifyOptions& options) const {
  Classification out;
  if (Status s = ClassifyInto(request, options, &out); !s.ok()) return s;
  return out;
}

}  // namespace chokepoint
