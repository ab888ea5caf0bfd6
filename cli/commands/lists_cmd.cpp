// chokepoint lists import|status|diff|update: restricted-party list snapshots.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "chokepoint/data/list_import.h"
#include "chokepoint/service/lists_service.h"
#include "cli/cli.h"
#include "cli/commands/lists_print.h"

namespace chokepoint::cli {

namespace {

struct ListsFlags {
  std::vector<std::string> files;
  std::string format = "auto";
  bool strict = false;
  bool json = false;
  bool all = false;
  int64_t from = 0;
  int64_t to = 0;
  CLI::Option* from_opt = nullptr;
  CLI::Option* to_opt = nullptr;
  std::string base_url;
  std::vector<std::string> sources;
};

int RunImport(const Context& ctx, const ListsFlags& flags) {
  data::ListFormat format = data::ListFormat::kAuto;
  if (flags.format != "auto") {
    std::optional<data::ListFormat> parsed = data::ParseListFormat(flags.format);
    if (!parsed) return Fail(Status::InvalidArgument("unknown --format '" + flags.format + "'"));
    format = *parsed;
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto result = data::ImportListFiles(**store, flags.files, format, flags.strict, "cli");
  if (!result.ok()) return Fail(result.status());
  PrintIssues(result->report);
  PrintImported(*result);
  return kExitClear;
}

int RunStatus(const Context& ctx, const ListsFlags& flags) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto snapshots = (*store)->ListSnapshots(/*active_only=*/!flags.all);
  if (!snapshots.ok()) return Fail(snapshots.status());
  if (flags.json) {
    std::cout << service::DumpJson(service::ListsStatusJson(*snapshots)) << "\n";
    return kExitClear;
  }
  if (snapshots->empty()) {
    std::cout << "no list snapshots" << (flags.all ? "" : " active")
              << "; import one with: chokepoint lists import FILE...\n";
    return kExitClear;
  }
  PrintSnapshotTable(*snapshots);
  return kExitClear;
}

int RunDiff(const Context& ctx, const ListsFlags& flags) {
  std::optional<int64_t> from;
  std::optional<int64_t> to;
  if (flags.from_opt->count() > 0) from = flags.from;
  if (flags.to_opt->count() > 0) to = flags.to;
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto diff = data::DiffSnapshots(**store, from, to);
  if (!diff.ok()) return Fail(diff.status());
  if (flags.json) {
    std::cout << service::DumpJson(service::ListDiffJson(*diff)) << "\n";
    return kExitClear;
  }
  if (diff->diffs.empty()) std::cout << "no list snapshots to compare\n";
  for (const data::SnapshotDiff& d : diff->diffs) PrintSnapshotDiff(d);
  return kExitClear;
}

int RunUpdate(const Context& ctx, const ListsFlags& flags) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  data::UpdateOptions options;
  options.base_url = flags.base_url;
  options.sources = flags.sources;
  options.strict = flags.strict;
  options.actor = "cli";
  auto updates = data::UpdateLists(**store, options);
  if (!updates.ok()) return Fail(updates.status());
  int exit_code = kExitClear;
  for (const data::SourceUpdate& u : *updates) {
    if (!u.status.ok()) {
      exit_code = std::max(exit_code, Fail(u.status.WithContext(u.source)));
      continue;
    }
    PrintIssues(u.result->report);
    PrintImported(*u.result);
  }
  return exit_code;
}

}  // namespace

void RegisterLists(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ListsFlags>();
  CLI::App* cmd = app.add_subcommand("lists", "Import, inspect, compare and fetch party lists");
  cmd->require_subcommand(1);

  CLI::App* import_cmd = cmd->add_subcommand(
      "import", "Import list files as a new snapshot (a no-op when identical to the active one)");
  import_cmd
      ->add_option("files", flags->files, "the list file, or an OFAC set (sdn.csv add.csv ...)")
      ->required();
  import_cmd
      ->add_option("--format", flags->format,
                   "auto, csl-csv, csl-json, sdn-csv, sdn-xml, cons-csv, dpl-tsv or un-xml")
      ->check(CLI::IsMember(
          {"auto", "csl-csv", "csl-json", "sdn-csv", "sdn-xml", "cons-csv", "dpl-tsv", "un-xml"}));
  import_cmd->add_flag("--strict", flags->strict,
                       "fail on the first malformed row instead of skipping");
  import_cmd->callback([&ctx, flags] { ctx.exit_code = RunImport(ctx, *flags); });

  CLI::App* status = cmd->add_subcommand("status", "The active snapshot of each list");
  status->add_flag("--json", flags->json, "print the JSON document");
  status->add_flag("--all", flags->all, "every snapshot, not only the active ones");
  status->callback([&ctx, flags] { ctx.exit_code = RunStatus(ctx, *flags); });

  CLI::App* diff = cmd->add_subcommand(
      "diff", "Entries added, removed and changed between two snapshots of one list");
  flags->from_opt =
      diff->add_option("--from", flags->from, "older snapshot id (default: the one before --to)");
  flags->to_opt = diff->add_option(
      "--to", flags->to, "newer snapshot id (default: the active one; without either, each list)");
  diff->add_flag("--json", flags->json, "print the JSON document");
  diff->callback([&ctx, flags] { ctx.exit_code = RunDiff(ctx, *flags); });

  CLI::App* update =
      cmd->add_subcommand("update", "Download the official lists over HTTPS and import them");
  update->add_option("--base-url", flags->base_url,
                     "fetch every file as <URL>/<file name> instead of the official URLs");
  update
      ->add_option("--source", flags->sources,
                   "only these lists (repeatable): csl, ofac-sdn, ofac-cons, bis-dpl, un")
      ->check(CLI::IsMember({"csl", "ofac-sdn", "ofac-cons", "bis-dpl", "un"}));
  update->add_flag("--strict", flags->strict,
                   "fail a list on its first malformed row instead of skipping");
  update->callback([&ctx, flags] { ctx.exit_code = RunUpdate(ctx, *flags); });
}

}  // namespace chokepoint::cli
