// chokepoint batch run|status|alerts: nightly re-screening of the party register with a hit ledger
// (docs/batch.md). The workflow is service::RunBatch; `review` and `parties import` have their own
// files.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "chokepoint/service/batch.h"
#include "cli/cli.h"

namespace chokepoint::cli {

Result<std::optional<Date>> OptionalDateFlag(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Date>();
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext(flag);
  return std::optional<Date>(*d);
}

namespace {

using namespace service;

struct BatchFlags {
  std::string alerts_path, as_of;
  service::BatchOptions options;
  int64_t run = 0;
  bool json = false;
};

void PrintSummary(const BatchSummary& s, const std::string& alerts_path) {
  std::printf("batch run %lld %s (%s, as of %s%s): %lld of %lld parties screened in %.2f s\n",
              static_cast<long long>(s.run_id), s.resumed ? "resumed and completed" : "completed",
              s.mode.c_str(), s.as_of.c_str(),
              s.base_run ? (", against run " + std::to_string(*s.base_run)).c_str() : "",
              static_cast<long long>(s.parties_screened),
              static_cast<long long>(s.parties_registered), s.seconds);
  std::printf("  lists: %lld added, %lld removed, %lld changed, %lld unchanged entries\n",
              static_cast<long long>(s.delta.added), static_cast<long long>(s.delta.removed),
              static_cast<long long>(s.delta.changed), static_cast<long long>(s.delta.unchanged));
  std::printf("  alerts: %lld new hits, %lld removed hits, %lld changed entries%s%s\n",
              static_cast<long long>(s.new_hits), static_cast<long long>(s.removed_hits),
              static_cast<long long>(s.changed_entries), alerts_path.empty() ? "" : " -> ",
              alerts_path.c_str());
}

int RunBatchRun(const Context& ctx, const BatchFlags& f) {
  BatchOptions options = f.options;
  auto as_of = OptionalDateFlag(f.as_of, "--as-of");
  if (!as_of.ok()) return Fail(as_of.status());
  options.as_of = *as_of;
  if (f.options.threshold > 1) {
    return Fail(Status::InvalidArgument("--threshold must be between 0 and 1"));
  }
  options.actor = "cli";
  auto rules = ctx.LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  options.rules = *rules;
  const int64_t kill_after = TestKillAfterChunks();
  int64_t committed = 0;
  options.on_chunk = [&](const BatchProgress& p) {
    if (kill_after > 0 && ++committed == kill_after) std::raise(SIGKILL);
    if (isatty(STDERR_FILENO)) {
      std::fprintf(stderr, "\rrun %lld: %lld/%lld parties", static_cast<long long>(p.run_id),
                   static_cast<long long>(p.parties_seen), static_cast<long long>(p.parties_total));
    }
  };
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  if (!f.alerts_path.empty()) {
    options.before_complete = [&](int64_t run_id) {
      return WriteBatchAlerts(**store, run_id, f.alerts_path).status();
    };
  }
  auto summary = RunBatch(**store, options);
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  if (!summary.ok()) {
    if (summary.status().IsInvalidArgument() && summary.status().message() == kNoListsImported) {
      return Fail(Status::InvalidArgument(std::string(kNoListsImported) +
                                          ": run `chokepoint lists import FILE...`"));
    }
    return Fail(summary.status());
  }
  if (f.json) {
    std::cout << summary->ToJson() << "\n";
  } else {
    PrintSummary(*summary, f.alerts_path);
  }
  return summary->alerts() > 0 ? kExitFindings : kExitClear;
}

int RunBatchStatus(const Context& ctx, const BatchFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto report = GetBatchStatus(**store);
  if (!report.ok()) return Fail(report.status());
  if (f.json) {
    std::cout << BatchStatusToJson(*report) << "\n";
    return kExitClear;
  }
  std::printf("%lld registered parties; active hits:",
              static_cast<long long>(report->registered_parties));
  if (report->active_hits.empty()) std::printf(" none");
  for (const auto& [status, n] : report->active_hits) {
    std::printf(" %lld %s", static_cast<long long>(n), status.c_str());
  }
  std::printf("\n");
  if (report->running) {
    const BatchRunRecord& r = *report->running;
    std::printf(
        "run %lld is unfinished (started %s): %lld chunks, %lld parties screened, %lld "
        "alerts so far; `chokepoint batch run` resumes it\n",
        static_cast<long long>(r.run_id), r.started_at.c_str(),
        static_cast<long long>(r.chunks_done), static_cast<long long>(r.parties_done),
        static_cast<long long>(r.alerts));
  }
  if (report->recent.empty()) std::printf("no batch runs yet\n");
  for (const BatchRunRecord& r : report->recent) {
    std::printf("  run %-4lld %-9s as of %s  started %s  %s%-20s  %lld parties, %lld alerts\n",
                static_cast<long long>(r.run_id), r.state.c_str(), r.as_of.c_str(),
                r.started_at.c_str(), r.completed_at ? "completed " : "",
                r.completed_at ? r.completed_at->c_str() : "",
                static_cast<long long>(r.parties_done), static_cast<long long>(r.alerts));
  }
  return kExitClear;
}

int RunBatchAlerts(const Context& ctx, const BatchFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  int64_t n = 0;
  Status s = ForEachBatchAlertLine(**store, f.run, [&](const std::string& line) {
    std::cout << line << "\n";
    ++n;
  });
  if (!s.ok()) return Fail(s);
  return n > 0 ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterBatch(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<BatchFlags>();
  CLI::App* cmd = app.add_subcommand("batch", "Nightly re-screening of the party register");
  cmd->require_subcommand(1);

  CLI::App* run = cmd->add_subcommand(
      "run", "Screen the register against the newest lists; resume an interrupted run");
  run->add_option("--alerts", f->alerts_path, "write this run's alerts here as JSON lines");
  run->add_option("--as-of", f->as_of,
                  "screen for this day (default today); decisions expire "
                  "against it");
  run->add_option("--threshold", f->options.threshold, "minimum score 0..1 (default as `screen`)");
  run->add_option("--limit", f->options.limit, "at most this many hits per party (default 10)");
  run->add_option("--chunk-size", f->options.chunk_size, "parties per checkpoint (default 5000)")
      ->check(CLI::PositiveNumber);
  run->add_option("--threads", f->options.threads, "screening threads (default: one per core)");
  run->add_flag("--full", f->options.full, "screen every party even when nothing changed");
  run->add_flag("--json", f->json, "print the summary as JSON");
  run->callback([&ctx, f] { ctx.exit_code = RunBatchRun(ctx, *f); });

  CLI::App* status = cmd->add_subcommand("status", "Runs, progress and the hit ledger");
  status->add_flag("--json", f->json, "print the JSON document");
  status->callback([&ctx, f] { ctx.exit_code = RunBatchStatus(ctx, *f); });

  CLI::App* alerts = cmd->add_subcommand("alerts", "Print a run's alerts as JSON lines");
  alerts->add_option("--run", f->run, "run id (default: the last completed run)");
  alerts->callback([&ctx, f] { ctx.exit_code = RunBatchAlerts(ctx, *f); });
}

}  // namespace chokepoint::cli
