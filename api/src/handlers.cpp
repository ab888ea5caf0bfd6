// The endpoint handlers: parse the body (strictly), make one call through the service layer or
// the engine, encode with the engine's codec. Errors leave as BadRequest (400 with a pointer) or
// through ProblemFor, the one Status -> HTTP mapping.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>

#include "chokepoint/data/ledger_csv.h"
#include "chokepoint/data/list_import.h"
#include "chokepoint/json.h"
#include "chokepoint/service/classify_service.h"
#include "chokepoint/service/lists_service.h"
#include "chokepoint/service/party_register.h"
#include "chokepoint/service/screen_service.h"
#include "chokepoint/service/trace_service.h"
#include "chokepoint/shipment_audit.h"
#include "routes.h"

namespace chokepoint::api {

namespace {

ApiResponse JsonResponse(std::string body, Json summary, int status = 200) {
  ApiResponse r;
  r.status = status;
  r.body = std::move(body);
  r.audit_summary = std::move(summary);
  return r;
}

ApiResponse NotReady() {
  ApiResponse r =
      Problem(503, "no screening index yet: no lists imported, or the first load failed");
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

ApiResponse TimedOut() {
  ApiResponse r = Problem(503, "the request took longer than the server's per-request timeout");
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

// Reads one party's fields into the service's screening input; the query is built (and fully
// validated) by the same service function the CLI uses.
ScreenQuery ReadScreenQuery(const Json& object, const std::string& pointer) {
  ObjectReader r(object, pointer);
  service::ScreenInput in;
  in.name = r.RequiredString("name");
  in.country = r.String("country").value_or("");
  in.type = r.String("type").value_or("");
  in.as_of = r.String("as_of").value_or("");
  in.threshold = r.Number("threshold");
  if (auto limit = r.Integer("limit")) {
    if (*limit < 1 || *limit > 1000) {
      throw BadRequest(r.PointerTo("limit"), "the limit must be between 1 and 1000");
    }
    in.limit = static_cast<size_t>(*limit);
  }
  r.Finish();
  std::string field;
  auto query = service::BuildScreenQuery(in, &field);
  if (!query.ok()) throw BadRequest(r.PointerTo(field), query.status().message());
  return std::move(query).value();
}

Json HitsSummary(const std::vector<ScreenHit>& hits) {
  Json s = {{"hits", hits.size()}};
  if (!hits.empty()) {
    s["top_score"] = hits[0].score;
    s["top_list_id"] = hits[0].entry->list_id;
  }
  return s;
}

// Seconds since a store timestamp ("YYYY-MM-DDTHH:MM:SSZ"); -1 when it does not parse.
double AgeSeconds(const std::string& utc) {
  std::tm tm{};
  if (!strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return -1;
  return std::difftime(std::time(nullptr), timegm(&tm));
}

}  // namespace

ApiResponse HandleScreen(ServerCore& core, const RequestContext& request) {
  ScreenQuery query = ReadScreenQuery(ParseObject(request.body), "");
  auto snapshot = core.engine->Current();
  if (!snapshot) return NotReady();
  service::ScreenOutcome screened = service::Screen(*snapshot->index, query);
  core.registrar->Seen(service::kApiPrefix, query.name, query.country.value_or(""));
  Json summary = HitsSummary(screened.hits);
  summary["index_generation"] = snapshot->generation;
  return JsonResponse(std::move(screened.document), std::move(summary));
}

ApiResponse HandleScreenBatch(ServerCore& core, const RequestContext& request) {
  Json body = ParseObject(request.body);
  ObjectReader r(body, "");
  const Json* parties = r.Raw("parties");
  r.Finish();
  if (!parties) throw BadRequest("/parties", "the field 'parties' is required");
  if (!parties->is_array()) throw BadRequest("/parties", "expected an array of parties");
  if (parties->empty()) throw BadRequest("/parties", "the batch is empty");
  if (parties->size() > core.options.max_batch) {
    throw BadRequest("/parties", fmt::format("the batch holds {} parties; at most {} are allowed",
                                             parties->size(), core.options.max_batch));
  }
  // Validate every party before screening any, so a bad row costs no screening work.
  std::vector<ScreenQuery> queries;
  queries.reserve(parties->size());
  for (size_t i = 0; i < parties->size(); ++i) {
    queries.push_back(ReadScreenQuery((*parties)[i], "/parties/" + std::to_string(i)));
  }
  auto snapshot = core.engine->Current();
  if (!snapshot) return NotReady();
  std::string out = "{\"results\":[";
  size_t with_hits = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    if (std::chrono::steady_clock::now() > request.deadline) return TimedOut();
    service::ScreenOutcome screened = service::Screen(*snapshot->index, queries[i]);
    core.registrar->Seen(service::kApiPrefix, queries[i].name, queries[i].country.value_or(""));
    with_hits += !screened.hits.empty();
    if (i) out += ',';
    out += screened.document;
  }
  out += "]}";
  return JsonResponse(std::move(out), {{"parties", queries.size()},
                                       {"with_hits", with_hits},
                                       {"index_generation", snapshot->generation}});
}

ApiResponse HandleClassify(ServerCore& core, const RequestContext& request) {
  Json body = ParseObject(request.body);
  ObjectReader r(body, "");
  std::optional<std::string> part = r.String("part");
  const Json* spec = r.Raw("spec");
  service::ClassifyFields fields;
  fields.as_of = r.String("as_of").value_or("");
  fields.destination = r.String("destination").value_or("");
  fields.headquarters = r.String("headquarters").value_or("");
  fields.exporter_role = r.String("exporter_role").value_or("");
  fields.designer_status = r.String("designer_status").value_or("");
  fields.packaged_outside_d5 = r.Bool("packaged_outside_d5");
  r.Finish();
  if (part.has_value() == (spec != nullptr)) {
    throw BadRequest("", "give exactly one of 'part' (a catalog part) and 'spec' (an item spec)");
  }
  std::string field;
  Result<ItemSpec> item = Status::Internal("unset");
  if (part) {
    item = service::CatalogItem(core.engine->catalog(), *part, &field);
    if (!item.ok()) return ProblemFor(item.status(), "/part");
  } else {
    item = ItemSpecFromJson(spec->dump(), "spec");
    if (!item.ok()) {
      // The codec's message is "spec: /json/pointer: reason"; point inside the spec.
      const std::string& msg = item.status().message();
      std::string pointer = "/spec";
      if (msg.rfind("spec: /", 0) == 0) {
        size_t end = msg.find(": ", 6);
        std::string inner = msg.substr(6, end == std::string::npos ? std::string::npos : end - 6);
        if (inner != "/") pointer += inner;
      }
      throw BadRequest(pointer, msg);
    }
  }
  auto req = service::BuildClassifyRequest(std::move(item).value(), fields, &field);
  if (!req.ok()) throw BadRequest("/" + field, req.status().message());
  auto classified = service::Classify(core.engine->pack(), std::move(req).value());
  if (!classified.ok()) return ProblemFor(classified.status());
  const Classification& result = classified->result;
  Json summary = {{"eccn", result.eccn}, {"determinate", result.determinate}};
  if (result.license_required) summary["license_required"] = *result.license_required;
  return JsonResponse(std::move(classified->document), std::move(summary));
}

ApiResponse HandleTrace(ServerCore& core, const RequestContext& request) {
  Json body = ParseObject(request.body);
  ObjectReader r(body, "");
  std::optional<std::string> name = r.String("name");
  std::optional<std::string> party_id = r.String("party_id");
  std::optional<std::string> as_of_text = r.String("as_of");
  std::optional<int64_t> max_hops = r.Integer("max_hops");
  r.Finish();
  if (name.has_value() == party_id.has_value()) {
    throw BadRequest("", "give exactly one of 'name' and 'party_id'");
  }
  service::TraceRequest trace;
  trace.party = name ? *name : *party_id;
  if (as_of_text) {
    // An empty string is a bad date here, not "today".
    if (as_of_text->empty()) throw BadRequest("/as_of", Date::Parse("").status().message());
    trace.as_of = *as_of_text;
  }
  trace.max_hops = max_hops;
  std::string field;
  auto query = service::BuildTraceQuery(trace, &field);
  if (!query.ok()) throw BadRequest("/" + field, query.status().message());
  auto snapshot = core.engine->Current();
  if (!snapshot) return NotReady();
  auto linked = core.engine->Graph(*snapshot);
  if (!linked.ok()) return ProblemFor(linked.status());
  auto traced = service::Trace(**linked, *query, -1, &field);
  if (!traced.ok()) {
    return field == "party" ? ProblemFor(traced.status(), name ? "/name" : "/party_id")
                            : ProblemFor(traced.status());
  }
  return JsonResponse(std::move(traced->document), {{"party", traced->party_id},
                                                    {"findings", traced->finding_count},
                                                    {"signals", traced->signal_count}});
}

ApiResponse HandleShipmentCheck(ServerCore& core, const RequestContext& request) {
  Json body = ParseObject(request.body);
  // One ledger line: every field a string as in the ledger CSV, `intermediaries` also as an array
  // of {"name","country"} (handed over as hops, not as ledger text); `as_of` overrides the ship
  // date.
  data::ShipmentFields fields;
  std::optional<Date> as_of;
  for (const auto& [name, value] : body.items()) {
    const std::string pointer = "/" + EscapePointerToken(name);
    if (name == "as_of") {
      if (!value.is_string()) throw BadRequest(pointer, "expected a string (YYYY-MM-DD)");
      auto d = Date::Parse(value.get<std::string>());
      if (!d.ok()) throw BadRequest(pointer, d.status().message());
      as_of = *d;
    } else if (name == "intermediaries" && value.is_array()) {
      std::vector<ShipmentParty> hops;
      for (size_t i = 0; i < value.size(); ++i) {
        ObjectReader hop(value[i], pointer + "/" + std::to_string(i));
        ShipmentParty party;
        party.name = hop.RequiredString("name");
        party.country = hop.String("country").value_or("");
        hop.Finish();
        // The names a ledger cell can carry, so a hop means the same in the CSV and here.
        if (party.name.find_first_of(";|") != std::string::npos) {
          throw BadRequest(pointer + "/" + std::to_string(i) + "/name", "may not hold ';' or '|'");
        }
        hops.push_back(std::move(party));
      }
      fields.intermediaries = std::move(hops);
    } else if (value.is_string()) {
      fields.columns[name] = value.get<std::string>();
    } else if (value.is_number() && (name == "quantity" || name == "unit_value_usd")) {
      fields.columns[name] = value.dump();
    } else {
      throw BadRequest(pointer, "expected a string");
    }
  }
  Shipment shipment;
  if (auto issue = data::ShipmentFromFields(fields, &shipment)) {
    throw BadRequest("/" + EscapePointerToken(issue->field), issue->message);
  }
  auto snapshot = core.engine->Current();
  if (!snapshot) return NotReady();
  auto auditor = core.engine->Auditor(*snapshot);
  if (!auditor.ok()) return ProblemFor(auditor.status());
  auto result = (*auditor)->Check(shipment, as_of);
  if (!result.ok()) return ProblemFor(result.status());
  // The id a ledger audit gives the same party, so both are one register entry.
  for (const ShipmentParty* p :
       {&shipment.exporter, &shipment.buyer, &shipment.consignee, &shipment.end_user}) {
    core.registrar->Seen(service::kLedgerPrefix, p->name, p->country);
  }
  for (const ShipmentParty& p : shipment.intermediaries) {
    core.registrar->Seen(service::kLedgerPrefix, p.name, p.country);
  }
  return JsonResponse(ShipmentResultToJson(*result),
                      {{"shipment_id", result->shipment_id},
                       {"verdict", VerdictName(result->verdict)},
                       {"findings", result->findings.size()},
                       {"snapshots", service::SnapshotIds(snapshot->snapshots)}});
}

ApiResponse HandleListsStatus(ServerCore& core, const RequestContext& request) {
  if (!request.body.empty()) throw BadRequest("", "GET /v1/lists takes no body");
  auto snapshots = core.store->ListSnapshots(/*active_only=*/true);
  if (!snapshots.ok()) return ProblemFor(snapshots.status());
  nlohmann::ordered_json doc = service::ListsStatusJson(*snapshots);
  // Extension: the index the server is screening with right now (it may lag an import briefly).
  if (auto current = core.engine->Current()) {
    doc["index"] = {{"generation", current->generation},
                    {"entries", current->index->entries()},
                    {"snapshots", service::SnapshotIds(current->snapshots)}};
  } else {
    doc["index"] = nullptr;
  }
  return JsonResponse(service::DumpJson(doc), {{"snapshots", snapshots->size()}});
}

ApiResponse HandleListsImport(ServerCore& core, const RequestContext& request) {
  Json body = ParseObject(request.body);
  ObjectReader r(body, "");
  const Json* files = r.Raw("files");
  std::string format_name = r.String("format").value_or("auto");
  bool strict = r.Bool("strict").value_or(false);
  r.Finish();
  if (core.options.import_dir.empty()) {
    return Problem(403,
                   "list imports over the API are disabled: start the server with --import-dir");
  }
  if (!files || !files->is_array() || files->empty()) {
    throw BadRequest("/files", "expected a non-empty array of file paths");
  }
  data::ListFormat format = data::ListFormat::kAuto;
  if (format_name != "auto") {
    auto parsed = data::ParseListFormat(format_name);
    if (!parsed) throw BadRequest("/format", "unknown format '" + format_name + "'");
    format = *parsed;
  }
  // Server-side paths, confined to --import-dir (symlinks resolved) so an admin key cannot read
  // arbitrary files through the parsers' error messages.
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(core.options.import_dir, ec);
  std::vector<std::string> paths;
  for (size_t i = 0; i < files->size(); ++i) {
    std::string pointer = "/files/" + std::to_string(i);
    if (!(*files)[i].is_string()) throw BadRequest(pointer, "expected a string");
    fs::path p = (*files)[i].get<std::string>();
    if (p.is_relative()) p = root / p;
    fs::path canonical = fs::weakly_canonical(p, ec);
    auto rel = canonical.lexically_relative(root);
    if (ec || rel.empty() || *rel.begin() == "..") {
      throw BadRequest(pointer, "the file is outside the server's import folder");
    }
    if (!fs::is_regular_file(canonical, ec)) {
      return Problem(404, "no such file in the import folder: " + rel.string(), pointer);
    }
    paths.push_back(canonical.string());
  }
  // A connection of its own: the import holds the write lock while it parses, and the shared
  // store serves key lookups meanwhile.
  auto store = OpenSqliteStore(core.options.db_path);
  if (!store.ok()) return ProblemFor(store.status());
  auto result = data::ImportListFiles(**store, paths, format, strict,
                                      request.key ? request.key->name : std::string());
  if (!result.ok()) return ProblemFor(result.status());
  if (result->changed) core.engine->ReloadInBackground();
  nlohmann::ordered_json doc = {{"changed", result->changed},
                                {"snapshot", service::ListSnapshotToJson(result->snapshot)},
                                {"reindex", result->changed ? "started" : "not needed"}};
  return JsonResponse(service::DumpJson(doc), {{"snapshot", result->snapshot.id},
                                               {"source", result->snapshot.source},
                                               {"changed", result->changed}});
}

ApiResponse HandleHealthz(ServerCore&, const RequestContext&) {
  return JsonResponse("{\"status\":\"ok\"}", nullptr);
}

ApiResponse HandleReadyz(ServerCore& core, const RequestContext&) {
  auto current = core.engine->Current();
  if (!current) return NotReady();
  if (!core.audit->healthy()) {
    return Problem(503, "the audit log cannot be written; calls are not being recorded");
  }
  Json doc = {{"status", "ready"}, {"index_generation", current->generation}};
  return JsonResponse(doc.dump(), nullptr);
}

ApiResponse HandleMetrics(ServerCore& core, const RequestContext&) {
  std::string out = core.metrics->Render();
  auto gauge = [&out](const char* name, const char* help, const char* type, double value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
  };
  if (auto current = core.engine->Current()) {
    out += "# HELP chokepoint_list_snapshot_age_seconds Time since the snapshot was imported.\n";
    out += "# TYPE chokepoint_list_snapshot_age_seconds gauge\n";
    for (const ListSnapshot& s : current->snapshots) {
      out +=
          fmt::format("chokepoint_list_snapshot_age_seconds{{source=\"{}\",snapshot=\"{}\"}} {}\n",
                      s.source, s.id, AgeSeconds(s.imported_at));
    }
    gauge("chokepoint_index_generation", "Screening index swaps since start.", "gauge",
          static_cast<double>(current->generation));
    gauge("chokepoint_index_entries", "List entries in the screening index.", "gauge",
          static_cast<double>(current->index->entries()));
    gauge("chokepoint_index_age_seconds", "Time since the current index was swapped in.", "gauge",
          std::chrono::duration<double>(std::chrono::system_clock::now() - current->loaded_at)
              .count());
  }
  gauge("chokepoint_audit_queue_depth", "Audit records waiting for the group commit.", "gauge",
        static_cast<double>(core.audit->queued()));
  gauge("chokepoint_audit_records_committed_total", "Audit records committed since start.",
        "counter", static_cast<double>(core.audit->committed()));
  gauge("chokepoint_audit_commit_failures_total", "Failed audit group commits (retried).",
        "counter", static_cast<double>(core.audit->failed_commits()));
  if (core.current_connections) {
    gauge("chokepoint_http_connections", "Connections being served now.", "gauge",
          core.current_connections());
  }
  ApiResponse r = JsonResponse(std::move(out), nullptr);
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return r;
}

ApiResponse HandleOpenApi(ServerCore&, const RequestContext&) {
  return JsonResponse(std::string(OpenApiDocument()), nullptr);
}

}  // namespace chokepoint::api
