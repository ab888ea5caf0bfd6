// The rule-pack loader: the bundled pack loads; malformed packs are refused with file, line,
// reason.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "chokepoint/rules.h"
#include "testutil.h"

namespace chokepoint {
namespace {

namespace fs = std::filesystem;

// Writes a one-file pack (pack.xml + rules.xml) into a fresh temporary folder.
std::string WritePack(const std::string& rules_xml, const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("chokepoint-pack-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "pack.xml")
      << R"(<rule-pack id="t" version="1" covers-from="2022-10-07"><file href="rules.xml"/></rule-pack>)";
  std::ofstream(dir / "rules.xml") << rules_xml;
  return dir.string();
}

const char* kGroups =
    R"(<country-group id="D:5" citation="15 CFR 740 Supp. 1"><member cc="CN"/></country-group>)";

std::string Load(const std::string& body, const std::string& name) {
  auto pack = RulePack::Load(
      WritePack(std::string("<rules>\n") + kGroups + "\n" + body + "\n</rules>\n", name));
  if (pack.ok()) return "ok";
  // Drop the "rule pack <folder>: " context so the checks read as the file-and-line message.
  const std::string& m = pack.status().message();
  return m.substr(m.find(": ") + 2);
}

TEST_CASE("the bundled pack loads and names itself by content") {
  auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE_MESSAGE(pack.ok(), pack.status().ToString());
  CHECK((*pack)->id() == "ear-advanced-computing");
  CHECK((*pack)->fingerprint().find("ear-advanced-computing@") == 0);
  CHECK((*pack)->fingerprint().find("+sha256:") != std::string::npos);
  CHECK((*pack)->rules().size() > 30);
  for (const auto& r : (*pack)->rules()) {
    CHECK_MESSAGE(!r.citation.empty(), r.id);
    CHECK_MESSAGE(!r.title.empty(), r.id);
  }
}

TEST_CASE("country groups are dated") {
  auto pack = *RulePack::Load(testing::SourcePath("rules/ear"));
  auto groups = [&](const char* cc, const char* day) {
    std::string s;
    for (const auto& g : pack->GroupsOf(cc, *Date::Parse(day))) s += g.group + " ";
    return s;
  };
  CHECK(groups("CN", "2024-01-01") == "D:1 D:4 D:5 ");
  CHECK(groups("HK", "2024-01-01") == "D:1 D:4 D:5 ");  // treated as China
  CHECK(pack->TreatedAs("HK", *Date::Parse("2024-01-01")) == "CN");
  CHECK(groups("NI", "2024-03-14").find("D:5") == std::string::npos);
  CHECK(groups("NI", "2024-03-15").find("D:5") != std::string::npos);
  CHECK(groups("CY", "2024-05-29").find("D:5") != std::string::npos);
  CHECK(groups("CY", "2024-05-30").find("D:5") == std::string::npos);
  CHECK(groups("KH", "2026-02-02").find("D:5") != std::string::npos);
  CHECK(groups("KH", "2026-02-03") == "D:1 ");
  CHECK(groups("AE", "2026-07-09").find("D:4") != std::string::npos);
  CHECK(groups("AE", "2026-07-10") == "A:5 ");
  CHECK(groups("MO", "2024-01-01").find("D:5") == std::string::npos);  // Macau is named separately
  CHECK(groups("IR", "2024-01-01").find("E:1") != std::string::npos);
  CHECK(groups("CU", "2024-01-01").find("E:2") != std::string::npos);
}

TEST_CASE("rule standing follows effective dates, stays and compliance dates") {
  auto pack = *RulePack::Load(testing::SourcePath("rules/ear"));
  auto standing = [&](const char* id, const char* day) {
    for (const auto& r : pack->rules()) {
      if (r.id == id && r.effective.Contains(*Date::Parse(day)))
        return r.StandingOn(*Date::Parse(day));
    }
    return RuleStanding::kExpired;
  };
  CHECK(standing("bis.affiliates-50pct", "2025-10-15") == RuleStanding::kInForce);
  CHECK(standing("bis.affiliates-50pct", "2025-12-01") == RuleStanding::kStayed);
  CHECK(standing("bis.affiliates-50pct", "2026-11-09") == RuleStanding::kStayed);
  CHECK(standing("bis.affiliates-50pct", "2026-11-10") == RuleStanding::kInForce);
  CHECK(standing("ai-diffusion.worldwide", "2025-03-01") == RuleStanding::kNotYetEnforced);
  CHECK(standing("ofac.50pct", "2025-12-01") == RuleStanding::kInForce);
}

TEST_CASE("malformed packs are refused with file, line and reason") {
  const std::string ok_rule =
      R"(<rule id="x" kind="license" citation="c"><title>t</title><when><destination in="D:5"/></when></rule>)";
  CHECK(Load(ok_rule, "ok") == "ok");

  CHECK(Load(R"(<rule id="x" kind="license" citation="c" colour="red"><title>t</title></rule>)",
             "attr") == "rules.xml:3: unknown attribute 'colour' on a license rule");
  CHECK(Load(R"(<rule id="x" kind="license"><title>t</title></rule>)", "cite") ==
        "rules.xml:3: rule x has no citation");
  CHECK(Load(R"(<rule id="x" kind="license" citation="c"/>)", "title") ==
        "rules.xml:3: rule x has no <title>");
  CHECK(
      Load(
          R"(<rule id="x" kind="license" citation="c" effective_from="2024-01-01"><title>t</title></rule>
<rule id="x" kind="license" citation="c" effective_from="2024-06-01"><title>t</title></rule>)",
          "overlap")
          .find("rules.xml:4: rule x (2024-06-01..) overlaps its version at rules.xml:3") == 0);
  CHECK(
      Load(
          R"(<rule id="x" kind="license" citation="c"><title>t</title><when><destination in="D:9"/></when></rule>)",
          "group")
          .find("'D:9' is neither a country group") != std::string::npos);
  CHECK(
      Load(
          R"(<rule id="x" kind="classify" eccn="3A090.a" rank="1" applies-to="ic" citation="c"><title>t</title><when><ge attr="tops" value="1"/></when></rule>)",
          "attrname")
          .find("unknown attribute name 'tops'") != std::string::npos);
  CHECK(
      Load(
          R"(<rule id="x" kind="license" citation="c" effective_from="2024-13-01"><title>t</title></rule>)",
          "date")
          .find("rules.xml:3: effective_from") == 0);
  CHECK(Load(R"(<rule id="x" kind="rebut" rebuts="nothing" citation="c"><title>t</title></rule>)",
             "rebut")
            .find("names no presume rule 'nothing'") != std::string::npos);
  CHECK(
      Load(
          R"(<rule id="x" kind="classify" eccn="E" rank="1" applies-to="ic" citation="c"><title>t</title><when><ge attr="tpp" value="48OO"/></when></rule>)",
          "number")
          .find("value '48OO' is not a number") != std::string::npos);
  CHECK(Load(R"(<rule id="x" kind="license" citation="c"><title>t</title>)", "xml")
            .find("malformed XML") != std::string::npos);

  auto missing = RulePack::Load((fs::temp_directory_path() / "chokepoint-no-such-pack").string());
  CHECK(missing.status().IsNotFound());
}

}  // namespace
}  // namespace chokepoint
