// Format names, detection and dispatch for the list parsers.
#include "chokepoint/data/list_formats.h"

#include <array>
#include <fstream>
#include <utility>

#include "parse_util.h"
#include "parsers.h"

namespace chokepoint::data {

namespace {

using lists::FileLabel;

struct FormatInfo {
  ListFormat format;
  const char* name;
  const char* source_key;
};

constexpr std::array<FormatInfo, 8> kFormats = {{
    {ListFormat::kAuto, "auto", ""},
    {ListFormat::kCslCsv, "csl-csv", "csl"},
    {ListFormat::kCslJson, "csl-json", "csl"},
    {ListFormat::kSdnCsv, "sdn-csv", "ofac-sdn"},
    {ListFormat::kSdnXml, "sdn-xml", "ofac-sdn"},
    {ListFormat::kConsCsv, "cons-csv", "ofac-cons"},
    {ListFormat::kDplTsv, "dpl-tsv", "bis-dpl"},
    {ListFormat::kUnXml, "un-xml", "un"},
}};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The first few KB are enough to see a header line or an XML root element.
std::string Head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (StartsWith(head, "\xEF\xBB\xBF")) head.erase(0, 3);
  return head;
}

// The name of the first element, skipping the XML declaration, comments and a DOCTYPE.
std::string XmlRoot(std::string_view head) {
  for (size_t pos = head.find('<'); pos != std::string_view::npos; pos = head.find('<', pos + 1)) {
    char next = pos + 1 < head.size() ? head[pos + 1] : '\0';
    if (next == '?' || next == '!') continue;
    size_t end = head.find_first_of(" \t\r\n/>", pos + 1);
    std::string_view name =
        head.substr(pos + 1, end == std::string_view::npos ? end : end - pos - 1);
    if (size_t colon = name.find(':'); colon != std::string_view::npos)
      name.remove_prefix(colon + 1);
    return std::string(name);
  }
  return {};
}

std::optional<ListFormat> FromXmlRoot(const std::string& root) {
  if (root == "sdnList") return ListFormat::kSdnXml;
  if (root == "CONSOLIDATED_LIST") return ListFormat::kUnXml;
  return std::nullopt;
}

std::optional<ListFormat> ByName(const std::string& path) {
  std::string name = AsciiLower(FileLabel(path));
  if (name == "sdn.csv" || name == "add.csv" || name == "alt.csv" || name == "sdn_comments.csv") {
    return ListFormat::kSdnCsv;
  }
  if (StartsWith(name, "cons_") && EndsWith(name, ".csv")) return ListFormat::kConsCsv;
  if (StartsWith(name, "dpl") && (EndsWith(name, ".txt") || EndsWith(name, ".tsv"))) {
    return ListFormat::kDplTsv;
  }
  if (EndsWith(name, ".xml")) return FromXmlRoot(XmlRoot(Head(path)));
  if ((StartsWith(name, "csl") || StartsWith(name, "consolidated")) && EndsWith(name, ".csv")) {
    return ListFormat::kCslCsv;
  }
  if (EndsWith(name, ".json")) return ListFormat::kCslJson;
  return std::nullopt;
}

// For renamed files: what the first line says.
std::optional<ListFormat> BySniffing(const std::string& path) {
  std::string head = Head(path);
  std::string_view first = std::string_view(head).substr(0, head.find('\n'));
  std::string_view trimmed = TrimView(head);
  if (trimmed.empty()) return std::nullopt;
  if (trimmed.front() == '<') return FromXmlRoot(XmlRoot(head));
  if (trimmed.front() == '{' || trimmed.front() == '[') return ListFormat::kCslJson;
  if (first.find("source") != std::string_view::npos &&
      first.find("entity_number") != std::string_view::npos) {
    return ListFormat::kCslCsv;
  }
  if (first.find('\t') != std::string_view::npos && first.find("Name") != std::string_view::npos &&
      first.find("Effective_Date") != std::string_view::npos) {
    return ListFormat::kDplTsv;
  }
  // Headerless OFAC rows: `36,"AEROCARIBBEAN AIRLINES",-0- ,...`; sdn.csv and cons_prim.csv
  // share the layout, and only the name tells them apart.
  size_t digits = 0;
  while (digits < first.size() && first[digits] >= '0' && first[digits] <= '9') ++digits;
  if (digits > 0 && digits < first.size() && first[digits] == ',' &&
      first.find("-0-") != std::string_view::npos) {
    return ListFormat::kSdnCsv;
  }
  return std::nullopt;
}

}  // namespace

