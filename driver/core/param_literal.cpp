#include "core/param_literal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/odbc_error.h"
#include "core/unicode.h"

namespace holdfast {

namespace {

// ---- classification ----

bool is_char_sql_type(SQLSMALLINT t) noexcept {
  switch (t) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
      return true;
    default:
      return false;
  }
}


bool is_interval_type(SQLSMALLINT t) noexcept {
  return (t >= SQL_INTERVAL_YEAR && t <= SQL_INTERVAL_MINUTE_TO_SECOND);
}

// ODBC appendix D, "Default C Data Types".
SQLSMALLINT default_c_type(SQLSMALLINT sql_type) {
  switch (sql_type) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_DECIMAL:
    case SQL_NUMERIC:
      return SQL_C_CHAR;
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
      return SQL_C_WCHAR;
    case SQL_BIT:
      return SQL_C_BIT;
    case SQL_TINYINT:
      return SQL_C_STINYINT;
    case SQL_SMALLINT:
      return SQL_C_SSHORT;
    case SQL_INTEGER:
      return SQL_C_SLONG;
    case SQL_BIGINT:
      return SQL_C_SBIGINT;
    case SQL_REAL:
      return SQL_C_FLOAT;
    case SQL_FLOAT:
    case SQL_DOUBLE:
      return SQL_C_DOUBLE;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
      return SQL_C_BINARY;
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME:
    case SQL_TIME:
      return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID:
      return SQL_C_GUID;
    default:
      if (is_interval_type(sql_type)) {
        throw OdbcError("07006", "Interval parameters are not supported");
      }
      throw OdbcError("HY004", "SQL_C_DEFAULT with SQL data type " + std::to_string(sql_type) +
                                   " has no default C type");
  }
}

bool is_data_at_exec(SQLLEN ind) noexcept {
  return ind == SQL_DATA_AT_EXEC || ind <= SQL_LEN_DATA_AT_EXEC_OFFSET;
}

template <typename T>
T load(const void* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);  // application buffers need not be aligned (bind offsets)
  return v;
}

// Byte length of a character or binary value: the indicator, or up to the terminator
// when it is SQL_NTS (or there is no indicator), never past buffer_length when that is set.
std::size_t value_length(const ParamSource& p, bool wide) {
  const SQLLEN ind = p.str_len_or_ind != nullptr ? load<SQLLEN>(p.str_len_or_ind) : SQL_NTS;
  if (ind >= 0) return static_cast<std::size_t>(ind);
  if (ind != SQL_NTS) {
    throw OdbcError("HY090", "Invalid string or buffer length " + std::to_string(ind) + " for a parameter");
  }
  const std::size_t limit = p.buffer_length > 0 ? static_cast<std::size_t>(p.buffer_length) : SIZE_MAX;
  if (!wide) {
    const auto* s = static_cast<const char*>(p.value);
    std::size_t n = 0;
    while (n < limit && s[n] != '\0') ++n;
    return n;
  }
  const auto* w = static_cast<const unsigned char*>(p.value);
  std::size_t n = 0;
  while (n + 1 < limit && (w[n] != 0 || w[n + 1] != 0)) n += 2;
  return n;
}

// ---- numbers ----

void append_quoted_if(std::string& out, std::string_view text, bool quote) {
  if (quote) out.push_back('\'');
  out.append(text);
  if (quote) out.push_back('\'');
}

template <typename T>
void append_integer(std::string& out, T v, bool quote) {
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  append_quoted_if(out, std::string_view(buf.data(), static_cast<std::size_t>(r.ptr - buf.data())), quote);
}

template <typename F>
void append_floating(std::string& out, F v, bool quote) {
  if (!std::isfinite(v)) throw OdbcError("22003", "Numeric value out of range: NaN or infinity");
  std::array<char, 40> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);  // shortest round-trip form
  std::string_view text(buf.data(), static_cast<std::size_t>(r.ptr - buf.data()));
  if (quote) {
    append_quoted_if(out, text, true);
    return;
  }
  out.append(text);
  // An exponent makes the literal a DOUBLE, as the bound value is (not an exact DECIMAL).
  if (text.find('e') == std::string_view::npos) out.append("e0");
}

// [+|-] (digits [. digits] | . digits) [e [+|-] digits], surrounding spaces allowed.
std::string_view number_text(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::size_t i = 0;
  const auto digits = [&]() {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return {};
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return {};
  }
  return i == s.size() ? s : std::string_view{};
}

