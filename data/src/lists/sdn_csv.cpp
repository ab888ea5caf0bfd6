// OFAC's CSV set: sdn.csv (or cons_prim.csv) and its supplements add.csv, alt.csv and
// sdn_comments.csv, all without a header. The supplements are small, so they are loaded into maps
// keyed by ent_num first; the main file then streams, each entry complete when it reaches the
// sink.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "csv_reader.h"
#include "ofac_remarks.h"
#include "parsers.h"

namespace chokepoint::data::lists {

namespace {

enum class Part { kMain, kAddresses, kAliases, kComments };

constexpr size_t kRemarksLimit = 1000;

constexpr std::array<const char*, 12> kMainColumns = {
    "ent_num",   "SDN_Name", "SDN_Type", "Program",   "Title",      "Call_Sign",
    "Vess_type", "Tonnage",  "GRT",      "Vess_flag", "Vess_owner", "Remarks"};
constexpr std::array<const char*, 6> kAddColumns = {
    "ent_num", "Add_num", "Address", "City/State/Province/Postal Code", "Country", "Add_remarks"};
constexpr std::array<const char*, 5> kAltColumns = {"ent_num", "alt_num", "alt_type", "alt_name",
                                                    "alt_remarks"};
constexpr std::array<const char*, 2> kCommentColumns = {"ent_num", "Remarks_Extended"};

Part PartOf(const std::string& path) {
  std::string name = AsciiLower(FileLabel(path));
  auto ends = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (name == "add.csv" || ends("_add.csv")) return Part::kAddresses;
  if (name == "alt.csv" || ends("_alt.csv")) return Part::kAliases;
  if (ends("comments.csv")) return Part::kComments;
  return Part::kMain;
}

std::vector<const char*> Columns(Part part) {
  switch (part) {
    case Part::kMain:
      return {kMainColumns.begin(), kMainColumns.end()};
    case Part::kAddresses:
      return {kAddColumns.begin(), kAddColumns.end()};
    case Part::kAliases:
      return {kAltColumns.begin(), kAltColumns.end()};
    case Part::kComments:
      return {kCommentColumns.begin(), kCommentColumns.end()};
  }
  return {};
}

std::string Plural(int64_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

bool IsEntNum(std::string_view text) {
  if (text.empty() || text.size() > 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

struct SupplementRow {
  int64_t line = 0;
  std::vector<std::string> fields;  // nulls already blank
};

struct Supplement {
  std::string path;
  Part part = Part::kMain;
  std::unordered_map<std::string, std::vector<SupplementRow>> by_ent_num;
};

// Checks the shape every OFAC row shares; OK + false means "skipped in lenient mode".
Status CheckRow(const std::string& path, const CsvRow& row, Part part, ParseContext& ctx,
                bool* usable) {
  *usable = false;
  std::vector<const char*> columns = Columns(part);
  if (!row.error.empty()) {
    size_t at = static_cast<size_t>(row.error_field);
    return ctx.Skip(path, row.line, at < columns.size() ? columns[at] : "", row.error);
  }
  if (row.fields.size() != columns.size()) {
    const char* field = row.fields.size() < columns.size() ? columns[row.fields.size()] : "";
    return ctx.Skip(path, row.line, field,
                    "the row has " + std::to_string(row.fields.size()) + " fields; " +
                        std::to_string(columns.size()) + " expected");
  }
  if (!IsEntNum(TrimView(row.fields[0]))) {
    return ctx.Skip(path, row.line, "ent_num",
                    "'" + std::string(TrimView(row.fields[0])) + "' is not a number");
  }
  *usable = true;
  return Status::OK();
}

Status LoadSupplement(Supplement* supplement, ParseContext& ctx) {
  Result<std::string> data = ReadFile(supplement->path);
  if (!data.ok()) return data.status();
  CsvReader reader(*data, ',');
  CsvRow row;
  while (reader.Next(&row)) {
    ++ctx.report().supplement_rows;
    bool usable = false;
    if (Status s = CheckRow(supplement->path, row, supplement->part, ctx, &usable); !s.ok()) {
      return s;
    }
    if (!usable) continue;
    SupplementRow stored{row.line, {}};
    for (const std::string& f : row.fields) stored.fields.push_back(OfacField(f));
    // The overflow continues a sentence; a leading space in it is part of the text.
    if (supplement->part == Part::kComments && !stored.fields[1].empty()) {
      stored.fields[1] = row.fields[1];
    }
    supplement->by_ent_num[stored.fields[0]].push_back(std::move(stored));
  }
  return Status::OK();
}

void ApplySupplement(const Supplement& supplement, const std::string& ent_num,
                     const std::string& main_path, ParseContext& ctx, ListEntry* entry) {
  auto it = supplement.by_ent_num.find(ent_num);
  if (it == supplement.by_ent_num.end()) return;
  for (const SupplementRow& row : it->second) {
    const std::vector<std::string>& f = row.fields;
    switch (supplement.part) {
      case Part::kAddresses: {
        // OFAC publishes city, state and postal code as one field ("London EC3N 1DY"); it is kept
        // whole in `city` because no split of it is reliable across countries.
        ListAddress address{f[2], f[3], "", "", CountryCode(f[4])};
        AppendRemark(&address.text, "", f[5]);
        if (!address.text.empty() || !address.city.empty() || !address.country.empty()) {
          entry->addresses.push_back(std::move(address));
        }
        break;
      }
      case Part::kAliases: {
        // alt.csv carries only OFAC's strong a.k.a./f.k.a./n.k.a.; the weak ones are in Remarks.
        std::string name = CollapseSpace(f[3]);
        if (!name.empty() && name != entry->name) {
          entry->aliases.push_back({name, ListName::Kind::kStrongAlias});
        }
        break;
      }
      case Part::kComments:
        // The overflow continues Remarks mid-word where the 1,000-character field was cut. Remarks
        // that were not cut mean the overflow belongs to another publication of the list.
        // Characters, not bytes: OFAC cuts Remarks at 1,000 characters, some of them non-ASCII.
        if (Utf8Length(entry->remarks) >= kRemarksLimit) {
          entry->remarks += f[1];
        } else {
          ctx.Note(supplement.path, row.line, "Remarks_Extended",
                   FileLabel(main_path) + " remarks of ent_num " + ent_num + " are complete (" +
                       std::to_string(Utf8Length(entry->remarks)) +
                       " characters); overflow not applied (from another publication?)");
        }
        break;
      case Part::kMain:
        break;
    }
  }
}

Status BuildEntry(const std::string& path, const CsvRow& row, bool consolidated,
                  const std::vector<Supplement>& supplements, ParseContext& ctx, ListEntry* entry) {
  std::vector<std::string> f;
  for (const std::string& field : row.fields) f.push_back(OfacField(field));
  entry->list_id = f[0];
  entry->name = CollapseSpace(f[1]);
  // OFAC leaves SDN_Type null for entities.
  std::optional<PartyType> type =
      f[2].empty() ? std::optional<PartyType>(PartyType::kEntity) : ParsePartyType(f[2]);
  if (!type) {
    Status s = ctx.BadField(path, row.line, "SDN_Type", "unknown party type '" + f[2] + "'");
    if (!s.ok()) return s;
  }
  entry->type = type.value_or(PartyType::kUnknown);
  entry->programs = SplitPrograms(f[3]);
  SourceName source = consolidated ? ConsolidatedSource(entry->programs) : CslSource("(SDN)");
  entry->source = source.name;
  entry->source_code = source.code;
  // Untrimmed: a Remarks cut at 1,000 characters may end in the space before its overflow.
  entry->remarks = f[11].empty() ? std::string() : row.fields[11];
  // Addresses and strong aliases first, so a weak alias repeated in Remarks is not added twice.
  for (const Supplement& s : supplements) ApplySupplement(s, f[0], path, ctx, entry);
  entry->remarks = std::string(TrimView(entry->remarks));
  ApplyOfacRemarks(entry->remarks, entry);
  AppendRemark(&entry->remarks, "Title", f[4]);
  AddVesselInfo({f[5], f[6], f[9], f[10], f[7], f[8]}, entry);
  entry->source_url = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=" + f[0];
  return Status::OK();
}

}  // namespace

Status ParseOfacCsv(const std::vector<std::string>& files, bool consolidated, ParseContext& ctx) {
  std::string main_path;
  std::vector<Supplement> supplements;
  for (const std::string& path : files) {
    Part part = PartOf(path);
    if (part != Part::kMain) {
      supplements.push_back({path, part, {}});
    } else if (main_path.empty()) {
      main_path = path;
    } else {
      return Status::InvalidArgument("two main files in one OFAC set: " + FileLabel(main_path) +
                                     " and " + FileLabel(path));
    }
  }
  const char* main_name = consolidated ? "cons_prim.csv" : "sdn.csv";
  if (main_path.empty()) {
    return Status::InvalidArgument(std::string("the OFAC set has no ") + main_name +
                                   " (supplements alone name no entries)");
  }
  for (Supplement& s : supplements) {
    if (Status st = LoadSupplement(&s, ctx); !st.ok()) return st;
  }

  Result<std::string> data = ReadFile(main_path);
  if (!data.ok()) return data.status();
  CsvReader reader(*data, ',');
  CsvRow row;
  std::unordered_set<std::string> seen;
  while (reader.Next(&row)) {
    ++ctx.report().rows_read;
    bool usable = false;
    if (Status s = CheckRow(main_path, row, Part::kMain, ctx, &usable); !s.ok()) return s;
    if (!usable) continue;
    std::string ent_num(TrimView(row.fields[0]));
    if (OfacField(row.fields[1]).empty()) {
      if (Status s = ctx.Skip(main_path, row.line, "SDN_Name", "empty name"); !s.ok()) return s;
      continue;
    }
    if (!seen.insert(ent_num).second) {
      Status s = ctx.Skip(main_path, row.line, "ent_num", "duplicate ent_num " + ent_num);
      if (!s.ok()) return s;
      continue;
    }
    ListEntry entry;
    if (Status s = BuildEntry(main_path, row, consolidated, supplements, ctx, &entry); !s.ok()) {
      return s;
    }
    if (Status s = ctx.Emit(std::move(entry)); !s.ok()) return s;
  }

  for (const Supplement& s : supplements) {
    int64_t rows = 0, first_line = 0;
    size_t ent_nums = 0;
    for (const auto& [ent_num, list] : s.by_ent_num) {
      if (seen.count(ent_num)) continue;
      ++ent_nums;
      rows += static_cast<int64_t>(list.size());
      if (first_line == 0 || list.front().line < first_line) first_line = list.front().line;
    }
    if (rows == 0) continue;
    ctx.report().supplement_rows_unmatched += rows;
    ctx.Note(s.path, first_line, "ent_num",
             Plural(rows, "row") + " (" + Plural(static_cast<int64_t>(ent_nums), "ent_num") +
                 ") name no entry in " + FileLabel(main_path) +
                 "; not applied (is the supplement from another publication date?)");
  }
  return Status::OK();
}

}  // namespace chokepoint::data::lists
