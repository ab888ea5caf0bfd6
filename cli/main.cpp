#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/cli.h"

namespace chokepoint::cli {

Result<std::shared_ptr<const RulePack>> Context::LoadRules() const {
  return RulePack::Load(rules_dir.empty() ? service::DefaultRulesDir() : rules_dir);
}

Result<std::unique_ptr<Store>> Context::OpenStore() const {
  return OpenSqliteStore(db_path.empty() ? service::DefaultDatabasePath() : db_path);
}

Result<Store*> Context::SharedStore() const {
  if (!shared_store_) {
    auto store = OpenStore();
    if (!store.ok()) return store.status();
    shared_store_ = std::move(store).value();
  }
  return shared_store_.get();
}

int ExitCodeFor(const Status& status) {
  if (status.ok()) return kExitClear;
  if (status.IsInvalidArgument() || status.IsNotFound()) return kExitUsage;
  return kExitInternal;
}

int Fail(const Status& status) {
  spdlog::error("{}", status.message());
  return ExitCodeFor(status);
}

Status RecordAudit(const Context& ctx, std::string_view kind, std::string_view payload_json) {
  auto store = ctx.SharedStore();
  if (!store.ok()) return Status::IOError(store.status().message());
  auto seq = (*store)->AppendAudit(kind, "cli", payload_json);
  if (!seq.ok()) return Status::IOError(seq.status().message());
  return Status::OK();
}

namespace {

void SetUpLogging(const Context& ctx) {
  auto logger = spdlog::stderr_color_mt("chokepoint");
  if (ctx.log_format == "json") {
    logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":"%v"})",
                        spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("chokepoint: %^%l%$: %v");
  }
  logger->set_level(spdlog::level::from_str(ctx.log_level));
  spdlog::set_default_logger(logger);
}

int Main(int argc, char** argv) {
  Context ctx;
  CLI::App app{
      "chokepoint: export-control compliance for advanced semiconductors.\n"
      "Classifies items under the EAR rules in force on a date, with the rule and the arithmetic "
      "behind each answer."};
  app.set_version_flag("--version", "chokepoint 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.add_option("--db", ctx.db_path,
                 "SQLite database (default $CHOKEPOINT_DB, else ./chokepoint.db)");
  app.add_option("--rules", ctx.rules_dir,
                 "rule pack folder (default $CHOKEPOINT_RULES, else the bundled rules/ear)");
  app.add_option("--log-level", ctx.log_level, "trace, debug, info, warn, error, critical or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_option("--log-format", ctx.log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  RegisterClassify(app, ctx);
  RegisterCatalog(app, ctx);
  RegisterRules(app, ctx);
  RegisterAuditLog(app, ctx);
  RegisterLists(app, ctx);
  RegisterScreen(app, ctx);
  RegisterGraph(app, ctx);
  RegisterTrace(app, ctx);
  RegisterAudit(app, ctx);
  RegisterBatch(app, ctx);
  RegisterReview(app, ctx);
  RegisterParties(app, ctx);
  RegisterServe(app, ctx);
  RegisterKeys(app, ctx);

  app.parse_complete_callback([&ctx] { SetUpLogging(ctx); });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace
}  // namespace chokepoint::cli

int main(int argc, char** argv) {
  try {
    return chokepoint::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    // Library exceptions are caught at their boundaries; reaching here is a bug.
    fprintf(stderr, "chokepoint: internal error: %s\n", e.what());
    return chokepoint::cli::kExitInternal;
  }
}
