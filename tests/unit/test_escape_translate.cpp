// ODBC escape sequences -> MySQL SQL.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/escape_translate.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

ScanOptions opts(SqlCharset cs = SqlCharset::utf8, bool nbe = false) {
  ScanOptions o;
  o.charset = cs;
  o.no_backslash_escapes = nbe;
  return o;
}

std::string state_of(const std::string& sql, const ScanOptions& o = opts()) {
  try {
    (void)translate_escapes(sql, o);
  } catch (const OdbcError& e) {
    return e.sqlstate();
  }
  return "ok";
}

}  // namespace

TEST_CASE("text without escapes in code is returned untouched", "[unit][sqlscan][escape]") {
  const std::vector<std::string> cases{
      "SELECT 1",
      "",
      "SELECT '{fn UCASE(a)}', \"{d '2020-01-01'}\", `{`",
      "SELECT 1 /* {call p} */ -- {ts 'x'}\n# {oj}",
      "SELECT 'a\\'{', 1",
  };
  for (const auto& sql : cases) {
    INFO("sql: " << sql);
    EscapeInfo info;
    info.is_call = true;  // must be reset
    CHECK_FALSE(translate_escapes(sql, opts(), &info).has_value());
    CHECK_FALSE(info.is_call);
  }
}

TEST_CASE("escape sequences are translated", "[unit][sqlscan][escape]") {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases{
      {"SELECT {d '2024-01-31'}", "SELECT DATE '2024-01-31'"},
      {"SELECT {D'2024-01-31'}", "SELECT DATE '2024-01-31'"},
      {"SELECT { d '2024-1-5' }", "SELECT DATE '2024-1-5'"},
      {"SELECT {t '23:59:59'}", "SELECT TIME '23:59:59'"},
      {"SELECT {ts '2024-01-31 10:11:12.123'}", "SELECT TIMESTAMP '2024-01-31 10:11:12.123'"},
      {"SELECT {ts '2024-01-31 10:11:12'}", "SELECT TIMESTAMP '2024-01-31 10:11:12'"},
      {"SELECT {d ?}, {t ?}, {ts ?}", "SELECT CAST(? AS DATE), CAST(? AS TIME(6)), CAST(? AS DATETIME(6))"},
      {"SELECT {fn UCASE(name)} FROM t", "SELECT UCASE(name) FROM t"},
      {"SELECT {fn ucase(name)}", "SELECT ucase(name)"},
      {"SELECT {fn UCASE({fn LTRIM(x)})}", "SELECT UCASE(LTRIM(x))"},
      {"SELECT {fn CONCAT({fn UCASE(a)}, {fn LCASE(b)})}", "SELECT CONCAT(UCASE(a), LCASE(b))"},
      {"SELECT {fn CONCAT('}', '{')}", "SELECT CONCAT('}', '{')"},
      {"SELECT {fn CURDATE()}, {fn DAYOFWEEK(d)}, {fn DATABASE()}", "SELECT CURDATE(), DAYOFWEEK(d), DATABASE()"},
      {"SELECT {fn TRUNCATE(1.5, 0)}, {fn LOCATE('a', s, 2)}", "SELECT TRUNCATE(1.5, 0), LOCATE('a', s, 2)"},
      {"SELECT {fn CONVERT(x, SQL_INTEGER)}", "SELECT CAST(x AS SIGNED)"},
      {"SELECT {fn CONVERT( x , SQL_BIGINT )}", "SELECT CAST(x AS SIGNED)"},
      {"SELECT {fn CONVERT(a, SQL_VARCHAR)}", "SELECT CAST(a AS CHAR)"},
      {"SELECT {fn CONVERT(a, SQL_WVARCHAR)}", "SELECT CAST(a AS CHAR)"},
      {"SELECT {fn CONVERT(a, SQL_DATE)}", "SELECT CAST(a AS DATE)"},
      {"SELECT {fn CONVERT(a, SQL_TYPE_TIMESTAMP)}", "SELECT CAST(a AS DATETIME(6))"},
      {"SELECT {fn CONVERT(a, SQL_DECIMAL)}", "SELECT CAST(a AS DECIMAL(65,30))"},
      {"SELECT {fn CONVERT(a, SQL_VARBINARY)}", "SELECT CAST(a AS BINARY)"},
      {"SELECT {fn CONVERT(a, SQL_DOUBLE)}", "SELECT ((a)+0E0)"},
      {"SELECT {fn CONVERT(f(a, b), SQL_DATE)}", "SELECT CAST(f(a, b) AS DATE)"},
      {"SELECT {fn CONVERT(',', SQL_CHAR)}", "SELECT CAST(',' AS CHAR)"},
      {"SELECT {fn CONVERT({fn LTRIM(' 5')}, SQL_SMALLINT)}", "SELECT CAST(LTRIM(' 5') AS SIGNED)"},
      {"SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, d)}", "SELECT TIMESTAMPADD(DAY, 1, d)"},
      {"SELECT {fn timestampadd(sql_tsi_month, ?, d)}", "SELECT TIMESTAMPADD(MONTH, ?, d)"},
      {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_SECOND, a, b)}", "SELECT TIMESTAMPDIFF(SECOND, a, b)"},
      {"SELECT {fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 5000, t)}",
       "SELECT TIMESTAMPADD(MICROSECOND, (5000) DIV 1000, t)"},
      {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, a, b)}",
       "SELECT (TIMESTAMPDIFF(MICROSECOND, a, b) * 1000)"},
      {"SELECT {fn LENGTH(s)}", "SELECT CHAR_LENGTH(RTRIM(s))"},
      {"SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id}",
       "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id"},
      {"SELECT * FROM {oj a LEFT OUTER JOIN b ON a.d = {d '2024-01-01'}}",
       "SELECT * FROM a LEFT OUTER JOIN b ON a.d = DATE '2024-01-01'"},
      {"SELECT * FROM t WHERE a LIKE 'x\\_%' {escape '\\\\'}", "SELECT * FROM t WHERE a LIKE 'x\\_%' ESCAPE '\\\\'"},
      {"SELECT d + {interval '5' DAY}", "SELECT d + INTERVAL '5' DAY"},
      {"SELECT d + {INTERVAL -'1 02:03:04' DAY TO SECOND}", "SELECT d + INTERVAL '-1 02:03:04' DAY_SECOND"},
      {"SELECT d + {interval '2-3' YEAR(2) TO MONTH}", "SELECT d + INTERVAL '2-3' YEAR_MONTH"},
      {"SELECT d + {interval +'10:20' HOUR TO MINUTE}", "SELECT d + INTERVAL '10:20' HOUR_MINUTE"},
      {"SELECT {guid '12345678-1234-1234-1234-123456789abc'}", "SELECT '12345678-1234-1234-1234-123456789abc'"},
      {"SELECT 1 /* {fn x} */, {fn UCASE(a)}", "SELECT 1 /* {fn x} */, UCASE(a)"},
      {"-- {fn x}\nSELECT {d '2020-01-01'}", "-- {fn x}\nSELECT DATE '2020-01-01'"},
      {"SELECT /*! {fn UCASE(a)} */", "SELECT /*! UCASE(a) */"},
      {"SELECT {foo 1}", "SELECT {foo 1}"},             // not ODBC: the server's {ident expr}
      {"SELECT {foo {fn UCASE(a)}}", "SELECT {foo UCASE(a)}"},
      {"SELECT a FROM t WHERE b = '}' AND c = {fn UCASE('{')}", "SELECT a FROM t WHERE b = '}' AND c = UCASE('{')"},
  };
  for (const auto& c : cases) {
    INFO("in: " << c.in);
    const auto out = translate_escapes(c.in, opts());
    REQUIRE(out.has_value());
    CHECK(*out == c.out);
  }
}

