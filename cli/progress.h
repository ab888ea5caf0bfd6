// A one-line progress bar on stderr, drawn only when stderr is a terminal (never in logs or CI).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace chokepoint::cli {

class ProgressBar {
 public:
  ProgressBar(std::string what, std::string unit)
      : what_(std::move(what)), unit_(std::move(unit)), tty_(isatty(STDERR_FILENO) != 0) {}
  // `done` of `total` units, shown as a count, a percentage and a rate.
  void Update(int64_t done, int64_t total) {
    if (!tty_) return;
    const double secs = Elapsed();
    std::fprintf(stderr, "\r%s %lld/%lld %s (%.0f%%), %.0f %s/s", what_.c_str(),
                 static_cast<long long>(done), static_cast<long long>(total), unit_.c_str(),
                 total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0,
                 secs > 0 ? static_cast<double>(done) / secs : 0.0, unit_.c_str());
  }
  void Finish() {
    if (tty_) std::fprintf(stderr, "\n");
  }
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::string what_, unit_;
  bool tty_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace chokepoint::cli
