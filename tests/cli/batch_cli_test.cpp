// The batch commands through the real binary: contract exit codes and messages, and kill -9 at
// random points followed by a rerun, which must end with exactly the alerts of an uninterrupted
// run (none lost, none doubled).
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "cli/cli_util.h"

namespace chokepoint::testing {
namespace {

std::string Fixture(const std::string& name) { return SourcePath("fixtures/batch/" + name); }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

void Spit(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

void CopyDb(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(to + suffix);
    if (std::filesystem::exists(from + suffix)) {
      std::filesystem::copy_file(from + suffix, to + suffix);
    }
  }
}

bool Killed(const Ran& r) { return r.exit_code == -1 || r.exit_code == 128 + SIGKILL; }

// A register of 400 parties: a quarter named like fixture entries, the rest harmless.
std::string Register(int variant) {
  const char* listed[] = {"Volkov Trading LLC",           "Northern Star Electronics Co Ltd",
                          "Baltic Precision Instruments", "Zhang Wei Technologies",
                          "Aurora Semiconductor Supply",  "Kestrel Microsystems GmbH"};
  std::string csv = "id,name,country\n";
  for (int i = 0; i < 400; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "K%04d", i);
    std::string name = i % 4 == 0 ? listed[(i / 4 + variant * (i % 3)) % 6]
                                  : "Customer " + std::to_string(i) + " Widgets Ltd";
    csv += std::string(id) + ",\"" + name + "\",\n";
  }
  return csv;
}

struct BatchDb {
  std::string base = Scratch("batch-base.db");
  BatchDb() {
    const std::string reg1 = Scratch("batch-register1.csv"), reg2 = Scratch("batch-register2.csv");
    Spit(reg1, Register(0));
    Spit(reg2, Register(1));
    REQUIRE(RunCli("lists import --format csl-csv " + Fixture("lists_v1.csv"), base).exit_code ==
            0);
    REQUIRE(RunCli("parties import " + reg1, base).exit_code == 0);
    REQUIRE(RunCli("batch run --as-of 2024-12-01", base).exit_code == 1);
    REQUIRE(RunCli("lists import --format csl-csv " + Fixture("lists_v2.csv"), base).exit_code ==
            0);
    REQUIRE(RunCli("parties import " + reg2, base).exit_code == 0);
  }
};

const char* kRunArgs = "batch run --as-of 2024-12-10 --chunk-size 7 --threads 2 --alerts ";

TEST_CASE("batch CLI: parties import, run, status, review, alerts and exit codes") {
  const std::string db = Scratch("batch-cli.db");
  Ran r = RunCli("batch run", db);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("no lists imported yet") != std::string::npos);

  const std::string bad = Scratch("batch-bad.csv");
  Spit(bad, "id,name,country\nX1,Fine Co,DE\nX2,,FR\n");
  r = RunCli("parties import " + bad, db);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(bad + ":3: field 'name': empty") != std::string::npos);

  REQUIRE(RunCli("lists import --format csl-csv " + Fixture("lists_v1.csv"), db).exit_code == 0);
  r = RunCli("parties import " + Fixture("customers_v1.csv"), db);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("7 parties: 7 added, 0 changed, 0 unchanged") != std::string::npos);
  const std::string alerts = Scratch("batch-cli-alerts.jsonl");
  r = RunCli("batch run --as-of 2024-12-01 --alerts " + alerts, db);
  CHECK(r.exit_code == 1);
  std::istringstream lines(Slurp(alerts));
  std::vector<nlohmann::json> parsed;
  for (std::string line; std::getline(lines, line);) parsed.push_back(nlohmann::json::parse(line));
  REQUIRE(parsed.size() == 4);
  CHECK(parsed[0]["kind"] == "new_hit");
  CHECK(parsed[0]["party"]["id"] == "C001");
  CHECK(parsed[0]["hit"]["list_id"] == "batch-e1");
  CHECK(parsed[0]["run"] == 1);

  CHECK(RunCli("batch run --as-of 2024-12-01", db).exit_code == 0);  // nothing new
  const std::string hit = parsed[3]["hit_id"];
  r = RunCli("review " + hit + " --decision false-positive --note 'other company' --until nope",
             db);
  CHECK(r.exit_code == 2);
  CHECK(RunCli("review " + hit + " --decision maybe --note x", db).exit_code == 2);
  CHECK(RunCli("review Hnosuchhit --decision escalate --note x", db).exit_code == 2);
  r = RunCli("review " + hit +
                 " --decision false-positive --note 'other company' --until "
                 "2025-01-31",
             db);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("is now false-positive until 2025-01-31") != std::string::npos);
  CHECK(RunCli("batch run --as-of 2025-01-31", db).exit_code == 0);
  CHECK(RunCli("batch run --as-of 2025-02-01", db).exit_code == 1);  // the decision lapsed

  r = RunCli("batch status --json", db);
  CHECK(r.exit_code == 0);
  auto status = nlohmann::json::parse(r.out);
  CHECK(status["registered_parties"] == 7);
  CHECK(status["running"].is_null());
  CHECK(status["runs"][0]["summary"]["alerts"]["new_hit"] == 1);
  CHECK(RunCli("batch alerts --run 1", db).exit_code == 1);
  CHECK(RunCli("audit-log verify", db).exit_code == 0);
}

