// Pieces `screen` and `screen --input` share: flags, query validation, loading the index.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "chokepoint/screen_store.h"
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

// Validates a row's or the command line's country and type into the query; errors name the field.
Status FillQuery(const std::string& country, const std::string& type, ScreenQuery* q);
// as_of, threshold and limit from the flags.
Result<ScreenQuery> BaseQuery(const ScreenFlags& f);
// The index over the active snapshots; InvalidArgument when no list was imported yet.
Result<LoadedIndex> LoadIndex(const Context& ctx);
nlohmann::ordered_json SnapshotIds(const LoadedIndex& loaded);

int RunBatch(const Context& ctx, const ScreenFlags& flags);

}  // namespace chokepoint::cli::screen_internal
