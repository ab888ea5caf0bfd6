#include "chokepoint/json.h"
#include "codec/json_number.h"

namespace chokepoint {

namespace {

using codec::Json;
using codec::Number;

Json ProvenanceJson(const Provenance& p) {
  Json j = {{"basis", BasisName(p.basis)}};
  if (!p.source.empty()) j["source"] = p.source;
  return j;
}

Json ItemJson(const ItemSpec& item) {
  Json j;
  if (!item.name.empty()) j["name"] = item.name;
  if (!item.vendor.empty()) j["vendor"] = item.vendor;
  if (!item.part_id.empty()) j["part_id"] = item.part_id;
  j["kind"] = ItemKindName(item.kind);
  if (item.tpp) j["tpp"] = Number(*item.tpp);
  if (!item.throughput.empty()) {
    Json rows = Json::array();
    for (const auto& t : item.throughput) {
      Json row;
      if (!t.precision.empty()) row["precision"] = t.precision;
      row["bit_length"] = t.bit_length;
      row["tops"] = Number(t.tops);
      row["sparse"] = t.sparse;
      row.update(ProvenanceJson(t.provenance));
      rows.push_back(std::move(row));
    }
    j["throughput"] = std::move(rows);
  }
  auto put = [&](const char* name, const std::optional<Rational>& v) {
    if (v) j[name] = Number(*v);
  };
  auto put_bool = [&](const char* name, const std::optional<bool>& v) {
    if (v) j[name] = *v;
  };
  put("die_area_mm2", item.die_area_mm2);
  put_bool("non_planar", item.non_planar);
  put("memory_bandwidth_gbps", item.memory_bandwidth_gbps);
  put("package_area_mm2", item.package_area_mm2);
  put("interconnect_gbps", item.interconnect_gbps);
  put("process_nm", item.process_nm);
  put("transistors_billion", item.transistors_billion);
  put_bool("has_hbm", item.has_hbm);
  put_bool("datacenter", item.datacenter);
  if (!item.provenance.empty()) {
    Json prov;
    for (const auto& [figure, p] : item.provenance) prov[figure] = ProvenanceJson(p);
    j["provenance"] = std::move(prov);
  }
  return j;
}

Json Optional(const std::optional<Rational>& v, int decimals = 6) {
  return v ? Number(*v, decimals) : Json(nullptr);
}

}  // namespace

std::string ItemSpecToJson(const ItemSpec& item, int indent) { return ItemJson(item).dump(indent); }

std::string ClassificationToJson(const Classification& c, int indent) {
  Json j;
  j["item"] = ItemJson(c.item);
  j["as_of"] = c.as_of.ToString();
  j["tpp"] = Optional(c.figures.tpp, 4);
  j["performance_density"] = Optional(c.figures.performance_density, 4);
  j["eccn"] = c.eccn;
  j["controlled"] = c.controlled;
  j["destination"] = c.destination ? Json(*c.destination) : Json(nullptr);
  j["license_required"] = c.license_required ? Json(*c.license_required) : Json(nullptr);
  j["license_exceptions"] = c.license_exceptions;
  j["policy"] = c.destination ? Json(c.policy) : Json(nullptr);
  Json rules = Json::array();
  for (const auto& r : c.rules) {
    Json rule = {{"id", r.id}, {"citation", r.citation}, {"effective", r.effective.ToString()}};
    rule["kind"] = RuleKindName(r.kind);
    if (!r.fr.empty()) rule["fr"] = r.fr;
    rule["outcome"] = r.outcome;
    if (!r.because.empty()) rule["because"] = r.because;
    rules.push_back(std::move(rule));
  }
  j["rules"] = std::move(rules);
  j["reasons"] = c.reasons;
  // Extensions beyond the documented fields.
  j["paragraph"] = c.paragraph;
  j["determinate"] = c.determinate;
  j["presumed"] = c.presumed;
  j["memory_bandwidth_density"] = Optional(c.figures.memory_bandwidth_density, 4);
  Json arithmetic;
  if (!c.figures.tpp_arithmetic.empty()) arithmetic["tpp"] = c.figures.tpp_arithmetic;
  if (!c.figures.tpp_basis.empty()) arithmetic["tpp_basis"] = c.figures.tpp_basis;
  if (!c.figures.performance_density_arithmetic.empty())
    arithmetic["performance_density"] = c.figures.performance_density_arithmetic;
  if (!c.figures.memory_bandwidth_density_arithmetic.empty()) {
    arithmetic["memory_bandwidth_density"] = c.figures.memory_bandwidth_density_arithmetic;
  }
  j["arithmetic"] = std::move(arithmetic);
  if (c.destination) {
    j["destination_treated_as"] = c.destination_treated_as;
    j["destination_groups"] = c.destination_groups;
  }
  j["warnings"] = c.warnings;
  j["rules_version"] = c.rules_version;
  return j.dump(indent);
}

}  // namespace chokepoint
