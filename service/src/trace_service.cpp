#include "chokepoint/service/trace_service.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "chokepoint/json.h"

namespace chokepoint::service {

namespace {

Status Bad(std::string* bad_field, const char* field, Status status) {
  if (bad_field) *bad_field = field;
  return status;
}

}  // namespace

Result<TraceQuery> BuildTraceQuery(const TraceRequest& request, std::string* bad_field) {
  TraceQuery q;
  q.party = request.party;
  q.as_of = Date::Today();
  if (!request.as_of.empty()) {
    auto d = Date::Parse(request.as_of);
    if (!d.ok()) return Bad(bad_field, "as_of", d.status());
    q.as_of = *d;
  }
  if (request.max_hops) {
    if (*request.max_hops < 0 || *request.max_hops > 16) {
      return Bad(bad_field, "max_hops",
                 Status::InvalidArgument("max_hops must be between 0 and 16"));
    }
    q.options.max_hops = static_cast<int>(*request.max_hops);
  }
  if (request.link_threshold) {
    if (!(*request.link_threshold >= 0 && *request.link_threshold <= 1)) {
      return Bad(bad_field, "link_threshold",
                 Status::InvalidArgument("link_threshold must be between 0 and 1"));
    }
    q.link_options.name_threshold = *request.link_threshold;
  }
  return q;
}

Result<TraceOutcome> Trace(const LinkedGraph& linked, const TraceQuery& query, int indent,
                           std::string* bad_field) {
  auto id = linked.graph->ResolveParty(query.party);
  if (!id.ok()) return Bad(bad_field, "party", id.status());
  auto result = linked.graph->Trace(*id, query.as_of, *linked.pack, query.options);
  if (!result.ok()) return result.status();
  TraceOutcome out;
  out.party_id = std::move(id).value();
  out.document = TraceResultToJson(*result, indent);
  out.finding_count = result->findings.size();
  out.signal_count = result->signals.size();
  out.findings = out.finding_count > 0 || out.signal_count > 0;
  return out;
}

Result<TraceOutcome> Ownership(const LinkedGraph& linked, const TraceQuery& query, int indent,
                               std::string* bad_field) {
  auto id = linked.graph->ResolveParty(query.party);
  if (!id.ok()) return Bad(bad_field, "party", id.status());
  auto report = linked.graph->Ownership(*id, query.as_of, *linked.pack);
  if (!report.ok()) return report.status();
  TraceOutcome out;
  out.party_id = std::move(id).value();
  out.document = OwnershipReportToJson(*report, indent);
  out.finding_count = report->listed_owners.size();
  out.findings = out.finding_count > 0;
  return out;
}

Result<LinkedGraph> LoadLinkedGraph(Store& store, const ScreeningIndex& index,
                                    std::shared_ptr<const RulePack> pack,
                                    const ListLinkOptions& options) {
  auto loaded = LoadLinkedNetwork(store, index, options);
  if (!loaded.ok()) return loaded.status();
  if (!loaded->graph) {
    return Status::InvalidArgument(
        "no party network yet: run `chokepoint graph import parties.csv links.csv`");
  }
  const ListLinkReport& linked = loaded->report;
  LinkedGraph out;
  out.linked = static_cast<int>(linked.by_name + linked.by_identifier + linked.address_links);
  out.pack = std::move(pack);
  out.graph = std::move(loaded->graph);
  // Built here, at load, so the first request after an import does not wait for it.
  out.graph->PrepareTrace(TraceOptions{});
  spdlog::info("party graph: {} parties, {} links, {} list links", out.graph->party_count(),
               out.graph->link_count(), out.linked);
  return out;
}

std::string TraceAuditPayload(std::string_view command, std::string_view party_id, Date as_of,
                              const RulePack& pack, std::string_view document) {
  nlohmann::ordered_json audit = {{"command", command},
                                  {"party", party_id},
                                  {"as_of", as_of.ToString()},
                                  {"rules_version", pack.fingerprint()},
                                  {"result", nlohmann::ordered_json::parse(document)}};
  return audit.dump();
}

}  // namespace chokepoint::service
