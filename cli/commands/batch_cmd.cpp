// chokepoint batch run|status|alerts, review, parties import: nightly re-screening of the party
// register with a hit ledger and reviewer decisions (docs/batch.md).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chokepoint/batch.h"
#include "chokepoint/data/party_register_csv.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct BatchFlags {
  std::string alerts_path, as_of, until, hit_id, decision, note, file;
  double threshold = -1;
  size_t limit = 10;
  size_t chunk_size = 5000;
  unsigned threads = 0;
  int64_t run = 0;
  bool full = false;
  bool json = false;
};

Result<std::optional<Date>> OptionalDate(const std::string& text, const char* flag) {
  if (text.empty()) return std::optional<Date>();
  Result<Date> d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext(flag);
  return std::optional<Date>(*d);
}

// Writes a run's alerts, one JSON line each, through a temporary file renamed into place, so a
// reader never sees half a file and a resumed run's file holds every alert of the run.
Status WriteAlerts(Store& store, int64_t run_id, const std::string& path, int64_t* written) {
  const std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write '" + tmp + "'");
  *written = 0;
  Status s = store.ForEachBatchAlert(run_id, [&](const BatchAlertRecord& a) {
    out << BatchAlertToJson(a) << '\n';
    ++*written;
    return Status::OK();
  });
  if (!s.ok()) return s;
  out.close();
  if (!out) return Status::IOError("failed writing '" + tmp + "'");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError("renaming '" + tmp + "' to '" + path + "': " + ec.message());
  return Status::OK();
}

// Test hook, not a feature: kill this process with SIGKILL right after the Nth chunk it commits,
// so tests can prove that a rerun resumes with exactly the alerts of an uninterrupted run.
int64_t KillAfterChunks() {
  const char* env = std::getenv("CHOKEPOINT_TEST_KILL_AFTER_CHUNKS");
  return env != nullptr && *env != '\0' ? std::atoll(env) : 0;
}

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
  BatchOptions options;
  auto as_of = OptionalDate(f.as_of, "--as-of");
  if (!as_of.ok()) return Fail(as_of.status());
  options.as_of = *as_of;
  if (f.threshold > 1) return Fail(Status::InvalidArgument("--threshold must be between 0 and 1"));
  options.threshold = f.threshold;
  options.limit = f.limit;
  options.chunk_size = f.chunk_size;
  options.threads = f.threads;
  options.full = f.full;
  options.actor = "cli";
  auto rules = ctx.LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  options.rules = *rules;
  const int64_t kill_after = KillAfterChunks();
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
      int64_t written = 0;
      return WriteAlerts(**store, run_id, f.alerts_path, &written);
    };
  }
  auto summary = RunBatch(**store, options);
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  if (!summary.ok()) return Fail(summary.status());
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
  int64_t run = f.run;
  if (run <= 0) {
    auto last = (*store)->LastCompletedBatchRun();
    if (!last.ok()) return Fail(last.status());
    if (!*last) return Fail(Status::InvalidArgument("no completed batch run yet"));
    run = (*last)->run_id;
  }
  int64_t n = 0;
  Status s = (*store)->ForEachBatchAlert(run, [&](const BatchAlertRecord& a) {
    std::cout << BatchAlertToJson(a) << "\n";
    ++n;
    return Status::OK();
  });
  if (!s.ok()) return Fail(s);
  return n > 0 ? kExitFindings : kExitClear;
}

int RunReview(const Context& ctx, const BatchFlags& f) {
  ReviewRequest r;
  r.hit_id = f.hit_id;
  r.decision = f.decision;
  r.note = f.note;
  auto until = OptionalDate(f.until, "--until");
  if (!until.ok()) return Fail(until.status());
  r.until = *until;
  r.actor = "cli";
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
    r.actor = std::string("cli:") + user;
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto outcome = ReviewHit(**store, r);
  if (!outcome.ok()) return Fail(outcome.status());
  std::printf("hit %s (party %s, %s %s) is now %s%s%s; audit record %lld\n",
              outcome->hit.hit_id.c_str(), outcome->hit.party_id.c_str(),
              outcome->hit.source_code.c_str(), outcome->hit.list_id.c_str(),
              outcome->hit.status.c_str(), f.until.empty() ? "" : " until ", f.until.c_str(),
              static_cast<long long>(outcome->audit_seq));
  return kExitClear;
}

int RunPartiesImport(const Context& ctx, const BatchFlags& f) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return Fail(store.status());
  auto imported = data::ImportCustomerMaster(**store, f.file, "cli");
  if (!imported.ok()) return Fail(imported.status());
  std::printf("%s: %lld parties: %lld added, %lld changed, %lld unchanged\n", f.file.c_str(),
              static_cast<long long>(imported->rows),
              static_cast<long long>(imported->counts.added),
              static_cast<long long>(imported->counts.changed),
              static_cast<long long>(imported->counts.unchanged));
  return kExitClear;
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
  run->add_option("--threshold", f->threshold, "minimum score 0..1 (default as `screen`)");
  run->add_option("--limit", f->limit, "at most this many hits per party (default 10)");
  run->add_option("--chunk-size", f->chunk_size, "parties per checkpoint (default 5000)")
      ->check(CLI::PositiveNumber);
  run->add_option("--threads", f->threads, "screening threads (default: one per core)");
  run->add_flag("--full", f->full, "screen every party even when nothing changed");
  run->add_flag("--json", f->json, "print the summary as JSON");
  run->callback([&ctx, f] { ctx.exit_code = RunBatchRun(ctx, *f); });

  CLI::App* status = cmd->add_subcommand("status", "Runs, progress and the hit ledger");
  status->add_flag("--json", f->json, "print the JSON document");
  status->callback([&ctx, f] { ctx.exit_code = RunBatchStatus(ctx, *f); });

  CLI::App* alerts = cmd->add_subcommand("alerts", "Print a run's alerts as JSON lines");
  alerts->add_option("--run", f->run, "run id (default: the last completed run)");
  alerts->callback([&ctx, f] { ctx.exit_code = RunBatchAlerts(ctx, *f); });
}

void RegisterReview(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<BatchFlags>();
  CLI::App* cmd = app.add_subcommand("review", "Record a reviewer's decision on a batch hit");
  cmd->add_option("hit_id", f->hit_id, "the hit id from alerts.jsonl")->required();
  cmd->add_option("--decision", f->decision, "false-positive, true-match or escalate")
      ->required()
      ->check(CLI::IsMember({"false-positive", "true-match", "escalate"}));
  cmd->add_option("--note", f->note, "why (kept in the audit log)")->required();
  cmd->add_option("--until", f->until, "false-positive only: the decision lapses after this day");
  cmd->callback([&ctx, f] { ctx.exit_code = RunReview(ctx, *f); });
}

void RegisterParties(CLI::App& app, Context& ctx) {
  auto f = std::make_shared<BatchFlags>();
  CLI::App* cmd = app.add_subcommand("parties", "The party register the batch re-screens");
  cmd->require_subcommand(1);
  CLI::App* import = cmd->add_subcommand(
      "import", "Upsert a customer master (CSV header: id,name,country[,address,type])");
  import->add_option("file", f->file, "customers.csv")->required();
  import->callback([&ctx, f] { ctx.exit_code = RunPartiesImport(ctx, *f);
});
}  // namespace chokepoint::cli

}  // namespace chokepoint::cli
