// Dates and times as text to SQL_DATE_STRUCT, SQL_TIME_STRUCT, SQL_TIMESTAMP_STRUCT, and
// GUID text to SQLGUID.
#include <cstring>
#include <ctime>

#include "core/convert_detail.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Reads min..max digits at s[i]; false when fewer than min.
bool read_digits(std::string_view s, size_t& i, size_t min, size_t max, unsigned& value) {
  const size_t start = i;
  value = 0;
  while (i < s.size() && i - start < max && is_digit(s[i])) value = value * 10 + (s[i++] - '0');
  return i - start >= min;
}

bool expect(std::string_view s, size_t& i, char c) {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

// "H..H:MM:SS[.f...]" (the sign was already read).
bool parse_time_part(std::string_view s, size_t& i, size_t max_hour_digits, DateTimeParts& out) {
  unsigned h, m, sec;
  if (!read_digits(s, i, 1, max_hour_digits, h) || !expect(s, i, ':') ||
      !read_digits(s, i, 1, 2, m) || !expect(s, i, ':') || !read_digits(s, i, 1, 2, sec)) {
    return false;
  }
  out.has_time = true;
  out.hour = h;
  out.minute = m;
  out.second = sec;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t n = 0;
    unsigned long ns = 0;
    for (; i < s.size() && is_digit(s[i]); ++i, ++n) {
      if (n < 9) {
        ns = ns * 10 + static_cast<unsigned long>(s[i] - '0');
      } else if (s[i] != '0') {
        out.fraction_truncated = true;
      }
    }
    for (; n < 9; ++n) ns *= 10;
    out.fraction_ns = ns;
  }
  return true;
}

bool parse_plain(std::string_view s, DateTimeParts& out) {
  size_t i = 0;
  if (expect(s, i, '-')) {  // only a TIME can be negative
    out.negative = true;
    return parse_time_part(s, i, 3, out) && i == s.size();
  }
  size_t j = 0;
  while (j < s.size() && is_digit(s[j])) ++j;
  if (j < s.size() && s[j] == ':') return parse_time_part(s, i, 3, out) && i == s.size();
  unsigned y, m, d;
  if (!read_digits(s, i, 4, 4, y) || !expect(s, i, '-') || !read_digits(s, i, 1, 2, m) ||
      !expect(s, i, '-') || !read_digits(s, i, 1, 2, d)) {
    return false;
  }
  out.has_date = true;
  out.year = static_cast<int>(y);
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  if (i == s.size()) return true;
  if (s[i] != ' ' && s[i] != 'T') return false;
  ++i;
  return parse_time_part(s, i, 2, out) && i == s.size();
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

[[noreturn]] void throw_invalid_datetime() {
  throw OdbcError("22007", "Invalid datetime format");
}
[[noreturn]] void throw_invalid_cast() {
  throw OdbcError("22018", "Invalid character value for cast specification");
}

}  // namespace

bool parse_datetime(std::string_view text, DateTimeParts& out) noexcept {
  out = DateTimeParts{};
  std::string_view s = trim(text);
  if (s.empty()) return false;
  if (s.front() != '{') return parse_plain(s, out);

  // ODBC escape: {d 'date'}, {t 'time'}, {ts 'timestamp'}.
  s.remove_prefix(1);
  s = trim(s);
  size_t k = 0;
  while (k < s.size() && s[k] != ' ' && s[k] != '\'') ++k;
  const std::string_view kind = s.substr(0, k);
  s = trim(s.substr(k));
  if (s.size() < 3 || s.front() != '\'' || s.back() != '}') return false;
  s.remove_suffix(1);
  s = trim(s);
  if (s.size() < 2 || s.back() != '\'') return false;
  const std::string_view inner = s.substr(1, s.size() - 2);
  if (!parse_plain(inner, out)) return false;
  auto eq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if ((a[i] | 0x20) != b[i]) return false;
    }
    return true;
  };
  if (eq(kind, "d")) return out.has_date && !out.has_time;
  if (eq(kind, "t")) return out.has_time && !out.has_date;
  if (eq(kind, "ts")) return out.has_date && out.has_time;
  return false;
}

namespace convert_detail {
namespace {

template <class T>
void store(const CellTarget& t, const T& value) {
  std::memcpy(t.buffer, &value, sizeof value);
  set_length(t, sizeof value);
}

void current_date(SQLSMALLINT& year, SQLUSMALLINT& month, SQLUSMALLINT& day) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  year = static_cast<SQLSMALLINT>(tm.tm_year + 1900);
  month = static_cast<SQLUSMALLINT>(tm.tm_mon + 1);
  day = static_cast<SQLUSMALLINT>(tm.tm_mday);
}

}  // namespace

