// Store::ImportSnapshot and friends, with synthetic producers: atomicity, no-op re-imports,
// round trips and speed, independent of any list format.
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "engine/store/store_test_util.h"

namespace chokepoint {
namespace {

using testing::AuditRecords;
using testing::Hex64;
using testing::MustOpenStore;
using testing::RawDb;
using testing::SampleEntry;
using testing::ScratchDir;

SnapshotHeader Header(char hash, const std::string& source = "csl") {
  return SnapshotHeader{source, "csl-csv", {"csl.csv"}, Hex64(hash)};
}

// Adds entries first..last-1, then fails when fail_at is reached (if ever).
SnapshotProducer Entries(int first, int last, int fail_at = -1, const std::string& suffix = "") {
  return [=](const EntryAdder& add, SnapshotStats& stats) -> Status {
    for (int i = first; i < last; ++i) {
      if (i == fail_at) return Status::InvalidArgument("csl.csv:" + std::to_string(i) + ": bad");
      if (Status s = add(SampleEntry(i, suffix)); !s.ok()) return s;
    }
    stats.rows_read = last - first + 1;
    stats.rows_skipped = 1;
    stats.issues_json = R"([{"file":"csl.csv","line":7,"field":"name","message":"empty"}])";
    stats.published = "2023-11-30";
    return Status::OK();
  };
}

SnapshotAudit Audit() {
  SnapshotAudit audit;
  audit.actor = "test";
  audit.payload = [](const ListSnapshot& s, bool created) {
    nlohmann::json j = {{"outcome", created ? "imported" : "unchanged"}, {"snapshot", s.id}};
    return j.dump();
  };
  return audit;
}

SnapshotImport MustImport(Store& store, const SnapshotHeader& h, const SnapshotProducer& p) {
  Result<SnapshotImport> r = store.ImportSnapshot(h, p, Audit());
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}

std::vector<StoredListEntry> Entries(Store& store, int64_t id) {
  std::vector<StoredListEntry> out;
  CHECK_OK(store.ForEachListEntry(id, [&](const StoredListEntry& e) {
    out.push_back(e);
    return Status::OK();
  }));
  return out;
}

TEST_CASE("snapshots: an import becomes the active snapshot with its counts and audit record") {
  ScratchDir dir("snap");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  CHECK(store->schema_version() >= 2);
  SnapshotImport first = MustImport(*store, Header('a'), Entries(0, 5));
  CHECK(first.created);
  CHECK(first.snapshot.id == 1);
  CHECK(first.snapshot.active);
  CHECK(first.snapshot.entries == 5);
  CHECK(first.snapshot.rows_read == 6);
  CHECK(first.snapshot.rows_skipped == 1);
  CHECK(first.snapshot.published == std::optional<std::string>("2023-11-30"));
  CHECK(first.snapshot.files == std::vector<std::string>{"csl.csv"});
  CHECK(first.snapshot.issues_json.find("\"line\":7") != std::string::npos);
  CHECK(first.snapshot.imported_at.size() == 20);

  auto records = AuditRecords(*store);
  REQUIRE(records.size() == 1);
  CHECK(records[0].seq == first.audit_seq);
  CHECK(records[0].kind == "import");
  CHECK(records[0].actor == "test");
  CHECK(records[0].payload == R"({"outcome":"imported","snapshot":1})");

  auto got = store->GetSnapshot(1);
  REQUIRE(got.ok());
  REQUIRE(got->has_value());
  CHECK((*got)->sha256 == Hex64('a'));
  CHECK_FALSE(store->GetSnapshot(99)->has_value());
}

TEST_CASE("snapshots: entries round-trip in order, hashed, through ForEachListEntry") {
  ScratchDir dir("snap");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  SnapshotImport imported = MustImport(*store, Header('a'), Entries(0, 3));
  auto stored = Entries(*store, imported.snapshot.id);
  REQUIRE(stored.size() == 3);
  for (int i = 0; i < 3; ++i) {
    const StoredListEntry& e = stored[static_cast<size_t>(i)];
    CHECK(e.ord == i);
    CHECK(e.snapshot_id == imported.snapshot.id);
    CHECK(e.list_id == "id-" + std::to_string(i));
    CHECK(e.name == "Company " + std::to_string(i));
    CHECK(e.source_code == "EL");
    CHECK(e.content_hash.size() == 64);
    Result<ListEntry> back = ListEntryFromJson(e.json);
    REQUIRE(back.ok());
    // ListEntry has no ==; its canonical JSON is the equality that matters for a snapshot.
    CHECK(ListEntryToJson(*back) == ListEntryToJson(SampleEntry(i)));
    CHECK(back->remarks == SampleEntry(i).remarks);
    CHECK(back->start_date == SampleEntry(i).start_date);
  }
  CHECK(stored[0].content_hash != stored[1].content_hash);
  CHECK(store->ForEachListEntry(42, [](const StoredListEntry&) { return Status::OK(); })
            .IsNotFound());
  // A sink's error stops the walk and comes back unchanged.
  int seen = 0;
  Status stop = store->ForEachListEntry(imported.snapshot.id, [&](const StoredListEntry&) {
    ++seen;
    return Status::Internal("enough");
  });
  CHECK(stop.message() == "enough");
  CHECK(seen == 1);
}

TEST_CASE("snapshots: the same sha256 as the active snapshot is a no-op that is still audited") {
  ScratchDir dir("snap");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  SnapshotImport first = MustImport(*store, Header('a'), Entries(0, 5));
  bool called = false;
  SnapshotImport again =
      MustImport(*store, Header('a'), [&](const EntryAdder&, SnapshotStats&) -> Status {
        called = true;
        return Status::OK();
      });
  CHECK_FALSE(called);
  CHECK_FALSE(again.created);
  CHECK(again.snapshot.id == first.snapshot.id);
  CHECK(again.snapshot.entries == 5);
  RawDb raw(dir.File("db.sqlite"));
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots") == 1);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries") == 5);
  auto records = AuditRecords(*store);
  REQUIRE(records.size() == 2);
  CHECK(records[1].payload == R"({"outcome":"unchanged","snapshot":1})");
}

