// The ledger audit use case (`chokepoint audit LEDGER.csv`, docs/interfaces "Ledger audit"): every
// shipment judged as of its ship date, the results written to JSON lines, CSV, an HTML report and
// the database, every party seen joined to the register, one "audit" record in the audit log. The
// front end parses its flags into a LedgerAuditRequest and prints the outcome.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chokepoint/rules.h"
#include "chokepoint/service/ledger_judge.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

struct LedgerAuditRequest {
  std::string ledger;               // the ledger CSV
  std::string as_of = "ship-date";  // "ship-date" (each line on its own date) or YYYY-MM-DD
  std::vector<std::string> graph;   // empty (the stored network) or parties.csv, links.csv
  std::string out;                  // JSON lines, one per judged line; empty: not written
  std::string csv;                  // the results as CSV; empty: not written
  std::string report;               // the HTML report; empty: not written
  int threads = 0;                  // 0: one per core
  bool strict = false;              // a malformed line stops the run before anything is judged
  std::string actor = "cli";        // the audit record's actor and the register's
};

struct LedgerAuditOutcome {
  LedgerAuditSummary summary;
  int64_t audit_id = 0;
  // The summary document: what `audit --json` prints and the run's stored summary (ledger,
  // audit_id, as_of, lines, judged, malformed, verdicts, by_rule, rules_version, snapshots,
  // issues: the first 100 malformed lines).
  nlohmann::ordered_json document;
};

// Runs the whole audit against `store` (which keeps the run, its results, the register and the
// audit record) with `rules`; the catalog is DefaultCatalogPath(). `progress` (optional) is
// called on the judging's writer thread, see LedgerProgress. Malformed lines are logged as errors
// and counted (summary.malformed), not failures. Errors: InvalidArgument for a bad as_of, graph
// file count, ledger header, a strict run with a malformed line or no lists imported yet; IOError
// for an output that cannot be written or an audit record that cannot be appended; the store's
// and the judging's errors otherwise.
Result<LedgerAuditOutcome> RunLedgerAudit(Store& store, std::shared_ptr<const RulePack> rules,
                                          const LedgerAuditRequest& request,
                                          const LedgerProgress& progress = {});

}  // namespace chokepoint::service
