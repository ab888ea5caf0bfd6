// POST /v1/shipments/check: one ledger line judged as `chokepoint audit` judges it, with the
// ledger's own validation (a bad field → 400 with its pointer) and the audit role.
#include <sstream>

#include "api/api_test_util.h"
#include "cli/cli_util.h"

namespace chokepoint {
namespace {

using testing::TestServer;

const char* kCadence2017 = R"({"shipment_id":"CAD-2017-06","ship_date":"2017-06-01",
  "exporter":"Cadence Design Systems Inc.","exporter_country":"US","item":"eccn:3D991",
  "quantity":1,"unit_value_usd":"310000.00","destination_country":"CN",
  "buyer":"Central South CAD Center","buyer_country":"CN",
  "consignee":"Central South CAD Center","consignee_country":"CN",
  "end_user":"Central South CAD Center","end_user_country":"CN","end_use":"EDA emulation hardware"})";

TEST_CASE("shipments/check: the audit verdict with its path, by role, with field pointers") {
  TestServer s("shipments.db");
  auto r = s.Post("/v1/shipments/check", kCadence2017, s.audit_key);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto doc = r.Json();
  CHECK(doc["verdict"] == "LICENSE_REQUIRED");
  bool path_to_nudt = false;
  for (const auto& f : doc["findings"]) {
    if (f["path"].is_array() &&
        f["path"].back()["party"]["name"] == "National University of Defense Technology") {
      path_to_nudt = true;
    }
  }
  CHECK(path_to_nudt);

  // As of a day before the listing, and with intermediaries as an array.
  std::string before = kCadence2017;
  before.insert(
      before.size() - 1,
      R"(,"as_of":"2015-01-01","intermediaries":[{"name":"Orient Bridge Trading Ltd","country":"HK"}])");
  auto early = s.Post("/v1/shipments/check", before, s.audit_key);
  REQUIRE_MESSAGE(early.status == 200, early.body);
  CHECK(early.Json()["verdict"] == "CLEAR");
  CHECK(early.Json()["as_of"] == "2015-01-01");

  CHECK(s.Post("/v1/shipments/check", kCadence2017, s.screen_key).status == 403);
  auto bad_date = s.Post("/v1/shipments/check",
                         R"({"shipment_id":"x","ship_date":"2017-13-01","item":"H100 SXM5",
                            "destination_country":"CN"})",
                         s.audit_key);
  CHECK(bad_date.status == 400);
  CHECK(bad_date.Json()["pointer"] == "/ship_date");
  auto unknown = s.Post("/v1/shipments/check",
                        R"({"shipment_id":"x","ship_date":"2017-01-01","item":"H100 SXM5",
                           "destination_country":"CN","colour":"red"})",
                        s.audit_key);
  CHECK(unknown.status == 400);
  CHECK(unknown.Json()["pointer"] == "/colour");
  auto wrong_type = s.Post("/v1/shipments/check",
                           R"({"shipment_id":7,"ship_date":"2017-01-01","item":"H100 SXM5",
                              "destination_country":"CN"})",
                           s.audit_key);
  CHECK(wrong_type.status == 400);
  CHECK(wrong_type.Json()["pointer"] == "/shipment_id");
}

// The API's result against the CLI's audit line, byte for byte: tests/api/api_cli_test.cpp.

TEST_CASE("parties seen by API calls join the batch register") {
  TestServer s("register.db", /*with_graph=*/false);
  REQUIRE(s.Post("/v1/screen", R"({"name":"Tokyo Render Farm KK","country":"JP"})", s.screen_key)
              .status == 200);
  REQUIRE(s.Post("/v1/screen/batch",
                 R"({"parties":[{"name":"Tokyo Render Farm KK","country":"Japan"},
                                {"name":"Lion City Compute Pte Ltd","country":"SG"}]})",
                 s.screen_key)
              .status == 200);
  REQUIRE(s.Post("/v1/shipments/check", kCadence2017, s.audit_key).status == 200);
  REQUIRE(s.server->Stop().ok());  // registers what is queued
  auto store = OpenSqliteStore(s.db);
  REQUIRE(store.ok());
  auto parties = (*store)->RegisteredPartiesAfter(std::nullopt, 100);
  REQUIRE(parties.ok());
  std::vector<std::string> ids;
  for (const RegisteredParty& p : *parties) ids.push_back(p.id + " " + p.country);
  // "JP" and "Japan" are one party; the shipment's parties carry the ids a ledger audit gives.
  CHECK(ids == std::vector<std::string>{
                   "api:lion city compute|SG SG", "api:tokyo render farm|JP JP",
                   "ledger:cadence design systems|US US", "ledger:central south cad center|CN CN"});
}

}  // namespace
}  // namespace chokepoint
