// The API answers what the CLI answers for the same input, and the binary serves, refuses keys,
// and shuts down cleanly on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "api/api_test_util.h"
#include "cli/cli_util.h"

namespace chokepoint {
namespace {

using testing::RunCli;
using testing::TestServer;

// What the CLI prints for `args` (a `--json` command): its stdout, without the trailing newline.
std::string CliBytes(const std::string& args, const std::string& db) {
  auto r = RunCli(args, db);
  REQUIRE_MESSAGE(r.exit_code <= 1, r.out);
  REQUIRE_MESSAGE(!r.out.empty(), args);
  REQUIRE(r.out.back() == '\n');
  r.out.pop_back();
  return r.out;
}

// The one field a ledger line has and an API call has not: its line number, set to `line`.
std::string WithLine(std::string doc, int64_t line) {
  const std::string key = ",\"line\":";
  size_t at = doc.find(key);
  REQUIRE(at != std::string::npos);
  size_t end = doc.find(',', at + key.size());
  REQUIRE(end != std::string::npos);
  return doc.replace(at + key.size(), end - at - key.size(), std::to_string(line));
}

TEST_CASE("API documents are byte-identical to the CLI's for the same input") {
  TestServer s("equal.db", true);
  for (const char* name :
       {"National University of Defense Technology", "NUDT", "Phytium", "Acme Widgets"}) {
    nlohmann::json body = {{"name", name}, {"country", "CN"}, {"as_of", "2025-12-01"}};
    auto api = s.Post("/v1/screen", body.dump(), s.screen_key);
    REQUIRE(api.status == 200);
    auto cli = CliBytes(
        std::string("screen \"") + name + "\" --country CN --as-of 2025-12-01 --json", s.db);
    CHECK_MESSAGE(api.body == cli, name);
  }
  auto classify =
      s.Post("/v1/classify", R"({"part":"RTX 4090","destination":"CN","as_of":"2024-06-01"})",
             s.screen_key);
  REQUIRE(classify.status == 200);
  CHECK(classify.body ==
        CliBytes("classify --part \"RTX 4090\" --destination CN --as-of 2024-06-01 --json", s.db));
  auto trace = s.Post("/v1/trace", R"({"name":"Phytium","as_of":"2025-12-01"})", s.screen_key);
  REQUIRE(trace.status == 200);
  CHECK(trace.body == CliBytes("trace Phytium --as-of 2025-12-01 --json", s.db));
  auto hops =
      s.Post("/v1/trace", R"({"name":"Phytium","as_of":"2025-12-01","max_hops":2})", s.screen_key);
  REQUIRE(hops.status == 200);
  CHECK(hops.body == CliBytes("trace Phytium --as-of 2025-12-01 --max-hops 2 --json", s.db));
  auto lists = s.Get("/v1/lists", s.screen_key).Json();
  lists.erase("index");  // the API's extension
  CHECK(lists == nlohmann::json::parse(CliBytes("lists status --json", s.db)));
}

TEST_CASE("trace requests are validated once: the API and the CLI refuse the same hop limits") {
  TestServer s("trace-validation.db", true);
  for (int hops : {-1, 17}) {
    auto api = s.Post("/v1/trace", R"({"name":"Phytium","max_hops":)" + std::to_string(hops) + "}",
                      s.screen_key);
    CHECK(api.status == 400);
    CHECK(api.Json()["pointer"] == "/max_hops");
    auto cli = RunCli("trace Phytium --max-hops " + std::to_string(hops) + " --json", s.db);
    CHECK(cli.exit_code == 2);
    CHECK_MESSAGE(cli.out.find("--max-hops must be between 0 and 16") != std::string::npos,
                  cli.out);
  }
  CHECK(s.Post("/v1/trace", R"({"name":"Phytium","max_hops":16})", s.screen_key).status == 200);
  CHECK(RunCli("trace Phytium --max-hops 0 --json", s.db).exit_code <= 1);
  auto bad_date = s.Post("/v1/trace", R"({"name":"Phytium","as_of":""})", s.screen_key);
  CHECK(bad_date.status == 400);
  CHECK(bad_date.Json()["pointer"] == "/as_of");
}

TEST_CASE("shipments/check is byte-identical to the line `chokepoint audit --out` writes") {
  TestServer s("shipments-bytes.db", true);
  const char* body = R"({"shipment_id":"CAD-2017-06","ship_date":"2017-06-01",
    "exporter":"Cadence Design Systems Inc.","exporter_country":"US","item":"eccn:3D991",
    "quantity":1,"unit_value_usd":"310000.00","destination_country":"CN",
    "buyer":"Central South CAD Center","buyer_country":"CN",
    "consignee":"Central South CAD Center","consignee_country":"CN",
    "end_user":"Central South CAD Center","end_user_country":"CN",
    "end_use":"EDA emulation hardware"})";
  auto api = s.Post("/v1/shipments/check", body, s.audit_key);
  REQUIRE_MESSAGE(api.status == 200, api.body);
  const std::string ledger = testing::Scratch("api-bytes-one-line.csv");
  {
    std::ofstream f(ledger);
    f << "shipment_id,ship_date,exporter,exporter_country,item,quantity,unit_value_usd,"
         "destination_country,buyer,buyer_country,consignee,consignee_country,end_user,"
         "end_user_country,intermediaries,end_use\n"
         "CAD-2017-06,2017-06-01,Cadence Design Systems Inc.,US,eccn:3D991,1,310000.00,CN,"
         "Central South CAD Center,CN,Central South CAD Center,CN,Central South CAD Center,CN,,"
         "EDA emulation hardware\n";
  }
  const std::string out = testing::Scratch("api-bytes-one-line.jsonl");
  auto ran = RunCli("audit " + ledger + " --out " + out, s.db);
  REQUIRE(ran.exit_code == 1);
  std::ifstream in(out);
  std::string line;
  REQUIRE(std::getline(in, line));
  // The ledger line is line 2 of its file; a single API call is line 0.
  CHECK(api.body == WithLine(line, 0));
}

TEST_CASE(
    "keys create prints the key alone on the last line; the binary serves and stops on SIGTERM") {
  std::string db = testing::ScratchDb("binary.db");
  testing::PrepareDb(db, false);
  auto created = RunCli("keys create --role screen --name erp", db);
  REQUIRE(created.exit_code == 0);
  std::string out = created.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  std::string key = out.substr(out.rfind('\n') + 1);
  CHECK(api::KeyIdOf(key).has_value());
  auto listed = RunCli("keys list --json", db);
  CHECK(listed.out.find("\"name\":\"erp\"") != std::string::npos);
  CHECK(listed.out.find(key) == std::string::npos);

  std::string log = testing::ScratchDb("binary.out");
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(CHOKEPOINT_BINARY, CHOKEPOINT_BINARY, "--db", db.c_str(), "serve", "--port", "0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  uint16_t port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
      auto at = line.find("listening on http://127.0.0.1:");
      if (at != std::string::npos)
        port = static_cast<uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    }
  }
  REQUIRE(port != 0);
  auto r = testing::Http(port, "POST", "/v1/screen", R"({"name":"NUDT"})", key);
  CHECK(r.status == 200);
  CHECK(testing::Http(port, "POST", "/v1/screen", R"({"name":"NUDT"})", key + "x").status == 401);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  auto verify = RunCli("audit-log verify", db);
  CHECK(verify.exit_code == 0);
  auto exported = RunCli("audit-log export", db);
  CHECK(exported.out.find("\"route\":\"POST /v1/screen\"") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
