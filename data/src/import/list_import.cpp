// ImportListFiles: hash, parse and store one list as a snapshot, and audit the attempt.
#include "chokepoint/data/list_import.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>

#include "chokepoint/sha256.h"
#include "import/import_internal.h"

namespace chokepoint::data {

namespace {

namespace fs = std::filesystem;

// The audit payload and the snapshot's issue list keep this many issues; the count is complete.
constexpr size_t kIssuesKept = 20;

Result<FileDigest> HashFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound("no such file: " + path);
  if (fs::is_directory(path, ec)) {
    return Status::InvalidArgument(path + " is a directory, not a list file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  Sha256 hash;
  FileDigest d{path, fs::path(path).filename().string(), {}, 0};
  std::array<char, 1 << 16> buf;
  while (in) {
    in.read(buf.data(), buf.size());
    const auto n = static_cast<size_t>(in.gcount());
    if (n == 0) break;
    hash.Update(std::string_view(buf.data(), n));
    d.bytes += static_cast<int64_t>(n);
  }
  if (in.bad()) return Status::IOError("reading " + path + " failed");
  Result<std::string> hex = hash.FinishHex();
  if (!hex.ok()) return hex.status();
  d.sha256 = *hex;
  return d;
}

nlohmann::json IssuesJson(const std::vector<ImportIssue>& issues) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < issues.size() && i < kIssuesKept; ++i) {
    const ImportIssue& issue = issues[i];
    out.push_back({{"file", fs::path(issue.file).filename().string()},
                   {"line", issue.line},
                   {"field", issue.field},
                   {"message", issue.message}});
  }
  return out;
}

// Issue messages quote the file, which may not be valid UTF-8; an audit record must still be
// written, so such bytes become U+FFFD instead of an exception.
std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// What every import record says, whatever the outcome. nlohmann::json keeps keys sorted and
// dump() adds no spaces: the canonical form the audit log hashes.
nlohmann::json BasePayload(const std::vector<std::string>& files,
                           const std::vector<FileDigest>& digests,
                           std::optional<ListFormat> format) {
  nlohmann::json payload;
  payload["format"] = format ? ListFormatName(*format) : "auto";
  payload["source"] = format ? SourceKey(*format) : "";
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    nlohmann::json f = {{"name", fs::path(files[i]).filename().string()}};
    if (i < digests.size()) {
      f["sha256"] = digests[i].sha256;
      f["bytes"] = digests[i].bytes;
    }
    list.push_back(std::move(f));
  }
  payload["files"] = std::move(list);
  return payload;
}

// Records a failed attempt. The import's own error is what the caller reports; a failure to
// record it is appended to that message rather than replacing it.
Status AuditFailure(AuditLog& store, std::string_view actor, nlohmann::json payload,
                    const Status& error, const ParseReport* report) {
  payload["outcome"] = "failed";
  payload["error"] = error.ToString();
  if (report != nullptr) {
    payload["rows_read"] = report->rows_read;
    payload["skipped"] = report->rows_skipped;
    payload["issues"] = IssuesJson(report->issues);
  }
  Result<int64_t> seq = store.AppendAudit("import", actor, Dump(payload));
  if (seq.ok()) return error;
  return error.WithContext("(the audit record of this failed import could not be written: " +
                           seq.status().message() + ")");
}

}  // namespace

namespace import_internal {

Status RecordFailedImport(AuditLog& store, std::string_view actor,
                          const std::vector<std::string>& files, std::optional<ListFormat> format,
                          const Status& error) {
  return AuditFailure(store, actor, BasePayload(files, {}, format), error, nullptr);
}

}  // namespace import_internal