TEST_CASE("call escapes report a call and its return value", "[unit][sqlscan][escape]") {
  struct Case {
    std::string in;
    std::string out;
    bool is_call;
    bool ret;
  };
  const std::vector<Case> cases{
      {"{call p(?, ?)}", "CALL p(?, ?)", true, false},
      {"{ call p }", "CALL p", true, false},
      {"  {CALL db.p(1)}  ", "  CALL db.p(1)  ", true, false},
      {"{call `my proc`(?)}", "CALL `my proc`(?)", true, false},
      {"{?= call f(?)}", "SELECT f(?)", true, true},
      {"{ ? = CALL f }", "SELECT f()", true, true},
      {"/* x */ {?=call f({fn UCASE(?)})}", "/* x */ SELECT f(UCASE(?))", true, true},
      {"SELECT 1, {call p}", "SELECT 1, CALL p", false, false},
  };
  for (const auto& c : cases) {
    INFO("in: " << c.in);
    EscapeInfo info;
    const auto out = translate_escapes(c.in, opts(), &info);
    REQUIRE(out.has_value());
    CHECK(*out == c.out);
    CHECK(info.is_call == c.is_call);
    CHECK(info.has_return_value == c.ret);
  }
}

TEST_CASE("escapes follow the connection's lexing rules", "[unit][sqlscan][escape]") {
  // gbk: 0x95 0x7B is one character, so there is no '{' in code.
  CHECK_FALSE(translate_escapes("SELECT \x95{fn x}", opts(SqlCharset::gbk)).has_value());
  const auto utf8 = translate_escapes("SELECT \x95{fn x}", opts(SqlCharset::utf8));
  REQUIRE(utf8.has_value());
  CHECK(*utf8 == "SELECT \x95x");

  // NO_BACKSLASH_ESCAPES: 'a\' ends the literal, so the brace after it is code.
  const std::string sql = "SELECT 'a\\', {fn UCASE('b')}";
  const auto nbe = translate_escapes(sql, opts(SqlCharset::utf8, true));
  REQUIRE(nbe.has_value());
  CHECK(*nbe == "SELECT 'a\\', UCASE('b')");
  CHECK_FALSE(translate_escapes(sql, opts(SqlCharset::utf8, false)).has_value());
}

