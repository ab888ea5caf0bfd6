// `chokepoint lists ...` end to end: output, exit codes, and the JSON documents of the interface.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "data/import/http_fixture.h"
#include "engine/store/store_test_util.h"

namespace chokepoint {
namespace {

using testing::ScratchDir;

struct Ran {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

Ran Run(const ScratchDir& dir, const std::string& args) {
  const std::string err_file = dir.File("stderr.txt");
  std::string cmd = std::string(CHOKEPOINT_BINARY) + " --db " + dir.File("db.sqlite") + " " + args +
                    " 2>" + err_file;
  Ran r;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

std::string TestData(const std::string& name) {
  return testing::SourcePath("tests/data/import/testdata/" + name);
}

std::string Place(const ScratchDir& dir, const std::string& from) {
  std::filesystem::copy_file(TestData(from), dir.File("dpl.txt"),
                             std::filesystem::copy_options::overwrite_existing);
  return dir.File("dpl.txt");
}

TEST_CASE("cli: lists import, status, re-import and diff") {
  ScratchDir dir("lists_cli");
  Ran imported = Run(dir, "lists import " + Place(dir, "dpl_v1.txt"));
  CHECK_MESSAGE(imported.exit_code == 0, imported.out << imported.err);
  CHECK(imported.out.find("imported bis-dpl snapshot 1 (dpl-tsv): 3 entries") == 0);

  Ran status = Run(dir, "lists status --json");
  CHECK(status.exit_code == 0);
  auto doc = nlohmann::json::parse(status.out);
  REQUIRE(doc["snapshots"].size() == 1);
  const auto& s = doc["snapshots"][0];
  CHECK(s["id"] == 1);
  CHECK(s["source"] == "bis-dpl");
  CHECK(s["format"] == "dpl-tsv");
  CHECK(s["entries"] == 3);
  CHECK(s["sha256"].get<std::string>().size() == 64);
  CHECK(s["imported_at"].get<std::string>().size() == 20);
  Ran human = Run(dir, "lists status");
  CHECK(human.out.find("bis-dpl") != std::string::npos);

  Ran again = Run(dir, "lists import --format dpl-tsv " + dir.File("dpl.txt"));
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("unchanged: bis-dpl snapshot 1") == 0);

  CHECK(Run(dir, "lists import " + Place(dir, "dpl_v2.txt")).exit_code == 0);
  Ran diff = Run(dir, "lists diff --json");
  CHECK(diff.exit_code == 0);
  auto d = nlohmann::json::parse(diff.out)["diffs"][0];
  CHECK(d["from"] == 1);
  CHECK(d["to"] == 2);
  CHECK(d["added"][0]["name"] == "DELTA MACHINERY");
  CHECK(d["removed"][0]["name"] == "CHARLIE LOGISTICS");
  CHECK(d["changed"][0]["name"] == "BRAVO EXPORTS");
  CHECK(d["unchanged"] == 1);
  Ran human_diff = Run(dir, "lists diff --from 1 --to 2");
  CHECK(human_diff.out.find("+ DPL") != std::string::npos);

  Ran all = Run(dir, "lists status --all --json");
  CHECK(nlohmann::json::parse(all.out)["snapshots"].size() == 2);
  Ran audit = Run(dir, "audit-log verify");
  CHECK(audit.exit_code == 0);
  CHECK(audit.out.find("3 audit records") != std::string::npos);
}

TEST_CASE("cli: bad input exits 2 with file:line; unreachable servers exit 3") {
  ScratchDir dir("lists_cli");
  Ran strict = Run(dir, "lists import --strict " + Place(dir, "dpl_bad.txt"));
  CHECK(strict.exit_code == 2);
  CHECK(strict.err.find("dpl.txt:3") != std::string::npos);
  CHECK(nlohmann::json::parse(Run(dir, "lists status --json").out)["snapshots"].empty());

  Ran lenient = Run(dir, "lists import " + dir.File("dpl.txt"));
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.err.find("dpl.txt:3: field 'Effective_Date'") != std::string::npos);

  CHECK(Run(dir, "lists import " + dir.File("missing.txt")).exit_code == 2);
  CHECK(Run(dir, "lists import --format nonsense " + dir.File("dpl.txt")).exit_code == 2);
  CHECK(Run(dir, "lists diff --to 99").exit_code == 2);

  int port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  Ran offline =
      Run(dir, "lists update --source bis-dpl --base-url http://127.0.0.1:" + std::to_string(port));
  CHECK(offline.exit_code == 3);
  CHECK(offline.err.find("/dpl.txt") != std::string::npos);
}

TEST_CASE("cli: lists update imports from a local server") {
  testing::FileServer server;
  server.ServeFile("/dpl.txt", TestData("dpl_v1.txt"));
  ScratchDir dir("lists_cli");
  Ran r = Run(dir, "lists update --source bis-dpl --base-url " + server.BaseUrl());
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  CHECK(r.out.find("imported bis-dpl snapshot 1") == 0);
  Ran logged =
      Run(dir, "--log-level info lists update --source bis-dpl --base-url " + server.BaseUrl());
  CHECK(logged.exit_code == 0);
  CHECK(logged.out.find("unchanged") == 0);
  CHECK(logged.err.find("sha256") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
