// Native values of the binary protocol (core/native_value.h): their text is the text the
// server's text protocol sends, and every conversion of a native value (fast or generic)
// writes exactly what convert_value writes for that text.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/convert_plan.h"
#include "core/native_value.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

ColumnMeta column(ValueKind kind, enum_field_types type, unsigned decimals = 0) {
  ColumnMeta m;
  m.kind = kind;
  m.mysql_type = type;
  m.decimals = decimals;
  return m;
}

NativeCell integer(long long n) {
  NativeCell c{};
  c.integer = n;
  return c;
}
NativeCell unsigned_integer(unsigned long long n) {
  NativeCell c{};
  c.unsigned_integer = n;
  return c;
}
NativeCell real(double d) {
  NativeCell c{};
  c.real = d;
  return c;
}
NativeCell time_of(unsigned year, unsigned month, unsigned day, unsigned hour, unsigned minute, unsigned second,
                   unsigned long micro = 0, bool neg = false) {
  NativeCell c{};
  c.time.year = year;
  c.time.month = month;
  c.time.day = day;
  c.time.hour = hour;
  c.time.minute = minute;
  c.time.second = second;
  c.time.second_part = micro;
  c.time.neg = neg;
  return c;
}

SourceValue native(const NativeCell& cell, NativeKind kind) {
  return SourceValue{reinterpret_cast<const char*>(&cell), sizeof cell, false, kind};
}

std::string text_of(const ColumnMeta& meta, const SourceValue& v) {
  char room[kNativeTextRoom];
  const SourceValue t = native_as_text(meta, v, room);
  REQUIRE(t.native == NativeKind::none);
  return std::string(t.data, t.length);
}

std::string double_text(double d) {
  char out[64];
  return std::string(out, render_double(d, out));
}

struct Outcome {
  std::string bytes;
  SQLLEN length = -99;
  SQLRETURN rc = -99;
  std::string warning;
  std::string error;
  bool operator==(const Outcome& o) const {
    return bytes == o.bytes && length == o.length && rc == o.rc && warning == o.warning && error == o.error;
  }
};

Outcome run(ColumnConversion::Fn f, const ColumnMeta& meta, const SourceValue& v, SQLSMALLINT c_type,
            SQLLEN buffer_length, PieceState* pieces = nullptr) {
  Outcome o;
  unsigned char buffer[64];
  std::memset(buffer, 0xAB, sizeof buffer);
  CellTarget t{c_type, buffer, buffer_length, &o.length, &o.length};
  try {
    ConvertResult r = f(meta, v, t, pieces);
    o.rc = r.rc;
    o.warning = r.warning_sqlstate ? r.warning_sqlstate : "";
  } catch (const OdbcError& e) {
    o.error = e.sqlstate();
  }
  o.bytes.assign(reinterpret_cast<char*>(buffer), sizeof buffer);
  return o;
}

}  // namespace

TEST_CASE("doubles are written as the server writes a DOUBLE", "[unit][native_value]") {
  // Each text as the server sent it through the text protocol.
  CHECK(double_text(0.25) == "0.25");
  CHECK(double_text(0) == "0");
  CHECK(double_text(-0.0) == "0");
  CHECK(double_text(100) == "100");
  CHECK(double_text(1e15) == "1e15");
  CHECK(double_text(1e14) == "100000000000000");
  CHECK(double_text(123456789012345678.0) == "1.2345678901234568e17");
  CHECK(double_text(1234567890123456.7) == "1234567890123456.8");
  CHECK(double_text(123456789012345.0) == "123456789012345");
  CHECK(double_text(1234567890123456.0) == "1.234567890123456e15");
  CHECK(double_text(0.1 + 0.2) == "0.30000000000000004");
  CHECK(double_text(1.0 / 3) == "0.3333333333333333");
  CHECK(double_text(1e-4) == "0.0001");
  CHECK(double_text(1.23e-7) == "0.000000123");
  CHECK(double_text(-2.5e-10) == "-0.00000000025");
  CHECK(double_text(1e-15) == "0.000000000000001");
  CHECK(double_text(1.5e-15) == "0.0000000000000015");
  CHECK(double_text(-1.2345678901234567e-14) == "-0.000000000000012345678901234567");
  CHECK(double_text(1e-16) == "1e-16");
  CHECK(double_text(1.2345678901234567e-16) == "1.2345678901234568e-16");
  CHECK(double_text(1e300) == "1e300");
  CHECK(double_text(1.7976931348623157e308) == "1.7976931348623157e308");
  CHECK(double_text(5e-324) == "5e-324");
}

