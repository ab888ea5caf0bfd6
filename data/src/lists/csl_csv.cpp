// trade.gov Consolidated Screening List, CSV. Columns are found by header name, so the older
// 28-column files (without `_id`) read the same way.
#include <map>
#include <string>

#include "csv_reader.h"
#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

class CslRow {
 public:
  CslRow(const std::map<std::string, size_t>& columns, const CsvRow& row)
      : columns_(columns), row_(row) {}
  std::string_view Get(const std::string& column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row_.fields.size()) return {};
    return TrimView(row_.fields[it->second]);
  }

 private:
  const std::map<std::string, size_t>& columns_;
  const CsvRow& row_;
};

// Fills an entry from one well-formed row; returns the issue status (OK in lenient mode).
Status BuildEntry(const std::string& path, const CsvRow& csv, const CslRow& row, ParseContext& ctx,
                  ListEntry* entry) {
  SourceName source = CslSource(row.Get("source"));
  entry->source = source.name;
  entry->source_code = source.code;
  entry->list_id = std::string(row.Get("_id"));
  if (entry->list_id.empty()) entry->list_id = std::string(row.Get("id"));
  if (entry->list_id.empty()) entry->list_id = std::string(row.Get("entity_number"));
  if (entry->list_id.empty()) {
    entry->list_id =
        "CSL-" + StableId(std::string(row.Get("source")) + "|" + std::string(row.Get("name")) +
                          "|" + std::string(row.Get("addresses")));
  }
  std::optional<PartyType> type = ParsePartyType(row.Get("type"));
  if (!type) {
    Status s = ctx.BadField(path, csv.line, "type",
                            "unknown party type '" + std::string(row.Get("type")) + "'");
    if (!s.ok()) return s;
  }
  entry->type = type.value_or(PartyType::kUnknown);
  entry->name = CollapseSpace(row.Get("name"));
  for (const std::string& alias : SplitTrimmed(row.Get("alt_names"), ";")) {
    std::string name = CollapseSpace(alias);
    if (name != entry->name) entry->aliases.push_back({name, ListName::Kind::kStrongAlias});
  }
  entry->programs = SplitPrograms(row.Get("programs"));
  for (const std::string& address : SplitTrimmed(row.Get("addresses"), ";")) {
    entry->addresses.push_back(CslAddress(address));
  }
  for (const std::string& id : SplitTrimmed(row.Get("ids"), ";")) {
    entry->ids.push_back(CslIdentifier(id));
  }
  for (const std::string& dob : SplitTrimmed(row.Get("dates_of_birth"), ";")) {
    AddUnique(&entry->dates_of_birth, NormalizeDob(dob));
  }
  for (const char* column : {"nationalities", "citizenships"}) {
    for (const std::string& country : SplitTrimmed(row.Get(column), ";")) {
      AddUnique(&entry->nationalities, CountryCode(country));
    }
  }
  for (const char* column : {"start_date", "end_date"}) {
    std::string_view text = row.Get(column);
    if (text.empty()) continue;
    std::optional<Date> date = ParseIsoDate(text);
    if (!date) {
      Status s = ctx.BadField(path, csv.line, column,
                              "'" + std::string(text) + "' is not a YYYY-MM-DD date");
      if (!s.ok()) return s;
    }
    (std::string_view(column) == "start_date" ? entry->start_date : entry->end_date) = date;
  }
  entry->federal_register_notice = CollapseSpace(row.Get("federal_register_notice"));
  entry->license_requirement = CollapseSpace(row.Get("license_requirement"));
  entry->license_policy = CollapseSpace(row.Get("license_policy"));
  entry->remarks = std::string(row.Get("remarks"));
  AppendRemark(&entry->remarks, "Title", row.Get("title"));
  AppendRemark(&entry->remarks, "Place of birth", row.Get("places_of_birth"));
  AddVesselInfo(
      {std::string(row.Get("call_sign")), std::string(row.Get("vessel_type")),
       std::string(row.Get("vessel_flag")), std::string(row.Get("vessel_owner")),
       std::string(row.Get("gross_tonnage")), std::string(row.Get("gross_registered_tonnage"))},
      entry);
  entry->source_url = std::string(row.Get("source_information_url"));
  if (entry->source_url.empty()) entry->source_url = std::string(row.Get("source_list_url"));
  return Status::OK();
}

}  // namespace

Status ParseCslCsv(const std::string& path, ParseContext& ctx) {
  Result<std::string> data = ReadFile(path);
  if (!data.ok()) return data.status();
  CsvReader reader(*data, ',');
  CsvRow row;
  if (!reader.Next(&row)) return Status::InvalidArgument(FileLabel(path) + ": empty file");
  std::vector<std::string> header;
  std::map<std::string, size_t> columns;
  for (const std::string& field : row.fields) {
    columns.emplace(std::string(TrimView(field)), header.size());
    header.emplace_back(TrimView(field));
  }
  if (!columns.count("name") || !columns.count("source")) {
    return Status::InvalidArgument(FileLabel(path) +
                                   ":1: not a CSL CSV header (no 'name' and 'source' columns)");
  }
  ParseReport& report = ctx.report();
  while (reader.Next(&row)) {
    // The published file repeats its header as line 2; it is not data and not malformed.
    if (row.fields.size() == header.size() && TrimView(row.fields[0]) == header[0] &&
        TrimView(row.fields[1]) == header[1]) {
      continue;
    }
    ++report.rows_read;
    if (!row.error.empty()) {
      size_t at = static_cast<size_t>(row.error_field);
      Status s = ctx.Skip(path, row.line, at < header.size() ? header[at] : "", row.error);
      if (!s.ok()) return s;
      continue;
    }
    if (row.fields.size() != header.size()) {
      std::string field = row.fields.size() < header.size() ? header[row.fields.size()] : "";
      Status s = ctx.Skip(path, row.line, field,
                          "the row has " + std::to_string(row.fields.size()) +
                              " fields; the header has " + std::to_string(header.size()));
      if (!s.ok()) return s;
      continue;
    }
    CslRow fields(columns, row);
    if (CollapseSpace(fields.Get("name")).empty()) {
      Status s = ctx.Skip(path, row.line, "name", "empty name");
      if (!s.ok()) return s;
      continue;
    }
    ListEntry entry;
    if (Status s = BuildEntry(path, row, fields, ctx, &entry); !s.ok()) return s;
    if (Status s = ctx.Emit(std::move(entry)); !s.ok()) return s;
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
