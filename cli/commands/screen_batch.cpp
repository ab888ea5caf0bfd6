// chokepoint screen --input names.csv --output hits.jsonl: the flags, the progress bar and the
// summary line around service::ScreenFile.
#include <cstdio>
#include <optional>

#include "chokepoint/service/screen_file.h"
#include "cli/commands/screen_common.h"
#include "cli/progress.h"

namespace chokepoint::cli::screen_internal {

int RunBatch(const Context& ctx, const ScreenFlags& f) {
  if (f.output.empty()) return Fail(Status::InvalidArgument("--input needs --output FILE"));
  service::ScreenFileRequest request;
  std::string field;
  if (Status s = service::ApplyScreenOptions(InputFromFlags(f), &request.base, &field); !s.ok()) {
    return Fail(FlagError(field, s));
  }
  request.input = f.input;
  request.output = f.output;
  request.threads = f.threads;
  request.strict = f.strict;

  auto store = ctx.SharedStore();  // the index is read from it, the audit record appended to it
  if (!store.ok()) return Fail(store.status());
  std::optional<ProgressBar> progress;
  service::ScreenFileProgress hooks;
  hooks.started = [&progress](int64_t) { progress.emplace("screening", "rows"); };
  hooks.advanced = [&progress](int64_t rows, int64_t total) { progress->Update(rows, total); };
  auto summary = service::ScreenFile(**store, request, hooks);
  if (!summary.ok()) return Fail(summary.status());
  progress->Finish();

  if (Status s =
          RecordAudit(ctx, "screen-batch", service::ScreenFileAuditPayload(request, *summary));
      !s.ok()) {
    return Fail(s);
  }
  std::fprintf(stderr, "screened %lld rows in %.2f s: %lld with hits, %lld malformed\n",
               static_cast<long long>(summary->rows), progress->Elapsed(),
               static_cast<long long>(summary->rows_with_hits),
               static_cast<long long>(summary->malformed_rows));
  if (summary->malformed_rows > 0) return kExitUsage;
  return summary->rows_with_hits > 0 ? kExitFindings : kExitClear;
}

}  // namespace chokepoint::cli::screen_internal
