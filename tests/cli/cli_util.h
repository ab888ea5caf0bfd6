// Running the real `chokepoint` binary from tests, as a user or a script would.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "testutil.h"

namespace chokepoint::testing {

struct Ran {
  int exit_code;
  std::string out;  // stdout and stderr together
};

inline Ran RunCli(const std::string& args, const std::string& db) {
  std::string cmd = std::string(CHOKEPOINT_BINARY) + " --db " + db + " " + args + " 2>&1";
  Ran r{-1, {}};
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A fresh path under the temp folder (database files of an earlier run removed).
inline std::string Scratch(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() /
      ("chokepoint-cli-tests-" + std::to_string(::getpid()));  // runs side by side stay apart
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

}  // namespace chokepoint::testing
