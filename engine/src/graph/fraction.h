// Exact fractions with overflow detection, and Amount: an exact fraction that degrades to a
// safely rounded double when exactness would overflow 128 bits.
//
// Ownership products along long chains multiply denominators (each 2-decimal percentage brings a
// factor of up to 10^4), so exact arithmetic cannot be promised for every input. Rather than
// wrap silently, every operation reports overflow; the caller then continues in doubles rounded
// toward the safe side (lower bounds down, upper bounds up) and marks the result inexact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chokepoint/rational.h"

namespace chokepoint::graph {

enum class Round { kDown, kUp };

struct Fraction {
  int128_t num = 0;
  int128_t den = 1;  // > 0; num/den in lowest terms

  static Fraction Zero() { return {0, 1}; }
  static Fraction One() { return {1, 1}; }
  bool IsZero() const { return num == 0; }
  bool IsNegative() const { return num < 0; }
};

// Each returns false (leaving *out unspecified) when the exact result does not fit.
bool Add(const Fraction& a, const Fraction& b, Fraction* out);
bool Sub(const Fraction& a, const Fraction& b, Fraction* out);
bool Mul(const Fraction& a, const Fraction& b, Fraction* out);
bool Div(const Fraction& a, const Fraction& b, Fraction* out);  // REQUIRES: !b.IsZero()
// Exact three-way comparison; never overflows.
int Compare(const Fraction& a, const Fraction& b);
// Nearest double, then nudged so that it is ≤ (down) or ≥ (up) the exact value.
double ToDoubleDown(const Fraction& f);
double ToDoubleUp(const Fraction& f);

// A decimal percentage (as Link::share_pct holds it) as a fraction of 1. nullopt when it is not
// a decimal with at most 12 places.
std::optional<Fraction> FractionFromPct(const Rational& pct);
// Fraction of 1 → percentage: exact while numerator and denominator fit 62 bits (so callers can
// keep computing with the Rational), else rounded toward `r` and *exact set to false.
Rational PctFromFraction(const Fraction& f, Round r = Round::kDown, bool* exact = nullptr);

// An exact value, or (exact == false) a double already rounded in the direction of the bound it
// stands for.
struct Amount {
  bool exact = true;
  Fraction f;
  double d = 0;

  static Amount Exact(const Fraction& f) { return Amount{true, f, 0}; }
  static Amount Approx(double d) { return Amount{false, Fraction::Zero(), d}; }
  static Amount Zero() { return Exact(Fraction::Zero()); }
  static Amount One() { return Exact(Fraction::One()); }
  double AsDouble(Round r) const;
  bool IsZero() const { return exact ? f.IsZero() : d == 0; }
};

Amount Add(const Amount& a, const Amount& b, Round r);
Amount Mul(const Amount& a, const Amount& b, Round r);
Amount Max(const Amount& a, const Amount& b, Round r);
// a ≥ t and a < t, answered conservatively for an inexact `a` (compared with t rounded away), so
// "true" is always right about the value `a` holds.
bool AtLeast(const Amount& a, const Fraction& t);
bool Below(const Amount& a, const Fraction& t);
// Percentage for reporting (a × 100), rounded toward `r` when not exact.
Rational PctFromAmount(const Amount& a, Round r, bool* exact = nullptr);

}  // namespace chokepoint::graph
