// Helpers shared by the list-snapshot tests: temporary directories, a raw SQLite view that
// bypasses the Store, and synthetic entries.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "chokepoint/json.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/store.h"
#include "testutil.h"

namespace chokepoint::testing {

// A fresh directory per use (doctest re-runs a TEST_CASE once per SUBCASE), removed afterwards.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("chokepoint_" + tag + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(File(name), std::ios::binary) << text;
    return File(name);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The inspector's view: a plain connection that sees exactly what is on disk.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  int64_t Int(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    int64_t value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

inline std::unique_ptr<Store> MustOpenStore(const std::string& path) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  REQUIRE_MESSAGE(store.ok(), store.status().ToString());
  return std::move(store).value();
}

inline std::vector<AuditRecord> AuditRecords(Store& store) {
  std::vector<AuditRecord> records;
  CHECK_OK(store.ExportAudit(std::nullopt, [&](const AuditRecord& r) {
    records.push_back(r);
    return Status::OK();
  }));
  return records;
}

// An entry with most fields filled, so a round trip through the store exercises all of them.
inline ListEntry SampleEntry(int n, const std::string& suffix = "") {
  ListEntry e;
  e.source = "Entity List";
  e.source_code = "EL";
  e.list_id = "id-" + std::to_string(n);
  e.type = PartyType::kEntity;
  e.name = "Company " + std::to_string(n) + suffix;
  e.aliases = {{"Alias " + std::to_string(n), ListName::Kind::kStrongAlias},
               {"Weak " + std::to_string(n), ListName::Kind::kWeakAlias}};
  e.programs = {"EAR Part 744"};
  e.addresses = {{"1 Road", "Changsha", "Hunan", "410000", "CN"}};
  e.ids = {{"Website", "example.cn", ""}};
  e.nationalities = {"CN"};
  e.start_date = Date::FromYmd(2015, 2, 18);
  e.federal_register_notice = "80 FR 8524";
  e.license_requirement = "For all items subject to the EAR.";
  e.license_policy = "Presumption of denial.";
  e.remarks = "Ünïcode remark, 国防科技大学";
  return e;
}

inline std::string Hex64(char c) { return std::string(64, c); }

}  // namespace chokepoint::testing
