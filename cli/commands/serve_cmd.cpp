// chokepoint serve: the REST API (api/). Runs until SIGTERM or SIGINT, then shuts down gracefully:
// stops accepting, finishes in-flight requests, flushes the audit log, closes the database.
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>

#include "chokepoint/api/server.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

int RunServe(const Context& ctx, api::ServerOptions options) {
  options.db_path = ctx.db_path.empty() ? service::DefaultDatabasePath() : ctx.db_path;
  options.rules_dir = ctx.rules_dir;
  // Block the signals before any server thread starts, so they all inherit the mask and the
  // signal is taken here, by sigwait, instead of interrupting a worker.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = api::ApiServer::Create(options);
  if (!server.ok()) return Fail(server.status());
  (*server)->Start();
  // Scripts and tests read the port from this line (it matters with --port 0).
  std::printf("chokepoint: listening on %s://%s:%u\n", (*server)->tls() ? "https" : "http",
              options.bind.c_str(), static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);
  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::warn("received signal {}: shutting down", sig);
  Status s = (*server)->Stop();
  if (!s.ok()) return Fail(s);
  std::printf("chokepoint: stopped\n");
  return kExitClear;
}

}  // namespace

void RegisterServe(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<api::ServerOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the REST API (docs/api.md)");
  cmd->add_option("--port", options->port, "TCP port (default 8080; 0: any free port)");
  cmd->add_option("--bind", options->bind, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--threads", options->threads,
                  "worker threads; each serves one connection at a time (default 16)");
  cmd->add_option("--max-queued", options->max_queued,
                  "connections waiting for a worker before new ones are refused (default 256)");
  cmd->add_option("--max-body", options->max_body_bytes, "largest request body, bytes (1 MiB)");
  cmd->add_option("--max-batch", options->max_batch, "parties per batch request (default 1000)");
  cmd->add_option("--request-timeout-ms", options->request_timeout_ms,
                  "per-request computing time limit (default 10000)");
  cmd->add_option("--socket-timeout-ms", options->socket_timeout_ms,
                  "slow-client limit per read/write and per body (default 10000)");
  cmd->add_option("--import-dir", options->import_dir,
                  "folder POST /v1/lists/import may read from (default: imports disabled)");
  cmd->add_option("--catalog", options->catalog_path, "catalog XML (default: the bundled one)");
  cmd->add_flag("--audit-wait", options->audit_wait,
                "answer only after the call's audit record is committed");
  cmd->add_option("--tls-cert", options->tls_cert, "PEM certificate: serve HTTPS");
  cmd->add_option("--tls-key", options->tls_key, "PEM private key for --tls-cert");
  cmd->callback([&ctx, options] { ctx.exit_code = RunServe(ctx, *options); });
}

}  // namespace chokepoint::cli
