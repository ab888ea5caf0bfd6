// RunBatch: one resumable re-screening run over the party register (see
// chokepoint/service/batch.h).
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "chokepoint/hit_ledger.h"
#include "chokepoint/json.h"
#include "chokepoint/parallel.h"
#include "chokepoint/screen.h"
#include "chokepoint/service/batch.h"
#include "ownership_hits.h"

namespace chokepoint::service {

namespace {

using hit_ledger::CurrentHit;
using hit_ledger::EntryKey;
using hit_ledger::ListChanges;
using Json = nlohmann::json;

std::string Canonical(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// What a run fixes when it starts, so that a resumed run screens exactly like the first attempt.
struct RunParams {
  double threshold = 0;
  int64_t limit = 10;
  int64_t chunk_size = 5000;
  std::string mode;
};

std::string ParamsJson(const RunParams& p) {
  return Canonical(Json{{"threshold", p.threshold},
                        {"limit", p.limit},
                        {"chunk_size", p.chunk_size},
                        {"mode", p.mode}});
}

Result<RunParams> ParseParams(const BatchRunRecord& run) {
  Json j = Json::parse(run.params_json, nullptr, false);
  RunParams p;
  if (j.is_object() && j.value("threshold", Json()).is_number() &&
      j.value("limit", Json()).is_number_integer() &&
      j.value("chunk_size", Json()).is_number_integer() && j.value("mode", Json()).is_string()) {
    p.threshold = j["threshold"].get<double>();
    p.limit = j["limit"].get<int64_t>();
    p.chunk_size = j["chunk_size"].get<int64_t>();
    p.mode = j["mode"].get<std::string>();
    if (p.limit > 0 && p.chunk_size > 0) return p;
  }
  return Status::Corruption("batch run " + std::to_string(run.run_id) + ": params '" +
                            run.params_json + "' are not valid");
}

// Entry key → content hash. Two entries with one key (rare) hash as their concatenation, so a
// change to either still shows as a change.
using EntryHashes = std::unordered_map<std::string, std::string>;

struct LoadedLists {
  std::shared_ptr<const ScreeningIndex> index;
  EntryHashes hashes;
  std::vector<std::pair<std::optional<Date>, std::optional<Date>>> dated;  // listing spans
};

void AddHash(EntryHashes* hashes, const StoredListEntry& e) {
  std::string& h = (*hashes)[EntryKey(e.source_code, e.list_id)];
  h += e.content_hash;
}

Result<LoadedLists> LoadLists(Store& store, const std::vector<int64_t>& snapshot_ids) {
  LoadedLists out;
  ScreeningIndex::Builder builder;
  for (int64_t id : snapshot_ids) {
    Status s = store.ForEachListEntry(id, [&](const StoredListEntry& stored) -> Status {
      Result<ListEntry> entry = ListEntryFromJson(stored.json);
      if (!entry.ok()) {
        return entry.status().WithContext("snapshot " + std::to_string(id) + " entry " +
                                          stored.list_id);
      }
      AddHash(&out.hashes, stored);
      if (entry->start_date || entry->end_date) {
        out.dated.emplace_back(entry->start_date, entry->end_date);
      }
      builder.Add(std::move(entry).value(), id);
      return Status::OK();
    });
    if (!s.ok()) return s;
  }
  out.index = builder.Build();
  return out;
}

Result<EntryHashes> LoadHashes(Store& store, const std::vector<int64_t>& snapshot_ids) {
  EntryHashes hashes;
  for (int64_t id : snapshot_ids) {
    Status s = store.ForEachListEntry(id, [&](const StoredListEntry& stored) {
      AddHash(&hashes, stored);
      return Status::OK();
    });
    if (!s.ok()) return s;
  }
  return hashes;
}

bool Listed(const std::pair<std::optional<Date>, std::optional<Date>>& span, Date day) {
  return (!span.first || *span.first <= day) && (!span.second || day <= *span.second);
}

// Whether moving the as-of date from `a` to `b` lists or delists any entry.
bool AsOfMatters(const LoadedLists& lists, Date a, Date b) {
  if (a == b) return false;
  return std::any_of(lists.dated.begin(), lists.dated.end(),
                     [&](const auto& span) { return Listed(span, a) != Listed(span, b); });
}

BatchDelta Compare(const EntryHashes& base, const EntryHashes& now, ListChanges* changes) {
  BatchDelta d;
  for (const auto& [key, hash] : now) {
    changes->present.insert(key);
    auto it = base.find(key);
    if (it == base.end()) {
      ++d.added;
      changes->added.insert(key);
    } else if (it->second != hash) {
      ++d.changed;
      changes->changed.insert(key);
    } else {
      ++d.unchanged;
    }
  }
  for (const auto& [key, hash] : base) d.removed += now.count(key) ? 0 : 1;
  return d;
}

// The party's hits as `chokepoint screen` would give them, one per (source_code, list_id).
std::vector<CurrentHit> ScreenParty(const ScreeningIndex& index, const EntryHashes& hashes,
                                    const RegisteredParty& party, const ScreenQuery& base) {
  ScreenQuery q = base;
  q.name = party.name;
  if (!party.country.empty()) q.country = party.country;
  if (!party.type.empty()) q.type = ParsePartyType(party.type);
  std::vector<CurrentHit> out;  // a name with nothing to match on gets no hits from Screen
  for (const ScreenHit& h : index.Screen(q)) {
    const ListEntry& e = *h.entry;
    auto hash = hashes.find(EntryKey(e.source_code, e.list_id));
    if (std::any_of(out.begin(), out.end(), [&](const CurrentHit& c) {
          return c.source_code == e.source_code && c.list_id == e.list_id;
        })) {
      continue;  // hits come best first: keep the best per entry key
    }
    CurrentHit c;
    c.hit_id = hit_ledger::HitId(party.id, e.source_code, e.list_id);
    c.source_code = e.source_code;
    c.list_id = e.list_id;
    c.entry_hash = hash == hashes.end() ? std::string() : hash->second;
    c.score = h.score;
    c.json = ScreenHitToJson(h);
    out.push_back(std::move(c));
  }
  return out;
}

// Whether one of the party's false-positive decisions has expired by `as_of`: such a party is
// screened even when nothing else changed, so the hit comes back the day the decision lapses.
bool HasLapsedDecision(const std::unordered_map<std::string, std::vector<LedgerHit>>& by_party,
                       const std::string& party_id, const std::string& as_of) {
  auto it = by_party.find(party_id);
  if (it == by_party.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](const LedgerHit& h) {
    return h.active && h.status == "false-positive" && !h.decision_until.empty() &&
           h.decision_until < as_of;
  });
}

// Whether the party's ownership hits differ from its active ones in the ledger: a party the
// network newly shows owned by listed parties is screened even when nothing else changed.
bool OwnershipMoved(const std::unordered_map<std::string, std::vector<LedgerHit>>& by_party,
                    const std::unordered_map<std::string, std::vector<CurrentHit>>& ownership,
                    const std::string& party_id) {
  std::vector<std::pair<std::string, std::string>> before, now;
  if (auto it = by_party.find(party_id); it != by_party.end()) {
    for (const LedgerHit& h : it->second) {
      if (h.active && h.source_code == hit_ledger::kOwnershipSource) {
        before.emplace_back(h.list_id, h.entry_hash);
      }
    }
  }
  if (auto it = ownership.find(party_id); it != ownership.end()) {
    for (const CurrentHit& h : it->second) now.emplace_back(h.list_id, h.entry_hash);
  }
  std::sort(before.begin(), before.end());
  std::sort(now.begin(), now.end());
  return before != now;
}

}  // namespace

std::string BatchSummary::ToJson() const {
  Json j = {{"run", run_id},
            {"resumed", resumed},
            {"base_run", base_run ? Json(*base_run) : Json(nullptr)},
            {"snapshots", snapshots},
            {"as_of", as_of},
            {"mode", mode},
            {"delta",
             {{"added", delta.added},
              {"removed", delta.removed},
              {"changed", delta.changed},
              {"unchanged", delta.unchanged}}},
            {"parties_registered", parties_registered},
            {"parties_screened", parties_screened},
            {"alerts",
             {{"new_hit", new_hits},
              {"removed_hit", removed_hits},
              {"changed_entry", changed_entries},
              {"total", alerts()}}}};
  return Canonical(j);
}

Result<BatchSummary> RunBatch(Store& store, const BatchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  BatchSummary summary;

  Result<std::optional<BatchRunRecord>> unfinished = store.UnfinishedBatchRun();
  if (!unfinished.ok()) return unfinished.status();
  std::optional<BatchRunRecord> run = std::move(unfinished).value();
  std::optional<BatchRunRecord> base;
  std::vector<int64_t> snapshot_ids;
  Date as_of = options.as_of.value_or(Date::Today());
  if (run) {
    summary.resumed = true;
    snapshot_ids = run->snapshots;
    Result<Date> d = Date::Parse(run->as_of);
    if (!d.ok()) return Status::Corruption("batch run " + std::to_string(run->run_id) + " as_of");
    as_of = *d;
    if (run->base_run) {
      Result<std::vector<BatchRunRecord>> runs = store.ListBatchRuns(1 << 30);
      if (!runs.ok()) return runs.status();
      for (BatchRunRecord& r : *runs) {
        if (r.run_id == *run->base_run) base = std::move(r);
      }
    }
  } else {
    Result<std::vector<ListSnapshot>> active = store.ListSnapshots(/*active_only=*/true);
    if (!active.ok()) return active.status();
    if (active->empty()) {
      return Status::InvalidArgument(kNoListsImported);
    }
    for (const ListSnapshot& s : *active) snapshot_ids.push_back(s.id);
    Result<std::optional<BatchRunRecord>> last = store.LastCompletedBatchRun();
    if (!last.ok()) return last.status();
    base = std::move(last).value();
  }

  Result<LoadedLists> lists = LoadLists(store, snapshot_ids);
  if (!lists.ok()) return lists.status();
  ListChanges changes;
  if (base) {
    EntryHashes base_hashes;
    if (base->snapshots == snapshot_ids) {
      base_hashes = lists->hashes;
    } else {
      Result<EntryHashes> loaded = LoadHashes(store, base->snapshots);
      if (!loaded.ok()) return loaded.status();
      base_hashes = std::move(loaded).value();
    }
    summary.delta = Compare(base_hashes, lists->hashes, &changes);
  } else {
    // First run: everything is new.
    summary.delta = Compare({}, lists->hashes, &changes);
  }

  if (!run) {
    RunParams params;
    params.threshold = options.threshold >= 0 ? options.threshold : DefaultScreenThreshold();
    params.limit = static_cast<int64_t>(std::max<size_t>(options.limit, 1));
    params.chunk_size = static_cast<int64_t>(std::max<size_t>(options.chunk_size, 1));
    if (!base) {
      params.mode = "first";
    } else if (options.full) {
      params.mode = "full";
    } else {
      Result<RunParams> base_params = ParseParams(*base);
      Result<Date> base_as_of = Date::Parse(base->as_of);
      const bool same_lists = base->snapshots == snapshot_ids && base_params.ok() &&
                              base_params->threshold == params.threshold &&
                              base_params->limit == params.limit && base_as_of.ok() &&
                              !AsOfMatters(*lists, *base_as_of, as_of);
      params.mode = same_lists ? "parties" : "all";
    }
    BatchRunRecord record;
    if (base) record.base_run = base->run_id;
    record.snapshots = snapshot_ids;
    record.as_of = as_of.ToString();
    record.params_json = ParamsJson(params);
    Result<BatchRunRecord> started = store.StartBatchRun(record);
    if (!started.ok()) return started.status();
    run = std::move(started).value();
  }
  Result<RunParams> params = ParseParams(*run);
  if (!params.ok()) return params.status();

  summary.run_id = run->run_id;
  summary.base_run = run->base_run;
  summary.snapshots = run->snapshots;
  summary.as_of = run->as_of;
  summary.mode = params->mode;

  ScreenQuery base_query;
  base_query.as_of = as_of;
  base_query.threshold = params->threshold;
  base_query.limit = static_cast<size_t>(params->limit);
  const unsigned threads = ThreadCount(options.threads);
  const bool only_changed_parties = params->mode == "parties";
  hit_ledger::ReconcileContext ctx{run->run_id, run->as_of, &changes};

  // Ownership is worked out afresh by every process of a run, from the same network, lists, pack
  // and day, so a resumed run sees what the first attempt saw (unless the network was re-imported
  // in between, which the next run then catches).
  using OwnershipMap = std::unordered_map<std::string, std::vector<CurrentHit>>;
  Result<OwnershipMap> ownership = OwnershipMap{};
  if (options.rules) {
    ownership = OwnershipHits(store, *lists->index, *options.rules, as_of);
    if (!ownership.ok()) return ownership.status().WithContext("ownership tracing");
  }
  BatchProgress progress;
  progress.run_id = run->run_id;
  progress.chunks_done = run->chunks_done;
  Result<int64_t> total = store.CountRegisteredParties();
  if (!total.ok()) return total.status();
  progress.parties_total = *total;

  std::optional<std::string> checkpoint = run->checkpoint;
  for (;;) {
    Result<std::vector<RegisteredParty>> parties =
        store.RegisteredPartiesAfter(checkpoint, static_cast<size_t>(params->chunk_size));
    if (!parties.ok()) return parties.status();
    if (parties->empty()) break;

    Result<std::vector<LedgerHit>> ledger =
        store.LedgerHitsForParties(parties->front().id, parties->back().id);
    if (!ledger.ok()) return ledger.status();
    std::unordered_map<std::string, std::vector<LedgerHit>> by_party;
    for (LedgerHit& h : *ledger) by_party[h.party_id].push_back(std::move(h));

    std::vector<const RegisteredParty*> todo;
    for (const RegisteredParty& p : *parties) {
      if (!only_changed_parties || p.screened_hash != p.content_hash ||
          HasLapsedDecision(by_party, p.id, run->as_of) ||
          OwnershipMoved(by_party, *ownership, p.id)) {
        todo.push_back(&p);
      }
    }
    std::vector<std::vector<CurrentHit>> found(todo.size());
    ParallelFor(todo.size(), threads, [&](size_t i) {
      found[i] = ScreenParty(*lists->index, lists->hashes, *todo[i], base_query);
      if (auto it = ownership->find(todo[i]->id); it != ownership->end()) {
        found[i].insert(found[i].end(), it->second.begin(), it->second.end());
      }
    });

    BatchChunkCommit commit;
    commit.run_id = run->run_id;
    commit.expected_checkpoint = checkpoint;
    commit.last_party_id = parties->back().id;
    commit.parties = static_cast<int64_t>(todo.size());
    for (size_t i = 0; i < todo.size(); ++i) {
      const RegisteredParty& p = *todo[i];
      auto it = by_party.find(p.id);
      hit_ledger::ReconcileParty(
          p, std::move(found[i]),
          it == by_party.end() ? std::vector<LedgerHit>() : std::move(it->second), ctx, &commit);
      if (p.screened_hash != p.content_hash) commit.screened.emplace_back(p.id, p.content_hash);
    }
    if (Status s = store.CommitBatchChunk(commit); !s.ok()) return s;
    checkpoint = commit.last_party_id;
    ++progress.chunks_done;
    progress.parties_seen += static_cast<int64_t>(parties->size());
    if (options.on_chunk) options.on_chunk(progress);
  }

  if (options.before_complete) {
    if (Status s = options.before_complete(run->run_id); !s.ok()) return s;
  }
  // Counted from the store, so alerts committed before an interruption are included.
  Status counted = store.ForEachBatchAlert(run->run_id, [&](const BatchAlertRecord& a) {
    ++(a.kind == "new_hit"       ? summary.new_hits
       : a.kind == "removed_hit" ? summary.removed_hits
                                 : summary.changed_entries);
    return Status::OK();
  });
  if (!counted.ok()) return counted;
  Result<std::optional<BatchRunRecord>> now = store.UnfinishedBatchRun();
  if (!now.ok()) return now.status();
  if (!*now || (*now)->run_id != run->run_id) {
    return Status::Internal("batch run " + std::to_string(run->run_id) +
                            " was completed by another process");
  }
  summary.parties_screened = (*now)->parties_done;
  Result<int64_t> registered = store.CountRegisteredParties();
  if (!registered.ok()) return registered.status();
  summary.parties_registered = *registered;
  const std::string summary_json = summary.ToJson();
  Result<int64_t> seq = store.CompleteBatchRun(run->run_id, summary_json, options.actor,
                                               [&](const BatchRunRecord&) { return summary_json; });
  if (!seq.ok()) return seq.status();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace chokepoint::service
