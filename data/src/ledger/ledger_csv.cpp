// LedgerReader and the ledger item resolver.
#include "chokepoint/data/ledger_csv.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "chokepoint/country.h"
#include "chokepoint/data/csv_reader.h"
#include "chokepoint/json.h"
#include "chokepoint/rational.h"
#include "chokepoint/sha256.h"
#include "chokepoint/strings.h"

namespace chokepoint::data {

namespace {

enum Column : int {
  kShipmentId,
  kShipDate,
  kExporter,
  kExporterCountry,
  kItem,
  kQuantity,
  kUnitValue,
  kDestination,
  kBuyer,
  kBuyerCountry,
  kConsignee,
  kConsigneeCountry,
  kEndUser,
  kEndUserCountry,
  kIntermediaries,
  kEndUse,
  kExporterRole,
  kColumnCount
};

constexpr const char* kColumnNames[kColumnCount] = {
    "shipment_id",  "ship_date",        "exporter",       "exporter_country",
    "item",         "quantity",         "unit_value_usd", "destination_country",
    "buyer",        "buyer_country",    "consignee",      "consignee_country",
    "end_user",     "end_user_country", "intermediaries", "end_use",
    "exporter_role"};

constexpr Column kRequired[] = {kShipmentId, kShipDate, kItem, kDestination};

// Validates one ledger line's fields (by column) into *s: the CSV reader and the JSON of
// POST /v1/shipments/check share it, so a line means the same whichever way it arrives.
std::optional<LedgerIssue> FillShipment(const std::function<std::string(Column)>& field,
                                        int64_t line, Shipment* s) {
  std::optional<LedgerIssue> issue;
  // Results and reports are UTF-8 JSON and HTML: a name in another encoding is an error here, not
  // mojibake (or a failure) later.
  for (int c = 0; c < kColumnCount; ++c) {
    const std::string text = field(static_cast<Column>(c));
    if (const size_t at = InvalidUtf8At(text); at != std::string_view::npos) {
      issue = LedgerIssue{
          line, kColumnNames[c],
          "not valid UTF-8 at byte " + std::to_string(at + 1) + " (save the ledger as UTF-8)"};
      return issue;
    }
  }
  auto country = [&](Column c, std::string* out) {
    std::string text = field(c);
    out->clear();
    if (text.empty()) return true;
    auto cc = NormalizeCountry(text);
    if (!cc.ok()) {
      issue = LedgerIssue{line, kColumnNames[c], cc.status().message()};
      return false;
    }
    *out = *cc;
    return true;
  };
  s->shipment_id = field(kShipmentId);
  if (s->shipment_id.empty()) {
    issue = LedgerIssue{line, "shipment_id", "empty"};
    return issue;
  }
  const std::string date = field(kShipDate);
  auto d = Date::Parse(date);
  if (!d.ok()) {
    issue = LedgerIssue{line, "ship_date", "'" + date + "' is not a YYYY-MM-DD date"};
    return issue;
  }
  s->ship_date = *d;
  s->item = field(kItem);
  if (s->item.empty()) {
    issue = LedgerIssue{line, "item", "empty: name a catalog part, spec:<file> or eccn:<ECCN>"};
    return issue;
  }
  for (Column c : {kQuantity, kUnitValue}) {
    std::string text = field(c);
    if (!text.empty() && !Rational::Parse(text).ok()) {
      issue = LedgerIssue{line, kColumnNames[c], "'" + text + "' is not a decimal number"};
      return issue;
    }
    (c == kQuantity ? s->quantity : s->unit_value_usd) = std::move(text);
  }
  if (!country(kDestination, &s->destination_country)) return issue;
  if (s->destination_country.empty()) {
    issue = LedgerIssue{line, "destination_country", "empty"};
    return issue;
  }
  struct PartyColumns {
    Column name, country;
    ShipmentParty* out;
  };
  for (const PartyColumns& p : {PartyColumns{kExporter, kExporterCountry, &s->exporter},
                                PartyColumns{kBuyer, kBuyerCountry, &s->buyer},
                                PartyColumns{kConsignee, kConsigneeCountry, &s->consignee},
                                PartyColumns{kEndUser, kEndUserCountry, &s->end_user}}) {
    p.out->name = field(p.name);
    if (!country(p.country, &p.out->country)) return issue;
  }
  // "name|CC;name|CC": names may hold commas, never ';' or '|'.
  const std::string chain = field(kIntermediaries);
  size_t pos = 0;
  while (pos < chain.size()) {
    size_t end = chain.find(';', pos);
    if (end == std::string::npos) end = chain.size();
    std::string part = chain.substr(pos, end - pos);
    pos = end + 1;
    if (Trim(part).empty()) continue;
    ShipmentParty party;
    const size_t bar = part.rfind('|');
    party.name = Trim(part.substr(0, bar));
    if (bar != std::string::npos) {
      const std::string cc = Trim(part.substr(bar + 1));
      if (!cc.empty()) {
        auto code = NormalizeCountry(cc);
        if (!code.ok()) {
          issue = LedgerIssue{line, "intermediaries", "'" + part + "': " + code.status().message()};
          return issue;
        }
        party.country = *code;
      }
    }
    if (party.name.empty()) {
      issue = LedgerIssue{line, "intermediaries", "'" + part + "' has no name"};
      return issue;
    }
    s->intermediaries.push_back(std::move(party));
  }
  s->end_use = field(kEndUse);
  s->exporter_role = AsciiLower(field(kExporterRole));
  return issue;
}

}  // namespace

std::optional<LedgerIssue> ShipmentFromFields(const std::map<std::string, std::string>& fields,
                                              Shipment* shipment) {
  *shipment = Shipment{};
  for (const auto& [name, value] : fields) {
    if (std::find(std::begin(kColumnNames), std::end(kColumnNames), name) ==
        std::end(kColumnNames)) {
      return LedgerIssue{0, name, "not a ledger column"};
    }
  }
  return FillShipment(
      [&](Column c) {
        auto it = fields.find(kColumnNames[c]);
        return it == fields.end() ? std::string() : Trim(it->second);
      },
      0, shipment);
}

std::string LedgerIssue::ToString(const std::string& file) const {
  return file + ":" + std::to_string(line) + ": " +
         (field.empty() ? "" : "field '" + field + "': ") + message;
}

struct LedgerReader::Impl {
  std::string path;
  const char* data = nullptr;
  size_t size = 0;
  std::string small;  // an empty file cannot be mapped
  int column[kColumnCount];
  std::unique_ptr<CsvReader> reader;
  int64_t header_line = 1;

