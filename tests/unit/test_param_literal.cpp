// Bound parameters as SQL literals, escaping per character set and sql_mode, and
// interpolation into the statement text.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/odbc_error.h"
#include "core/param_literal.h"
#include "core/sql_lexer.h"
#include "core/sql_scan.h"

using namespace holdfast;

namespace {

LiteralOptions lopts(SqlCharset cs = SqlCharset::utf8, bool nbe = false) {
  LiteralOptions o;
  o.charset = cs;
  o.no_backslash_escapes = nbe;
  return o;
}

// A parameter of a fixed-size C type.
template <typename T>
ParamSource fixed(SQLSMALLINT c_type, const T& v, SQLSMALLINT sql_type = SQL_INTEGER, SQLLEN* ind = nullptr) {
  ParamSource p;
  p.c_type = c_type;
  p.sql_type = sql_type;
  p.value = &v;
  p.str_len_or_ind = ind;
  return p;
}

ParamSource chars(const char* s, SQLLEN* ind, SQLSMALLINT sql_type = SQL_VARCHAR) {
  ParamSource p;
  p.c_type = SQL_C_CHAR;
  p.sql_type = sql_type;
  p.value = s;
  p.str_len_or_ind = ind;
  return p;
}

std::string lit(const ParamSource& p, const LiteralOptions& o = lopts()) {
  std::string out;
  append_param_literal(out, p, o);
  return out;
}

std::string state_of(const ParamSource& p, const LiteralOptions& o = lopts()) {
  std::string out = "prefix";
  try {
    append_param_literal(out, p, o);
  } catch (const OdbcError& e) {
    if (out != "prefix") return "output changed";  // errors leave the output as it was
    return e.sqlstate();
  }
  return "ok";
}

std::string quoted(std::string_view bytes, const LiteralOptions& o) {
  std::string out;
  append_quoted_string(out, bytes, o);
  return out;
}

// What the server makes of a quoted literal (its lexer and unescaping, by the same
// character tables): the value's bytes. Also checks that the literal is exactly one
// terminated string token.
std::string server_value(const std::string& literal, const LiteralOptions& o) {
  ScanOptions so;
  so.charset = o.charset;
  so.no_backslash_escapes = o.no_backslash_escapes;
  SqlLexer lex(literal, so);
  const Token t = lex.next();
  REQUIRE(t.kind == TokenKind::string_literal);
  REQUIRE(t.terminated);
  REQUIRE(t.begin == 0);
  REQUIRE(t.end == literal.size());
  std::string v;
  const auto* s = reinterpret_cast<const unsigned char*>(literal.data());
  const std::size_t end = literal.size() - 1;
  for (std::size_t i = 1; i < end;) {
    const std::size_t l = mb_char_length(o.charset, s + i, end - i);
    if (l != 0) {
      v.append(literal, i, l);
      i += l;
    } else if (!o.no_backslash_escapes && s[i] == '\\') {
      const char c = literal[i + 1];
      v.push_back(c == 'n' ? '\n' : c == 'r' ? '\r' : c == '0' ? '\0' : c == 'Z' ? '\x1a' : c);
      i += 2;
    } else if (s[i] == '\'') {
      v.push_back('\'');
      i += 2;
    } else {
      v.push_back(literal[i]);
      ++i;
    }
  }
  return v;
}

}  // namespace

