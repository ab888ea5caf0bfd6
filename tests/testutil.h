// Helpers shared by the test suites.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "chokepoint/status.h"

#define CHECK_OK(expr)                                                                   \
  do {                                                                                   \
    const auto& _s = (expr);                                                             \
    CHECK_MESSAGE(::chokepoint::testing::IsOk(_s), ::chokepoint::testing::Describe(_s)); \
  } while (0)

namespace chokepoint::testing {

inline bool IsOk(const Status& s) { return s.ok(); }
template <typename T>
bool IsOk(const Result<T>& r) {
  return r.ok();
}
inline std::string Describe(const Status& s) { return s.ToString(); }
template <typename T>
std::string Describe(const Result<T>& r) {
  return r.status().ToString();
}

// A path inside the source tree (fixtures/, rules/, data/).
inline std::string SourcePath(const std::string& relative) {
  return std::string(CHOKEPOINT_SOURCE_DIR) + "/" + relative;
}

// A path inside ../shared (real list files and references), or nullopt when ../shared is absent,
// as it is for a user who cloned the repository. Tests that need it skip and say so.
inline std::optional<std::string> SharedPath(const std::string& relative) {
  std::filesystem::path p =
      std::filesystem::path(CHOKEPOINT_SOURCE_DIR) / ".." / "shared" / relative;
  if (std::filesystem::exists(p)) return p.lexically_normal().string();
  MESSAGE("skipped: ../shared/" << relative << " is not present (a fresh clone has no ../shared)");
  return std::nullopt;
}

}  // namespace chokepoint::testing
