// `chokepoint graph import`, `trace` and `ownership` on the Cadence/NUDT fixture: the listed party
// behind the front company, found by the screening index, respecting the listing date.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_util.h"

namespace chokepoint {
namespace {

using testing::RunCli;
using testing::Scratch;

std::string CadenceDb(const char* name) {
  std::string db = Scratch(name);
  REQUIRE(
      RunCli("lists import " + testing::SourcePath("fixtures/lists/csl/csl.csv"), db).exit_code ==
      0);
  auto r = RunCli("graph import " + testing::SourcePath("fixtures/graph/cadence/parties.csv") +
                      " " + testing::SourcePath("fixtures/graph/cadence/links.csv"),
                  db);
  REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  return db;
}

bool FindsNudt(const nlohmann::json& doc) {
  for (const auto& f : doc["findings"]) {
    if (f["listed"]["name"].get<std::string>().find("National University of Defense Technology") ==
        0) {
      return true;
    }
  }
  return false;
}

TEST_CASE("trace finds NUDT behind Central South CAD Center and Phytium, not before 2015-02-18") {
  std::string db = CadenceDb("cadence.db");
  for (const char* party : {"Central South CAD Center", "Phytium"}) {
    auto r = RunCli(std::string("trace \"") + party + "\" --json", db);
    CHECK_MESSAGE(r.exit_code == 1, party << ": " << r.out);
    auto doc = nlohmann::json::parse(r.out);
    CHECK_MESSAGE(FindsNudt(doc), party);
    for (const auto& f : doc["findings"]) CHECK(!f["path"].empty());
  }
  auto before = RunCli("trace \"Central South CAD Center\" --as-of 2015-01-01 --json", db);
  CHECK(nlohmann::json::parse(before.out)["findings"].empty());
  std::string dot = Scratch("cadence.dot");
  auto with_dot = RunCli("trace cadence --dot " + dot, db);
  CHECK(std::filesystem::file_size(dot) > 0);
  (void)with_dot;
}

TEST_CASE("trace --svg renders with Graphviz when it is installed, and says so when it is not") {
  std::string db = CadenceDb("svg.db");
  const std::string svg = testing::Scratch("cadence.svg");
  std::filesystem::remove(svg);
  auto r = RunCli("trace \"Central South CAD Center\" --as-of 2016-01-01 --svg " + svg, db);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    CHECK(r.exit_code == 1);
    CHECK(std::filesystem::exists(svg));
  } else {
    MESSAGE("graphviz not installed: checking the message instead of the SVG");
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("apt-get install graphviz") != std::string::npos);
  }
}

TEST_CASE("ownership reports the rules with their standing") {
  std::string db = CadenceDb("ownership.db");
  auto r = RunCli("ownership Phytium --as-of 2025-12-01 --json", db);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc.contains("effective_listed_ownership_pct"));
  bool affiliates_stayed = false;
  for (const auto& rule : doc["rules"]) {
    if (rule["id"] == "bis.affiliates-50pct") affiliates_stayed = rule["standing"] == "stayed";
  }
  CHECK(affiliates_stayed);
}

TEST_CASE("graph import refuses a bad row with file, line and field, and imports nothing") {
  std::string db = Scratch("bad-graph.db");
  std::string links = Scratch("bad-links.csv");
  {
    std::ofstream out(links);
    out << "from_id,to_id,relation,share_pct,start_date,end_date,source\n"
        << "cscc,nudt,front_for,,2015-01-01,,test\n"
        << "cscc,nudt,owns,150,2015-01-01,,test\n";
  }
  auto r = RunCli(
      "graph import " + testing::SourcePath("fixtures/graph/cadence/parties.csv") + " " + links,
      db);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("bad-links.csv:3: field 'share_pct'") != std::string::npos);
  auto trace = RunCli("trace cscc", db);
  CHECK(trace.exit_code == 2);  // nothing was imported
}

}  // namespace
}  // namespace chokepoint
