// Date: a calendar day (proleptic Gregorian), parsed and printed only as ISO 8601 "YYYY-MM-DD".
//
// Regulations take effect on days, not instants, so the engine never compares times of day.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint {

class Date {
 public:
  // The first representable day; used as "since forever" in date ranges.
  static constexpr Date Min() { return Date(INT32_MIN / 2); }
  // The last representable day; used as "until further notice".
  static constexpr Date Max() { return Date(INT32_MAX / 2); }

  // Strict ISO 8601 calendar date; rejects "2024-2-1", "2024-02-30", trailing text.
  static Result<Date> Parse(std::string_view iso);
  static Date FromYmd(int year, unsigned month, unsigned day);
  // Today's date in UTC.
  static Date Today();

  constexpr Date() = default;

  int year() const;
  unsigned month() const;
  unsigned day() const;
  std::string ToString() const;  // "YYYY-MM-DD"
  // Days since 1970-01-01.
  constexpr int32_t days() const { return days_; }
  Date AddDays(int32_t n) const { return Date(days_ + n); }

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// A closed interval of days [from, to]; either end may be open (Min()/Max()).
struct DateRange {
  Date from = Date::Min();
  Date to = Date::Max();

  bool Contains(Date d) const { return from <= d && d <= to; }
  bool Overlaps(const DateRange& other) const { return from <= other.to && other.from <= to; }
  // "2023-11-17..2024-12-01", "2023-11-17.." or "..2024-12-01".
  std::string ToString() const;
};

}  // namespace chokepoint
