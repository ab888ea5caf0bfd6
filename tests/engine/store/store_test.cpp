#include "chokepoint/store.h"

#include <openssl/evp.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "testutil.h"

namespace chokepoint {
namespace {

namespace fs = std::filesystem;

// A fresh directory per use (doctest re-runs a TEST_CASE once per SUBCASE), removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("chokepoint_store_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// A clock the test sets by hand, so recorded_at (and every hash) is known in advance.
struct ManualClock {
  std::shared_ptr<std::string> now = std::make_shared<std::string>("2026-11-25T00:04:38Z");
  StoreOptions Options() const {
    StoreOptions options;
    options.now = [now = now] { return *now; };
    return options;
  }
};

std::unique_ptr<Store> MustOpen(const std::string& path, const StoreOptions& options = {}) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path, options);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return std::move(store).value();
}

void AppendN(Store& store, int n) {
  for (int i = 1; i <= n; ++i) {
    CHECK_OK(store.AppendAudit("classify", "alice", "{\"n\":" + std::to_string(i) + "}"));
  }
}

std::vector<AuditRecord> ExportAll(Store& store, std::optional<Date> since = std::nullopt) {
  std::vector<AuditRecord> records;
  CHECK_OK(store.ExportAudit(since, [&](const AuditRecord& r) {
    records.push_back(r);
    return Status::OK();
  }));
  return records;
}

AuditVerifyResult MustVerify(Store& store) {
  Result<AuditVerifyResult> result = store.VerifyAuditLog();
  REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  return *result;
}

// The attacker's (and the inspector's) view: a plain connection that bypasses the Store.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  // Returns "" on success, else SQLite's message.
  std::string Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = rc == SQLITE_OK ? "" : (err != nullptr ? err : "error");
    sqlite3_free(err);
    return msg;
  }
  int64_t Int(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) == 1);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

const std::string kGenesis(64, '0');

TEST_CASE("store: opening a new database applies the migrations once, and reopening is a no-op") {
  TempDir dir;
  const std::string path = dir.File("chokepoint.db");
  ManualClock clock;
  int version = 0;
  {
    auto store = MustOpen(path, clock.Options());
    version = store->schema_version();
    CHECK(version >= 1);
    CHECK(store->path() == path);
  }
  {
    RawDb raw(path);
    CHECK(raw.Int("SELECT COUNT(*) FROM schema_migrations") == version);
    CHECK(raw.Int("SELECT MAX(version) FROM schema_migrations") == version);
    CHECK(raw.Int("SELECT COUNT(*) FROM schema_migrations WHERE version = 1 AND name = 'audit_log'"
                  " AND applied_at = '2026-11-25T00:04:38Z'") == 1);
    CHECK(
        raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'") ==
        1);
    // The audit log's and the ledger-audit results' append-only guards.
    CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
                  "tbl_name = 'audit_log'") == 2);
    CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
                  "tbl_name = 'ledger_audit_results'") == 2);
    CHECK(raw.Int("SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
  }
  *clock.now = "2027-01-01T00:00:00Z";
  auto reopened = MustOpen(path, clock.Options());
  CHECK(reopened->schema_version() == version);
  RawDb raw(path);
  CHECK(raw.Int("SELECT COUNT(*) FROM schema_migrations") == version);
  CHECK(raw.Int("SELECT COUNT(*) FROM schema_migrations WHERE applied_at LIKE '2027%'") == 0);
}

TEST_CASE("store: appends return increasing seq and the chain verifies") {
  auto store = MustOpen(":memory:");
  CHECK(store->path() == ":memory:");
  AuditVerifyResult empty = MustVerify(*store);
  CHECK(empty.intact);
  CHECK(empty.records_checked == 0);

  for (int64_t expected = 1; expected <= 3; ++expected) {
    Result<int64_t> seq = store->AppendAudit("classify", "", "{\"part\":\"A100\"}");
    REQUIRE(seq.ok());
    CHECK(*seq == expected);
  }
  AuditVerifyResult result = MustVerify(*store);
  CHECK(result.intact);
  CHECK(result.records_checked == 3);
  CHECK_FALSE(result.first_bad_seq.has_value());
  CHECK(result.problem.empty());
  CHECK(result.last_hash == ExportAll(*store).back().hash);
}

