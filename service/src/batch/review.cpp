// Reviewer decisions, batch status and the alert line format.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "chokepoint/service/batch.h"

namespace chokepoint::service {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

std::string Canonical(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json ParsedOr(const std::string& text, Json fallback) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace

std::string BatchAlertToJson(const BatchAlertRecord& a) {
  // Fixed key order for people reading the file; the hit is spliced in as stored, byte for byte.
  OrderedJson head = {{"alert_id", "R" + std::to_string(a.run_id) + "-" + a.hit_id},
                      {"kind", a.kind},
                      {"party", {{"id", a.party_id}, {"name", a.party_name}}}};
  std::string line = head.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  line.pop_back();
  line += ",\"hit\":" + (a.hit_json.empty() ? std::string("null") : a.hit_json);
  OrderedJson tail = {{"run", a.run_id}, {"hit_id", a.hit_id}, {"reason", a.reason}};
  std::string rest = tail.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  line += "," + rest.substr(1);
  return line;
}

Result<int64_t> WriteBatchAlerts(Store& store, int64_t run_id, const std::string& path) {
  const std::string tmp = path + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write '" + tmp + "'");
  int64_t written = 0;
  Status s = store.ForEachBatchAlert(run_id, [&](const BatchAlertRecord& a) {
    out << BatchAlertToJson(a) << '\n';
    ++written;
    return Status::OK();
  });
  if (!s.ok()) return s;
  out.close();
  if (!out) return Status::IOError("failed writing '" + tmp + "'");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError("renaming '" + tmp + "' to '" + path + "': " + ec.message());
  return written;
}

Status ForEachBatchAlertLine(Store& store, int64_t run_id,
                             const std::function<void(const std::string&)>& line) {
  if (run_id <= 0) {
    Result<std::optional<BatchRunRecord>> last = store.LastCompletedBatchRun();
    if (!last.ok()) return last.status();
    if (!*last) return Status::InvalidArgument("no completed batch run yet");
    run_id = (*last)->run_id;
  }
  return store.ForEachBatchAlert(run_id, [&](const BatchAlertRecord& a) {
    line(BatchAlertToJson(a));
    return Status::OK();
  });
}

Result<ReviewOutcome> ReviewHit(Store& store, const ReviewRequest& r) {
  HitDecision d;
  d.hit_id = r.hit_id;
  d.decision = r.decision;
  if (r.decision == "false-positive") {
    d.status = "false-positive";
  } else if (r.decision == "true-match") {
    d.status = "true-match";
  } else if (r.decision == "escalate") {
    d.status = "escalated";
  } else {
    return Status::InvalidArgument("--decision '" + r.decision +
                                   "' is not false-positive, true-match or escalate");
  }
  if (r.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("--note is required: say why");
  }
  if (r.until && r.decision != "false-positive") {
    return Status::InvalidArgument("--until applies to false-positive decisions only");
  }
  d.note = r.note;
  d.until = r.until ? r.until->ToString() : "";
  d.actor = r.actor;
  ReviewOutcome out;
  Result<int64_t> seq =
      store.RecordHitDecision(d, [&](const LedgerHit& hit, const std::string& decided_at) {
        out.hit = hit;
        return Canonical(Json{{"hit_id", hit.hit_id},
                              {"decision", d.decision},
                              {"status", hit.status},
                              {"note", d.note},
                              {"until", d.until.empty() ? Json(nullptr) : Json(d.until)},
                              {"party_id", hit.party_id},
                              {"source_code", hit.source_code},
                              {"list_id", hit.list_id},
                              {"entry_hash", hit.entry_hash},
                              {"party_hash", hit.party_hash},
                              {"decided_at", decided_at}});
      });
  if (!seq.ok()) return seq.status();
  out.audit_seq = *seq;
  return out;
}

Result<BatchStatusReport> GetBatchStatus(Store& store, size_t recent_runs) {
  BatchStatusReport report;
  Result<std::optional<BatchRunRecord>> running = store.UnfinishedBatchRun();
  if (!running.ok()) return running.status();
  report.running = std::move(running).value();
  Result<std::vector<BatchRunRecord>> recent = store.ListBatchRuns(recent_runs);
  if (!recent.ok()) return recent.status();
  report.recent = std::move(recent).value();
  Result<int64_t> parties = store.CountRegisteredParties();
  if (!parties.ok()) return parties.status();
  report.registered_parties = *parties;
  Result<std::vector<std::pair<std::string, int64_t>>> hits = store.CountActiveHits();
  if (!hits.ok()) return hits.status();
  report.active_hits = std::move(hits).value();
  return report;
}

std::string BatchStatusToJson(const BatchStatusReport& report) {
  auto run_json = [](const BatchRunRecord& r) {
    return Json{{"run", r.run_id},
                {"state", r.state},
                {"base_run", r.base_run ? Json(*r.base_run) : Json(nullptr)},
                {"snapshots", r.snapshots},
                {"as_of", r.as_of},
                {"params", ParsedOr(r.params_json, Json::object())},
                {"checkpoint", r.checkpoint ? Json(*r.checkpoint) : Json(nullptr)},
                {"chunks_done", r.chunks_done},
                {"parties_screened", r.parties_done},
                {"alerts", r.alerts},
                {"summary", ParsedOr(r.summary_json, Json::object())},
                {"started_at", r.started_at},
                {"completed_at", r.completed_at ? Json(*r.completed_at) : Json(nullptr)}};
  };
  Json hits = Json::object();
  for (const auto& [status, n] : report.active_hits) hits[status] = n;
  Json recent = Json::array();
  for (const BatchRunRecord& r : report.recent) recent.push_back(run_json(r));
  return Canonical(Json{{"running", report.running ? run_json(*report.running) : Json(nullptr)},
                        {"runs", std::move(recent)},
                        {"registered_parties", report.registered_parties},
                        {"active_hits", std::move(hits)}});
}

}  // namespace chokepoint::service
