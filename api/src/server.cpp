// Poco glue: sockets, TLS, worker threads, limits, and the one request path every call takes
// (route -> key -> body -> handler -> audit -> response -> metrics).
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <istream>

#include "chokepoint/service/defaults.h"
#include "chokepoint/sha256.h"
#include "connection.h"
#include "routes.h"

namespace chokepoint::api {

namespace {

using Clock = std::chrono::steady_clock;
namespace net = Poco::Net;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Reads the body within the limits. Returns a problem response when a limit is hit; the
// connection is then closed (the rest of the body is never read).
std::optional<ApiResponse> ReadBody(net::HTTPServerRequest& req, const ServerOptions& options,
                                    std::string* body) {
  const bool has_body =
      req.hasContentLength() ? req.getContentLength64() > 0 : req.getChunkedTransferEncoding();
  if (!has_body) return std::nullopt;
  if (req.hasContentLength() &&
      static_cast<uint64_t>(req.getContentLength64()) > options.max_body_bytes) {
    return Problem(413, "the body is larger than the server's limit of " +
                            std::to_string(options.max_body_bytes) + " bytes");
  }
  const std::string& type = req.getContentType();
  if (!type.empty() && !StartsWith(type, "application/json")) {
    return Problem(415, "send the body as application/json");
  }
  // The socket timeout bounds each read; this bounds the whole body, so a client trickling one
  // byte at a time cannot hold a worker for longer than one timeout either.
  const auto deadline = Clock::now() + std::chrono::milliseconds(options.socket_timeout_ms);
  std::istream& in = req.stream();
  char buf[16384];
  try {
    while (in) {
      in.read(buf, sizeof buf);
      body->append(buf, static_cast<size_t>(in.gcount()));
      if (body->size() > options.max_body_bytes) {
        return Problem(413, "the body is larger than the server's limit of " +
                                std::to_string(options.max_body_bytes) + " bytes");
      }
      if (Clock::now() > deadline) return Problem(408, "the body arrived too slowly");
    }
  } catch (const Poco::TimeoutException&) {
    return Problem(408, "the body arrived too slowly");
  } catch (const Poco::Exception& e) {
    return Problem(400, "the body could not be read: " + e.displayText());
  }
  return std::nullopt;
}

class RequestHandler final : public net::HTTPRequestHandler {
 public:
  explicit RequestHandler(ServerCore& core) : core_(core) {}

  void handleRequest(net::HTTPServerRequest& req, net::HTTPServerResponse& resp) override {
    const auto start = Clock::now();
    std::string_view uri = req.getURI();
    std::string path(uri.substr(0, uri.find('?')));
    size_t slot = 0;
    bool path_known = false;
    const Route* route = FindRoute(req.getMethod(), path, &slot, &path_known);
    std::optional<VerifiedKey> key;
    std::string presented_key_id;
    std::string body;
    bool close = false;
    ApiResponse out;
    try {
      if (!route) {
        out = path_known ? Problem(405, "this method is not allowed here")
                         : Problem(404, "no such route: " + path);
      } else if (auto denied = Authorize(req, *route, &key, &presented_key_id)) {
        out = std::move(*denied);
      } else if (auto bad_body = ReadBody(req, core_.options, &body)) {
        out = std::move(*bad_body);
        close = true;
      } else {
        RequestContext ctx{body, key ? &*key : nullptr,
                           start + std::chrono::milliseconds(core_.options.request_timeout_ms)};
        out = route->handler(core_, ctx);
      }
    } catch (const BadRequest& e) {
      out = Problem(400, e.what(), e.pointer());
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.getMethod(), path, e.what());
      out = Problem(500, "the server failed to answer; the operator's log has the cause");
    }
    if (StartsWith(path, "/v1/") &&
        !Record(req.getMethod(), path, body, key, presented_key_id, out)) {
      out = Problem(503, "the call could not be recorded in the audit log, so it is not answered");
      out.headers.emplace_back("Retry-After", "1");
    }
    Send(resp, out, close);
    core_.metrics->Record(slot, out.status,
                          std::chrono::duration<double>(Clock::now() - start).count());
  }

