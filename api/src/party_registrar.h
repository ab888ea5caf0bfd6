// Parties seen by API calls join the party register the nightly batch re-screens, as parties from
// ledger audits and graph imports do. A request only records the spelling it saw (a hash-set
// lookup); a background thread normalises, validates and upserts what was queued once a second, in
// one transaction with one "parties-import" audit record, so the API keeps its throughput.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "chokepoint/store.h"

namespace chokepoint::api {

class PartyRegistrar {
 public:
  struct Options {
    int flush_ms = 1000;
    // Spellings remembered as already registered; the set is cleared when it grows past this,
    // which costs only a repeated (idempotent) upsert.
    size_t remember = 1'000'000;
  };
  PartyRegistrar(std::unique_ptr<Store> store, Options options);
  ~PartyRegistrar();  // Stop()s
  PartyRegistrar(const PartyRegistrar&) = delete;
  PartyRegistrar& operator=(const PartyRegistrar&) = delete;

  // `prefix` names where the party was seen: "api" (screen calls) or "ledger" (shipment checks,
  // the id a ledger audit gives the same party). Empty names are ignored.
  void Seen(std::string_view prefix, std::string_view name, std::string_view country);
  // Registers everything queued now (tests; shutdown).
  Status Flush();
  Status Stop();

 private:
  struct Pending {
    std::string prefix, name, country;
  };
  void Run();

  std::unique_ptr<Store> store_;
  const Options options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_set<std::string> remembered_;
  std::vector<Pending> pending_;
  bool stopping_ = false;
  std::mutex flush_mu_;  // one flush at a time
  std::thread thread_;
};

}  // namespace chokepoint::api