TEST_CASE("batch run: kill -9 at random points, then rerun, gives the uninterrupted alerts") {
  BatchDb fixture;
  const std::string ref_db = Scratch("batch-ref.db"), ref_alerts = Scratch("batch-ref.jsonl");
  CopyDb(fixture.base, ref_db);
  auto start = std::chrono::steady_clock::now();
  REQUIRE(RunCli(kRunArgs + ref_alerts, ref_db).exit_code == 1);
  const auto run_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  const std::string expected = Slurp(ref_alerts);
  REQUIRE(!expected.empty());
  const std::string expected_db_alerts = RunCli("batch alerts --run 2", ref_db).out;

  std::mt19937 rng(std::random_device{}());
  const int trials = 14;
  int interrupted = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const std::string db = Scratch("batch-trial.db"), out = Scratch("batch-trial.jsonl");
    CopyDb(fixture.base, db);
    std::string how;
    if (trial % 2 == 0) {
      // At a checkpoint: after the Nth committed chunk (58 chunks of 7 parties), twice in a row.
      int first = std::uniform_int_distribution<int>(1, 50)(rng);
      int second = std::uniform_int_distribution<int>(1, 8)(rng);
      how = "after chunk " + std::to_string(first) + " then " + std::to_string(second);
      for (int n : {first, second}) {
        setenv("CHOKEPOINT_TEST_KILL_AFTER_CHUNKS", std::to_string(n).c_str(), 1);
        Ran killed = RunCli(kRunArgs + out, db);
        unsetenv("CHOKEPOINT_TEST_KILL_AFTER_CHUNKS");
        CHECK_MESSAGE(Killed(killed), how << ": exit " << killed.exit_code << " " << killed.out);
      }
    } else {
      // Anywhere: SIGKILL after a random delay, possibly mid-transaction or after completion.
      const long delay = std::uniform_int_distribution<long>(0, run_us)(rng);
      how = "after " + std::to_string(delay) + " us";
      pid_t pid = fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        execl(CHOKEPOINT_BINARY, CHOKEPOINT_BINARY, "--db", db.c_str(), "batch", "run", "--as-of",
              "2024-12-10", "--chunk-size", "7", "--threads", "2", "--alerts", out.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
      }
      std::this_thread::sleep_for(std::chrono::microseconds(delay));
      kill(pid, SIGKILL);
      int wstatus = 0;
      waitpid(pid, &wstatus, 0);
    }
    // Rerun unless the killed process had already completed run 2 (then its file is final).
    auto status = nlohmann::json::parse(RunCli("batch status --json", db).out);
    bool completed = false;
    for (const auto& run : status["runs"]) {
      completed = completed || (run["run"] == 2 && run["state"] == "completed");
    }
    if (!completed) {
      ++interrupted;
      Ran rerun = RunCli(kRunArgs + out, db);
      CHECK_MESSAGE(rerun.exit_code == 1, how << ": " << rerun.out);
    }
    CHECK_MESSAGE(Slurp(out) == expected, how);
    CHECK_MESSAGE(RunCli("batch alerts --run 2", db).out == expected_db_alerts, how);
    CHECK_MESSAGE(RunCli("batch run --as-of 2024-12-10", db).exit_code == 0, how);
    CHECK(RunCli("audit-log verify", db).exit_code == 0);
  }
  MESSAGE(interrupted << " of " << trials << " kills interrupted run 2 (reference run took "
                      << run_us / 1000 << " ms)");
  CHECK(interrupted >= trials / 2);
}

}  // namespace
}  // namespace chokepoint::testing
