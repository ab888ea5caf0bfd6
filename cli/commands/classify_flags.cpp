// `chokepoint classify` flags into a ClassifyRequest: the item (catalog part, spec file, figures)
// and the request fields, each error naming its flag.
#include "cli/commands/classify_flags.h"

#include <algorithm>
#include <cstdlib>

#include "chokepoint/service/classify_service.h"

namespace chokepoint::cli {

namespace {

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

}  // namespace

Result<ClassifyRequest> ClassifyRequestFromFlags(const ClassifyFlags& f) {
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

}  // namespace chokepoint::cli
