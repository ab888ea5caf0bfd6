#include "party_registrar.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <map>

#include "chokepoint/service/party_register.h"

namespace chokepoint::api {

namespace {

// What Seen() remembers: the spelling as the request gave it, by where it was seen.
std::string SpellingKey(std::string_view prefix, std::string_view name, std::string_view country) {
  std::string key;
  key.reserve(prefix.size() + name.size() + country.size() + 2);
  key.append(prefix).append(1, '\x1f').append(name).append(1, '\x1f').append(country);
  return key;
}

}  // namespace

PartyRegistrar::PartyRegistrar(std::unique_ptr<Store> store, Options options)
    : store_(std::move(store)), options_(options) {
  thread_ = std::thread([this] { Run(); });
}

PartyRegistrar::~PartyRegistrar() { Stop(); }

void PartyRegistrar::Seen(std::string_view prefix, std::string_view name,
                          std::string_view country) {
  if (name.empty()) return;
  std::string spelling = SpellingKey(prefix, name, country);
  std::lock_guard lock(mu_);
  if (remembered_.size() >= options_.remember) remembered_.clear();
  if (!remembered_.insert(std::move(spelling)).second) return;
  pending_.push_back({std::string(prefix), std::string(name), std::string(country)});
}

Status PartyRegistrar::Flush() {
  std::lock_guard flush_lock(flush_mu_);
  std::vector<Pending> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return Status::OK();
  // Keyed as a ledger audit keys its parties, so spellings that normalise alike are one party.
  std::map<std::string, PartyRecord> records;
  for (const Pending& p : batch) {
    PartyRecord r = service::SeenPartyRecord(p.prefix, p.name, p.country);
    if (Status s = NormalizePartyRecord(&r); !s.ok()) {
      // The screen call itself validated its fields; this is a party the register cannot hold.
      spdlog::warn("party register: '{}' not registered: {}", p.name, s.message());
      continue;
    }
    records.emplace(r.id, std::move(r));
  }
  std::vector<PartyRecord> parties;
  parties.reserve(records.size());
  for (auto& [id, r] : records) parties.push_back(std::move(r));
  if (parties.empty()) return Status::OK();
  auto counts = service::RegisterParties(*store_, std::move(parties), "api", "api", "{}");
  if (!counts.ok()) {
    // Forget them, so a later call queues them again.
    std::lock_guard lock(mu_);
    for (const Pending& p : batch) {
      remembered_.erase(SpellingKey(p.prefix, p.name, p.country));
    }
    return counts.status();
  }
  return Status::OK();
}

void PartyRegistrar::Run() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.flush_ms), [&] { return stopping_; });
      if (stopping_) return;
    }
    if (Status s = Flush(); !s.ok()) spdlog::error("party register: {}", s.message());
  }
}

Status PartyRegistrar::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!thread_.joinable()) return Status::OK();
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  return Flush();
}

}  // namespace chokepoint::api