  ~Impl() {
    if (data != nullptr && data != small.data()) munmap(const_cast<char*>(data), size);
  }

  std::string_view view() const { return {data, size}; }

  std::string Field(const CsvRow& row, Column c) const {
    const int i = column[c];
    if (i < 0 || static_cast<size_t>(i) >= row.fields.size()) return "";
    return Trim(row.fields[static_cast<size_t>(i)]);
  }
};

LedgerReader::LedgerReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LedgerReader::~LedgerReader() = default;

Result<std::unique_ptr<LedgerReader>> LedgerReader::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open ledger " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError("cannot stat ledger " + path + ": " + std::strerror(errno));
  }
  impl->size = static_cast<size_t>(st.st_size);
  if (impl->size == 0) {
    impl->data = impl->small.data();
  } else {
    void* p = mmap(nullptr, impl->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      return Status::IOError("cannot map ledger " + path + ": " + std::strerror(errno));
    }
    madvise(p, impl->size, MADV_SEQUENTIAL);
    impl->data = static_cast<const char*>(p);
  }
  ::close(fd);

  impl->reader = std::make_unique<CsvReader>(impl->view(), ',');
  CsvRow header;
  if (!impl->reader->Next(&header)) {
    return Status::InvalidArgument(path + ":1: the ledger is empty (no header row)");
  }
  if (!header.error.empty()) {
    return Status::InvalidArgument(path + ":" + std::to_string(header.line) + ": " + header.error);
  }
  impl->header_line = header.line;
  std::fill(std::begin(impl->column), std::end(impl->column), -1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = AsciiLower(Trim(header.fields[i]));
    for (int c = 0; c < kColumnCount; ++c) {
      if (name == kColumnNames[c] && impl->column[c] < 0) impl->column[c] = static_cast<int>(i);
    }
  }
  for (Column c : kRequired) {
    if (impl->column[c] < 0) {
      return Status::InvalidArgument(path + ":" + std::to_string(header.line) + ": field '" +
                                     kColumnNames[c] + "': the header has no such column");
    }
  }
  return std::unique_ptr<LedgerReader>(new LedgerReader(std::move(impl)));
}

void LedgerReader::Rewind() {
  impl_->reader = std::make_unique<CsvReader>(impl_->view(), ',');
  CsvRow header;
  impl_->reader->Next(&header);
}

const std::string& LedgerReader::path() const { return impl_->path; }
size_t LedgerReader::size_bytes() const { return impl_->size; }

size_t LedgerReader::position() const { return impl_->reader->offset(); }

std::string LedgerReader::Sha256() const {
  auto hex = Sha256Hex(impl_->view());
  return hex.ok() ? *hex : std::string();
}

bool LedgerReader::Next(Shipment* s, std::optional<LedgerIssue>* issue) {
  issue->reset();
  CsvRow row;
  if (!impl_->reader->Next(&row)) return false;
  *s = Shipment{};
  s->line = row.line;
  if (!row.error.empty()) {
    const int f = row.error_field;
    std::string field;
    for (int c = 0; c < kColumnCount; ++c) {
      if (impl_->column[c] == f) field = kColumnNames[c];
    }
    *issue = LedgerIssue{row.line, field, row.error};
    return true;
  }
  Impl& m = *impl_;
  *issue = FillShipment([&](Column c) { return m.Field(row, c); }, row.line, s);
  s->line = row.line;
  return true;
}

ItemResolver MakeItemResolver(std::shared_ptr<const Catalog> catalog, std::string base_dir) {
  return [catalog = std::move(catalog),
          base_dir = std::move(base_dir)](std::string_view item) -> Result<ResolvedItem> {
    ResolvedItem out;
    if (item.rfind("eccn:", 0) == 0) {
      out.declared_eccn = Trim(item.substr(5));
      if (out.declared_eccn.empty()) return Status::InvalidArgument("eccn: names no ECCN");
      return out;
    }
    if (item.rfind("spec:", 0) == 0) {
      std::filesystem::path file(Trim(item.substr(5)));
      if (file.is_relative() && !base_dir.empty()) file = std::filesystem::path(base_dir) / file;
      std::ifstream in(file, std::ios::binary);
      if (!in) return Status::NotFound("cannot read spec file " + file.string());
      std::ostringstream buf;
      buf << in.rdbuf();
      auto spec = ItemSpecFromJson(buf.str(), file.string());
      if (!spec.ok()) return spec.status();
      out.spec = std::move(spec).value();
      return out;
    }
    if (!catalog)
      return Status::InvalidArgument("no catalog to look up part '" + std::string(item) + "'");
    auto part = catalog->Find(item);
    if (!part.ok()) return part.status();
    out.spec = (*part)->spec;
    return out;
  };
}

}  // namespace chokepoint::data
