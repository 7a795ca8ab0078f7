// Numbers as text to the numeric C types, without allocating.
#include <cfloat>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "core/convert_detail.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr long kExponentClamp = 100000;

// Reads "[+|-]digits" after an 'e'; false when there are no digits.
bool read_exponent(std::string_view s, size_t& i, long& exponent) {
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  const size_t start = i;
  long v = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (v < kExponentClamp) v = v * 10 + (s[i] - '0');
    ++i;
  }
  exponent = neg ? -v : v;
  return i > start;
}

[[noreturn]] void throw_not_a_number() {
  throw OdbcError("22018", "Invalid character value for cast specification: not a number");
}
[[noreturn]] void throw_out_of_range() {
  throw OdbcError("22003", "Numeric value out of range");
}

}  // namespace

bool parse_number(std::string_view text, ParsedNumber& out) noexcept {
  out = ParsedNumber{};
  const std::string_view s = trim(text);
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) out.negative = s[i++] == '-';
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    const unsigned d = static_cast<unsigned>(s[i] - '0');
    if (out.whole > (ULLONG_MAX - d) / 10) out.whole_overflow = true;
    if (!out.whole_overflow) out.whole = out.whole * 10 + d;
    ++i;
    ++digits;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      if (s[i] != '0') out.fraction_nonzero = true;
      ++i;
      ++digits;
    }
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    long exponent;
    if (!read_exponent(s, i, exponent)) return false;
    out.has_exponent = true;
  }
  return i == s.size();
}

bool parse_double(std::string_view text, double& out, bool& out_of_range) noexcept {
  out_of_range = false;
  ParsedNumber n;
  if (!parse_number(text, n)) return false;
  std::string_view s = trim(text);
  if (s.front() == '+') s.remove_prefix(1);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::general);
  if (r.ec == std::errc::result_out_of_range) {
    // from_chars does not say whether it overflowed or underflowed: find the decimal
    // position of the most significant digit.
    size_t i = s.front() == '-' ? 1 : 0;
    long magnitude = 0;
    bool seen_nonzero = false;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (s[i] != '0') seen_nonzero = true;
      if (seen_nonzero) ++magnitude;
    }
    if (i < s.size() && s[i] == '.') {
      for (++i; i < s.size() && is_digit(s[i]); ++i) {
        if (seen_nonzero) break;
        if (s[i] != '0') seen_nonzero = true;
        else --magnitude;
      }
      while (i < s.size() && is_digit(s[i])) ++i;
    }
    long exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      read_exponent(s, i, exponent);
    }
    const bool negative = s.front() == '-';
    if (magnitude + exponent > 0) {
      out_of_range = true;
      out = negative ? -HUGE_VAL : HUGE_VAL;
    } else {
      out = negative ? -0.0 : 0.0;
    }
    return true;
  }
  return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}

