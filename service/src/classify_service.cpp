#include "chokepoint/service/classify_service.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "chokepoint/country.h"
#include "chokepoint/json.h"
#include "chokepoint/service/defaults.h"

namespace chokepoint::service {

namespace {

Status Bad(std::string* bad_field, const char* field, Status status) {
  if (bad_field) *bad_field = field;
  return status;
}

}  // namespace

Result<ItemSpec> CatalogItem(const data::Catalog& catalog, std::string_view part,
                             std::string* bad_field) {
  auto found = catalog.Find(part);
  if (!found.ok()) return Bad(bad_field, "part", found.status());
  return (*found)->spec;
}

Result<ItemSpec> CatalogItem(const std::string& catalog_path, std::string_view part) {
  auto catalog = data::Catalog::Load(catalog_path.empty() ? DefaultCatalogPath() : catalog_path);
  if (!catalog.ok()) return catalog.status();
  return CatalogItem(*catalog, part, nullptr);
}

Result<ItemSpec> ReadSpecFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read spec file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return ItemSpecFromJson(buf.str(), path);
}

Result<ClassifyRequest> BuildClassifyRequest(ItemSpec item, const ClassifyFields& fields,
                                             std::string* bad_field) {
  ClassifyRequest req;
  req.item = std::move(item);
  req.as_of = Date::Today();
  if (!fields.as_of.empty()) {
    auto d = Date::Parse(fields.as_of);
    if (!d.ok()) return Bad(bad_field, "as_of", d.status());
    req.as_of = *d;
  }
  for (auto [text, out, field] :
       {std::tuple{&fields.destination, &req.destination, "destination"},
        std::tuple{&fields.headquarters, &req.headquarters, "headquarters"}}) {
    if (text->empty()) continue;
    auto cc = NormalizeCountry(*text);
    if (!cc.ok()) return Bad(bad_field, field, cc.status());
    *out = *cc;
  }
  if (!fields.exporter_role.empty()) req.exporter_role = fields.exporter_role;
  if (!fields.designer_status.empty()) {
    const std::string& d = fields.designer_status;
    if (d != "approved" && d != "authorized" && d != "none") {
      return Bad(bad_field, "designer_status",
                 Status::InvalidArgument("'" + d + "' is not approved, authorized or none"));
    }
    req.designer_status = d;
  }
  req.packaged_outside_d5 = fields.packaged_outside_d5;
  return req;
}

Result<ClassifyOutcome> Classify(std::shared_ptr<const RulePack> pack, ClassifyRequest request) {
  Classifier classifier(std::move(pack));
  auto result = classifier.Classify(request);
  if (!result.ok()) return result.status();
  ClassifyOutcome out;
  out.request = std::move(request);
  out.result = std::move(result).value();
  out.document = ClassificationToJson(out.result);
  return out;
}

std::string ClassifyAuditPayload(const ClassifyOutcome& outcome) {
  return ClassifyAuditPayload(outcome.request, outcome.result, outcome.document);
}

std::string ClassifyAuditPayload(const ClassifyRequest& request, const Classification& result,
                                 std::string_view document) {
  nlohmann::ordered_json audit = {
      {"input", nlohmann::ordered_json::parse(ItemSpecToJson(request.item))},
      {"as_of", request.as_of.ToString()},
      {"destination", request.destination.value_or("")},
      {"headquarters", request.headquarters.value_or("")},
      {"rules_version", result.rules_version},
      {"result", nlohmann::ordered_json::parse(document)}};
  return audit.dump();
}

}  // namespace chokepoint::service
