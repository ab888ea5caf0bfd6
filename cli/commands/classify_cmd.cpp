// chokepoint classify: by --part (catalog), --spec (JSON file) or by figures on the command line.
#include <iostream>

#include "chokepoint/classify.h"
#include "chokepoint/service/classify_service.h"
#include "cli/cli.h"
#include "cli/commands/classify_flags.h"
#include "cli/commands/classify_print.h"

namespace chokepoint::cli {

namespace {

int RunClassify(const Context& ctx, const ClassifyFlags& flags) {
  auto request = ClassifyRequestFromFlags(flags);
  if (!request.ok()) return Fail(request.status());
  auto rules = ctx.LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto classified = service::Classify(*rules, std::move(request).value());
  if (!classified.ok()) return Fail(classified.status());
  if (Status s = RecordAudit(ctx, "classify", service::ClassifyAuditPayload(*classified));
      !s.ok()) {
    return Fail(s);
  }
  const Classification& result = classified->result;
  if (flags.json) {
    std::cout << classified->document << "\n";
  } else {
    PrintClassification(result, std::cout);
  }
  if (!result.determinate) return kExitFindings;
  return result.license_required.value_or(false) ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterClassify(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ClassifyFlags>();
  CLI::App* cmd = app.add_subcommand(
      "classify", "Classify an item (ECCN) and answer whether a destination needs a licence");
  cmd->add_option(
      "--part", flags->part,
      "catalog part, e.g. \"NVIDIA H100 SXM5\" or \"RTX 4090\" (see `chokepoint catalog`)");
  cmd->add_option("--spec", flags->spec_file, "item spec JSON file (fields: docs/item_spec.md)");
  cmd->add_option("--catalog", flags->catalog,
                  "catalog XML (default: the bundled data/catalog/accelerators.xml)");
  cmd->add_option("--tpp", flags->tpp, "total processing performance, as given");
  cmd->add_option("--tops", flags->tops,
                  "datasheet TOPS/TFLOPS at one precision (with --bit-length)");
  cmd->add_option("--bit-length", flags->bit_length, "bit length of that operation");
  cmd->add_option("--sparse", flags->sparse,
                  "yes: the --tops figure assumes sparsity (it is halved)");
  cmd->add_option("--die-area-mm2", flags->die_area,
                  "applicable die area: non-planar logic dies, mm²");
  cmd->add_option("--memory-bandwidth-gbps", flags->memory_bandwidth,
                  "total DRAM/HBM bandwidth, GB/s");
  cmd->add_option("--interconnect-gbps", flags->interconnect,
                  "aggregate bidirectional chip-to-chip rate, GB/s");
  cmd->add_option("--process-nm", flags->process_nm, "process node, nm");
  cmd->add_option("--transistors-billion", flags->transistors,
                  "aggregated approximated transistor count, billions");
  cmd->add_option("--package-area-mm2", flags->package_area,
                  "HBM stack or package area, mm² (for 3A090.c)");
  cmd->add_option("--hbm", flags->hbm, "yes|no: the package contains HBM");
  cmd->add_option("--datacenter", flags->datacenter,
                  "yes|no: designed or marketed for datacenters");
  cmd->add_option("--non-planar", flags->non_planar,
                  "yes|no: logic dies use non-planar transistors");
  cmd->add_option("--kind", flags->kind, "ic (default), computer (4A090) or hbm (3A090.c)")
      ->check(CLI::IsMember({"ic", "computer", "hbm"}));
  cmd->add_option("--destination", flags->destination, "destination country (ISO code or name)");
  cmd->add_option("--headquarters", flags->headquarters,
                  "where the end user or its ultimate parent is headquartered");
  cmd->add_option("--exporter-role", flags->exporter_role,
                  "foundry, osat, designer, distributor, ...");
  cmd->add_option("--designer-status", flags->designer_status,
                  "approved, authorized or none (foundry rule)")
      ->check(CLI::IsMember({"approved", "authorized", "none"}));
  cmd->add_option("--packaged-outside-d5", flags->packaged_outside_d5,
                  "yes|no: final packaging outside Macau and D:5");
  cmd->add_option("--as-of", flags->as_of,
                  "date the rules are taken from (YYYY-MM-DD; default today)");
  cmd->add_flag("--json", flags->json, "print the JSON document");
  cmd->callback([&ctx, flags] { ctx.exit_code = RunClassify(ctx, *flags); });
}

}  // namespace chokepoint::cli
