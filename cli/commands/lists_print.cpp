// The human-readable forms of `chokepoint lists import|status|diff|update`.
#include "cli/commands/lists_print.h"

#include <cstdio>
#include <iostream>

namespace chokepoint::cli {

namespace {

void PrintDiffEntries(char mark, const std::vector<data::DiffEntry>& entries) {
  for (const data::DiffEntry& e : entries) {
    std::cout << "  " << mark << " " << e.source_code << " " << e.list_id << "  " << e.name;
    if (mark == '~' && e.previous_name != e.name) std::cout << "  (was " << e.previous_name << ")";
    std::cout << "\n";
  }
}

}  // namespace

void PrintIssues(const data::ParseReport& report) {
  for (const data::ImportIssue& issue : report.issues) std::cerr << issue.ToString() << "\n";
}

void PrintImported(const data::ImportResult& r) {
  const ListSnapshot& s = r.snapshot;
  if (!r.changed) {
    std::cout << "unchanged: " << s.source << " snapshot " << s.id
              << " already holds these files (sha256 " << s.sha256 << ", " << s.entries
              << " entries)\n";
    return;
  }
  std::cout << "imported " << s.source << " snapshot " << s.id << " (" << s.format
            << "): " << s.entries << " entries from " << s.rows_read << " rows, " << s.rows_skipped
            << " skipped; sha256 " << s.sha256;
  if (s.published) std::cout << "; published " << *s.published;
  std::cout << "\n";
}

void PrintSnapshotTable(const std::vector<ListSnapshot>& snapshots) {
  std::printf("%4s  %-10s %-9s %8s %8s  %-10s  %-20s  %-6s  %s\n", "id", "source", "format",
              "entries", "skipped", "published", "imported", "active", "sha256");
  for (const ListSnapshot& s : snapshots) {
    std::printf("%4lld  %-10s %-9s %8lld %8lld  %-10s  %-20s  %-6s  %.16s\n",
                static_cast<long long>(s.id), s.source.c_str(), s.format.c_str(),
                static_cast<long long>(s.entries), static_cast<long long>(s.rows_skipped),
                s.published ? s.published->c_str() : "-", s.imported_at.c_str(),
                s.active ? "yes" : "no", s.sha256.c_str());
  }
}

void PrintSnapshotDiff(const data::SnapshotDiff& d) {
  std::cout << d.source << ": "
            << (d.from_id ? "snapshot " + std::to_string(*d.from_id) : std::string("nothing"))
            << " → snapshot " << d.to_id << ": " << d.added.size() << " added, " << d.removed.size()
            << " removed, " << d.changed.size() << " changed, " << d.unchanged << " unchanged\n";
  PrintDiffEntries('+', d.added);
  PrintDiffEntries('-', d.removed);
  PrintDiffEntries('~', d.changed);
}

}  // namespace chokepoint::cli
