// `lists update` against a local HTTP server: downloads, redirects, failures naming the URL, and
// the rule that a source that fails keeps its previous snapshot without stopping the others.
#include <Poco/Net/ServerSocket.h>

#include "chokepoint/data/list_import.h"
#include "data/import/http_fixture.h"
#include "engine/store/store_test_util.h"

namespace chokepoint {
namespace {

using data::SourceUpdate;
using data::UpdateOptions;
using testing::FileServer;
using testing::MustOpenStore;
using testing::ScratchDir;

std::string TestData(const std::string& name) {
  return testing::SourcePath("tests/data/import/testdata/" + name);
}

UpdateOptions Options(const std::string& base_url, std::vector<std::string> sources) {
  UpdateOptions o;
  o.base_url = base_url;
  o.sources = std::move(sources);
  o.actor = "test";
  o.connect_timeout_s = 2;
  o.receive_timeout_s = 5;
  return o;
}

std::vector<SourceUpdate> MustUpdate(Store& store, const UpdateOptions& o) {
  auto r = data::UpdateLists(store, o);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return std::move(r).value();
}

TEST_CASE("update: fetches each list from --base-url and imports it; a second run is a no-op") {
  FileServer server;
  server.ServeFile("/dpl.txt", TestData("dpl_v1.txt"));
  server.ServeFile("/consolidated.csv", TestData("consolidated.csv"));
  ScratchDir dir("update");
  auto store = MustOpenStore(dir.File("db.sqlite"));

  auto first = MustUpdate(*store, Options(server.BaseUrl() + "/", {"bis-dpl", "csl"}));
  REQUIRE(first.size() == 2);
  CHECK(first[0].source == "csl");  // table order, not argument order
  CHECK(first[1].source == "bis-dpl");
  for (const SourceUpdate& u : first) {
    REQUIRE_MESSAGE(u.status.ok(), u.status.ToString());
    CHECK(u.result->changed);
  }
  CHECK(first[0].result->snapshot.entries == 2);
  CHECK(first[1].result->snapshot.entries == 3);
  CHECK(first[1].result->snapshot.files == std::vector<std::string>{"dpl.txt"});

  auto second = MustUpdate(*store, Options(server.BaseUrl(), {"bis-dpl", "csl"}));
  for (const SourceUpdate& u : second) CHECK_FALSE(u.result->changed);

  server.ServeFile("/dpl.txt", TestData("dpl_v2.txt"));
  auto third = MustUpdate(*store, Options(server.BaseUrl(), {"bis-dpl"}));
  REQUIRE(third.size() == 1);
  CHECK(third[0].result->changed);
  auto diff = data::DiffSnapshots(*store, std::nullopt, third[0].result->snapshot.id);
  REQUIRE(diff.ok());
  CHECK(diff->diffs.at(0).added.size() == 1);
}

TEST_CASE("update: redirects are followed, up to a limit") {
  FileServer server;
  server.ServeFile("/dpl.txt", TestData("dpl_v1.txt"));
  server.Redirect("/old/dpl.txt", "/new/dpl.txt");
  server.Redirect("/new/dpl.txt", server.BaseUrl() + "/dpl.txt");  // absolute, too
  server.Redirect("/loop/dpl.txt", "/loop/dpl.txt");
  ScratchDir dir("update");
  auto store = MustOpenStore(dir.File("db.sqlite"));

  auto moved = MustUpdate(*store, Options(server.BaseUrl() + "/old", {"bis-dpl"}));
  REQUIRE_MESSAGE(moved[0].status.ok(), moved[0].status.ToString());
  CHECK(moved[0].result->snapshot.entries == 3);

  auto loop = MustUpdate(*store, Options(server.BaseUrl() + "/loop", {"bis-dpl"}));
  CHECK(loop[0].status.IsIOError());
  CHECK(loop[0].status.message().find("more than 3 redirects") != std::string::npos);
}

TEST_CASE("update: a source that cannot be fetched keeps its snapshot and names the URL") {
  FileServer server;
  server.ServeFile("/dpl.txt", TestData("dpl_v1.txt"));
  server.ServeFile("/consolidated.csv", TestData("consolidated.csv"));
  ScratchDir dir("update");
  const std::string db = dir.File("db.sqlite");
  auto store = MustOpenStore(db);
  MustUpdate(*store, Options(server.BaseUrl(), {"bis-dpl"}));

  SUBCASE("HTTP 404 for one file of a set; the other sources still update") {
    server.ServeFile("/sdn.csv", TestData("consolidated.csv"));  // add.csv etc. are missing
    auto r = MustUpdate(*store, Options(server.BaseUrl(), {"csl", "ofac-sdn", "bis-dpl"}));
    REQUIRE(r.size() == 3);
    CHECK(r[0].status.ok());
    CHECK(r[1].status.IsIOError());
    CHECK(r[1].status.message().find(server.BaseUrl() + "/add.csv") != std::string::npos);
    CHECK(r[1].status.message().find("404") != std::string::npos);
    CHECK(r[2].status.ok());
  }
  SUBCASE("an HTML page where the list should be") {
    server.ServeHtml("/dpl.txt");
    auto r = MustUpdate(*store, Options(server.BaseUrl(), {"bis-dpl"}));
    CHECK(r[0].status.IsIOError());
    CHECK(r[0].status.message().find("HTML") != std::string::npos);
  }
  SUBCASE("a body over the size limit") {
    UpdateOptions o = Options(server.BaseUrl(), {"bis-dpl"});
    server.ServeFile("/dpl.txt", TestData("dpl_v2.txt"));
    o.max_bytes = 100;
    auto r = MustUpdate(*store, o);
    CHECK(r[0].status.IsIOError());
    CHECK(r[0].status.message().find("limit") != std::string::npos);
  }
  SUBCASE("nothing listening") {
    int port = 0;
    {
      Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
      port = probe.address().port();
    }
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    auto r = MustUpdate(*store, Options(base, {"bis-dpl"}));
    CHECK(r[0].status.IsIOError());
    CHECK(r[0].status.message().find(base + "/dpl.txt") != std::string::npos);
  }

  auto active = store->ListSnapshots(true);
  REQUIRE(active.ok());
  bool dpl_kept = false;
  for (const ListSnapshot& s : *active) dpl_kept = dpl_kept || (s.source == "bis-dpl" && s.id == 1);
  CHECK(dpl_kept);
  auto records = testing::AuditRecords(*store);
  CHECK(records.back().kind == "import");
}

TEST_CASE("update: bad options are refused before anything is fetched") {
  ScratchDir dir("update");
  auto store = MustOpenStore(dir.File("db.sqlite"));
  CHECK(data::UpdateLists(*store, Options("ftp://example.org", {})).status().IsInvalidArgument());
  CHECK(data::UpdateLists(*store, Options("not a url", {})).status().IsInvalidArgument());
  CHECK(data::UpdateLists(*store, Options("", {"eu"})).status().IsInvalidArgument());
  CHECK(data::OfficialLists().size() == 5);
  for (const auto& list : data::OfficialLists()) {
    CHECK(list.source == data::SourceKey(list.format));
    for (const auto& file : list.files) CHECK(file.url.rfind("https://", 0) == 0);
  }
}

}  // namespace
}  // namespace chokepoint
