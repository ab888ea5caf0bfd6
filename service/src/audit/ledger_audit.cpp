// RunLedgerAudit: the inputs loaded, the run begun in the store, the ledger judged with its
// results going to the outputs and the store, then the run finished, the report written, the
// parties registered and the audit record appended.
#include "chokepoint/service/ledger_audit.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "audit/audit_report.h"
#include "chokepoint/data/catalog.h"
#include "chokepoint/data/party_csv.h"
#include "chokepoint/service/defaults.h"
#include "chokepoint/service/party_register.h"
#include "chokepoint/service/screen_service.h"

namespace chokepoint::service {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kFlushRows = 4096;  // results stored per transaction
constexpr size_t kMaxIssues = 100;   // malformed lines kept in the summary document

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

constexpr const char* kCsvHeader =
    "shipment_id,ship_date,verdict,eccn,license_required,findings,codes,rules,detail,line\n";

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

// The screening index; with no list imported, the audit's own message (it says why it refuses).
Result<LoadedIndex> LoadAuditIndex(Store& store) {
  auto loaded = LoadScreeningIndex(store);
  if (!loaded.ok() && loaded.status().IsInvalidArgument() &&
      loaded.status().message().rfind("no lists imported yet", 0) == 0) {
    return Status::InvalidArgument(
        "no lists imported yet: an audit without restricted-party lists would clear every party; "
        "run `chokepoint lists import FILE...` first");
  }
  return loaded;
}

Result<PartyNetwork> LoadNetwork(Store& store, const std::vector<std::string>& graph) {
  PartyNetwork network;
  if (!graph.empty()) {
    // The files stand for the network of this run: merging them into the stored one could count
    // an ownership link twice.
    auto report = data::ImportPartyCsvFiles(graph[0], graph[1], &network);
    if (!report.ok()) return report.status();
    return network;
  }
  if (Status s = store.LoadPartyNetwork(&network); !s.ok()) return s;
  return network;
}

Json SummaryDocument(const LedgerAuditSummary& s, const LedgerAuditRequest& request,
                     int64_t audit_id, const std::string& rules_version, const Json& snapshots) {
  Json verdicts;
  for (Verdict v :
       {Verdict::kClear, Verdict::kReview, Verdict::kLicenseRequired, Verdict::kProhibited}) {
    verdicts[VerdictName(v)] = s.by_verdict[static_cast<size_t>(v)];
  }
  Json by_rule = Json::object();
  for (const auto& [rule, n] : s.by_rule) by_rule[rule] = n;
  return {{"ledger", request.ledger},
          {"audit_id", audit_id},
          {"as_of", request.as_of},
          {"lines", s.lines},
          {"judged", s.judged},
          {"malformed", s.malformed},
          {"verdicts", std::move(verdicts)},
          {"by_rule", std::move(by_rule)},
          {"rules_version", rules_version},
          {"snapshots", snapshots}};
}

// Where the judged lines go: the JSON lines and CSV files, the report, the store in batches.
class ResultOutputs {
 public:
  ResultOutputs(Store& store, int64_t audit_id, const LedgerAuditRequest& request)
      : store_(store), audit_id_(audit_id), request_(request) {}

  Status Open() {
    if (!request_.out.empty()) {
      out_.open(request_.out, std::ios::binary | std::ios::trunc);
      if (!out_) return Status::IOError("cannot write " + request_.out);
    }
    if (!request_.csv.empty()) {
      csv_.open(request_.csv, std::ios::binary | std::ios::trunc);
      if (!csv_) return Status::IOError("cannot write " + request_.csv);
      csv_ << kCsvHeader;
    }
    return Status::OK();
  }

  Status Add(const ShipmentResult& r, const std::string& json) {
    if (out_.is_open()) out_ << json << '\n';
    if (csv_.is_open()) csv_ << CsvLine(r);
    if (!request_.report.empty()) report_.Add(r);
    batch_.push_back({r.line, r.shipment_id, VerdictName(r.verdict), json});
    if (batch_.size() >= kFlushRows) return Flush();
    return Status::OK();
  }

  // The rest of the results into the store, the files flushed.
  Status Finish() {
    if (Status s = Flush(); !s.ok()) return s;
    if (out_.is_open() && !out_.flush()) return Status::IOError("writing " + request_.out);
    if (csv_.is_open() && !csv_.flush()) return Status::IOError("writing " + request_.csv);
    return Status::OK();
  }

  Status WriteReport(const Json& summary) const {
    if (request_.report.empty()) return Status::OK();
    return report_.Write(request_.report, summary);
  }

 private:
  Status Flush() {
    if (batch_.empty()) return Status::OK();
    Status s = store_.AddLedgerResults(audit_id_, batch_);
    batch_.clear();
    return s;
  }