TEST_CASE("NULL, DEFAULT and length errors", "[unit][params]") {
  const SQLINTEGER five = 5;
  SQLLEN ind = SQL_NULL_DATA;
  CHECK(lit(fixed(SQL_C_SLONG, five, SQL_INTEGER, &ind)) == "NULL");
  CHECK(lit(chars("abc", &ind)) == "NULL");
  ParamSource null_value = chars(nullptr, &ind);
  CHECK(lit(null_value) == "NULL");
  ind = SQL_DEFAULT_PARAM;
  CHECK(lit(fixed(SQL_C_SLONG, five, SQL_INTEGER, &ind)) == "DEFAULT");

  ind = -7;  // not a valid length for character data...
  CHECK(state_of(chars("abc", &ind)) == "HY090");
  CHECK(lit(fixed(SQL_C_SLONG, five, SQL_INTEGER, &ind)) == "5");  // ...ignored for fixed types
  ind = SQL_DATA_AT_EXEC;
  CHECK(state_of(chars("abc", &ind)) == "HY000");
  ind = SQL_LEN_DATA_AT_EXEC(10);
  CHECK(state_of(chars("abc", &ind)) == "HY000");
  ind = SQL_NTS;
  CHECK(state_of(chars(nullptr, &ind)) == "HY009");

  ParamSource bad = fixed(1234, five);
  CHECK(state_of(bad) == "HY003");
  bad.c_type = SQL_C_INTERVAL_DAY;  // into an INTEGER
  CHECK(state_of(bad) == "07006");
  bad.c_type = SQL_C_INTERVAL_YEAR;
  CHECK(state_of(bad) == "07006");
  bad.c_type = SQL_C_DEFAULT;
  bad.sql_type = 1234;
  CHECK(state_of(bad) == "HY004");
}

TEST_CASE("integers of every C type", "[unit][params]") {
  const signed char st = -128;
  const unsigned char ut = 255;
  const SQLSMALLINT ss = -32768;
  const SQLUSMALLINT us = 65535;
  const SQLINTEGER sl = std::numeric_limits<SQLINTEGER>::min();
  const SQLUINTEGER ul = std::numeric_limits<SQLUINTEGER>::max();
  const SQLBIGINT sb = std::numeric_limits<SQLBIGINT>::min();
  const SQLUBIGINT ub = std::numeric_limits<SQLUBIGINT>::max();
  CHECK(lit(fixed(SQL_C_STINYINT, st)) == "-128");
  CHECK(lit(fixed(SQL_C_TINYINT, st)) == "-128");
  CHECK(lit(fixed(SQL_C_UTINYINT, ut)) == "255");
  CHECK(lit(fixed(SQL_C_SSHORT, ss)) == "-32768");
  CHECK(lit(fixed(SQL_C_SHORT, ss)) == "-32768");
  CHECK(lit(fixed(SQL_C_USHORT, us)) == "65535");
  CHECK(lit(fixed(SQL_C_SLONG, sl)) == "-2147483648");
  CHECK(lit(fixed(SQL_C_LONG, sl)) == "-2147483648");
  CHECK(lit(fixed(SQL_C_ULONG, ul)) == "4294967295");
  CHECK(lit(fixed(SQL_C_SBIGINT, sb)) == "-9223372036854775808");
  CHECK(lit(fixed(SQL_C_UBIGINT, ub)) == "18446744073709551615");
  // Into a character type a number is a string (compared as text by the server).
  CHECK(lit(fixed(SQL_C_SLONG, sl, SQL_VARCHAR)) == "'-2147483648'");
  CHECK(lit(fixed(SQL_C_SLONG, sl, SQL_WCHAR)) == "'-2147483648'");

  unsigned char bit = 1;
  CHECK(lit(fixed(SQL_C_BIT, bit, SQL_BIT)) == "1");
  bit = 0;
  CHECK(lit(fixed(SQL_C_BIT, bit, SQL_BIT)) == "0");
  bit = 2;
  CHECK(state_of(fixed(SQL_C_BIT, bit, SQL_BIT)) == "22003");

  // Unaligned buffers (bind offsets) are read correctly.
  alignas(8) unsigned char raw[16] = {};
  const SQLBIGINT v = -1234567890123LL;
  std::memcpy(raw + 1, &v, sizeof v);
  ParamSource p;
  p.c_type = SQL_C_SBIGINT;
  p.sql_type = SQL_BIGINT;
  p.value = raw + 1;
  CHECK(lit(p) == "-1234567890123");
}

