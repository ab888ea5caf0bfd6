// The real server on an ephemeral loopback port: auth and roles, each route, the audit record of
// every call, the OpenAPI document against the route table, and the index swap during an import.
#include <atomic>
#include <set>
#include <thread>

#include "api/api_test_util.h"
#include "chokepoint/sha256.h"

namespace chokepoint {
namespace {

using testing::Http;
using testing::TestServer;

const char* kNudt = R"({"name":"National University of Defense Technology","country":"CN"})";

TEST_CASE("keys: missing or bad 401, wrong role 403, revoked 401 within the cache time") {
  api::ServerOptions options;
  options.key_cache_seconds = 0;  // re-read every time, so the revocation shows at once
  TestServer s("auth.db", false, options);
  auto none = s.Post("/v1/screen", kNudt, "");
  CHECK(none.status == 401);
  CHECK(none.content_type == "application/problem+json");
  CHECK(s.Post("/v1/screen", kNudt, "not-a-key").status == 401);
  std::string forged = s.screen_key;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK(s.Post("/v1/screen", kNudt, forged).status == 401);
  CHECK(s.Post("/v1/screen", kNudt, s.screen_key).status == 200);

  // screen < audit < admin
  const char* import = R"({"files":["csl.csv"]})";
  CHECK(s.Post("/v1/lists/import", import, s.screen_key).status == 403);
  CHECK(s.Post("/v1/lists/import", import, s.audit_key).status == 403);
  CHECK(s.Post("/v1/screen", kNudt, s.audit_key).status == 200);
  CHECK(s.Get("/v1/lists", s.admin_key).status == 200);

  auto store = OpenSqliteStore(s.db);
  REQUIRE((*store)->RevokeApiKey("screener").ok());
  CHECK(s.Post("/v1/screen", kNudt, s.screen_key).status == 401);
}

TEST_CASE("every route answers, and public routes need no key") {
  TestServer s("routes.db", true);
  auto screen = s.Post("/v1/screen", kNudt, s.screen_key);
  REQUIRE(screen.status == 200);
  auto doc = screen.Json();
  CHECK(doc["query"] == "National University of Defense Technology");
  REQUIRE(!doc["hits"].empty());
  CHECK(doc["hits"][0]["name"].get<std::string>().find("National University of Defense") == 0);

  auto batch =
      s.Post("/v1/screen/batch",
             R"({"parties":[{"name":"NUDT"},{"name":"Acme Widgets Inc"},)"
             R"({"name":"National University of Defense Technology","as_of":"2010-01-01"}]})",
             s.screen_key);
  REQUIRE(batch.status == 200);
  auto results = batch.Json()["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["query"] == "NUDT");
  CHECK(results[1]["hits"].empty());
  CHECK(results[2]["hits"].empty());  // not yet listed in 2010

  auto classify = s.Post("/v1/classify",
                         R"({"part":"NVIDIA H100 SXM5","destination":"CN","as_of":"2024-06-01"})",
                         s.screen_key);
  REQUIRE(classify.status == 200);
  CHECK(classify.Json()["eccn"] == "3A090.a");
  CHECK(classify.Json()["license_required"] == true);

  auto trace = s.Post("/v1/trace", R"({"name":"Central South CAD Center","as_of":"2025-12-01"})",
                      s.screen_key);
  REQUIRE_MESSAGE(trace.status == 200, trace.body);
  CHECK(!trace.Json()["findings"].empty());
  CHECK(s.Post("/v1/trace", R"({"party_id":"no-such-party"})", s.screen_key).status == 404);

  auto lists = s.Get("/v1/lists", s.screen_key);
  REQUIRE(lists.status == 200);
  CHECK(lists.Json()["snapshots"].size() == 1);
  CHECK(lists.Json()["index"]["generation"] == 1);

  CHECK(s.Get("/healthz").status == 200);
  CHECK(s.Get("/readyz").status == 200);
  auto metrics = s.Get("/metrics");
  REQUIRE(metrics.status == 200);
  CHECK(metrics.content_type.find("text/plain") == 0);
  CHECK(metrics.body.find(
            R"(chokepoint_http_requests_total{method="POST",route="/v1/screen",code="200"} 1)") !=
        std::string::npos);
  CHECK(metrics.body.find("chokepoint_http_request_duration_seconds_bucket{method=\"POST\",route="
                          "\"/v1/screen\",le=\"+Inf\"} 1") != std::string::npos);
  CHECK(metrics.body.find("chokepoint_list_snapshot_age_seconds{source=\"csl\"") !=
        std::string::npos);
  auto openapi = s.Get("/openapi.json");
  REQUIRE(openapi.status == 200);
  CHECK(openapi.Json()["openapi"] == "3.1.0");
}

TEST_CASE("openapi.json describes exactly the routes of the route table, with their roles") {
  auto doc = nlohmann::json::parse(api::OpenApiDocument());
  CHECK(doc["openapi"] == "3.1.0");
  std::set<std::string> documented;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + path + " " + op["x-chokepoint-role"].get<std::string>());
      CHECK_MESSAGE(op["responses"].contains("200"), method << " " << path);
      if (path.rfind("/v1/", 0) == 0) {
        CHECK_MESSAGE(op["responses"].contains("401"), path);
        CHECK_MESSAGE(op["responses"].contains("400"), path);
      }
    }
  }
  std::set<std::string> routed;
  std::istringstream lines(api::RouteTableSummary());
  for (std::string line; std::getline(lines, line);) routed.insert(line);
  CHECK(documented == routed);
}

