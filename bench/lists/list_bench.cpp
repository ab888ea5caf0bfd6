// List parsing and snapshot import on the real lists in ../shared/data/lists: parse time, import
// time into a fresh SQLite database, a no-op re-import, and streaming every active entry back (what
// the screening index reads at start-up). Prints figures; asserts nothing about time.
//
//   build/bench/list_bench [LISTS_DIR]     default: ../shared/data/lists beside the source tree
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "chokepoint/data/list_import.h"
#include "chokepoint/json.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/store.h"

namespace {

using chokepoint::Status;
using chokepoint::data::ListFormat;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

struct ListSet {
  const char* source;
  ListFormat format;
  std::vector<std::string> files;  // relative to the lists directory
};

std::vector<ListSet> RealSets() {
  const std::string sup = "ofac_sdn_supplements/", cons = "ofac_consolidated_nonsdn/";
  return {{"csl", ListFormat::kCslCsv, {"us_csl/csl.csv"}},
          {"ofac-sdn",
           ListFormat::kSdnCsv,
           {"ofac_sdn/sdn.csv", sup + "add.csv", sup + "alt.csv", sup + "sdn_comments.csv"}},
          {"ofac-cons",
           ListFormat::kConsCsv,
           {cons + "cons_prim.csv", cons + "cons_add.csv", cons + "cons_alt.csv",
            cons + "cons_comments.csv"}},
          {"bis-dpl", ListFormat::kDplTsv, {"us_bis_dpl/dpl.txt"}},
          {"un", ListFormat::kUnXml, {"un/UN_consolidated.xml"}}};
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path lists =
      argc > 1 ? fs::path(argv[1]) : fs::path(CHOKEPOINT_SOURCE_DIR) / ".." / "shared/data/lists";
  if (!fs::exists(lists)) {
    std::fprintf(stderr, "list_bench: %s not found (give the lists directory)\n", lists.c_str());
    return 2;
  }
  const fs::path dir = fs::temp_directory_path() / ("list_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto store = chokepoint::OpenSqliteStore((dir / "bench.db").string());
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 3;
  }

  std::printf("%-10s %9s %10s %10s\n", "list", "entries", "parse s", "import s");
  double parse_total = 0, import_total = 0;
  int64_t entries_total = 0;
  for (const ListSet& set : RealSets()) {
    std::vector<std::string> files;
    for (const std::string& f : set.files) files.push_back((lists / f).string());
    auto t0 = Clock::now();
    chokepoint::data::ParseReport report;
    Status parsed = chokepoint::data::ParseListFiles(
        files, set.format, false, [](chokepoint::ListEntry&&) { return Status::OK(); }, &report);
    const double parse_s = Seconds(t0);
    auto t1 = Clock::now();
    auto imported = chokepoint::data::ImportListFiles(**store, files, set.format, false, "bench");
    const double import_s = Seconds(t1);
    if (!parsed.ok() || !imported.ok()) {
      std::fprintf(stderr, "%s: %s\n", set.source,
                   (parsed.ok() ? imported.status() : parsed).ToString().c_str());
      return 3;
    }
    std::printf("%-10s %9lld %10.3f %10.3f\n", set.source,
                static_cast<long long>(imported->snapshot.entries), parse_s, import_s);
    parse_total += parse_s;
    import_total += import_s;
    entries_total += imported->snapshot.entries;
  }
  std::printf("%-10s %9lld %10.3f %10.3f\n", "all", static_cast<long long>(entries_total),
              parse_total, import_total);

  auto t2 = Clock::now();
  for (const ListSet& set : RealSets()) {
    std::vector<std::string> files;
    for (const std::string& f : set.files) files.push_back((lists / f).string());
    auto again = chokepoint::data::ImportListFiles(**store, files, set.format, false, "bench");
    if (!again.ok() || again->changed) {
      std::fprintf(stderr, "%s: the unchanged re-import was not a no-op\n", set.source);
      return 3;
    }
  }
  std::printf("re-import of all unchanged lists: %.3f s\n", Seconds(t2));

  auto t3 = Clock::now();
  int64_t streamed = 0;
  auto active = (*store)->ListSnapshots(true);
  if (!active.ok()) return 3;
  for (const auto& snapshot : *active) {
    Status s = (*store)->ForEachListEntry(snapshot.id, [&](const chokepoint::StoredListEntry& e) {
      ++streamed;
      return chokepoint::ListEntryFromJson(e.json).status();
    });
    if (!s.ok()) return 3;
  }
  std::printf("stream and parse back %lld active entries: %.3f s\n",
              static_cast<long long>(streamed), Seconds(t3));
  store->reset();
  fs::remove_all(dir);
  return 0;
}
