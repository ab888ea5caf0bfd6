// Parsers for the real list formats, one per format behind one function. They stream: each entry
// goes to the sink as soon as it is complete, so a 4 MB SDN file never sits in memory twice.
// Storing entries as a snapshot is list_import.h's job; parsing here touches no database.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"

namespace chokepoint::data {

enum class ListFormat {
  kAuto,
  kCslCsv,   // trade.gov Consolidated Screening List, CSV
  kCslJson,  // trade.gov Consolidated Screening List, JSON ({"results":[...]} or an array)
  kSdnCsv,   // OFAC sdn.csv, with add.csv, alt.csv, sdn_comments.csv when given
  kSdnXml,   // OFAC sdn.xml
  kConsCsv,  // OFAC consolidated non-SDN: cons_prim.csv (+ cons_add, cons_alt, cons_comments)
  kDplTsv,   // BIS Denied Persons List, tab-separated
  kUnXml,    // UN Security Council consolidated list XML
};
const char* ListFormatName(ListFormat format);  // "csl-csv", "sdn-xml", ... as on the command line
std::optional<ListFormat> ParseListFormat(std::string_view name);

// The source a format's snapshots replace: importing sdn.xml replaces an earlier sdn.csv snapshot
// (both are "ofac-sdn"); "csl", "ofac-sdn", "ofac-cons", "bis-dpl", "un".
const char* SourceKey(ListFormat format);

// Guesses the format from file names and first bytes. A set (sdn.csv + add.csv ...) is one format.
Result<ListFormat> DetectListFormat(const std::vector<std::string>& files);

// A malformed row: where it is and what is wrong, for a reviewer to fix the file.
struct ImportIssue {
  std::string file;
  int64_t line = 0;   // 1-based physical line of the row's start (0: not line-based)
  std::string field;  // the column or element at fault; empty when the row is unreadable
  std::string message;
  std::string ToString() const;  // "sdn.csv:1204: field 'SDN_Type': unexpected value 'x'"
};

struct ParseReport {
  int64_t rows_read = 0;      // data rows seen (headers and repeated headers excluded)
  int64_t entries = 0;        // entries passed to the sink
  int64_t rows_skipped = 0;   // malformed rows skipped (non-strict)
  std::vector<ImportIssue> issues;
  std::optional<Date> published;  // the list's own publication date, when the file has one
  // sdn-csv / cons-csv only: rows read from add/alt/comments supplements, and how many of them name
  // an ent_num the main file does not have (a supplement from another publication date). Those are
  // not applied; each supplement file with any gets one summary issue.
  int64_t supplement_rows = 0;
  int64_t supplement_rows_unmatched = 0;
};

using EntrySink = std::function<Status(ListEntry&&)>;

// Parses `files` (one file, or a set for sdn-csv/cons-csv: the main file first, supplements in any
// order, recognised by name) and calls `sink` once per entry. A malformed row is recorded in
// report->issues and skipped, or, with `strict`, ends the parse with InvalidArgument naming
// file:line:field. A sink error ends the parse and is returned.
Status ParseListFiles(const std::vector<std::string>& files, ListFormat format, bool strict,
                      const EntrySink& sink, ParseReport* report);

}  // namespace chokepoint::data