// Character data bound to a numeric SQL type goes unquoted (so "LIMIT ?" works), and
// must therefore be a number.
void append_number_text(std::string& out, std::string_view s) {
  const std::string_view n = number_text(s);
  if (n.empty()) throw OdbcError("22018", "Invalid character value for cast specification");
  out.append(n);
}

void append_numeric_struct(std::string& out, const SQL_NUMERIC_STRUCT& n, bool quote) {
  // 128-bit little-endian magnitude -> decimal digits, by long division in 32-bit limbs.
  std::array<std::uint32_t, 4> limbs{};
  for (std::size_t i = 0; i < 16; ++i) limbs[i / 4] |= static_cast<std::uint32_t>(n.val[i]) << (8 * (i % 4));
  std::array<char, 40> rev{};
  std::size_t nd = 0;
  bool nonzero = true;
  while (nonzero) {
    std::uint64_t rem = 0;
    nonzero = false;
    for (std::size_t k = limbs.size(); k-- > 0;) {
      const std::uint64_t cur = (rem << 32) | limbs[k];
      limbs[k] = static_cast<std::uint32_t>(cur / 10);
      rem = cur % 10;
      nonzero = nonzero || limbs[k] != 0;
    }
    rev[nd++] = static_cast<char>('0' + rem);
  }
  const bool is_zero = nd == 1 && rev[0] == '0';
  if (quote) out.push_back('\'');
  if (n.sign == 0 && !is_zero) out.push_back('-');
  const int scale = n.scale;
  if (scale <= 0) {
    for (std::size_t k = nd; k-- > 0;) out.push_back(rev[k]);
    if (!is_zero) out.append(static_cast<std::size_t>(-scale), '0');
  } else {
    const auto s = static_cast<std::size_t>(scale);
    if (nd <= s) {
      out.append("0.");
      out.append(s - nd, '0');
      for (std::size_t k = nd; k-- > 0;) out.push_back(rev[k]);
    } else {
      for (std::size_t k = nd; k-- > 0;) {
        out.push_back(rev[k]);
        if (k == s) out.push_back('.');
      }
    }
  }
  if (quote) out.push_back('\'');
}

// ---- dates and times ----

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(int y, unsigned m, unsigned d) noexcept {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y == 0 && m == 0 && d == 0) return true;  // MySQL's zero date, accepted as sent
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && is_leap(y) ? 1u : 0u);
}

bool valid_time(unsigned h, unsigned mi, unsigned s) noexcept { return h <= 23 && mi <= 59 && s <= 59; }

[[noreturn]] void bad_datetime(SQLSMALLINT sql_type) {
  // Appendix D: into a character SQL type an invalid value is 22008, into a datetime one 22007.
  if (is_char_sql_type(sql_type)) throw OdbcError("22008", "Datetime field overflow: not a valid date or time");
  throw OdbcError("22007", "Invalid datetime format: not a valid date or time");
}

void put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + (v / 10) % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

void put_date(std::string& out, int y, unsigned m, unsigned d) {
  const auto uy = static_cast<unsigned>(y);
  put2(out, uy / 100);
  put2(out, uy % 100);
  out.push_back('-');
  put2(out, m);
  out.push_back('-');
  put2(out, d);
}

void put_time(std::string& out, unsigned h, unsigned mi, unsigned s) {
  put2(out, h);
  out.push_back(':');
  put2(out, mi);
  out.push_back(':');
  put2(out, s);
}

bool is_date_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_DATE || t == SQL_DATE; }
bool is_time_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_TIME || t == SQL_TIME; }
bool is_timestamp_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_TIMESTAMP || t == SQL_TIMESTAMP; }

void append_date(std::string& out, const DATE_STRUCT& d, SQLSMALLINT sql_type) {
  if (!valid_date(d.year, d.month, d.day)) bad_datetime(sql_type);
  out.push_back('\'');
  put_date(out, d.year, d.month, d.day);
  out.push_back('\'');
}

void append_time(std::string& out, const TIME_STRUCT& t, SQLSMALLINT sql_type) {
  if (!valid_time(t.hour, t.minute, t.second)) bad_datetime(sql_type);
  // Into a timestamp, the date is today's (appendix D, "C to SQL: Time").
  const bool today = is_timestamp_sql(sql_type);
  if (today) out.append("TIMESTAMP(CURRENT_DATE(), ");
  out.push_back('\'');
  put_time(out, t.hour, t.minute, t.second);
  out.push_back('\'');
  if (today) out.push_back(')');
}

