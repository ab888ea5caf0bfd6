// RFC 4180 rows over an in-memory buffer: quoted fields, doubled quotes, newlines inside quotes,
// CRLF or LF. Each row carries the physical line it starts on, so an issue in a row that spans
// lines points where a reviewer's editor shows the row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::data {

struct CsvRow {
  std::vector<std::string> fields;
  int64_t line = 0;      // 1-based physical line where the row starts
  std::string error;     // non-empty: the row is malformed; `fields` holds what was read
  int error_field = -1;  // index of the field at fault, when `error` is set
};

class CsvReader {
 public:
  // Drops a leading UTF-8 byte-order mark and the trailing 0x1A (DOS end-of-file) byte OFAC
  // still appends, so neither turns into a bogus first field or last row.
  CsvReader(std::string_view data, char delimiter);

  // Reads the next row; false at the end of the input. Blank lines are skipped.
  bool Next(CsvRow* row);
  // Bytes of the input consumed so far.
  size_t offset() const { return pos_; }

 private:
  void ReadQuoted(CsvRow* row, std::string* field);

  std::string_view data_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  char delimiter_;
};

}  // namespace chokepoint::data
