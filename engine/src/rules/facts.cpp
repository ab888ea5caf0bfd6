#include "rules/facts.h"

#include <string>

namespace chokepoint::rules {

namespace {
struct AttrSpec {
  std::string_view name;
  std::string_view label;
  std::string_view unit;
};
// Indexed by Attr; the names are the public contract of the rule format.
constexpr std::array<AttrSpec, kAttrCount> kAttrs = {{
    {"tpp", "TPP", ""},
    {"performance_density", "PD", ""},
    {"memory_bandwidth_gbps", "memory bandwidth", " GB/s"},
    {"memory_bandwidth_density", "memory bandwidth density", " GB/s/mm²"},
    {"interconnect_gbps", "chip-to-chip rate", " GB/s"},
    {"dram_plus_io_gbps", "memory + I/O bandwidth", " GB/s"},
    {"die_area_mm2", "die area", " mm²"},
    {"process_nm", "process node", " nm"},
    {"transistors_billion", "transistor count", " billion"},
    {"datacenter", "designed or marketed for datacenters", ""},
    {"has_hbm", "contains HBM", ""},
    {"non_planar", "non-planar logic", ""},
    {"packaged_outside_d5", "packaged outside Macau/D:5", ""},
    {"kind", "item kind", ""},
    {"exporter_role", "exporter role", ""},
    {"designer_status", "IC designer status", ""},
    {"vendor", "vendor", ""},
    {"part_id", "catalog part", ""},
}};
}  // namespace

std::optional<Attr> ParseAttr(std::string_view name) {
  for (size_t i = 0; i < kAttrCount; ++i) {
    if (kAttrs[i].name == name) return static_cast<Attr>(i);
  }
  return std::nullopt;
}

std::string_view AttrName(Attr attr) { return kAttrs[static_cast<size_t>(attr)].name; }
std::string_view AttrLabel(Attr attr) { return kAttrs[static_cast<size_t>(attr)].label; }
std::string_view AttrUnit(Attr attr) { return kAttrs[static_cast<size_t>(attr)].unit; }

}  // namespace chokepoint::rules