TEST_CASE("floating point is exact and typed DOUBLE", "[unit][params]") {
  const std::vector<double> values{0.1, 0.1 + 0.2, -0.5, 5.0, 1e300, -1e-300, 123456789.125,
                                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()};
  for (const double d : values) {
    const std::string s = lit(fixed(SQL_C_DOUBLE, d, SQL_DOUBLE));
    INFO(s);
    CHECK(std::strtod(s.c_str(), nullptr) == d);  // round-trips exactly
    CHECK(s.find('e') != std::string::npos);      // an approximate-number literal
  }
  CHECK(lit(fixed(SQL_C_DOUBLE, 0.1, SQL_DOUBLE)) == "0.1e0");
  CHECK(lit(fixed(SQL_C_DOUBLE, 1e300, SQL_DOUBLE)) == "1e+300");
  CHECK(lit(fixed(SQL_C_DOUBLE, 0.25, SQL_VARCHAR)) == "'0.25'");
  const float f = 0.1f;
  CHECK(lit(fixed(SQL_C_FLOAT, f, SQL_REAL)) == "0.1e0");
  CHECK(state_of(fixed(SQL_C_DOUBLE, std::nan(""), SQL_DOUBLE)) == "22003");
  CHECK(state_of(fixed(SQL_C_DOUBLE, std::numeric_limits<double>::infinity(), SQL_DOUBLE)) == "22003");
  const float finf = -std::numeric_limits<float>::infinity();
  CHECK(state_of(fixed(SQL_C_FLOAT, finf, SQL_REAL)) == "22003");
}

TEST_CASE("SQL_C_NUMERIC to decimal text", "[unit][params]") {
  const auto num = [](unsigned long long v, int scale, int sign) {
    SQL_NUMERIC_STRUCT n{};
    n.precision = 38;
    n.scale = static_cast<SQLSCHAR>(scale);
    n.sign = static_cast<SQLCHAR>(sign);
    for (int i = 0; i < 8; ++i) n.val[i] = static_cast<SQLCHAR>(v >> (8 * i));
    return n;
  };
  struct Case {
    SQL_NUMERIC_STRUCT n;
    const char* text;
  };
  const std::vector<Case> cases{
      {num(12345, 2, 1), "123.45"}, {num(12345, 2, 0), "-123.45"}, {num(12, 5, 1), "0.00012"},
      {num(12345, -2, 1), "1234500"}, {num(0, 0, 0), "0"},         {num(0, 3, 1), "0.000"},
      {num(5, 1, 1), "0.5"},          {num(18446744073709551615ULL, 0, 1), "18446744073709551615"},
  };
  for (const auto& c : cases) {
    CHECK(lit(fixed(SQL_C_NUMERIC, c.n, SQL_DECIMAL)) == c.text);
  }
  SQL_NUMERIC_STRUCT max{};
  max.sign = 1;
  std::memset(max.val, 0xFF, sizeof max.val);
  CHECK(lit(fixed(SQL_C_NUMERIC, max, SQL_NUMERIC)) == "340282366920938463463374607431768211455");
  CHECK(lit(fixed(SQL_C_NUMERIC, cases[0].n, SQL_VARCHAR)) == "'123.45'");
}

TEST_CASE("character data is quoted and escaped", "[unit][params]") {
  SQLLEN nts = SQL_NTS;
  CHECK(lit(chars("abc", &nts)) == "'abc'");
  CHECK(lit(chars("abc", nullptr)) == "'abc'");  // no indicator: null-terminated
  SQLLEN two = 2;
  CHECK(lit(chars("abc", &two)) == "'ab'");
  SQLLEN zero = 0;
  CHECK(lit(chars("abc", &zero)) == "''");
  ParamSource bounded = chars("abcdef", &nts);
  bounded.buffer_length = 3;  // NTS never reads past the buffer
  CHECK(lit(bounded) == "'abc'");

  struct Case {
    std::string value;
    std::string normal;
    std::string nbe;  // NO_BACKSLASH_ESCAPES
  };
  const std::vector<Case> cases{
      {"it's", "'it\\'s'", "'it''s'"},
      {"a\\b", "'a\\\\b'", "'a\\b'"},
      {"a\\", "'a\\\\'", "'a\\'"},
      {"say \"hi\"", "'say \\\"hi\\\"'", "'say \"hi\"'"},
      {std::string("\n\r\x1a\0x", 5), "'\\n\\r\\Z\\0x'", std::string("'\n\r\x1a\0x'", 7)},
      {"'; DROP TABLE t; --", "'\\'; DROP TABLE t; --'", "'''; DROP TABLE t; --'"},
      {"h\xc3\xa9llo", "'h\xc3\xa9llo'", "'h\xc3\xa9llo'"},
  };
  for (const auto& c : cases) {
    INFO("value: " << c.value);
    SQLLEN len = static_cast<SQLLEN>(c.value.size());
    CHECK(lit(chars(c.value.data(), &len)) == c.normal);
    CHECK(lit(chars(c.value.data(), &len), lopts(SqlCharset::utf8, true)) == c.nbe);
    CHECK(server_value(c.normal, lopts()) == c.value);
    CHECK(server_value(c.nbe, lopts(SqlCharset::utf8, true)) == c.value);
  }
}