TEST_CASE("native integers, dates and times are written as the text protocol sends them", "[unit][native_value]") {
  const ColumnMeta big = column(ValueKind::integer, MYSQL_TYPE_LONGLONG);
  CHECK(text_of(big, native(integer(-9223372036854775807LL - 1), NativeKind::integer)) == "-9223372036854775808");
  CHECK(text_of(big, native(unsigned_integer(18446744073709551615ULL), NativeKind::unsigned_integer)) ==
        "18446744073709551615");
  const ColumnMeta year = column(ValueKind::integer, MYSQL_TYPE_YEAR);
  CHECK(text_of(year, native(unsigned_integer(0), NativeKind::unsigned_integer)) == "0000");
  CHECK(text_of(year, native(unsigned_integer(2024), NativeKind::unsigned_integer)) == "2024");

  const ColumnMeta date = column(ValueKind::date, MYSQL_TYPE_DATE);
  CHECK(text_of(date, native(time_of(2024, 2, 29, 0, 0, 0), NativeKind::time)) == "2024-02-29");
  CHECK(text_of(date, native(time_of(0, 0, 0, 0, 0, 0), NativeKind::time)) == "0000-00-00");
  const ColumnMeta dt6 = column(ValueKind::datetime, MYSQL_TYPE_DATETIME, 6);
  CHECK(text_of(dt6, native(time_of(2001, 9, 9, 1, 46, 40, 123456), NativeKind::time)) ==
        "2001-09-09 01:46:40.123456");
  CHECK(text_of(dt6, native(time_of(0, 0, 0, 0, 0, 0), NativeKind::time)) == "0000-00-00 00:00:00.000000");
  const ColumnMeta ts0 = column(ValueKind::datetime, MYSQL_TYPE_TIMESTAMP);
  CHECK(text_of(ts0, native(time_of(1970, 1, 1, 0, 0, 1), NativeKind::time)) == "1970-01-01 00:00:01");
  const ColumnMeta t3 = column(ValueKind::time, MYSQL_TYPE_TIME, 3);
  CHECK(text_of(t3, native(time_of(0, 0, 0, 838, 59, 59, 500000, true), NativeKind::time)) == "-838:59:59.500");
  CHECK(text_of(t3, native(time_of(0, 0, 34, 22, 59, 59, 500000, true), NativeKind::time)) == "-838:59:59.500");
  const ColumnMeta t0 = column(ValueKind::time, MYSQL_TYPE_TIME);
  CHECK(text_of(t0, native(time_of(0, 0, 0, 0, 0, 1, 0, true), NativeKind::time)) == "-00:00:01");
  CHECK(text_of(t0, native(time_of(0, 0, 0, 100, 0, 0), NativeKind::time)) == "100:00:00");
  // NULL and text pass through.
  char room[kNativeTextRoom];
  CHECK(native_as_text(big, SourceValue{}, room).is_null);
  const char* text = "12";
  CHECK(native_as_text(big, SourceValue{text, 2, false}, room).data == text);
}

