// The API answers what the CLI answers for the same input, and the binary serves, refuses keys,
// and shuts down cleanly on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "cli/cli_util.h"
#include "api/api_test_util.h"

namespace chokepoint {
namespace {

using testing::RunCli;
using testing::TestServer;

nlohmann::json CliJson(const std::string& args, const std::string& db) {
  auto r = RunCli(args, db);
  REQUIRE_MESSAGE(r.exit_code <= 1, r.out);
  return nlohmann::json::parse(r.out);
}

TEST_CASE("API results equal the CLI's for the same input") {
  TestServer s("equal.db", true);
  for (const char* name :
       {"National University of Defense Technology", "NUDT", "Phytium", "Acme Widgets"}) {
    nlohmann::json body = {{"name", name}, {"country", "CN"}, {"as_of", "2025-12-01"}};
    auto api = s.Post("/v1/screen", body.dump(), s.screen_key);
    REQUIRE(api.status == 200);
    auto cli = CliJson(
        std::string("screen \"") + name + "\" --country CN --as-of 2025-12-01 --json", s.db);
    CHECK_MESSAGE(api.Json() == cli, name);
  }
  auto classify =
      s.Post("/v1/classify", R"({"part":"RTX 4090","destination":"CN","as_of":"2024-06-01"})",
             s.screen_key);
  REQUIRE(classify.status == 200);
  CHECK(classify.Json() ==
        CliJson("classify --part \"RTX 4090\" --destination CN --as-of 2024-06-01 --json", s.db));
  auto trace = s.Post("/v1/trace", R"({"name":"Phytium","as_of":"2025-12-01"})", s.screen_key);
  REQUIRE(trace.status == 200);
  CHECK(trace.Json() == CliJson("trace Phytium --as-of 2025-12-01 --json", s.db));
  auto lists = s.Get("/v1/lists", s.screen_key).Json();
  lists.erase("index");  // the API's extension
  CHECK(lists == CliJson("lists status --json", s.db));
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
