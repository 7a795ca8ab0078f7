// convert_value into the numeric C types, and numbers into character and binary targets.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <limits>
#include <vector>

#include "convert_test_support.h"

using namespace holdfast;
using namespace holdfast::test;

namespace {

// Converts `text` of column `m` to the integer C type and returns the value or the SQLSTATE.
struct IntCase {
  const char* text;
  SQLSMALLINT c_type;
  long long expected;      // when state is "" or "01S07"
  const char* state;       // "", "01S07", "22003", "22018"
};

long long read_int(SQLSMALLINT c_type, const void* p) {
  switch (c_type) {
    case SQL_C_STINYINT:
    case SQL_C_TINYINT: return *static_cast<const signed char*>(p);
    case SQL_C_UTINYINT: return *static_cast<const unsigned char*>(p);
    case SQL_C_SSHORT:
    case SQL_C_SHORT: return *static_cast<const SQLSMALLINT*>(p);
    case SQL_C_USHORT: return *static_cast<const SQLUSMALLINT*>(p);
    case SQL_C_SLONG:
    case SQL_C_LONG: return *static_cast<const SQLINTEGER*>(p);
    case SQL_C_ULONG: return *static_cast<const SQLUINTEGER*>(p);
    case SQL_C_SBIGINT: return *static_cast<const SQLBIGINT*>(p);
    case SQL_C_BIT: return *static_cast<const unsigned char*>(p);
    default: return -999;
  }
}

SQLLEN size_of(SQLSMALLINT c_type) {
  switch (c_type) {
    case SQL_C_STINYINT:
    case SQL_C_TINYINT:
    case SQL_C_UTINYINT:
    case SQL_C_BIT: return 1;
    case SQL_C_SSHORT:
    case SQL_C_SHORT:
    case SQL_C_USHORT: return 2;
    case SQL_C_SLONG:
    case SQL_C_LONG:
    case SQL_C_ULONG: return 4;
    default: return 8;
  }
}

void run_int_cases(const ColumnMeta& m, const std::vector<IntCase>& cases) {
  for (const auto& c : cases) {
    INFO("text '" << c.text << "' c_type " << c.c_type);
    unsigned char buf[8];
    std::memset(buf, 0xEE, sizeof buf);
    SQLLEN ind = -7;
    CellTarget t;
    t.c_type = c.c_type;
    t.buffer = buf;
    t.length_ptr = &ind;
    t.indicator_ptr = &ind;
    const std::string expected_state = c.state;
    if (expected_state == "22003" || expected_state == "22018") {
      CHECK(sqlstate_of([&] { convert_value(m, src(c.text), t, nullptr); }) == expected_state);
      CHECK(ind == -7);  // nothing reported on error
      continue;
    }
    const ConvertResult r = convert_value(m, src(c.text), t, nullptr);
    CHECK(warning(r) == expected_state);
    CHECK(r.rc == (expected_state.empty() ? SQL_SUCCESS : SQL_SUCCESS_WITH_INFO));
    CHECK(read_int(c.c_type, buf) == c.expected);
    CHECK(ind == size_of(c.c_type));
    CHECK(buf[size_of(c.c_type) % 8] == (size_of(c.c_type) == 8 ? buf[0] : 0xEE));  // no overrun
  }
}

}  // namespace

