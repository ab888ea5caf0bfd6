// Schema migrations: the numbered .sql files in engine/src/store/migrations/, embedded into the
// binary at build time (sources.cmake generates the table), applied in order on open.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint::store_internal {

struct Migration {
  int version;            // NNN from the file name; 1, 2, 3, ... without gaps
  std::string_view name;  // the rest of the file name: "audit_log"
  std::string_view sql;   // the file's text
};

// Every migration this build knows, ordered by version. Defined in the generated
// migrations_embedded.cpp.
std::span<const Migration> EmbeddedMigrations();

// Creates schema_migrations if needed, refuses a database newer than `migrations` with
// Status::Corruption, and applies each missing migration in its own IMMEDIATE transaction, so
// two processes opening a fresh database at once apply each migration exactly once. `now` stamps
// applied_at. Returns the resulting schema version (0 for an empty list on an empty database).
Result<int> ApplyMigrations(sqlite3* db, std::span<const Migration> migrations,
                            const std::function<std::string()>& now);

}  // namespace chokepoint::store_internal
