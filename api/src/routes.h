// The route table: every endpoint is one row (method, path, the role it needs, the handler). The
// router, the metrics labels, the auth check and RouteTableSummary() all read this table, and a
// test compares it with api/openapi.json, so adding an endpoint is one handler, one row here and
// one entry in openapi.json.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit_writer.h"
#include "chokepoint/api/api_keys.h"
#include "chokepoint/api/server.h"
#include "engine_state.h"
#include "http_json.h"
#include "key_cache.h"
#include "metrics.h"
#include "party_registrar.h"

namespace chokepoint::api {

// What the handlers share; built once by ApiServer::Create.
struct ServerCore {
  ServerOptions options;
  std::unique_ptr<Store> store;  // key lookups and reads; serialized inside the Store
  std::unique_ptr<EngineState> engine;
  std::unique_ptr<AuditWriter> audit;
  std::unique_ptr<PartyRegistrar> registrar;  // parties seen join the batch register
  std::unique_ptr<KeyCache> keys;
  std::unique_ptr<Metrics> metrics;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::function<int()> current_connections;  // from the HTTP server, for /metrics
};

struct RequestContext {
  std::string_view body;
  const VerifiedKey* key = nullptr;  // null on public routes
  std::chrono::steady_clock::time_point deadline;
};

using Handler = ApiResponse (*)(ServerCore& core, const RequestContext& request);

struct Route {
  const char* method;
  const char* path;
  std::optional<Role> role;  // the least role that may call it; nullopt: public, no key
  Handler handler;
};

const std::vector<Route>& Routes();

// The route for method and path; `path_known` tells a wrong method (405) from no route (404).
const Route* FindRoute(std::string_view method, std::string_view path, size_t* slot,
                       bool* path_known);

// The handlers (handlers.cpp).
ApiResponse HandleScreen(ServerCore& core, const RequestContext& request);
ApiResponse HandleScreenBatch(ServerCore& core, const RequestContext& request);
ApiResponse HandleClassify(ServerCore& core, const RequestContext& request);
ApiResponse HandleTrace(ServerCore& core, const RequestContext& request);
ApiResponse HandleShipmentCheck(ServerCore& core, const RequestContext& request);
ApiResponse HandleListsStatus(ServerCore& core, const RequestContext& request);
ApiResponse HandleListsImport(ServerCore& core, const RequestContext& request);
ApiResponse HandleHealthz(ServerCore& core, const RequestContext& request);
ApiResponse HandleReadyz(ServerCore& core, const RequestContext& request);
ApiResponse HandleMetrics(ServerCore& core, const RequestContext& request);
ApiResponse HandleOpenApi(ServerCore& core, const RequestContext& request);

}  // namespace chokepoint::api