 private:
  std::optional<ApiResponse> Authorize(net::HTTPServerRequest& req, const Route& route,
                                       std::optional<VerifiedKey>* key, std::string* key_id) {
    if (!route.role) return std::nullopt;
    // A copy: get() returns a reference to its default argument when the header is missing.
    const std::string auth = req.get("Authorization", std::string());
    constexpr std::string_view kBearer = "Bearer ";
    if (!StartsWith(auth, kBearer)) {
      ApiResponse r = Problem(401, "send an API key as 'Authorization: Bearer <key>'");
      r.headers.emplace_back("WWW-Authenticate", "Bearer");
      return r;
    }
    std::string_view presented = std::string_view(auth).substr(kBearer.size());
    if (auto id = KeyIdOf(presented)) *key_id = *id;
    auto verified = core_.keys->Verify(presented);
    if (!verified.ok()) return ProblemFor(verified.status());
    if (!verified->has_value()) {
      ApiResponse r = Problem(401, "the API key is unknown, revoked or malformed");
      r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return r;
    }
    *key = **verified;
    if ((*key)->role < *route.role) {
      return Problem(403, std::string("this route needs the ") + RoleName(*route.role) +
                              " role; the key has " + RoleName((*key)->role));
    }
    return std::nullopt;
  }

  // One audit record per /v1 call: who (key name and id, never the key), what (route and the
  // SHA-256 of the body) and the outcome. False when it cannot be recorded.
  bool Record(const std::string& method, const std::string& path, const std::string& body,
              const std::optional<VerifiedKey>& key, const std::string& key_id,
              const ApiResponse& out) {
    auto input_hash = Sha256Hex(body);
    Json payload = {{"route", method + " " + path},
                    {"status", out.status},
                    {"input_sha256", input_hash.ok() ? *input_hash : std::string()},
                    {"key_id", key ? key->key_id : key_id},
                    {"result", out.audit_summary}};
    AuditAppend record{"api", key ? key->name : std::string(),
                       payload.dump(-1, ' ', false, Json::error_handler_t::replace)};
    auto ticket = core_.audit->Submit(std::move(record));
    if (!ticket.ok()) {
      spdlog::error("audit: {}", ticket.status().message());
      return false;
    }
    if (!core_.options.audit_wait) return true;
    Status s = core_.audit->WaitCommitted(*ticket, core_.options.request_timeout_ms);
    if (!s.ok()) spdlog::error("audit: {}", s.message());
    return s.ok();
  }

  static void Send(net::HTTPServerResponse& resp, const ApiResponse& out, bool close) {
    resp.setStatus(static_cast<net::HTTPResponse::HTTPStatus>(out.status));
    resp.setContentType(out.content_type);
    for (const auto& [name, value] : out.headers) resp.set(name, value);
    if (close) resp.setKeepAlive(false);
    resp.setContentLength64(static_cast<Poco::Int64>(out.body.size()));
    try {
      resp.sendBuffer(out.body.data(), out.body.size());
    } catch (const Poco::Exception& e) {
      spdlog::debug("sending a response failed: {}", e.displayText());
    }
  }

  ServerCore& core_;
};

class HandlerFactory final : public net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(ServerCore& core) : core_(core) {}
  net::HTTPRequestHandler* createRequestHandler(const net::HTTPServerRequest&) override {
    return new RequestHandler(core_);
  }

 private:
  ServerCore& core_;
};

}  // namespace

struct ApiServer::Impl {
  ServerCore core;
  std::unique_ptr<Poco::ThreadPool> pool;
  ConnectionRegistry connections;
  std::unique_ptr<net::TCPServer> http;
  uint16_t port = 0;
  bool tls = false;
  bool started = false;
  bool stopped = false;
};

ApiServer::ApiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ApiServer::~ApiServer() { Stop(); }