TEST_CASE("store: each record's hash follows the documented formula") {
  ManualClock clock;
  auto store = MustOpen(":memory:", clock.Options());
  CHECK_OK(store->AppendAudit("classify", "alice", "{\"eccn\":\"3A090\"}"));
  *clock.now = "2026-11-25T00:05:00Z";
  CHECK_OK(store->AppendAudit("import", "", "{}"));

  std::vector<AuditRecord> records = ExportAll(*store);
  REQUIRE(records.size() == 2);
  const AuditRecord& first = records[0];
  CHECK(first.seq == 1);
  CHECK(first.recorded_at == "2026-11-25T00:04:38Z");
  CHECK(first.prev_hash == kGenesis);
  CHECK(first.hash ==
        Sha256Hex(kGenesis + "\n1\n2026-11-25T00:04:38Z\nclassify\nalice\n{\"eccn\":\"3A090\"}"));
  const AuditRecord& second = records[1];
  CHECK(second.prev_hash == first.hash);
  CHECK(second.hash == Sha256Hex(first.hash + "\n2\n2026-11-25T00:05:00Z\nimport\n\n{}"));
}

TEST_CASE("store: malformed appends are refused and leave the log unchanged") {
  ManualClock clock;
  auto store = MustOpen(":memory:", clock.Options());
  CHECK(store->AppendAudit("", "alice", "{}").status().IsInvalidArgument());
  CHECK(store->AppendAudit("classify\nimport", "", "{}").status().IsInvalidArgument());
  CHECK(store->AppendAudit("classify", "al\nice", "{}").status().IsInvalidArgument());
  CHECK(store->AppendAudit("classify", "alice", "{not json").status().IsInvalidArgument());
  *clock.now = "yesterday";
  CHECK(store->AppendAudit("classify", "alice", "{}").status().code() == Status::Code::kInternal);
  CHECK(ExportAll(*store).empty());
}

TEST_CASE("store: audit_log refuses UPDATE and DELETE") {
  TempDir dir;
  const std::string path = dir.File("chokepoint.db");
  auto store = MustOpen(path);
  AppendN(*store, 2);
  RawDb raw(path);
  CHECK(raw.Exec("UPDATE audit_log SET payload = '{}' WHERE seq = 1") ==
        "audit_log is append-only");
  CHECK(raw.Exec("DELETE FROM audit_log WHERE seq = 2") == "audit_log is append-only");
  CHECK(raw.Int("SELECT COUNT(*) FROM audit_log") == 2);
  CHECK(MustVerify(*store).intact);
}