Result<std::string> HashListFiles(const std::vector<std::string>& files,
                                  std::vector<FileDigest>* digests) {
  if (files.empty()) return Status::InvalidArgument("no list files given");
  std::vector<FileDigest> all;
  for (const std::string& f : files) {
    Result<FileDigest> d = HashFile(f);
    if (!d.ok()) return d.status();
    all.push_back(std::move(d).value());
  }
  std::string hash = all.front().sha256;
  if (all.size() > 1) {
    std::vector<const FileDigest*> sorted;
    for (const FileDigest& d : all) sorted.push_back(&d);
    std::sort(sorted.begin(), sorted.end(), [](const FileDigest* a, const FileDigest* b) {
      return std::tie(a->name, a->sha256) < std::tie(b->name, b->sha256);
    });
    std::string manifest;
    for (const FileDigest* d : sorted) manifest += d->sha256 + "  " + d->name + "\n";
    Result<std::string> h = Sha256Hex(manifest);
    if (!h.ok()) return h.status();
    hash = *h;
  }
  if (digests != nullptr) *digests = std::move(all);
  return hash;
}

Result<ImportResult> ImportListFiles(Store& store, const std::vector<std::string>& files,
                                     ListFormat format, bool strict, std::string_view actor) {
  ImportResult result;
  Result<std::string> sha256 = HashListFiles(files, &result.files);
  if (!sha256.ok()) {
    std::optional<ListFormat> known;
    if (format != ListFormat::kAuto) known = format;
    return import_internal::RecordFailedImport(store, actor, files, known, sha256.status());
  }
  if (format == ListFormat::kAuto) {
    Result<ListFormat> detected = DetectListFormat(files);
    if (!detected.ok()) {
      return AuditFailure(store, actor, BasePayload(files, result.files, std::nullopt),
                          detected.status(), nullptr);
    }
    format = *detected;
  }
  const nlohmann::json base = BasePayload(files, result.files, format);

  SnapshotHeader header{SourceKey(format), ListFormatName(format), {}, *sha256};
  for (const FileDigest& d : result.files) header.files.push_back(d.name);

  ParseReport& report = result.report;
  const SnapshotProducer produce = [&](const EntryAdder& add, SnapshotStats& stats) -> Status {
    Status s = ParseListFiles(
        files, format, strict, [&add](ListEntry&& e) { return add(e); }, &report);
    if (!s.ok()) return s;
    // A list that parses to nothing (an error page saved under the right name, a truncated
    // file) must not replace a real one: screening against it would clear everyone.
    if (report.entries == 0) {
      return Status::InvalidArgument("no entries found in " + header.files.front() + " (" +
                                     std::to_string(report.rows_read) + " rows read, " +
                                     std::to_string(report.rows_skipped) +
                                     " skipped); the previous snapshot stays active");
    }
    stats.rows_read = report.rows_read;
    stats.rows_skipped = report.rows_skipped;
    stats.issues_json = Dump(IssuesJson(report.issues));
    if (report.published) stats.published = report.published->ToString();
    return Status::OK();
  };
  SnapshotAudit audit;
  audit.actor = std::string(actor);
  audit.payload = [&](const ListSnapshot& snapshot, bool created) {
    nlohmann::json payload = base;
    payload["outcome"] = created ? "imported" : "unchanged";
    payload["snapshot"] = snapshot.id;
    payload["sha256"] = snapshot.sha256;
    payload["entries"] = snapshot.entries;
    payload["rows_read"] = snapshot.rows_read;
    payload["skipped"] = snapshot.rows_skipped;
    payload["issues"] = nlohmann::json::parse(snapshot.issues_json, nullptr, false);
    if (payload["issues"].is_discarded()) payload["issues"] = nlohmann::json::array();
    if (snapshot.published) payload["published"] = *snapshot.published;
    return Dump(payload);
  };

  Result<SnapshotImport> imported = store.ImportSnapshot(header, produce, audit);
  if (!imported.ok()) {
    nlohmann::json failed = base;
    failed["sha256"] = *sha256;
    return AuditFailure(store, actor, std::move(failed), imported.status(), &report);
  }
  result.snapshot = std::move(imported->snapshot);
  result.changed = imported->created;
  result.audit_seq = imported->audit_seq;
  return result;
}

}  // namespace chokepoint::data