TEST_CASE("snapshots: a new import replaces the active one of its source only") {
  ScratchDir dir("snap");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  MustImport(*store, Header('a'), Entries(0, 5));
  MustImport(*store, Header('b', "bis-dpl"), Entries(0, 2));
  SnapshotImport second = MustImport(*store, Header('c'), Entries(1, 7));
  CHECK(second.created);
  CHECK(second.snapshot.id == 3);
  auto all = store->ListSnapshots(false);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK_FALSE((*all)[0].active);
  CHECK((*all)[1].active);
  CHECK((*all)[2].active);
  auto active = store->ListSnapshots(true);
  REQUIRE(active.ok());
  REQUIRE(active->size() == 2);
  CHECK((*active)[0].source == "bis-dpl");
  CHECK((*active)[1].id == 3);
  // The old snapshot's entries stay: hits recorded against it can still be shown.
  CHECK(Entries(*store, 1).size() == 5);
  CHECK(Entries(*store, 3).size() == 6);
  // Re-importing the first files is a change again (they are not what is active).
  CHECK(MustImport(*store, Header('a'), Entries(0, 5)).created);
}

TEST_CASE("snapshots: any failure rolls back everything and keeps the previous snapshot") {
  ScratchDir dir("snap");
  const std::string path = dir.File("db.sqlite");
  auto store = MustOpenStore(path);
  MustImport(*store, Header('a'), Entries(0, 5));

  SUBCASE("the producer fails midway") {
    auto r = store->ImportSnapshot(Header('b'), Entries(0, 100, /*fail_at=*/50), Audit());
    CHECK(r.status().IsInvalidArgument());
    CHECK(r.status().message() == "csl.csv:50: bad");
  }
  SUBCASE("the producer throws") {
    auto r = store->ImportSnapshot(
        Header('b'),
        [](const EntryAdder& add, SnapshotStats&) -> Status {
          (void)add(SampleEntry(1));
          throw std::runtime_error("parser bug");
        },
        Audit());
    CHECK(r.status().code() == Status::Code::kInternal);
  }
  SUBCASE("the audit payload is not JSON") {
    SnapshotAudit audit;
    audit.payload = [](const ListSnapshot&, bool) { return std::string("{not json"); };
    auto r = store->ImportSnapshot(Header('b'), Entries(0, 10), audit);
    CHECK(r.status().IsInvalidArgument());
  }
  SUBCASE("the producer reports malformed issues") {
    auto r = store->ImportSnapshot(
        Header('b'),
        [](const EntryAdder& add, SnapshotStats& stats) -> Status {
          stats.issues_json = "[oops";
          return add(SampleEntry(1));
        },
        Audit());
    CHECK(r.status().IsInvalidArgument());
  }
  SUBCASE("an adder kept past its producer") {
    EntryAdder kept;
    auto r = store->ImportSnapshot(
        Header('b'),
        [&](const EntryAdder& add, SnapshotStats&) -> Status {
          kept = add;
          return Status::InvalidArgument("stop");
        },
        Audit());
    CHECK_FALSE(r.ok());
    CHECK(kept(SampleEntry(1)).code() == Status::Code::kInternal);
  }
  SUBCASE("a bad header") {
    CHECK(store->ImportSnapshot(Header('A'), Entries(0, 1), Audit()).status().IsInvalidArgument());
    CHECK(store->ImportSnapshot({"", "csl-csv", {}, Hex64('b')}, Entries(0, 1), Audit())
              .status()
              .IsInvalidArgument());
  }

  RawDb raw(path);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots") == 1);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries") == 5);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries WHERE snapshot_id <> 1") == 0);
  CHECK(raw.Int("SELECT id FROM list_snapshots WHERE active = 1") == 1);
  CHECK(AuditRecords(*store).size() == 1);
  // The store is usable afterwards: the connection is not left inside a transaction.
  CHECK(MustImport(*store, Header('b'), Entries(0, 2)).snapshot.id == 2);
  auto verify = store->VerifyAuditLog();
  REQUIRE(verify.ok());
  CHECK(verify->intact);
}

