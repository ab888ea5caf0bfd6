// Pieces `screen` and `screen --input` share: flags and their errors.
#pragma once

#include <string>

#include "chokepoint/service/screen_service.h"
#include "cli/cli.h"

namespace chokepoint::cli::screen_internal {

struct ScreenFlags {
  std::string name, country, type, as_of, input, output;
  double threshold = -1;  // negative: the engine's default
  size_t limit = 10;
  unsigned threads = 0;  // 0: one per core
  bool json = false;
  bool strict = false;
};

// The flags as the service's screening input (validation lives in chokepoint/service).
service::ScreenInput InputFromFlags(const ScreenFlags& f);
// A validation error of the service, which names the input field, in terms of the flag.
Status FlagError(const std::string& field, const Status& s);

int RunBatch(const Context& ctx, const ScreenFlags& flags);

}  // namespace chokepoint::cli::screen_internal
