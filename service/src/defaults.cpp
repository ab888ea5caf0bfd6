#include "chokepoint/service/defaults.h"

#include <cstdlib>

#ifndef CHOKEPOINT_SOURCE_DIR
#define CHOKEPOINT_SOURCE_DIR "."
#endif

namespace chokepoint::service {

namespace {

// The value of `name` when it is set and non-empty.
const char* Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

std::string SourceDir() {
  const char* dir = Env("CHOKEPOINT_SOURCE_DIR");
  return dir ? dir : CHOKEPOINT_SOURCE_DIR;
}

}  // namespace

std::string DefaultDatabasePath() {
  const char* db = Env("CHOKEPOINT_DB");
  return db ? db : "./chokepoint.db";
}

std::string DefaultRulesDir() {
  if (const char* rules = Env("CHOKEPOINT_RULES")) return rules;
  return SourceDir() + "/rules/ear";
}

std::string DefaultCatalogPath() {
  if (const char* catalog = Env("CHOKEPOINT_CATALOG")) return catalog;
  return SourceDir() + "/data/catalog/accelerators.xml";
}

std::string DefaultReviewerActor() {
  const char* user = Env("USER");
  return user ? std::string("cli:") + user : std::string("cli");
}

int64_t TestKillAfterChunks() {
  const char* kill = Env("CHOKEPOINT_TEST_KILL_AFTER_CHUNKS");
  return kill ? std::atoll(kill) : 0;
}

}  // namespace chokepoint::service
