// chokepoint rules check|list: validate a rule pack; show what is in force on a day.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct RulesFlags {
  std::string as_of;
  bool json = false;
  bool all = false;
};

int RunCheck(const Context& ctx) {
  auto pack = ctx.LoadRules();
  if (!pack.ok()) return Fail(pack.status());
  size_t groups = (*pack)->GroupIds().size();
  std::cout << "ok: " << (*pack)->fingerprint() << ": " << (*pack)->rules().size()
            << " rule versions, " << groups << " country groups, covers from "
            << (*pack)->covers_from().ToString() << "\n";
  return kExitClear;
}

int RunList(const Context& ctx, const RulesFlags& flags) {
  auto pack = ctx.LoadRules();
  if (!pack.ok()) return Fail(pack.status());
  Date day = Date::Today();
  if (!flags.as_of.empty()) {
    auto d = Date::Parse(flags.as_of);
    if (!d.ok()) return Fail(d.status().WithContext("--as-of"));
    day = *d;
  }
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& r : (*pack)->rules()) {
    RuleStanding standing = r.StandingOn(day);
    bool shown = flags.all || standing == RuleStanding::kInForce ||
                 standing == RuleStanding::kStayed || standing == RuleStanding::kNotYetEnforced;
    if (!shown) continue;
    if (flags.json) {
      nlohmann::ordered_json j = {{"id", r.id},
                                  {"kind", RuleKindName(r.kind)},
                                  {"standing", RuleStandingName(standing)},
                                  {"title", r.title},
                                  {"citation", r.citation},
                                  {"fr", r.fr},
                                  {"effective", r.effective.ToString()},
                                  {"outcome", r.outcome},
                                  {"source", r.file + ":" + std::to_string(r.line)}};
      rules.push_back(std::move(j));
    } else {
      std::cout << r.id << "  [" << RuleKindName(r.kind) << "; " << RuleStandingName(standing)
                << "; " << r.effective.ToString() << "]\n    " << r.title << "\n    " << r.citation
                << (r.fr.empty() ? "" : "; " + r.fr) << "\n";
    }
  }
  if (flags.json) {
    nlohmann::ordered_json doc = {
        {"rules_version", (*pack)->fingerprint()}, {"as_of", day.ToString()}, {"rules", rules}};
    std::cout << doc.dump() << "\n";
  }
  return kExitClear;
}

}  // namespace

void RegisterRules(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<RulesFlags>();
  CLI::App* cmd =
      app.add_subcommand("rules", "Validate the rule pack or list the rules in force on a date");
  cmd->require_subcommand(1);
  CLI::App* check =
      cmd->add_subcommand("check", "Load and validate the rule pack; errors name file and line");
  check->callback([&ctx] { ctx.exit_code = RunCheck(ctx); });
  CLI::App* list = cmd->add_subcommand("list", "Rules in force (or stayed) on a date");
  list->add_option("--as-of", flags->as_of, "YYYY-MM-DD (default today)");
  list->add_flag("--all", flags->all, "also rules not yet in force or expired on that date");
  list->add_flag("--json", flags->json, "print the JSON document");
  list->callback([&ctx, flags] { ctx.exit_code = RunList(ctx, *flags); });
}

}  // namespace chokepoint::cli