TEST_CASE("store: verification names the first bad record after the triggers were dropped") {
  TempDir dir;
  const std::string path = dir.File("chokepoint.db");
  auto store = MustOpen(path);
  AppendN(*store, 5);
  RawDb raw(path);
  REQUIRE(raw.Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete") == "");

  int64_t expected_bad = 0;
  SUBCASE("an edited payload") {
    REQUIRE(raw.Exec("UPDATE audit_log SET payload = '{\"n\":33}' WHERE seq = 3") == "");
    expected_bad = 3;
  }
  SUBCASE("an edited actor") {
    REQUIRE(raw.Exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4") == "");
    expected_bad = 4;
  }
  SUBCASE("a removed middle record") {
    REQUIRE(raw.Exec("DELETE FROM audit_log WHERE seq = 3") == "");
    expected_bad = 3;
  }
  SUBCASE("a removed first record") {
    REQUIRE(raw.Exec("DELETE FROM audit_log WHERE seq = 1") == "");
    expected_bad = 1;
  }
  SUBCASE("a removed record with the later ones renumbered to close the gap") {
    REQUIRE(raw.Exec("DELETE FROM audit_log WHERE seq = 2;"
                     "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2") == "");
    expected_bad = 2;
  }
  SUBCASE("two records swapped") {
    REQUIRE(raw.Exec("UPDATE audit_log SET seq = -2 WHERE seq = 2;"
                     "UPDATE audit_log SET seq = 2 WHERE seq = 4;"
                     "UPDATE audit_log SET seq = 4 WHERE seq = -2") == "");
    expected_bad = 2;
  }
  SUBCASE("an edit whose hash was recomputed breaks the next link") {
    AuditRecord r = ExportAll(*store)[2];
    std::string hash = Sha256Hex(r.prev_hash + "\n3\n" + r.recorded_at + "\n" + r.kind + "\n" +
                                 r.actor + "\n{\"n\":33}");
    REQUIRE(raw.Exec("UPDATE audit_log SET payload = '{\"n\":33}', hash = '" + hash +
                     "' WHERE seq = 3") == "");
    expected_bad = 4;
  }

  AuditVerifyResult result = MustVerify(*store);
  CHECK_FALSE(result.intact);
  REQUIRE(result.first_bad_seq.has_value());
  CHECK(*result.first_bad_seq == expected_bad);
  CHECK_MESSAGE(result.problem.find("record " + std::to_string(expected_bad)) != std::string::npos,
                result.problem);
  CHECK(result.last_hash.empty());
}

TEST_CASE("store: export since a date returns the records from that UTC day on, in seq order") {
  ManualClock clock;
  auto store = MustOpen(":memory:", clock.Options());
  for (const char* at : {"2026-11-24T23:59:59Z", "2026-11-25T00:00:00Z", "2026-11-26T12:00:00Z",
                         "2026-11-25T08:00:00Z"}) {  // a skewed clock must not hide the last one
    *clock.now = at;
    CHECK_OK(store->AppendAudit("classify", "", "{}"));
  }
  std::vector<int64_t> seqs;
  for (const AuditRecord& r : ExportAll(*store, Date::FromYmd(2026, 11, 25))) seqs.push_back(r.seq);
  CHECK(seqs == std::vector<int64_t>{2, 3, 4});
  CHECK(ExportAll(*store).size() == 4);
  CHECK(ExportAll(*store, Date::FromYmd(2026, 11, 27)).empty());

  int calls = 0;
  Status stopped = store->ExportAudit(std::nullopt, [&](const AuditRecord&) {
    return ++calls == 2 ? Status::IOError("disk full") : Status::OK();
  });
  CHECK(stopped.IsIOError());
  CHECK(calls == 2);
  // The interrupted export must not leave the statement mid-read.
  CHECK_OK(store->AppendAudit("classify", "", "{}"));
  CHECK(MustVerify(*store).intact);
}

TEST_CASE("store: a file database keeps its records across reopen") {
  TempDir dir;
  const std::string path = dir.File("nested/dir/chokepoint.db");  // parents are created
  {
    auto store = MustOpen(path);
    AppendN(*store, 2);
  }
  auto store = MustOpen(path);
  Result<int64_t> seq = store->AppendAudit("review", "bob", "{\"decision\":\"release\"}");
  REQUIRE(seq.ok());
  CHECK(*seq == 3);
  AuditVerifyResult result = MustVerify(*store);
  CHECK(result.intact);
  CHECK(result.records_checked == 3);
}

TEST_CASE("store: a database from a newer or unrelated build is refused as corrupt") {
  TempDir dir;
  const std::string path = dir.File("chokepoint.db");
  MustOpen(path).reset();
  SUBCASE("newer schema") {
    REQUIRE(RawDb(path).Exec(
                "INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')") == "");
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    CHECK(store.status().IsCorruption());
    CHECK(store.status().message().find("999") != std::string::npos);
  }
  SUBCASE("a different migration under a known number") {
    REQUIRE(RawDb(path).Exec("UPDATE schema_migrations SET name = 'other' WHERE version = 1") ==
            "");
    CHECK(OpenSqliteStore(path).status().IsCorruption());
  }
}

TEST_CASE("store: a file that is not a database is an IOError, not a crash") {
  TempDir dir;
  const std::string path = dir.File("notes.txt");
  std::ofstream(path) << "these are not the tables you are looking for\n";
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  CHECK(store.status().IsIOError());
  CHECK(OpenSqliteStore("").status().IsInvalidArgument());
}

TEST_CASE("store: stores opening one new file concurrently migrate it once and keep one chain") {
  TempDir dir;
  const std::string path = dir.File("chokepoint.db");
  constexpr int kPerWriter = 50;
  constexpr int kWriters = 4;
  std::vector<Status> failures[kWriters];
  std::vector<std::thread> writers;
  writers.reserve(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
      if (!store.ok()) {
        failures[w].push_back(store.status());
        return;
      }
      for (int i = 0; i < kPerWriter; ++i) {
        Result<int64_t> seq = (*store)->AppendAudit(w == 0 ? "cli" : "api", "", "{}");
        if (!seq.ok()) failures[w].push_back(seq.status());
      }
    });
  }
  for (std::thread& t : writers) t.join();
  for (const auto& f : failures) {
    for (const Status& s : f) FAIL_CHECK(s.ToString());
  }
  auto store = MustOpen(path);
  AuditVerifyResult result = MustVerify(*store);
  CHECK(result.intact);
  CHECK(result.records_checked == kWriters * kPerWriter);
  CHECK(RawDb(path).Int("SELECT COUNT(*) FROM schema_migrations") == store->schema_version());
}

