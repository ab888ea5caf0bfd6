// Transitional: the nightly batch and the party register moved to the service
// (chokepoint/service/batch.h, chokepoint/service/party_register.h). cli/commands/audit_cmd.cpp
// still includes this header and calls RegisterParties unqualified; remove this file once it
// includes chokepoint/service/party_register.h.
#pragma once

#include "chokepoint/service/batch.h"
#include "chokepoint/service/party_register.h"

namespace chokepoint {
using service::RegisterParties;
}  // namespace chokepoint
