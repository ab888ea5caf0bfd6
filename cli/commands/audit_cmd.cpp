// chokepoint audit LEDGER.csv: every shipment judged as of its ship date (docs/interfaces "Ledger
// audit"). Results go to JSON lines, CSV, an HTML report and the database; the summary to stdout.
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chokepoint/batch.h"
#include "chokepoint/data/catalog.h"
#include "chokepoint/data/ledger_audit.h"
#include "chokepoint/data/party_csv.h"
#include "chokepoint/screen_store.h"
#include "cli/cli.h"
#include "cli/commands/audit_report.h"
#include "cli/progress.h"

namespace chokepoint::cli {

namespace {

using Json = nlohmann::ordered_json;

struct AuditFlags {
  std::string ledger, as_of = "ship-date", out, csv, report;
  std::vector<std::string> graph;
  int threads = 0;
  bool json = false;
  bool strict = false;
};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string CsvLine(const ShipmentResult& r) {
  std::string codes, rules, first_detail;
  for (const AuditFinding& f : r.findings) {
    if (codes.find(f.code) == std::string::npos) codes += (codes.empty() ? "" : ";") + f.code;
    if (!f.rule.empty() && rules.find(f.rule) == std::string::npos) {
      rules += (rules.empty() ? "" : ";") + f.rule;
    }
  }
  if (!r.findings.empty()) first_detail = r.findings.front().detail;
  return CsvField(r.shipment_id) + "," + r.ship_date.ToString() + "," + VerdictName(r.verdict) +
         "," + CsvField(r.eccn) + "," +
         (r.license_required ? (*r.license_required ? "true" : "false") : "") + "," +
         std::to_string(r.findings.size()) + "," + CsvField(codes) + "," + CsvField(rules) + "," +
         CsvField(first_detail) + "," + std::to_string(r.line) + "\n";
}

Result<PartyNetwork> LoadNetwork(Store& store, const AuditFlags& f) {
  PartyNetwork network;
  if (!f.graph.empty()) {
    // The files stand for the network of this run: merging them into the stored one could count
    // an ownership link twice.
    auto report = data::ImportPartyCsvFiles(f.graph[0], f.graph[1], &network);
    if (!report.ok()) return report.status();
    return network;
  }
  if (Status s = store.LoadPartyNetwork(&network); !s.ok()) return s;
  return network;
}

void PrintHuman(const data::LedgerAuditSummary& s, const std::string& ledger) {
  std::printf("%s: %lld lines, %lld judged, %lld malformed\n", ledger.c_str(),
              static_cast<long long>(s.lines), static_cast<long long>(s.judged),
              static_cast<long long>(s.malformed));
  for (Verdict v :
       {Verdict::kProhibited, Verdict::kLicenseRequired, Verdict::kReview, Verdict::kClear}) {
    std::printf("  %-17s %lld\n", VerdictName(v),
                static_cast<long long>(s.by_verdict[static_cast<size_t>(v)]));
  }
  if (!s.by_rule.empty()) std::printf("lines by rule\n");
  for (const auto& [rule, n] : s.by_rule) {
    std::printf("  %-40s %lld\n", rule.c_str(), static_cast<long long>(n));
  }
}

Json SummaryJson(const data::LedgerAuditSummary& s, const AuditFlags& f, int64_t audit_id,
                 const std::string& rules_version, const Json& snapshots) {
  Json verdicts;
  for (Verdict v :
       {Verdict::kClear, Verdict::kReview, Verdict::kLicenseRequired, Verdict::kProhibited}) {
    verdicts[VerdictName(v)] = s.by_verdict[static_cast<size_t>(v)];
  }
  Json by_rule = Json::object();
  for (const auto& [rule, n] : s.by_rule) by_rule[rule] = n;
  return {{"ledger", f.ledger},
          {"audit_id", audit_id},
          {"as_of", f.as_of},
          {"lines", s.lines},
          {"judged", s.judged},
          {"malformed", s.malformed},
          {"verdicts", std::move(verdicts)},
          {"by_rule", std::move(by_rule)},
          {"rules_version", rules_version},
          {"snapshots", snapshots}};
}

int RunAudit(const Context& ctx, const AuditFlags& f) {
  data::LedgerAuditOptions options;
  options.strict = f.strict;
  options.threads = f.threads;
  if (f.as_of != "ship-date") {
    auto d = Date::Parse(f.as_of);
    if (!d.ok()) return Fail(d.status().WithContext("--as-of (ship-date or YYYY-MM-DD)"));
    options.as_of = *d;
  }
  if (!f.graph.empty() && f.graph.size() != 2) {
    return Fail(Status::InvalidArgument("--graph takes two files: parties.csv links.csv"));
  }
  auto ledger = data::LedgerReader::Open(f.ledger);
  if (!ledger.ok()) return Fail(ledger.status());
  auto rules = ctx.LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto catalog = data::Catalog::Load(service::DefaultCatalogPath());
  if (!catalog.ok()) return Fail(catalog.status());
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto loaded = LoadActiveIndex(**store);
  if (!loaded.ok()) return Fail(loaded.status());
  if (loaded->snapshots.empty()) {
    return Fail(Status::InvalidArgument(
        "no lists imported yet: an audit without restricted-party lists would clear every party; "
        "run `chokepoint lists import FILE...` first"));
  }
  auto network = LoadNetwork(**store, f);
  if (!network.ok()) return Fail(network.status());

  Json snapshots = Json::array();
  for (const auto& s : loaded->snapshots) snapshots.push_back(s.id);
  LedgerAuditRun run;
  run.ledger = f.ledger;
  run.ledger_sha256 = (*ledger)->Sha256();
  run.rules_version = (*rules)->fingerprint();
  run.snapshots_json = snapshots.dump();
  run.as_of = f.as_of;
  auto audit_id = (*store)->BeginLedgerAudit(run);
  if (!audit_id.ok()) return Fail(audit_id.status());

  std::ofstream out, csv;
  if (!f.out.empty()) {
    out.open(f.out, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(Status::IOError("cannot write " + f.out));
  }
  if (!f.csv.empty()) {
    csv.open(f.csv, std::ios::binary | std::ios::trunc);
    if (!csv) return Fail(Status::IOError("cannot write " + f.csv));
    csv << "shipment_id,ship_date,verdict,eccn,license_required,findings,codes,rules,detail,line\n";
  }
  AuditReport report;
  std::vector<LedgerResultRow> batch;
  Store& db = **store;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::OK();
    Status s = db.AddLedgerResults(*audit_id, batch);
    batch.clear();
    return s;
  };
  auto sink = [&](const ShipmentResult& r, const std::string& json) -> Status {
    if (out.is_open()) out << json << '\n';
    if (csv.is_open()) csv << CsvLine(r);
    if (!f.report.empty()) report.Add(r);
    batch.push_back({r.line, r.shipment_id, VerdictName(r.verdict), json});
    if (batch.size() >= 4096) return flush();
    return Status::OK();
  };
  std::vector<std::string> issue_lines;
  auto issues = [&](const data::LedgerIssue& issue) {
    spdlog::error("{}", issue.ToString(f.ledger));
    if (issue_lines.size() < 100) issue_lines.push_back(issue.ToString(f.ledger));
  };
  ProgressBar bar("auditing", "MB");
  auto progress = [&](size_t done, size_t total) {
    bar.Update(static_cast<int64_t>(done >> 20), static_cast<int64_t>(total >> 20));
  };

  data::LedgerAuditInputs inputs;
  inputs.rules = *rules;
  inputs.index = loaded->index;
  inputs.network = std::move(network).value();
  inputs.resolve_item =
      data::MakeItemResolver(std::make_shared<const data::Catalog>(std::move(catalog).value()),
                             std::filesystem::path(f.ledger).parent_path().string());
  auto summary = data::RunLedgerAudit(**ledger, std::move(inputs), options, sink, issues, progress);
  bar.Finish();
  if (!summary.ok()) return Fail(summary.status());
  if (Status s = flush(); !s.ok()) return Fail(s);
  if (out.is_open() && !out.flush()) return Fail(Status::IOError("writing " + f.out));
  if (csv.is_open() && !csv.flush()) return Fail(Status::IOError("writing " + f.csv));

  Json doc = SummaryJson(*summary, f, *audit_id, run.rules_version, snapshots);
  doc["issues"] = issue_lines;
  if (Status s = db.FinishLedgerAudit(*audit_id, doc.dump()); !s.ok()) return Fail(s);
  if (!f.report.empty()) {
    if (Status s = report.Write(f.report, doc); !s.ok()) return Fail(s);
  }
  // Every party an audit has seen joins the register the nightly batch re-screens.
  std::vector<PartyRecord> register_parties;
  register_parties.reserve(summary->parties.size());
  for (const auto& [key, party] : summary->parties) {
    register_parties.push_back({"ledger:" + key, party.name, party.country, "", ""});
  }
  if (!register_parties.empty()) {
    auto registered =
        RegisterParties(db, std::move(register_parties), "audit", "cli",
                        Json({{"ledger", f.ledger}, {"audit_id", *audit_id}}).dump());
    if (!registered.ok()) return Fail(registered.status().WithContext("registering parties"));
  }
  Json audit = doc;
  audit["ledger_sha256"] = run.ledger_sha256;
  if (Status s = RecordAudit(ctx, "audit", audit.dump()); !s.ok()) return Fail(s);
  spdlog::info(
      "prepared in {:.2f} s ({} distinct parties, graph {} parties / {} links), judged "
      "{} lines in {:.2f} s",
      summary->prepare_seconds, summary->distinct_parties, summary->graph_parties,
      summary->graph_links, summary->judged, summary->judge_seconds);
  if (f.json) {
    std::cout << doc.dump() << "\n";
  } else {
    PrintHuman(*summary, f.ledger);
  }
  if (summary->malformed > 0) return kExitUsage;
  const bool findings = summary->judged > summary->by_verdict[static_cast<size_t>(Verdict::kClear)];
  return findings ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterAudit(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<AuditFlags>();
  CLI::App* cmd =
      app.add_subcommand("audit",
                         "Judge every shipment of a ledger as of its ship date: CLEAR, REVIEW, "
                         "LICENSE_REQUIRED or PROHIBITED, with reasons");
  cmd->add_option("ledger", f->ledger,
                  "ledger CSV: shipment_id,ship_date,exporter,exporter_country,item,quantity,"
                  "unit_value_usd,destination_country,buyer,buyer_country,consignee,"
                  "consignee_country,end_user,end_user_country,intermediaries,end_use")
      ->required();
  cmd->add_option("--as-of", f->as_of,
                  "ship-date (default: each line on its own date) or YYYY-MM-DD for every line");
  cmd->add_option("--graph", f->graph,
                  "parties.csv links.csv: the party network for this run (default: the stored "
                  "one, from `graph import`)")
      ->expected(2);
  cmd->add_option("--out", f->out, "results as JSON lines, one per judged ledger line");
  cmd->add_option("--csv", f->csv, "results as CSV");
  cmd->add_option("--report", f->report, "a self-contained HTML report");
  cmd->add_option("--threads", f->threads, "worker threads (default: one per core)");
  cmd->add_flag("--json", f->json, "the summary as one JSON document");
  cmd->add_flag("--strict", f->strict, "stop before judging when any line is malformed");
  cmd->callback([&ctx, f] { ctx.exit_code = RunAudit(ctx, *f); });
}

}  // namespace chokepoint::cli
