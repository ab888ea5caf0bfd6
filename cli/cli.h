// The `chokepoint` command: one file per subcommand under commands/, each registering itself from
// main.cpp's table. Commands parse argv, make one engine call, and print; they hold no domain
// logic.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "chokepoint/date.h"
#include "chokepoint/rules.h"
#include "chokepoint/service/defaults.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::cli {

// Exit codes of docs/interfaces: 0 clear, 1 findings, 2 usage or bad input, 3 internal or I/O.
enum ExitCode : int { kExitClear = 0, kExitFindings = 1, kExitUsage = 2, kExitInternal = 3 };

// Options every command shares, and the exit code the chosen command leaves behind.
struct Context {
  std::string db_path;    // --db; default $CHOKEPOINT_DB or ./chokepoint.db
  std::string rules_dir;  // --rules; default service::DefaultRulesDir()
  std::string log_level = "warn";
  std::string log_format = "text";
  int exit_code = kExitClear;

  Result<std::shared_ptr<const RulePack>> LoadRules() const;
  // A connection of the caller's own.
  Result<std::unique_ptr<Store>> OpenStore() const;
  // The command's connection, opened on first use and kept until the command ends: what a
  // command reads and the audit record it appends (RecordAudit) share it.
  Result<Store*> SharedStore() const;

 private:
  mutable std::unique_ptr<Store> shared_store_;
};

// Logs the error on stderr and returns the exit code its kind maps to.
int Fail(const Status& status);
int ExitCodeFor(const Status& status);

// Appends "kind" to the audit log; a failure to record is a failure of the command (exit 3): a
// verdict that cannot be recorded must not be relied on.
Status RecordAudit(const Context& ctx, std::string_view kind, std::string_view payload_json);

// An optional YYYY-MM-DD flag: empty text is no date; a bad one names `flag`.
Result<std::optional<Date>> OptionalDateFlag(const std::string& text, const char* flag);

// One per command file.
void RegisterClassify(CLI::App& app, Context& ctx);
void RegisterCatalog(CLI::App& app, Context& ctx);
void RegisterRules(CLI::App& app, Context& ctx);
void RegisterAuditLog(CLI::App& app, Context& ctx);
void RegisterLists(CLI::App& app, Context& ctx);
void RegisterScreen(CLI::App& app, Context& ctx);
void RegisterGraph(CLI::App& app, Context& ctx);
void RegisterTrace(CLI::App& app, Context& ctx);
void RegisterAudit(CLI::App& app, Context& ctx);
void RegisterBatch(CLI::App& app, Context& ctx);
void RegisterReview(CLI::App& app, Context& ctx);
void RegisterParties(CLI::App& app, Context& ctx);
void RegisterServe(CLI::App& app, Context& ctx);
void RegisterKeys(CLI::App& app, Context& ctx);

}  // namespace chokepoint::cli
