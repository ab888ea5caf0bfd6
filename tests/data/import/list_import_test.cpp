// ImportListFiles and DiffSnapshots on small hand-made files in the real formats: snapshots,
// no-op re-imports, diffs, failures that change nothing, and the audit trail of each attempt.
#include "chokepoint/data/list_import.h"

#include <nlohmann/json.hpp>

#include "engine/store/store_test_util.h"

namespace chokepoint {
namespace {

using data::ImportListFiles;
using data::ListFormat;
using testing::AuditRecords;
using testing::MustOpenStore;
using testing::RawDb;
using testing::ScratchDir;

std::string TestData(const std::string& name) {
  return testing::SourcePath("tests/data/import/testdata/" + name);
}

// Copies a test file into `dir` under `name`, so two versions of one list share a file name.
std::string Place(const ScratchDir& dir, const std::string& from, const std::string& name) {
  std::filesystem::copy_file(TestData(from), dir.File(name),
                             std::filesystem::copy_options::overwrite_existing);
  return dir.File(name);
}

data::ImportResult MustImportFiles(Store& store, const std::vector<std::string>& files,
                                   ListFormat format = ListFormat::kAuto, bool strict = false) {
  Result<data::ImportResult> r = ImportListFiles(store, files, format, strict, "test");
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

nlohmann::json LastAudit(Store& store) {
  auto records = AuditRecords(store);
  REQUIRE_FALSE(records.empty());
  CHECK(records.back().kind == "import");
  return nlohmann::json::parse(records.back().payload);
}

TEST_CASE("import: a DPL file becomes the active bis-dpl snapshot, audited") {
  ScratchDir dir("import");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  const std::string dpl = Place(dir, "dpl_v1.txt", "dpl.txt");
  data::ImportResult r = MustImportFiles(*store, {dpl});
  CHECK(r.changed);
  CHECK(r.snapshot.source == "bis-dpl");
  CHECK(r.snapshot.format == "dpl-tsv");
  CHECK(r.snapshot.active);
  CHECK(r.snapshot.entries == 3);
  CHECK(r.snapshot.rows_read == 3);
  CHECK(r.snapshot.rows_skipped == 0);
  CHECK(r.snapshot.files == std::vector<std::string>{"dpl.txt"});
  CHECK(r.report.entries == 3);
  REQUIRE(r.files.size() == 1);
  // A single file's snapshot hash is the file's own, so `sha256sum dpl.txt` matches it.
  CHECK(r.snapshot.sha256 == r.files[0].sha256);

  nlohmann::json audit = LastAudit(*store);
  CHECK(audit["outcome"] == "imported");
  CHECK(audit["source"] == "bis-dpl");
  CHECK(audit["format"] == "dpl-tsv");
  CHECK(audit["entries"] == 3);
  CHECK(audit["skipped"] == 0);
  CHECK(audit["snapshot"] == r.snapshot.id);
  CHECK(audit["sha256"] == r.snapshot.sha256);
  CHECK(audit["files"][0]["name"] == "dpl.txt");
  CHECK(audit["files"][0]["bytes"] == r.files[0].bytes);
  CHECK(AuditRecords(*store).back().seq == r.audit_seq);

  int n = 0;
  CHECK_OK(store->ForEachListEntry(r.snapshot.id, [&](const StoredListEntry& e) {
    Result<ListEntry> back = ListEntryFromJson(e.json);
    CHECK(back.ok());
    CHECK(back->name == e.name);
    CHECK(back->list_id == e.list_id);
    CHECK(e.source_code == "DPL");
    ++n;
    return Status::OK();
  }));
  CHECK(n == 3);
}

TEST_CASE("import: identical files are a no-op, recorded as unchanged") {
  ScratchDir dir("import");
  const std::string db = dir.File("db.sqlite");
  auto store = MustOpenStore(db);
  data::ImportResult first = MustImportFiles(*store, {Place(dir, "dpl_v1.txt", "dpl.txt")});
  // The same bytes from another directory: names and contents decide, not paths.
  ScratchDir other("import");
  data::ImportResult again =
      MustImportFiles(*store, {Place(other, "dpl_v1.txt", "dpl.txt")}, ListFormat::kDplTsv);
  CHECK_FALSE(again.changed);
  CHECK(again.snapshot.id == first.snapshot.id);
  CHECK(again.report.rows_read == 0);  // not even parsed
  RawDb raw(db);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots") == 1);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries") == 3);
  nlohmann::json audit = LastAudit(*store);
  CHECK(audit["outcome"] == "unchanged");
  CHECK(audit["snapshot"] == first.snapshot.id);
  CHECK(AuditRecords(*store).size() == 2);
}

TEST_CASE("import: a changed file makes a new snapshot, and the diff names what changed") {
  ScratchDir dir("import");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  data::ImportResult v1 = MustImportFiles(*store, {Place(dir, "dpl_v1.txt", "dpl.txt")});
  data::ImportResult v2 = MustImportFiles(*store, {Place(dir, "dpl_v2.txt", "dpl.txt")});
  CHECK(v2.changed);
  CHECK(v2.snapshot.id != v1.snapshot.id);
  auto old = store->GetSnapshot(v1.snapshot.id);
  REQUIRE(old.ok());
  CHECK_FALSE((*old)->active);

  auto check_diff = [&](const data::SnapshotDiff& d) {
    CHECK(d.source == "bis-dpl");
    CHECK(d.from_id == std::optional<int64_t>(v1.snapshot.id));
    CHECK(d.to_id == v2.snapshot.id);
    REQUIRE(d.added.size() == 1);
    CHECK(d.added[0].name == "DELTA MACHINERY");
    CHECK(d.added[0].source_code == "DPL");
    REQUIRE(d.removed.size() == 1);
    CHECK(d.removed[0].name == "CHARLIE LOGISTICS");
    REQUIRE(d.changed.size() == 1);
    CHECK(d.changed[0].name == "BRAVO EXPORTS");  // its address moved
    CHECK(d.changed[0].previous_name == "BRAVO EXPORTS");
    CHECK(d.unchanged == 1);
  };
  SUBCASE("defaults: each active snapshot against the one before it") {
    auto diff = data::DiffSnapshots(*store, std::nullopt, std::nullopt);
    REQUIRE(diff.ok());
    REQUIRE(diff->diffs.size() == 1);
    check_diff(diff->diffs[0]);
  }
  SUBCASE("--to alone compares with the previous snapshot of its source") {
    auto diff = data::DiffSnapshots(*store, std::nullopt, v2.snapshot.id);
    REQUIRE(diff.ok());
    check_diff(diff->diffs.at(0));
  }
  SUBCASE("--from alone compares with the active snapshot") {
    auto diff = data::DiffSnapshots(*store, v1.snapshot.id, std::nullopt);
    REQUIRE(diff.ok());
    check_diff(diff->diffs.at(0));
  }
  SUBCASE("reversed") {
    auto diff = data::DiffSnapshots(*store, v2.snapshot.id, v1.snapshot.id);
    REQUIRE(diff.ok());
    CHECK(diff->diffs.at(0).added.at(0).name == "CHARLIE LOGISTICS");
    CHECK(diff->diffs.at(0).removed.at(0).name == "DELTA MACHINERY");
  }
  SUBCASE("the first snapshot of a source: everything is added") {
    auto diff = data::DiffSnapshots(*store, std::nullopt, v1.snapshot.id);
    REQUIRE(diff.ok());
    CHECK_FALSE(diff->diffs.at(0).from_id.has_value());
    CHECK(diff->diffs.at(0).added.size() == 3);
  }
  SUBCASE("unknown ids and mixed sources are refused") {
    CHECK(data::DiffSnapshots(*store, 99, std::nullopt).status().IsNotFound());
    CHECK(data::DiffSnapshots(*store, std::nullopt, 99).status().IsNotFound());
    data::ImportResult csl =
        MustImportFiles(*store, {TestData("consolidated.csv")}, ListFormat::kCslCsv);
    CHECK(
        data::DiffSnapshots(*store, v1.snapshot.id, csl.snapshot.id).status().IsInvalidArgument());
    auto both = data::DiffSnapshots(*store, std::nullopt, std::nullopt);
    REQUIRE(both.ok());
    CHECK(both->diffs.size() == 2);
  }
}

TEST_CASE("import: a failed import changes nothing and is audited as failed") {
  ScratchDir dir("import");
  const std::string db = dir.File("db.sqlite");
  auto store = MustOpenStore(db);
  data::ImportResult v1 = MustImportFiles(*store, {Place(dir, "dpl_v1.txt", "dpl.txt")});
  const size_t audits_before = AuditRecords(*store).size();
  Status failure;

  SUBCASE("strict mode and a malformed row") {
    auto r = ImportListFiles(*store, {Place(dir, "dpl_bad.txt", "dpl.txt")}, ListFormat::kDplTsv,
                             /*strict=*/true, "test");
    REQUIRE_FALSE(r.ok());
    failure = r.status();
    CHECK(failure.IsInvalidArgument());
    CHECK(failure.message().find("dpl.txt:3") != std::string::npos);
  }
  SUBCASE("a missing file") {
    auto r = ImportListFiles(*store, {dir.File("nope.txt")}, ListFormat::kDplTsv, false, "test");
    failure = r.status();
    CHECK(failure.IsNotFound());
  }
  SUBCASE("an undetectable format") {
    auto r = ImportListFiles(*store, {dir.Write("mystery.bin", "hello\n")}, ListFormat::kAuto,
                             false, "test");
    failure = r.status();
    CHECK(failure.IsInvalidArgument());
  }
  SUBCASE("a file that parses to no entries at all") {
    std::string header_only = dir.Write("dpl.txt",
                                        "\"Name\"\t\"Street_Address\"\t\"City\"\t"
                                        "\"State\"\t\"Country\"\t\"Postal_Code\"\t"
                                        "\"Effective_Date\"\t\"Expiration_Date\"\t"
                                        "\"Standard_Order\"\t\"Last_Update\"\t"
                                        "\"Action\"\t\"FR_Citation\"\n");
    auto r = ImportListFiles(*store, {header_only}, ListFormat::kDplTsv, false, "test");
    failure = r.status();
    CHECK_FALSE(failure.ok());
  }

  CHECK_FALSE(failure.ok());
  RawDb raw(db);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_snapshots") == 1);
  CHECK(raw.Int("SELECT COUNT(*) FROM list_entries") == 3);
  CHECK(raw.Int("SELECT id FROM list_snapshots WHERE active = 1") == v1.snapshot.id);
  auto records = AuditRecords(*store);
  REQUIRE(records.size() == audits_before + 1);
  nlohmann::json audit = nlohmann::json::parse(records.back().payload);
  CHECK(audit["outcome"] == "failed");
  CHECK(audit["error"].get<std::string>().find(failure.message()) != std::string::npos);
}

TEST_CASE("import: without --strict a malformed field is reported with file:line") {
  ScratchDir dir("import");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  data::ImportResult r =
      MustImportFiles(*store, {Place(dir, "dpl_bad.txt", "dpl.txt")}, ListFormat::kDplTsv);
  CHECK(r.changed);
  CHECK(r.snapshot.rows_read == 3);
  REQUIRE_FALSE(r.report.issues.empty());
  CHECK(r.report.issues[0].ToString().rfind("dpl.txt:3: field 'Effective_Date'", 0) == 0);
  nlohmann::json issues = nlohmann::json::parse(r.snapshot.issues_json);
  REQUIRE(issues.is_array());
  CHECK(issues[0]["file"] == "dpl.txt");
  CHECK(issues[0]["line"] == 3);
  CHECK(LastAudit(*store)["issues"][0]["line"] == 3);
}

TEST_CASE("import: a file set hashes by names and contents, not by the order given") {
  ScratchDir dir("import");
  std::string a = dir.Write("sdn.csv", "1\n");
  std::string b = dir.Write("add.csv", "2\n");
  std::string c = dir.Write("alt.csv", "3\n");
  auto h1 = data::HashListFiles({a, b, c}, nullptr);
  auto h2 = data::HashListFiles({a, c, b}, nullptr);
  REQUIRE(h1.ok());
  REQUIRE(h2.ok());
  CHECK(*h1 == *h2);
  std::string renamed = dir.Write("sdn_comments.csv", "3\n");
  CHECK(*data::HashListFiles({a, b, renamed}, nullptr) != *h1);
  CHECK(data::HashListFiles({}, nullptr).status().IsInvalidArgument());
  CHECK(data::HashListFiles({dir.File("missing")}, nullptr).status().IsNotFound());
}

}  // namespace
}  // namespace chokepoint
