// chokepoint keys create|list|revoke: API keys for `chokepoint serve`. The key is printed once,
// alone on the last line of stdout; the database keeps only a salted hash.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chokepoint/api/api_keys.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct KeysFlags {
  std::string role, name, key;
  bool json = false;
};

int RunCreate(const Context& ctx, const KeysFlags& f) {
  auto role = api::ParseRole(f.role);
  if (!role) return Fail(Status::InvalidArgument("--role must be screen, audit or admin"));
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto created = api::CreateApiKey(**store, *role, f.name);
  if (!created.ok()) return Fail(created.status());
  nlohmann::json audit = {{"action", "create"},
                          {"key_id", created->record.key_id},
                          {"name", created->record.name},
                          {"role", created->record.role}};
  if (auto seq = (*store)->AppendAudit("api-key", "cli", audit.dump()); !seq.ok()) {
    return Fail(seq.status());
  }
  std::printf("created API key '%s' (id %s, role %s); it is shown only now:\n",
              created->record.name.c_str(), created->record.key_id.c_str(),
              created->record.role.c_str());
  std::printf("%s\n", created->key.c_str());
  return kExitClear;
}

int RunList(const Context& ctx, const KeysFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto keys = (*store)->ListApiKeys();
  if (!keys.ok()) return Fail(keys.status());
  if (f.json) {
    nlohmann::ordered_json doc = {{"keys", nlohmann::ordered_json::array()}};
    for (const ApiKeyRecord& k : *keys) {
      doc["keys"].push_back({{"key_id", k.key_id},
                             {"name", k.name},
                             {"role", k.role},
                             {"created_at", k.created_at},
                             {"revoked_at", k.revoked_at ? nlohmann::ordered_json(*k.revoked_at)
                                                         : nlohmann::ordered_json(nullptr)}});
    }
    std::cout << doc.dump() << "\n";
    return kExitClear;
  }
  std::printf("%-16s  %-24s  %-6s  %-20s  %s\n", "id", "name", "role", "created", "revoked");
  for (const ApiKeyRecord& k : *keys) {
    std::printf("%-16s  %-24s  %-6s  %-20s  %s\n", k.key_id.c_str(), k.name.c_str(), k.role.c_str(),
                k.created_at.c_str(), k.revoked_at ? k.revoked_at->c_str() : "-");
  }
  return kExitClear;
}

int RunRevoke(const Context& ctx, const KeysFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto revoked = (*store)->RevokeApiKey(f.key);
  if (!revoked.ok()) return Fail(revoked.status());
  nlohmann::json audit = {
      {"action", "revoke"}, {"key_id", revoked->key_id}, {"name", revoked->name}};
  if (auto seq = (*store)->AppendAudit("api-key", "cli", audit.dump()); !seq.ok()) {
    return Fail(seq.status());
  }
  std::printf("revoked API key '%s' (id %s) at %s; running servers refuse it within seconds\n",
              revoked->name.c_str(), revoked->key_id.c_str(), revoked->revoked_at->c_str());
  return kExitClear;
}

}  // namespace

void RegisterKeys(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<KeysFlags>();
  CLI::App* cmd = app.add_subcommand("keys", "API keys for `chokepoint serve`");
  cmd->require_subcommand(1);
  CLI::App* create = cmd->add_subcommand("create", "Create a key; prints it once");
  create->add_option("--role", flags->role, "screen, audit or admin")
      ->required()
      ->check(CLI::IsMember({"screen", "audit", "admin"}));
  create->add_option("--name", flags->name, "a unique name (default: <role>-<key id>)");
  create->callback([&ctx, flags] { ctx.exit_code = RunCreate(ctx, *flags); });
  CLI::App* list = cmd->add_subcommand("list", "Every key (never the key itself)");
  list->add_flag("--json", flags->json, "print the JSON document");
  list->callback([&ctx, flags] { ctx.exit_code = RunList(ctx, *flags); });
  CLI::App* revoke = cmd->add_subcommand("revoke", "Revoke a key by id or name");
  revoke->add_option("key", flags->key, "key id or name")->required();
  revoke->callback([&ctx, flags] { ctx.exit_code = RunRevoke(ctx, *flags); });
}

}  // namespace chokepoint::cli
