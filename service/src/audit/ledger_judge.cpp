// JudgeLedger: two passes over a mapped ledger, judged chunk by chunk with ParallelFor.
#include "chokepoint/service/ledger_judge.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <set>

#include "chokepoint/json.h"
#include "chokepoint/parallel.h"

namespace chokepoint::service {

using data::LedgerIssue;
using data::LedgerReader;

namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Result<LedgerAuditSummary> JudgeLedger(LedgerReader& ledger, LedgerAuditInputs inputs,
                                       const LedgerAuditOptions& options,
                                       const LedgerResultSink& sink, const LedgerIssueSink& issues,
                                       const LedgerProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = ThreadCount(static_cast<unsigned>(std::max(0, options.threads)));
  LedgerAuditSummary summary;

  // Pass 1: parties and shipping chains. Issues are reported here, once.
  AuditNetworkBuilder builder;
  Shipment shipment;
  std::optional<LedgerIssue> issue;
  ledger.Rewind();
  while (ledger.Next(&shipment, &issue)) {
    ++summary.lines;
    if (issue) {
      ++summary.malformed;
      if (options.strict) {
        return Status::InvalidArgument(issue->ToString(ledger.path()) +
                                       " (--strict: nothing was judged)");
      }
      if (issues) issues(*issue);
      continue;
    }
    builder.AddShipment(shipment);
  }
  summary.distinct_parties = builder.distinct_parties();
  summary.parties = builder.Parties();
  auto built = builder.Build(std::move(inputs.network), *inputs.index, options.audit,
                             static_cast<int>(threads));
  if (!built.ok()) return built.status();
  summary.graph_parties = built->graph->party_count();
  summary.graph_links = built->graph->link_count();
  summary.ledger_links = built->ledger_links;

  ShipmentAuditor::Setup setup;
  setup.rules = inputs.rules;
  setup.index = inputs.index;
  setup.graph = built->graph;
  setup.profiles = std::move(built->profiles);
  setup.resolve_item = std::move(inputs.resolve_item);
  setup.options = options.audit;
  const ShipmentAuditor auditor(std::move(setup));
  summary.prepare_seconds = Since(start);

  // Pass 2: judge. Chunks keep memory flat and order deterministic: results are handed to the
  // sink in ledger order, one chunk after another. The sink (files, the store) runs on a writer
  // thread (std::async) for chunk N while chunk N + 1 is read and judged, so writing does not idle
  // the judging threads; the calling thread waits for chunk N's writer before handing over N + 1.
  struct Chunk {
    std::vector<Shipment> shipments;
    std::vector<Result<ShipmentResult>> results;
    std::vector<std::string> json;
  };
  const auto judge_start = std::chrono::steady_clock::now();
  ledger.Rewind();
  Chunk judging, writing;
  std::future<Status> written;
  auto write = [&](size_t position) -> Status {
    for (size_t i = 0; i < writing.shipments.size(); ++i) {
      const ShipmentResult& r = *writing.results[i];
      ++summary.judged;
      ++summary.by_verdict[static_cast<size_t>(r.verdict)];
      std::set<std::string> rules;
      for (const AuditFinding& f : r.findings) rules.insert(f.rule.empty() ? f.code : f.rule);
      for (const std::string& rule : rules) ++summary.by_rule[rule];
      if (Status s = sink(r, writing.json[i]); !s.ok()) return s;
    }
    if (progress) progress(position, ledger.size_bytes());
    return Status::OK();
  };
  auto wait_for_writer = [&]() -> Status { return written.valid() ? written.get() : Status::OK(); };
  bool more = true;
  while (more) {
    judging.shipments.clear();
    while (judging.shipments.size() < options.chunk_lines) {
      if (!ledger.Next(&shipment, &issue)) {
        more = false;
        break;
      }
      if (!issue) judging.shipments.push_back(std::move(shipment));
    }
    if (judging.shipments.empty()) break;
    const size_t n = judging.shipments.size();
    judging.results.assign(n, Status::Internal("not judged"));
    judging.json.assign(n, std::string());
    // Small chunks stay on the calling thread: a helper starts per 64 lines at most.
    ParallelFor(
        n, threads,
        [&](size_t i) {
          judging.results[i] = auditor.Check(judging.shipments[i], options.as_of);
          if (judging.results[i].ok()) judging.json[i] = ShipmentResultToJson(*judging.results[i]);
        },
        /*min_per_thread=*/64);
    if (Status s = wait_for_writer(); !s.ok()) return s;
    for (size_t i = 0; i < n; ++i) {
      if (!judging.results[i].ok()) {
        return judging.results[i].status().WithContext(ledger.path() + ":" +
                                                       std::to_string(judging.shipments[i].line));
      }
    }
    std::swap(judging, writing);
    written = std::async(std::launch::async, write, ledger.position());
  }
  if (Status s = wait_for_writer(); !s.ok()) return s;
  summary.judge_seconds = Since(judge_start);
  return summary;
}

}  // namespace chokepoint::service
