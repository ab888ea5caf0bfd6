// Nightly batch benchmark: a register of 1,000,000 parties (default) against every real list in
// ../shared/data/lists, then a second sdn.csv snapshot with 500 changed entries (150 removed, 200
// edited, 150 added). Prints the time of each phase; targets (issue 7, 2 cores): the delta run
// <= 30 s, a full re-screen <= 120 s. Not a test: figures only.
//
//   batch_bench [PARTIES] [DB_PATH]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "chokepoint/data/list_import.h"
#include "chokepoint/service/batch.h"
#include "chokepoint/service/party_register.h"
#include "real_lists.h"
#include "synthetic_names.h"

namespace {

using namespace chokepoint;
using namespace chokepoint::service;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

[[noreturn]] void Die(const Status& s, const char* what) {
  std::fprintf(stderr, "batch_bench: %s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

// sdn.csv with 150 rows removed, 200 remarks edited and 150 rows added, CRLF kept.
std::string DeriveSdn(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::vector<std::string> lines;
  std::istringstream text(buf.str());
  for (std::string line; std::getline(text, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '\x1a') lines.push_back(line);
  }
  std::mt19937 rng(7);
  std::vector<size_t> order(lines.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::set<size_t> removed(order.begin(), order.begin() + 150);
  std::set<size_t> edited;
  for (size_t i = 150; edited.size() < 200 && i < order.size(); ++i) {
    const std::string& l = lines[order[i]];
    if (l.size() > 5 && l.compare(l.size() - 5, 5, ",-0- ") == 0) edited.insert(order[i]);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (removed.count(i)) continue;
    if (edited.count(i)) {
      out += lines[i].substr(0, lines[i].size() - 5) + ",\"Benchmark edit.\"\r\n";
    } else {
      out += lines[i] + "\r\n";
    }
  }
  for (int i = 0; i < 150; ++i) {
    out += std::to_string(995000 + i) + ",\"BENCHMARK ADDED TRADING " + std::to_string(i) +
           " LLC\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  }
  return out;
}

void Report(const char* label, const BatchSummary& s, double seconds) {
  std::printf(
      "%-28s %8.2f s  mode %-7s screened %8lld  delta +%lld -%lld ~%lld  alerts %lld "
      "(new %lld, removed %lld, changed %lld)\n",
      label, seconds, s.mode.c_str(), static_cast<long long>(s.parties_screened),
      static_cast<long long>(s.delta.added), static_cast<long long>(s.delta.removed),
      static_cast<long long>(s.delta.changed), static_cast<long long>(s.alerts()),
      static_cast<long long>(s.new_hits), static_cast<long long>(s.removed_hits),
      static_cast<long long>(s.changed_entries));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const size_t parties = argc > 1 ? std::stoul(argv[1]) : 1000000;
  const std::string lists = std::string(CHOKEPOINT_SOURCE_DIR) + "/../shared/data/lists";
  if (!std::filesystem::exists(lists)) {
    std::printf("batch_bench: skipped: %s is not present\n", lists.c_str());
    return 0;
  }
  const auto tmp = std::filesystem::temp_directory_path() / "chokepoint-batch-bench";
  std::filesystem::remove_all(tmp);
  std::filesystem::create_directories(tmp / "v2");
  const std::string db = argc > 2 ? argv[2] : (tmp / "bench.db").string();
  auto opened = OpenSqliteStore(db);
  if (!opened.ok()) Die(opened.status(), "opening the database");
  Store& store = **opened;
  std::printf("batch_bench: %zu parties, %u threads, database %s\n", parties,
              std::thread::hardware_concurrency(), db.c_str());

  auto t = Clock::now();
  for (const auto& set : screen_eval::AllListFiles()) {
    std::vector<std::string> files;
    for (const char* f : set.files) files.push_back(lists + "/" + f);
    auto r = data::ImportListFiles(store, files, set.format, false, "bench");
    if (!r.ok()) Die(r.status(), set.label);
  }
  std::printf("%-28s %8.2f s\n", "import all lists", Since(t));

  t = Clock::now();
  std::vector<ListEntry> entries;
  std::string log;
  if (Status s = screen_eval::LoadAllLists(lists, &entries, &log); !s.ok()) Die(s, "lists");
  std::vector<std::string> names = screen_eval::SyntheticNames(entries, parties, 0.01, 42);
  std::vector<PartyRecord> records;
  records.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "P%08zu", i);
    records.push_back({id, names[i], "", "", ""});
  }
  std::printf("%-28s %8.2f s\n", "generate parties", Since(t));
  t = Clock::now();
  auto reg = RegisterParties(store, std::move(records), "bench", "bench");
  if (!reg.ok()) Die(reg.status(), "registering parties");
  std::printf("%-28s %8.2f s  (%lld added)\n", "register parties", Since(t),
              static_cast<long long>(reg->added));

  BatchOptions options;
  options.as_of = Date::FromYmd(2025, 1, 15);
  auto run = [&](const char* label, bool full) {
    BatchOptions o = options;
    o.full = full;
    auto start = Clock::now();
    auto s = RunBatch(store, o);
    if (!s.ok()) Die(s.status(), label);
    Report(label, *s, Since(start));
  };
  run("first run (screens all)", false);
  run("rerun, nothing changed", false);

  t = Clock::now();
  const std::string v2 = (tmp / "v2" / "sdn.csv").string();
  {
    std::ofstream out(v2, std::ios::binary);
    out << DeriveSdn(lists + "/ofac_sdn/sdn.csv");
  }
  std::vector<std::string> files = {v2};
  for (const char* f : {"add.csv", "alt.csv", "sdn_comments.csv"}) {
    std::filesystem::copy_file(lists + "/ofac_sdn_supplements/" + f, tmp / "v2" / f);
    files.push_back((tmp / "v2" / f).string());
  }
  auto imported = data::ImportListFiles(store, files, data::ListFormat::kSdnCsv, false, "bench");
  if (!imported.ok()) Die(imported.status(), "importing the derived sdn.csv");
  std::printf("%-28s %8.2f s\n", "import derived sdn.csv", Since(t));
  run("delta run (500 entries)", false);
  run("full re-screen (--full)", true);
  std::filesystem::remove_all(tmp);
  return 0;
}
