// chokepoint classify: by --part (catalog), --spec (JSON file) or by figures on the command line.
#include <algorithm>
#include <iostream>

#include "chokepoint/classify.h"
#include "chokepoint/service/classify_service.h"
#include "cli/cli.h"
#include "cli/commands/classify_print.h"

namespace chokepoint::cli {

namespace {

struct ClassifyFlags {
  std::string part, spec_file, catalog;
  std::string tpp, tops, bit_length, die_area, memory_bandwidth, interconnect, process_nm,
      transistors, package_area;
  std::string hbm, datacenter, non_planar, kind, sparse;
  std::string destination, headquarters, as_of, exporter_role, designer_status, packaged_outside_d5;
  bool json = false;
};

Status SetNumber(const std::string& text, const char* flag, std::optional<Rational>* out) {
  if (text.empty()) return Status::OK();
  auto r = Rational::Parse(text);
  if (!r.ok()) return Status::InvalidArgument(std::string(flag) + ": " + r.status().message());
  *out = *r;
  return Status::OK();
}

Status SetYesNo(const std::string& text, const char* flag, std::optional<bool>* out) {
  if (text.empty()) return Status::OK();
  if (text == "yes" || text == "true") {
    *out = true;
  } else if (text == "no" || text == "false") {
    *out = false;
  } else {
    return Status::InvalidArgument(std::string(flag) + ": expected yes or no, got '" + text + "'");
  }
  return Status::OK();
}

// Builds the item: the catalog part or spec file first, then any figure flags on top (so
// "--part 'RTX 4090' --datacenter yes" asks "what if it were marketed for datacenters?").
Result<ItemSpec> BuildItem(const ClassifyFlags& f) {
  if (!f.part.empty() && !f.spec_file.empty())
    return Status::InvalidArgument("give --part or --spec, not both");
  ItemSpec item;
  if (!f.part.empty()) {
    auto part = service::CatalogItem(f.catalog, f.part);
    if (!part.ok()) return part.status();
    item = std::move(part).value();
  } else if (!f.spec_file.empty()) {
    auto spec = service::ReadSpecFile(f.spec_file);
    if (!spec.ok()) return spec.status();
    item = std::move(spec).value();
  }
  Status s;
  if (!(s = SetNumber(f.tpp, "--tpp", &item.tpp)).ok()) return s;
  if (!f.tops.empty() || !f.bit_length.empty()) {
    if (f.tops.empty() || f.bit_length.empty())
      return Status::InvalidArgument("--tops and --bit-length go together");
    std::optional<Rational> tops;
    if (!(s = SetNumber(f.tops, "--tops", &tops)).ok()) return s;
    Throughput t;
    t.tops = *tops;
    char* end = nullptr;
    long bits = std::strtol(f.bit_length.c_str(), &end, 10);
    if (*end != '\0' || bits <= 0 || bits > 1024)
      return Status::InvalidArgument("--bit-length: expected a positive whole number");
    t.bit_length = static_cast<int>(bits);
    std::optional<bool> sparse;
    if (!(s = SetYesNo(f.sparse, "--sparse", &sparse)).ok()) return s;
    t.sparse = sparse.value_or(false);
    item.throughput = {t};
    item.tpp.reset();
  }
  if (!(s = SetNumber(f.die_area, "--die-area-mm2", &item.die_area_mm2)).ok()) return s;
  if (!(s = SetNumber(f.memory_bandwidth, "--memory-bandwidth-gbps", &item.memory_bandwidth_gbps))
           .ok())
    return s;
  if (!(s = SetNumber(f.interconnect, "--interconnect-gbps", &item.interconnect_gbps)).ok())
    return s;
  if (!(s = SetNumber(f.process_nm, "--process-nm", &item.process_nm)).ok()) return s;
  if (!(s = SetNumber(f.transistors, "--transistors-billion", &item.transistors_billion)).ok())
    return s;
  if (!(s = SetNumber(f.package_area, "--package-area-mm2", &item.package_area_mm2)).ok()) return s;
  if (!(s = SetYesNo(f.hbm, "--hbm", &item.has_hbm)).ok()) return s;
  if (!(s = SetYesNo(f.datacenter, "--datacenter", &item.datacenter)).ok()) return s;
  if (!(s = SetYesNo(f.non_planar, "--non-planar", &item.non_planar)).ok()) return s;
  if (!f.kind.empty()) item.kind = *ParseItemKind(f.kind);
  if (item.name.empty())
    item.name = f.spec_file.empty() ? "item from command-line figures" : f.spec_file;
  if (!item.tpp && item.throughput.empty() && item.kind != ItemKind::kHbmStack) {
    return Status::InvalidArgument(
        "no performance figure: give --part, --spec, --tpp, or --tops with --bit-length");
  }
  return item;
}

Result<ClassifyRequest> BuildRequest(const ClassifyFlags& f) {
  auto item = BuildItem(f);
  if (!item.ok()) return item.status();
  service::ClassifyFields fields;
  fields.as_of = f.as_of;
  fields.destination = f.destination;
  fields.headquarters = f.headquarters;
  fields.exporter_role = f.exporter_role;
  fields.designer_status = f.designer_status;
  Status s = SetYesNo(f.packaged_outside_d5, "--packaged-outside-d5", &fields.packaged_outside_d5);
  if (!s.ok()) return s;
  std::string field;
  auto req = service::BuildClassifyRequest(std::move(item).value(), fields, &field);
  if (!req.ok()) {
    // The service names the input field; here it is a flag.
    std::string flag = "--" + field;
    std::replace(flag.begin(), flag.end(), '_', '-');
    return req.status().WithContext(flag);
  }
  return req;
}

int RunClassify(const Context& ctx, const ClassifyFlags& flags) {
  auto request = BuildRequest(flags);
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