namespace convert_detail {

size_t whole_part_length(std::string_view text) noexcept {
  const std::string_view s = trim(text);
  if (s.find_first_of("eE") != std::string_view::npos) return s.size();
  const size_t point = s.find('.');
  return point == std::string_view::npos ? s.size() : point;
}

namespace {

// A number's integer part, for the integer and bit targets.
struct Integral {
  bool negative = false;
  unsigned long long magnitude = 0;
  bool overflow = false;  // does not fit in 64 bits
  bool fraction = false;  // a non-zero fraction was dropped
};

Integral integral_of(std::string_view text) {
  ParsedNumber n;
  if (!parse_number(text, n)) throw_not_a_number();
  Integral v;
  if (!n.has_exponent) {
    v.negative = n.negative;
    v.magnitude = n.whole;
    v.overflow = n.whole_overflow;
    v.fraction = n.fraction_nonzero;
    return v;
  }
  double d;
  bool out_of_range;
  parse_double(text, d, out_of_range);
  if (out_of_range || !std::isfinite(d)) {
    v.overflow = true;
    return v;
  }
  const double whole = std::trunc(d);
  v.fraction = whole != d;
  v.negative = d < 0;
  const double mag = std::fabs(whole);
  if (mag >= 18446744073709551616.0) {
    v.overflow = true;
  } else {
    v.magnitude = static_cast<unsigned long long>(mag);
  }
  return v;
}

template <class T>
void store(const CellTarget& t, T value) {
  std::memcpy(t.buffer, &value, sizeof value);
  convert_detail::set_length(t, sizeof value);
}

template <class T>
ConvertResult store_integer(const Integral& v, const CellTarget& t, PieceState* pieces) {
  if (v.overflow) throw_out_of_range();
  T value;
  if constexpr (std::is_signed_v<T>) {
    using U = std::make_unsigned_t<T>;
    const auto max = static_cast<unsigned long long>(std::numeric_limits<T>::max());
    if (v.negative) {
      if (v.magnitude > max + 1) throw_out_of_range();
      // Two's complement negation in the unsigned type, then back.
      value = static_cast<T>(static_cast<U>(0U - static_cast<U>(v.magnitude)));
    } else {
      if (v.magnitude > max) throw_out_of_range();
      value = static_cast<T>(v.magnitude);
    }
  } else {
    if (v.negative && v.magnitude > 0) throw_out_of_range();
    if (v.magnitude > static_cast<unsigned long long>(std::numeric_limits<T>::max())) {
      throw_out_of_range();
    }
    value = static_cast<T>(v.magnitude);
  }
  store(t, value);
  return fixed_done(pieces, v.fraction ? "01S07" : nullptr);
}

ConvertResult store_bit(const Integral& v, const CellTarget& t, PieceState* pieces) {
  // 0 and 1 are data; (0, 2) truncates with 01S07; below 0 or from 2 up is out of range.
  if (v.overflow || v.magnitude >= 2 || (v.negative && (v.magnitude > 0 || v.fraction))) {
    throw_out_of_range();
  }
  store(t, static_cast<unsigned char>(v.magnitude));
  return fixed_done(pieces, v.fraction ? "01S07" : nullptr);
}

ConvertResult store_floating(std::string_view text, bool single, const CellTarget& t,
                             PieceState* pieces) {
  double d;
  bool out_of_range;
  if (!parse_double(text, d, out_of_range)) throw_not_a_number();
  if (out_of_range || !std::isfinite(d)) throw_out_of_range();
  if (single) {
    if (std::fabs(d) > FLT_MAX) throw_out_of_range();
    store(t, static_cast<float>(d));
  } else {
    store(t, d);
  }
  return fixed_done(pieces, nullptr);
}

// ---- SQL_C_NUMERIC ----

constexpr size_t kMaxDigits = 128;
constexpr int kMaxNumericPrecision = 38;

// value = digits * 10^exp10, digits without leading zeros.
struct DecimalDigits {
  bool negative = false;
  char digits[kMaxDigits];
  size_t count = 0;
  long exp10 = 0;
  bool dropped_nonzero = false;  // fractional digits beyond kMaxDigits
};

bool parse_decimal_digits(std::string_view text, DecimalDigits& out) {
  ParsedNumber syntax;
  if (!parse_number(text, syntax)) return false;
  const std::string_view s = trim(text);
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') out.negative = s[i++] == '-';
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (out.count == 0 && s[i] == '0') continue;
    if (out.count < kMaxDigits) {
      out.digits[out.count++] = s[i];
    } else {
      ++out.exp10;  // beyond any precision: the value is out of range anyway
    }
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && is_digit(s[i]); ++i) {
      if (out.count == 0 && s[i] == '0') {
        --out.exp10;
      } else if (out.count < kMaxDigits) {
        out.digits[out.count++] = s[i];
        --out.exp10;
      } else if (s[i] != '0') {
        out.dropped_nonzero = true;
      }
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    long exponent = 0;
    read_exponent(s, i, exponent);
    out.exp10 += exponent;
  }
  return true;
}

ConvertResult store_numeric(std::string_view text, const CellTarget& t, PieceState* pieces) {
  DecimalDigits d;
  if (!parse_decimal_digits(text, d)) throw_not_a_number();
  int precision = t.numeric_precision;
  if (precision <= 0 || precision > kMaxNumericPrecision) precision = kMaxNumericPrecision;
  const int scale = t.numeric_scale;

  // Scale the value to an integer: digits * 10^(exp10 + scale).
  const long shift = d.exp10 + scale;
  size_t keep = d.count;        // digits kept from d.digits
  size_t zeros = 0;             // zeros appended after them
  bool truncated = d.dropped_nonzero;
  if (shift >= 0) {
    if (d.count > 0 && static_cast<long>(d.count) + shift > precision) throw_out_of_range();
    zeros = d.count > 0 ? static_cast<size_t>(shift) : 0;
  } else {
    const auto drop = static_cast<size_t>(-shift);
    keep = drop >= d.count ? 0 : d.count - drop;
    for (size_t i = keep; i < d.count; ++i) {
      if (d.digits[i] != '0') truncated = true;
    }
  }
  // Leading digits are significant (no leading zeros), so the digit count is the precision.
  if (keep + zeros > static_cast<size_t>(precision)) throw_out_of_range();

  SQL_NUMERIC_STRUCT n;
  std::memset(&n, 0, sizeof n);
  auto mul_add = [&n](unsigned digit) {  // val = val * 10 + digit, little-endian bytes
    unsigned carry = digit;
    for (auto& byte : n.val) {
      const unsigned x = byte * 10U + carry;
      byte = static_cast<SQLCHAR>(x & 0xFF);
      carry = x >> 8;
    }
  };
  bool nonzero = false;
  for (size_t i = 0; i < keep; ++i) {
    mul_add(static_cast<unsigned>(d.digits[i] - '0'));
    if (d.digits[i] != '0') nonzero = true;
  }
  for (size_t i = 0; i < zeros; ++i) mul_add(0);
  n.precision = static_cast<SQLCHAR>(precision);
  n.scale = static_cast<SQLSCHAR>(scale);
  n.sign = d.negative && nonzero ? 0 : 1;
  store(t, n);
  return fixed_done(pieces, truncated ? "01S07" : nullptr);
}

}  // namespace

