// Shared between the import, update and diff sources of data/src/import; not part of the API.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::data::import_internal {

// Appends the "import" audit record of an attempt that failed before anything could be stored
// (a download, a missing file) and returns `error`, with a note appended when even the record
// could not be written.
Status RecordFailedImport(AuditLog& store, std::string_view actor,
                          const std::vector<std::string>& files, std::optional<ListFormat> format,
                          const Status& error);

}  // namespace chokepoint::data::import_internal
