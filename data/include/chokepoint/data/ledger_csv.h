// Shipment ledgers: the CSV of docs/interfaces "Ledger audit", read row by row, and the ledger's
// `item` column resolved against the chip catalog and spec files.
//
// The file is mapped, not copied, so a ledger of a million lines costs its pages and no more, and a
// second pass (the audit reads the ledger twice: parties first, then verdicts) re-reads nothing
// from disk. A malformed row is reported with its file, line and field and skipped; the caller
// decides whether that stops the run (--strict).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/data/catalog.h"
#include "chokepoint/shipment_audit.h"
#include "chokepoint/status.h"

namespace chokepoint::data {

struct LedgerIssue {
  int64_t line = 0;
  std::string field;  // the column at fault, empty for the row as a whole
  std::string message;
  std::string ToString(const std::string& file) const;  // "file:line: field 'x': message"
};

class LedgerReader {
 public:
  // Opens and maps `path` and reads its header. Required columns: shipment_id, ship_date, item,
  // destination_country; every other column of the contract is optional, unknown ones are
  // ignored. IOError when the file cannot be read; InvalidArgument "file:line: field ..." for a
  // header without a required column.
  static Result<std::unique_ptr<LedgerReader>> Open(const std::string& path);
  ~LedgerReader();

  // Reads the next row into *shipment. Returns false at the end. A malformed row returns true with
  // *issue set (the shipment is then incomplete and must not be judged).
  bool Next(Shipment* shipment, std::optional<LedgerIssue>* issue);
  // Back to the first data row.
  void Rewind();
  const std::string& path() const;
  // Lowercase hex SHA-256 of the file's bytes: which ledger a stored result was judged from.
  std::string Sha256() const;
  size_t size_bytes() const;
  // Bytes consumed so far, for progress bars.
  size_t position() const;

 private:
  struct Impl;
  explicit LedgerReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One ledger line given as fields by column name (the JSON body of POST /v1/shipments/check).
struct ShipmentFields {
  // Values by ledger column name. An `intermediaries` value here is the ledger cell's text,
  // "name|CC;name|CC", split as the CSV reader splits it.
  std::map<std::string, std::string> columns;
  // The intermediaries already as hops (name and country as given, validated like a CSV cell's
  // hops; an empty country means none given). When set, `columns` must not hold
  // "intermediaries" as well (an issue if it does).
  std::optional<std::vector<ShipmentParty>> intermediaries;
};

// Validated exactly as a CSV row is (the same function). An unknown column name is an issue too.
// Issue lines are 0.
std::optional<LedgerIssue> ShipmentFromFields(const ShipmentFields& fields, Shipment* shipment);

// Resolves a ledger `item`: "spec:<file>" (relative to `base_dir` unless absolute), "eccn:<ECCN>",
// or a catalog part name (the catalog's forgiving lookup). Thread-safe.
ItemResolver MakeItemResolver(std::shared_ptr<const Catalog> catalog, std::string base_dir);

}  // namespace chokepoint::data