TEST_CASE("character data bound to a numeric SQL type must be a number", "[unit][params]") {
  SQLLEN nts = SQL_NTS;
  struct Case {
    const char* value;
    const char* out;  // nullptr: 22018
  };
  const std::vector<Case> cases{
      {"42", "42"}, {" 42 ", "42"}, {"-7", "-7"}, {"+3.5", "+3.5"}, {".5", ".5"}, {"1e5", "1e5"},
      {"1.5E-3", "1.5E-3"}, {"", nullptr}, {"abc", nullptr}, {"1 OR 1=1", nullptr}, {"1; DROP TABLE t", nullptr},
      {"1e", nullptr}, {"-", nullptr}, {".", nullptr}, {"0x10", nullptr},
  };
  for (const auto& c : cases) {
    INFO("value: " << c.value);
    if (c.out != nullptr) CHECK(lit(chars(c.value, &nts, SQL_INTEGER)) == c.out);
    else CHECK(state_of(chars(c.value, &nts, SQL_INTEGER)) == "22018");
  }
  CHECK(lit(chars("10", &nts, SQL_BIT)) == "10");
  CHECK(lit(chars("10", &nts, SQL_DECIMAL)) == "10");
}

TEST_CASE("the gbk 0xBF27 injection cannot close the literal", "[unit][params]") {
  const std::string attack = "\xbf' OR 1=1 -- ";
  const LiteralOptions gbk = lopts(SqlCharset::gbk);
  const std::string safe = quoted(attack, gbk);
  // The stray lead byte is escaped, so it cannot pair with the backslash of "\'".
  CHECK(safe == "'\\\xbf\\' OR 1=1 -- '");
  CHECK(server_value(safe, gbk) == attack);

  // What a charset-blind escaper writes ("\xBF\\'") is the attack: a gbk server reads
  // 0xBF5C as one character and the quote after it ends the string.
  const std::string naive = quoted(attack, lopts(SqlCharset::utf8));
  CHECK(naive == "'\xbf\\' OR 1=1 -- '");
  ScanOptions gbk_scan;
  gbk_scan.charset = SqlCharset::gbk;
  SqlLexer lex(naive, gbk_scan);
  CHECK(lex.next().end < naive.size());  // the literal ends early: OR 1=1 would be code

  // A whole statement: with the right escaping the only marker is the real one.
  const std::string sql = "SELECT * FROM t WHERE a = " + safe + " AND b = ?";
  const ScanResult r = scan_sql(sql, gbk_scan);
  REQUIRE(r.markers.size() == 1);
  CHECK(r.markers[0] == sql.size() - 1);

  // NO_BACKSLASH_ESCAPES: quotes are doubled, the lead byte stays as it is.
  const LiteralOptions gbk_nbe = lopts(SqlCharset::gbk, true);
  const std::string doubled = quoted(attack, gbk_nbe);
  CHECK(doubled == "'\xbf'' OR 1=1 -- '");
  CHECK(server_value(doubled, gbk_nbe) == attack);
}

