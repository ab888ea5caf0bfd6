// chokepoint graph import | trace | ownership: the party network, stored in the database, traced
// to listed parties. Parties are linked to list entries by the screening engine at query time, so
// a new list snapshot is reflected without re-importing the network.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chokepoint/batch.h"
#include "chokepoint/data/party_csv.h"
#include "chokepoint/graph.h"
#include "chokepoint/json.h"
#include "chokepoint/list_links.h"
#include "chokepoint/screen_store.h"
#include "chokepoint/service/trace_service.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct GraphFlags {
  std::string parties_csv, links_csv;
  std::string party, as_of, dot_file, svg_file;
  int max_hops = 4;
  double link_threshold = -1;
  bool json = false;
};

Result<Date> AsOf(const std::string& text) {
  if (text.empty()) return Date::Today();
  auto d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext("--as-of");
  return *d;
}

int RunImport(const Context& ctx, const GraphFlags& f) {
  PartyNetwork network;
  auto report = data::ImportPartyCsvFiles(f.parties_csv, f.links_csv, &network);
  if (!report.ok()) return Fail(report.status());
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  if (Status s = (*store)->UpsertPartyNetwork(network); !s.ok()) return Fail(s);
  // The network's parties join the register the nightly batch re-screens.
  std::vector<PartyRecord> register_parties;
  for (size_t i = 0; i < network.party_count(); ++i) {
    const Party& p = network.PartyAt(i);
    register_parties.push_back({p.id, p.name, p.country, p.address,
                                p.kind == PartyKind::kPerson ? "individual" : "entity"});
  }
  if (!register_parties.empty()) {
    auto registered =
        RegisterParties(**store, std::move(register_parties), "graph-import", "cli",
                        nlohmann::ordered_json({{"parties_file", f.parties_csv}}).dump());
    if (!registered.ok()) return Fail(registered.status().WithContext("registering parties"));
  }
  nlohmann::ordered_json audit = {{"parties_file", f.parties_csv},
                                  {"links_file", f.links_csv},
                                  {"parties", report->parties},
                                  {"links", report->links}};
  if (auto seq = (*store)->AppendAudit("graph-import", "cli", audit.dump()); !seq.ok()) {
    return Fail(seq.status());
  }
  std::cout << "imported " << report->parties << " parties and " << report->links << " links\n";
  return kExitClear;
}

Result<service::LinkedGraph> LoadLinkedGraph(const Context& ctx, const GraphFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return store.status();
  auto index = LoadActiveIndex(**store);
  if (!index.ok()) return index.status();
  auto pack = ctx.LoadRules();
  if (!pack.ok()) return pack.status();
  ListLinkOptions options;
  if (f.link_threshold >= 0) options.name_threshold = f.link_threshold;
  return service::LoadLinkedGraph(**store, *index->index, *pack, options);
}

// Renders DOT to SVG with Graphviz's `dot`, when it is installed (Debian package graphviz).
Status RenderSvg(const std::string& dot_path, const std::string& svg_path) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    return Status::NotFound(
        "--svg needs Graphviz's `dot` (apt-get install graphviz); --dot "
        "writes the DOT file without it");
  }
  const std::string cmd = "dot -Tsvg -o '" + svg_path + "' '" + dot_path + "'";
  if (svg_path.find('\'') != std::string::npos || dot_path.find('\'') != std::string::npos) {
    return Status::InvalidArgument("--svg: file names may not contain a single quote");
  }
  if (std::system(cmd.c_str()) != 0) return Status::IOError("dot failed to render " + svg_path);
  spdlog::info("wrote {}", svg_path);
  return Status::OK();
}

int RunTrace(const Context& ctx, const GraphFlags& f, bool ownership_only) {
  auto as_of = AsOf(f.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  auto linked = LoadLinkedGraph(ctx, f);
  if (!linked.ok()) return Fail(linked.status());
  auto id = linked->graph->ResolveParty(f.party);
  if (!id.ok()) return Fail(id.status());
  std::string doc;
  bool findings = false;
  if (ownership_only) {
    auto report = linked->graph->Ownership(*id, *as_of, *linked->pack);
    if (!report.ok()) return Fail(report.status());
    doc = OwnershipReportToJson(*report, f.json ? -1 : 2);
    findings = !report->listed_owners.empty();
  } else {
    TraceOptions options;
    options.max_hops = f.max_hops;
    auto result = linked->graph->Trace(*id, *as_of, *linked->pack, options);
    if (!result.ok()) return Fail(result.status());
    doc = TraceResultToJson(*result, f.json ? -1 : 2);
    findings = !result->findings.empty() || !result->signals.empty();
    if (!f.dot_file.empty() || !f.svg_file.empty()) {
      auto dot = linked->graph->ToDot(*id, *as_of, f.max_hops);
      if (!dot.ok()) return Fail(dot.status());
      const std::string dot_path = f.dot_file.empty() ? f.svg_file + ".dot" : f.dot_file;
      if (!(std::ofstream(dot_path) << *dot))
        return Fail(Status::IOError("cannot write " + dot_path));
      spdlog::info("wrote {}", dot_path);
      if (!f.svg_file.empty()) {
        if (Status s = RenderSvg(dot_path, f.svg_file); !s.ok()) return Fail(s);
        if (f.dot_file.empty()) std::filesystem::remove(dot_path);
      }
    }
  }
  const char* command = ownership_only ? "ownership" : "trace";
  if (Status s = RecordAudit(ctx, command,
                             service::TraceAuditPayload(command, *id, *as_of, *linked->pack, doc));
      !s.ok()) {
    return Fail(s);
  }
  std::cout << doc << "\n";
  return findings ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterGraph(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<GraphFlags>();
  CLI::App* graph = app.add_subcommand("graph", "The party network: import parties and links");
  graph->require_subcommand(1);
  CLI::App* import =
      graph->add_subcommand("import", "Import parties.csv and links.csv (all or nothing)");
  import
      ->add_option("parties", flags->parties_csv,
                   "party_id,name,country,address,kind,incorporated,identifiers")
      ->required();
  import
      ->add_option("links", flags->links_csv,
                   "from_id,to_id,relation,share_pct,start_date,end_date,source")
      ->required();
  import->callback([&ctx, flags] { ctx.exit_code = RunImport(ctx, *flags);
});

for (bool ownership : {false, true}) {
  CLI::App* cmd = app.add_subcommand(
      ownership ? "ownership" : "trace",
      ownership
          ? "Effective ownership by listed parties, with the 50 % rules in force on the date"
          : "Listed parties behind a party within K hops, with paths and shell-company signals");
  cmd->add_option("party", flags->party, "party id or name")->required();
  cmd->add_option("--as-of", flags->as_of, "YYYY-MM-DD (default today)");
  cmd->add_option("--link-threshold", flags->link_threshold,
                  "minimum screening score to link a party to a list entry (default 0.9)");
  cmd->add_flag("--json", flags->json, "one-line JSON (default: indented JSON)");
  if (!ownership) {
    cmd->add_option("--max-hops", flags->max_hops, "K (default 4)");
    cmd->add_option("--svg", flags->svg_file,
                    "also render the network around the party as SVG (needs Graphviz's dot)");
    cmd->add_option("--dot", flags->dot_file,
                    "also write the network around the party as Graphviz DOT");
  }
  cmd->callback([&ctx, flags, ownership] { ctx.exit_code = RunTrace(ctx, *flags, ownership); });
}
}  // namespace chokepoint::cli

}  // namespace chokepoint::cli
