// Classification requests as the CLI and the API both take them: the item from a catalog part (or
// a spec), the request fields validated, and the audit payload.
//
// Errors are InvalidArgument or NotFound (an unknown part); `bad_field` (when not null) receives
// the input field that failed ("part", "as_of", "destination", "headquarters", "designer_status").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "chokepoint/classify.h"
#include "chokepoint/data/catalog.h"
#include "chokepoint/item.h"
#include "chokepoint/rules.h"
#include "chokepoint/status.h"

namespace chokepoint::service {

// The request fields besides the item. Empty strings mean "not given".
struct ClassifyFields {
  std::string as_of;  // YYYY-MM-DD; default today
  std::string destination;
  std::string headquarters;
  std::string exporter_role;
  std::string designer_status;  // approved, authorized or none
  std::optional<bool> packaged_outside_d5;
};

// The catalog part's spec (forgiving lookup, see Catalog::Find).
Result<ItemSpec> CatalogItem(const data::Catalog& catalog, std::string_view part,
                             std::string* bad_field);

// The same from the catalog XML at `catalog_path` (empty: DefaultCatalogPath()).
Result<ItemSpec> CatalogItem(const std::string& catalog_path, std::string_view part);
// An item spec JSON file (docs/item_spec.md); NotFound when it cannot be read.
Result<ItemSpec> ReadSpecFile(const std::string& path);

Result<ClassifyRequest> BuildClassifyRequest(ItemSpec item, const ClassifyFields& fields,
                                             std::string* bad_field);

// One classification: the request, the answer and its document.
struct ClassifyOutcome {
  ClassifyRequest request;
  Classification result;
  std::string document;  // ClassificationToJson(result): `classify --json`, POST /v1/classify
};
// The classify use case of `chokepoint classify` and `POST /v1/classify`.
Result<ClassifyOutcome> Classify(std::shared_ptr<const RulePack> pack, ClassifyRequest request);

// The audit payload of one classification (input, date, countries, rules version, result).
std::string ClassifyAuditPayload(const ClassifyRequest& request, const Classification& result,
                                 std::string_view document);
std::string ClassifyAuditPayload(const ClassifyOutcome& outcome);

}  // namespace chokepoint::service
