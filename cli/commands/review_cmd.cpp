// chokepoint review HIT_ID: a reviewer's decision on a batch hit (service::ReviewHit).
#include <cstdio>

#include "chokepoint/service/batch.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct ReviewFlags {
  std::string hit_id, decision, note, until;
};

int RunReview(const Context& ctx, const ReviewFlags& f) {
  service::ReviewRequest r;
  r.hit_id = f.hit_id;
  r.decision = f.decision;
  r.note = f.note;
  auto until = OptionalDateFlag(f.until, "--until");
  if (!until.ok()) return Fail(until.status());
  r.until = *until;
  r.actor = service::DefaultReviewerActor();
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto outcome = service::ReviewHit(**store, r);
  if (!outcome.ok()) return Fail(outcome.status());
  std::printf("hit %s (party %s, %s %s) is now %s%s%s; audit record %lld\n",
              outcome->hit.hit_id.c_str(), outcome->hit.party_id.c_str(),
              outcome->hit.source_code.c_str(), outcome->hit.list_id.c_str(),
              outcome->hit.status.c_str(), f.until.empty() ? "" : " until ", f.until.c_str(),
              static_cast<long long>(outcome->audit_seq));
  return kExitClear;
}

}  // namespace

void RegisterReview(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<ReviewFlags>();
  CLI::App* cmd = app.add_subcommand("review", "Record a reviewer's decision on a batch hit");
  cmd->add_option("hit_id", f->hit_id, "the hit id from alerts.jsonl")->required();
  cmd->add_option("--decision", f->decision, "false-positive, true-match or escalate")
      ->required()
      ->check(CLI::IsMember({"false-positive", "true-match", "escalate"}));
  cmd->add_option("--note", f->note, "why (kept in the audit log)")->required();
  cmd->add_option("--until", f->until, "false-positive only: the decision lapses after this day");
  cmd->callback([&ctx, f] { ctx.exit_code = RunReview(ctx, *f); });
}

}  // namespace chokepoint::cli