TEST_CASE("a backslash escapes one byte, as the gbk server reads it", "[unit][params]") {
  // Observed on MariaDB 10.11.19, character_set_client=gbk, sql_mode '' (literal bytes in
  // hex -> SELECT HEX(literal)). A backslash takes exactly one byte, even a lead byte that
  // would pair with the byte after it (BF 5C and 95 5C are gbk characters):
  //   27 5C BF 5C 27 27              -> BF27
  //   27 5C 95 5C 27 27              -> 9527
  //   27 5C BF 41 27                 -> BF41
  //   27 5C BF 5C 27 20 4F 52 ... 27 -> BF27204F5220313D31202D2D20 (the escaped attack)
  //   27 BF 5C 27 29 2C 20 27 78 27  -> BF5C, then the column 'x': no backslash, one character
  //   27 BF 5C 27 20 4F 52 ... 27    -> syntax error: the charset-blind literal ended early
  // and under NO_BACKSLASH_ESCAPES:  27 5C BF 27 -> 5CBF;  27 BF 27 27 20 4F 52 ... 27 -> BF27...
  const LiteralOptions gbk = lopts(SqlCharset::gbk);
  const LiteralOptions gbk_nbe = lopts(SqlCharset::gbk, true);
  CHECK(server_value("'\\\xbf\\''", gbk) == "\xbf'");
  CHECK(server_value("'\\\x95\\''", gbk) == "\x95'");
  CHECK(server_value("'\\\xbf" "A'", gbk) == "\xbf" "A");
  CHECK(server_value("'\xbf\\'", gbk) == "\xbf\\");
  CHECK(server_value("'\\\xbf'", gbk_nbe) == "\\\xbf");

  // The escaper writes exactly those literals for those values.
  CHECK(quoted("\xbf'", gbk) == "'\\\xbf\\''");
  CHECK(quoted("\x95'", gbk) == "'\\\x95\\''");
  CHECK(quoted("\xbf\\", gbk) == "'\xbf\\'");  // a whole character, copied as is

  // A whole statement: the literal hides no marker and the real one is found.
  ScanOptions gbk_scan;
  gbk_scan.charset = SqlCharset::gbk;
  const std::string sql = "SELECT '\\\x95\\'', ?";
  const ScanResult r = scan_sql(sql, gbk_scan);
  REQUIRE(r.markers.size() == 1);
  CHECK(r.markers[0] == sql.size() - 1);
}

TEST_CASE("multi-byte characters are never split", "[unit][params]") {
  // sjis 0x81 0x5C is one character: copied as is, no backslash added.
  CHECK(quoted("\x81\x5c", lopts(SqlCharset::sjis)) == "'\x81\x5c'");
  CHECK(quoted("\x81\x5c", lopts(SqlCharset::cp932)) == "'\x81\x5c'");
  CHECK(quoted("\xa4\x5c", lopts(SqlCharset::big5)) == "'\xa4\x5c'");
  CHECK(quoted("\x95\x5c", lopts(SqlCharset::gbk)) == "'\x95\x5c'");
  // In UTF-8 the same bytes are a stray byte and a backslash.
  CHECK(quoted("\x81\x5c", lopts(SqlCharset::utf8)) == "'\x81\\\\'");
  // A lead byte at the very end is escaped (it would otherwise meet the closing quote).
  CHECK(quoted("a\xbf", lopts(SqlCharset::gbk)) == "'a\\\xbf'");

  // Random bytes rich in lead bytes, quotes and backslashes, for every multi-byte set
  // and both modes: the literal is one token and the server gets the bytes back.
  std::mt19937 rng(12345);
  const std::vector<unsigned char> alphabet{0x27, 0x5C, 0x22, 0x00, 0x0A, 0x0D, 0x1A, 0x30, 0x41, 0x60,
                                            0x7B, 0x81, 0x8E, 0x8F, 0xA1, 0xA4, 0xBF, 0xE0, 0xF9, 0xFE};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<std::size_t> length(0, 24);
  const std::vector<SqlCharset> sets{SqlCharset::gbk,    SqlCharset::big5, SqlCharset::sjis,
                                     SqlCharset::cp932,  SqlCharset::euckr, SqlCharset::gb2312,
                                     SqlCharset::ujis,   SqlCharset::eucjpms, SqlCharset::gb18030,
                                     SqlCharset::utf8,   SqlCharset::single_byte};
  for (const SqlCharset cs : sets) {
    for (const bool nbe : {false, true}) {
      for (int round = 0; round < 2000; ++round) {
        std::string v;
        const std::size_t n = length(rng);
        for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<char>(alphabet[pick(rng)]));
        const LiteralOptions o = lopts(cs, nbe);
        const std::string q = quoted(v, o);
        INFO("charset " << static_cast<int>(cs) << " nbe " << nbe << " round " << round);
        REQUIRE(server_value(q, o) == v);
      }
    }
  }
}

