#include "audit_writer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

namespace chokepoint::api {

AuditWriter::AuditWriter(std::unique_ptr<Store> store, Options options)
    : store_(std::move(store)), options_(options) {
  thread_ = std::thread([this] { Run(); });
}

AuditWriter::~AuditWriter() { Stop(); }

Result<uint64_t> AuditWriter::Submit(AuditAppend record) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return Status::IOError("the audit writer has stopped");
  if (queue_.size() >= options_.queue_limit) {
    return Status::IOError("the audit queue is full (" + std::to_string(queue_.size()) +
                           " records waiting for the database)");
  }
  queue_.push_back(std::move(record));
  uint64_t ticket = ++submitted_;
  if (queue_.size() == 1) work_cv_.notify_one();
  return ticket;
}

Status AuditWriter::WaitCommitted(uint64_t ticket, int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  bool done = committed_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                                     [&] { return committed_ >= ticket; });
  if (done) return Status::OK();
  return Status::IOError("the audit record was not committed in time" +
                         (last_error_.ok() ? std::string() : ": " + last_error_.message()));
}

void AuditWriter::Run() {
  std::vector<AuditAppend> batch;
  auto backoff = std::chrono::milliseconds(10);
  std::chrono::steady_clock::time_point give_up{};
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and everything is committed
      if (stopping_ && give_up == std::chrono::steady_clock::time_point{}) {
        give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(drain_timeout_ms_);
      }
      size_t n = std::min(queue_.size(), options_.max_batch);
      // Copied, and left in the queue until committed, so a failed commit loses nothing and a
      // retry appends the same records in the same order.
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    Result<int64_t> seq = store_->AppendAuditBatch(batch);
    std::unique_lock<std::mutex> lock(mu_);
    if (seq.ok()) {
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
      committed_ += batch.size();
      healthy_ = true;
      backoff = std::chrono::milliseconds(10);
      committed_cv_.notify_all();
      if (options_.group_window_ms > 0 && !stopping_ && queue_.size() < options_.max_batch) {
        work_cv_.wait_for(lock, std::chrono::milliseconds(options_.group_window_ms),
                          [&] { return stopping_; });
      }
      continue;
    }
    ++failed_commits_;
    healthy_ = false;
    last_error_ = seq.status();
    spdlog::error("audit writer: committing {} records failed, will retry: {}", batch.size(),
                  seq.status().message());
    if (stopping_ && std::chrono::steady_clock::now() >= give_up) {
      spdlog::critical("audit writer: giving up with {} records not written", queue_.size());
      return;
    }
    work_cv_.wait_for(lock, backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
  }
}

Status AuditWriter::Stop(int drain_timeout_ms) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!thread_.joinable()) return last_error_;
    stopping_ = true;
    drain_timeout_ms_ = drain_timeout_ms;
  }
  work_cv_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (!queue_.empty()) {
    return Status::IOError(std::to_string(queue_.size()) +
                           " audit records could not be written: " + last_error_.message());
  }
  return Status::OK();
}

size_t AuditWriter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}
uint64_t AuditWriter::committed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return committed_;
}
uint64_t AuditWriter::failed_commits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_commits_;
}
bool AuditWriter::healthy() const {
  std::lock_guard<std::mutex> lock(mu_);
  return healthy_;
}

}  // namespace chokepoint::api
