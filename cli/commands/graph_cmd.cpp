// chokepoint graph import: the party network (parties.csv, links.csv) into the database, its
// parties into the register the nightly batch re-screens. `trace` and `ownership` read it
// (trace_cmd.cpp).
#include <iostream>

#include "chokepoint/service/party_register.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct GraphFlags {
  std::string parties_csv, links_csv;
};

int RunImport(const Context& ctx, const GraphFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto report = service::ImportPartyNetwork(**store, f.parties_csv, f.links_csv, "cli");
  if (!report.ok()) return Fail(report.status());
  std::cout << "imported " << report->parties << " parties and " << report->links << " links\n";
  return kExitClear;
}

}  // namespace

void RegisterGraph(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<GraphFlags>();
  CLI::App* graph = app.add_subcommand("graph", "The party network: import parties and links");
  graph->require_subcommand(1);
  CLI::App* import_cmd =
      graph->add_subcommand("import", "Import parties.csv and links.csv (all or nothing)");
  import_cmd
      ->add_option("parties", flags->parties_csv,
                   "party_id,name,country,address,kind,incorporated,identifiers")
      ->required();
  import_cmd
      ->add_option("links", flags->links_csv,
                   "from_id,to_id,relation,share_pct,start_date,end_date,source")
      ->required();
  import_cmd->callback([&ctx, flags] { ctx.exit_code = RunImport(ctx, *flags); });
}

}  // namespace chokepoint::cli