TEST_CASE("Integers to integer C types: edges and range", "[unit][convert]") {
  const ColumnMeta m = meta_of(MYSQL_TYPE_LONGLONG);
  run_int_cases(m, {
      {"0", SQL_C_SLONG, 0, ""},
      {"-1", SQL_C_SLONG, -1, ""},
      {"2147483647", SQL_C_SLONG, 2147483647LL, ""},
      {"-2147483648", SQL_C_SLONG, -2147483648LL, ""},
      {"2147483648", SQL_C_SLONG, 0, "22003"},
      {"-2147483649", SQL_C_SLONG, 0, "22003"},
      {"2147483647", SQL_C_LONG, 2147483647LL, ""},
      {"4294967295", SQL_C_ULONG, 4294967295LL, ""},
      {"4294967296", SQL_C_ULONG, 0, "22003"},
      {"-1", SQL_C_ULONG, 0, "22003"},
      {"-0", SQL_C_ULONG, 0, ""},
      {"127", SQL_C_STINYINT, 127, ""},
      {"128", SQL_C_STINYINT, 0, "22003"},
      {"-128", SQL_C_STINYINT, -128, ""},
      {"-129", SQL_C_STINYINT, 0, "22003"},
      {"-128", SQL_C_TINYINT, -128, ""},
      {"255", SQL_C_UTINYINT, 255, ""},
      {"256", SQL_C_UTINYINT, 0, "22003"},
      {"-1", SQL_C_UTINYINT, 0, "22003"},
      {"32767", SQL_C_SSHORT, 32767, ""},
      {"-32768", SQL_C_SHORT, -32768, ""},
      {"32768", SQL_C_SSHORT, 0, "22003"},
      {"65535", SQL_C_USHORT, 65535, ""},
      {"65536", SQL_C_USHORT, 0, "22003"},
      {"9223372036854775807", SQL_C_SBIGINT, std::numeric_limits<long long>::max(), ""},
      {"-9223372036854775808", SQL_C_SBIGINT, std::numeric_limits<long long>::min(), ""},
      {"9223372036854775808", SQL_C_SBIGINT, 0, "22003"},
      {"-9223372036854775809", SQL_C_SBIGINT, 0, "22003"},
      {"99999999999999999999999", SQL_C_SBIGINT, 0, "22003"},
  });
}

TEST_CASE("SQL_C_UBIGINT keeps all 64 bits", "[unit][convert]") {
  const ColumnMeta m = meta_of(MYSQL_TYPE_LONGLONG, 20, UNSIGNED_FLAG);
  Fixed<SQLUBIGINT> u;
  convert_value(m, src("18446744073709551615"), u.target(SQL_C_UBIGINT), nullptr);
  CHECK(u.value == std::numeric_limits<SQLUBIGINT>::max());
  CHECK(u.ind == 8);
  CHECK(sqlstate_of([&] { convert_value(m, src("18446744073709551616"), u.target(SQL_C_UBIGINT), nullptr); }) == "22003");
  CHECK(sqlstate_of([&] { convert_value(m, src("-1"), u.target(SQL_C_UBIGINT), nullptr); }) == "22003");
}

TEST_CASE("Decimals and doubles to integers: fractional truncation", "[unit][convert]") {
  run_int_cases(meta_of(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2), {
      {"12.50", SQL_C_SLONG, 12, "01S07"},
      {"12.00", SQL_C_SLONG, 12, ""},
      {"-12.99", SQL_C_SLONG, -12, "01S07"},
      {"-0.50", SQL_C_ULONG, 0, "01S07"},
      {"255.99", SQL_C_UTINYINT, 255, "01S07"},
      {"256.00", SQL_C_UTINYINT, 0, "22003"},
      {"1.5", SQL_C_SLONG, 1, "01S07"},
  });
  run_int_cases(meta_of(MYSQL_TYPE_DOUBLE, 22, 0, 31), {
      {"1e3", SQL_C_SLONG, 1000, ""},
      {"1.5e1", SQL_C_SLONG, 15, ""},
      {"1.25e1", SQL_C_SLONG, 12, "01S07"},
      {"-2.5E-1", SQL_C_SSHORT, 0, "01S07"},
      {"1e300", SQL_C_SBIGINT, 0, "22003"},
      {"1e400", SQL_C_SLONG, 0, "22003"},
      {"3e9", SQL_C_ULONG, 3000000000LL, ""},
      {"-3e9", SQL_C_SLONG, 0, "22003"},
  });
}

