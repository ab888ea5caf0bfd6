// chokepoint audit, end to end on the demo ledger: verdicts per line as of each ship date, the
// Cadence/NUDT shipments flagged with their path from the listing date on, byte-identical reruns,
// the stored run, malformed lines, --strict, and the outputs (CSV, HTML).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_util.h"

namespace chokepoint::testing {
namespace {

using Json = nlohmann::json;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::map<std::string, Json> ByShipment(const std::string& jsonl) {
  std::map<std::string, Json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    Json j = Json::parse(line);
    out[j["shipment_id"].get<std::string>()] = j;
  }
  return out;
}

// A database with the demo list and the demo network, as scripts/demo.sh builds it.
std::string DemoDb(const std::string& name) {
  const std::string db = Scratch(name);
  REQUIRE(RunCli("lists import " + SourcePath("fixtures/lists/csl/csl.csv"), db).exit_code == 0);
  REQUIRE(RunCli("graph import " + SourcePath("fixtures/graph/cadence/parties.csv") + " " +
                     SourcePath("fixtures/graph/cadence/links.csv"),
                 db)
              .exit_code == 0);
  REQUIRE(RunCli("graph import " + SourcePath("fixtures/ledger/network_parties.csv") + " " +
                     SourcePath("fixtures/ledger/network_links.csv"),
                 db)
              .exit_code == 0);
  return db;
}

bool HasCode(const Json& r, const std::string& code) {
  for (const auto& f : r["findings"]) {
    if (f["code"] == code) return true;
  }
  return false;
}

TEST_CASE("the demo ledger: each line judged on its own date, with rule, entry and path") {
  const std::string db = DemoDb("audit-demo.db");
  const std::string out = Scratch("audit-demo.jsonl"), csv = Scratch("audit-demo.csv"),
                    html = Scratch("audit-demo.html");
  Ran r = RunCli("audit " + SourcePath("fixtures/ledger/demo_ledger.csv") + " --out " + out +
                     " --csv " + csv + " --report " + html + " --json",
                 db);
  INFO(r.out);
  CHECK(r.exit_code == 1);  // findings
  Json summary = Json::parse(r.out.substr(r.out.find('{')));
  CHECK(summary["lines"] == 20);
  CHECK(summary["verdicts"]["PROHIBITED"] == 2);
  CHECK(summary["verdicts"]["CLEAR"] == 7);

  auto results = ByShipment(Slurp(out));
  REQUIRE(results.size() == 20);
  auto verdict = [&](const char* id) { return results[id]["verdict"].get<std::string>(); };

  // Cadence/NUDT: NUDT listed 2015-02-18. Earlier shipments clear; later ones carry the path.
  CHECK(verdict("CAD-2014-11") == "CLEAR");
  CHECK(verdict("CAD-2015-01") == "CLEAR");
  for (const char* id : {"CAD-2015-03", "CAD-2017-06", "CAD-2020-09", "CAD-2020-11"}) {
    CAPTURE(id);
    CHECK(verdict(id) == "LICENSE_REQUIRED");
    bool path_to_nudt = false;
    for (const auto& f : results[id]["findings"]) {
      if (f["path"].is_array() &&
          f["path"].back()["party"]["name"] == "National University of Defense Technology") {
        path_to_nudt = true;
        CHECK(f["rule"] == "audit.party.entity-list");
        CHECK(f["list_hit"]["start_date"] == "2015-02-18");
        CHECK(f["list_hit"]["snapshot"] == 1);
      }
    }
    CHECK(path_to_nudt);
  }

  // Items by era: A800 before and after 2023-11-17; H20 to CN before and after April 2025.
  CHECK(verdict("GPU-0003") == "CLEAR");
  CHECK(results["GPU-0003"]["eccn"] == "EAR99");
  CHECK(verdict("GPU-0004") == "LICENSE_REQUIRED");
  CHECK(results["GPU-0004"]["eccn"] == "3A090.a");
  CHECK(verdict("GPU-0005") == "CLEAR");
  CHECK(verdict("GPU-0006") == "LICENSE_REQUIRED");
  CHECK(results["GPU-0006"]["findings"][0]["rule"] == "744.23.is-informed.h20-class");

  // An intermediary 60 % owned by an Entity List party: the Affiliates rule counts only while
  // in force and not stayed.
  CHECK(verdict("GPU-0007") == "REVIEW");            // 2024: not yet in force
  CHECK(verdict("GPU-0008") == "LICENSE_REQUIRED");  // 2025-10-15: in force
  CHECK(results["GPU-0008"]["findings"][0]["rule"] == "bis.affiliates-50pct");
  CHECK(verdict("GPU-0009") == "REVIEW");  // 2025-12-01: stayed

  // Diversion through SG/MY to an end user in CN: licence for the ultimate destination.
  CHECK(verdict("GPU-0010") == "LICENSE_REQUIRED");
  CHECK(HasCode(results["GPU-0010"], "red-flag"));
  // Denied person, embargoed destination, sensitive end use, plain clear lines.
  CHECK(verdict("GPU-0011") == "PROHIBITED");
  CHECK(verdict("GPU-0012") == "PROHIBITED");
  CHECK(results["GPU-0012"]["findings"][0]["rule"] == "audit.destination.embargo");
  CHECK(HasCode(results["GPU-0013"], "red-flag"));
  for (const char* id : {"GPU-0001", "GPU-0002", "GPU-0014"}) CHECK(verdict(id) == "CLEAR");

  // Outputs: CSV has a header and one row per line; the report is self-contained.
  const std::string csv_text = Slurp(csv);
  CHECK(std::count(csv_text.begin(), csv_text.end(), '\n') == 21);
  const std::string report = Slurp(html);
  CHECK(report.find("<svg") != std::string::npos);
  CHECK(report.find("National University of Defense Technology") != std::string::npos);
  CHECK(report.find("<script") == std::string::npos);
  CHECK(report.find("http://") == report.find("http://www.w3.org/2000/svg"));

  // Same ledger, rules and snapshots: byte-identical results.
  const std::string again = Scratch("audit-demo-2.jsonl");
  CHECK(RunCli("audit " + SourcePath("fixtures/ledger/demo_ledger.csv") + " --out " + again, db)
            .exit_code == 1);
  CHECK(Slurp(again) == Slurp(out));
  // The run and its inputs are in the audit log, which still verifies.
  CHECK(RunCli("audit-log verify", db).exit_code == 0);
  CHECK(RunCli("audit-log export", db).out.find("\"ledger_sha256\"") != std::string::npos);
}

// The report as a reviewer sees it: rendered by headless Chromium (Debian package `chromium`),
// without a server, into a screenshot and a DOM with the counts and the flagged chains.
TEST_CASE("the HTML report renders in headless Chromium") {
  if (!std::filesystem::exists("/usr/bin/chromium")) {
    MESSAGE("skipped: /usr/bin/chromium is not installed (apt-get install chromium)");
    return;
  }
  const std::string db = DemoDb("audit-chromium.db");
  const std::string html = Scratch("audit-chromium.html"), png = Scratch("audit-chromium.png"),
                    dom = Scratch("audit-chromium.dom");
  std::filesystem::remove(png);
  REQUIRE(RunCli("audit " + SourcePath("fixtures/ledger/demo_ledger.csv") + " --report " + html, db)
              .exit_code == 1);
  const std::string chromium =
      "/usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
      "--window-size=1400,2400 ";
  REQUIRE(std::system((chromium + "--screenshot=" + png + " file://" + html + " >/dev/null 2>&1")
                          .c_str()) == 0);
  CHECK(std::filesystem::file_size(png) > 50000);  // a rendered page, not a blank one
  REQUIRE(std::system(
              (chromium + "--dump-dom file://" + html + " >" + dom + " 2>/dev/null").c_str()) == 0);
  const std::string rendered = Slurp(dom);
  CHECK(rendered.find("LICENSE_REQUIRED") != std::string::npos);
  CHECK(rendered.find("Chains to listed parties") != std::string::npos);
  CHECK(rendered.find("CAD-2015-03") != std::string::npos);
  MESSAGE("screenshot: " << png);
}

TEST_CASE("--as-of judges every line on one day") {
  const std::string db = DemoDb("audit-asof.db");
  const std::string out = Scratch("audit-asof.jsonl");
  CHECK(RunCli("audit " + SourcePath("fixtures/ledger/demo_ledger.csv") +
                   " --as-of 2015-01-01 --out " + out,
               db)
            .exit_code == 1);
  auto results = ByShipment(Slurp(out));
  // On 2015-01-01 NUDT was not yet listed: none of the Cadence lines is flagged for it.
  for (const char* id : {"CAD-2015-03", "CAD-2020-09"}) CHECK(results[id]["verdict"] == "CLEAR");
}

TEST_CASE("malformed lines are reported with line and field and skipped; --strict stops") {
  const std::string db = DemoDb("audit-bad.db");
  const std::string ledger = Scratch("bad_ledger.csv");
  {
    std::ofstream f(ledger);
    f << "shipment_id,ship_date,item,destination_country,consignee,consignee_country\n"
         "A-1,2024-01-10,NVIDIA L4,JP,Tokyo Render Farm KK,JP\n"
         "A-2,2024-13-10,NVIDIA L4,JP,Tokyo Render Farm KK,JP\n"
         "A-3,2024-01-12,NVIDIA L4,Narnia,Tokyo Render Farm KK,JP\n"
         "A-4,2024-01-13,NVIDIA L4,JP,Central South CAD Center,CN\n"
         // "Müller GmbH" saved as Latin-1: 0xFC is not UTF-8.
         "A-5,2024-01-14,NVIDIA L4,DE,M\xFCller GmbH,DE\n";
  }
  const std::string out = Scratch("bad.jsonl");
  Ran r = RunCli("audit " + ledger + " --out " + out, db);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("bad_ledger.csv:3: field 'ship_date': '2024-13-10' is not a YYYY-MM-DD date") !=
        std::string::npos);
  CHECK(r.out.find("bad_ledger.csv:4: field 'destination_country'") != std::string::npos);
  CHECK(r.out.find("bad_ledger.csv:6: field 'consignee': not valid UTF-8 at byte 2") !=
        std::string::npos);
  auto results = ByShipment(Slurp(out));
  CHECK(results.size() == 2);  // judged
  CHECK(results["A-4"]["verdict"] == "LICENSE_REQUIRED");

  Ran strict = RunCli("audit " + ledger + " --strict --out " + Scratch("strict.jsonl"), db);
  CHECK(strict.exit_code == 2);
  CHECK(strict.out.find("--strict: nothing was judged") != std::string::npos);

  Ran missing = RunCli("audit " + SourcePath("fixtures/graph/cadence/links.csv"), db);
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("field 'shipment_id': the header has no such column") !=
        std::string::npos);
}

TEST_CASE("an audit without any list refuses to clear everyone") {
  const std::string db = Scratch("audit-nolists.db");
  Ran r = RunCli("audit " + SourcePath("fixtures/ledger/demo_ledger.csv"), db);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("no lists imported yet") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint::testing
