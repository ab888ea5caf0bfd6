// Group commit for the audit log. At thousands of API calls per second, one SQLite write
// transaction per call would be the bottleneck; instead request threads queue their records and
// one writer thread appends everything queued in one transaction (Store::AppendAuditBatch, which
// chains each record exactly as AppendAudit does). A failed commit keeps the records queued and
// is retried; a full queue makes Submit refuse (the caller answers 503) rather than drop records.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::api {

class AuditWriter {
 public:
  struct Options {
    size_t queue_limit = 100000;
    size_t max_batch = 5000;  // records per transaction
    // After a commit, wait this long for more records before the next one, so that a steady
    // stream is committed in a few large transactions instead of many small ones (each commit
    // costs an fsync and the write lock). 0 when responses wait for their commit.
    int group_window_ms = 2;
  };
  AuditWriter(std::unique_ptr<Store> store, Options options);
  ~AuditWriter();  // Stop()s
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues one record; returns its ticket for WaitCommitted. Status::IOError when the queue is
  // full or the writer stopped.
  Result<uint64_t> Submit(AuditAppend record);
  // Blocks until the record with this ticket is committed, or `timeout_ms` passes (IOError).
  Status WaitCommitted(uint64_t ticket, int timeout_ms);
  // Commits everything queued, then ends the writer thread. Returns the last commit error when
  // records could not be written within `drain_timeout_ms`.
  Status Stop(int drain_timeout_ms = 10000);

  size_t queued() const;
  uint64_t committed() const;
  uint64_t failed_commits() const;
  bool healthy() const;  // the last commit attempt succeeded

 private:
  void Run();

  std::unique_ptr<Store> store_;
  const Options options_;
  mutable std::mutex mu_;
  std::condition_variable work_cv_;       // records queued, or stopping
  std::condition_variable committed_cv_;  // committed_ advanced
  std::deque<AuditAppend> queue_;
  uint64_t submitted_ = 0;  // tickets 1..submitted_ handed out
  uint64_t committed_ = 0;  // tickets 1..committed_ are in the log
  uint64_t failed_commits_ = 0;
  bool healthy_ = true;
  bool stopping_ = false;
  int drain_timeout_ms_ = 10000;
  Status last_error_;
  std::thread thread_;
};

}  // namespace chokepoint::api
