#include "graph/fraction.h"

#include <cmath>
#include <limits>

namespace chokepoint::graph {

namespace {

int128_t Abs(int128_t v) { return v < 0 ? -v : v; }

int128_t Gcd(int128_t a, int128_t b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    int128_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Fraction Reduced(int128_t num, int128_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int128_t g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num == 0) den = 1;
  return {num, den};
}

// Floor division for a positive divisor.
int128_t FloorDiv(int128_t a, int128_t b) {
  int128_t q = a / b;
  if ((a % b != 0) && (a < 0)) --q;
  return q;
}

// Compares a/b with c/d (b, d > 0) without overflow, by their continued-fraction expansions.
int CompareSlow(int128_t a, int128_t b, int128_t c, int128_t d) {
  for (;;) {
    int128_t qa = FloorDiv(a, b), qc = FloorDiv(c, d);
    if (qa != qc) return qa < qc ? -1 : 1;
    int128_t ra = a - qa * b, rc = c - qc * d;  // 0 ≤ r < den
    if (ra == 0 || rc == 0) {
      if (ra == rc) return 0;
      return ra == 0 ? -1 : 1;
    }
    // ra/b < rc/d ⇔ d/rc < b/ra: swap the operands and continue.
    const int128_t old_b = b;
    a = d;
    b = rc;
    c = old_b;
    d = ra;
  }
}

double Nudge(double x, Round r, int ulps) {
  const double toward = r == Round::kDown ? -std::numeric_limits<double>::infinity()
                                          : std::numeric_limits<double>::infinity();
  for (int i = 0; i < ulps; ++i) x = std::nextafter(x, toward);
  if (r == Round::kDown && x < 0) x = 0;  // amounts are shares: never negative
  return x;
}

double ToDoubleNear(const Fraction& f) {
  return static_cast<double>(f.num) / static_cast<double>(f.den);
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

bool Add(const Fraction& a, const Fraction& b, Fraction* out) {
  const int128_t g = Gcd(a.den, b.den);
  const int128_t bd = b.den / g;
  int128_t den, l, r, num;
  if (__builtin_mul_overflow(a.den, bd, &den)) return false;
  if (__builtin_mul_overflow(a.num, bd, &l)) return false;
  if (__builtin_mul_overflow(b.num, a.den / g, &r)) return false;
  if (__builtin_add_overflow(l, r, &num)) return false;
  *out = Reduced(num, den);
  return true;
}

bool Sub(const Fraction& a, const Fraction& b, Fraction* out) {
  return Add(a, Fraction{-b.num, b.den}, out);
}

bool Mul(const Fraction& a, const Fraction& b, Fraction* out) {
  if (a.num == 0 || b.num == 0) {
    *out = Fraction::Zero();
    return true;
  }
  const int128_t g1 = Gcd(a.num, b.den), g2 = Gcd(b.num, a.den);
  int128_t num, den;
  if (__builtin_mul_overflow(a.num / g1, b.num / g2, &num)) return false;
  if (__builtin_mul_overflow(a.den / g2, b.den / g1, &den)) return false;
  *out = Reduced(num, den);
  return true;
}

bool Div(const Fraction& a, const Fraction& b, Fraction* out) {
  Fraction inv = b.num < 0 ? Fraction{-b.den, -b.num} : Fraction{b.den, b.num};
  return Mul(a, inv, out);
}

int Compare(const Fraction& a, const Fraction& b) {
  int128_t l, r;
  if (!__builtin_mul_overflow(a.num, b.den, &l) && !__builtin_mul_overflow(b.num, a.den, &r)) {
    return l < r ? -1 : (l > r ? 1 : 0);
  }
  return CompareSlow(a.num, a.den, b.num, b.den);
}

double ToDoubleDown(const Fraction& f) {
  if (f.num == 0) return 0;
  return Nudge(ToDoubleNear(f), Round::kDown, 4);
}

double ToDoubleUp(const Fraction& f) {
  if (f.num == 0) return 0;
  return Nudge(ToDoubleNear(f), Round::kUp, 4);
}

std::optional<Fraction> FractionFromPct(const Rational& pct) {
  const std::string text = pct.ToString(12);
  auto back = Rational::Parse(text);
  if (!back.ok() || !(*back == pct)) return std::nullopt;
  int128_t num = 0, den = 100;
  bool neg = false, point = false;
  for (char c : text) {
    if (c == '-') {
      neg = true;
    } else if (c == '.') {
      point = true;
    } else {
      num = num * 10 + (c - '0');
      if (point) den *= 10;
    }
  }
  return Reduced(neg ? -num : num, den);
}

Rational PctFromFraction(const Fraction& f, Round r, bool* exact) {
  Fraction pct;
  if (Mul(f, Fraction{100, 1}, &pct) && Fits62(pct.num) && Fits62(pct.den)) {
    if (exact) *exact = true;
    return Rational(static_cast<int64_t>(pct.num)) / Rational(static_cast<int64_t>(pct.den));
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
    Fraction s;
    if (Add(a.f, b.f, &s)) return Amount::Exact(s);
  }
  return Amount::Approx(Nudge(a.AsDouble(r) + b.AsDouble(r), r, 1));
}

Amount Mul(const Amount& a, const Amount& b, Round r) {
  if (a.exact && b.exact) {
    Fraction p;
    if (Mul(a.f, b.f, &p)) return Amount::Exact(p);
  }
  if (a.IsZero() || b.IsZero()) return Amount::Zero();
  return Amount::Approx(Nudge(a.AsDouble(r) * b.AsDouble(r), r, 1));
}

Amount Max(const Amount& a, const Amount& b, Round r) {
  if (a.exact && b.exact) return Compare(a.f, b.f) >= 0 ? a : b;
  return a.AsDouble(r) >= b.AsDouble(r) ? a : b;
}

bool AtLeast(const Amount& a, const Fraction& t) {
  if (a.exact) return Compare(a.f, t) >= 0;
  return a.d >= ToDoubleUp(t);
}

bool Below(const Amount& a, const Fraction& t) {
  if (a.exact) return Compare(a.f, t) < 0;
  return a.d < ToDoubleDown(t);
}

Rational PctFromAmount(const Amount& a, Round r, bool* exact) {
  if (a.exact) return PctFromFraction(a.f, r, exact);
  if (exact) *exact = false;
  return RationalToward(Nudge(a.d * 100, r, 1), r);
}

}  // namespace chokepoint::graph
