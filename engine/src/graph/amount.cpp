#include "graph/amount.h"

#include <cmath>
#include <limits>

namespace chokepoint::graph {

namespace {

double Nudge(double x, Round r, int ulps) {
  const double toward = r == Round::kDown ? -std::numeric_limits<double>::infinity()
                                          : std::numeric_limits<double>::infinity();
  for (int i = 0; i < ulps; ++i) x = std::nextafter(x, toward);
  if (r == Round::kDown && x < 0) x = 0;  // amounts are shares: never negative
  return x;
}

double ToDoubleNear(const Rational& f) {
  return static_cast<double>(f.numerator()) / static_cast<double>(f.denominator());
}

bool Fits62(int128_t v) {
  constexpr int128_t kLimit = static_cast<int128_t>(1) << 62;
  return v < kLimit && v > -kLimit;
}

// A double as a Rational, nudged so the decimal text cannot land on the wrong side.
Rational RationalToward(double x, Round r) {
  x = Nudge(x, r, 2);
  if (x < 1e-12) return r == Round::kDown || x <= 0 ? Rational(0) : *Rational::Parse("1e-12");
  auto q = Rational::FromDouble(x);
  return q.ok() ? *q : Rational(0);
}

}  // namespace

double ToDoubleDown(const Rational& f) {
  if (f.IsZero()) return 0;
  return Nudge(ToDoubleNear(f), Round::kDown, 4);
}

double ToDoubleUp(const Rational& f) {
  if (f.IsZero()) return 0;
  return Nudge(ToDoubleNear(f), Round::kUp, 4);
}

std::optional<Rational> ShareFromPct(const Rational& pct) {
  // At most 12 decimal places: the 12-place rendering reads back as the same value.
  auto back = Rational::Parse(pct.ToString(12));
  if (!back.ok() || !(*back == pct)) return std::nullopt;
  return pct.CheckedDiv(Rational(100));
}

Rational PctFromShare(const Rational& f, Round r, bool* exact) {
  auto pct = f.CheckedMul(Rational(100));
  if (pct && Fits62(pct->numerator()) && Fits62(pct->denominator())) {
    if (exact) *exact = true;
    return *pct;
  }
  if (exact) *exact = false;
  const double d = r == Round::kDown ? ToDoubleDown(f) : ToDoubleUp(f);
  return RationalToward(Nudge(d * 100, r, 1), r);
}

double Amount::AsDouble(Round r) const {
  if (!exact) return d;
  return r == Round::kDown ? ToDoubleDown(f) : ToDoubleUp(f);
}

Amount Add(const Amount& a, const Amount& b, Round r) {
  if (a.exact && b.exact) {
    if (auto s = a.f.CheckedAdd(b.f)) return Amount::Exact(*s);
  }
  return Amount::Approx(Nudge(a.AsDouble(r) + b.AsDouble(r), r, 1));
}

Amount Mul(const Amount& a, const Amount& b, Round r) {
  if (a.exact && b.exact) {
    if (auto p = a.f.CheckedMul(b.f)) return Amount::Exact(*p);
  }
  if (a.IsZero() || b.IsZero()) return Amount::Zero();
  return Amount::Approx(Nudge(a.AsDouble(r) * b.AsDouble(r), r, 1));
}

Amount Max(const Amount& a, const Amount& b, Round r) {
  if (a.exact && b.exact) return a.f >= b.f ? a : b;
  return a.AsDouble(r) >= b.AsDouble(r) ? a : b;
}

bool AtLeast(const Amount& a, const Rational& t) {
  if (a.exact) return a.f >= t;
  return a.d >= ToDoubleUp(t);
}

bool Below(const Amount& a, const Rational& t) {
  if (a.exact) return a.f < t;
  return a.d < ToDoubleDown(t);
}

Rational PctFromAmount(const Amount& a, Round r, bool* exact) {
  if (a.exact) return PctFromShare(a.f, r, exact);
  if (exact) *exact = false;
  return RationalToward(Nudge(a.d * 100, r, 1), r);
}

}  // namespace chokepoint::graph
