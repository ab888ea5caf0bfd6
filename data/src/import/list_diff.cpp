// DiffSnapshots: what changed between two snapshots of one list.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "chokepoint/data/list_import.h"

namespace chokepoint::data {

namespace {

struct Keyed {
  std::string key;  // source_code, list_id and occurrence, separated by US (0x1f)
  std::string source_code;
  std::string list_id;
  std::string name;
  std::string content_hash;
};

// Reads a snapshot's entries without parsing their JSON. A (source_code, list_id) pair that
// occurs twice (a list publishing one id twice, or entries without ids) is told apart by its
// occurrence, so the n-th occurrences of the two snapshots are compared with each other.
Result<std::vector<Keyed>> ReadKeyed(ListSnapshotStore& store, int64_t snapshot_id) {
  std::vector<Keyed> out;
  std::unordered_map<std::string, int> seen;
  Status s = store.ForEachListEntry(snapshot_id, [&](const StoredListEntry& e) {
    std::string base = e.source_code + '\x1f' + e.list_id;
    const int n = seen[base]++;
    out.push_back(
        {base + '\x1f' + std::to_string(n), e.source_code, e.list_id, e.name, e.content_hash});
    return Status::OK();
  });
  if (!s.ok()) return s;
  return out;
}

Result<ListSnapshot> MustGet(ListSnapshotStore& store, int64_t id) {
  Result<std::optional<ListSnapshot>> s = store.GetSnapshot(id);
  if (!s.ok()) return s.status();
  if (!*s) return Status::NotFound("there is no list snapshot " + std::to_string(id));
  return std::move(**s);
}

// The snapshot of `source` imported just before `id`, if any.
std::optional<int64_t> Previous(const std::vector<ListSnapshot>& all, const std::string& source,
                                int64_t id) {
  std::optional<int64_t> prev;
  for (const ListSnapshot& s : all) {
    if (s.source == source && s.id < id) prev = s.id;
  }
  return prev;
}

Result<SnapshotDiff> Compare(ListSnapshotStore& store, const std::string& source,
                             std::optional<int64_t> from_id, int64_t to_id) {
  SnapshotDiff diff;
  diff.source = source;
  diff.from_id = from_id;
  diff.to_id = to_id;
  std::vector<Keyed> from;
  if (from_id) {
    Result<std::vector<Keyed>> read = ReadKeyed(store, *from_id);
    if (!read.ok()) return read.status();
    from = std::move(read).value();
  }
  Result<std::vector<Keyed>> to = ReadKeyed(store, to_id);
  if (!to.ok()) return to.status();

  std::unordered_map<std::string, const Keyed*> old_by_key;
  old_by_key.reserve(from.size());
  for (const Keyed& k : from) old_by_key.emplace(k.key, &k);
  std::unordered_set<std::string> still_there;
  for (const Keyed& k : *to) {
    auto it = old_by_key.find(k.key);
    if (it == old_by_key.end()) {
      diff.added.push_back({k.source_code, k.list_id, k.name, {}});
      continue;
    }
    still_there.insert(k.key);
    if (it->second->content_hash == k.content_hash) {
      ++diff.unchanged;
    } else {
      diff.changed.push_back({k.source_code, k.list_id, k.name, it->second->name});
    }
  }
  for (const Keyed& k : from) {
    if (still_there.count(k.key) == 0)
      diff.removed.push_back({k.source_code, k.list_id, k.name, {}});
  }
  return diff;
}

}  // namespace

Result<ListDiff> DiffSnapshots(ListSnapshotStore& store, std::optional<int64_t> from_id,
                               std::optional<int64_t> to_id) {
  Result<std::vector<ListSnapshot>> all = store.ListSnapshots(/*active_only=*/false);
  if (!all.ok()) return all.status();
  ListDiff out;

  if (!from_id && !to_id) {
    for (const ListSnapshot& s : *all) {
      if (!s.active) continue;
      Result<SnapshotDiff> d = Compare(store, s.source, Previous(*all, s.source, s.id), s.id);
      if (!d.ok()) return d.status();
      out.diffs.push_back(std::move(d).value());
    }
    return out;
  }

  std::optional<ListSnapshot> from;
  if (from_id) {
    Result<ListSnapshot> f = MustGet(store, *from_id);
    if (!f.ok()) return f.status();
    from = std::move(f).value();
  }
  int64_t to = 0;
  std::string source;
  if (to_id) {
    Result<ListSnapshot> t = MustGet(store, *to_id);
    if (!t.ok()) return t.status();
    to = t->id;
    source = t->source;
  } else {
    // from exists and has a source, and a source with snapshots always has an active one.
    for (const ListSnapshot& s : *all) {
      if (s.active && s.source == from->source) to = s.id;
    }
    if (to == 0) return Status::NotFound("source " + from->source + " has no active snapshot");
    source = from->source;
  }
  if (from && from->source != source) {
    return Status::InvalidArgument("snapshot " + std::to_string(from->id) + " is " + from->source +
                                   " but snapshot " + std::to_string(to) + " is " + source +
                                   "; a diff compares two snapshots of one source");
  }
  std::optional<int64_t> base =
      from ? std::optional<int64_t>(from->id) : Previous(*all, source, to);
  Result<SnapshotDiff> d = Compare(store, source, base, to);
  if (!d.ok()) return d.status();
  out.diffs.push_back(std::move(d).value());
  return out;
}

}  // namespace chokepoint::data