ConvertResult number_text_to_c(std::string_view text, SQLSMALLINT c_type, const CellTarget& t,
                               PieceState* pieces) {
  switch (c_type) {
    case SQL_C_TINYINT:
    case SQL_C_STINYINT: return store_integer<signed char>(integral_of(text), t, pieces);
    case SQL_C_UTINYINT: return store_integer<unsigned char>(integral_of(text), t, pieces);
    case SQL_C_SHORT:
    case SQL_C_SSHORT: return store_integer<SQLSMALLINT>(integral_of(text), t, pieces);
    case SQL_C_USHORT: return store_integer<SQLUSMALLINT>(integral_of(text), t, pieces);
    case SQL_C_LONG:
    case SQL_C_SLONG: return store_integer<SQLINTEGER>(integral_of(text), t, pieces);
    case SQL_C_ULONG: return store_integer<SQLUINTEGER>(integral_of(text), t, pieces);
    case SQL_C_SBIGINT: return store_integer<SQLBIGINT>(integral_of(text), t, pieces);
    case SQL_C_UBIGINT: return store_integer<SQLUBIGINT>(integral_of(text), t, pieces);
    case SQL_C_BIT: return store_bit(integral_of(text), t, pieces);
    case SQL_C_FLOAT: return store_floating(text, true, t, pieces);
    case SQL_C_DOUBLE: return store_floating(text, false, t, pieces);
    case SQL_C_NUMERIC: return store_numeric(text, t, pieces);
    default:
      throw OdbcError("07006", "Restricted data type attribute violation");
  }
}

}  // namespace convert_detail
}  // namespace holdfast
