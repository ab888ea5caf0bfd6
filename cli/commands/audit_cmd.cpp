// chokepoint audit LEDGER.csv: every shipment judged as of its ship date (docs/interfaces "Ledger
// audit"). The flags become a service::LedgerAuditRequest; service::RunLedgerAudit does the rest
// (outputs, database, register, audit record); the summary goes to stdout.
#include <cstdio>
#include <iostream>

#include "chokepoint/service/ledger_audit.h"
#include "cli/cli.h"
#include "cli/progress.h"

namespace chokepoint::cli {

namespace {

struct AuditFlags {
  service::LedgerAuditRequest request;
  bool json = false;
};

void PrintHuman(const service::LedgerAuditSummary& s, const std::string& ledger) {
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

int RunAudit(const Context& ctx, const AuditFlags& f) {
  auto rules = ctx.LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  ProgressBar bar("auditing", "MB");
  auto outcome =
      service::RunLedgerAudit(**store, *rules, f.request, [&](size_t done, size_t total) {
        bar.Update(static_cast<int64_t>(done >> 20), static_cast<int64_t>(total >> 20));
      });
  bar.Finish();
  if (!outcome.ok()) return Fail(outcome.status());
  const service::LedgerAuditSummary& s = outcome->summary;
  if (f.json) {
    std::cout << outcome->document.dump() << "\n";
  } else {
    PrintHuman(s, f.request.ledger);
  }
  if (s.malformed > 0) return kExitUsage;
  const bool findings = s.judged > s.by_verdict[static_cast<size_t>(Verdict::kClear)];
  return findings ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterAudit(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<AuditFlags>();
  service::LedgerAuditRequest& r = f->request;
  CLI::App* cmd =
      app.add_subcommand("audit",
                         "Judge every shipment of a ledger as of its ship date: CLEAR, REVIEW, "
                         "LICENSE_REQUIRED or PROHIBITED, with reasons");
  cmd->add_option("ledger", r.ledger,
                  "ledger CSV: shipment_id,ship_date,exporter,exporter_country,item,quantity,"
                  "unit_value_usd,destination_country,buyer,buyer_country,consignee,"
                  "consignee_country,end_user,end_user_country,intermediaries,end_use")
      ->required();
  cmd->add_option("--as-of", r.as_of,
                  "ship-date (default: each line on its own date) or YYYY-MM-DD for every line");
  cmd->add_option("--graph", r.graph,
                  "parties.csv links.csv: the party network for this run (default: the stored "
                  "one, from `graph import`)")
      ->expected(2);
  cmd->add_option("--out", r.out, "results as JSON lines, one per judged ledger line");
  cmd->add_option("--csv", r.csv, "results as CSV");
  cmd->add_option("--report", r.report, "a self-contained HTML report");
  cmd->add_option("--threads", r.threads, "worker threads (default: one per core)");
  cmd->add_flag("--json", f->json, "the summary as one JSON document");
  cmd->add_flag("--strict", r.strict, "stop before judging when any line is malformed");
  cmd->callback([&ctx, f] { ctx.exit_code = RunAudit(ctx, *f); });
}

}  // namespace chokepoint::cli
