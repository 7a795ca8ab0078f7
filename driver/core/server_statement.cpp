#include "core/server_statement.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/bulk_batch.h"
#include "core/unicode.h"

namespace holdfast {
namespace {

template <typename T>
T load(const void* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);  // application buffers need not be aligned (bind offsets)
  return v;
}

bool is_char_sql(SQLSMALLINT t) noexcept {
  return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR || t == SQL_WVARCHAR ||
         t == SQL_WLONGVARCHAR;
}
bool is_binary_sql(SQLSMALLINT t) noexcept { return t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY; }
// The numeric SQL types whose literal the server reads as a number (SQL_BIT excluded:
// its literal rules differ).
bool is_number_sql(SQLSMALLINT t) noexcept { return t != SQL_BIT && is_numeric_sql_type(t); }
bool is_date_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_DATE || t == SQL_DATE; }
bool is_time_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_TIME || t == SQL_TIME; }
bool is_timestamp_sql(SQLSMALLINT t) noexcept { return t == SQL_TYPE_TIMESTAMP || t == SQL_TIMESTAMP; }

bool is_leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
// A real calendar date (the zero date goes through the text path).
bool valid_date(int y, unsigned m, unsigned d) noexcept {
  static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && is_leap(y) ? 1u : 0u);
}
bool valid_time(unsigned h, unsigned mi, unsigned s) noexcept { return h <= 23 && mi <= 59 && s <= 59; }

// The text of a plain decimal number ([+-]digits[.digits], blanks around), or empty:
// exactly the numbers the text path would send as a DECIMAL literal.
std::string_view decimal_text(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::size_t i = 0, digits = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  // Past 60 digits the server's DECIMAL cannot hold it: the text path decides.
  if (digits == 0 || digits > 60 || i != s.size()) return {};
  return s;
}

// Bytes of a character or binary value; false for lengths the text path must judge.
bool value_bytes(const ParamSource& p, bool wide, std::size_t& out) noexcept {
  const SQLLEN ind = p.str_len_or_ind ? load<SQLLEN>(p.str_len_or_ind) : SQL_NTS;
  if (ind >= 0) {
    out = static_cast<std::size_t>(ind);
    return true;
  }
  if (ind != SQL_NTS) return false;
  const std::size_t limit = p.buffer_length > 0 ? static_cast<std::size_t>(p.buffer_length) : SIZE_MAX;
  const auto* s = static_cast<const unsigned char*>(p.value);
  std::size_t n = 0;
  if (!wide) {
    while (n < limit && s[n] != 0) ++n;
  } else {
    while (n + 1 < limit && (s[n] != 0 || s[n + 1] != 0)) n += 2;
  }
  out = n;
  return true;
}

constexpr std::array<std::uint32_t, 10> kPow10{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                               1000000000};

}  // namespace

ServerStatement::ServerStatement() = default;
ServerStatement::ServerStatement(unsigned param_count) : param_count_(param_count) {}

ServerStatement::~ServerStatement() {
  // Normally closed by Session::close_server; a handle of a closed link holds only memory.
  if (stmt_) mysql_stmt_close(stmt_);
}

BulkBatch& ServerStatement::bulk_batch() {
  if (!bulk_) bulk_ = std::make_unique<BulkBatch>();
  return *bulk_;
}

bool ServerStatement::bind(std::span<const ParamSource> params, const LiteralOptions& options,
                           std::size_t max_bytes) {
  if (params.size() < param_count_) return false;  // the text path reports 07002
  if (binds_.size() != param_count_) {
    binds_.resize(param_count_);
    slots_.resize(param_count_);
    binds_changed_ = true;
  }
  std::size_t total = 0;
  for (std::size_t k = 0; k < param_count_; ++k) {
    MYSQL_BIND& b = binds_[k];
    const enum_field_types type = b.buffer_type;
    const void* buffer = b.buffer;
    const my_bool is_unsigned = b.is_unsigned;
    std::memset(&b, 0, sizeof b);
    Slot& slot = slots_[k];
    slot.is_null = 0;
    if (k < long_data.size() && long_data[k]) {
      // Sent in pieces before the execution; unsent, it is the empty value (a buffer
      // that is not null: libmariadb sends a null buffer as NULL).
      slot.text.clear();
      slot.length = 0;
      b.is_null = &slot.is_null;
      b.length = &slot.length;
      b.buffer_type = long_data[k] == kLongBinary ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
      b.buffer = slot.text.data();
    } else if (!bind_param_value(params[k], options, b, slot)) {
      binds_changed_ = true;
      return false;
    }
    if (b.buffer_type != type || b.buffer != buffer || b.is_unsigned != is_unsigned) binds_changed_ = true;
    total += b.buffer_type == MYSQL_TYPE_NULL ? 0 : slot.length + 9;
  }
  return max_bytes == 0 || total + 64 < max_bytes;
}

