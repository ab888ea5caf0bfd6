// Ownership hits: registered parties that the stored party network shows owned 50 % or more —
// directly or indirectly, alone or together — by listed parties, under an ownership rule of the
// rule pack in force on the run's day (OFAC 50 %, the BIS Affiliates rule when not stayed).
//
// They enter the hit ledger like list hits, keyed (source "OWNERSHIP", the rule id), so the run's
// reconciliation raises new_hit when a party becomes covered, removed_hit when it no longer is,
// and changed_entry when its listed owners or share change; reviewer decisions work the same way.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/hit_ledger.h"
#include "chokepoint/rules.h"
#include "chokepoint/screen.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

// Party id → its ownership hits on `as_of`, from the store's party network linked to `index`.
// Empty when there is no network. Deterministic for the same network, lists, pack and day.
Result<std::unordered_map<std::string, std::vector<hit_ledger::CurrentHit>>> OwnershipHits(
    Store& store, const ScreeningIndex& index, const RulePack& pack, Date as_of);

}  // namespace chokepoint::service
