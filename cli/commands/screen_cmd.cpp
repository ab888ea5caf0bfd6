// chokepoint screen: one name, or a CSV of names to JSON lines, against the active list snapshots.
#include <cstdio>
#include <iostream>

#include "chokepoint/json.h"
#include "cli/cli.h"
#include "cli/commands/screen_common.h"

namespace chokepoint::cli {

namespace screen_internal {

service::ScreenInput InputFromFlags(const ScreenFlags& f) {
  service::ScreenInput in;
  in.name = f.name;
  in.country = f.country;
  in.type = f.type;
  in.as_of = f.as_of;
  if (f.threshold >= 0) in.threshold = f.threshold;
  in.limit = f.limit;
  return in;
}

// The service names input fields; the command line knows them as flags.
Status FlagError(const std::string& field, const Status& s) {
  if (field == "as_of") return s.WithContext("--as-of");
  if (field == "threshold") return Status::InvalidArgument("--threshold must be between 0 and 1");
  if (field == "limit") return s.WithContext("--limit");
  return s;
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
  std::string field;
  auto query = service::BuildScreenQuery(InputFromFlags(f), &field);
  if (!query.ok()) return Fail(FlagError(field, query.status()));
  auto store = ctx.SharedStore();  // the index is read from it, the audit record appended to it
  if (!store.ok()) return Fail(store.status());
  auto loaded = service::LoadScreeningIndex(**store);
  if (!loaded.ok()) return Fail(loaded.status());
  service::ScreenOutcome screened = service::Screen(*loaded->index, *query);
  if (Status s = RecordAudit(ctx, "screen",
                             service::ScreenAuditPayload(screened.document, loaded->snapshots));
      !s.ok()) {
    return Fail(s);
  }
  if (f.json) {
    std::cout << screened.document << "\n";
  } else {
    PrintHuman(*query, screened.hits);
  }
  return screened.hits.empty() ? kExitClear : kExitFindings;
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
