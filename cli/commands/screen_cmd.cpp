// chokepoint screen: one name, or a CSV of names to JSON lines, against the active list snapshots.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "chokepoint/country.h"
#include "chokepoint/json.h"
#include "chokepoint/screen_store.h"
#include "cli/cli.h"
#include "cli/commands/screen_common.h"

namespace chokepoint::cli {

namespace screen_internal {

// The query fields every row and the single form share, validated the same way.
Status FillQuery(const std::string& country, const std::string& type, ScreenQuery* q) {
  if (!country.empty()) {
    auto cc = NormalizeCountry(country);
    if (!cc.ok()) return Status::InvalidArgument("field 'country': " + cc.status().message());
    q->country = *cc;
  }
  if (!type.empty()) {
    auto t = ParsePartyType(type);
    if (!t || *t == PartyType::kUnknown) {
      return Status::InvalidArgument("field 'type': '" + type +
                                     "' is not entity, individual, vessel or aircraft");
    }
    q->type = *t;
  }
  return Status::OK();
}

Result<ScreenQuery> BaseQuery(const ScreenFlags& f) {
  ScreenQuery q;
  if (!f.as_of.empty()) {
    auto d = Date::Parse(f.as_of);
    if (!d.ok()) return d.status().WithContext("--as-of");
    q.as_of = *d;
  }
  if (f.threshold >= 0) {
    if (f.threshold > 1) return Status::InvalidArgument("--threshold must be between 0 and 1");
    q.threshold = f.threshold;
  }
  q.limit = f.limit;
  return q;
}

Result<LoadedIndex> LoadIndex(const Context& ctx) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return store.status();
  auto loaded = LoadActiveIndex(**store);
  if (!loaded.ok()) return loaded.status();
  if (loaded->snapshots.empty()) {
    return Status::InvalidArgument("no lists imported yet: run `chokepoint lists import FILE...`");
  }
  spdlog::info("screening index: {} entries, {} names from {} snapshots in {:.2f} s",
               loaded->index->entries(), loaded->index->names(), loaded->snapshots.size(),
               loaded->load_seconds);
  return loaded;
}

nlohmann::ordered_json SnapshotIds(const LoadedIndex& loaded) {
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const auto& s : loaded.snapshots) ids.push_back(s.id);
  return ids;
}

}  // namespace screen_internal

namespace {
using namespace screen_internal;

void PrintHuman(const ScreenQuery& q, const std::vector<ScreenHit>& hits) {
  std::printf("\"%s\" as of %s, threshold %.2f: %zu hit%s\n", q.name.c_str(),
              q.as_of.ToString().c_str(), q.threshold, hits.size(), hits.size() == 1 ? "" : "s");
  for (const auto& h : hits) {
    const ListEntry& e = *h.entry;
    std::string countries;
    for (const auto& c : e.Countries()) countries += (countries.empty() ? "" : ",") + c;
    std::printf("  %.3f  %s\n         %s %s, %s%s%s\n", h.score, e.name.c_str(), e.source.c_str(),
                e.list_id.c_str(), PartyTypeName(e.type), countries.empty() ? "" : ", ",
                countries.c_str());
    if (e.start_date) std::printf("         listed %s\n", e.start_date->ToString().c_str());
    std::printf("         matched %s \"%s\":", ListNameKindName(h.matched_kind),
                h.matched_name.c_str());
    for (const auto& t : h.tokens) {
      std::printf(" %s%s%s(%s)", t.query_token.c_str(), t.list_token.empty() ? "" : "=",
                  t.list_token.c_str(), t.how.c_str());
    }
    for (const auto& a : h.adjustments) std::printf("; %s", a.c_str());
    std::printf("\n");
  }
}

int RunSingle(const Context& ctx, const ScreenFlags& f) {
  auto query = BaseQuery(f);
  if (!query.ok()) return Fail(query.status());
  query->name = f.name;
  if (NormalizeName(f.name).tokens.empty()) {
    return Fail(Status::InvalidArgument("the name '" + f.name + "' has nothing to match on"));
  }
  if (Status s = FillQuery(f.country, f.type, &*query); !s.ok()) return Fail(s);
  auto loaded = LoadIndex(ctx);
  if (!loaded.ok()) return Fail(loaded.status());
  auto hits = loaded->index->Screen(*query);
  std::string doc = ScreenResultToJson(*query, hits);

  nlohmann::ordered_json audit = nlohmann::ordered_json::parse(doc);
  audit["snapshots"] = SnapshotIds(*loaded);
  if (Status s = RecordAudit(ctx, "screen", audit.dump()); !s.ok()) return Fail(s);
  if (f.json) {
    std::cout << doc << "\n";
  } else {
    PrintHuman(*query, hits);
  }
  return hits.empty() ? kExitClear : kExitFindings;
}

}  // namespace

void RegisterScreen(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<ScreenFlags>();
  CLI::App* cmd = app.add_subcommand(
      "screen", "Screen a name (or a CSV of names) against the imported restricted-party lists");
  cmd->add_option("name", flags->name, "the name to screen");
  cmd->add_option("--country", flags->country, "the party's country (qualifies the score)");
  cmd->add_option("--type", flags->type, "entity, individual, vessel or aircraft");
  cmd->add_option("--as-of", flags->as_of, "only entries listed on this date (default today)");
  cmd->add_option("--threshold", flags->threshold,
                  "minimum score 0..1 (default: the measured operating point, docs/screening.md)");
  cmd->add_option("--limit", flags->limit, "at most this many hits per name (default 10)");
  cmd->add_option("--input", flags->input, "CSV with a header: name[,id,country,type]");
  cmd->add_option("--output", flags->output, "JSON lines, one per input row, in input order");
  cmd->add_option("--threads", flags->threads, "batch worker threads (default: one per core)");
  cmd->add_flag("--strict", flags->strict, "stop at the first malformed input row");
  cmd->add_flag("--json", flags->json, "print the JSON document");
  cmd->callback([&ctx, flags] {
    if (!flags->input.empty()) {
      ctx.exit_code = RunBatch(ctx, *flags);
    } else if (!flags->name.empty()) {
      ctx.exit_code = RunSingle(ctx, *flags);
    } else {
      ctx.exit_code = Fail(Status::InvalidArgument("give a NAME, or --input FILE --output FILE"));
    }
  });
}

}  // namespace chokepoint::cli
