#include "routes.h"

#include <algorithm>

namespace chokepoint::api {

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = {
      {"POST", "/v1/screen", Role::kScreen, HandleScreen},
      {"POST", "/v1/screen/batch", Role::kScreen, HandleScreenBatch},
      {"POST", "/v1/classify", Role::kScreen, HandleClassify},
      {"POST", "/v1/trace", Role::kScreen, HandleTrace},
      {"POST", "/v1/shipments/check", Role::kAudit, HandleShipmentCheck},
      {"GET", "/v1/lists", Role::kScreen, HandleListsStatus},
      {"POST", "/v1/lists/import", Role::kAdmin, HandleListsImport},
      {"GET", "/healthz", std::nullopt, HandleHealthz},
      {"GET", "/readyz", std::nullopt, HandleReadyz},
      {"GET", "/metrics", std::nullopt, HandleMetrics},
      {"GET", "/openapi.json", std::nullopt, HandleOpenApi},
  };
  return kRoutes;
}

const Route* FindRoute(std::string_view method, std::string_view path, size_t* slot,
                       bool* path_known) {
  const auto& routes = Routes();
  *path_known = false;
  for (size_t i = 0; i < routes.size(); ++i) {
    if (path != routes[i].path) continue;
    *path_known = true;
    if (method == routes[i].method ||
        (method == "HEAD" && std::string_view(routes[i].method) == "GET")) {
      *slot = i;
      return &routes[i];
    }
  }
  *slot = routes.size();
  return nullptr;
}

std::string RouteTableSummary() {
  std::vector<std::string> lines;
  for (const Route& r : Routes()) {
    lines.push_back(std::string(r.method) + " " + r.path + " " +
                    (r.role ? RoleName(*r.role) : "public"));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace chokepoint::api