TEST_CASE("malformed escapes are errors", "[unit][sqlscan][escape]") {
  struct Case {
    std::string in;
    const char* state;
  };
  const std::vector<Case> cases{
      {"SELECT {d '2024-13-01'}", "22007"},
      {"SELECT {d '2024-01-32'}", "22007"},
      {"SELECT {d '20240101'}", "22007"},
      {"SELECT {t '24:00:00'}", "22007"},
      {"SELECT {t '10:00'}", "22007"},
      {"SELECT {ts '2024-01-01'}", "22007"},
      {"SELECT {ts '2024-01-01 10:00:00.'}", "22007"},
      {"SELECT {d 2024}", "42000"},
      {"SELECT {d \"2024-01-01\"}", "42000"},
      {"SELECT {d '2024-01-01'", "42000"},
      {"SELECT {d '2024-01-01' x}", "42000"},
      {"SELECT {fn UCASE(a)", "42000"},
      {"SELECT {fn UCASE('})", "42000"},   // the brace is in an unterminated string
      {"SELECT {fn}", "42000"},
      {"SELECT {fn ()}", "42000"},
      {"SELECT {fn CONVERT(a, SQL_FOO)}", "42000"},
      {"SELECT {fn CONVERT(a)}", "42000"},
      {"SELECT {fn CONVERT(, SQL_INTEGER)}", "42000"},
      {"SELECT {fn CONVERT a}", "42000"},
      {"SELECT {fn TIMESTAMPADD(SQL_TSI_FORTNIGHT, 1, d)}", "42000"},
      {"SELECT {fn LENGTH(a, b)}", "42000"},
      {"{call}", "42000"},
      {"{call (1)}", "42000"},
      {"{?= call}", "42000"},
      {"SELECT * FROM {oj }", "42000"},
      {"SELECT {escape}", "42000"},
      {"SELECT {interval '1' WEEK}", "42000"},
      {"SELECT {interval '1' SECOND TO DAY}", "42000"},
      {"SELECT {interval '1' YEAR TO DAY}", "42000"},
      {"SELECT {interval 1 DAY}", "42000"},
      {"SELECT {guid 1}", "42000"},
      {"SELECT {foo", "42000"},
  };
  for (const auto& c : cases) {
    INFO("in: " << c.in);
    CHECK(state_of(c.in) == c.state);
  }
}