const char* ListFormatName(ListFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f.name;
  }
  return "auto";
}

std::optional<ListFormat> ParseListFormat(std::string_view name) {
  for (const FormatInfo& f : kFormats) {
    if (name == f.name) return f.format;
  }
  return std::nullopt;
}

const char* SourceKey(ListFormat format) {
  for (const FormatInfo& f : kFormats) {
    if (f.format == format) return f.source_key;
  }
  return "";
}

std::string ImportIssue::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!field.empty()) out += "field '" + field + "': ";
  return out + message;
}

Result<ListFormat> DetectListFormat(const std::vector<std::string>& files) {
  if (files.empty()) return Status::InvalidArgument("no list files given");
  std::optional<ListFormat> detected;
  std::string detected_from;
  for (const std::string& path : files) {
    std::optional<ListFormat> format = ByName(path);
    if (!format) {
      if (!std::ifstream(path)) return Status::NotFound(path + ": cannot open file");
      format = BySniffing(path);
    }
    if (!format) {
      return Status::InvalidArgument(path +
                                     ": cannot tell the list format from its name or first line; "
                                     "pass --format (csl-csv, csl-json, sdn-csv, sdn-xml, "
                                     "cons-csv, dpl-tsv, un-xml)");
    }
    if (detected && *detected != *format) {
      return Status::InvalidArgument(path + " looks like " + ListFormatName(*format) + " but " +
                                     detected_from + " looks like " + ListFormatName(*detected) +
                                     "; import them separately");
    }
    detected = format;
    detected_from = path;
  }
  return *detected;
}

Status ParseListFiles(const std::vector<std::string>& files, ListFormat format, bool strict,
                      const EntrySink& sink, ParseReport* report) {
  ParseReport local;
  if (report == nullptr) report = &local;
  if (files.empty()) return Status::InvalidArgument("no list files given");
  if (format == ListFormat::kAuto) {
    Result<ListFormat> detected = DetectListFormat(files);
    if (!detected.ok()) return detected.status();
    format = *detected;
  }
  bool is_set = format == ListFormat::kSdnCsv || format == ListFormat::kConsCsv;
  if (!is_set && files.size() != 1) {
    return Status::InvalidArgument(std::string(ListFormatName(format)) + " takes one file; got " +
                                   std::to_string(files.size()));
  }
  lists::ParseContext ctx(strict, sink, report);
  switch (format) {
    case ListFormat::kCslCsv:
      return lists::ParseCslCsv(files[0], ctx);
    case ListFormat::kCslJson:
      return lists::ParseCslJson(files[0], ctx);
    case ListFormat::kSdnCsv:
      return lists::ParseOfacCsv(files, false, ctx);
    case ListFormat::kConsCsv:
      return lists::ParseOfacCsv(files, true, ctx);
    case ListFormat::kSdnXml:
      return lists::ParseSdnXml(files[0], ctx);
    case ListFormat::kDplTsv:
      return lists::ParseDplTsv(files[0], ctx);
    case ListFormat::kUnXml:
      return lists::ParseUnXml(files[0], ctx);
    case ListFormat::kAuto:
      break;
  }
  return Status::Internal("unhandled list format");
}

}  // namespace chokepoint::data