TEST_CASE("Text to integers: spaces, signs, garbage", "[unit][convert]") {
  run_int_cases(text_meta(), {
      {" 42 ", SQL_C_SLONG, 42, ""},
      {"+7", SQL_C_SLONG, 7, ""},
      {".5", SQL_C_SLONG, 0, "01S07"},
      {"5.", SQL_C_SLONG, 5, ""},
      {"abc", SQL_C_SLONG, 0, "22018"},
      {"", SQL_C_SLONG, 0, "22018"},
      {"12abc", SQL_C_SLONG, 0, "22018"},
      {"1 2", SQL_C_SLONG, 0, "22018"},
      {"-", SQL_C_SLONG, 0, "22018"},
      {"1e", SQL_C_SLONG, 0, "22018"},
      {"0x10", SQL_C_SLONG, 0, "22018"},
      {"inf", SQL_C_SLONG, 0, "22018"},
  });
}

TEST_CASE("SQL_C_BIT rules", "[unit][convert]") {
  run_int_cases(meta_of(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2), {
      {"0", SQL_C_BIT, 0, ""},
      {"1", SQL_C_BIT, 1, ""},
      {"1.00", SQL_C_BIT, 1, ""},
      {"0.5", SQL_C_BIT, 0, "01S07"},
      {"1.5", SQL_C_BIT, 1, "01S07"},
      {"2", SQL_C_BIT, 0, "22003"},
      {"-1", SQL_C_BIT, 0, "22003"},
      {"-0.5", SQL_C_BIT, 0, "22003"},
      {"-0", SQL_C_BIT, 0, ""},
  });
  run_int_cases(text_meta(), {{"x", SQL_C_BIT, 0, "22018"}});
}

TEST_CASE("BIT columns: big-endian bytes", "[unit][convert]") {
  const ColumnMeta bit1 = meta_of(MYSQL_TYPE_BIT, 1, UNSIGNED_FLAG);
  const ColumnMeta bit16 = meta_of(MYSQL_TYPE_BIT, 16, UNSIGNED_FLAG);
  const ColumnMeta bit64 = meta_of(MYSQL_TYPE_BIT, 64, UNSIGNED_FLAG);

  Fixed<unsigned char> b;
  convert_value(bit1, src(std::string_view("\x01", 1)), b.target(SQL_C_BIT), nullptr);
  CHECK(b.value == 1);
  convert_value(bit1, src(std::string_view("\x00", 1)), b.target(SQL_C_DEFAULT), nullptr);
  CHECK(b.value == 0);
  CHECK(b.ind == 1);
  CHECK(sqlstate_of([&] { convert_value(bit16, src(std::string_view("\x00\x02", 2)), b.target(SQL_C_BIT), nullptr); }) == "22003");

  Fixed<SQLINTEGER> i;
  convert_value(bit16, src(std::string_view("\x01\x02", 2)), i.target(SQL_C_SLONG), nullptr);
  CHECK(i.value == 258);
  CHECK(sqlstate_of([&] { convert_value(bit64, src(std::string_view("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8)), i.target(SQL_C_SLONG), nullptr); }) == "22003");
  Fixed<SQLUBIGINT> u;
  convert_value(bit64, src(std::string_view("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8)), u.target(SQL_C_UBIGINT), nullptr);
  CHECK(u.value == std::numeric_limits<SQLUBIGINT>::max());

  char buf[8];
  SQLLEN len = 0;
  CellTarget t;
  t.c_type = SQL_C_CHAR;
  t.buffer = buf;
  t.buffer_length = sizeof buf;
  t.length_ptr = &len;
  convert_value(bit1, src(std::string_view("\x01", 1)), t, nullptr);
  CHECK(std::string(buf) == "1");
  convert_value(bit16, src(std::string_view("\x01\x02", 2)), t, nullptr);
  CHECK(std::string(buf) == "258");
  CHECK(len == 3);
  // BIT(1) to SQL_C_CHAR with a one-byte buffer is 22003 (no room for the digit).
  t.buffer_length = 1;
  CHECK(sqlstate_of([&] { convert_value(bit1, src(std::string_view("\x01", 1)), t, nullptr); }) == "22003");

  // SQL_C_BINARY gives the raw bytes; SQL_C_DEFAULT for BIT(16) is binary.
  t.c_type = SQL_C_DEFAULT;
  t.buffer_length = sizeof buf;
  convert_value(bit16, src(std::string_view("\x01\x02", 2)), t, nullptr);
  CHECK(len == 2);
  CHECK(std::memcmp(buf, "\x01\x02", 2) == 0);

  Fixed<double> d;
  convert_value(bit16, src(std::string_view("\x01\x00", 2)), d.target(SQL_C_DOUBLE), nullptr);
  CHECK(d.value == 256.0);
}

TEST_CASE("Numbers to SQL_C_DOUBLE and SQL_C_FLOAT", "[unit][convert]") {
  const ColumnMeta dbl = meta_of(MYSQL_TYPE_DOUBLE, 22, 0, 31);
  Fixed<double> d;
  auto r = convert_value(dbl, src("1.5e-7"), d.target(SQL_C_DOUBLE), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(d.value == 1.5e-7);
  CHECK(d.ind == 8);
  convert_value(dbl, src("-1.7976931348623157e308"), d.target(SQL_C_DEFAULT), nullptr);
  CHECK(d.value == -DBL_MAX);
  convert_value(dbl, src("1e-400"), d.target(SQL_C_DOUBLE), nullptr);  // underflow: 0
  CHECK(d.value == 0.0);
  convert_value(meta_of(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2), src("12.50"), d.target(SQL_C_DOUBLE), nullptr);
  CHECK(d.value == 12.5);
  convert_value(text_meta(), src(" +3 "), d.target(SQL_C_DOUBLE), nullptr);
  CHECK(d.value == 3.0);
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("1e400"), d.target(SQL_C_DOUBLE), nullptr); }) == "22003");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("nan"), d.target(SQL_C_DOUBLE), nullptr); }) == "22018");
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("1.2.3"), d.target(SQL_C_DOUBLE), nullptr); }) == "22018");

  Fixed<float> f;
  r = convert_value(meta_of(MYSQL_TYPE_FLOAT, 12, 0, 31), src("3.25"), f.target(SQL_C_DEFAULT), nullptr);
  CHECK(r.rc == SQL_SUCCESS);
  CHECK(f.value == 3.25f);
  CHECK(f.ind == 4);
  CHECK(sqlstate_of([&] { convert_value(dbl, src("1e39"), f.target(SQL_C_FLOAT), nullptr); }) == "22003");
  convert_value(dbl, src("1e38"), f.target(SQL_C_FLOAT), nullptr);
  CHECK(f.value == Approx(1e38f));
}