TEST_CASE("escape nesting is bounded", "[unit][sqlscan][escape]") {
  const auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{fn f(";
    s += "x";
    for (int i = 0; i < depth; ++i) s += ")}";
    return s;
  };
  const auto ok = translate_escapes(nested(kMaxEscapeNesting), opts());
  REQUIRE(ok.has_value());
  CHECK(ok->size() == static_cast<std::size_t>(kMaxEscapeNesting) * 3 + 1);
  CHECK(state_of(nested(kMaxEscapeNesting + 1)) == "42000");
  CHECK(state_of(std::string(100000, '{')) == "42000");
}

TEST_CASE("escape translation is linear on large statements", "[unit][sqlscan][escape]") {
  std::string sql = "INSERT INTO t VALUES ";
  for (int i = 0; i < 50000; ++i) sql += "({d '2024-01-31'}, {fn UCASE('x}')}, '{'),";
  sql.pop_back();
  const auto out = translate_escapes(sql, opts());
  REQUIRE(out.has_value());
  std::string expected = "INSERT INTO t VALUES ";
  for (int i = 0; i < 50000; ++i) expected += "(DATE '2024-01-31', UCASE('x}'), '{'),";
  expected.pop_back();
  CHECK(*out == expected);
}

TEST_CASE("an escape clause naming a backslash is valid under both quoting rules", "[unit][sqlscan][escape]") {
  // Backslash escapes on (the server's default): '\' would not close, so it is doubled.
  const std::string sql = "SELECT a FROM t WHERE a LIKE 'x\\_%' {escape '\\'} AND b = {d '2024-01-31'}";
  const auto on = translate_escapes(sql, opts(SqlCharset::utf8, false));
  REQUIRE(on.has_value());
  CHECK(*on == "SELECT a FROM t WHERE a LIKE 'x\\_%' ESCAPE '\\\\' AND b = DATE '2024-01-31'");
  const auto spaced = translate_escapes("SELECT 1 LIKE 1 { escape  '\\'  }", opts(SqlCharset::utf8, false));
  REQUIRE(spaced.has_value());
  CHECK(*spaced == "SELECT 1 LIKE 1 ESCAPE '\\\\'");
  // NO_BACKSLASH_ESCAPES: '\' is a closed literal and stays as it is.
  const auto off = translate_escapes(sql, opts(SqlCharset::utf8, true));
  REQUIRE(off.has_value());
  CHECK(*off == "SELECT a FROM t WHERE a LIKE 'x\\_%' ESCAPE '\\' AND b = DATE '2024-01-31'");
  // Other escape characters and an already doubled backslash are copied.
  CHECK(*translate_escapes("SELECT 1 LIKE 1 {escape '!'}", opts()) == "SELECT 1 LIKE 1 ESCAPE '!'");
  CHECK(*translate_escapes("SELECT 1 LIKE 1 {escape '\\\\'}", opts()) == "SELECT 1 LIKE 1 ESCAPE '\\\\'");
  // '\'' is a quote under backslash escapes, not the ODBC backslash form.
  CHECK(*translate_escapes("SELECT 1 LIKE 1 {escape '\\''}", opts()) == "SELECT 1 LIKE 1 ESCAPE '\\''");
}
