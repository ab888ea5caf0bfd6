// Nightly batch re-screening, the use case: delta detection between list snapshots, the hit ledger
// with reviewer decisions, and resumable runs. The CLI, the REST API and a scheduler call these
// same functions; docs/batch.md explains the model. The party register they screen is
// chokepoint/service/party_register.h; reconciling one party's hits with the ledger is the pure
// chokepoint/hit_ledger.h.
//
// A run screens every registered party against the full index of the newest snapshots (so scores
// equal `chokepoint screen`), reconciles each party's hits with the ledger, and raises an alert
// for every new hit, every hit that disappeared and every hit whose list entry changed, unless a
// still-valid false-positive decision suppresses it. When neither the snapshots nor anything that
// decides a hit changed since the last completed run, only new or changed parties are screened.
// Parties are processed in chunks ordered by id; each chunk's ledger rows, alerts and checkpoint
// commit in one transaction, so a killed run resumes where it stopped and raises exactly the
// alerts an uninterrupted run would.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/rules.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

// ---- Runs ------------------------------------------------------------------------------------

struct BatchProgress {
  int64_t run_id = 0;
  int64_t chunks_done = 0;   // chunks committed by this run, including before a resume
  int64_t parties_seen = 0;  // parties this process went through
  int64_t parties_total = 0;
};

struct BatchOptions {
  std::optional<Date> as_of;  // the day screened for and decisions expire against; default today
  double threshold = -1;      // negative: DefaultScreenThreshold()
  size_t limit = 10;          // hits kept per party, as `chokepoint screen --limit`
  size_t chunk_size = 5000;   // parties per checkpoint
  unsigned threads = 0;       // 0: one per core
  bool full = false;          // screen every party even when nothing changed
  std::string actor;
  // The rule pack whose ownership rules (OFAC 50 %, BIS Affiliates) turn the stored party
  // network into ownership hits; null: list hits only.
  std::shared_ptr<const RulePack> rules;
  // Called after each committed chunk. Tests kill the process here to prove resumability.
  std::function<void(const BatchProgress&)> on_chunk;
  // Called once every chunk is committed, before the run is marked completed. A failure leaves
  // the run unfinished (a rerun calls it again), so what it writes (the CLI's alerts file) is
  // complete before the run counts as done.
  std::function<Status(int64_t run_id)> before_complete;
};

struct BatchDelta {
  int64_t added = 0;
  int64_t removed = 0;
  int64_t changed = 0;
  int64_t unchanged = 0;
};

struct BatchSummary {
  int64_t run_id = 0;
  bool resumed = false;  // this call finished a run an earlier process started
  std::optional<int64_t> base_run;
  std::vector<int64_t> snapshots;
  std::string as_of;
  // "first" (no completed run before), "full" (--full), "all" (the index or as-of changed: every
  // party screened) or "parties" (nothing list-side changed: only new or changed parties).
  std::string mode;
  BatchDelta delta;
  int64_t parties_registered = 0;
  int64_t parties_screened = 0;
  int64_t new_hits = 0;  // alerts of this run by kind, including chunks before a resume
  int64_t removed_hits = 0;
  int64_t changed_entries = 0;
  int64_t alerts() const { return new_hits + removed_hits + changed_entries; }
  double seconds = 0;          // this process only
  std::string ToJson() const;  // canonical; also the "batch-run" audit payload
};

// What RunBatch says, as an InvalidArgument message, when no list was imported yet (each front end
// adds its own advice).
inline constexpr const char* kNoListsImported = "no lists imported yet";

// Resumes the running run if there is one (with its own snapshots, as-of and parameters; the
// options then only supply threads, actor and on_chunk), else starts a new one against the active
// snapshots. InvalidArgument kNoListsImported when no list was imported yet.
Result<BatchSummary> RunBatch(Store& store, const BatchOptions& options);

// One alert as a line of alerts.jsonl (no newline): {"alert_id","kind","party":{"id","name"},
// "hit":HIT,"run", extensions "hit_id","reason"}.
std::string BatchAlertToJson(const BatchAlertRecord& alert);

// Writes the run's alerts to `path`, one BatchAlertToJson line each, through `path`.tmp renamed
// into place, so a reader never sees half a file and a resumed run's file holds every alert of
// the run. Returns the number of lines written.
Result<int64_t> WriteBatchAlerts(Store& store, int64_t run_id, const std::string& path);
// The run's alerts, one BatchAlertToJson line each (no newline), in file order; run_id <= 0: the
// last completed run (InvalidArgument "no completed batch run yet" when there is none).
Status ForEachBatchAlertLine(Store& store, int64_t run_id,
                             const std::function<void(const std::string&)>& line);

// ---- Reviews and status ----------------------------------------------------------------------

struct ReviewRequest {
  std::string hit_id;
  std::string decision;       // "false-positive", "true-match" or "escalate"
  std::string note;           // why; required
  std::optional<Date> until;  // false-positive only: the decision lapses after this day
  std::string actor;
};

struct ReviewOutcome {
  LedgerHit hit;  // as decided
  int64_t audit_seq = 0;
};

// Records the decision on the hit, in the ledger and the audit log (one transaction).
// InvalidArgument for a bad decision, an empty note or --until on another decision; NotFound for
// an unknown hit id.
Result<ReviewOutcome> ReviewHit(Store& store, const ReviewRequest& request);

struct BatchStatusReport {
  std::optional<BatchRunRecord> running;
  std::vector<BatchRunRecord> recent;  // newest first
  int64_t registered_parties = 0;
  std::vector<std::pair<std::string, int64_t>> active_hits;  // by status
};

Result<BatchStatusReport> GetBatchStatus(Store& store, size_t recent_runs = 5);
std::string BatchStatusToJson(const BatchStatusReport& report);

}  // namespace chokepoint::service
