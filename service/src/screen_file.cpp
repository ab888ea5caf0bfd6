#include "chokepoint/service/screen_file.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chokepoint/data/csv_reader.h"
#include "chokepoint/json.h"
#include "chokepoint/parallel.h"
#include "chokepoint/service/screen_service.h"
#include "chokepoint/strings.h"

namespace chokepoint::service {

namespace {

using Json = nlohmann::ordered_json;

struct Columns {
  int name = -1, id = -1, country = -1, type = -1;
};

struct BatchRow {
  int64_t row = 0;
  std::string id;
  ScreenQuery query;
  std::string error;  // set: the row is malformed and gets no hits
};

Result<Columns> ReadHeader(const data::CsvRow& header, const std::string& file) {
  Columns c;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string f = AsciiLower(header.fields[i]);
    int* slot = f == "name"      ? &c.name
                : f == "id"      ? &c.id
                : f == "country" ? &c.country
                : f == "type"    ? &c.type
                                 : nullptr;
    if (slot) *slot = static_cast<int>(i);
  }
  if (c.name < 0) {
    return Status::InvalidArgument(file + ":" + std::to_string(header.line) +
                                   ": no 'name' column in the header");
  }
  return c;
}

std::string Field(const data::CsvRow& row, int column) {
  return column >= 0 && static_cast<size_t>(column) < row.fields.size()
             ? row.fields[static_cast<size_t>(column)]
             : "";
}

BatchRow MakeRow(const data::CsvRow& csv, const Columns& cols, const ScreenQuery& base,
                 int64_t row_number, const std::string& file) {
  BatchRow r;
  r.row = row_number;
  r.id = Field(csv, cols.id);
  r.query = base;
  r.query.name = Field(csv, cols.name);
  std::string where = file + ":" + std::to_string(csv.line) + ": ";
  if (!csv.error.empty()) {
    r.error = where + csv.error;
  } else if (NormalizeName(r.query.name).tokens.empty()) {
    r.error = where + "field 'name': nothing to match on";
  } else if (Status s = ApplyPartyFields(Field(csv, cols.country), Field(csv, cols.type), &r.query,
                                         nullptr);
             !s.ok()) {
    r.error = where + s.message();
  }
  return r;
}

std::string ResultLine(const BatchRow& r, const std::vector<ScreenHit>& hits) {
  std::string line = Json{{"row", r.row}, {"id", r.id}, {"name", r.query.name}}.dump();
  line.pop_back();  // reopen the object to append the hits without re-parsing them
  line += ",\"hits\":[";
  for (size_t i = 0; i < hits.size(); ++i) line += (i ? "," : "") + ScreenHitToJson(hits[i]);
  line += "]";
  if (!r.error.empty()) line += ",\"error\":" + Json(r.error).dump();
  return line + "}\n";
}

}  // namespace

Result<ScreenFileSummary> ScreenFile(Store& store, const ScreenFileRequest& request,
                                     const ScreenFileProgress& progress) {
  const std::string& file = request.input;
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + file);
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();

  data::CsvReader reader(text, ',');
  data::CsvRow csv;
  if (!reader.Next(&csv)) return Status::InvalidArgument(file + ": empty file");
  auto cols = ReadHeader(csv, file);
  if (!cols.ok()) return cols.status();
  const int64_t total = std::count(text.begin(), text.end(), '\n');  // for progress only

  auto loaded = LoadScreeningIndex(store);
  if (!loaded.ok()) return loaded.status();
  std::ofstream out(request.output, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError("cannot write " + request.output);

  ScreenFileSummary summary;
  summary.snapshots = loaded->snapshots;
  const ScreeningIndex& index = *loaded->index;
  const unsigned threads = ThreadCount(request.threads);
  constexpr size_t kChunk = 4096;
  if (progress.started) progress.started(total);
  std::vector<BatchRow> chunk;
  std::vector<std::string> lines;
  std::vector<int> hit_flags;
  bool more = true;
  while (more) {
    chunk.clear();
    while (chunk.size() < kChunk && (more = reader.Next(&csv))) {
      chunk.push_back(MakeRow(csv, *cols, request.base, ++summary.rows, file));
      if (!chunk.back().error.empty()) {
        ++summary.malformed_rows;
        spdlog::warn("{}", chunk.back().error);
        if (request.strict) return Status::InvalidArgument(chunk.back().error);
      }
    }
    lines.assign(chunk.size(), {});
    hit_flags.assign(chunk.size(), 0);
    ParallelFor(
        chunk.size(), threads,
        [&](size_t i) {
          std::vector<ScreenHit> hits;
          if (chunk[i].error.empty()) hits = index.Screen(chunk[i].query);
          hit_flags[i] = !hits.empty();
          lines[i] = ResultLine(chunk[i], hits);
        },
        /*min_per_thread=*/16);
    for (size_t i = 0; i < lines.size(); ++i) {
      out << lines[i];
      summary.rows_with_hits += hit_flags[i];
    }
    if (progress.advanced) progress.advanced(summary.rows, total);
  }
  out.close();
  if (!out) return Status::IOError("failed writing " + request.output);
  return summary;
}

std::string ScreenFileAuditPayload(const ScreenFileRequest& request,
                                   const ScreenFileSummary& summary) {
  Json audit = {{"input", request.input},
                {"output", request.output},
                {"rows", summary.rows},
                {"rows_with_hits", summary.rows_with_hits},
                {"malformed_rows", summary.malformed_rows},
                {"threshold", request.base.threshold},
                {"as_of", request.base.as_of.ToString()},
                {"snapshots", SnapshotIds(summary.snapshots)}};
  return audit.dump();
}

}  // namespace chokepoint::service