Result<std::unique_ptr<ApiServer>> ApiServer::Create(const ServerOptions& options) {
  if (options.db_path.empty()) return Status::InvalidArgument("the server needs a database path");
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Status::InvalidArgument("give both --tls-cert and --tls-key, or neither");
  }
  if (options.threads < 1 || options.threads > 1024) {
    return Status::InvalidArgument("--threads must be between 1 and 1024");
  }
  // A client that disconnects mid-response must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  auto impl = std::make_unique<Impl>();
  ServerCore& core = impl->core;
  core.options = options;
  auto pack =
      RulePack::Load(options.rules_dir.empty() ? service::DefaultRulesDir() : options.rules_dir);
  if (!pack.ok()) return pack.status();
  auto catalog = data::Catalog::Load(options.catalog_path.empty() ? service::DefaultCatalogPath()
                                                                  : options.catalog_path);
  if (!catalog.ok()) return catalog.status();
  auto store = OpenSqliteStore(options.db_path);
  if (!store.ok()) return store.status();
  core.store = std::move(store).value();
  auto audit_store = OpenSqliteStore(options.db_path);
  if (!audit_store.ok()) return audit_store.status();
  AuditWriter::Options audit_options;
  audit_options.queue_limit = options.audit_queue_limit;
  if (options.audit_wait) audit_options.group_window_ms = 0;
  core.audit = std::make_unique<AuditWriter>(std::move(audit_store).value(), audit_options);
  auto register_store = OpenSqliteStore(options.db_path);
  if (!register_store.ok()) return register_store.status();
  core.registrar = std::make_unique<PartyRegistrar>(std::move(register_store).value(),
                                                    PartyRegistrar::Options{});
  core.keys =
      std::make_unique<KeyCache>(*core.store, std::chrono::seconds(options.key_cache_seconds));
  core.engine = std::make_unique<EngineState>(options.db_path, *pack, std::move(catalog).value());
  if (Status s = core.engine->Reload(); !s.ok()) return s;
  if (!core.engine->Current()) {
    spdlog::warn("no lists imported yet: /v1/screen answers 503 until a list is imported");
  }
  std::vector<std::pair<std::string, std::string>> labels;
  for (const Route& r : Routes()) labels.emplace_back(r.method, r.path);
  core.metrics = std::make_unique<Metrics>(std::move(labels));

  try {
    net::SocketAddress address(options.bind, options.port);
    std::unique_ptr<net::ServerSocket> socket;
    if (!options.tls_cert.empty()) {
      net::initializeSSL();
      net::Context::Ptr context = new net::Context(net::Context::SERVER_USE, options.tls_key,
                                                   options.tls_cert, "", net::Context::VERIFY_NONE);
      socket = std::make_unique<net::SecureServerSocket>(address, 128, context);
      impl->tls = true;
    } else {
      socket = std::make_unique<net::ServerSocket>(address, 128);
    }
    impl->port = socket->address().port();
    auto* params = new net::HTTPServerParams;
    params->setMaxThreads(options.threads);
    params->setMaxQueued(options.max_queued);
    params->setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(options.socket_timeout_ms) * 1000));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(
        Poco::Timespan(Poco::Timespan::TimeDiff(options.keep_alive_timeout_ms) * 1000));
    params->setServerName("chokepoint");
    impl->pool = std::make_unique<Poco::ThreadPool>(2, options.threads + 2, 60);
    net::HTTPServerParams::Ptr params_ptr(params);
    impl->http = std::make_unique<net::TCPServer>(
        new ApiConnectionFactory(new HandlerFactory(core), params_ptr, impl->connections),
        *impl->pool, *socket, params_ptr);
  } catch (const Poco::Exception& e) {
    return Status::IOError("listening on " + options.bind + ":" + std::to_string(options.port) +
                           ": " + e.displayText());
  }
  ConnectionRegistry* connections = &impl->connections;
  core.current_connections = [connections] { return connections->active(); };
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(impl)));
}

void ApiServer::Start() {
  if (impl_->started) return;
  impl_->started = true;
  impl_->http->start();
}

Status ApiServer::Stop() {
  if (impl_->stopped) return Status::OK();
  impl_->stopped = true;
  if (impl_->started) {
    // Stop accepting; requests in flight finish, idle keep-alive connections are closed.
    impl_->http->stop();
    impl_->connections.StopAll();
    impl_->pool->joinAll();
  }
  impl_->core.engine->WaitForReloads();
  if (Status r = impl_->core.registrar->Stop(); !r.ok()) {
    spdlog::error("shutting down: party register: {}", r.message());
  }
  impl_->core.registrar.reset();
  Status s = impl_->core.audit->Stop();
  impl_->http.reset();
  impl_->core.engine.reset();
  impl_->core.keys.reset();
  impl_->core.store.reset();  // closes the database
  if (!s.ok()) spdlog::error("shutting down: {}", s.message());
  return s;
}

uint16_t ApiServer::port() const { return impl_->port; }
bool ApiServer::tls() const { return impl_->tls; }

}  // namespace chokepoint::api
