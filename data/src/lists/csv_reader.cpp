#include "chokepoint/data/csv_reader.h"

#include <algorithm>
#include <cstring>

namespace chokepoint::data {

CsvReader::CsvReader(std::string_view data, char delimiter) : data_(data), delimiter_(delimiter) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") data_.remove_prefix(3);
  while (!data_.empty() && data_.back() == '\x1A') data_.remove_suffix(1);
}

void CsvReader::ReadQuoted(CsvRow* row, std::string* field) {
  ++pos_;  // the opening quote
  while (true) {
    const char* start = data_.data() + pos_;
    const void* hit = std::memchr(start, '"', data_.size() - pos_);
    size_t end =
        hit ? static_cast<size_t>(static_cast<const char*>(hit) - data_.data()) : data_.size();
    std::string_view chunk = data_.substr(pos_, end - pos_);
    line_ += std::count(chunk.begin(), chunk.end(), '\n');
    field->append(chunk);
    pos_ = end;
    if (!hit) {
      if (row->error.empty()) {
        row->error = "unterminated quoted field: the row runs to the end of the file";
        row->error_field = static_cast<int>(row->fields.size());
      }
      return;
    }
    ++pos_;  // the closing (or first of a doubled) quote
    if (pos_ < data_.size() && data_[pos_] == '"') {
      *field += '"';
      ++pos_;
      continue;
    }
    break;
  }
  // Lenient about blanks between the closing quote and the delimiter; anything else means the
  // quoting is broken, and the row is reported rather than silently glued together.
  while (pos_ < data_.size() && data_[pos_] == ' ' && delimiter_ != ' ') ++pos_;
  if (pos_ < data_.size() && data_[pos_] != delimiter_ && data_[pos_] != '\r' &&
      data_[pos_] != '\n') {
    if (row->error.empty()) {
      row->error = "unexpected text after a closing quote";
      row->error_field = static_cast<int>(row->fields.size());
    }
    while (pos_ < data_.size() && data_[pos_] != delimiter_ && data_[pos_] != '\r' &&
           data_[pos_] != '\n') {
      *field += data_[pos_++];
    }
  }
}

bool CsvReader::Next(CsvRow* row) {
  row->fields.clear();
  row->error.clear();
  row->error_field = -1;
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= data_.size()) return false;
  row->line = line_;
  while (true) {
    std::string field;
    if (data_[pos_] == '"') {
      ReadQuoted(row, &field);
    } else {
      size_t end = pos_;
      while (end < data_.size() && data_[end] != delimiter_ && data_[end] != '\r' &&
             data_[end] != '\n') {
        ++end;
      }
      field.assign(data_.substr(pos_, end - pos_));
      pos_ = end;
    }
    row->fields.push_back(std::move(field));
    if (pos_ >= data_.size()) return true;
    if (data_[pos_] == delimiter_) {
      ++pos_;
      if (pos_ >= data_.size()) {
        row->fields.emplace_back();  // "a,b," ends with an empty field
        return true;
      }
      continue;
    }
    // End of line: CRLF, LF, or a lone CR.
    if (data_[pos_] == '\r') ++pos_;
    if (pos_ < data_.size() && data_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    return true;
  }
}

}  // namespace chokepoint::data
