// Pieces `screen` and `screen --input` share: flags, query validation, loading the index.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "chokepoint/screen_store.h"
#include "chokepoint/service/screen_service.h"
#include "cli/cli.h"

namespace chokepoint::cli::screen_internal {

struct ScreenFlags {
  std::string name, country, type, as_of, input, output;
  double threshold = -1;  // negative: the engine's default
  size_t limit = 10;
  unsigned threads = 0;  // 0: one per core
  bool json = false;
  bool strict = false;
};

// The flags as the service's screening input (validation lives in chokepoint/service).
service::ScreenInput InputFromFlags(const ScreenFlags& f);
// as_of, threshold and limit from the flags; errors name the flag.
Result<ScreenQuery> BaseQuery(const ScreenFlags& f);
// The index over the active snapshots; InvalidArgument when no list was imported yet.
Result<LoadedIndex> LoadIndex(const Context& ctx);

int RunBatch(const Context& ctx, const ScreenFlags& flags);

}  // namespace chokepoint::cli::screen_internal
