// The default paths the front ends use when no flag names them, from the environment.
#include "chokepoint/service/defaults.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace chokepoint::service {
namespace {

// Sets (or, with nullopt, unsets) one variable for the scope, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* v = std::getenv(name)) saved_ = v;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (saved_) {
      ::setenv(name_, saved_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

TEST_CASE("DefaultDatabasePath prefers $CHOKEPOINT_DB, an empty one counts as unset") {
  {
    ScopedEnv db("CHOKEPOINT_DB", "/var/lib/chokepoint/audit.db");
    CHECK(DefaultDatabasePath() == "/var/lib/chokepoint/audit.db");
  }
  {
    ScopedEnv db("CHOKEPOINT_DB", "");
    CHECK(DefaultDatabasePath() == "./chokepoint.db");
  }
  ScopedEnv db("CHOKEPOINT_DB", std::nullopt);
  CHECK(DefaultDatabasePath() == "./chokepoint.db");
}

TEST_CASE("the default catalog path follows CHOKEPOINT_CATALOG, then CHOKEPOINT_SOURCE_DIR") {
  {
    ScopedEnv catalog("CHOKEPOINT_CATALOG", "/tmp/custom.xml");
    CHECK(DefaultCatalogPath() == "/tmp/custom.xml");
  }
  ScopedEnv catalog("CHOKEPOINT_CATALOG", std::nullopt);
  {
    ScopedEnv source("CHOKEPOINT_SOURCE_DIR", "/src/tree");
    CHECK(DefaultCatalogPath() == "/src/tree/data/catalog/accelerators.xml");
  }
  ScopedEnv source("CHOKEPOINT_SOURCE_DIR", std::nullopt);
  CHECK(std::filesystem::exists(DefaultCatalogPath()));  // the compiled-in source tree
}

TEST_CASE("the default rule pack follows CHOKEPOINT_RULES, then CHOKEPOINT_SOURCE_DIR") {
  {
    ScopedEnv rules("CHOKEPOINT_RULES", "/etc/chokepoint/rules");
    CHECK(DefaultRulesDir() == "/etc/chokepoint/rules");
  }
  ScopedEnv rules("CHOKEPOINT_RULES", std::nullopt);
  {
    ScopedEnv source("CHOKEPOINT_SOURCE_DIR", "/src/tree");
    CHECK(DefaultRulesDir() == "/src/tree/rules/ear");
  }
  ScopedEnv source("CHOKEPOINT_SOURCE_DIR", std::nullopt);
  CHECK(std::filesystem::exists(DefaultRulesDir() + "/pack.xml"));
}

}  // namespace
}  // namespace chokepoint::service