ConvertResult datetime_text_to_c(std::string_view text, bool from_text, SQLSMALLINT c_type,
                                 const CellTarget& t, PieceState* pieces) {
  DateTimeParts p;
  if (!parse_datetime(text, p)) {
    if (from_text) throw_invalid_cast();
    throw_invalid_datetime();
  }
  // MySQL zero dates (0000-00-00) are not valid ODBC dates: they read as SQL NULL.
  if (p.has_date && p.year == 0 && p.month == 0 && p.day == 0) return put_null(t, pieces);
  if (p.has_date && (p.month < 1 || p.month > 12 || p.day < 1 || p.day > days_in_month(p.year, p.month))) {
    throw_invalid_datetime();
  }
  if (p.has_time && (p.minute > 59 || p.second > 59)) throw_invalid_datetime();
  // ODBC times are within one day; MySQL TIME values can be negative or exceed 24 hours.
  const bool time_in_day = !p.negative && p.hour <= 23;

  switch (c_type) {
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE: {
      if (!p.has_date) throw_invalid_cast();
      SQL_DATE_STRUCT d{static_cast<SQLSMALLINT>(p.year), static_cast<SQLUSMALLINT>(p.month),
                        static_cast<SQLUSMALLINT>(p.day)};
      const bool time_dropped = p.has_time && (p.hour != 0 || p.minute != 0 || p.second != 0 ||
                                               p.fraction_ns != 0 || p.fraction_truncated);
      store(t, d);
      return fixed_done(pieces, time_dropped ? "01S07" : nullptr);
    }
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME: {
      if (!p.has_time) throw_invalid_cast();
      if (!time_in_day) throw_invalid_datetime();
      SQL_TIME_STRUCT tm{static_cast<SQLUSMALLINT>(p.hour), static_cast<SQLUSMALLINT>(p.minute),
                         static_cast<SQLUSMALLINT>(p.second)};
      store(t, tm);
      return fixed_done(pieces, p.fraction_ns != 0 || p.fraction_truncated ? "01S07" : nullptr);
    }
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP: {
      SQL_TIMESTAMP_STRUCT ts;
      std::memset(&ts, 0, sizeof ts);
      if (p.has_time && !time_in_day) throw_invalid_datetime();
      if (p.has_date) {
        ts.year = static_cast<SQLSMALLINT>(p.year);
        ts.month = static_cast<SQLUSMALLINT>(p.month);
        ts.day = static_cast<SQLUSMALLINT>(p.day);
      } else {
        current_date(ts.year, ts.month, ts.day);
      }
      ts.hour = static_cast<SQLUSMALLINT>(p.hour);
      ts.minute = static_cast<SQLUSMALLINT>(p.minute);
      ts.second = static_cast<SQLUSMALLINT>(p.second);
      ts.fraction = static_cast<SQLUINTEGER>(p.fraction_ns);
      store(t, ts);
      return fixed_done(pieces, p.fraction_truncated ? "01S07" : nullptr);
    }
    default:
      throw OdbcError("07006", "Restricted data type attribute violation");
  }
}

ConvertResult guid_text_to_c(std::string_view text, const CellTarget& t, PieceState* pieces) {
  std::string_view s = trim(text);
  if (s.size() == 38 && s.front() == '{' && s.back() == '}') s = s.substr(1, 36);
  if (s.size() != 36) throw_invalid_cast();
  unsigned char bytes[16];
  size_t n = 0;
  for (size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') throw_invalid_cast();
      ++i;
      continue;
    }
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int hi = nibble(s[i]);
    const int lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) throw_invalid_cast();
    bytes[n++] = static_cast<unsigned char>(hi * 16 + lo);
    i += 2;
  }
  SQLGUID g;
  g.Data1 = (static_cast<unsigned>(bytes[0]) << 24) | (static_cast<unsigned>(bytes[1]) << 16) |
            (static_cast<unsigned>(bytes[2]) << 8) | bytes[3];
  g.Data2 = static_cast<decltype(g.Data2)>((bytes[4] << 8) | bytes[5]);
  g.Data3 = static_cast<decltype(g.Data3)>((bytes[6] << 8) | bytes[7]);
  std::memcpy(g.Data4, bytes + 8, 8);
  store(t, g);
  return fixed_done(pieces, nullptr);
}

}  // namespace convert_detail
}  // namespace holdfast
