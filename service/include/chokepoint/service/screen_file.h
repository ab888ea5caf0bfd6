// Screening a CSV of names to JSON lines (`chokepoint screen --input names.csv --output
// hits.jsonl`): exactly one line per input row, in input order, screened on every core in chunks
// so a million rows stream through bounded memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::service {

struct ScreenFileRequest {
  std::string input;     // CSV with a header: name[,id,country,type]
  std::string output;    // JSON lines, truncated first
  ScreenQuery base;      // as_of, threshold and limit for every row (ApplyScreenOptions)
  unsigned threads = 0;  // 0: one per core
  bool strict = false;   // stop at the first malformed row (InvalidArgument naming it)
};

// Called before the first row is screened (with the file's line count, for a progress bar) and
// after each chunk (rows done so far).
struct ScreenFileProgress {
  std::function<void(int64_t total)> started;
  std::function<void(int64_t rows, int64_t total)> advanced;
};

struct ScreenFileSummary {
  int64_t rows = 0;
  int64_t rows_with_hits = 0;
  int64_t malformed_rows = 0;  // each also logged as a warning and written with its "error"
  std::vector<ListSnapshot> snapshots;  // screened against
};

// Reads the header, loads the screening index from `store` (LoadScreeningIndex), screens every
// row and writes its line. NotFound when the input cannot be read; InvalidArgument for an empty
// file, a header without 'name', no lists imported, or (strict) a malformed row.
Result<ScreenFileSummary> ScreenFile(Store& store, const ScreenFileRequest& request,
                                     const ScreenFileProgress& progress = {});

// The audit payload of a batch screening.
std::string ScreenFileAuditPayload(const ScreenFileRequest& request,
                                   const ScreenFileSummary& summary);

}  // namespace chokepoint::service