  Store& store_;
  const int64_t audit_id_;
  const LedgerAuditRequest& request_;
  std::ofstream out_, csv_;
  AuditReport report_;
  std::vector<LedgerResultRow> batch_;
};

// Every party an audit has seen joins the register the nightly batch re-screens.
Status RegisterLedgerParties(Store& store, const LedgerAuditSummary& summary,
                             const LedgerAuditRequest& request, int64_t audit_id) {
  std::vector<PartyRecord> parties;
  parties.reserve(summary.parties.size());
  for (const auto& [key, party] : summary.parties) {
    parties.push_back(LedgerPartyRecord(key, party));
  }
  if (parties.empty()) return Status::OK();
  auto registered =
      RegisterParties(store, std::move(parties), "audit", request.actor,
                      Json({{"ledger", request.ledger}, {"audit_id", audit_id}}).dump());
  if (!registered.ok()) return registered.status().WithContext("registering parties");
  return Status::OK();
}

}  // namespace

Result<LedgerAuditOutcome> RunLedgerAudit(Store& store, std::shared_ptr<const RulePack> rules,
                                          const LedgerAuditRequest& request,
                                          const LedgerProgress& progress) {
  LedgerAuditOptions options;
  options.strict = request.strict;
  options.threads = request.threads;
  if (request.as_of != "ship-date") {
    auto d = Date::Parse(request.as_of);
    if (!d.ok()) return d.status().WithContext("--as-of (ship-date or YYYY-MM-DD)");
    options.as_of = *d;
  }
  if (!request.graph.empty() && request.graph.size() != 2) {
    return Status::InvalidArgument("--graph takes two files: parties.csv links.csv");
  }
  auto ledger = data::LedgerReader::Open(request.ledger);
  if (!ledger.ok()) return ledger.status();
  auto catalog = data::Catalog::Load(DefaultCatalogPath());
  if (!catalog.ok()) return catalog.status();
  auto loaded = LoadAuditIndex(store);
  if (!loaded.ok()) return loaded.status();
  auto network = LoadNetwork(store, request.graph);
  if (!network.ok()) return network.status();

  const Json snapshots = SnapshotIds(loaded->snapshots);
  LedgerAuditRun run;
  run.ledger = request.ledger;
  run.ledger_sha256 = (*ledger)->Sha256();
  run.rules_version = rules->fingerprint();
  run.snapshots_json = snapshots.dump();
  run.as_of = request.as_of;
  auto audit_id = store.BeginLedgerAudit(run);
  if (!audit_id.ok()) return audit_id.status();

  ResultOutputs outputs(store, *audit_id, request);
  if (Status s = outputs.Open(); !s.ok()) return s;
  std::vector<std::string> issue_lines;
  auto issues = [&](const data::LedgerIssue& issue) {
    spdlog::error("{}", issue.ToString(request.ledger));
    if (issue_lines.size() < kMaxIssues) issue_lines.push_back(issue.ToString(request.ledger));
  };
  LedgerAuditInputs inputs;
  inputs.rules = std::move(rules);
  inputs.index = loaded->index;
  inputs.network = std::move(network).value();
  inputs.resolve_item =
      data::MakeItemResolver(std::make_shared<const data::Catalog>(std::move(catalog).value()),
                             std::filesystem::path(request.ledger).parent_path().string());
  auto summary = JudgeLedger(
      **ledger, std::move(inputs), options,
      [&](const ShipmentResult& r, const std::string& json) { return outputs.Add(r, json); },
      issues, progress);
  if (!summary.ok()) return summary.status();
  if (Status s = outputs.Finish(); !s.ok()) return s;

  LedgerAuditOutcome outcome;
  outcome.audit_id = *audit_id;
  outcome.document = SummaryDocument(*summary, request, *audit_id, run.rules_version, snapshots);
  outcome.document["issues"] = issue_lines;
  if (Status s = store.FinishLedgerAudit(*audit_id, outcome.document.dump()); !s.ok()) return s;
  if (Status s = outputs.WriteReport(outcome.document); !s.ok()) return s;
  if (Status s = RegisterLedgerParties(store, *summary, request, *audit_id); !s.ok()) return s;
  Json audit = outcome.document;
  audit["ledger_sha256"] = run.ledger_sha256;
  // A verdict that cannot be recorded must not be relied on: a failure here is an I/O failure.
  if (auto seq = store.AppendAudit("audit", request.actor, audit.dump()); !seq.ok()) {
    return Status::IOError(seq.status().message());
  }
  spdlog::info(
      "prepared in {:.2f} s ({} distinct parties, graph {} parties / {} links), judged "
      "{} lines in {:.2f} s",
      summary->prepare_seconds, summary->distinct_parties, summary->graph_parties,
      summary->graph_links, summary->judged, summary->judge_seconds);
  outcome.summary = std::move(summary).value();
  return outcome;
}

}  // namespace chokepoint::service
