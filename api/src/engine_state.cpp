#include "engine_state.h"

#include <spdlog/spdlog.h>

#include "chokepoint/data/ledger_csv.h"
#include "chokepoint/service/screen_service.h"

namespace chokepoint::api {

EngineState::EngineState(std::string db_path, std::shared_ptr<const RulePack> pack,
                         data::Catalog catalog)
    : db_path_(std::move(db_path)), pack_(std::move(pack)), catalog_(std::move(catalog)) {
  thread_ = std::thread([this] { ReloadLoop(); });
}

EngineState::~EngineState() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

Status EngineState::Reload() {
  // A connection of its own: the build reads every entry, and must not hold up the server's
  // other database work (key lookups, the audit writer).
  auto store = OpenSqliteStore(db_path_);
  if (!store.ok()) return store.status();
  auto loaded = service::LoadScreeningIndex(**store, {.allow_empty = true, .log = false});
  if (!loaded.ok()) return loaded.status();
  if (loaded->snapshots.empty()) return Status::OK();  // nothing to screen against yet
  auto next = std::make_shared<IndexSnapshot>();
  next->index = loaded->index;
  next->snapshots = std::move(loaded->snapshots);
  next->loaded_at = std::chrono::system_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    next->generation = next_generation_++;
  }
  spdlog::info("screening index generation {}: {} entries from {} snapshots in {:.2f} s",
               next->generation, next->index->entries(), next->snapshots.size(),
               loaded->load_seconds);
  current_.store(std::move(next));
  return Status::OK();
}

void EngineState::ReloadInBackground() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ = true;
  }
  cv_.notify_all();
}

void EngineState::WaitForReloads() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return (!pending_ && !running_) || stopping_; });
}

const Status& EngineState::last_reload_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

void EngineState::ReloadLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return pending_ || stopping_; });
    if (stopping_) return;
    pending_ = false;
    running_ = true;
    lock.unlock();
    Status s = Reload();
    if (!s.ok()) spdlog::error("rebuilding the screening index failed: {}", s.ToString());
    lock.lock();
    last_error_ = s;
    running_ = false;
    cv_.notify_all();
  }
}

Result<std::shared_ptr<const service::LinkedGraph>> EngineState::Graph(
    const IndexSnapshot& snapshot) const {
  std::lock_guard<std::mutex> lock(snapshot.graph_mu);
  if (snapshot.graph) return snapshot.graph;
  auto store = OpenSqliteStore(db_path_);
  if (!store.ok()) return store.status();
  auto linked = service::LoadLinkedGraph(**store, *snapshot.index, pack_);
  if (!linked.ok()) return linked.status();
  snapshot.graph = std::make_shared<const service::LinkedGraph>(std::move(linked).value());
  return snapshot.graph;
}

Result<std::shared_ptr<const ShipmentAuditor>> EngineState::Auditor(
    const IndexSnapshot& snapshot) const {
  auto graph = Graph(snapshot);  // takes graph_mu itself
  std::lock_guard<std::mutex> lock(snapshot.graph_mu);
  if (snapshot.auditor) return snapshot.auditor;
  ShipmentAuditor::Setup setup;
  setup.rules = pack_;
  setup.index = snapshot.index;
  // No network imported yet: shipments are still judged, without tracing.
  if (graph.ok()) setup.graph = (*graph)->graph;
  // Server-side spec files are not an API input: items are catalog parts or eccn:<ECCN>.
  auto catalog = std::make_shared<const data::Catalog>(catalog_);
  auto resolve = data::MakeItemResolver(catalog, "");
  setup.resolve_item = [resolve](std::string_view item) -> Result<ResolvedItem> {
    if (item.rfind("spec:", 0) == 0) {
      return Status::InvalidArgument(
          "spec: files are not read by the server; give a catalog part "
          "or eccn:<ECCN>, or classify the spec with POST /v1/classify");
    }
    return resolve(item);
  };
  snapshot.auditor = std::make_shared<const ShipmentAuditor>(std::move(setup));
  return snapshot.auditor;
}

}  // namespace chokepoint::api
