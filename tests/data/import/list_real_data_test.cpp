// The real published lists in ../shared/data/lists (absent in a fresh clone: these tests then
// skip and say so): entry counts, import and load times, and the same set through `lists update`.
#include <chrono>
#include <map>

#include "chokepoint/data/list_import.h"
#include "data/import/http_fixture.h"
#include "engine/store/store_test_util.h"

namespace chokepoint {
namespace {

using Clock = std::chrono::steady_clock;
using data::ListFormat;
using testing::MustOpenStore;
using testing::ScratchDir;

struct RealList {
  std::string source;
  ListFormat format;
  std::vector<const char*> files;  // under shared/data/lists; the main file first
  int64_t rows;
  int64_t entries;
};

const std::vector<RealList>& RealLists() {
  static const std::vector<RealList> kLists = {
      {"csl", ListFormat::kCslCsv, {"us_csl/csl.csv"}, 4227, 4226},  // 1 malformed row
      {"ofac-sdn",
       ListFormat::kSdnCsv,
       {"ofac_sdn/sdn.csv", "ofac_sdn_supplements/add.csv", "ofac_sdn_supplements/alt.csv",
        "ofac_sdn_supplements/sdn_comments.csv"},
       14965,
       14965},
      {"ofac-cons",
       ListFormat::kConsCsv,
       {"ofac_consolidated_nonsdn/cons_prim.csv", "ofac_consolidated_nonsdn/cons_add.csv",
        "ofac_consolidated_nonsdn/cons_alt.csv", "ofac_consolidated_nonsdn/cons_comments.csv"},
       442,
       442},
      // BIS publishes one row per (party, address); the parser merges a party's rows into one.
      {"bis-dpl", ListFormat::kDplTsv, {"us_bis_dpl/dpl.txt"}, 665, 547},
      {"un", ListFormat::kUnXml, {"un/UN_consolidated.xml"}, 1003, 1003},
  };
  return kLists;
}

std::optional<std::string> SharedLists() { return testing::SharedPath("data/lists"); }

double Ms(Clock::duration d) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(d).count()) /
         1000.0;
}

TEST_CASE("real lists: every file imports with the published entry counts") {
  std::optional<std::string> root = SharedLists();
  if (!root) return;
  ScratchDir dir("real");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  double total_ms = 0;
  for (const RealList& list : RealLists()) {
    std::vector<std::string> files;
    for (const char* f : list.files) files.push_back(*root + "/" + f);
    auto t0 = Clock::now();
    auto r = data::ImportListFiles(*store, files, list.format, /*strict=*/false, "test");
    const double ms = Ms(Clock::now() - t0);
    total_ms += ms;
    REQUIRE_MESSAGE(r.ok(), list.source << ": " << r.status().ToString());
    MESSAGE(list.source << ": " << r->snapshot.entries << " entries from " << r->snapshot.rows_read
                        << " rows (" << r->snapshot.rows_skipped << " skipped, "
                        << r->report.issues.size() << " issues) in " << ms << " ms");
    CHECK(r->changed);
    CHECK(r->snapshot.source == list.source);
    CHECK(r->snapshot.rows_read == list.rows);
    CHECK(r->snapshot.entries == list.entries);
    CHECK(r->snapshot.rows_skipped == (list.source == "csl" ? 1 : 0));
  }
  MESSAGE("all five lists imported in " << total_ms << " ms");

  // What the screening index does at start-up: every active entry, parsed back.
  auto t0 = Clock::now();
  auto active = store->ListSnapshots(true);
  REQUIRE(active.ok());
  CHECK(active->size() == 5);
  int64_t loaded = 0;
  for (const ListSnapshot& s : *active) {
    CHECK_OK(store->ForEachListEntry(s.id, [&](const StoredListEntry& e) {
      ++loaded;
      return ListEntryFromJson(e.json).status();
    }));
  }
  const double load_ms = Ms(Clock::now() - t0);
  MESSAGE("loaded and parsed " << loaded << " active entries in " << load_ms << " ms");
  CHECK(loaded == 4226 + 14965 + 442 + 547 + 1003);

  // Importing the same files again touches nothing.
  auto t1 = Clock::now();
  for (const RealList& list : RealLists()) {
    std::vector<std::string> files;
    for (const char* f : list.files) files.push_back(*root + "/" + f);
    auto r = data::ImportListFiles(*store, files, list.format, false, "test");
    REQUIRE(r.ok());
    CHECK_FALSE(r->changed);
  }
  MESSAGE("re-importing all five unchanged lists took " << Ms(Clock::now() - t1) << " ms");
}

TEST_CASE("real lists: `lists update` fetches the whole set over HTTP") {
  std::optional<std::string> root = SharedLists();
  if (!root) return;
  // The official file names, mapped to where the copies live under shared/.
  const std::map<std::string, std::string> served = {
      {"/consolidated.csv", "us_csl/csl.csv"},
      {"/sdn.csv", "ofac_sdn/sdn.csv"},
      {"/add.csv", "ofac_sdn_supplements/add.csv"},
      {"/alt.csv", "ofac_sdn_supplements/alt.csv"},
      {"/sdn_comments.csv", "ofac_sdn_supplements/sdn_comments.csv"},
      {"/cons_prim.csv", "ofac_consolidated_nonsdn/cons_prim.csv"},
      {"/cons_add.csv", "ofac_consolidated_nonsdn/cons_add.csv"},
      {"/cons_alt.csv", "ofac_consolidated_nonsdn/cons_alt.csv"},
      {"/cons_comments.csv", "ofac_consolidated_nonsdn/cons_comments.csv"},
      {"/dpl.txt", "us_bis_dpl/dpl.txt"},
      {"/consolidated.xml", "un/UN_consolidated.xml"},
  };
  testing::FileServer server;
  for (const auto& [path, file] : served) server.ServeFile(path, *root + "/" + file);
  ScratchDir dir("real");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  data::UpdateOptions options;
  options.base_url = server.BaseUrl();
  options.actor = "test";
  auto t0 = Clock::now();
  auto updates = data::UpdateLists(*store, options);
  REQUIRE_MESSAGE(updates.ok(), updates.status().ToString());
  MESSAGE("update over HTTP: " << Ms(Clock::now() - t0) << " ms for " << server.requests()
                               << " files");
  REQUIRE(updates->size() == RealLists().size());
  for (size_t i = 0; i < updates->size(); ++i) {
    const data::SourceUpdate& u = (*updates)[i];
    REQUIRE_MESSAGE(u.status.ok(), u.source << ": " << u.status.ToString());
    CHECK(u.source == RealLists()[i].source);
    CHECK(u.result->snapshot.entries == RealLists()[i].entries);
  }
}

}  // namespace
}  // namespace chokepoint
