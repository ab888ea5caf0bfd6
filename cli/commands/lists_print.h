// The human-readable forms of `chokepoint lists import|status|diff|update` (the --json forms are
// the service's documents).
#pragma once

#include <vector>

#include "chokepoint/data/list_import.h"
#include "chokepoint/store.h"

namespace chokepoint::cli {

// Each issue of an import on stderr, one per line (file:line: field: message).
void PrintIssues(const data::ParseReport& report);
// "imported SOURCE snapshot N ..." or "unchanged: ...".
void PrintImported(const data::ImportResult& result);
// The snapshots as a table: id, source, format, entries, skipped, published, imported, active.
void PrintSnapshotTable(const std::vector<ListSnapshot>& snapshots);
// One source's diff: the counts, then each added (+), removed (-) and changed (~) entry.
void PrintSnapshotDiff(const data::SnapshotDiff& diff);

}  // namespace chokepoint::cli