TEST_CASE("SQL_C_WCHAR is converted to UTF-8", "[unit][params]") {
  const SQLWCHAR text[] = {'h', 0xE9, 'l', '\'', 0xD83D, 0xDE00, 0};  // h é l ' U+1F600
  ParamSource p;
  p.c_type = SQL_C_WCHAR;
  p.sql_type = SQL_WVARCHAR;
  p.value = text;
  SQLLEN nts = SQL_NTS;
  p.str_len_or_ind = &nts;
  CHECK(lit(p) == "'h\xc3\xa9l\\'\xf0\x9f\x98\x80'");
  SQLLEN bytes = 4;  // lengths of SQL_C_WCHAR data are in bytes
  p.str_len_or_ind = &bytes;
  CHECK(lit(p) == "'h\xc3\xa9'");
  p.str_len_or_ind = &nts;
  CHECK(lit(p, lopts(SqlCharset::single_byte)) == "_utf8mb4'h\xc3\xa9l\\'\xf0\x9f\x98\x80'");
  CHECK(lit(p, lopts(SqlCharset::utf8, true)) == "'h\xc3\xa9l''\xf0\x9f\x98\x80'");

  const SQLWCHAR number[] = {' ', '1', '2', 0};
  p.value = number;
  p.sql_type = SQL_INTEGER;
  CHECK(lit(p) == "12");
  p.value = text;
  CHECK(state_of(p) == "22018");
}

TEST_CASE("binary data is a hex literal", "[unit][params]") {
  const unsigned char bytes[] = {0x00, 0x27, 0x5C, 0xFF, 0xBF};
  ParamSource p;
  p.c_type = SQL_C_BINARY;
  p.sql_type = SQL_VARBINARY;
  p.value = bytes;
  SQLLEN len = sizeof bytes;
  p.str_len_or_ind = &len;
  CHECK(lit(p) == "X'00275CFFBF'");
  len = 0;
  CHECK(lit(p) == "X''");
  len = -9;
  CHECK(state_of(p) == "HY090");
}

