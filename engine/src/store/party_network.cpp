#include "store/party_network.h"

namespace chokepoint::store_internal {

namespace {

std::string DateText(Date d) { return d == Date::Min() || d == Date::Max() ? "" : d.ToString(); }

std::string IdentifiersText(const std::vector<PartyIdentifier>& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ";") + id.scheme + ":" + id.value;
  return s;
}

std::vector<PartyIdentifier> ParseIdentifiers(const std::string& text) {
  std::vector<PartyIdentifier> ids;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    size_t colon = item.find(':');
    if (colon != std::string::npos) ids.push_back({item.substr(0, colon), item.substr(colon + 1)});
    start = end + 1;
  }
  return ids;
}

Result<std::optional<Date>> OptionalDate(const std::string& text, const char* what) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d.ok())
    return Status::Corruption(std::string("stored ") + what + " '" + text + "' is not a date");
  return std::optional<Date>(*d);
}

}  // namespace

Status PartyNetworkTables::Prepare(sqlite3* db) {
  db_ = db;
  const StatementSpec statements[] = {
      {&upsert_party_,
       "INSERT INTO parties (party_id, name, kind, country, address, incorporated, identifiers, "
       "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (party_id) DO UPDATE SET "
       "name = ?2, kind = ?3, country = ?4, address = ?5, incorporated = ?6, identifiers = ?7, "
       "updated_at = ?8",
       "storing a party"},
      {&insert_link_,
       "INSERT OR IGNORE INTO party_links (from_id, to_id, relation, share_pct, start_date, "
       "end_date, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
       "storing a party link"},
      {&scan_parties_,
       "SELECT party_id, name, kind, country, address, incorporated, identifiers FROM parties "
       "ORDER BY rowid",
       "reading parties"},
      {&scan_links_,
       "SELECT from_id, to_id, relation, share_pct, start_date, end_date, source FROM party_links "
       "ORDER BY rowid",
       "reading party links"}};
  return PrepareAll(db, statements);
}

Status PartyNetworkTables::Upsert(const PartyNetwork& network, const std::string& now) {
  Transaction txn(db_);
  if (Status s = txn.BeginImmediate("importing the party network"); !s.ok()) return s;
  for (size_t i = 0; i < network.party_count(); ++i) {
    const Party& p = network.PartyAt(i);
    ScopedReset reset(upsert_party_);
    Status s;
    if (!(s = upsert_party_.Bind(1, p.id)).ok() || !(s = upsert_party_.Bind(2, p.name)).ok() ||
        !(s = upsert_party_.Bind(3, PartyKindName(p.kind))).ok() ||
        !(s = upsert_party_.Bind(4, p.country)).ok() ||
        !(s = upsert_party_.Bind(5, p.address)).ok() ||
        !(s = upsert_party_.Bind(6, p.incorporated ? p.incorporated->ToString() : "")).ok() ||
        !(s = upsert_party_.Bind(7, IdentifiersText(p.identifiers))).ok() ||
        !(s = upsert_party_.Bind(8, now)).ok() || !(s = upsert_party_.Run()).ok()) {
      return s;
    }
  }
  for (size_t i = 0; i < network.link_count(); ++i) {
    Link l = network.LinkAt(i);
    if (l.derived) continue;  // derived links are recomputed from the parties on every build
    ScopedReset reset(insert_link_);
    Status s;
    if (!(s = insert_link_.Bind(1, l.from)).ok() || !(s = insert_link_.Bind(2, l.to)).ok() ||
        !(s = insert_link_.Bind(3, RelationName(l.relation))).ok() ||
        !(s = insert_link_.Bind(4, l.share_pct ? l.share_pct->ToString(12) : "")).ok() ||
        !(s = insert_link_.Bind(5, DateText(l.dates.from))).ok() ||
        !(s = insert_link_.Bind(6, DateText(l.dates.to))).ok() ||
        !(s = insert_link_.Bind(7, l.source)).ok() || !(s = insert_link_.Run()).ok()) {
      return s;
    }
  }
  return txn.Commit("importing the party network");
}

Status PartyNetworkTables::Load(PartyNetwork* network) {
  std::vector<Party> parties;
  std::vector<Link> links;
  {
    ScopedReset reset(scan_parties_);
    for (;;) {
      auto row = scan_parties_.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Party p;
      p.id = scan_parties_.ColumnText(0);
      p.name = scan_parties_.ColumnText(1);
      p.kind = ParsePartyKind(scan_parties_.ColumnText(2)).value_or(PartyKind::kCompany);
      p.country = scan_parties_.ColumnText(3);
      p.address = scan_parties_.ColumnText(4);
      auto inc = OptionalDate(scan_parties_.ColumnText(5), "incorporation date");
      if (!inc.ok()) return inc.status();
      p.incorporated = *inc;
      p.identifiers = ParseIdentifiers(scan_parties_.ColumnText(6));
      parties.push_back(std::move(p));
    }
  }
  {
    ScopedReset reset(scan_links_);
    for (;;) {
      auto row = scan_links_.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      Link l;
      l.from = scan_links_.ColumnText(0);
      l.to = scan_links_.ColumnText(1);
      auto relation = ParseRelation(scan_links_.ColumnText(2));
      if (!relation)
        return Status::Corruption("stored link has relation '" + scan_links_.ColumnText(2) + "'");
      l.relation = *relation;
      if (std::string share = scan_links_.ColumnText(3); !share.empty()) {
        auto r = Rational::Parse(share);
        if (!r.ok()) return Status::Corruption("stored share '" + share + "' is not a number");
        l.share_pct = *r;
      }
      auto from = OptionalDate(scan_links_.ColumnText(4), "link start date");
      auto to = OptionalDate(scan_links_.ColumnText(5), "link end date");
      if (!from.ok()) return from.status();
      if (!to.ok()) return to.status();
      if (*from) l.dates.from = **from;
      if (*to) l.dates.to = **to;
      l.source = scan_links_.ColumnText(6);
      links.push_back(std::move(l));
    }
  }
  return network->AddAll(std::move(parties), std::move(links));
}

}  // namespace chokepoint::store_internal