// A day-time interval as '[-]HH[H]:MM:SS[.ffffff]' (MySQL TIME): the fields of the C type
// (c_type) are read, from its leading field down; days fold into hours. The fraction is in
// microseconds (fractional seconds precision 6, the default).
void append_interval(std::string& out, const SQL_INTERVAL_STRUCT& v, SQLSMALLINT c_type) {
  const auto& f = v.intval.day_second;
  const auto overflow = [] { throw OdbcError("22015", "Interval field overflow"); };
  const bool day = c_type == SQL_C_INTERVAL_DAY || c_type == SQL_C_INTERVAL_DAY_TO_HOUR ||
                   c_type == SQL_C_INTERVAL_DAY_TO_MINUTE || c_type == SQL_C_INTERVAL_DAY_TO_SECOND;
  const bool hour = c_type == SQL_C_INTERVAL_HOUR || c_type == SQL_C_INTERVAL_DAY_TO_HOUR ||
                    c_type == SQL_C_INTERVAL_DAY_TO_MINUTE || c_type == SQL_C_INTERVAL_DAY_TO_SECOND ||
                    c_type == SQL_C_INTERVAL_HOUR_TO_MINUTE || c_type == SQL_C_INTERVAL_HOUR_TO_SECOND;
  const bool minute = c_type == SQL_C_INTERVAL_MINUTE || c_type == SQL_C_INTERVAL_DAY_TO_MINUTE ||
                      c_type == SQL_C_INTERVAL_DAY_TO_SECOND || c_type == SQL_C_INTERVAL_HOUR_TO_MINUTE ||
                      c_type == SQL_C_INTERVAL_HOUR_TO_SECOND || c_type == SQL_C_INTERVAL_MINUTE_TO_SECOND;
  const bool second = c_type == SQL_C_INTERVAL_SECOND || c_type == SQL_C_INTERVAL_DAY_TO_SECOND ||
                      c_type == SQL_C_INTERVAL_HOUR_TO_SECOND || c_type == SQL_C_INTERVAL_MINUTE_TO_SECOND;
  if (v.interval_sign != SQL_FALSE && v.interval_sign != SQL_TRUE) overflow();
  // Fields below the leading one are bounded; the leading one is not (but the sum is).
  const bool lead_hour = !day;
  const bool lead_minute = lead_hour && !hour;
  const bool lead_second = lead_minute && !minute;
  if ((hour && !lead_hour && f.hour > 23) || (minute && !lead_minute && f.minute > 59) ||
      (second && !lead_second && f.second > 59) || (second && f.fraction > 999'999))
    overflow();
  std::uint64_t total = 0;  // seconds; each field is 32 bits, so no wrap
  if (day) total += std::uint64_t{f.day} * 86'400;
  if (hour) total += std::uint64_t{f.hour} * 3'600;
  if (minute) total += std::uint64_t{f.minute} * 60;
  if (second) total += f.second;
  const unsigned fraction = second ? f.fraction : 0;
  if (total > 838u * 3'600 + 59 * 60 + 59) overflow();  // MySQL TIME range
  const auto h = static_cast<unsigned>(total / 3'600);
  out.push_back('\'');
  if (v.interval_sign == SQL_TRUE && (total != 0 || fraction != 0)) out.push_back('-');
  if (h >= 100) out.push_back(static_cast<char>('0' + h / 100));
  put_time(out, h % 100, static_cast<unsigned>(total / 60 % 60), static_cast<unsigned>(total % 60));
  if (fraction != 0) {
    std::array<char, 7> digits{};
    unsigned rest = fraction;
    for (int i = 6; i >= 1; --i) {
      digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + rest % 10);
      rest /= 10;
    }
    digits[0] = '.';
    out.append(digits.data(), digits.size());
  }
  out.push_back('\'');
}

void append_timestamp(std::string& out, const TIMESTAMP_STRUCT& ts, const ParamSource& p) {
  const SQLSMALLINT sql_type = p.sql_type;
  const bool time_only = is_time_sql(sql_type);  // the date fields are ignored
  if ((!time_only && !valid_date(ts.year, ts.month, ts.day)) || !valid_time(ts.hour, ts.minute, ts.second) ||
      ts.fraction > 999'999'999u) {
    bad_datetime(sql_type);
  }
  if (is_date_sql(sql_type)) {
    if (ts.hour != 0 || ts.minute != 0 || ts.second != 0 || ts.fraction != 0) {
      throw OdbcError("22008", "Datetime field overflow: the time fields of a date parameter are not zero");
    }
    out.push_back('\'');
    put_date(out, ts.year, ts.month, ts.day);
    out.push_back('\'');
    return;
  }
  // Fractional digits the target keeps: DecimalDigits for a time or timestamp SQL type.
  int keep = 9;
  if (time_only || is_timestamp_sql(sql_type)) keep = std::clamp<int>(p.decimal_digits, 0, 9);
  std::uint32_t frac = ts.fraction;
  static constexpr std::array<std::uint32_t, 10> kPow10{1,      10,      100,      1000,      10000,
                                                        100000, 1000000, 10000000, 100000000, 1000000000};
  if (frac % kPow10[static_cast<std::size_t>(9 - keep)] != 0) {
    throw OdbcError("22008", "Datetime field overflow: fractional seconds exceed the parameter's precision");
  }
  out.push_back('\'');
  if (!time_only) {
    put_date(out, ts.year, ts.month, ts.day);
    out.push_back(' ');
  }
  put_time(out, ts.hour, ts.minute, ts.second);
  if (frac != 0) {
    std::array<char, 9> digits{};
    for (std::size_t k = 9; k-- > 0;) {
      digits[k] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    std::size_t len = 9;
    while (digits[len - 1] == '0') --len;
    out.push_back('.');
    out.append(digits.data(), len);
  }
  out.push_back('\'');
}

void append_guid(std::string& out, const SQLGUID& g, bool /*quote: always a string*/) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto hex = [&](std::uint64_t v, int nibbles) {
    for (int k = nibbles - 1; k >= 0; --k) out.push_back(kHex[(v >> (4 * k)) & 0xF]);
  };
  out.push_back('\'');
  hex(g.Data1, 8);
  out.push_back('-');
  hex(g.Data2, 4);
  out.push_back('-');
  hex(g.Data3, 4);
  out.push_back('-');
  hex(g.Data4[0], 2);
  hex(g.Data4[1], 2);
  out.push_back('-');
  for (std::size_t k = 2; k < 8; ++k) hex(g.Data4[k], 2);
  out.push_back('\'');
}

void append_literal(std::string& out, const ParamSource& p, const LiteralOptions& o) {
  if (p.str_len_or_ind != nullptr) {
    const SQLLEN ind = load<SQLLEN>(p.str_len_or_ind);
    if (ind == SQL_NULL_DATA) {
      out.append("NULL");
      return;
    }
    if (ind == SQL_DEFAULT_PARAM) {
      out.append("DEFAULT");
      return;
    }
    if (is_data_at_exec(ind)) {
      throw OdbcError("HY000", "Data-at-execution parameter without its data");
    }
  }
  const SQLSMALLINT c_type = p.c_type == SQL_C_DEFAULT ? default_c_type(p.sql_type) : p.c_type;
  if (p.value == nullptr) throw OdbcError("HY009", "Invalid use of null pointer: parameter value");
  const bool q = is_char_sql_type(p.sql_type);  // numbers into character types are strings

  switch (c_type) {
    case SQL_C_CHAR: {
      const std::string_view s(static_cast<const char*>(p.value), value_length(p, false));
      if (is_numeric_sql_type(p.sql_type)) append_number_text(out, s);
      else append_quoted_string(out, s, o);
      return;
    }
    case SQL_C_WCHAR: {
      const std::size_t units = value_length(p, true) / sizeof(SQLWCHAR);
      if (units > static_cast<std::size_t>(INT32_MAX)) throw OdbcError("HY090", "Parameter too long");
      const std::string utf8 =
          utf16_to_utf8(static_cast<const SQLWCHAR*>(p.value), static_cast<SQLINTEGER>(units));
      if (is_numeric_sql_type(p.sql_type)) {
        append_number_text(out, utf8);
        return;
      }
      // The text is UTF-8 whatever the connection's character set: say so.
      if (o.charset != SqlCharset::utf8) out.append("_utf8mb4");
      append_quoted_string(out, utf8, o);
      return;
    }
    case SQL_C_BINARY:
      append_hex_literal(out, std::string_view(static_cast<const char*>(p.value), value_length(p, false)));
      return;
    case SQL_C_BIT: {
      const auto b = load<unsigned char>(p.value);
      if (b > 1) throw OdbcError("22003", "Numeric value out of range: SQL_C_BIT must be 0 or 1");
      append_quoted_if(out, b != 0 ? "1" : "0", q);
      return;
    }
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
      append_integer(out, static_cast<int>(load<signed char>(p.value)), q);
      return;
    case SQL_C_UTINYINT:
      append_integer(out, static_cast<unsigned>(load<unsigned char>(p.value)), q);
      return;
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
      append_integer(out, static_cast<int>(load<SQLSMALLINT>(p.value)), q);
      return;
    case SQL_C_USHORT:
      append_integer(out, static_cast<unsigned>(load<SQLUSMALLINT>(p.value)), q);
      return;
    case SQL_C_LONG:
    case SQL_C_SLONG:
      append_integer(out, load<SQLINTEGER>(p.value), q);
      return;
    case SQL_C_ULONG:
      append_integer(out, load<SQLUINTEGER>(p.value), q);
      return;
    case SQL_C_SBIGINT:
      append_integer(out, load<SQLBIGINT>(p.value), q);
      return;
    case SQL_C_UBIGINT:
      append_integer(out, load<SQLUBIGINT>(p.value), q);
      return;
    case SQL_C_DOUBLE:
      append_floating(out, load<SQLDOUBLE>(p.value), q);
      return;
    case SQL_C_FLOAT:
      append_floating(out, load<SQLREAL>(p.value), q);
      return;
    case SQL_C_NUMERIC:
      append_numeric_struct(out, load<SQL_NUMERIC_STRUCT>(p.value), q);
      return;
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
      append_date(out, load<DATE_STRUCT>(p.value), p.sql_type);
      return;
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
      append_time(out, load<TIME_STRUCT>(p.value), p.sql_type);
      return;
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
      append_timestamp(out, load<TIMESTAMP_STRUCT>(p.value), p);
      return;
    case SQL_C_GUID:
      append_guid(out, load<SQLGUID>(p.value), q);
      return;
    case SQL_C_INTERVAL_DAY:
    case SQL_C_INTERVAL_HOUR:
    case SQL_C_INTERVAL_MINUTE:
    case SQL_C_INTERVAL_SECOND:
    case SQL_C_INTERVAL_DAY_TO_HOUR:
    case SQL_C_INTERVAL_DAY_TO_MINUTE:
    case SQL_C_INTERVAL_DAY_TO_SECOND:
    case SQL_C_INTERVAL_HOUR_TO_MINUTE:
    case SQL_C_INTERVAL_HOUR_TO_SECOND:
    case SQL_C_INTERVAL_MINUTE_TO_SECOND:
      if (!is_time_sql(p.sql_type) && !is_char_sql_type(p.sql_type))
        throw OdbcError("07006", "Day-time interval parameters go to TIME or character types only");
      append_interval(out, load<SQL_INTERVAL_STRUCT>(p.value), c_type);
      return;
    default:
      if (c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND) {
        throw OdbcError("07006", "Year-month interval parameters are not supported");
      }
      throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  }
}

}  // namespace

bool is_numeric_sql_type(SQLSMALLINT t) noexcept {
  switch (t) {
    case SQL_TINYINT:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
    case SQL_DECIMAL:
    case SQL_NUMERIC:
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
    case SQL_BIT:
      return true;
    default:
      return false;
  }
}

SQLSMALLINT param_default_c_type(SQLSMALLINT sql_type) { return default_c_type(sql_type); }

void append_quoted_string(std::string& out, std::string_view bytes, const LiteralOptions& o) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  const bool mb = charset_is_east_asian_mb(o.charset);
  const bool backslash = !o.no_backslash_escapes;
  out.push_back('\'');
  std::size_t run = 0;  // start of the bytes not yet copied
  const auto flush = [&](std::size_t upto) { out.append(bytes.data() + run, upto - run); };
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (mb && c >= 0x80) {
      const std::size_t l = mb_char_length(o.charset, s + i, n - i);
      if (l != 0) {
        i += l;  // a whole character, copied as is even if its trail byte is 0x5C
        continue;
      }
      if (backslash && is_mb_lead_byte(o.charset, c)) {
        // A lead byte that starts no character: escape it, so that it cannot pair with
        // the backslash of the next escape into a character of its own. The server reads
        // "\<lead>" as that one byte (a backslash takes one byte, not a character; see
        // SqlLexer::quoted). Observed on MariaDB 10.11.19, gbk, the value BF 27 ("\xBF'"):
        //   escaped 27 5C BF 5C 27 27 ('\<BF>\'') reads back as BF27; the charset-blind
        //   27 BF 5C 27 27 ('<BF>\'') is the character BF5C, then the quote closes.
        flush(i);
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
        run = ++i;
        continue;
      }
      ++i;
      continue;
    }
    char rep = 0;
    if (!backslash) {
      if (c == '\'') rep = '\'';
    } else {
      switch (c) {
        case '\0': rep = '0'; break;
        case '\n': rep = 'n'; break;
        case '\r': rep = 'r'; break;
        case 0x1A: rep = 'Z'; break;
        case '\\':
        case '\'':
        case '"': rep = static_cast<char>(c); break;
        default: break;
      }
    }
    if (rep != 0) {
      flush(i);
      out.push_back(backslash ? '\\' : '\'');
      out.push_back(rep);
      run = i + 1;
    }
    ++i;
  }
  flush(n);
  out.push_back('\'');
}

