// `chokepoint screen` end to end on the hand-made fixture lists: single names, as-of dates, and the
// CSV batch contract (one output line per input row, in order; bad rows reported, not dropped).
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/cli_util.h"

namespace chokepoint {
namespace {

using testing::Ran;
using testing::Scratch;

Ran Run(const std::string& args, const std::string& db) { return testing::RunCli(args, db); }

std::string DbWithFixtureLists(const char* name) {
  std::string db = Scratch(name);
  Ran r = Run("lists import " + testing::SourcePath("fixtures/lists/csl/csl.csv"), db);
  REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  return db;
}

TEST_CASE("screen finds NUDT behind its alias, and not before it was listed") {
  std::string db = DbWithFixtureLists("nudt.db");
  Ran hit = Run("screen \"Central South CAD Center\" --json", db);
  CHECK(hit.exit_code == 1);
  auto doc = nlohmann::json::parse(hit.out);
  REQUIRE(!doc["hits"].empty());
  CHECK(doc["hits"][0]["name"].get<std::string>().find(
            "National University of Defense Technology") == 0);
  CHECK(doc["hits"][0]["source"] == "Entity List");
  CHECK(doc["hits"][0]["start_date"] == "2015-02-18");
  CHECK(doc["hits"][0]["matched_name"] == "Central South CAD Center");
  CHECK(doc["hits"][0]["score"].get<double>() >= doc["threshold"].get<double>());
  CHECK(doc["hits"][0].contains("explanation"));

  Ran before = Run("screen \"Central South CAD Center\" --as-of 2014-12-31 --json", db);
  CHECK(before.exit_code == 0);
  CHECK(nlohmann::json::parse(before.out)["hits"].empty());

  Ran human = Run("screen \"Central South CAD Center\"", db);
  CHECK(human.out.find("listed 2015-02-18") != std::string::npos);
}

TEST_CASE("screen with no lists imported says what to do") {
  Ran r = Run("screen \"Anything\"", Scratch("empty.db"));
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("lists import") != std::string::npos);
}

TEST_CASE("batch screening writes one line per row, in order, and reports bad rows") {
  std::string db = DbWithFixtureLists("batch.db");
  std::string out = Scratch("hits.jsonl");
  Ran r = Run("screen --input " + testing::SourcePath("fixtures/screening/names.csv") +
                  " --output " + out + " --threads 2",
              db);
  CHECK(r.exit_code == 2);  // row 4 has a bad country
  CHECK(r.out.find("names.csv:5: field 'country'") != std::string::npos);
  std::ifstream in(out);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 5);
  for (size_t i = 0; i < lines.size(); ++i) CHECK(lines[i]["row"] == i + 1);
  CHECK(lines[0]["id"] == "c-001");
  CHECK(!lines[0]["hits"].empty());
  CHECK(lines[1]["hits"].empty());
  CHECK(!lines[2]["hits"].empty());  // another alias of NUDT
  CHECK(lines[3].contains("error"));
  CHECK(lines[3]["hits"].empty());

  Ran strict = Run("screen --strict --input " +
                       testing::SourcePath("fixtures/screening/names.csv") + " --output " + out,
                   db);
  CHECK(strict.exit_code == 2);
}

}  // namespace
}  // namespace chokepoint
