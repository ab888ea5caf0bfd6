// ShipmentResultToJson: one ledger result line.
#include <nlohmann/json.hpp>

#include "chokepoint/graph.h"
#include "chokepoint/shipment_audit.h"

namespace chokepoint {

std::string ShipmentResultToJson(const ShipmentResult& r) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["shipment_id"] = r.shipment_id;
  j["ship_date"] = r.ship_date.ToString();
  j["verdict"] = VerdictName(r.verdict);
  j["eccn"] = r.eccn;
  j["license_required"] = r.license_required ? Json(*r.license_required) : Json(nullptr);
  j["as_of"] = r.as_of.ToString();
  j["line"] = r.line;
  Json findings = Json::array();
  for (const AuditFinding& f : r.findings) {
    Json x;
    x["code"] = f.code;
    x["severity"] = VerdictName(f.severity);
    x["party_role"] = f.party_role.empty() ? Json(nullptr) : Json(f.party_role);
    x["party_name"] = f.party_name.empty() ? Json(nullptr) : Json(f.party_name);
    x["detail"] = f.detail;
    x["rule"] = f.rule.empty() ? Json(nullptr) : Json(f.rule);
    x["citation"] = f.citation.empty() ? Json(nullptr) : Json(f.citation);
    x["list_hit"] = f.list_hit_json.empty() ? Json(nullptr) : Json::parse(f.list_hit_json);
    x["path"] = f.path ? Json::parse(PathToJson(*f.path)) : Json(nullptr);
    findings.push_back(std::move(x));
  }
  j["findings"] = std::move(findings);
  return j.dump();
}

}  // namespace chokepoint
