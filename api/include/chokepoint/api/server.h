// The REST server of `chokepoint serve`: JSON over HTTP/1.1 on Poco's HTTPServer.
//
// Engine state (the screening index, the rule pack, the catalog) is shared read-only by the
// worker threads; a list import builds a new index in the background and swaps it in atomically.
// Every /v1 call needs an API key (see api_keys.h) and leaves one audit record, written by a
// group-commit writer. Routes, roles and limits: docs/api.md; the contract: api/openapi.json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint::api {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;             // 0: an ephemeral port (see ApiServer::port())
  std::string db_path;              // the SQLite database; required
  std::string rules_dir;            // empty: service::DefaultRulesDir()
  std::string catalog_path;         // empty: service::DefaultCatalogPath()
  int threads = 16;                 // worker threads, each serving one connection at a time
  int max_queued = 256;             // accepted connections waiting for a worker; beyond: refused
  size_t max_body_bytes = 1 << 20;  // larger bodies: 413
  size_t max_batch = 1000;          // parties per /v1/screen/batch; more: 400
  int request_timeout_ms = 10000;   // a request still computing after this: 503
  int socket_timeout_ms = 10000;    // slow clients: per read/write, and for a whole body
  int keep_alive_timeout_ms = 15000;
  int key_cache_seconds = 5;  // verified keys are re-read (revocation) at most this often
  // Server-side folder POST /v1/lists/import may read files from; empty: the route is disabled.
  std::string import_dir;
  // The response waits until its audit record is committed (safer, slower); otherwise the
  // record is queued and committed within milliseconds (see docs/api.md).
  bool audit_wait = false;
  size_t audit_queue_limit = 100000;  // queued records beyond this: 503 until the writer catches up
  // TLS (PEM files); both or neither.
  std::string tls_cert;
  std::string tls_key;
};

class ApiServer {
 public:
  // Opens the database, loads the rule pack, catalog and the screening index, and binds the
  // socket. Does not accept connections until Start().
  static Result<std::unique_ptr<ApiServer>> Create(const ServerOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  void Start();
  // Graceful: stops accepting, lets in-flight requests finish, waits for background index
  // rebuilds, flushes the audit writer and closes the database. Idempotent.
  Status Stop();
  // The bound port (the ephemeral one when options.port was 0).
  uint16_t port() const;
  bool tls() const;

  struct Impl;

 private:
  explicit ApiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The checked-in OpenAPI 3.1 document (api/openapi.json), as served at /openapi.json.
std::string_view OpenApiDocument();

// One line per route of the route table, "METHOD /path role" (role "public" for routes without
// a key), sorted: what tests compare with the OpenAPI document.
std::string RouteTableSummary();

}  // namespace chokepoint::api
