#include "chokepoint/date.h"

#include <chrono>
#include <cstdio>

namespace chokepoint {

namespace {
bool ParseDigits(std::string_view s, int& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !s.empty();
}
}  // namespace

Result<Date> Date::Parse(std::string_view iso) {
  auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(iso) +
                                   "' is not an ISO 8601 date (YYYY-MM-DD)");
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad();
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(iso.substr(0, 4), y) || !ParseDigits(iso.substr(5, 2), m) ||
      !ParseDigits(iso.substr(8, 2), d)) {
    return bad();
  }
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad();
  return FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

Date Date::FromYmd(int year, unsigned month, unsigned day) {
  std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                             std::chrono::day{day}};
  return Date(static_cast<int32_t>(days.time_since_epoch().count()));
}

Date Date::Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date(static_cast<int32_t>(now.time_since_epoch().count()));
}

static std::chrono::year_month_day Ymd(int32_t days) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(Ymd(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(Ymd(days_).day()); }

std::string Date::ToString() const {
  auto ymd = Ymd(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string DateRange::ToString() const {
  std::string s = from == Date::Min() ? "" : from.ToString();
  s += "..";
  if (to != Date::Max()) s += to.ToString();
  return s;
}

}  // namespace chokepoint
