// Red flags a ledger line itself can show (BIS Know Your Customer guidance and the 2025 guidance on
// diversion of advanced-computing ICs): routing through transshipment hubs, an ultimate
// destination other than the ship-to country, no named end user, a sensitive stated end use.
// None is decisive; each makes the line a REVIEW with its reason.
#pragma once

#include "chokepoint/rules.h"
#include "chokepoint/shipment_audit.h"

namespace chokepoint::audit {

void AddRedFlags(const Shipment& shipment, Date day, const RulePack& pack, ShipmentResult* out);

}  // namespace chokepoint::audit
