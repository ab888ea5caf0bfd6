// Batch re-screening on real-format snapshots: OFAC's sdn.csv from ../shared, and a second
// snapshot derived from it at runtime (entries removed, edited and added) in a temp directory.
// The alerts of the delta run must be exactly the difference between two full re-screens.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "chokepoint/data/csv_reader.h"
#include "service/batch_test_util.h"

namespace chokepoint::testing {
namespace {

struct SdnRow {
  std::string line;  // without the line ending
  std::string ent_num;
  std::string name;
};

std::vector<SdnRow> ReadSdn(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  std::vector<SdnRow> rows;
  std::istringstream lines(buf.str());
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '\x1a') continue;
    data::CsvReader reader(line, ',');
    data::CsvRow row;
    if (!reader.Next(&row) || row.fields.size() < 12 || !row.error.empty()) continue;
    rows.push_back({line, row.fields[0], row.fields[1]});
  }
  return rows;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
}

std::string CsvField(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

TEST_CASE("real sdn.csv: the delta run's alerts are exactly the difference of two full screens") {
  auto sdn = SharedPath("data/lists/ofac_sdn/sdn.csv");
  if (!sdn) return;
  const std::vector<SdnRow> rows = ReadSdn(*sdn);
  REQUIRE(rows.size() > 1000);

  // Pick distinct rows to remove, edit and keep (as customers), with a fixed seed.
  std::mt19937 rng(20241125);
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::set<size_t> removed(order.begin(), order.begin() + 25);
  std::set<size_t> edited;
  for (size_t i = 25; edited.size() < 25; ++i) {
    if (rows[order[i]].line.size() > 5 &&
        rows[order[i]].line.compare(rows[order[i]].line.size() - 5, 5, ",-0- ") == 0) {
      edited.insert(order[i]);
    }
  }
  std::vector<size_t> kept;
  for (size_t i = 100; kept.size() < 50; ++i) {
    if (!edited.count(order[i])) kept.push_back(order[i]);
  }
  const char* words[] = {"Quillfeather", "Marrowind",   "Tessaract", "Veldrane",  "Obsidian",
                         "Kalvoro",      "Pentwhistle", "Zorvanta",  "Lumenhart", "Brackwater"};
  std::vector<std::pair<std::string, std::string>> added;  // ent_num, name
  for (int i = 0; i < 25; ++i) {
    added.emplace_back(std::to_string(990000 + i), std::string(words[i % 10]) + " " +
                                                       words[(i * 7 + 3) % 10] + " Trading " +
                                                       std::to_string(i) + " Company");
  }

  const auto dir = std::filesystem::temp_directory_path() / "chokepoint-batch-real";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "v1");
  std::filesystem::create_directories(dir / "v2");
  std::string v1, v2;
  for (size_t i = 0; i < rows.size(); ++i) {
    v1 += rows[i].line + "\r\n";
    if (removed.count(i)) continue;
    if (edited.count(i)) {
      v2 += rows[i].line.substr(0, rows[i].line.size() - 5) + ",\"Batch test: remark added.\"\r\n";
    } else {
      v2 += rows[i].line + "\r\n";
    }
  }
  for (const auto& [num, name] : added) {
    v2 += num + "," + CsvField(name) +
          ",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  }
  WriteFile((dir / "v1" / "sdn.csv").string(), v1);
  WriteFile((dir / "v2" / "sdn.csv").string(), v2);

  std::string customers = "id,name,country\n";
  int n = 0;
  auto add_customer = [&](const std::string& name) {
    char id[16];
    std::snprintf(id, sizeof id, "P%05d", n++);
    customers += std::string(id) + "," + CsvField(name) + ",\n";
  };
  for (size_t i : removed) add_customer(rows[i].name);
  for (size_t i : edited) add_customer(rows[i].name);
  for (size_t i : kept) add_customer(rows[i].name);
  for (const auto& a : added) add_customer(a.second);
  for (int i = 0; i < 300; ++i) add_customer("Harmless Customer " + std::to_string(i) + " GmbH");
  const std::string register_csv = (dir / "customers.csv").string();
  WriteFile(register_csv, customers);

  auto setup = [&](Store& store, const char* version) {
    ImportList(store, {(dir / version / "sdn.csv").string()}, data::ListFormat::kSdnCsv);
  };
  // The run under test: v1, then the delta to v2.
  auto store = MemoryStore();
  setup(*store, "v1");
  ImportCustomers(*store, register_csv);
  Run(*store, "2024-12-01");
  const LedgerView before = ActiveLedger(*store);
  setup(*store, "v2");
  BatchSummary delta = Run(*store, "2024-12-01");
  CHECK(delta.delta.removed == 25);
  CHECK(delta.delta.changed == 25);
  CHECK(delta.delta.added == 25);

  // The oracle: a full screen of the register against v2 alone, compared with the v1 ledger.
  auto fresh = MemoryStore();
  setup(*fresh, "v2");
  ImportCustomers(*fresh, register_csv);
  Run(*fresh, "2024-12-01");
  const LedgerView after = ActiveLedger(*fresh);
  CHECK(ActiveLedger(*store) == after);  // the delta run's ledger equals a full re-screen's

  std::set<std::string> expected;
  for (const auto& [hit, v] : after) {
    auto old = before.find(hit);
    if (old == before.end()) {
      expected.insert("new_hit " + hit);
    } else if (std::get<1>(old->second) != std::get<1>(v)) {
      expected.insert("changed_entry " + hit);
    }
  }
  for (const auto& [hit, v] : before) {
    if (!after.count(hit)) expected.insert("removed_hit " + hit);
  }
  std::set<std::string> got;
  std::map<std::string, std::string> reason_by_list_id;
  REQUIRE(store
              ->ForEachBatchAlert(delta.run_id,
                                  [&](const BatchAlertRecord& a) {
                                    CHECK(got.insert(a.kind + " " + a.hit_id).second);
                                    reason_by_list_id[a.kind + " " + a.list_id] = a.reason;
                                    return Status::OK();
                                  })
              .ok());
  CHECK(got == expected);
  // And the engineered changes are among them, for the right reason.
  for (size_t i : removed) {
    CHECK(reason_by_list_id["removed_hit " + rows[i].ent_num] == "delisted");
  }
  for (size_t i : edited) {
    CHECK(reason_by_list_id["changed_entry " + rows[i].ent_num] == "entry_changed");
  }
  for (const auto& a : added) CHECK(reason_by_list_id["new_hit " + a.first] == "entry_added");
  MESSAGE("real sdn.csv delta run: " << got.size() << " alerts (" << delta.new_hits << " new, "
                                     << delta.removed_hits << " removed, " << delta.changed_entries
                                     << " changed)");
  CHECK(Run(*store, "2024-12-01").alerts() == 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace chokepoint::testing
