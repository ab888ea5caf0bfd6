#include "chokepoint/rational.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <numeric>

namespace chokepoint {

namespace {
int128_t Gcd(int128_t a, int128_t b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  // Spec-sheet figures almost always fit 64 bits, where the hardware divide is several times
  // faster.
  constexpr int128_t kMax64 = static_cast<int128_t>(UINT64_MAX);
  if (a <= kMax64 && b <= kMax64)
    return static_cast<int128_t>(std::gcd(static_cast<uint64_t>(a), static_cast<uint64_t>(b)));
  while (b != 0) {
    int128_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

int128_t Pow10(int n) {
  int128_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
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
    int128_t ra = a - qa * b, rc = c - qc * d;  // 0 <= r < den
    if (ra == 0 || rc == 0) {
      if (ra == rc) return 0;
      return ra == 0 ? -1 : 1;
    }
    // ra/b < rc/d <=> d/rc < b/ra: swap the operands and continue.
    const int128_t old_b = b;
    a = d;
    b = rc;
    c = old_b;
    d = ra;
  }
}

std::string Int128ToString(int128_t v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  if (neg) v = -v;
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  if (neg) s.insert(s.begin(), '-');
  return s;
}
}  // namespace

Rational::Rational(int128_t num, int128_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  int128_t g = Gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  num_ = num;
  den_ = den;
}

Result<Rational> Rational::Parse(std::string_view text) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a number (" + why + ")");
  };
  std::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  int128_t mantissa = 0;
  int digits = 0, decimals = 0;
  bool seen_point = false, seen_digit = false;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (mantissa != 0 || c != '0') ++digits;
      if (digits > 18) return bad("too many significant digits");
      mantissa = mantissa * 10 + (c - '0');
      if (seen_point) ++decimals;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return bad("no digits");
  int exponent = 0;
  if (i < s.size()) {
    if (s[i] != 'e' && s[i] != 'E') return bad("unexpected character");
    std::string_view exp_text = s.substr(i + 1);
    if (!exp_text.empty() && exp_text[0] == '+') exp_text.remove_prefix(1);
    auto [ptr, ec] = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
    if (ec != std::errc() || ptr != exp_text.data() + exp_text.size() || exp_text.empty()) {
      return bad("bad exponent");
    }
  }
  int scale = decimals - exponent;
  if (scale > 30 || scale < -18) return bad("exponent out of range");
  if (neg) mantissa = -mantissa;
  if (scale >= 0) return Rational(mantissa, Pow10(scale));
  return Rational(mantissa * Pow10(-scale), 1);
}

Result<Rational> Rational::FromDouble(double value) {
  if (!std::isfinite(value)) return Status::InvalidArgument("number is not finite");
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return Status::InvalidArgument("number cannot be represented");
  return Parse(std::string_view(buf, static_cast<size_t>(ptr - buf)));
}

Rational Rational::operator+(const Rational& o) const {
  return Rational(num_ * o.den_ + o.num_ * den_, den_ * o.den_);
}
Rational Rational::operator-(const Rational& o) const {
  return Rational(num_ * o.den_ - o.num_ * den_, den_ * o.den_);
}
Rational Rational::operator*(const Rational& o) const {
  return Rational(num_ * o.num_, den_ * o.den_);
}
Rational Rational::operator/(const Rational& o) const {
  assert(!o.IsZero());
  return Rational(num_ * o.den_, den_ * o.num_);
}

std::optional<Rational> Rational::CheckedAdd(const Rational& o) const {
  const int128_t g = Gcd(den_, o.den_);
  const int128_t od = o.den_ / g;
  int128_t den, l, r, num;
  if (__builtin_mul_overflow(den_, od, &den)) return std::nullopt;
  if (__builtin_mul_overflow(num_, od, &l)) return std::nullopt;
  if (__builtin_mul_overflow(o.num_, den_ / g, &r)) return std::nullopt;
  if (__builtin_add_overflow(l, r, &num)) return std::nullopt;
  return Rational(num, den);
}

std::optional<Rational> Rational::CheckedSub(const Rational& o) const {
  Rational neg;
  neg.num_ = -o.num_;
  neg.den_ = o.den_;
  return CheckedAdd(neg);
}

std::optional<Rational> Rational::CheckedMul(const Rational& o) const {
  if (num_ == 0 || o.num_ == 0) return Rational();
  const int128_t g1 = Gcd(num_, o.den_), g2 = Gcd(o.num_, den_);
  int128_t num, den;
  if (__builtin_mul_overflow(num_ / g1, o.num_ / g2, &num)) return std::nullopt;
  if (__builtin_mul_overflow(den_ / g2, o.den_ / g1, &den)) return std::nullopt;
  return Rational(num, den);
}

std::optional<Rational> Rational::CheckedDiv(const Rational& o) const {
  assert(!o.IsZero());
  Rational inv;
  inv.num_ = o.num_ < 0 ? -o.den_ : o.den_;
  inv.den_ = o.num_ < 0 ? -o.num_ : o.num_;
  return CheckedMul(inv);
}

std::strong_ordering Rational::operator<=>(const Rational& o) const {
  // Denominators are positive, so cross-multiplication preserves the order.
  int128_t lhs, rhs;
  int c;
  if (!__builtin_mul_overflow(num_, o.den_, &lhs) && !__builtin_mul_overflow(o.num_, den_, &rhs)) {
    c = lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
  } else {
    c = CompareSlow(num_, den_, o.num_, o.den_);
  }
  if (c < 0) return std::strong_ordering::less;
  if (c > 0) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

std::string Rational::ToString(int max_decimals) const {
  int128_t scale = Pow10(max_decimals);
  int128_t abs_num = num_ < 0 ? -num_ : num_;
  int128_t scaled = (abs_num * scale * 2 + den_) / (den_ * 2);  // round half away from zero
  int128_t whole = scaled / scale;
  int128_t frac = scaled % scale;
  std::string s = (num_ < 0 && scaled != 0 ? "-" : "") + Int128ToString(whole);
  if (frac != 0) {
    std::string f = Int128ToString(frac);
    f.insert(f.begin(), static_cast<size_t>(max_decimals) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

double Rational::ToDouble() const {
  // Render with ample digits and let strtod round once, rather than dividing two large doubles.
  return std::strtod(ToString(12).c_str(), nullptr);
}

}  // namespace chokepoint