// Store is the sum of one interface per concern; a function that needs one takes only that one.
static_assert(std::is_base_of_v<AuditLog, Store> && std::is_base_of_v<ListSnapshotStore, Store> &&
              std::is_base_of_v<PartyNetworkStore, Store> &&
              std::is_base_of_v<LedgerAuditStore, Store> &&
              std::is_base_of_v<PartyRegisterStore, Store> &&
              std::is_base_of_v<ApiKeyStore, Store>);
static_assert(std::has_virtual_destructor_v<AuditLog> &&
              std::has_virtual_destructor_v<ListSnapshotStore> &&
              std::has_virtual_destructor_v<PartyNetworkStore> &&
              std::has_virtual_destructor_v<LedgerAuditStore> &&
              std::has_virtual_destructor_v<PartyRegisterStore> &&
              std::has_virtual_destructor_v<ApiKeyStore>);
static_assert(!std::is_copy_constructible_v<AuditLog> && !std::is_copy_assignable_v<Store>);

TEST_CASE("store: each concern's interface reaches the same database") {
  auto store = MustOpen(":memory:");
  AuditLog& log = *store;
  ListSnapshotStore& lists = *store;
  ApiKeyStore& keys = *store;
  LedgerAuditStore& audits = *store;
  PartyRegisterStore& parties = *store;
  REQUIRE(log.AppendAudit("cli", "", "{}").ok());
  CHECK(MustVerify(*store).records_checked == 1);
  Result<std::vector<ListSnapshot>> active = lists.ListSnapshots(/*active_only=*/true);
  REQUIRE(active.ok());
  CHECK(active->empty());
  Result<std::vector<ApiKeyRecord>> listed = keys.ListApiKeys();
  REQUIRE(listed.ok());
  CHECK(listed->empty());
  Result<std::optional<LedgerAuditRun>> run = audits.GetLedgerAudit(1);
  REQUIRE(run.ok());
  CHECK(!run->has_value());
  Result<int64_t> count = parties.CountRegisteredParties();
  REQUIRE(count.ok());
  CHECK(*count == 0);
}

}  // namespace
}  // namespace chokepoint
