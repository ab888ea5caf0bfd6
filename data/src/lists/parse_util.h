// Helpers every list parser shares: reading files, trimming and splitting published text,
// the date and country spellings the lists use, and the strict/lenient bookkeeping of issues.
#pragma once

#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "chokepoint/date.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"
#include "chokepoint/strings.h"

namespace chokepoint::data::lists {

// The whole file as bytes. List files are a few MB, so one read is both simplest and fastest; the
// entries built from it still go to the sink one at a time.
Result<std::string> ReadFile(const std::string& path);

// "dir/sdn.csv" -> "sdn.csv": issues name the file the way a reviewer sees it in a folder.
std::string FileLabel(const std::string& path);

// Reads `path` into *data (kept for line numbers) and parses it into *doc; malformed XML is
// InvalidArgument naming file:line, as for every other format.
Status LoadXmlFile(const std::string& path, std::string* data, pugi::xml_document* doc);

// Trimmed, with runs of whitespace (including newlines) collapsed to one space.
std::string CollapseSpace(std::string_view text);
// Splits on `sep`, trims the pieces and drops empty ones.
std::vector<std::string> SplitTrimmed(std::string_view text, std::string_view sep);
// OFAC's null marker "-0-" (published with a trailing space) becomes "".
std::string OfacField(std::string_view text);
// "SDGT] [SDT] [SYRIA" or "UKRAINE-EO13662; RUSSIA-EO14024" -> one program per element.
std::vector<std::string> SplitPrograms(std::string_view text);
// Appends "label: value" to a "; "-joined remarks string (nothing when value is empty).
void AppendRemark(std::string* remarks, std::string_view label, std::string_view value);
void AddUnique(std::vector<std::string>* values, std::string value);

// Vessel particulars as OFAC and CSL publish them. ListEntry has no vessel fields: the call sign
// identifies the ship, so it becomes an id; the rest is for the reviewer and goes to remarks.
struct VesselInfo {
  std::string call_sign, type, flag, owner, tonnage, gross_registered_tonnage;
};
void AddVesselInfo(const VesselInfo& vessel, ListEntry* entry);

// "2015-02-18", also with the time or zone the UN appends ("2015-04-07-04:00").
std::optional<Date> ParseIsoDate(std::string_view text);
// "06/19/2003" (BIS and OFAC XML publish month first).
std::optional<Date> ParseUsDate(std::string_view text);
// A date of birth as ISO when it is a complete day ("23 Nov 1962", "1962-11-23"), else the
// published text trimmed ("1962", "circa 1960", "1955 to 1958").
std::string NormalizeDob(std::string_view text);

// Alpha-2 for a country as any list spells it ("CN", "China", "Iran (Islamic Republic of)",
// "Korea, North", "Türkiye"; chokepoint::ReadCountry); for a region ISO files under one code
// ("Region: Gaza") that code; else the published text, trimmed ("Region: Crimea",
// "undetermined").
std::string CountryCode(std::string_view text);
// True when `text` is exactly a known alpha-2 code (CSL ends its address strings with one).
bool IsAlpha2(std::string_view text);

// A stable 16-hex-digit id from text (FNV-1a 64): for lists that publish no id of their own.
std::string StableId(std::string_view text);

// Line numbers for byte offsets that mostly move forward (XML nodes in document order), without
// rescanning the file from the top for each one.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  int64_t LineAt(ptrdiff_t offset);  // 1-based; 0 for an unknown (negative) offset

 private:
  std::string_view text_;
  size_t offset_ = 0;
  int64_t line_ = 1;
};

// Counts and records issues the same way for every format.
class ParseContext {
 public:
  ParseContext(bool strict, const EntrySink& sink, ParseReport* report)
      : strict_(strict), sink_(sink), report_(report) {}

  // A row that cannot become an entry. Strict: InvalidArgument "file:line: field 'X': why".
  // Lenient: recorded, counted in rows_skipped, and OK so the caller skips the row.
  Status Skip(const std::string& path, int64_t line, std::string_view field,
              std::string_view message);
  // A field that is wrong while the row is still usable (a bad date is dropped, the party stays
  // screenable). Strict: InvalidArgument as above. Lenient: recorded, OK.
  Status BadField(const std::string& path, int64_t line, std::string_view field,
                  std::string_view message);
  // Worth telling the reviewer, never an error (supplement rows from another publication).
  void Note(const std::string& path, int64_t line, std::string_view field,
            std::string_view message);

  Status Emit(ListEntry&& entry);

  ParseReport& report() { return *report_; }
  bool strict() const { return strict_; }

 private:
  ImportIssue MakeIssue(const std::string& path, int64_t line, std::string_view field,
                        std::string_view message) const;

  bool strict_;
  const EntrySink& sink_;
  ParseReport* report_;
};

}  // namespace chokepoint::data::lists
