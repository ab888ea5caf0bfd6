#include "chokepoint/data/party_register_csv.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "chokepoint/data/csv_reader.h"
#include "chokepoint/sha256.h"
#include "chokepoint/strings.h"

namespace chokepoint::data {

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read '" + path + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IOError("reading '" + path + "' failed");
  return buf.str();
}

Result<std::vector<PartyRecord>> Parse(const std::string& text, const std::string& path) {
  CsvReader reader(text, ',');
  CsvRow row;
  if (!reader.Next(&row)) return Status::InvalidArgument(path + ": empty file, expected a header");
  const std::string header_at = path + ":" + std::to_string(row.line) + ": ";
  if (!row.error.empty()) return Status::InvalidArgument(header_at + row.error);
  int id = -1, name = -1, country = -1, address = -1, type = -1;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    std::string f = AsciiLower(row.fields[i]);
    int* slot = f == "id"        ? &id
                : f == "name"    ? &name
                : f == "country" ? &country
                : f == "address" ? &address
                : f == "type"    ? &type
                                 : nullptr;
    if (slot != nullptr) *slot = static_cast<int>(i);
  }
  for (auto [column, label] : {std::pair{id, "id"}, {name, "name"}, {country, "country"}}) {
    if (column < 0) {
      return Status::InvalidArgument(header_at + "field '" + label +
                                     "': missing from the header (need id,name,country"
                                     "[,address,type])");
    }
  }
  auto field = [&](int column) {
    return column >= 0 && static_cast<size_t>(column) < row.fields.size() ? row.fields[column]
                                                                          : std::string();
  };
  std::vector<PartyRecord> parties;
  std::unordered_map<std::string, int64_t> line_of;
  while (reader.Next(&row)) {
    const std::string at = path + ":" + std::to_string(row.line) + ": ";
    if (!row.error.empty()) return Status::InvalidArgument(at + row.error);
    PartyRecord p{field(id), field(name), field(country), field(address), field(type)};
    if (Status s = NormalizePartyRecord(&p); !s.ok()) {
      return Status::InvalidArgument(at + s.message());
    }
    auto [it, fresh] = line_of.emplace(p.id, row.line);
    if (!fresh) {
      return Status::InvalidArgument(at + "field 'id': '" + p.id + "' already on line " +
                                     std::to_string(it->second));
    }
    parties.push_back(std::move(p));
  }
  return parties;
}

}  // namespace

Result<std::vector<PartyRecord>> ReadCustomerMaster(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

Result<CustomerMasterFile> ReadCustomerMasterFile(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  Result<std::vector<PartyRecord>> parties = Parse(*text, path);
  if (!parties.ok()) return parties.status();
  Result<std::string> sha = Sha256Hex(*text);
  if (!sha.ok()) return sha.status();
  return CustomerMasterFile{std::move(parties).value(), std::move(sha).value()};
}

}  // namespace chokepoint::data
