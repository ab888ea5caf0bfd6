// Importing restricted-party lists into the store as snapshots, diffing snapshots, and fetching
// the official lists. Parsing is list_formats.h's job; keeping snapshots is the Store's.
//
// Every import attempt (new, unchanged, or failed) leaves one "import" record in the audit log.
// A successful import's record commits in the same transaction as its snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "chokepoint/status.h"
#include "chokepoint/store.h"

namespace chokepoint::data {

// One input file, as hashed.
struct FileDigest {
  std::string path;    // as given
  std::string name;    // file name without directories
  std::string sha256;  // lowercase hex of the bytes
  int64_t bytes = 0;
};

// The snapshot hash of a set of files. One file: the file's own SHA-256, so `sha256sum FILE`
// reproduces it. Several: the SHA-256 of their `sha256sum` lines ("<hex>  <name>\n") sorted by
// name, so the set's hash does not depend on the order the files were named in (the parser
// recognises supplements by name) but does change when a file is renamed or swapped.
// NotFound for a missing file, IOError for an unreadable one.
Result<std::string> HashListFiles(const std::vector<std::string>& files,
                                  std::vector<FileDigest>* digests);

struct ImportResult {
  ListSnapshot snapshot;  // the new snapshot, or the active identical one when !changed
  bool changed = false;   // false: the files matched the active snapshot; nothing was stored
  ParseReport report;     // what the parser saw; empty when !changed (the files were not parsed)
  std::vector<FileDigest> files;
  int64_t audit_seq = 0;
};

// Hashes `files`, detects the format when it is kAuto, and parses them straight into a new
// snapshot of SourceKey(format), which becomes that source's active snapshot. Files identical to
// the active snapshot's make a no-op (changed == false). Any failure (a missing or unreadable
// file, an undetectable format, a strict-mode malformed row, a parse error, or a parse that
// yields no entries at all) stores nothing and leaves the previous snapshot active. `actor` is
// recorded in the audit log. Errors: NotFound (missing file), InvalidArgument (bad input),
// IOError (unreadable file, database).
Result<ImportResult> ImportListFiles(Store& store, const std::vector<std::string>& files,
                                     ListFormat format, bool strict, std::string_view actor = {});

// Entries of two snapshots of one source, matched by (source_code, list_id).
struct DiffEntry {
  std::string source_code;
  std::string list_id;
  std::string name;           // in the newer snapshot (the older one for removed entries)
  std::string previous_name;  // changed entries only: the name in the older snapshot
};

struct SnapshotDiff {
  std::string source;
  std::optional<int64_t> from_id;  // nullopt: `to` is the source's first snapshot
  int64_t to_id = 0;
  std::vector<DiffEntry> added;    // in `to` order
  std::vector<DiffEntry> removed;  // in `from` order
  std::vector<DiffEntry> changed;  // content differs (any field); in `to` order
  int64_t unchanged = 0;
};

struct ListDiff {
  std::vector<SnapshotDiff> diffs;  // one per source compared, ordered by to_id
};

// Compares snapshot `from_id` with `to_id`. Defaults: without `to`, the active snapshot of
// from's source; without `from`, the snapshot of to's source imported just before `to`. With
// neither, one diff per source that has an active snapshot: that snapshot against the one before
// it. NotFound for an unknown id; InvalidArgument for snapshots of two different sources.
Result<ListDiff> DiffSnapshots(ListSnapshotStore& store, std::optional<int64_t> from_id,
                               std::optional<int64_t> to_id);

// ---- Fetching the official lists -------------------------------------------------------------

struct OfficialFile {
  std::string name;  // saved under this name, which the parser recognises
  std::string url;
};

struct OfficialList {
  std::string source;  // SourceKey(format)
  ListFormat format;
  std::vector<OfficialFile> files;  // main file first
};

// The official download locations, one entry per source, in update order.
const std::vector<OfficialList>& OfficialLists();

struct UpdateOptions {
  // Fetch every file as "<base_url>/<file name>" instead of from its official URL (a mirror, or a
  // test server). Empty: the official URLs.
  std::string base_url;
  std::vector<std::string> sources;  // SourceKey values to update; empty: all
  bool strict = false;
  std::string actor;
  int connect_timeout_s = 10;
  int receive_timeout_s = 60;
  int max_redirects = 3;
  int64_t max_bytes = int64_t{512} << 20;  // per file; the full SDN XML is about 100 MB
};

struct SourceUpdate {
  std::string source;
  Status status;                       // IOError naming the URL when a download failed
  std::optional<ImportResult> result;  // set iff status.ok()
};

// Downloads each selected source's files into a private temporary directory (removed afterwards),
// logs each file's size and SHA-256, and imports them with ImportListFiles. Sources are
// independent: one that fails to download or import keeps its previous snapshot and does not
// stop the others. Returns InvalidArgument for an unknown source or a base_url that is not
// http(s); otherwise one SourceUpdate per selected source.
Result<std::vector<SourceUpdate>> UpdateLists(Store& store, const UpdateOptions& options);

// GETs `url` (http or https, following up to max_redirects redirects) into `path`. An HTML page
// where a list was expected, a body larger than max_bytes, or one shorter than its
// Content-Length is an error. Returns the body's digest. Errors: IOError naming the URL.
Result<FileDigest> DownloadFile(const std::string& url, const std::string& path,
                                const UpdateOptions& limits);

}  // namespace chokepoint::data
