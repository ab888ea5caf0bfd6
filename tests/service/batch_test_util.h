// Shared by the batch tests: an in-memory store with lists and a register, alert summaries, and
// the ledger as a comparable set.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "chokepoint/data/list_import.h"
#include "chokepoint/data/party_register_csv.h"
#include "chokepoint/service/batch.h"
#include "chokepoint/service/party_register.h"
#include "chokepoint/store.h"
#include "testutil.h"

namespace chokepoint::testing {

using namespace chokepoint::service;

inline std::unique_ptr<Store> MemoryStore() {
  auto store = OpenSqliteStore(":memory:");
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline void ImportList(Store& store, const std::vector<std::string>& files,
                       data::ListFormat format) {
  auto r = data::ImportListFiles(store, files, format, /*strict=*/false, "test");
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
}

inline void ImportCustomers(Store& store, const std::string& path) {
  auto r = service::ImportCustomerMaster(store, path, "test");
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
}

inline BatchSummary Run(Store& store, const std::string& as_of, BatchOptions options = {}) {
  options.as_of = *Date::Parse(as_of);
  options.threads = 2;
  auto r = RunBatch(store, options);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}

// "kind party list_id reason" per alert of the run, in file order.
inline std::vector<std::string> AlertLines(Store& store, int64_t run_id) {
  std::vector<std::string> out;
  Status s = store.ForEachBatchAlert(run_id, [&](const BatchAlertRecord& a) {
    out.push_back(a.kind + " " + a.party_id + " " + a.list_id + " " + a.reason);
    return Status::OK();
  });
  REQUIRE(s.ok());
  return out;
}

inline std::string AlertsJsonl(Store& store, int64_t run_id) {
  std::string out;
  Status s = store.ForEachBatchAlert(run_id, [&](const BatchAlertRecord& a) {
    out += BatchAlertToJson(a) + "\n";
    return Status::OK();
  });
  REQUIRE(s.ok());
  return out;
}

// The active ledger: hit id → (score, entry hash, party hash).
using LedgerView = std::map<std::string, std::tuple<double, std::string, std::string>>;

inline LedgerView ActiveLedger(Store& store) {
  LedgerView view;
  auto hits = store.LedgerHitsForParties("", "\x7f\x7f\x7f\x7f");
  REQUIRE(hits.ok());
  for (const LedgerHit& h : *hits) {
    if (h.active) view[h.hit_id] = {h.score, h.entry_hash, h.party_hash};
  }
  return view;
}

}  // namespace chokepoint::testing
