#include "chokepoint/data/party_csv.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "chokepoint/country.h"
#include "chokepoint/data/csv_reader.h"
#include "chokepoint/strings.h"

namespace chokepoint::data {

namespace {

Status Bad(std::string_view file, int64_t line, std::string_view field, const std::string& why) {
  std::string msg = std::string(file) + ":" + std::to_string(line) + ": ";
  if (!field.empty()) msg += "field '" + std::string(field) + "': ";
  return Status::InvalidArgument(msg + why);
}

// A CSV file with a header row, read row by row with fields looked up by column name.
class Table {
 public:
  Table(std::string_view text, std::string_view name) : reader_(text, ','), name_(name) {}

  Status ReadHeader(std::initializer_list<const char*> required) {
    CsvRow header;
    if (!reader_.Next(&header)) return Bad(name_, 1, "", "the file is empty (no header row)");
    if (!header.error.empty()) return Bad(name_, header.line, "", header.error);
    for (size_t i = 0; i < header.fields.size(); ++i) {
      columns_.emplace(AsciiLower(Trim(header.fields[i])), i);
      names_.push_back(Trim(header.fields[i]));
    }
    for (const char* col : required) {
      if (!columns_.count(col)) {
        return Bad(name_, header.line, col, "the header has no such column");
      }
    }
    return Status::OK();
  }

  // False at the end; a malformed row sets *status.
  bool Next(Status* status) {
    if (!reader_.Next(&row_)) return false;
    if (!row_.error.empty()) {
      const size_t f = static_cast<size_t>(std::max(row_.error_field, 0));
      *status = Bad(name_, row_.line, f < names_.size() ? names_[f] : "", row_.error);
    } else if (row_.fields.size() > names_.size()) {
      *status = Bad(name_, row_.line, "",
                    "the row has " + std::to_string(row_.fields.size()) + " fields, the header " +
                        std::to_string(names_.size()));
    }
    return true;
  }

  std::string Get(const char* column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row_.fields.size()) return "";
    return Trim(row_.fields[it->second]);
  }
  int64_t line() const { return row_.line; }
  Status Fail(std::string_view field, const std::string& why) const {
    return Bad(name_, row_.line, field, why);
  }

 private:
  CsvReader reader_;
  std::string name_;
  std::map<std::string, size_t> columns_;
  std::vector<std::string> names_;
  CsvRow row_;
};

Status ParseDate(const Table& t, const char* column, std::optional<Date>* out) {
  const std::string text = t.Get(column);
  out->reset();
  if (text.empty()) return Status::OK();
  auto d = Date::Parse(text);
  if (!d.ok()) return t.Fail(column, "'" + text + "' is not a date (YYYY-MM-DD)");
  *out = *d;
  return Status::OK();
}

Status ParseParty(const Table& t, Party* p) {
  p->id = t.Get("party_id");
  if (p->id.empty()) return t.Fail("party_id", "is empty");
  p->name = t.Get("name");
  if (p->name.empty()) return t.Fail("name", "is empty");
  if (std::string cc = t.Get("country"); !cc.empty()) {
    auto norm = NormalizeCountry(cc);
    if (!norm.ok()) return t.Fail("country", norm.status().message());
    p->country = *norm;
  }
  p->address = t.Get("address");
  const std::string kind = AsciiLower(t.Get("kind"));
  auto k = kind.empty() ? std::optional<PartyKind>(PartyKind::kCompany) : ParsePartyKind(kind);
  if (!k) return t.Fail("kind", "'" + kind + "' is not company or person");
  p->kind = *k;
  if (Status s = ParseDate(t, "incorporated", &p->incorporated); !s.ok()) return s;
  std::stringstream ids(t.Get("identifiers"));
  for (std::string item; std::getline(ids, item, ';');) {
    item = Trim(item);
    if (item.empty()) continue;
    const size_t colon = item.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) {
      return t.Fail("identifiers", "'" + item + "' is not scheme:value");
    }
    p->identifiers.push_back(
        {AsciiLower(Trim(item.substr(0, colon))), Trim(item.substr(colon + 1))});
  }
  return Status::OK();
}