TEST_CASE("every conversion of a native value writes what convert_value writes for its text",
          "[unit][native_value]") {
  struct Case {
    ColumnMeta meta;
    NativeCell cell;
    NativeKind kind;
  };
  const std::vector<Case> values = {
      {column(ValueKind::integer, MYSQL_TYPE_LONG), integer(0), NativeKind::integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONG), integer(-7), NativeKind::integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONG), integer(-2147483648LL), NativeKind::integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONGLONG), integer(-9223372036854775807LL - 1), NativeKind::integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONGLONG), integer(9007199254740993LL), NativeKind::integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONG), unsigned_integer(4000000000u), NativeKind::unsigned_integer},
      {column(ValueKind::integer, MYSQL_TYPE_LONGLONG), unsigned_integer(18446744073709551615ULL),
       NativeKind::unsigned_integer},
      {column(ValueKind::integer, MYSQL_TYPE_TINY), unsigned_integer(255), NativeKind::unsigned_integer},
      {column(ValueKind::integer, MYSQL_TYPE_YEAR), unsigned_integer(0), NativeKind::unsigned_integer},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(0.25), NativeKind::real},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(-0.0), NativeKind::real},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(-1e300), NativeKind::real},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(1.2345678901234567e-16), NativeKind::real},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(3e9), NativeKind::real},
      {column(ValueKind::floating, MYSQL_TYPE_DOUBLE, 31), real(-12.75), NativeKind::real},
      {column(ValueKind::date, MYSQL_TYPE_DATE), time_of(2024, 2, 29, 0, 0, 0), NativeKind::time},
      {column(ValueKind::date, MYSQL_TYPE_DATE), time_of(0, 0, 0, 0, 0, 0), NativeKind::time},
      {column(ValueKind::date, MYSQL_TYPE_DATE), time_of(2024, 2, 0, 0, 0, 0), NativeKind::time},
      {column(ValueKind::date, MYSQL_TYPE_DATE), time_of(0, 1, 1, 0, 0, 0), NativeKind::time},
      {column(ValueKind::datetime, MYSQL_TYPE_DATETIME, 6), time_of(2001, 9, 9, 1, 46, 40, 123456), NativeKind::time},
      {column(ValueKind::datetime, MYSQL_TYPE_DATETIME, 6), time_of(0, 0, 0, 0, 0, 0), NativeKind::time},
      {column(ValueKind::datetime, MYSQL_TYPE_DATETIME, 2), time_of(1999, 12, 31, 23, 59, 59, 990000),
       NativeKind::time},
      {column(ValueKind::datetime, MYSQL_TYPE_TIMESTAMP), time_of(2038, 1, 19, 3, 14, 7), NativeKind::time},
      {column(ValueKind::datetime, MYSQL_TYPE_DATETIME), time_of(2024, 3, 1, 0, 0, 0), NativeKind::time},
      {column(ValueKind::time, MYSQL_TYPE_TIME), time_of(0, 0, 0, 23, 59, 58), NativeKind::time},
      {column(ValueKind::time, MYSQL_TYPE_TIME, 3), time_of(0, 0, 0, 838, 59, 59, 500000, true), NativeKind::time},
      {column(ValueKind::time, MYSQL_TYPE_TIME, 6), time_of(0, 0, 0, 10, 0, 0, 1), NativeKind::time},
      {column(ValueKind::time, MYSQL_TYPE_TIME), time_of(0, 0, 0, 25, 0, 0), NativeKind::time},
      {column(ValueKind::time, MYSQL_TYPE_TIME), time_of(0, 0, 0, 0, 0, 1, 0, true), NativeKind::time},
  };
  const std::vector<SQLSMALLINT> c_types = {
      SQL_C_CHAR,     SQL_C_WCHAR,    SQL_C_SLONG,          SQL_C_ULONG,     SQL_C_SBIGINT,  SQL_C_UBIGINT,
      SQL_C_SSHORT,   SQL_C_USHORT,   SQL_C_STINYINT,       SQL_C_UTINYINT,  SQL_C_DOUBLE,   SQL_C_FLOAT,
      SQL_C_NUMERIC,  SQL_C_BIT,      SQL_C_TYPE_TIMESTAMP, SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_BINARY,
      SQL_C_DEFAULT,  SQL_C_INTERVAL_HOUR_TO_SECOND};
  for (const Case& c : values) {
    const SourceValue v = native(c.cell, c.kind);
    const std::string text = text_of(c.meta, v);
    const SourceValue as_text{text.data(), static_cast<unsigned long>(text.size()), false};
    for (const SQLSMALLINT c_type : c_types) {
      for (const SQLLEN buffer_length : {SQLLEN{64}, SQLLEN{5}, SQLLEN{2}}) {
        const ColumnConversion conversion = choose_conversion(c.meta, c_type);
        INFO("text " << text << ", C type " << c_type << ", buffer " << buffer_length << ", "
                     << conversion_name(conversion));
        CHECK(run(conversion.convert, c.meta, v, c_type, buffer_length) ==
              run(&convert_value, c.meta, as_text, c_type, buffer_length));
        // SQLGetData in pieces: the second call goes on where the first stopped.
        PieceState native_pieces, text_pieces;
        run(conversion.convert, c.meta, v, c_type, buffer_length, &native_pieces);
        run(&convert_value, c.meta, as_text, c_type, buffer_length, &text_pieces);
        CHECK(run(conversion.convert, c.meta, v, c_type, buffer_length, &native_pieces) ==
              run(&convert_value, c.meta, as_text, c_type, buffer_length, &text_pieces));
      }
    }
  }
}

TEST_CASE("the conversions of native columns are chosen once per C type", "[unit][native_value]") {
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::date, MYSQL_TYPE_DATE), SQL_C_TYPE_DATE))) ==
        "date");
  CHECK(std::string(conversion_name(choose_conversion(column(ValueKind::time, MYSQL_TYPE_TIME), SQL_C_TYPE_TIME))) ==
        "time");
  CHECK(std::string(conversion_name(
            choose_conversion(column(ValueKind::datetime, MYSQL_TYPE_DATETIME), SQL_C_TYPE_DATE))) == "generic");
}
