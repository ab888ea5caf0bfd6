// chokepoint screen --input names.csv --output hits.jsonl: exactly one JSON line per input row, in
// input order, screened on every core in chunks so a million rows stream through bounded memory.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "chokepoint/data/csv_reader.h"
#include "chokepoint/json.h"
#include "cli/commands/screen_common.h"
#include "cli/progress.h"

namespace chokepoint::cli::screen_internal {

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
    std::string f = header.fields[i];
    std::transform(f.begin(), f.end(), f.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
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
  return column >= 0 && static_cast<size_t>(column) < row.fields.size() ? row.fields[column] : "";
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
  } else if (Status s = service::ApplyPartyFields(Field(csv, cols.country), Field(csv, cols.type),
                                                  &r.query, nullptr);
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

int RunBatch(const Context& ctx, const ScreenFlags& f) {
  if (f.output.empty()) return Fail(Status::InvalidArgument("--input needs --output FILE"));
  auto base = BaseQuery(f);
  if (!base.ok()) return Fail(base.status());
  std::ifstream in(f.input, std::ios::binary);
  if (!in) return Fail(Status::NotFound("cannot read " + f.input));
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();

  data::CsvReader reader(text, ',');
  data::CsvRow csv;
  if (!reader.Next(&csv)) return Fail(Status::InvalidArgument(f.input + ": empty file"));
  auto cols = ReadHeader(csv, f.input);
  if (!cols.ok()) return Fail(cols.status());
  const int64_t total = std::count(text.begin(), text.end(), '\n');  // for the progress bar only

  auto loaded = LoadIndex(ctx);
  if (!loaded.ok()) return Fail(loaded.status());
  std::ofstream out(f.output, std::ios::binary | std::ios::trunc);
  if (!out) return Fail(Status::IOError("cannot write " + f.output));

  const unsigned threads =
      f.threads ? f.threads : std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kChunk = 4096;
  int64_t rows = 0, rows_with_hits = 0, bad_rows = 0;
  ProgressBar progress("screening", "rows");
  std::vector<BatchRow> chunk;
  std::vector<std::string> lines;
  bool more = true;
  while (more) {
    chunk.clear();
    while (chunk.size() < kChunk && (more = reader.Next(&csv))) {
      chunk.push_back(MakeRow(csv, *cols, *base, ++rows, f.input));
      if (!chunk.back().error.empty()) {
        ++bad_rows;
        spdlog::warn("{}", chunk.back().error);
        if (f.strict) return Fail(Status::InvalidArgument(chunk.back().error));
      }
    }
    lines.assign(chunk.size(), {});
    std::vector<int> hit_flags(chunk.size(), 0);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (size_t i = t; i < chunk.size(); i += threads) {
          std::vector<ScreenHit> hits;
          if (chunk[i].error.empty()) hits = loaded->index->Screen(chunk[i].query);
          hit_flags[i] = !hits.empty();
          lines[i] = ResultLine(chunk[i], hits);
        }
      });
    }
    for (auto& th : pool) th.join();
    for (size_t i = 0; i < lines.size(); ++i) {
      out << lines[i];
      rows_with_hits += hit_flags[i];
    }
    progress.Update(rows, total);
  }
  progress.Finish();
  out.close();
  if (!out) return Fail(Status::IOError("failed writing " + f.output));

  Json audit = {{"input", f.input},
                {"output", f.output},
                {"rows", rows},
                {"rows_with_hits", rows_with_hits},
                {"malformed_rows", bad_rows},
                {"threshold", base->threshold},
                {"as_of", base->as_of.ToString()},
                {"snapshots", service::SnapshotIds(loaded->snapshots)}};
  if (Status s = RecordAudit(ctx, "screen-batch", audit.dump()); !s.ok()) return Fail(s);
  std::fprintf(stderr, "screened %lld rows in %.2f s: %lld with hits, %lld malformed\n",
               (long long)rows, progress.Elapsed(), (long long)rows_with_hits, (long long)bad_rows);
  if (bad_rows > 0) return kExitUsage;
  return rows_with_hits > 0 ? kExitFindings : kExitClear;
}

}  // namespace chokepoint::cli::screen_internal