void append_hex_literal(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.append("X'");
  const std::size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  char* d = out.data() + at;
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    *d++ = kHex[b >> 4];
    *d++ = kHex[b & 0xF];
  }
  out.push_back('\'');
}

void append_param_literal(std::string& out, const ParamSource& p, const LiteralOptions& options) {
  const std::size_t start = out.size();
  try {
    append_literal(out, p, options);
  } catch (...) {
    out.resize(start);
    throw;
  }
}

std::size_t param_literal_size_bound(const ParamSource& p) noexcept {
  try {
    if (p.str_len_or_ind != nullptr) {
      const SQLLEN ind = load<SQLLEN>(p.str_len_or_ind);
      if (ind == SQL_NULL_DATA || ind == SQL_DEFAULT_PARAM) return 7;
      if (is_data_at_exec(ind)) return 0;
    }
    if (p.value == nullptr) return 0;
    const SQLSMALLINT c = p.c_type == SQL_C_DEFAULT ? default_c_type(p.sql_type) : p.c_type;
    switch (c) {
      case SQL_C_CHAR:
        return 2 * value_length(p, false) + 2;
      case SQL_C_WCHAR:  // <= 3 UTF-8 bytes a unit, each at most doubled by escaping
        return 3 * value_length(p, true) + 12;
      case SQL_C_BINARY:
        return 2 * value_length(p, false) + 3;
      case SQL_C_NUMERIC:
        return 48 + 128;  // 39 digits, sign, point, and up to 127 zeros for a negative scale
      default:
        return 64;  // numbers, dates, GUIDs
    }
  } catch (...) {
    return 0;  // the real conversion reports the error
  }
}

