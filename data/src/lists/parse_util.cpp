#include "parse_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <utility>

#include "chokepoint/country.h"

namespace chokepoint::data::lists {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> MakeDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  Result<Date> r = Date::Parse(buf);
  if (!r.ok()) return std::nullopt;
  return *r;
}

int MonthNumber(std::string_view name) {
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string key = AsciiLower(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (key == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
    return Status::IOError(path + ": cannot open file");
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IOError(path + ": read failed");
  return data;
}

std::string FileLabel(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string CollapseSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : TrimView(text)) {
    if (IsAsciiSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::vector<std::string> SplitTrimmed(std::string_view text, std::string_view sep) {
  std::vector<std::string> out;
  while (true) {
    size_t pos = text.find(sep);
    std::string_view piece = TrimView(text.substr(0, pos));
    if (!piece.empty()) out.emplace_back(piece);
    if (pos == std::string_view::npos) break;
    text.remove_prefix(pos + sep.size());
  }
  return out;
}

std::string OfacField(std::string_view text) {
  std::string_view t = TrimView(text);
  return t == "-0-" ? std::string() : std::string(t);
}

std::vector<std::string> SplitPrograms(std::string_view text) {
  std::vector<std::string> out;
  for (std::string& piece : SplitTrimmed(text, ";")) {
    for (std::string& program : SplitTrimmed(piece, "] [")) {
      std::string_view p = program;
      while (!p.empty() && (p.front() == '[' || p.front() == ' ')) p.remove_prefix(1);
      while (!p.empty() && (p.back() == ']' || p.back() == ' ')) p.remove_suffix(1);
      if (!p.empty()) AddUnique(&out, std::string(p));
    }
  }
  return out;
}

void AppendRemark(std::string* remarks, std::string_view label, std::string_view value) {
  value = TrimView(value);
  if (value.empty()) return;
  if (!remarks->empty()) *remarks += "; ";
  if (!label.empty()) *remarks += std::string(label) + ": ";
  *remarks += value;
}

void AddUnique(std::vector<std::string>* values, std::string value) {
  if (value.empty()) return;
  if (std::find(values->begin(), values->end(), value) == values->end()) {
    values->push_back(std::move(value));
  }
}

void AddVesselInfo(const VesselInfo& vessel, ListEntry* entry) {
  if (!vessel.call_sign.empty()) entry->ids.push_back({"Call Sign", vessel.call_sign, ""});
  AppendRemark(&entry->remarks, "Vessel type", vessel.type);
  AppendRemark(&entry->remarks, "Vessel flag", vessel.flag);
  AppendRemark(&entry->remarks, "Vessel owner", vessel.owner);
  AppendRemark(&entry->remarks, "Tonnage", vessel.tonnage);
  AppendRemark(&entry->remarks, "Gross registered tonnage", vessel.gross_registered_tonnage);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  text = TrimView(text);
  if (text.size() < 10) return std::nullopt;
  if (text.size() > 10 && std::string_view("T+-Z ").find(text[10]) == std::string_view::npos) {
    return std::nullopt;
  }
  Result<Date> r = Date::Parse(text.substr(0, 10));
  if (!r.ok()) return std::nullopt;
  return *r;
}

std::optional<Date> ParseUsDate(std::string_view text) {
  std::vector<std::string> parts = SplitTrimmed(text, "/");
  if (parts.size() != 3 || !AllDigits(parts[0]) || !AllDigits(parts[1]) || !AllDigits(parts[2]) ||
      parts[2].size() != 4) {
    return std::nullopt;
  }
  return MakeDate(ToInt(parts[2]), ToInt(parts[0]), ToInt(parts[1]));
}

std::string NormalizeDob(std::string_view text) {
  text = TrimView(text);
  if (std::optional<Date> iso = ParseIsoDate(text); iso && text.size() == 10) {
    return iso->ToString();
  }
  // OFAC writes "23 Nov 1962"; the day and month are what make a DOB worth comparing exactly.
  std::vector<std::string> parts = SplitTrimmed(text, " ");
  if (parts.size() == 3 && AllDigits(parts[0]) && parts[0].size() <= 2 &&
      MonthNumber(parts[1]) != 0 && AllDigits(parts[2]) && parts[2].size() == 4) {
    if (std::optional<Date> d = MakeDate(ToInt(parts[2]), MonthNumber(parts[1]), ToInt(parts[0]))) {
      return d->ToString();
    }
  }
  return std::string(text);
}

std::string CountryCode(std::string_view text) {
  std::string published(TrimView(text));
  if (published.empty()) return published;
  CountryReading r = ReadCountry(published);
  if (r.is_country()) return r.code;
  // A region ISO files under one country ("Region: Gaza") keeps that code: screening by country
  // should still see it.
  if (!r.within.empty()) return r.within;
  return published;
}

bool IsAlpha2(std::string_view text) {
  if (text.size() != 2 || !std::isupper(static_cast<unsigned char>(text[0])) ||
      !std::isupper(static_cast<unsigned char>(text[1]))) {
    return false;
  }
  Result<std::string> cc = NormalizeCountry(text);
  return cc.ok() && *cc == text;
}

std::string StableId(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

int64_t LineCounter::LineAt(ptrdiff_t offset) {
  if (offset < 0) return 0;
  size_t target = std::min(static_cast<size_t>(offset), text_.size());
  if (target < offset_) {
    offset_ = 0;
    line_ = 1;
  }
  line_ += std::count(text_.begin() + static_cast<ptrdiff_t>(offset_),
                      text_.begin() + static_cast<ptrdiff_t>(target), '\n');
  offset_ = target;
  return line_;
}

ImportIssue ParseContext::MakeIssue(const std::string& path, int64_t line, std::string_view field,
                                    std::string_view message) const {
  ImportIssue issue;
  issue.file = FileLabel(path);
  issue.line = line;
  issue.field = std::string(field);
  issue.message = std::string(message);
  return issue;
}

Status ParseContext::Skip(const std::string& path, int64_t line, std::string_view field,
                          std::string_view message) {
  ImportIssue issue = MakeIssue(path, line, field, message);
  if (strict_) return Status::InvalidArgument(issue.ToString());
  report_->issues.push_back(std::move(issue));
  ++report_->rows_skipped;
  return Status::OK();
}

Status ParseContext::BadField(const std::string& path, int64_t line, std::string_view field,
                              std::string_view message) {
  ImportIssue issue = MakeIssue(path, line, field, message);
  if (strict_) return Status::InvalidArgument(issue.ToString());
  report_->issues.push_back(std::move(issue));
  return Status::OK();
}

void ParseContext::Note(const std::string& path, int64_t line, std::string_view field,
                        std::string_view message) {
  report_->issues.push_back(MakeIssue(path, line, field, message));
}

Status ParseContext::Emit(ListEntry&& entry) {
  Status s = sink_(std::move(entry));
  if (s.ok()) ++report_->entries;
  return s;
}

Status LoadXmlFile(const std::string& path, std::string* data, pugi::xml_document* doc) {
  Result<std::string> read = ReadFile(path);
  if (!read.ok()) return read.status();
  *data = std::move(read).value();
  pugi::xml_parse_result parsed = doc->load_buffer(data->data(), data->size());
  if (!parsed) {
    return Status::InvalidArgument(FileLabel(path) + ":" +
                                   std::to_string(LineCounter(*data).LineAt(parsed.offset)) +
                                   ": invalid XML: " + parsed.description());
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
