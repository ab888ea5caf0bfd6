// RunLedgerAudit: two passes over a mapped ledger, judged chunk by chunk on a small thread pool.
#include "chokepoint/data/ledger_audit.h"

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

namespace chokepoint::data {

namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Result<LedgerAuditSummary> RunLedgerAudit(LedgerReader& ledger, LedgerAuditInputs inputs,
                                          const LedgerAuditOptions& options,
                                          const LedgerResultSink& sink,
                                          const LedgerIssueSink& issues,
                                          const LedgerProgress& progress) {
  const auto start = std::chrono::steady_clock::now();
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
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
  auto built = builder.Build(std::move(inputs.network), *inputs.index, options.audit, threads);
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

  // Pass 2: judge. Chunks keep memory flat and order deterministic: results of a chunk are
  // written in ledger order before the next chunk is read.
  const auto judge_start = std::chrono::steady_clock::now();
  ledger.Rewind();
  std::vector<Shipment> chunk;
  std::vector<Result<ShipmentResult>> results;
  std::vector<std::string> json;
  bool more = true;
  while (more) {
    chunk.clear();
    while (chunk.size() < options.chunk_lines) {
      if (!ledger.Next(&shipment, &issue)) {
        more = false;
        break;
      }
      if (!issue) chunk.push_back(std::move(shipment));
    }
    if (chunk.empty()) break;
    results.assign(chunk.size(), Status::Internal("not judged"));
    json.assign(chunk.size(), std::string());
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t i = next++; i < chunk.size(); i = next++) {
        results[i] = auditor.Check(chunk[i], options.as_of);
        if (results[i].ok()) json[i] = ShipmentResultToJson(*results[i]);
      }
    };
    std::vector<std::thread> pool;
    const size_t helpers = std::min<size_t>(static_cast<size_t>(threads) - 1, chunk.size() / 64);
    for (size_t t = 0; t < helpers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (size_t i = 0; i < chunk.size(); ++i) {
      if (!results[i].ok())
        return results[i].status().WithContext(ledger.path() + ":" + std::to_string(chunk[i].line));
      const ShipmentResult& r = *results[i];
      ++summary.judged;
      ++summary.by_verdict[static_cast<size_t>(r.verdict)];
      std::set<std::string> rules;
      for (const AuditFinding& f : r.findings) rules.insert(f.rule.empty() ? f.code : f.rule);
      for (const std::string& rule : rules) ++summary.by_rule[rule];
      if (Status s = sink(r, json[i]); !s.ok()) return s;
    }
    if (progress) progress(ledger.position(), ledger.size_bytes());
  }
  summary.judge_seconds = Since(judge_start);
  return summary;
}

}  // namespace chokepoint::data
