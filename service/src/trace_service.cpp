#include "chokepoint/service/trace_service.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace chokepoint::service {

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
