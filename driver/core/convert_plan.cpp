#include "core/convert_plan.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/convert_detail.h"
#include "core/native_value.h"

namespace holdfast {
namespace {

using convert_detail::fixed_done;
using convert_detail::set_length;

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Plain "[-]digits" (at most 18 digits: no overflow of a 64-bit value) or nothing.
bool plain_integer(const SourceValue& v, long long& out) noexcept {
  const char* p = v.data;
  const char* const end = v.data + v.length;
  bool negative = false;
  if (p != end && *p == '-') {
    negative = true;
    ++p;
  }
  if (p == end || end - p > 18) return false;
  long long n = 0;
  for (; p != end; ++p) {
    if (!digit(*p)) return false;
    n = n * 10 + (*p - '0');
  }
  out = negative ? -n : n;
  return true;
}

// The common case first: a non-NULL value into a buffer, nothing returned yet.
bool plain_target(const SourceValue& v, const CellTarget& t, const PieceState* pieces) noexcept {
  return !v.is_null && t.buffer != nullptr && (pieces == nullptr || !pieces->started);
}

template <class T>
bool fits(long long n) noexcept {
  if constexpr (std::numeric_limits<T>::is_signed)
    return n >= static_cast<long long>(std::numeric_limits<T>::min()) &&
           n <= static_cast<long long>(std::numeric_limits<T>::max());
  else
    return n >= 0 && static_cast<unsigned long long>(n) <= static_cast<unsigned long long>(std::numeric_limits<T>::max());
}

template <class T>
bool fits_unsigned(unsigned long long n) noexcept {
  return n <= static_cast<unsigned long long>(std::numeric_limits<T>::max());
}

// The value of `v` as T when it is a whole number T holds: plain digits, or a native
// integer. Anything else (out of range, a fraction, an exponent) is convert_value's.
template <class T>
bool integer_value(const SourceValue& v, T& out) noexcept {
  switch (v.native) {
    case NativeKind::none: {
      long long n;
      if (!plain_integer(v, n) || !fits<T>(n)) return false;
      out = static_cast<T>(n);
      return true;
    }
    case NativeKind::integer: {
      long long n;
      std::memcpy(&n, v.data, sizeof n);
      if (!fits<T>(n)) return false;
      out = static_cast<T>(n);
      return true;
    }
    case NativeKind::unsigned_integer: {
      unsigned long long n;
      std::memcpy(&n, v.data, sizeof n);
      if (!fits_unsigned<T>(n)) return false;
      out = static_cast<T>(n);
      return true;
    }
    default: return false;
  }
}

template <class T>
ConvertResult integer_to(const ColumnMeta& meta, const SourceValue& v, const CellTarget& t, PieceState* pieces) {
  T value;
  if (plain_target(v, t, pieces) && integer_value(v, value)) {
    std::memcpy(t.buffer, &value, sizeof value);
    set_length(t, sizeof value);
    return fixed_done(pieces, nullptr);
  }
  return convert_value(meta, v, t, pieces);
}

// A native number as a double: what parsing its text would give (the text of an integer
// parses to the nearest double, as the conversion does; the text of a double is the
// shortest that reads back as the same double).
bool native_double(const SourceValue& v, double& out) noexcept {
  switch (v.native) {
    case NativeKind::integer: {
      long long n;
      std::memcpy(&n, v.data, sizeof n);
      out = static_cast<double>(n);
      return true;
    }
    case NativeKind::unsigned_integer: {
      unsigned long long n;
      std::memcpy(&n, v.data, sizeof n);
      out = static_cast<double>(n);
      return true;
    }
    case NativeKind::real:
      std::memcpy(&out, v.data, sizeof out);
      if (out == 0) out = 0;  // a negative zero is written "0", which reads back as +0
      return std::isfinite(out);
    default: return false;
  }
}

ConvertResult double_from_text(const ColumnMeta& meta, const SourceValue& v, const CellTarget& t,
                               PieceState* pieces) {
  if (v.native != NativeKind::none) {
    double d;
    if (plain_target(v, t, pieces) && native_double(v, d)) {
      std::memcpy(t.buffer, &d, sizeof d);
      set_length(t, sizeof d);
      return fixed_done(pieces, nullptr);
    }
    return convert_value(meta, v, t, pieces);
  }
  // Digits first (from_chars would also read "inf" and "nan", which are not numbers here).
  if (plain_target(v, t, pieces) && v.length > 0 && (digit(v.data[0]) || (v.length > 1 && v.data[0] == '-' && digit(v.data[1])))) {
    double d;
    const auto r = std::from_chars(v.data, v.data + v.length, d, std::chars_format::general);
    if (r.ec == std::errc() && r.ptr == v.data + v.length && std::isfinite(d)) {
      std::memcpy(t.buffer, &d, sizeof d);
      set_length(t, sizeof d);
      return fixed_done(pieces, nullptr);
    }
  }
  return convert_value(meta, v, t, pieces);
}

ConvertResult chars_from_text(const ColumnMeta& meta, const SourceValue& value, const CellTarget& t,
                              PieceState* pieces) {
  // A native number is copied as its text.
  char room[kNativeTextRoom];
  const SourceValue v = value.native == NativeKind::none ? value : native_as_text(meta, value, room);
  // A value that fits whole, on the first call for it, is a copy (SQLGetData's pieces are
  // then done, as convert_value would leave them).
  if (plain_target(v, t, pieces) && static_cast<SQLLEN>(v.length) < t.buffer_length) {
    auto* out = static_cast<char*>(t.buffer);
    std::memcpy(out, v.data, v.length);
    out[v.length] = '\0';
    set_length(t, static_cast<SQLLEN>(v.length));
    if (pieces != nullptr) {
      pieces->offset = v.length;
      pieces->started = true;
      pieces->exhausted = true;
    }
    return {};
  }
  return convert_value(meta, v, t, pieces);
}

unsigned two(const char* p) noexcept { return static_cast<unsigned>((p[0] - '0') * 10 + (p[1] - '0')); }

bool digits_at(const char* p, std::size_t count) noexcept {
  for (std::size_t i = 0; i < count; ++i)
    if (!digit(p[i])) return false;
  return true;
}

bool leap(unsigned y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned month_days(unsigned y, unsigned m) noexcept {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool valid_date(unsigned year, unsigned month, unsigned day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= month_days(year, month);
}

// A native temporal value, its fraction in nanoseconds as the column's text shows it.
const MYSQL_TIME& native_time(const SourceValue& v) noexcept { return *reinterpret_cast<const MYSQL_TIME*>(v.data); }

SQLUINTEGER fraction_ns(const ColumnMeta& meta, const MYSQL_TIME& time) noexcept {
  static constexpr unsigned long kDrop[] = {1000000, 100000, 10000, 1000, 100, 10, 1};
  const unsigned long step = meta.decimals <= 6 ? kDrop[meta.decimals] : 1;
  return static_cast<SQLUINTEGER>((time.second_part % 1000000) / step * step * 1000);
}

// A DATETIME or TIMESTAMP read natively: a valid non-zero date and a time of day.
bool native_timestamp(const ColumnMeta& meta, const SourceValue& v, SQL_TIMESTAMP_STRUCT& ts) noexcept {
  const MYSQL_TIME& time = native_time(v);
  if (!valid_date(time.year, time.month, time.day) || time.year > 9999 || time.hour > 23 || time.minute > 59 ||
      time.second > 59)
    return false;
  ts.year = static_cast<SQLSMALLINT>(time.year);
  ts.month = static_cast<SQLUSMALLINT>(time.month);
  ts.day = static_cast<SQLUSMALLINT>(time.day);
  ts.hour = static_cast<SQLUSMALLINT>(time.hour);
  ts.minute = static_cast<SQLUSMALLINT>(time.minute);
  ts.second = static_cast<SQLUSMALLINT>(time.second);
  ts.fraction = fraction_ns(meta, time);
  return true;
}

// "YYYY-MM-DD hh:mm:ss" with up to 6 fraction digits, a valid non-zero date and a time of
// day: the shape the server sends for DATETIME and TIMESTAMP (or that value read natively).
ConvertResult timestamp_from_datetime(const ColumnMeta& meta, const SourceValue& v, const CellTarget& t,
                                      PieceState* pieces) {
  if (v.native == NativeKind::time) {
    SQL_TIMESTAMP_STRUCT ts;
    if (plain_target(v, t, pieces) && native_timestamp(meta, v, ts)) {
      std::memcpy(t.buffer, &ts, sizeof ts);
      set_length(t, sizeof ts);
      return fixed_done(pieces, nullptr);
    }
    return convert_value(meta, v, t, pieces);
  }
  if (plain_target(v, t, pieces) && (v.length == 19 || (v.length >= 21 && v.length <= 26))) {
    const char* s = v.data;
    if (digits_at(s, 4) && s[4] == '-' && digits_at(s + 5, 2) && s[7] == '-' && digits_at(s + 8, 2) &&
        s[10] == ' ' && digits_at(s + 11, 2) && s[13] == ':' && digits_at(s + 14, 2) && s[16] == ':' &&
        digits_at(s + 17, 2) && (v.length == 19 || (s[19] == '.' && digits_at(s + 20, v.length - 20)))) {
      SQL_TIMESTAMP_STRUCT ts;
      ts.year = static_cast<SQLSMALLINT>(two(s) * 100 + two(s + 2));
      ts.month = static_cast<SQLUSMALLINT>(two(s + 5));
      ts.day = static_cast<SQLUSMALLINT>(two(s + 8));
      ts.hour = static_cast<SQLUSMALLINT>(two(s + 11));
      ts.minute = static_cast<SQLUSMALLINT>(two(s + 14));
      ts.second = static_cast<SQLUSMALLINT>(two(s + 17));
      SQLUINTEGER fraction = 0;
      std::size_t digits = 0;
      for (std::size_t i = 20; i < v.length; ++i, ++digits) fraction = fraction * 10 + static_cast<SQLUINTEGER>(s[i] - '0');
      for (; digits < 9; ++digits) fraction *= 10;
      ts.fraction = fraction;
      if (ts.month >= 1 && ts.month <= 12 && ts.day >= 1 &&
          ts.day <= month_days(static_cast<unsigned>(ts.year), ts.month) && ts.hour <= 23 && ts.minute <= 59 &&
          ts.second <= 59) {
        std::memcpy(t.buffer, &ts, sizeof ts);
        set_length(t, sizeof ts);
        return fixed_done(pieces, nullptr);
      }
    }
  }
  return convert_value(meta, v, t, pieces);
}

// A DATE read natively with a valid date (year from 1) into SQL_DATE_STRUCT; the rest,
// and text, as convert_value does.
ConvertResult date_from_date(const ColumnMeta& meta, const SourceValue& v, const CellTarget& t, PieceState* pieces) {
  if (v.native == NativeKind::time && plain_target(v, t, pieces)) {
    const MYSQL_TIME& time = native_time(v);
    if (time.year >= 1 && time.year <= 9999 && valid_date(time.year, time.month, time.day)) {
      SQL_DATE_STRUCT d;
      d.year = static_cast<SQLSMALLINT>(time.year);
      d.month = static_cast<SQLUSMALLINT>(time.month);
      d.day = static_cast<SQLUSMALLINT>(time.day);
      std::memcpy(t.buffer, &d, sizeof d);
      set_length(t, sizeof d);
      return fixed_done(pieces, nullptr);
    }
  }
  return convert_value(meta, v, t, pieces);
}

// A TIME read natively that is a time of day without a fraction into SQL_TIME_STRUCT; the
// rest (negative, 24 hours or more, a fraction: 22007 or 01S07), and text, as convert_value.
ConvertResult time_from_time(const ColumnMeta& meta, const SourceValue& v, const CellTarget& t, PieceState* pieces) {
  if (v.native == NativeKind::time && plain_target(v, t, pieces)) {
    const MYSQL_TIME& time = native_time(v);
    if (!time.neg && time.day == 0 && time.hour <= 23 && time.minute <= 59 && time.second <= 59 &&
        fraction_ns(meta, time) == 0) {
      SQL_TIME_STRUCT d;
      d.hour = static_cast<SQLUSMALLINT>(time.hour);
      d.minute = static_cast<SQLUSMALLINT>(time.minute);
      d.second = static_cast<SQLUSMALLINT>(time.second);
      std::memcpy(t.buffer, &d, sizeof d);
      set_length(t, sizeof d);
      return fixed_done(pieces, nullptr);
    }
  }
  return convert_value(meta, v, t, pieces);
}

}  // namespace

ColumnConversion choose_conversion(const ColumnMeta& meta, SQLSMALLINT c_type) noexcept {
  ColumnConversion conversion;
  conversion.asked = c_type;
  conversion.c_type = c_type == SQL_C_DEFAULT ? meta.default_c_type : c_type;
  conversion.octet_size = c_type_octet_size(conversion.c_type);
  conversion.convert = &convert_value;
  const bool numeric = meta.kind == ValueKind::integer || meta.kind == ValueKind::decimal ||
                       meta.kind == ValueKind::floating;
  switch (conversion.c_type) {
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
      if (numeric) conversion.convert = &integer_to<signed char>;
      break;
    case SQL_C_UTINYINT:
      if (numeric) conversion.convert = &integer_to<unsigned char>;
      break;
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
      if (numeric) conversion.convert = &integer_to<SQLSMALLINT>;
      break;
    case SQL_C_USHORT:
      if (numeric) conversion.convert = &integer_to<SQLUSMALLINT>;
      break;
    case SQL_C_LONG:
    case SQL_C_SLONG:
      if (numeric) conversion.convert = &integer_to<SQLINTEGER>;
      break;
    case SQL_C_ULONG:
      if (numeric) conversion.convert = &integer_to<SQLUINTEGER>;
      break;
    case SQL_C_SBIGINT:
      if (numeric) conversion.convert = &integer_to<SQLBIGINT>;
      break;
    case SQL_C_UBIGINT:
      if (numeric) conversion.convert = &integer_to<SQLUBIGINT>;
      break;
    case SQL_C_DOUBLE:
      if (numeric) conversion.convert = &double_from_text;
      break;
    case SQL_C_CHAR:
      // Not binary (hex digits), BIT (a number made of bytes) nor dates and times (whose
      // text must fit whole, or 22003): their text is copied as it is.
      if (meta.kind == ValueKind::text || numeric) conversion.convert = &chars_from_text;
      break;
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
      if (meta.kind == ValueKind::datetime) conversion.convert = &timestamp_from_datetime;
      break;
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
      if (meta.kind == ValueKind::date) conversion.convert = &date_from_date;
      break;
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
      if (meta.kind == ValueKind::time) conversion.convert = &time_from_time;
      break;
    default: break;
  }
  return conversion;
}

const char* conversion_name(const ColumnConversion& conversion) noexcept {
  const ColumnConversion::Fn f = conversion.convert;
  if (f == &chars_from_text) return "chars";
  if (f == &double_from_text) return "double";
  if (f == &timestamp_from_datetime) return "timestamp";
  if (f == &date_from_date) return "date";
  if (f == &time_from_time) return "time";
  if (f == &convert_value) return "generic";
  return "integer";
}

}  // namespace holdfast
