// The screen, screen-file, classify and trace use cases of the service layer: one index loader,
// audit payloads built without re-parsing (and equal to what re-parsing gave), request
// validation shared by the CLI and the API.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chokepoint/data/list_import.h"
#include "chokepoint/json.h"
#include "chokepoint/service/classify_service.h"
#include "chokepoint/service/screen_file.h"
#include "chokepoint/service/screen_service.h"
#include "chokepoint/service/trace_service.h"
#include "testutil.h"

namespace chokepoint::service {
namespace {

std::string ScratchPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / "chokepoint-service-tests";
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

std::unique_ptr<Store> FixtureStore(const std::string& name, bool with_lists = true) {
  auto store = OpenSqliteStore(ScratchPath(name));
  REQUIRE(store.ok());
  if (with_lists) {
    auto imported =
        data::ImportListFiles(**store, {testing::SourcePath("fixtures/lists/csl/csl.csv")},
                              data::ListFormat::kAuto, false, "test");
    REQUIRE_MESSAGE(imported.ok(), imported.status().ToString());
  }
  return std::move(store).value();
}

TEST_CASE("LoadScreeningIndex: an error with no lists, or an empty result when allowed") {
  auto empty = FixtureStore("front-empty.db", false);
  auto refused = LoadScreeningIndex(*empty);
  CHECK(refused.status().IsInvalidArgument());
  CHECK(refused.status().message().find("lists import") != std::string::npos);
  auto allowed = LoadScreeningIndex(*empty, {.allow_empty = true});
  REQUIRE(allowed.ok());
  CHECK(allowed->snapshots.empty());

  auto store = FixtureStore("front-lists.db");
  auto loaded = LoadScreeningIndex(*store);
  REQUIRE(loaded.ok());
  CHECK(loaded->snapshots.size() == 1);
  CHECK(loaded->index->entries() > 0);
}

TEST_CASE("Screen: the document, and the audit payload equal to re-parsing the document") {
  auto store = FixtureStore("front-screen.db");
  auto loaded = LoadScreeningIndex(*store);
  REQUIRE(loaded.ok());
  for (const char* name : {"Central South CAD Center", "NUDT", "Acme Widgets", "Zhōngguó \"x\""}) {
    ScreenInput in;
    in.name = name;
    in.country = "CN";
    in.as_of = "2025-12-01";
    auto query = BuildScreenQuery(in, nullptr);
    REQUIRE(query.ok());
    ScreenOutcome out = Screen(*loaded->index, *query);
    CHECK(out.document == ScreenDocument(*query, out.hits));
    nlohmann::ordered_json reparsed = nlohmann::ordered_json::parse(out.document);
    reparsed["snapshots"] = SnapshotIds(loaded->snapshots);
    CHECK_MESSAGE(ScreenAuditPayload(out.document, loaded->snapshots) == reparsed.dump(), name);
  }
  std::string field;
  ScreenInput nothing;
  nothing.name = "  ,. ";
  CHECK(BuildScreenQuery(nothing, &field).status().IsInvalidArgument());
  CHECK(field == "name");
}

TEST_CASE("ScreenFile: one line per row in order, malformed rows counted, strict stops") {
  auto store = FixtureStore("front-file.db");
  ScreenFileRequest request;
  request.input = testing::SourcePath("fixtures/screening/names.csv");
  request.output = ScratchPath("front-file.jsonl");
  request.threads = 3;
  int64_t started = -1, advanced = 0;
  ScreenFileProgress progress;
  progress.started = [&](int64_t total) { started = total; };
  progress.advanced = [&](int64_t rows, int64_t) { advanced = rows; };
  auto summary = ScreenFile(*store, request, progress);
  REQUIRE_MESSAGE(summary.ok(), summary.status().ToString());
  CHECK(summary->rows == 5);
  CHECK(summary->malformed_rows == 1);
  CHECK(summary->rows_with_hits >= 2);
  CHECK(started >= 5);
  CHECK(advanced == 5);
  std::ifstream in(request.output);
  int64_t row = 0;
  for (std::string line; std::getline(in, line);) {
    CHECK(nlohmann::json::parse(line)["row"] == ++row);
  }
  CHECK(row == 5);
  auto audit = nlohmann::json::parse(ScreenFileAuditPayload(request, *summary));
  CHECK(audit["rows"] == 5);
  CHECK(audit["malformed_rows"] == 1);
  CHECK(audit["snapshots"].size() == 1);

  request.strict = true;
  CHECK(ScreenFile(*store, request).status().IsInvalidArgument());
  request.input = ScratchPath("front-missing.csv");
  CHECK(ScreenFile(*store, request).status().IsNotFound());
}

TraceRequest Request(std::string as_of, std::optional<int64_t> max_hops,
                     std::optional<double> link_threshold = std::nullopt) {
  TraceRequest r;
  r.party = "Phytium";
  r.as_of = std::move(as_of);
  r.max_hops = max_hops;
  r.link_threshold = link_threshold;
  return r;
}

TEST_CASE("BuildTraceQuery validates the date, the hop limit and the link threshold") {
  std::string field;
  auto ok = BuildTraceQuery(Request("2025-12-01", 16), &field);
  REQUIRE(ok.ok());
  CHECK(ok->party == "Phytium");
  CHECK(ok->options.max_hops == 16);
  CHECK(ok->as_of.ToString() == "2025-12-01");
  CHECK(BuildTraceQuery(Request("", 0), nullptr).ok());
  CHECK(BuildTraceQuery(Request("", std::nullopt), nullptr)->options.max_hops ==
        TraceOptions{}.max_hops);
  for (int64_t hops : {-1, 17}) {
    field.clear();
    auto bad = BuildTraceQuery(Request("", hops), &field);
    CHECK(bad.status().IsInvalidArgument());
    CHECK(field == "max_hops");
  }
  CHECK(BuildTraceQuery(Request("2025-13-01", 4), &field).status().IsInvalidArgument());
  CHECK(field == "as_of");
  CHECK(BuildTraceQuery(Request("", 4, 1.5), &field).status().IsInvalidArgument());
  CHECK(field == "link_threshold");
  CHECK(BuildTraceQuery(Request("", 4, 0.8), nullptr)->link_options.name_threshold ==
        doctest::Approx(0.8));
}

TEST_CASE("Classify: the document and the audit payload of a catalog part") {
  auto pack = RulePack::Load(testing::SourcePath("rules/ear"));
  REQUIRE(pack.ok());
  auto item = CatalogItem(testing::SourcePath("data/catalog/accelerators.xml"), "RTX 4090");
  REQUIRE_MESSAGE(item.ok(), item.status().ToString());
  const ClassifyFields fields{.as_of = "2024-06-01",
                              .destination = "CN",
                              .headquarters = {},
                              .exporter_role = {},
                              .designer_status = {},
                              .packaged_outside_d5 = std::nullopt};
  auto request = BuildClassifyRequest(std::move(item).value(), fields, nullptr);
  REQUIRE(request.ok());
  auto out = Classify(*pack, std::move(request).value());
  REQUIRE(out.ok());
  CHECK(out->document == ClassificationToJson(out->result));
  auto audit = nlohmann::json::parse(ClassifyAuditPayload(*out));
  CHECK(audit["destination"] == "CN");
  CHECK(audit["result"] == nlohmann::json::parse(out->document));
  CHECK(ReadSpecFile(ScratchPath("front-no-spec.json")).status().IsNotFound());
}

}  // namespace
}  // namespace chokepoint::service
