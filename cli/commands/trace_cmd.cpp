// chokepoint trace | ownership: a party of the stored network traced to listed parties, or its
// effective ownership by them. Parties are linked to list entries by the screening engine at query
// time, so a new list snapshot is reflected without re-importing the network.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "chokepoint/service/screen_service.h"
#include "chokepoint/service/trace_service.h"
#include "cli/cli.h"

namespace chokepoint::cli {

namespace {

struct TraceFlags {
  std::string party, as_of, dot_file, svg_file;
  int max_hops = 4;
  double link_threshold = -1;
  bool json = false;
};

// The stored network linked to the active lists (none imported: linked to nothing).
Result<service::LinkedGraph> LoadLinkedGraph(const Context& ctx, const service::TraceQuery& q) {
  auto store = ctx.SharedStore();
  if (!store.ok()) return store.status();
  auto index = service::LoadScreeningIndex(**store, {.allow_empty = true, .log = false});
  if (!index.ok()) return index.status();
  auto pack = ctx.LoadRules();
  if (!pack.ok()) return pack.status();
  return service::LoadLinkedGraph(**store, *index->index, *pack, q.link_options);
}

// The service names request fields; the command line knows them as flags.
Status FlagError(const std::string& field, const Status& s) {
  if (field == "as_of") return s.WithContext("--as-of");
  if (field == "max_hops") return Status::InvalidArgument("--max-hops must be between 0 and 16");
  if (field == "link_threshold") {
    return Status::InvalidArgument("--link-threshold must be between 0 and 1");
  }
  return s;
}

// Renders DOT to SVG with Graphviz's `dot`, when it is installed (Debian package graphviz).
Status RenderSvg(const std::string& dot_path, const std::string& svg_path) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    return Status::NotFound(
        "--svg needs Graphviz's `dot` (apt-get install graphviz); --dot "
        "writes the DOT file without it");
  }
  const std::string cmd = "dot -Tsvg -o '" + svg_path + "' '" + dot_path + "'";
  if (svg_path.find('\'') != std::string::npos || dot_path.find('\'') != std::string::npos) {
    return Status::InvalidArgument("--svg: file names may not contain a single quote");
  }
  if (std::system(cmd.c_str()) != 0) return Status::IOError("dot failed to render " + svg_path);
  spdlog::info("wrote {}", svg_path);
  return Status::OK();
}

Status WriteDot(const service::LinkedGraph& linked, const service::TraceQuery& q,
                const std::string& party_id, const TraceFlags& f) {
  auto dot = linked.graph->ToDot(party_id, q.as_of, q.options.max_hops);
  if (!dot.ok()) return dot.status();
  const std::string dot_path = f.dot_file.empty() ? f.svg_file + ".dot" : f.dot_file;
  if (!(std::ofstream(dot_path) << *dot)) return Status::IOError("cannot write " + dot_path);
  spdlog::info("wrote {}", dot_path);
  if (!f.svg_file.empty()) {
    if (Status s = RenderSvg(dot_path, f.svg_file); !s.ok()) return s;
    if (f.dot_file.empty()) std::filesystem::remove(dot_path);
  }
  return Status::OK();
}

int RunTrace(const Context& ctx, const TraceFlags& f, bool ownership_only) {
  service::TraceRequest request;
  request.party = f.party;
  request.as_of = f.as_of;
  if (!ownership_only) request.max_hops = f.max_hops;
  if (f.link_threshold >= 0) request.link_threshold = f.link_threshold;
  std::string field;
  auto query = service::BuildTraceQuery(request, &field);
  if (!query.ok()) return Fail(FlagError(field, query.status()));
  auto linked = LoadLinkedGraph(ctx, *query);
  if (!linked.ok()) return Fail(linked.status());
  const int indent = f.json ? -1 : 2;
  auto traced = ownership_only ? service::Ownership(*linked, *query, indent, nullptr)
                               : service::Trace(*linked, *query, indent, nullptr);
  if (!traced.ok()) return Fail(traced.status());
  if (!ownership_only && (!f.dot_file.empty() || !f.svg_file.empty())) {
    if (Status s = WriteDot(*linked, *query, traced->party_id, f); !s.ok()) return Fail(s);
  }
  const char* command = ownership_only ? "ownership" : "trace";
  if (Status s = RecordAudit(ctx, command,
                             service::TraceAuditPayload(command, traced->party_id, query->as_of,
                                                        *linked->pack, traced->document));
      !s.ok()) {
    return Fail(s);
  }
  std::cout << traced->document << "\n";
  return traced->findings ? kExitFindings : kExitClear;
}

}  // namespace

void RegisterTrace(CLI::App& app, Context& ctx) {
  auto flags = std::make_shared<TraceFlags>();
  for (bool ownership : {false, true}) {
    CLI::App* cmd = app.add_subcommand(
        ownership ? "ownership" : "trace",
        ownership
            ? "Effective ownership by listed parties, with the 50 % rules in force on the date"
            : "Listed parties behind a party within K hops, with paths and shell-company signals");
    cmd->add_option("party", flags->party, "party id or name")->required();
    cmd->add_option("--as-of", flags->as_of, "YYYY-MM-DD (default today)");
    cmd->add_option("--link-threshold", flags->link_threshold,
                    "minimum screening score to link a party to a list entry (default 0.9)");
    cmd->add_flag("--json", flags->json, "one-line JSON (default: indented JSON)");
    if (!ownership) {
      cmd->add_option("--max-hops", flags->max_hops, "K (default 4)");
      cmd->add_option("--svg", flags->svg_file,
                      "also render the network around the party as SVG (needs Graphviz's dot)");
      cmd->add_option("--dot", flags->dot_file,
                      "also write the network around the party as Graphviz DOT");
    }
    cmd->callback([&ctx, flags, ownership] { ctx.exit_code = RunTrace(ctx, *flags, ownership); });
  }
}

}  // namespace chokepoint::cli
