// Judging a whole ledger: the ledger read twice (its parties and shipments first, to build the
// network the shipments themselves extend; then every line judged), lines judged in parallel and
// handed to the sink in ledger order, malformed lines reported and skipped (or, with `strict`,
// refused before anything is judged). The `chokepoint audit` use case (ledger_audit.h) runs it
// with its outputs as the sink.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chokepoint/data/ledger_csv.h"
#include "chokepoint/shipment_audit.h"

namespace chokepoint::service {

struct LedgerAuditOptions {
  std::optional<Date> as_of;  // nullopt: each line on its own ship date
  bool strict = false;        // a malformed line stops the run before any line is judged
  int threads = 0;            // 0: one per core
  size_t chunk_lines = 2048;  // lines judged together; results are handed over per chunk
  AuditOptions audit;
};

struct LedgerAuditSummary {
  int64_t lines = 0;  // data rows read
  int64_t judged = 0;
  int64_t malformed = 0;                   // reported through the issue sink
  std::array<int64_t, 4> by_verdict{};     // indexed by Verdict
  std::map<std::string, int64_t> by_rule;  // lines with a finding under the rule (or code)
  size_t distinct_parties = 0;
  // Those parties (key, as first spelt), for the party register the nightly batch re-screens.
  std::vector<std::pair<std::string, ShipmentParty>> parties;
  size_t graph_parties = 0;
  size_t graph_links = 0;
  size_t ledger_links = 0;
  double prepare_seconds = 0;  // first pass, network, screening of each distinct party
  double judge_seconds = 0;
};

struct LedgerAuditInputs {
  std::shared_ptr<const RulePack> rules;
  std::shared_ptr<const ScreeningIndex> index;
  PartyNetwork network;  // the known party network; the ledger's shipments are added to it
  ItemResolver resolve_item;
};

// Called once per judged line, in ledger order. Not from the calling thread: each chunk's results
// are handed over on a writer thread (std::async) while the calling thread judges the next chunk,
// so the sink never runs concurrently with itself, but does run concurrently with the judging of
// the next chunk; it must not share unguarded state with the auditor's inputs.
using LedgerResultSink =
    std::function<Status(const ShipmentResult& result, const std::string& json)>;
// Called on the calling thread, during the first pass.
using LedgerIssueSink = std::function<void(const data::LedgerIssue& issue)>;
// Bytes of the ledger judged so far and in all, after each chunk has gone to the sink (on the
// sink's writer thread, one call at a time).
using LedgerProgress = std::function<void(size_t done_bytes, size_t total_bytes)>;

// Errors: a strict run with a malformed line (InvalidArgument naming it), the graph failing to
// build, or the first non-OK status the sink returns (the run stops there).
Result<LedgerAuditSummary> JudgeLedger(data::LedgerReader& ledger, LedgerAuditInputs inputs,
                                       const LedgerAuditOptions& options,
                                       const LedgerResultSink& sink, const LedgerIssueSink& issues,
                                       const LedgerProgress& progress = {});

}  // namespace chokepoint::service
