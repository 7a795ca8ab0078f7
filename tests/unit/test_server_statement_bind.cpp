// Parameter values as MYSQL_BINDs for a statement prepared on the server: what goes
// binary, with which value, and what is left to the text path (bind() answers false).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>

#include "core/server_statement.h"

using namespace holdfast;

namespace {

struct One {
  ServerStatement stmt{1};
  ParamSource p;
  SQLLEN ind = 0;
  bool bind(const LiteralOptions& options = {}, std::size_t max_bytes = 0) {
    p.str_len_or_ind = &ind;
    return stmt.bind(std::span<const ParamSource>(&p, 1), options, max_bytes);
  }
  const MYSQL_BIND& b() { return stmt.binds()[0]; }
  std::string text() { return std::string(static_cast<const char*>(b().buffer), *b().length); }
};

}  // namespace

TEST_CASE("integers bound to numeric SQL types go binary as 64-bit values", "[unit][server_prepare]") {
  One o;
  SQLUINTEGER u = 4294967295u;
  o.p = ParamSource{SQL_C_ULONG, SQL_INTEGER, 0, 0, &u, 0, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_LONGLONG);
  CHECK(*static_cast<const long long*>(o.b().buffer) == 4294967295LL);
  SQLUBIGINT big = UINT64_MAX;
  o.p = ParamSource{SQL_C_UBIGINT, SQL_BIGINT, 0, 0, &big, 0, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().is_unsigned);
  // Into a character type the text path quotes the number (a string): not binary.
  o.p = ParamSource{SQL_C_ULONG, SQL_VARCHAR, 0, 0, &u, 0, nullptr};
  CHECK_FALSE(o.bind());
  unsigned char bit = 2;
  o.p = ParamSource{SQL_C_BIT, SQL_TINYINT, 0, 0, &bit, 0, nullptr};
  CHECK_FALSE(o.bind());  // 22003 from the text path
}

TEST_CASE("a float goes as the double its shortest decimal form reads as", "[unit][server_prepare]") {
  One o;
  float f = 1.1f;
  o.p = ParamSource{SQL_C_FLOAT, SQL_DOUBLE, 0, 0, &f, 0, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_DOUBLE);
  CHECK(*static_cast<const double*>(o.b().buffer) == 1.1);
  double nan = std::nan("");
  o.p = ParamSource{SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &nan, 0, nullptr};
  CHECK_FALSE(o.bind());
}

TEST_CASE("character data: strings as is, numbers as DECIMAL text, the rest to the text path",
          "[unit][server_prepare]") {
  One o;
  char s[] = " 12.50 \0junk";
  o.ind = SQL_NTS;
  o.p = ParamSource{SQL_C_CHAR, SQL_DECIMAL, 10, 2, s, sizeof s, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_NEWDECIMAL);
  CHECK(o.text() == "12.50");
  char e[] = "1e3";
  o.p = ParamSource{SQL_C_CHAR, SQL_INTEGER, 10, 0, e, sizeof e, nullptr};
  CHECK_FALSE(o.bind());  // a double literal on the text path
  char bad[] = "12abc";
  o.p = ParamSource{SQL_C_CHAR, SQL_INTEGER, 10, 0, bad, sizeof bad, nullptr};
  CHECK_FALSE(o.bind());  // 22018 from the text path
  char quote[] = "it's";
  o.ind = 3;
  o.p = ParamSource{SQL_C_CHAR, SQL_VARCHAR, 10, 0, quote, sizeof quote, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_STRING);
  CHECK(o.b().buffer == quote);  // the application's bytes, not copied
  CHECK(o.text() == "it'");
  o.ind = -5;
  CHECK_FALSE(o.bind());  // HY090 from the text path
  o.ind = SQL_NULL_DATA;
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_NULL);
  o.ind = SQL_DEFAULT_PARAM;
  CHECK_FALSE(o.bind());
  o.ind = SQL_LEN_DATA_AT_EXEC(4);
  CHECK_FALSE(o.bind());
}

TEST_CASE("wide characters go as UTF-8 only on a UTF-8 connection", "[unit][server_prepare]") {
  One o;
  SQLWCHAR w[] = {0x00e9, 'a', 0};
  o.ind = SQL_NTS;
  o.p = ParamSource{SQL_C_WCHAR, SQL_WVARCHAR, 10, 0, w, sizeof w, nullptr};
  REQUIRE(o.bind(LiteralOptions{SqlCharset::utf8, false}));
  CHECK(o.text() == "\xc3\xa9" "a");
  CHECK_FALSE(o.bind(LiteralOptions{SqlCharset::single_byte, false}));
}

TEST_CASE("dates and times: valid values binary, the rest to the text path", "[unit][server_prepare]") {
  One o;
  SQL_TIMESTAMP_STRUCT ts{2024, 2, 29, 23, 59, 58, 123456000};
  o.p = ParamSource{SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &ts, 0, nullptr};
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_DATETIME);
  const auto& t = *static_cast<const MYSQL_TIME*>(o.b().buffer);
  CHECK(t.year == 2024);
  CHECK(t.second_part == 123456);
  o.p.decimal_digits = 3;  // 22008: finer than the parameter's digits
  CHECK_FALSE(o.bind());
  ts.fraction = 1;  // nanoseconds: the text path sends them all
  o.p.decimal_digits = 9;
  CHECK_FALSE(o.bind());
  ts = SQL_TIMESTAMP_STRUCT{2023, 2, 29, 0, 0, 0, 0};
  CHECK_FALSE(o.bind());  // 22007
  ts = SQL_TIMESTAMP_STRUCT{2023, 3, 1, 0, 0, 0, 0};
  o.p.sql_type = SQL_TYPE_DATE;
  REQUIRE(o.bind());
  CHECK(o.b().buffer_type == MYSQL_TYPE_DATE);
  ts.hour = 1;
  CHECK_FALSE(o.bind());  // 22008: time fields of a date
  SQL_DATE_STRUCT zero{0, 0, 0};
  o.p = ParamSource{SQL_C_TYPE_DATE, SQL_TYPE_DATE, 0, 0, &zero, 0, nullptr};
  CHECK_FALSE(o.bind());  // the zero date: as the text path sends it
}

TEST_CASE("values over the packet limit, and too few parameters, go to the text path", "[unit][server_prepare]") {
  One o;
  std::string big(1000, 'x');
  o.ind = static_cast<SQLLEN>(big.size());
  o.p = ParamSource{SQL_C_CHAR, SQL_LONGVARCHAR, 1000, 0, big.data(), 1000, nullptr};
  CHECK(o.bind({}, 4096));
  CHECK_FALSE(o.bind({}, 1000));
  ServerStatement two(2);
  CHECK_FALSE(two.bind(std::span<const ParamSource>(&o.p, 1), {}, 0));  // 07002 from the text path
}
