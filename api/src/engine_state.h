// What the request threads share: the rule pack, the catalog, and the current screening index
// with the list snapshots it was built from. The index is an immutable snapshot behind an atomic
// shared_ptr: a request takes one reference and uses it to the end, while a reload builds the next
// index off to the side and swaps it in with one store. Requests never see a half-built index and
// never wait for a reload.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/data/catalog.h"
#include "chokepoint/rules.h"
#include "chokepoint/screen_store.h"
#include "chokepoint/service/trace_service.h"
#include "chokepoint/shipment_audit.h"
#include "chokepoint/status.h"

namespace chokepoint::api {

struct IndexSnapshot {
  std::shared_ptr<const ScreeningIndex> index;
  std::vector<ListSnapshot> snapshots;  // the active snapshots it was built from
  int64_t generation = 0;               // 1, 2, ... per swap
  std::chrono::system_clock::time_point loaded_at;

  // The party network linked to this index, built on the first trace (linking every party to
  // the lists is far too slow to repeat per request) and kept while this index is current.
  mutable std::mutex graph_mu;
  mutable std::shared_ptr<const service::LinkedGraph> graph;
  // The shipment auditor over this index and that graph, built on the first shipment check.
  mutable std::shared_ptr<const ShipmentAuditor> auditor;
};

class EngineState {
 public:
  EngineState(std::string db_path, std::shared_ptr<const RulePack> pack, data::Catalog catalog);
  ~EngineState();  // waits for a running reload

  // Builds the index from the database now (on the calling thread) and swaps it in.
  Status Reload();
  // Asks the background thread to reload; returns at once. Requests made while a reload runs
  // are folded into one more reload after it.
  void ReloadInBackground();
  // Blocks until no reload is pending or running.
  void WaitForReloads();

  // The current index; null before the first successful load.
  std::shared_ptr<const IndexSnapshot> Current() const { return current_.load(); }
  // The linked party graph for `snapshot`, built once per index.
  Result<std::shared_ptr<const service::LinkedGraph>> Graph(const IndexSnapshot& snapshot) const;

  // The shipment auditor for `snapshot` (its index, the linked graph when a network was imported),
  // built once per index.
  Result<std::shared_ptr<const ShipmentAuditor>> Auditor(const IndexSnapshot& snapshot) const;

  const std::shared_ptr<const RulePack>& pack() const { return pack_; }
  const data::Catalog& catalog() const { return catalog_; }
  const Status& last_reload_error() const;

 private:
  void ReloadLoop();

  const std::string db_path_;
  const std::shared_ptr<const RulePack> pack_;
  const data::Catalog catalog_;
  std::atomic<std::shared_ptr<const IndexSnapshot>> current_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool running_ = false;
  bool stopping_ = false;
  int64_t next_generation_ = 1;
  Status last_error_;
  std::thread thread_;
};

}  // namespace chokepoint::api
