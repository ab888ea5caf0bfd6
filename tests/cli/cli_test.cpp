// The `chokepoint` binary end to end, as a user or a script runs it: output, exit codes, audit log.
#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/cli_util.h"

namespace chokepoint {
namespace {

using testing::Ran;
using testing::Scratch;

Ran Run(const std::string& args, const std::string& db) { return testing::RunCli(args, db); }

TEST_CASE("classify --json answers the headline case and records it in the audit log") {
  std::string db = Scratch("headline.db");
  Ran r =
      Run("classify --part \"NVIDIA H100 SXM5\" --destination CN --as-of 2024-06-01 --json", db);
  CHECK(r.exit_code == 1);  // licence required is a finding
  CHECK(r.out.find("\"eccn\":\"3A090.a\"") != std::string::npos);
  CHECK(r.out.find("\"license_required\":true") != std::string::npos);
  auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["tpp"] == 15832);
  CHECK(doc["rules"][0]["citation"].get<std::string>().find("3A090.a.1") != std::string::npos);

  Ran verify = Run("audit-log verify", db);
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.find("1 audit records") != std::string::npos);
  Ran exported = Run("audit-log export", db);
  auto record = nlohmann::json::parse(exported.out);
  CHECK(record["kind"] == "classify");
  CHECK(record["payload"]["rules_version"].get<std::string>().find("ear-advanced-computing@") == 0);
  CHECK(record["payload"]["result"]["eccn"] == "3A090.a");
}

TEST_CASE("human output shows the arithmetic and the rule") {
  Ran r =
      Run("classify --part \"H100 SXM\" --destination CN --as-of 2024-06-01", Scratch("human.db"));
  CHECK(r.out.find("TPP = 2 × 989.5 × 8 = 15832 ≥ 4800 → 3A090.a.1") != std::string::npos);
  CHECK(r.out.find("15 CFR 774 Supp. 1, ECCN 3A090.a.1") != std::string::npos);
  CHECK(r.out.find("presumption of denial") != std::string::npos);
}

TEST_CASE("part lookup is forgiving; unknown and ambiguous parts exit 2 with suggestions") {
  std::string db = Scratch("lookup.db");
  for (const char* part :
       {"NVIDIA H100 SXM5", "H100 SXM", "NVIDIA GeForce RTX 4090", "RTX 4090", "rtx-4090d"}) {
    Ran r = Run(std::string("classify --json --as-of 2024-06-01 --part \"") + part + "\"", db);
    CHECK_MESSAGE(r.exit_code == 0, part << ": " << r.out);
  }
  Ran rtx = Run("classify --json --as-of 2024-06-01 --part \"RTX 4090\"", db);
  CHECK(nlohmann::json::parse(rtx.out)["item"]["part_id"] == "nvidia-geforce-rtx-4090");
  Ran unknown = Run("classify --part \"RTX 5090\"", db);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find("closest catalog parts: GeForce RTX 4090") != std::string::npos);
  Ran ambiguous = Run("classify --part H100", db);
  CHECK(ambiguous.exit_code == 2);
  CHECK(ambiguous.out.find("H100 SXM5, H100 PCIe") != std::string::npos);
}

TEST_CASE("figures on the command line are exact at the thresholds") {
  std::string db = Scratch("flags.db");
  auto eccn = [&](const std::string& args) {
    Ran r = Run("classify --json --as-of 2024-06-01 --datacenter yes " + args, db);
    return nlohmann::json::parse(r.out)["eccn"].get<std::string>();
  };
  CHECK(eccn("--tpp 4800") == "3A090.a");
  CHECK(eccn("--tpp 4799.99 --die-area-mm2 100000") == "EAR99");
  CHECK(eccn("--tops 600 --bit-length 8") == "3A090.a");
  CHECK(eccn("--tpp 2960 --die-area-mm2 500") == "3A090.a");
  CHECK(eccn("--tpp 2959.95 --die-area-mm2 500") == "3A090.b");
}

TEST_CASE("bad input exits 2 and names the field") {
  std::string db = Scratch("bad.db");
  Ran date = Run("classify --tpp 1 --as-of 2024-13-01", db);
  CHECK(date.exit_code == 2);
  CHECK(date.out.find("--as-of") != std::string::npos);
  Ran country = Run("classify --tpp 1 --destination Atlantis", db);
  CHECK(country.exit_code == 2);
  CHECK(country.out.find("--destination") != std::string::npos);
  Ran spec = Run("classify --spec " + testing::SourcePath("fixtures/specs/bad-field.json"), db);
  CHECK(spec.exit_code == 2);
  CHECK(spec.out.find("bad-field.json: /die_area: unknown field") != std::string::npos);
  Ran nothing = Run("classify", db);
  CHECK(nothing.exit_code == 2);
  Ran usage = Run("no-such-command", db);
  CHECK(usage.exit_code == 2);
}

TEST_CASE("rules check and rules list") {
  std::string db = Scratch("rules.db");
  Ran check = Run("rules check", db);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("ok: ear-advanced-computing@") == 0);
  Ran list = Run("rules list --as-of 2025-12-01 --json", db);
  auto doc = nlohmann::json::parse(list.out);
  bool stayed = false, diffusion = false;
  for (const auto& r : doc["rules"]) {
    if (r["id"] == "bis.affiliates-50pct") stayed = r["standing"] == "stayed";
    if (r["id"] == "ai-diffusion.worldwide") diffusion = true;
  }
  CHECK(stayed);
  CHECK_FALSE(diffusion);  // expired 2025-05-12
  Ran broken = Run("--rules " + testing::SourcePath("fixtures/rules/broken") + " rules check", db);
  CHECK(broken.exit_code == 2);
  CHECK(broken.out.find("rules.xml:4: rule dup") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