// Several connections (the CLI beside a server) import the same source at the same time.
int RaceImports(const std::string& path, const std::vector<char>& hashes) {
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (char hash : hashes) {
    threads.emplace_back([&, hash] {
      auto store = OpenSqliteStore(path);
      if (!store.ok()) return;
      auto r = (*store)->ImportSnapshot(Header(hash), Entries(0, 200), Audit());
      if (r.ok() && r->created) ++created;
    });
  }
  for (auto& t : threads) t.join();
  return created.load();
}

TEST_CASE("snapshots: concurrent imports of one source leave exactly one active") {
  ScratchDir dir("snap");
  const std::string path = dir.File("db.sqlite");
  MustOpenStore(path);  // migrate once, so the racers only race on imports
  CHECK(RaceImports(path, {'a', 'a', 'a', 'a'}) == 1);
  CHECK(RaceImports(path, {'b', 'c', 'd', 'e'}) == 4);
  RawDb raw(path);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots WHERE active = 1") == 1);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots") == 5);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries") == 200 * 5);
}

TEST_CASE("snapshots: 30,000 entries import and stream back in order, all of them") {
  ScratchDir dir("snap");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  auto t0 = std::chrono::steady_clock::now();
  SnapshotImport imported = MustImport(*store, Header('a'), Entries(0, 30000));
  auto t1 = std::chrono::steady_clock::now();
  int64_t n = 0;
  CHECK_OK(store->ForEachListEntry(imported.snapshot.id, [&](const StoredListEntry&) {
    ++n;
    return Status::OK();
  }));
  auto t2 = std::chrono::steady_clock::now();
  CHECK(n == 30000);
  const auto import_ms = std::chrono::duration_cast<std::chrono::milliseconds>(t1 - t0).count();
  const auto read_ms = std::chrono::duration_cast<std::chrono::milliseconds>(t2 - t1).count();
  MESSAGE("30,000 synthetic entries: import " << import_ms << " ms, ForEachListEntry " << read_ms
                                              << " ms");
}

}  // namespace
}  // namespace chokepoint
