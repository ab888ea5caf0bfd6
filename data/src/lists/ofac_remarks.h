// OFAC's CSV files keep much of an entry in free-text Remarks: the weak ("low quality") a.k.a.s,
// dates of birth, nationalities and identity documents. Reading them back gives the matcher the
// same evidence sdn.xml carries in elements. The remarks themselves stay as published.
#pragma once

#include <string_view>

#include "chokepoint/list_entry.h"

namespace chokepoint::data::lists {

// Adds what `remarks` states to `entry` (aliases as weak, DOBs, nationalities, ids).
void ApplyOfacRemarks(std::string_view remarks, ListEntry* entry);

}  // namespace chokepoint::data::lists
