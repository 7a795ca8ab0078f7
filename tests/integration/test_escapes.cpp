// ODBC escape sequences run against the server ({d}, {t}, {ts}, {fn}, {oj},
// {escape}, {call}, {?= call}, {interval}), and SQLNativeSql (A and W) with its errors.
#include <string>
#include <vector>

#include "driver_lib.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

// Every column of the first row as text ("<NULL>" for NULL); closes the cursor.
std::vector<std::string> first_row(SQLHSTMT st, const std::string& sql) {
  const SQLRETURN rc = SQLExecDirect(st, C(sql.c_str()), SQL_NTS);
  INFO(sql << "\n" << describe(SQL_HANDLE_STMT, st));
  REQUIRE(SQL_SUCCEEDED(rc));
  SQLSMALLINT columns = 0;
  REQUIRE(SQLNumResultCols(st, &columns) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st) == SQL_SUCCESS);
  std::vector<std::string> row;
  for (SQLUSMALLINT i = 1; i <= static_cast<SQLUSMALLINT>(columns); ++i) {
    char buffer[512];
    SQLLEN ind = 0;
    REQUIRE(SQL_SUCCEEDED(SQLGetData(st, i, SQL_C_CHAR, buffer, sizeof buffer, &ind)));
    row.emplace_back(ind == SQL_NULL_DATA ? "<NULL>" : buffer);
  }
  SQLFreeStmt(st, SQL_CLOSE);
  return row;
}

std::string native(SQLHDBC dbc, const std::string& sql) {
  SQLCHAR out[1024];
  SQLINTEGER n = -1;
  const SQLRETURN rc = SQLNativeSql(dbc, C(sql.c_str()), SQL_NTS, out, sizeof out, &n);
  INFO(sql << "\n" << describe(SQL_HANDLE_DBC, dbc));
  REQUIRE(rc == SQL_SUCCESS);
  REQUIRE(n == static_cast<SQLINTEGER>(std::strlen(reinterpret_cast<char*>(out))));
  return reinterpret_cast<char*>(out);
}

}  // namespace

TEST_CASE_METHOD(Fixture, "escapes: date, time and timestamp literals", "[integration][escapes]") {
  Stmt st(dbc);
  const auto row = first_row(st.h, "SELECT {d '2024-02-29'}, {t '23:59:58'}, {ts '2024-01-31 10:11:12'}, "
                                   "{ts '2024-01-31 10:11:12.5'} = TIMESTAMP '2024-01-31 10:11:12.5'");
  CHECK(row == std::vector<std::string>{"2024-02-29", "23:59:58", "2024-01-31 10:11:12", "1"});

  // As parameters: {d ?} with a character value.
  REQUIRE(SQLPrepare(st.h, C("SELECT {fn DAYOFMONTH({d ?})}"), SQL_NTS) == SQL_SUCCESS);
  char value[] = "2024-03-17";
  SQLLEN ind = SQL_NTS;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, value, sizeof value, &ind) ==
          SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(SQLExecute(st.h)));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  SQLINTEGER day = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_SLONG, &day, 0, nullptr) == SQL_SUCCESS);
  CHECK(day == 17);
  SQLFreeStmt(st.h, SQL_CLOSE);

  // An invalid value is 22007 before anything reaches the server.
  REQUIRE(SQLExecDirect(st.h, C("SELECT {d '2024-13-45x'}"), SQL_NTS) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22007");
  REQUIRE(SQLExecDirect(st.h, C("SELECT {fn UCASE('a')"), SQL_NTS) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "42000");
}

TEST_CASE_METHOD(Fixture, "escapes: scalar functions, nested and converted", "[integration][escapes]") {
  Stmt st(dbc);
  const auto row = first_row(st.h,
                             "SELECT {fn UCASE('abc')}, {fn CONCAT({fn LTRIM('  a')}, {fn LCASE('B')})}, "
                             "{fn LENGTH('ab  ')}, {fn LENGTH('\xc3\xa4\xc3\xb6')}, {fn CONVERT('42', SQL_INTEGER)} + 1, "
                             "{fn CONVERT(7, SQL_VARCHAR)}, {fn CONVERT('2024-05-06', SQL_DATE)}, "
                             "{fn CONVERT(1, SQL_DOUBLE)} / 4, {fn ABS(-3)}, {fn MOD(10, 4)}, "
                             "{fn SUBSTRING('holdfast', 5, 4)}, {fn LOCATE('d', 'holdfast')}");
  CHECK(row == std::vector<std::string>{"ABC", "ab", "2", "2", "43", "7", "2024-05-06", "0.25", "3", "2", "fast", "4"});

  const auto dates = first_row(st.h,
                               "SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, {d '2024-02-28'})}, "
                               "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, {d '2024-01-01'}, {d '2024-03-01'})}, "
                               "{fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 5000000, {ts '2024-01-01 00:00:00'})}, "
                               "{fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, {ts '2024-01-01 00:00:00'}, "
                               "{ts '2024-01-01 00:00:00.25'})}, "
                               "{fn YEAR({d '2031-07-04'})}, {fn DAYOFWEEK({d '2024-01-07'})}, {fn DATABASE()}");
  CHECK(dates == std::vector<std::string>{"2024-02-29", "2", "2024-01-01 00:00:00.005000", "250000000", "2031", "1",
                                          env_or("TEST_SCHEMA", "holdfast_test")});
  const auto interval = first_row(st.h, "SELECT {d '2024-01-31'} + {interval '1' MONTH}, "
                                        "{ts '2024-01-01 00:00:00'} + {interval -'1 02:00:00' DAY TO SECOND}");
  CHECK(interval == std::vector<std::string>{"2024-02-29", "2023-12-30 22:00:00"});
}