namespace {

std::string numeric_val_hex(const SQL_NUMERIC_STRUCT& n) {
  std::string s;
  for (int i = 15; i >= 0; --i) {
    static const char* digits = "0123456789abcdef";
    s += digits[n.val[i] >> 4];
    s += digits[n.val[i] & 15];
  }
  // strip leading zeros for readability
  const size_t first = s.find_first_not_of('0');
  return first == std::string::npos ? "0" : s.substr(first);
}

}  // namespace

TEST_CASE("SQL_C_NUMERIC contents", "[unit][convert]") {
  const ColumnMeta dec = meta_of(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2);
  struct Row {
    const char* text;
    SQLSMALLINT precision, scale;
    const char* val_hex;  // little-endian val as a big hex number
    int sign;
    const char* state;
  };
  const std::vector<Row> rows = {
      {"12.34", 10, 2, "4d2", 1, ""},          // 1234
      {"-12.34", 10, 2, "4d2", 0, ""},
      {"12.34", 10, 0, "c", 1, "01S07"},        // 12, fraction dropped
      {"12.34", 10, 3, "3034", 1, ""},          // 12340
      {"12.345", 10, 2, "4d2", 1, "01S07"},
      {"0", 5, 0, "0", 1, ""},
      {"-0.00", 5, 2, "0", 1, ""},              // negative zero has sign 1
      {"255", 3, 0, "ff", 1, ""},
      {"1000", 3, 0, "", 1, "22003"},           // 4 digits > precision 3
      {"999.99", 5, 2, "1869f", 1, ""},         // 99999
      {"999.99", 4, 2, "", 1, "22003"},
      {"18446744073709551616", 38, 0, "10000000000000000", 1, ""},  // 2^64
      {"99999999999999999999999999999999999999", 38, 0, "4b3b4ca85a86c47a098a223fffffffff", 1, ""},
      {"1e3", 10, 0, "3e8", 1, ""},
      {"1.5e-1", 10, 2, "f", 1, ""},
      {"0.001", 10, 2, "0", 1, "01S07"},
  };
  for (const auto& r : rows) {
    INFO(r.text << " precision " << r.precision << " scale " << r.scale);
    Fixed<SQL_NUMERIC_STRUCT> n;
    CellTarget t = n.target(SQL_C_NUMERIC);
    t.numeric_precision = r.precision;
    t.numeric_scale = r.scale;
    const std::string state = r.state;
    if (state == "22003") {
      CHECK(sqlstate_of([&] { convert_value(dec, src(r.text), t, nullptr); }) == "22003");
      continue;
    }
    const ConvertResult res = convert_value(dec, src(r.text), t, nullptr);
    CHECK(warning(res) == state);
    CHECK(numeric_val_hex(n.value) == r.val_hex);
    CHECK(n.value.sign == r.sign);
    CHECK(n.value.precision == r.precision);
    CHECK(n.value.scale == r.scale);
    CHECK(n.ind == static_cast<SQLLEN>(sizeof(SQL_NUMERIC_STRUCT)));
  }
  // Defaults: precision 38, scale 0.
  Fixed<SQL_NUMERIC_STRUCT> n;
  CellTarget t = n.target(SQL_C_NUMERIC);
  convert_value(dec, src("7.9"), t, nullptr);
  CHECK(n.value.precision == 38);
  CHECK(n.value.scale == 0);
  CHECK(n.value.val[0] == 7);
  CHECK(sqlstate_of([&] { convert_value(text_meta(), src("x"), t, nullptr); }) == "22018");
}