TEST_CASE(
    "every /v1 call leaves one audit record with the key name and input hash, never the key") {
  std::string db;
  std::string key;
  {
    TestServer s("audit.db", false);
    db = s.db;
    key = s.screen_key;
    CHECK(s.Post("/v1/screen", kNudt, s.screen_key).status == 200);
    CHECK(s.Post("/v1/screen", "{", s.screen_key).status == 400);
    CHECK(s.Post("/v1/screen", kNudt, "").status == 401);
    CHECK(s.Get("/healthz").status == 200);  // public routes are not audited
  }                                          // Stop() flushes the writer
  auto store = OpenSqliteStore(db);
  std::vector<AuditRecord> api;
  REQUIRE((*store)
              ->ExportAudit(std::nullopt,
                            [&](const AuditRecord& r) {
                              if (r.kind == "api") api.push_back(r);
                              CHECK(r.payload.find(key) == std::string::npos);
                              CHECK(r.payload.find(key.substr(21)) ==
                                    std::string::npos);  // the secret
                              return Status::OK();
                            })
              .ok());
  REQUIRE(api.size() == 3);
  CHECK(api[0].actor == "screener");
  auto first = nlohmann::json::parse(api[0].payload);
  CHECK(first["route"] == "POST /v1/screen");
  CHECK(first["status"] == 200);
  CHECK(first["input_sha256"] == *Sha256Hex(kNudt));
  CHECK(first["result"]["hits"].get<int>() >= 1);
  CHECK(nlohmann::json::parse(api[1].payload)["status"] == 400);
  CHECK(api[2].actor == "");
  CHECK(nlohmann::json::parse(api[2].payload)["status"] == 401);
  CHECK((*store)->VerifyAuditLog()->intact);
}

TEST_CASE("a list import swaps in a new index while screening goes on undisturbed") {
  api::ServerOptions options;
  options.import_dir = testing::SourcePath("fixtures/lists");
  TestServer s("swap.db", false, options);
  const std::string air = R"({"name":"AIR EXAMPLE LTD","as_of":"2024-01-01"})";
  REQUIRE(s.Post("/v1/screen", air, s.screen_key).Json()["hits"].empty());

  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, bad{0};
  std::thread hammer([&] {
    while (!done) {
      auto r = s.Post("/v1/screen", kNudt, s.screen_key);
      (r.status == 200 && !r.Json()["hits"].empty() ? ok : bad)++;
    }
  });
  // Outside the import folder, or missing: refused without touching the database.
  CHECK(s.Post("/v1/lists/import", R"({"files":["../../CMakeLists.txt"]})", s.admin_key).status ==
        400);
  CHECK(s.Post("/v1/lists/import", R"({"files":["dpl/missing.txt"]})", s.admin_key).status == 404);
  auto imported = s.Post("/v1/lists/import", R"({"files":["dpl/dpl.txt"]})", s.admin_key);
  REQUIRE_MESSAGE(imported.status == 200, imported.body);
  CHECK(imported.Json()["changed"] == true);
  CHECK(imported.Json()["reindex"] == "started");
  int generation = 0;
  for (int i = 0; i < 200 && generation < 2; ++i) {
    generation = s.Get("/v1/lists", s.screen_key).Json()["index"]["generation"].get<int>();
    if (generation < 2) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  done = true;
  hammer.join();
  CHECK(generation == 2);
  CHECK(ok > 0);
  CHECK(bad == 0);
  auto after = s.Post("/v1/screen", air, s.screen_key).Json();
  REQUIRE(!after["hits"].empty());
  CHECK(after["hits"][0]["name"] == "AIR EXAMPLE LTD");
  // The same files again: no new snapshot, no rebuild.
  auto again = s.Post("/v1/lists/import", R"({"files":["dpl/dpl.txt"]})", s.admin_key);
  CHECK(again.Json()["changed"] == false);
}

}  // namespace
}  // namespace chokepoint