unsigned char ServerStatement::long_data_kind(SQLSMALLINT c_type, SQLSMALLINT sql_type,
                                              const LiteralOptions& options) noexcept {
  const bool into_text = is_char_sql(sql_type), into_binary = is_binary_sql(sql_type);
  switch (c_type) {
    case SQL_C_CHAR: return into_text || into_binary ? kLongText : 0;
    case SQL_C_BINARY: return into_text || into_binary ? kLongBinary : 0;
    // Sent as UTF-8: right only when the connection speaks UTF-8.
    case SQL_C_WCHAR: return into_text && options.charset == SqlCharset::utf8 ? kLongText : 0;
    default: return 0;
  }
}

bool bind_param_value(const ParamSource& p, const LiteralOptions& options, MYSQL_BIND& b, ParamSlot& slot) {
  b.is_null = &slot.is_null;
  b.length = &slot.length;
  if (p.str_len_or_ind) {
    const SQLLEN ind = load<SQLLEN>(p.str_len_or_ind);
    if (ind == SQL_NULL_DATA) {
      b.buffer_type = MYSQL_TYPE_NULL;
      slot.is_null = 1;
      return true;
    }
    // DEFAULT, data-at-execution: the text path.
    if (ind == SQL_DEFAULT_PARAM || ind == SQL_DATA_AT_EXEC || ind <= SQL_LEN_DATA_AT_EXEC_OFFSET) return false;
  }
  if (!p.value) return false;
  const SQLSMALLINT sql = p.sql_type;
  const bool to_number = is_number_sql(sql);
  auto integer = [&](long long v, enum_field_types type, bool is_unsigned) {
    if (!to_number) return false;  // into text the literal is quoted: a string, not a number
    slot.fixed.i = v;
    b.buffer_type = type;
    b.buffer = &slot.fixed.i;
    b.is_unsigned = is_unsigned;
    slot.length = sizeof(long long);
    return true;
  };
  switch (p.c_type) {
    case SQL_C_LONG:
    case SQL_C_SLONG:
      return integer(load<SQLINTEGER>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_ULONG:
      return integer(load<SQLUINTEGER>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
      return integer(load<SQLSMALLINT>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_USHORT:
      return integer(load<SQLUSMALLINT>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
      return integer(load<signed char>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_UTINYINT:
      return integer(load<unsigned char>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_SBIGINT:
      return integer(load<SQLBIGINT>(p.value), MYSQL_TYPE_LONGLONG, false);
    case SQL_C_UBIGINT:
      return integer(static_cast<long long>(load<SQLUBIGINT>(p.value)), MYSQL_TYPE_LONGLONG, true);
    case SQL_C_BIT: {
      const auto v = load<unsigned char>(p.value);
      if (v > 1) return false;  // 22003 from the text path
      return integer(v, MYSQL_TYPE_LONGLONG, false);
    }
    case SQL_C_DOUBLE:
    case SQL_C_FLOAT: {
      if (!to_number) return false;
      double d;
      if (p.c_type == SQL_C_DOUBLE) {
        d = load<double>(p.value);
      } else {
        // The float's shortest decimal form read as a double: the value the text path's
        // literal gives (not the float's binary expansion).
        const float f = load<float>(p.value);
        if (!std::isfinite(f)) return false;
        std::array<char, 32> buf{};
        const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), f);
        if (std::from_chars(buf.data(), r.ptr, d).ec != std::errc()) return false;
      }
      if (!std::isfinite(d)) return false;  // 22003 from the text path
      slot.fixed.d = d;
      b.buffer_type = MYSQL_TYPE_DOUBLE;
      b.buffer = &slot.fixed.d;
      slot.length = sizeof(double);
      return true;
    }
    case SQL_C_CHAR: {
      std::size_t n = 0;
      if (!value_bytes(p, false, n)) return false;
      const char* data = static_cast<const char*>(p.value);
      if (to_number) {
        // A DECIMAL parameter: the server reads it as the text path's literal.
        const std::string_view text = decimal_text(std::string_view(data, n));
        if (text.empty()) return false;
        b.buffer_type = MYSQL_TYPE_NEWDECIMAL;
        b.buffer = const_cast<char*>(text.data());
        slot.length = static_cast<unsigned long>(text.size());
        return true;
      }
      if (sql == SQL_BIT || sql == SQL_GUID || (sql >= SQL_INTERVAL_YEAR && sql <= SQL_INTERVAL_MINUTE_TO_SECOND))
        return false;
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = const_cast<char*>(data);
      slot.length = static_cast<unsigned long>(n);
      return true;
    }
    case SQL_C_WCHAR: {
      // UTF-8 text is right only when the connection speaks UTF-8.
      if (to_number || options.charset != SqlCharset::utf8 || !is_char_sql(sql)) return false;
      std::size_t n = 0;
      if (!value_bytes(p, true, n) || n / sizeof(SQLWCHAR) > static_cast<std::size_t>(INT32_MAX)) return false;
      slot.text = utf16_to_utf8(static_cast<const SQLWCHAR*>(p.value), static_cast<SQLINTEGER>(n / sizeof(SQLWCHAR)));
      b.buffer_type = MYSQL_TYPE_STRING;
      b.buffer = slot.text.data();
      slot.length = static_cast<unsigned long>(slot.text.size());
      return true;
    }
    case SQL_C_BINARY: {
      if (!is_char_sql(sql) && !is_binary_sql(sql)) return false;
      std::size_t n = 0;
      if (!value_bytes(p, false, n)) return false;
      b.buffer_type = MYSQL_TYPE_BLOB;
      b.buffer = const_cast<void*>(p.value);
      slot.length = static_cast<unsigned long>(n);
      return true;
    }
    case SQL_C_DATE:
    case SQL_C_TYPE_DATE: {
      if (!is_date_sql(sql) && !is_timestamp_sql(sql)) return false;
      const auto d = load<DATE_STRUCT>(p.value);
      if (!valid_date(d.year, d.month, d.day)) return false;
      MYSQL_TIME& t = slot.fixed.t;
      t = MYSQL_TIME{};
      t.year = static_cast<unsigned>(d.year);
      t.month = d.month;
      t.day = d.day;
      t.time_type = MYSQL_TIMESTAMP_DATE;
      b.buffer_type = MYSQL_TYPE_DATE;
      b.buffer = &t;
      slot.length = sizeof(MYSQL_TIME);
      return true;
    }
    case SQL_C_TIME:
    case SQL_C_TYPE_TIME: {
      if (!is_time_sql(sql)) return false;
      const auto v = load<TIME_STRUCT>(p.value);
      if (!valid_time(v.hour, v.minute, v.second)) return false;
      MYSQL_TIME& t = slot.fixed.t;
      t = MYSQL_TIME{};
      t.hour = v.hour;
      t.minute = v.minute;
      t.second = v.second;
      t.time_type = MYSQL_TIMESTAMP_TIME;
      b.buffer_type = MYSQL_TYPE_TIME;
      b.buffer = &t;
      slot.length = sizeof(MYSQL_TIME);
      return true;
    }
    case SQL_C_TIMESTAMP:
    case SQL_C_TYPE_TIMESTAMP: {
      const auto ts = load<TIMESTAMP_STRUCT>(p.value);
      const bool date_only = is_date_sql(sql), time_only = is_time_sql(sql);
      if (!date_only && !time_only && !is_timestamp_sql(sql)) return false;
      if ((!time_only && !valid_date(ts.year, ts.month, ts.day)) || !valid_time(ts.hour, ts.minute, ts.second))
        return false;
      // Fractions finer than the parameter's digits (22008) or than microseconds: text path.
      const int keep = std::clamp<int>(p.decimal_digits, 0, 9);
      if (ts.fraction > 999'999'999u || ts.fraction % kPow10[static_cast<std::size_t>(9 - keep)] != 0 ||
          ts.fraction % 1000 != 0)
        return false;
      if (date_only && (ts.hour || ts.minute || ts.second || ts.fraction)) return false;
      MYSQL_TIME& t = slot.fixed.t;
      t = MYSQL_TIME{};
      if (!time_only) {
        t.year = static_cast<unsigned>(ts.year);
        t.month = ts.month;
        t.day = ts.day;
      }
      if (!date_only) {
        t.hour = ts.hour;
        t.minute = ts.minute;
        t.second = ts.second;
        t.second_part = ts.fraction / 1000;
      }
      t.time_type = date_only ? MYSQL_TIMESTAMP_DATE : time_only ? MYSQL_TIMESTAMP_TIME : MYSQL_TIMESTAMP_DATETIME;
      b.buffer_type = date_only ? MYSQL_TYPE_DATE : time_only ? MYSQL_TYPE_TIME : MYSQL_TYPE_DATETIME;
      b.buffer = &t;
      slot.length = sizeof(MYSQL_TIME);
      return true;
    }
    default:
      return false;  // SQL_C_DEFAULT, NUMERIC, GUID, intervals: the text path
  }
}

}  // namespace holdfast