TEST_CASE("Numbers to SQL_C_CHAR: whole digits must fit", "[unit][convert]") {
  const ColumnMeta dec = meta_of(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2);
  char buf[16];
  SQLLEN len = 0;
  CellTarget t;
  t.c_type = SQL_C_CHAR;
  t.buffer = buf;
  t.length_ptr = &len;

  t.buffer_length = 16;
  CHECK(convert_value(dec, src("-123.45"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(std::string(buf) == "-123.45");
  CHECK(len == 7);

  t.buffer_length = 6;  // "-123." fits, fraction truncated
  auto r = convert_value(dec, src("-123.45"), t, nullptr);
  CHECK(warning(r) == "01004");
  CHECK(std::string(buf) == "-123.");
  CHECK(len == 7);

  t.buffer_length = 5;  // whole part "-123" needs 4 + NUL
  r = convert_value(dec, src("-123.45"), t, nullptr);
  CHECK(warning(r) == "01004");
  CHECK(std::string(buf) == "-123");

  t.buffer_length = 4;
  CHECK(sqlstate_of([&] { convert_value(dec, src("-123.45"), t, nullptr); }) == "22003");

  const ColumnMeta integer = meta_of(MYSQL_TYPE_LONG, 11);
  t.buffer_length = 3;
  CHECK(sqlstate_of([&] { convert_value(integer, src("123"), t, nullptr); }) == "22003");
  t.buffer_length = 4;
  CHECK(convert_value(integer, src("123"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(std::string(buf) == "123");

  // With an exponent the whole text must fit.
  const ColumnMeta dbl = meta_of(MYSQL_TYPE_DOUBLE, 22, 0, 31);
  t.buffer_length = 7;
  CHECK(sqlstate_of([&] { convert_value(dbl, src("1.5e+20"), t, nullptr); }) == "22003");
  t.buffer_length = 8;
  CHECK(convert_value(dbl, src("1.5e+20"), t, nullptr).rc == SQL_SUCCESS);

  // SQL_C_WCHAR counts characters.
  SQLWCHAR w[8];
  t.c_type = SQL_C_WCHAR;
  t.buffer = w;
  t.buffer_length = 4 * sizeof(SQLWCHAR);
  CHECK(convert_value(integer, src("123"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(w[0] == '1');
  CHECK(w[3] == 0);
  CHECK(len == 6);
  t.buffer_length = 3 * sizeof(SQLWCHAR);
  CHECK(sqlstate_of([&] { convert_value(integer, src("123"), t, nullptr); }) == "22003");

  // Default C type of DECIMAL is SQL_C_CHAR.
  t.c_type = SQL_C_DEFAULT;
  t.buffer = buf;
  t.buffer_length = sizeof buf;
  convert_value(dec, src("10.25"), t, nullptr);
  CHECK(std::string(buf) == "10.25");
}

TEST_CASE("Numbers to SQL_C_BINARY: their text, whole or 22003", "[unit][convert]") {
  const ColumnMeta integer = meta_of(MYSQL_TYPE_LONG, 11);
  char buf[8];
  SQLLEN len = 0;
  CellTarget t;
  t.c_type = SQL_C_BINARY;
  t.buffer = buf;
  t.buffer_length = 3;
  t.length_ptr = &len;
  CHECK(convert_value(integer, src("123"), t, nullptr).rc == SQL_SUCCESS);
  CHECK(std::memcmp(buf, "123", 3) == 0);
  CHECK(len == 3);
  t.buffer_length = 2;
  CHECK(sqlstate_of([&] { convert_value(integer, src("123"), t, nullptr); }) == "22003");
}

TEST_CASE("Numbers do not convert to dates or GUIDs", "[unit][convert]") {
  Fixed<SQL_DATE_STRUCT> d;
  CHECK(sqlstate_of([&] { convert_value(meta_of(MYSQL_TYPE_LONG), src("1"), d.target(SQL_C_TYPE_DATE), nullptr); }) == "07006");
  Fixed<SQLGUID> g;
  CHECK(sqlstate_of([&] { convert_value(meta_of(MYSQL_TYPE_LONG), src("1"), g.target(SQL_C_GUID), nullptr); }) == "07006");
}

TEST_CASE("Fixed-size types in pieces: data once, then SQL_NO_DATA", "[unit][convert]") {
  const ColumnMeta m = meta_of(MYSQL_TYPE_LONG);
  PieceState p;
  Fixed<SQLINTEGER> i;
  CHECK(convert_value(m, src("5"), i.target(SQL_C_SLONG), &p).rc == SQL_SUCCESS);
  CHECK(i.value == 5);
  i.value = 0;
  CHECK(convert_value(m, src("5"), i.target(SQL_C_SLONG), &p).rc == SQL_NO_DATA);
  CHECK(i.value == 0);
  p.reset();
  CHECK(convert_value(m, src("6"), i.target(SQL_C_SLONG), &p).rc == SQL_SUCCESS);
  CHECK(i.value == 6);
}

TEST_CASE("parse_number and parse_double directly", "[unit][convert]") {
  ParsedNumber n;
  REQUIRE(parse_number("-00012.3400", n));
  CHECK(n.negative);
  CHECK(n.whole == 12);
  CHECK(n.fraction_nonzero);
  CHECK_FALSE(n.has_exponent);
  REQUIRE(parse_number("123456789012345678901234567890", n));
  CHECK(n.whole_overflow);
  REQUIRE(parse_number("2E+5", n));
  CHECK(n.has_exponent);
  CHECK_FALSE(parse_number(".", n));
  CHECK_FALSE(parse_number("e5", n));
  CHECK_FALSE(parse_number("--1", n));

  double d = 0;
  bool oor = false;
  const std::string tiny = "0." + std::string(400, '0') + "1";
  REQUIRE(parse_double(tiny, d, oor));
  CHECK_FALSE(oor);
  CHECK(d == 0.0);
  REQUIRE(parse_double("-1e999", d, oor));
  CHECK(oor);
  CHECK(std::isinf(d));
  CHECK(d < 0);
}
