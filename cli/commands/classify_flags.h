// The flags of `chokepoint classify` and the request they make.
#pragma once

#include <string>

#include "chokepoint/classify.h"
#include "chokepoint/status.h"

namespace chokepoint::cli {

struct ClassifyFlags {
  std::string part, spec_file, catalog;
  std::string tpp, tops, bit_length, die_area, memory_bandwidth, interconnect, process_nm,
      transistors, package_area;
  std::string hbm, datacenter, non_planar, kind, sparse;
  std::string destination, headquarters, as_of, exporter_role, designer_status, packaged_outside_d5;
  bool json = false;
};

// The item (the catalog part or spec file first, then any figure flags on top) and the request
// fields, validated by the classify service; errors name the flag.
Result<ClassifyRequest> ClassifyRequestFromFlags(const ClassifyFlags& flags);

}  // namespace chokepoint::cli
