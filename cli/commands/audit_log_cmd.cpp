// chokepoint audit-log verify|export: check the hash chain; write records as JSON lines.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

int RunVerify(const Context& ctx) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto result = (*store)->VerifyAuditLog();
  if (!result.ok()) return Fail(result.status());
  if (result->intact) {
    std::cout << "ok: " << result->records_checked << " audit records, chain intact\n";
    return kExitClear;
  }
  std::cout << "BROKEN at record "
            << (result->first_bad_seq ? std::to_string(*result->first_bad_seq) : "?") << ": "
            << result->problem << "\n";
  return kExitFindings;
}

int RunExport(const Context& ctx, const std::string& since_text) {
  std::optional<Date> since;
  if (!since_text.empty()) {
    auto d = Date::Parse(since_text);
    if (!d.ok()) return Fail(d.status().WithContext("--since"));
    since = *d;
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  Status s = (*store)->ExportAudit(since, [](const AuditRecord& r) {
    nlohmann::ordered_json j = {
        {"seq", r.seq}, {"recorded_at", r.recorded_at}, {"kind", r.kind}, {"actor", r.actor}};
    j["payload"] = nlohmann::ordered_json::parse(r.payload, nullptr, /*allow_exceptions=*/false);
    if (j["payload"].is_discarded()) j["payload"] = r.payload;
    j["prev_hash"] = r.prev_hash;
    j["hash"] = r.hash;
    std::cout << j.dump() << "\n";
    return Status::OK();
  });
  return s.ok() ? kExitClear : Fail(s);
}

}  // namespace

void RegisterAuditLog(CLI::App& app, Context& ctx) {
  auto since = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("audit-log", "Verify or export the append-only audit log");
  cmd->require_subcommand(1);
  cmd->add_subcommand("verify",
                      "Exit 0 when the hash chain is intact, 1 naming the first bad record")
      ->callback([&ctx] { ctx.exit_code = RunVerify(ctx); });
  CLI::App* exp = cmd->add_subcommand("export", "Write audit records as JSON lines");
  exp->add_option("--since", *since, "only records from this date (YYYY-MM-DD)");
  exp->callback([&ctx, since] { ctx.exit_code = RunExport(ctx, *since); });
}

}  // namespace chokepoint::cli