TEST_CASE("dates, times and timestamps", "[unit][params]") {
  const DATE_STRUCT leap{2024, 2, 29};
  const DATE_STRUCT not_leap{2023, 2, 29};
  const DATE_STRUCT bad_month{2024, 13, 1};
  const DATE_STRUCT zero{0, 0, 0};
  const DATE_STRUCT y999{999, 1, 1};
  CHECK(lit(fixed(SQL_C_TYPE_DATE, leap, SQL_TYPE_DATE)) == "'2024-02-29'");
  CHECK(lit(fixed(SQL_C_DATE, leap, SQL_DATE)) == "'2024-02-29'");
  CHECK(lit(fixed(SQL_C_TYPE_DATE, y999, SQL_TYPE_DATE)) == "'0999-01-01'");
  CHECK(lit(fixed(SQL_C_TYPE_DATE, zero, SQL_TYPE_DATE)) == "'0000-00-00'");
  CHECK(state_of(fixed(SQL_C_TYPE_DATE, not_leap, SQL_TYPE_DATE)) == "22007");
  CHECK(state_of(fixed(SQL_C_TYPE_DATE, bad_month, SQL_TYPE_DATE)) == "22007");
  CHECK(state_of(fixed(SQL_C_TYPE_DATE, bad_month, SQL_VARCHAR)) == "22008");

  const TIME_STRUCT t{23, 59, 59};
  const TIME_STRUCT bad_t{24, 0, 0};
  CHECK(lit(fixed(SQL_C_TYPE_TIME, t, SQL_TYPE_TIME)) == "'23:59:59'");
  CHECK(lit(fixed(SQL_C_TIME, t, SQL_TIME)) == "'23:59:59'");
  CHECK(lit(fixed(SQL_C_TYPE_TIME, t, SQL_TYPE_TIMESTAMP)) == "TIMESTAMP(CURRENT_DATE(), '23:59:59')");
  CHECK(state_of(fixed(SQL_C_TYPE_TIME, bad_t, SQL_TYPE_TIME)) == "22007");

  TIMESTAMP_STRUCT ts{2024, 1, 31, 10, 11, 12, 123456000};
  ParamSource p = fixed(SQL_C_TYPE_TIMESTAMP, ts, SQL_TYPE_TIMESTAMP);
  p.decimal_digits = 6;
  CHECK(lit(p) == "'2024-01-31 10:11:12.123456'");
  p.decimal_digits = 3;  // fractional digits beyond the parameter's precision: 22008
  CHECK(state_of(p) == "22008");
  p.decimal_digits = 0;
  CHECK(state_of(p) == "22008");
  p.c_type = SQL_C_TIMESTAMP;
  p.decimal_digits = 9;
  CHECK(lit(p) == "'2024-01-31 10:11:12.123456'");
  ts.fraction = 123000000;
  p.decimal_digits = 3;
  CHECK(lit(p) == "'2024-01-31 10:11:12.123'");
  ts.fraction = 0;
  p.decimal_digits = 0;
  CHECK(lit(p) == "'2024-01-31 10:11:12'");
  ts.fraction = 123456789;
  p.sql_type = SQL_VARCHAR;
  CHECK(lit(p) == "'2024-01-31 10:11:12.123456789'");
  ts.fraction = 1000000000;
  CHECK(state_of(p) == "22008");
  p.sql_type = SQL_TYPE_TIMESTAMP;
  CHECK(state_of(p) == "22007");

  ts = TIMESTAMP_STRUCT{2024, 1, 31, 0, 0, 0, 0};
  p.sql_type = SQL_TYPE_DATE;
  CHECK(lit(p) == "'2024-01-31'");
  ts.hour = 1;
  CHECK(state_of(p) == "22008");  // the time would be lost
  ts = TIMESTAMP_STRUCT{0, 99, 99, 10, 11, 12, 0};  // date fields ignored into a time
  p.sql_type = SQL_TYPE_TIME;
  CHECK(lit(p) == "'10:11:12'");
  ts.fraction = 5;
  CHECK(state_of(p) == "22008");
  ts = TIMESTAMP_STRUCT{2024, 2, 30, 0, 0, 0, 0};
  p.sql_type = SQL_TYPE_TIMESTAMP;
  CHECK(state_of(p) == "22007");
}

