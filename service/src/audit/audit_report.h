// The HTML report of a ledger audit: one self-contained file (inline CSS and SVG, no scripts, no
// network) that opens in any browser: summary counts by verdict and rule, the flagged shipments
// with their reasons, and a picture of each distinct chain that leads to a listed party.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chokepoint/shipment_audit.h"
#include "chokepoint/status.h"

namespace chokepoint::service {

class AuditReport {
 public:
  // Keeps flagged results (the first kMaxRows of them; the summary counts all).
  void Add(const ShipmentResult& result);
  Status Write(const std::string& path, const nlohmann::ordered_json& summary) const;

  static constexpr size_t kMaxRows = 2000;
  static constexpr size_t kMaxChains = 40;

 private:
  std::vector<ShipmentResult> flagged_;
  size_t flagged_total_ = 0;
};

}  // namespace chokepoint::service
