// Rational: an exact number, so that thresholds are compared as the regulation words them.
//
// Spec-sheet figures arrive as decimal text ("989.5", "5.92") and are kept exactly; derived figures
// (TPP = 2 x MacTOPS x bits, PD = TPP / area) stay exact fractions. "PD >= 5.92" is therefore
// decided by integer cross-multiplication, never by a floating-point quotient that lands
// at 5.919999...
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "chokepoint/status.h"

namespace chokepoint {

__extension__ typedef __int128 int128_t;

class Rational {
 public:
  constexpr Rational() = default;
  Rational(int64_t integer) : num_(integer), den_(1) {}  // NOLINT(google-explicit-constructor)

  // Decimal text: "4800", "-3", "5.92", "1e3", "2.5E-1". At most 18 significant decimals.
  static Result<Rational> Parse(std::string_view text);
  // The shortest decimal that round-trips the double (so 4799.99 stays 4799.99, not
  // 4799.98999999999978172). Rejects NaN and infinities.
  static Result<Rational> FromDouble(double value);

  Rational operator+(const Rational& o) const;
  Rational operator-(const Rational& o) const;
  Rational operator*(const Rational& o) const;
  // REQUIRES: !o.IsZero()
  Rational operator/(const Rational& o) const;

  // Overflow-checked arithmetic: nullopt when the exact result does not fit 128 bits (the
  // operators above assume it does). For products that can grow without bound, such as the
  // ownership shares multiplied along long chains; intermediate terms are reduced by the gcd of
  // the operands first, so only results that are themselves too large fail.
  std::optional<Rational> CheckedAdd(const Rational& o) const;
  std::optional<Rational> CheckedSub(const Rational& o) const;
  std::optional<Rational> CheckedMul(const Rational& o) const;
  // REQUIRES: !o.IsZero()
  std::optional<Rational> CheckedDiv(const Rational& o) const;

  bool IsZero() const { return num_ == 0; }
  bool IsNegative() const { return num_ < 0; }
  bool IsInteger() const { return den_ == 1; }

  // Exact, and never overflows (falls back to comparing continued-fraction expansions).
  std::strong_ordering operator<=>(const Rational& o) const;
  bool operator==(const Rational& o) const { return num_ == o.num_ && den_ == o.den_; }

  // Decimal rendering rounded half-away-from-zero to at most max_decimals digits, trailing zeros
  // dropped: 15832, 19.4496, 0.5. Deterministic: the same value always prints the same text.
  std::string ToString(int max_decimals = 4) const;
  // Nearest double; for JSON output and display only, never for decisions.
  double ToDouble() const;

  // Lowest terms; the denominator is positive.
  int128_t numerator() const { return num_; }
  int128_t denominator() const { return den_; }

 private:
  Rational(int128_t num, int128_t den);  // normalises sign and gcd
  int128_t num_ = 0;
  int128_t den_ = 1;
};

}  // namespace chokepoint
