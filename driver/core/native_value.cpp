#include "core/native_value.h"

#include <charconv>
#include <cstring>

namespace holdfast {
namespace {

// The decimals the server reports for a DOUBLE without a fixed scale (NOT_FIXED_DEC).
constexpr unsigned kFloatingDecimals = 31;
// The most fraction digits of a temporal value.
constexpr unsigned kMaxFractionDigits = 6;

char* put_digits(char* p, unsigned long long v, int width) noexcept {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

// "HH:MM:SS[.f]" (hours at least two digits) after the date part, if any.
char* put_time_of(char* p, unsigned long long hours, const MYSQL_TIME& t, unsigned decimals) noexcept {
  if (hours < 100) {
    p = put_digits(p, hours, 2);
  } else {
    p = std::to_chars(p, p + 20, hours).ptr;
  }
  *p++ = ':';
  p = put_digits(p, t.minute, 2);
  *p++ = ':';
  p = put_digits(p, t.second, 2);
  if (decimals > 0) {
    char micro[kMaxFractionDigits];
    put_digits(micro, t.second_part % 1000000, kMaxFractionDigits);
    *p++ = '.';
    std::memcpy(p, micro, decimals);
    p += decimals;
  }
  return p;
}

char* put_date(char* p, const MYSQL_TIME& t) noexcept {
  p = put_digits(p, t.year, 4);
  *p++ = '-';
  p = put_digits(p, t.month, 2);
  *p++ = '-';
  return put_digits(p, t.day, 2);
}

std::size_t render_time(const ColumnMeta& meta, const MYSQL_TIME& t, char* out) noexcept {
  const unsigned decimals = meta.decimals <= kMaxFractionDigits ? meta.decimals : kMaxFractionDigits;
  char* p = out;
  switch (meta.mysql_type) {
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE: p = put_date(p, t); break;
    case MYSQL_TYPE_TIME:
      if (t.neg) *p++ = '-';
      p = put_time_of(p, static_cast<unsigned long long>(t.day) * 24 + t.hour, t, decimals);
      break;
    default:
      p = put_date(p, t);
      *p++ = ' ';
      p = put_time_of(p, t.hour, t, decimals);
      break;
  }
  return static_cast<std::size_t>(p - out);
}

}  // namespace

NativeKind native_kind_for(const MYSQL_FIELD& field) noexcept {
  switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
      // ZEROFILL text is padded to the display width: kept as the server renders it.
      if ((field.flags & ZEROFILL_FLAG) != 0) return NativeKind::none;
      return (field.flags & UNSIGNED_FLAG) != 0 ? NativeKind::unsigned_integer : NativeKind::integer;
    case MYSQL_TYPE_YEAR: return NativeKind::unsigned_integer;
    case MYSQL_TYPE_DOUBLE:
      // DOUBLE(M,D) is written with exactly D decimals: kept as text.
      return field.decimals >= kFloatingDecimals ? NativeKind::real : NativeKind::none;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIME:
      return field.decimals <= kMaxFractionDigits ? NativeKind::time : NativeKind::none;
    default: return NativeKind::none;
  }
}

enum_field_types native_buffer_type(NativeKind kind, enum_field_types field_type) noexcept {
  switch (kind) {
    case NativeKind::integer:
    case NativeKind::unsigned_integer: return MYSQL_TYPE_LONGLONG;
    case NativeKind::real: return MYSQL_TYPE_DOUBLE;
    case NativeKind::time: return field_type;
    case NativeKind::none: break;
  }
  return MYSQL_TYPE_STRING;
}

std::size_t render_double(double value, char* out) noexcept {
  if (value == 0) {  // the server writes a negative zero as "0" too
    *out = '0';
    return 1;
  }
  // The shortest digits, in scientific form: "-d.ddde+XX".
  char sci[32];
  const auto r = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
  const char* p = sci;
  const char* const end = r.ptr;
  char* o = out;
  if (p != end && *p == '-') {
    *o++ = '-';
    ++p;
  }
  char digits[20];
  int len = 0;
  for (; p != end && *p != 'e'; ++p)
    if (*p != '.') digits[len++] = *p;
  int exponent = 0;
  if (p != end) std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exponent);
  const int point = exponent + 1;  // digits before the decimal point
  if (point >= -14 && (point <= 15 || len > point)) {
    if (point <= 0) {
      *o++ = '0';
      *o++ = '.';
      for (int i = point; i < 0; ++i) *o++ = '0';
      std::memcpy(o, digits, static_cast<std::size_t>(len));
      o += len;
    } else if (point < len) {
      std::memcpy(o, digits, static_cast<std::size_t>(point));
      o += point;
      *o++ = '.';
      std::memcpy(o, digits + point, static_cast<std::size_t>(len - point));
      o += len - point;
    } else {
      std::memcpy(o, digits, static_cast<std::size_t>(len));
      o += len;
      for (int i = len; i < point; ++i) *o++ = '0';
    }
  } else {
    *o++ = digits[0];
    if (len > 1) {
      *o++ = '.';
      std::memcpy(o, digits + 1, static_cast<std::size_t>(len - 1));
      o += len - 1;
    }
    *o++ = 'e';
    o = std::to_chars(o, o + 8, exponent).ptr;
  }
  return static_cast<std::size_t>(o - out);
}

SourceValue native_as_text(const ColumnMeta& meta, const SourceValue& value, char (&room)[kNativeTextRoom]) noexcept {
  if (value.native == NativeKind::none || value.is_null) return value;
  NativeCell cell;
  std::memcpy(&cell, value.data, value.native == NativeKind::time ? sizeof(MYSQL_TIME) : sizeof(long long));
  std::size_t length = 0;
  switch (value.native) {
    case NativeKind::integer:
      length = static_cast<std::size_t>(std::to_chars(room, room + kNativeTextRoom, cell.integer).ptr - room);
      break;
    case NativeKind::unsigned_integer:
      if (meta.mysql_type == MYSQL_TYPE_YEAR && cell.unsigned_integer < 10000) {
        put_digits(room, cell.unsigned_integer, 4);  // YEAR is written with four digits: "0000"
        length = 4;
      } else {
        length = static_cast<std::size_t>(std::to_chars(room, room + kNativeTextRoom, cell.unsigned_integer).ptr - room);
      }
      break;
    case NativeKind::real: length = render_double(cell.real, room); break;
    case NativeKind::time: length = render_time(meta, cell.time, room); break;
    case NativeKind::none: break;
  }
  return SourceValue{room, static_cast<unsigned long>(length), false};
}

}  // namespace holdfast
