// BIS Denied Persons List, tab-separated with quoted fields and a header. BIS publishes one row
// per (person, address): a party with four addresses is four consecutive rows with the same name
// and effective date. Those rows become one entry, so a hit shows one party with all its
// addresses; the file is sorted by name, which keeps grouping a streaming pass.
//
// DPL publishes no ids. list_id is "DPL-" + FNV-1a-64 of the upper-cased, space-collapsed name
// and the effective date ("NAME|YYYY-MM-DD"): stable across re-publications as long as BIS does
// not respell the name or reissue the order.
#include <map>
#include <string>
#include <unordered_set>

#include "csv_reader.h"
#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

constexpr const char* kDplUrl =
    "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
    "denied-persons-list";

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct Pending {
  bool active = false;
  std::string key;
  int64_t line = 0;
  bool open_ended = false;  // some row gives no expiration date
  ListEntry entry;
};

class DplParser {
 public:
  DplParser(const std::string& path, ParseContext& ctx) : path_(path), ctx_(ctx) {}

  Status Run();

 private:
  std::string_view Get(const CsvRow& row, const char* column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row.fields.size()) return {};
    return TrimView(row.fields[it->second]);
  }
  Status AddRow(const CsvRow& row);
  Status Flush();

  const std::string& path_;
  ParseContext& ctx_;
  std::map<std::string, size_t, std::less<>> columns_;
  size_t width_ = 0;
  Pending pending_;
  std::unordered_set<std::string> emitted_ids_;
};

Status DplParser::Run() {
  Result<std::string> data = ReadFile(path_);
  if (!data.ok()) return data.status();
  CsvReader reader(*data, '\t');
  CsvRow row;
  if (!reader.Next(&row)) return Status::InvalidArgument(FileLabel(path_) + ": empty file");
  for (const std::string& f : row.fields) columns_.emplace(std::string(TrimView(f)), width_++);
  if (!columns_.count("Name") || !columns_.count("Effective_Date")) {
    return Status::InvalidArgument(FileLabel(path_) +
                                   ":1: not a DPL header (no 'Name' and 'Effective_Date')");
  }
  while (reader.Next(&row)) {
    ++ctx_.report().rows_read;
    if (!row.error.empty() || row.fields.size() != width_) {
      std::string field, why = row.error;
      if (!row.error.empty()) {
        for (const auto& [name, index] : columns_) {
          if (static_cast<int>(index) == row.error_field) field = name;
        }
      } else {
        why = "the row has " + std::to_string(row.fields.size()) + " fields; the header has " +
              std::to_string(width_);
      }
      if (Status s = ctx_.Skip(path_, row.line, field, why); !s.ok()) return s;
      continue;
    }
    if (CollapseSpace(Get(row, "Name")).empty()) {
      if (Status s = ctx_.Skip(path_, row.line, "Name", "empty name"); !s.ok()) return s;
      continue;
    }
    if (Status s = AddRow(row); !s.ok()) return s;
  }
  return Flush();
}

Status DplParser::AddRow(const CsvRow& row) {
  std::string name = CollapseSpace(Get(row, "Name"));
  std::string_view effective = Get(row, "Effective_Date");
  std::optional<Date> start = ParseUsDate(effective);
  if (!start && !effective.empty()) {
    Status s = ctx_.BadField(path_, row.line, "Effective_Date",
                             "'" + std::string(effective) + "' is not an MM/DD/YYYY date");
    if (!s.ok()) return s;
  }
  std::string key = Upper(name) + "|" + (start ? start->ToString() : std::string(effective));
  if (!pending_.active || pending_.key != key) {
    if (Status s = Flush(); !s.ok()) return s;
    pending_ = Pending{true, key, row.line, false, ListEntry{}};
    ListEntry& e = pending_.entry;
    e.source = "Denied Persons List";
    e.source_code = "DPL";
    e.list_id = "DPL-" + StableId(key);
    e.type = PartyType::kUnknown;  // BIS does not say whether a denied party is a person
    e.name = name;
    e.start_date = start;
    e.source_url = kDplUrl;
  }
  ListEntry& e = pending_.entry;
  ListAddress address{CollapseSpace(Get(row, "Street_Address")), CollapseSpace(Get(row, "City")),
                      std::string(Get(row, "State")), std::string(Get(row, "Postal_Code")),
                      CountryCode(Get(row, "Country"))};
  if (!address.text.empty() || !address.city.empty() || !address.country.empty()) {
    e.addresses.push_back(std::move(address));
  }
  std::string_view expires = Get(row, "Expiration_Date");
  std::optional<Date> end = ParseUsDate(expires);
  if (!end && !expires.empty()) {
    Status s = ctx_.BadField(path_, row.line, "Expiration_Date",
                             "'" + std::string(expires) + "' is not an MM/DD/YYYY date");
    if (!s.ok()) return s;
  }
  // An order without an expiration stays in force; of two expirations the later one counts.
  if (!end) pending_.open_ended = true;
  if (end && (!e.end_date || *end > *e.end_date)) e.end_date = end;
  // Rows of one order repeat the citation, sometimes with a typo; each distinct one is kept.
  std::vector<std::string> notices = SplitTrimmed(e.federal_register_notice, ";");
  AddUnique(&notices, CollapseSpace(Get(row, "FR_Citation")));
  e.federal_register_notice.clear();
  for (const std::string& n : notices) AppendRemark(&e.federal_register_notice, "", n);
  std::string action = CollapseSpace(Get(row, "Action"));
  if (!action.empty() && e.remarks.find(action) == std::string::npos) {
    AppendRemark(&e.remarks, "", action);
  }
  return Status::OK();
}

Status DplParser::Flush() {
  if (!pending_.active) return Status::OK();
  pending_.active = false;
  ListEntry& e = pending_.entry;
  if (pending_.open_ended) e.end_date.reset();
  if (!emitted_ids_.insert(e.list_id).second) {
    // The same name and date again, not next to the first: the file is not sorted as published.
    std::string base = e.list_id;
    for (int n = 2; !emitted_ids_.insert(e.list_id = base + "-" + std::to_string(n)).second;) ++n;
    ctx_.Note(path_, pending_.line, "Name",
              "'" + e.name +
                  "' with this effective date appears again apart from its other "
                  "rows; imported as a separate entry " +
                  e.list_id);
  }
  return ctx_.Emit(std::move(e));
}

}  // namespace

Status ParseDplTsv(const std::string& path, ParseContext& ctx) {
  return DplParser(path, ctx).Run();
}

}  // namespace chokepoint::data::lists
