// chokepoint parties import customers.csv: the customer master into the party register the batch
// re-screens (service::ImportCustomerMaster).
#include <cstdio>

#include "chokepoint/service/party_register.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

int RunPartiesImport(const Context& ctx, const std::string& file) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto imported = service::ImportCustomerMaster(**store, file, "cli");
  if (!imported.ok()) return Fail(imported.status());
  std::printf("%s: %lld parties: %lld added, %lld changed, %lld unchanged\n", file.c_str(),
              static_cast<long long>(imported->rows),
              static_cast<long long>(imported->counts.added),
              static_cast<long long>(imported->counts.changed),
              static_cast<long long>(imported->counts.unchanged));
  return kExitClear;
}

}  // namespace

void RegisterParties(CLI::App& app, Context& ctx) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("parties", "The party register the batch re-screens");
  cmd->require_subcommand(1);
  CLI::App* import_cmd = cmd->add_subcommand(
      "import", "Upsert a customer master (CSV header: id,name,country[,address,type])");
  import_cmd->add_option("file", *file, "customers.csv")->required();
  import_cmd->callback([&ctx, file] { ctx.exit_code = RunPartiesImport(ctx, *file); });
}

}  // namespace chokepoint::cli
