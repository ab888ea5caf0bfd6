// Loading the real list files under ../shared/data/lists for the screening benchmarks and the
// quality regression test. Header-only so the test suite can share it without a library.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "chokepoint/list_entry.h"
#include "chokepoint/status.h"

namespace chokepoint::screen_eval {

struct ListFileSet {
  const char* label;
  data::ListFormat format;
  std::vector<const char*> files;  // relative to the lists directory; the main file first
};

// Every list we have a parser for (the UK xlsx has none). The CSL subset repeats some SDN rows;
// they stay, as they would in production where both lists are loaded.
inline std::vector<ListFileSet> AllListFiles() {
  return {
      {"csl", data::ListFormat::kCslCsv, {"us_csl/csl.csv"}},
      {"sdn",
       data::ListFormat::kSdnCsv,
       {"ofac_sdn/sdn.csv", "ofac_sdn_supplements/add.csv", "ofac_sdn_supplements/alt.csv",
        "ofac_sdn_supplements/sdn_comments.csv"}},
      {"cons",
       data::ListFormat::kConsCsv,
       {"ofac_consolidated_nonsdn/cons_prim.csv", "ofac_consolidated_nonsdn/cons_add.csv",
        "ofac_consolidated_nonsdn/cons_alt.csv", "ofac_consolidated_nonsdn/cons_comments.csv"}},
      {"dpl", data::ListFormat::kDplTsv, {"us_bis_dpl/dpl.txt"}},
      {"un", data::ListFormat::kUnXml, {"un/UN_consolidated.xml"}},
  };
}

// Parses every list under `lists_dir` (non-strict: a malformed row is skipped) into `out`.
// `log` gets one line per list.
inline Status LoadAllLists(const std::string& lists_dir, std::vector<ListEntry>* out,
                           std::string* log) {
  for (const ListFileSet& set : AllListFiles()) {
    std::vector<std::string> files;
    for (const char* f : set.files) files.push_back(lists_dir + "/" + f);
    data::ParseReport report;
    size_t before = out->size();
    Status s = data::ParseListFiles(
        files, set.format, /*strict=*/false,
        [&](ListEntry&& e) {
          out->push_back(std::move(e));
          return Status::OK();
        },
        &report);
    if (!s.ok()) return s.WithContext(set.label);
    char line[160];
    std::snprintf(line, sizeof line, "%-5s %6zu entries (%lld rows, %lld skipped)\n", set.label,
                  out->size() - before, static_cast<long long>(report.rows_read),
                  static_cast<long long>(report.rows_skipped));
    *log += line;
  }
  return Status::OK();
}

// The real company names (negatives), one per CSV row after the header.
inline std::vector<std::string> ReadCompanyNames(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      header = false;
      continue;
    }
    if (line.size() >= 2 && line.front() == '"' && line.back() == '"') {
      std::string unq;
      for (size_t i = 1; i + 1 < line.size(); ++i) {
        if (line[i] == '"' && i + 2 < line.size() && line[i + 1] == '"') ++i;
        unq += line[i];
      }
      line = unq;
    }
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// Lines of a text file, skipping blanks and "#" comments.
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

}  // namespace chokepoint::screen_eval
