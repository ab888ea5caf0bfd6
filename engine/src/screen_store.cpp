#include "chokepoint/screen_store.h"

#include <chrono>

#include "chokepoint/json.h"

namespace chokepoint {

Result<LoadedIndex> LoadActiveIndex(ListSnapshotStore& store) {
  auto start = std::chrono::steady_clock::now();
  LoadedIndex loaded;
  auto snapshots = store.ListSnapshots(/*active_only=*/true);
  if (!snapshots.ok()) return snapshots.status();
  loaded.snapshots = std::move(snapshots).value();
  ScreeningIndex::Builder builder;
  for (const auto& snapshot : loaded.snapshots) {
    Status s = store.ForEachListEntry(snapshot.id, [&](const StoredListEntry& stored) -> Status {
      auto entry = ListEntryFromJson(stored.json);
      if (!entry.ok()) {
        return entry.status().WithContext("snapshot " + std::to_string(snapshot.id) + " entry " +
                                          stored.list_id);
      }
      builder.Add(std::move(entry).value(), snapshot.id);
      return Status::OK();
    });
    if (!s.ok()) return s;
  }
  loaded.index = builder.Build();
  loaded.load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return loaded;
}

}  // namespace chokepoint