std::string interpolate(std::string_view sql, const std::vector<std::size_t>& marker_offsets,
                        const LiteralProducer& produce, std::size_t literal_bytes_hint) {
  std::string out;
  out.reserve(sql.size() + literal_bytes_hint);
  std::size_t prev = 0;
  for (std::size_t i = 0; i < marker_offsets.size(); ++i) {
    const std::size_t at = marker_offsets[i];
    if (at < prev || at >= sql.size() || sql[at] != '?') {
      throw OdbcError("HY000", "Internal error: parameter marker offset " + std::to_string(at) + " is not a marker");
    }
    out.append(sql.data() + prev, at - prev);
    produce(i, out);
    prev = at + 1;
  }
  out.append(sql.data() + prev, sql.size() - prev);
  return out;
}

std::string interpolate_params(std::string_view sql, const std::vector<std::size_t>& marker_offsets,
                               std::span<const ParamSource> params, const LiteralOptions& options) {
  if (params.size() < marker_offsets.size()) {
    throw OdbcError("07002", "COUNT field incorrect: " + std::to_string(marker_offsets.size()) +
                                 " parameter markers, " + std::to_string(params.size()) + " parameters bound");
  }
  std::size_t hint = 0;
  for (std::size_t i = 0; i < marker_offsets.size(); ++i) hint += param_literal_size_bound(params[i]);
  return interpolate(
      sql, marker_offsets,
      [&](std::size_t i, std::string& out) { append_param_literal(out, params[i], options); }, hint);
}

}  // namespace holdfast