TEST_CASE("GUIDs and SQL_C_DEFAULT", "[unit][params]") {
  SQLGUID g{};
  g.Data1 = 0x12345678;
  g.Data2 = 0x9ABC;
  g.Data3 = 0xDEF0;
  const unsigned char d4[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  std::memcpy(g.Data4, d4, 8);
  CHECK(lit(fixed(SQL_C_GUID, g, SQL_GUID)) == "'12345678-9abc-def0-0102-030405060708'");
  CHECK(lit(fixed(SQL_C_DEFAULT, g, SQL_GUID)) == "'12345678-9abc-def0-0102-030405060708'");

  const SQLINTEGER i = 42;
  CHECK(lit(fixed(SQL_C_DEFAULT, i, SQL_INTEGER)) == "42");
  const SQLDOUBLE d = 2.5;
  CHECK(lit(fixed(SQL_C_DEFAULT, d, SQL_DOUBLE)) == "2.5e0");
  SQLLEN nts = SQL_NTS;
  ParamSource c = chars("x'y", &nts, SQL_VARCHAR);
  c.c_type = SQL_C_DEFAULT;
  CHECK(lit(c) == "'x\\'y'");
  const DATE_STRUCT day{2024, 1, 2};
  CHECK(lit(fixed(SQL_C_DEFAULT, day, SQL_TYPE_DATE)) == "'2024-01-02'");
}

TEST_CASE("interpolate replaces exactly the markers", "[unit][params]") {
  const std::string sql = "SELECT ?, '?', /* ? */ ? FROM t WHERE a = ?";
  ScanOptions so;
  const ScanResult r = scan_sql(sql, so);
  REQUIRE(r.markers.size() == 3);

  const SQLINTEGER one = 1;
  SQLLEN nts = SQL_NTS;
  SQLLEN null_data = SQL_NULL_DATA;
  const std::vector<ParamSource> params{fixed(SQL_C_SLONG, one), chars("it's ?", &nts), chars("x", &null_data)};
  const std::string out = interpolate_params(sql, r.markers, params, lopts());
  CHECK(out == "SELECT 1, '?', /* ? */ 'it\\'s ?' FROM t WHERE a = NULL");

  // The literal of a later parameter may contain '?': offsets refer to the original text.
  const std::string with_producer = interpolate(
      sql, r.markers, [](std::size_t i, std::string& o) { o += "<" + std::to_string(i) + ">"; }, 9);
  CHECK(with_producer == "SELECT <0>, '?', /* ? */ <1> FROM t WHERE a = <2>");

  CHECK_THROWS_AS(interpolate_params(sql, r.markers, std::span(params).first(2), lopts()), OdbcError);
  try {
    interpolate_params(sql, r.markers, std::span(params).first(2), lopts());
  } catch (const OdbcError& e) {
    CHECK(e.sqlstate() == "07002");
  }
  const std::vector<std::size_t> wrong{8};
  try {
    interpolate(sql, wrong, [](std::size_t, std::string&) {});
    FAIL("no error for an offset that is not a marker");
  } catch (const OdbcError& e) {
    CHECK(e.sqlstate() == "HY000");
  }

  // The size bound covers the real output, so the one reserve suffices.
  std::size_t bound = sql.size();
  for (const auto& p : params) bound += param_literal_size_bound(p);
  CHECK(out.size() <= bound);
  CHECK(out.capacity() >= bound);
}

TEST_CASE("day-time interval parameters as TIME literals", "[unit][params]") {
  SQL_INTERVAL_STRUCT v{};
  const auto with = [&](SQLSMALLINT c_type, SQLSMALLINT sign, SQLUINTEGER day, SQLUINTEGER hour, SQLUINTEGER minute,
                        SQLUINTEGER second, SQLUINTEGER fraction) {
    v = SQL_INTERVAL_STRUCT{};
    v.interval_type = static_cast<SQLINTERVAL>(c_type - 100);
    v.interval_sign = sign;
    v.intval.day_second = {day, hour, minute, second, fraction};
    return fixed(c_type, v, SQL_TYPE_TIME);
  };
  CHECK(lit(with(SQL_C_INTERVAL_DAY_TO_SECOND, SQL_FALSE, 1, 2, 3, 4, 5)) == "'26:03:04.000005'");
  CHECK(lit(with(SQL_C_INTERVAL_HOUR, SQL_TRUE, 9, 100, 9, 9, 9)) == "'-100:00:00'");
  CHECK(lit(with(SQL_C_INTERVAL_SECOND, SQL_TRUE, 0, 0, 0, 0, 0)) == "'00:00:00'");  // no "-0"
  CHECK(lit(with(SQL_C_INTERVAL_MINUTE_TO_SECOND, SQL_TRUE, 0, 0, 0, 0, 500000)) == "'-00:00:00.500000'");
  CHECK(lit(with(SQL_C_INTERVAL_SECOND, SQL_FALSE, 0, 0, 0, 3'020'399, 999'999)) == "'838:59:59.999999'");
  CHECK(state_of(with(SQL_C_INTERVAL_SECOND, SQL_FALSE, 0, 0, 0, 3'020'400, 0)) == "22015");
  CHECK(state_of(with(SQL_C_INTERVAL_DAY_TO_HOUR, SQL_FALSE, 1, 24, 0, 0, 0)) == "22015");
  CHECK(state_of(with(SQL_C_INTERVAL_HOUR_TO_SECOND, SQL_FALSE, 0, 1, 0, 0, 1'000'000)) == "22015");
  CHECK(state_of(with(SQL_C_INTERVAL_HOUR, 2, 0, 1, 0, 0, 0)) == "22015");  // a sign neither true nor false
  ParamSource text = with(SQL_C_INTERVAL_HOUR_TO_MINUTE, SQL_FALSE, 0, 5, 6, 0, 0);
  text.sql_type = SQL_VARCHAR;
  CHECK(lit(text) == "'05:06:00'");
  text.sql_type = SQL_TYPE_DATE;
  CHECK(state_of(text) == "07006");
}