TEST_CASE_METHOD(Fixture, "escapes: outer joins and LIKE escape characters", "[integration][escapes]") {
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS esc_a");
  st.run("DROP TABLE IF EXISTS esc_b");
  st.run("CREATE TABLE esc_a (id INT PRIMARY KEY, name VARCHAR(20))");
  st.run("CREATE TABLE esc_b (id INT PRIMARY KEY, a_id INT)");
  st.run("INSERT INTO esc_a VALUES (1, 'a_1'), (2, 'ab1'), (3, 'a%1'), (4, 'a\\\\1')");
  st.run("INSERT INTO esc_b VALUES (10, 1), (11, 1), (12, 3)");

  CHECK(first_row(st.h, "SELECT COUNT(*), COUNT(b.id) FROM {oj esc_a a LEFT OUTER JOIN esc_b b ON a.id = b.a_id}") ==
        std::vector<std::string>{"5", "3"});
  CHECK(first_row(st.h, "SELECT COUNT(*) FROM {oj esc_a a LEFT OUTER JOIN esc_b b ON a.id = b.a_id} "
                        "WHERE b.id IS NULL") == std::vector<std::string>{"2"});

  // {escape '\'} as ODBC applications write it: a_1 only, not ab1.
  CHECK(first_row(st.h, "SELECT GROUP_CONCAT(id ORDER BY id) FROM esc_a WHERE name LIKE 'a\\_1' {escape '\\'}") ==
        std::vector<std::string>{"1"});
  CHECK(first_row(st.h, "SELECT GROUP_CONCAT(id ORDER BY id) FROM esc_a WHERE name LIKE 'a!%%' {escape '!'}") ==
        std::vector<std::string>{"3"});
  CHECK(first_row(st.h, "SELECT GROUP_CONCAT(id ORDER BY id) FROM esc_a WHERE name LIKE 'a_1' {escape '!'}") ==
        std::vector<std::string>{"1,2,3,4"});
  // Under NO_BACKSLASH_ESCAPES the same text works too.
  st.run("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
  CHECK(first_row(st.h, "SELECT GROUP_CONCAT(id ORDER BY id) FROM esc_a WHERE name LIKE 'a\\_1' {escape '\\'}") ==
        std::vector<std::string>{"1"});
  st.run("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
  st.run("DROP TABLE esc_a");
  st.run("DROP TABLE esc_b");
}

TEST_CASE_METHOD(Fixture, "escapes: {call} with IN parameters and {?= call} of a function",
                 "[integration][escapes]") {
  Stmt st(dbc);
  st.run("DROP PROCEDURE IF EXISTS esc_proc");
  st.run("DROP FUNCTION IF EXISTS esc_twice");
  st.run("CREATE PROCEDURE esc_proc(IN a INT, IN b VARCHAR(20)) SELECT a * 10 AS x, CONCAT(b, '!') AS y");
  st.run("CREATE FUNCTION esc_twice(v INT) RETURNS INT DETERMINISTIC RETURN v * 2");

  REQUIRE(SQLPrepare(st.h, C("{call esc_proc(?, ?)}"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER a = 4;
  char b[] = "hi";
  SQLLEN bind = SQL_NTS;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &a, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, b, sizeof b, &bind) ==
          SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(SQLExecute(st.h)));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  SQLINTEGER x = 0;
  char y[16] = {};
  REQUIRE(SQLGetData(st.h, 1, SQL_C_SLONG, &x, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, y, sizeof y, nullptr) == SQL_SUCCESS);
  CHECK(x == 40);
  CHECK(std::string(y) == "hi!");
  SQLFreeStmt(st.h, SQL_CLOSE);
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);

  // {?= call f(?)} runs as SELECT f(?): with parameter 1 not bound for output, the value
  // comes back as a one-row result (bound, it lands in parameter 1: test_out_params.cpp).
  const auto value = first_row(st.h, "{?= call esc_twice(21)}");
  CHECK(value == std::vector<std::string>{"42"});
  st.run("DROP PROCEDURE esc_proc");
  st.run("DROP FUNCTION esc_twice");
}

TEST_CASE_METHOD(Fixture, "SQLNativeSql translates every escape and leaves other text alone",
                 "[integration][escapes]") {
  CHECK(native(dbc.h, "SELECT {d '2024-01-31'}, {t '10:11:12'}, {ts '2024-01-31 10:11:12'}") ==
        "SELECT DATE '2024-01-31', TIME '10:11:12', TIMESTAMP '2024-01-31 10:11:12'");
  CHECK(native(dbc.h, "SELECT {fn UCASE({fn LTRIM(x)})} FROM t") == "SELECT UCASE(LTRIM(x)) FROM t");
  CHECK(native(dbc.h, "SELECT * FROM {oj a LEFT OUTER JOIN b ON a.id = b.id}") ==
        "SELECT * FROM a LEFT OUTER JOIN b ON a.id = b.id");
  CHECK(native(dbc.h, "SELECT 1 FROM t WHERE s LIKE '\\_%' {escape '\\'}") ==
        "SELECT 1 FROM t WHERE s LIKE '\\_%' ESCAPE '\\\\'");
  CHECK(native(dbc.h, "{call p(?, ?)}") == "CALL p(?, ?)");
  CHECK(native(dbc.h, "{?= call f(?)}") == "SELECT f(?)");
  CHECK(native(dbc.h, "SELECT '{d x}' /* {fn y} */") == "SELECT '{d x}' /* {fn y} */");

  // W: counted in characters, non-ASCII kept.
  const std::u16string in = u"SELECT {fn UCASE('\u00e4\u20ac')}";
  std::basic_string<SQLWCHAR> win(in.begin(), in.end());
  SQLWCHAR wout[128];
  SQLINTEGER n = -1;
  REQUIRE(SQLNativeSqlW(dbc.h, win.data(), SQL_NTS, wout, 128, &n) == SQL_SUCCESS);
  const std::u16string want = u"SELECT UCASE('\u00e4\u20ac')";
  CHECK(n == static_cast<SQLINTEGER>(want.size()));
  CHECK(wide(wout, static_cast<std::size_t>(n)) == want);

  // Truncation: 01004 with the full length, in both forms.
  SQLCHAR small[8];
  n = -1;
  REQUIRE(SQLNativeSql(dbc.h, C("{call p(?)}"), SQL_NTS, small, sizeof small, &n) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "01004");
  CHECK(n == 9);
  CHECK(std::string(reinterpret_cast<char*>(small)) == "CALL p(");
  SQLWCHAR wsmall[4];
  n = -1;
  REQUIRE(SQLNativeSqlW(dbc.h, win.data(), SQL_NTS, wsmall, 4, &n) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "01004");
  CHECK(n == static_cast<SQLINTEGER>(want.size()));
  CHECK(wide(wsmall, 3) == u"SEL");
  CHECK(wsmall[3] == 0);

  // Errors: an invalid date is 22007, a malformed escape 42000.
  REQUIRE(SQLNativeSql(dbc.h, C("SELECT {d '2024-02-30x'}"), SQL_NTS, small, sizeof small, &n) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "22007");
  REQUIRE(SQLNativeSql(dbc.h, C("SELECT {fn UCASE(x)"), SQL_NTS, small, sizeof small, &n) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "42000");
}

TEST_CASE("SQLNativeSql argument errors from the driver itself", "[integration][escapes]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  auto f = reinterpret_cast<decltype(&::SQLNativeSql)>(driver().symbol("SQLNativeSql"));
  REQUIRE(f != nullptr);
  SQLCHAR out[32];
  SQLINTEGER n = 0;
  CHECK(f(dbc.h, nullptr, SQL_NTS, out, sizeof out, &n) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY009");
  CHECK(f(dbc.h, C("SELECT 1"), -5, out, sizeof out, &n) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY090");
  CHECK(f(dbc.h, C("SELECT 1"), SQL_NTS, out, -1, &n) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY090");
  // An explicit length: only that many bytes are read.
  CHECK(f(dbc.h, C("{call p}XYZ"), 8, out, sizeof out, &n) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(out)) == "CALL p");
}
