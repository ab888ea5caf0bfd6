// Shared by the list-parser suites: parse into a vector and look entries up.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/data/list_formats.h"
#include "testutil.h"

namespace chokepoint::data::testing {

struct Parsed {
  Status status;
  ParseReport report;
  std::vector<ListEntry> entries;

  const ListEntry* Find(std::string_view list_id) const {
    for (const ListEntry& e : entries) {
      if (e.list_id == list_id) return &e;
    }
    return nullptr;
  }
  const ListEntry* FindName(std::string_view name) const {
    for (const ListEntry& e : entries) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }
};

inline Parsed Parse(const std::vector<std::string>& files, ListFormat format, bool strict = false) {
  Parsed p;
  p.status = ParseListFiles(
      files, format, strict,
      [&](ListEntry&& e) {
        p.entries.push_back(std::move(e));
        return Status::OK();
      },
      &p.report);
  return p;
}

inline std::string Fixture(const std::string& relative) {
  return chokepoint::testing::SourcePath("fixtures/lists/" + relative);
}

inline bool HasAlias(const ListEntry& e, std::string_view name, ListName::Kind kind) {
  return std::any_of(e.aliases.begin(), e.aliases.end(),
                     [&](const ListName& a) { return a.name == name && a.kind == kind; });
}

inline bool HasId(const ListEntry& e, std::string_view scheme, std::string_view value,
                  std::string_view country = {}) {
  return std::any_of(e.ids.begin(), e.ids.end(), [&](const ListIdentifier& id) {
    return id.scheme == scheme && id.value == value && id.country == country;
  });
}

inline bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

inline std::vector<std::string> IssueTexts(const ParseReport& report) {
  std::vector<std::string> out;
  for (const ImportIssue& issue : report.issues) out.push_back(issue.ToString());
  return out;
}

constexpr auto kStrong = ListName::Kind::kStrongAlias;
constexpr auto kWeak = ListName::Kind::kWeakAlias;

}  // namespace chokepoint::data::testing
