// The human-readable answer of `chokepoint classify`: the ECCN and licence answer, the figures
// with their arithmetic, the reasons, the destination, the rules and the warnings.
#pragma once

#include <ostream>

#include "chokepoint/classify.h"

namespace chokepoint::cli {

void PrintClassification(const Classification& c, std::ostream& out);

}  // namespace chokepoint::cli
