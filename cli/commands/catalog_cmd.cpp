// chokepoint catalog: the parts the catalog knows, with their figures and where each came from.
#include <iostream>
#include <nlohmann/json.hpp>

#include "chokepoint/classify.h"
#include "chokepoint/data/catalog.h"
#include "chokepoint/json.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct CatalogFlags {
  std::string catalog;
  bool json = false;
};

std::string Figure(const std::optional<Rational>& v) { return v ? v->ToString(2) : "-"; }

int RunCatalog(const CatalogFlags& flags) {
  auto catalog =
      data::Catalog::Load(flags.catalog.empty() ? service::DefaultCatalogPath() : flags.catalog);
  if (!catalog.ok()) return Fail(catalog.status());
  if (flags.json) {
    nlohmann::ordered_json doc = {{"version", catalog->version()},
                                  {"parts", nlohmann::ordered_json::array()}};
    for (const auto& p : catalog->parts()) {
      nlohmann::ordered_json part = {
          {"id", p.id}, {"vendor", p.vendor}, {"name", p.name}, {"aliases", p.aliases}};
      part["spec"] = nlohmann::ordered_json::parse(ItemSpecToJson(p.spec));
      auto figures = ComputeFigures(p.spec);
      if (figures.ok()) {
        part["tpp"] = figures->tpp ? nlohmann::ordered_json(figures->tpp->ToDouble()) : nullptr;
        part["tpp_arithmetic"] = figures->tpp_arithmetic;
        part["performance_density"] =
            figures->performance_density
                ? nlohmann::ordered_json(std::stod(figures->performance_density->ToString(4)))
                : nullptr;
      }
      part["notes"] = p.notes;
      doc["parts"].push_back(std::move(part));
    }
    std::cout << doc.dump() << "\n";
    return kExitClear;
  }
  std::printf("%-28s %-10s %10s %9s %9s %10s %11s  %s\n", "part", "vendor", "TPP", "PD", "die mm²",
              "mem GB/s", "link GB/s", "market");
  for (const auto& p : catalog->parts()) {
    auto figures = ComputeFigures(p.spec);
    std::string tpp = figures.ok() && figures->tpp ? figures->tpp->ToString(1) : "-";
    std::string pd = figures.ok() && figures->performance_density
                         ? figures->performance_density->ToString(2)
                         : "-";
    std::printf("%-28s %-10s %10s %9s %9s %10s %11s  %s\n", p.name.c_str(), p.vendor.c_str(),
                tpp.c_str(), pd.c_str(), Figure(p.spec.die_area_mm2).c_str(),
                Figure(p.spec.memory_bandwidth_gbps).c_str(),
                Figure(p.spec.interconnect_gbps).c_str(),
                p.spec.datacenter ? (*p.spec.datacenter ? "datacenter" : "consumer") : "?");
  }
  std::printf("\n%zu parts (catalog %s). Sources and estimates: chokepoint catalog --json\n",
              catalog->parts().size(), catalog->version().c_str());
  return kExitClear;
}

}  // namespace

void RegisterCatalog(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<CatalogFlags>();
  CLI::App* cmd =
      app.add_subcommand("catalog", "List the accelerator catalog with figures and sources");
  cmd->add_option("--catalog", flags->catalog,
                  "catalog XML (default: the bundled data/catalog/accelerators.xml)");
  cmd->add_flag("--json", flags->json, "print the JSON document");
  cmd->callback([&ctx, flags] { ctx.exit_code = RunCatalog(*flags); });
}

}  // namespace chokepoint::cli