Status ParseLink(const Table& t, Link* l) {
  l->from = t.Get("from_id");
  if (l->from.empty()) return t.Fail("from_id", "is empty");
  l->to = t.Get("to_id");
  if (l->to.empty()) return t.Fail("to_id", "is empty");
  if (l->from == l->to) return t.Fail("to_id", "a party cannot link to itself");
  const std::string rel = AsciiLower(t.Get("relation"));
  auto r = ParseRelation(rel);
  if (!r) {
    return t.Fail("relation", "'" + rel +
                                  "' is not one of owns, director_of, officer_of, parent_of, "
                                  "agent_for, ships_to, same_address, same_contact, front_for");
  }
  l->relation = *r;
  const std::string share = t.Get("share_pct");
  if (!share.empty() && share != "?" && AsciiLower(share) != "unknown") {
    if (*r != Relation::kOwns) return t.Fail("share_pct", "only owns links carry a share");
    std::string digits = share;
    if (!digits.empty() && digits.back() == '%') digits.pop_back();
    auto pct = Rational::Parse(Trim(digits));
    if (!pct.ok()) return t.Fail("share_pct", pct.status().message());
    if (pct->IsNegative() || pct->IsZero() || *pct > Rational(100)) {
      return t.Fail("share_pct", "'" + share + "' is not in (0, 100]");
    }
    l->share_pct = *pct;
  }
  std::optional<Date> start, end;
  if (Status s = ParseDate(t, "start_date", &start); !s.ok()) return s;
  if (Status s = ParseDate(t, "end_date", &end); !s.ok()) return s;
  if (start) l->dates.from = *start;
  if (end) l->dates.to = *end;
  if (start && end && *end < *start) return t.Fail("end_date", "is before start_date");
  l->source = t.Get("source");
  return Status::OK();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("error reading " + path);
  return ss.str();
}

}  // namespace

Result<PartyCsvReport> ImportPartyCsv(std::string_view parties_csv, std::string_view parties_name,
                                      std::string_view links_csv, std::string_view links_name,
                                      PartyNetwork* network) {
  std::vector<Party> parties;
  std::vector<Link> links;
  std::set<std::string> ids;
  Status s;
  Table pt(parties_csv, parties_name);
  if (!(s = pt.ReadHeader({"party_id", "name"})).ok()) return s;
  while (pt.Next(&s)) {
    if (!s.ok()) return s;
    Party p;
    if (!(s = ParseParty(pt, &p)).ok()) return s;
    if (network->FindParty(p.id) || !ids.insert(p.id).second) {
      return pt.Fail("party_id", "duplicate party id '" + p.id + "'");
    }
    parties.push_back(std::move(p));
  }
  Table lt(links_csv, links_name);
  if (!(s = lt.ReadHeader({"from_id", "to_id", "relation"})).ok()) return s;
  while (lt.Next(&s)) {
    if (!s.ok()) return s;
    Link l;
    if (!(s = ParseLink(lt, &l)).ok()) return s;
    for (const auto& [field, id] : {std::pair{"from_id", &l.from}, std::pair{"to_id", &l.to}}) {
      if (!ids.count(*id) && !network->FindParty(*id)) {
        return lt.Fail(field,
                       "unknown party '" + *id + "' (not in " + std::string(parties_name) + ")");
      }
    }
    links.push_back(std::move(l));
  }
  PartyCsvReport report{static_cast<int64_t>(parties.size()), static_cast<int64_t>(links.size())};
  if (!(s = network->AddAll(std::move(parties), std::move(links))).ok()) return s;
  return report;
}

Result<PartyCsvReport> ImportPartyCsvFiles(const std::string& parties_path,
                                           const std::string& links_path, PartyNetwork* network) {
  auto parties = ReadFile(parties_path);
  if (!parties.ok()) return parties.status();
  auto links = ReadFile(links_path);
  if (!links.ok()) return links.status();
  return ImportPartyCsv(*parties, parties_path, *links, links_path, network);
}

Result<int64_t> ImportListingsCsv(std::string_view csv, std::string_view name,
                                  PartyNetwork* network) {
  std::vector<std::pair<std::string, ListingRef>> marks;
  Status s;
  Table t(csv, name);
  if (!(s = t.ReadHeader({"party_id", "source", "name"})).ok()) return s;
  while (t.Next(&s)) {
    if (!s.ok()) return s;
    const std::string id = t.Get("party_id");
    if (!network->FindParty(id)) return t.Fail("party_id", "unknown party '" + id + "'");
    ListingRef l;
    l.source = t.Get("source");
    if (l.source.empty()) return t.Fail("source", "is empty");
    l.source_code = t.Get("source_code");
    l.list_id = t.Get("list_id");
    l.name = t.Get("name");
    if (l.name.empty()) return t.Fail("name", "is empty");
    l.matched_name = l.name;
    if (!(s = ParseDate(t, "start_date", &l.start_date)).ok()) return s;
    if (!(s = ParseDate(t, "end_date", &l.end_date)).ok()) return s;
    std::stringstream programs(t.Get("programs"));
    for (std::string p; std::getline(programs, p, ';');) {
      if (!Trim(p).empty()) l.programs.push_back(Trim(p));
    }
    marks.emplace_back(id, std::move(l));
  }
  for (auto& [id, l] : marks) (void)network->MarkListed(id, std::move(l));
  return static_cast<int64_t>(marks.size());
}

Result<int64_t> ImportListingsCsvFile(const std::string& path, PartyNetwork* network) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ImportListingsCsv(*text, path, network);
}

}  // namespace chokepoint::data
