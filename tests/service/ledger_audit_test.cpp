// service::RunLedgerAudit on the demo ledger (the store scripts/demo.sh builds: the demo list and
// the demo networks): the summary counts, the stored run and audit record, and a second run that
// writes byte-identical JSON lines.
#include "chokepoint/service/ledger_audit.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "chokepoint/data/list_import.h"
#include "chokepoint/data/party_csv.h"
#include "chokepoint/graph.h"
#include "testutil.h"

namespace chokepoint::testing {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string ScratchDir() {
  const fs::path dir = fs::temp_directory_path() / "chokepoint-service-ledger-audit";
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void ImportNetwork(Store& store, const std::string& parties, const std::string& links) {
  PartyNetwork network;
  auto report = data::ImportPartyCsvFiles(SourcePath(parties), SourcePath(links), &network);
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  CHECK_OK(store.UpsertPartyNetwork(network));
}

std::unique_ptr<Store> DemoStore(const std::string& db) {
  auto store = OpenSqliteStore(db);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  auto imported = data::ImportListFiles(**store, {SourcePath("fixtures/lists/csl/csl.csv")},
                                        data::ListFormat::kAuto, /*strict=*/false, "test");
  REQUIRE_MESSAGE(imported.ok(), imported.status().ToString());
  ImportNetwork(**store, "fixtures/graph/cadence/parties.csv", "fixtures/graph/cadence/links.csv");
  ImportNetwork(**store, "fixtures/ledger/network_parties.csv",
                "fixtures/ledger/network_links.csv");
  return std::move(store).value();
}

TEST_CASE("RunLedgerAudit: the demo ledger's counts, stored run and deterministic results") {
  const std::string dir = ScratchDir();
  auto store = DemoStore(dir + "/demo.db");
  auto rules = RulePack::Load(SourcePath("rules/ear"));
  REQUIRE_MESSAGE(rules.ok(), rules.status().ToString());

  service::LedgerAuditRequest request;
  request.ledger = SourcePath("fixtures/ledger/demo_ledger.csv");
  request.out = dir + "/first.jsonl";
  request.csv = dir + "/first.csv";
  request.report = dir + "/first.html";
  request.threads = 2;
  size_t progress_calls = 0;
  auto first =
      service::RunLedgerAudit(*store, *rules, request, [&](size_t, size_t) { ++progress_calls; });
  REQUIRE_MESSAGE(first.ok(), first.status().ToString());
  CHECK(progress_calls > 0);

  const service::LedgerAuditSummary& s = first->summary;
  CHECK(s.lines == 20);
  CHECK(s.judged == 20);
  CHECK(s.malformed == 0);
  CHECK(s.by_verdict[static_cast<size_t>(Verdict::kProhibited)] == 2);
  CHECK(s.by_verdict[static_cast<size_t>(Verdict::kLicenseRequired)] == 9);
  CHECK(s.by_verdict[static_cast<size_t>(Verdict::kReview)] == 2);
  CHECK(s.by_verdict[static_cast<size_t>(Verdict::kClear)] == 7);

  const auto& doc = first->document;
  CHECK(doc["ledger"] == request.ledger);
  CHECK(doc["audit_id"] == first->audit_id);
  CHECK(doc["as_of"] == "ship-date");
  CHECK(doc["lines"] == 20);
  CHECK(doc["verdicts"]["PROHIBITED"] == 2);
  CHECK(doc["verdicts"]["LICENSE_REQUIRED"] == 9);
  CHECK(doc["verdicts"]["REVIEW"] == 2);
  CHECK(doc["verdicts"]["CLEAR"] == 7);
  CHECK(doc["snapshots"] == nlohmann::ordered_json::array({1}));
  CHECK(doc["issues"].empty());

  // The outputs: one JSON line and one CSV row per judged line, a report.
  const std::string jsonl = Slurp(request.out);
  CHECK(std::count(jsonl.begin(), jsonl.end(), '\n') == 20);
  const std::string csv = Slurp(request.csv);
  CHECK(csv.rfind("shipment_id,ship_date,verdict,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 21);
  CHECK(Slurp(request.report).find("National University of Defense Technology") !=
        std::string::npos);

  // The stored run carries the summary document; the audit log one "audit" record with it.
  auto run = store->GetLedgerAudit(first->audit_id);
  REQUIRE(run.ok());
  REQUIRE(run->has_value());
  CHECK((*run)->summary_json == doc.dump());
  int64_t rows = 0;
  CHECK_OK(store->ForEachLedgerResult(first->audit_id, [&](const LedgerResultRow&) {
    ++rows;
    return Status::OK();
  }));
  CHECK(rows == 20);

  // The same inputs again: byte-identical results.
  request.out = dir + "/second.jsonl";
  request.csv.clear();
  request.report.clear();
  auto second = service::RunLedgerAudit(*store, *rules, request);
  REQUIRE_MESSAGE(second.ok(), second.status().ToString());
  CHECK(second->audit_id != first->audit_id);
  CHECK(Slurp(request.out) == jsonl);
}

TEST_CASE("RunLedgerAudit refuses to audit before any list is imported") {
  const std::string dir = ScratchDir();
  auto store = OpenSqliteStore(dir + "/empty.db");
  REQUIRE(store.ok());
  auto rules = RulePack::Load(SourcePath("rules/ear"));
  REQUIRE(rules.ok());
  service::LedgerAuditRequest request;
  request.ledger = SourcePath("fixtures/ledger/demo_ledger.csv");
  auto r = service::RunLedgerAudit(**store, *rules, request);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsInvalidArgument());
  CHECK(r.status().message() ==
        "no lists imported yet: an audit without restricted-party lists would clear every party; "
        "run `chokepoint lists import FILE...` first");

  request.as_of = "2024-13-01";
  CHECK(service::RunLedgerAudit(**store, *rules, request).status().IsInvalidArgument());
  request.as_of = "ship-date";
  request.graph = {"only-one.csv"};
  CHECK(service::RunLedgerAudit(**store, *rules, request).status().message() ==
        "--graph takes two files: parties.csv links.csv");
}

}  // namespace
}  // namespace chokepoint::testing
