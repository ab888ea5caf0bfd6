// Building the screening index from the lists stored in the database.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/store.h"

namespace chokepoint {

struct LoadedIndex {
  std::shared_ptr<const ScreeningIndex> index;
  std::vector<ListSnapshot> snapshots;  // the active snapshots the index was built from
  double load_seconds = 0;
};

// Builds an index over every entry of every active snapshot. With no list imported yet, the index
// is empty and `snapshots` is empty (callers tell the user to run `chokepoint lists import`).
Result<LoadedIndex> LoadActiveIndex(ListSnapshotStore& store);

}  // namespace chokepoint
