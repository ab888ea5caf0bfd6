// Where the front ends find their inputs when no flag names them: the one place that reads the
// environment (engine/ and data/ take every path as an argument).
#pragma once

#include <cstdint>
#include <string>

namespace chokepoint::service {

// $CHOKEPOINT_DB when set and non-empty, else "./chokepoint.db".
std::string DefaultDatabasePath();
// $CHOKEPOINT_RULES, else $CHOKEPOINT_SOURCE_DIR/rules/ear, else the source tree this binary was
// built from.
std::string DefaultRulesDir();
// $CHOKEPOINT_CATALOG, else $CHOKEPOINT_SOURCE_DIR/data/catalog/accelerators.xml, else the source
// tree this binary was built from.
std::string DefaultCatalogPath();
// Who a reviewer's decision is recorded as: "cli:" + $USER, else "cli".
std::string DefaultReviewerActor();
// Test hook of `chokepoint batch run`, not a feature: $CHOKEPOINT_TEST_KILL_AFTER_CHUNKS (kill the
// process right after its Nth committed chunk), else 0.
int64_t TestKillAfterChunks();

}  // namespace chokepoint::service
