// Amount: an exact ownership share (a chokepoint::Rational) that degrades to a safely rounded
// double when exactness would overflow 128 bits.
//
// Ownership products along long chains multiply denominators (each 2-decimal percentage brings a
// factor of up to 10^4), so exact arithmetic cannot be promised for every input. Rather than
// wrap silently, every operation uses Rational's overflow-checked arithmetic; on overflow the
// caller continues in doubles rounded toward the safe side (lower bounds down, upper bounds up)
// and marks the result inexact.
#pragma once

#include <optional>

#include "chokepoint/rational.h"

namespace chokepoint::graph {

enum class Round { kDown, kUp };

// Nearest double (numerator / denominator), then nudged so that it is <= (down) or >= (up) the
// exact value.
double ToDoubleDown(const Rational& f);
double ToDoubleUp(const Rational& f);

// A decimal percentage (as Link::share_pct holds it) as a share of 1. nullopt when it is not a
// decimal with at most 12 places.
std::optional<Rational> ShareFromPct(const Rational& pct);
// Share of 1 -> percentage: exact while numerator and denominator fit 62 bits (so callers can
// keep computing with the plain Rational operators), else rounded toward `r` and *exact set to
// false.
Rational PctFromShare(const Rational& f, Round r = Round::kDown, bool* exact = nullptr);

// An exact value, or (exact == false) a double already rounded in the direction of the bound it
// stands for.
struct Amount {
  bool exact = true;
  Rational f;
  double d = 0;

  static Amount Exact(const Rational& f) { return Amount{true, f, 0}; }
  static Amount Approx(double d) { return Amount{false, Rational(0), d}; }
  static Amount Zero() { return Exact(Rational(0)); }
  static Amount One() { return Exact(Rational(1)); }
  double AsDouble(Round r) const;
  bool IsZero() const { return exact ? f.IsZero() : d == 0; }
};

Amount Add(const Amount& a, const Amount& b, Round r);
Amount Mul(const Amount& a, const Amount& b, Round r);
Amount Max(const Amount& a, const Amount& b, Round r);
// a >= t and a < t, answered conservatively for an inexact `a` (compared with t rounded away), so
// "true" is always right about the value `a` holds.
bool AtLeast(const Amount& a, const Rational& t);
bool Below(const Amount& a, const Rational& t);
// Percentage for reporting (a x 100), rounded toward `r` when not exact.
Rational PctFromAmount(const Amount& a, Round r, bool* exact = nullptr);

}  // namespace chokepoint::graph
