// Cursor names: SQLSetCursorName and SQLGetCursorName (A and W) through the driver
// manager: default names, uniqueness per connection, invalid names, cursor state,
// truncation and length errors.
#include <string>

#include "driver_lib.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

std::string get_name(SQLHSTMT st) {
  SQLCHAR name[128];
  SQLSMALLINT n = -1;
  const SQLRETURN rc = SQLGetCursorName(st, name, sizeof name, &n);
  INFO(describe(SQL_HANDLE_STMT, st));
  REQUIRE(rc == SQL_SUCCESS);
  REQUIRE(n == static_cast<SQLSMALLINT>(std::strlen(reinterpret_cast<char*>(name))));
  return reinterpret_cast<char*>(name);
}

SQLRETURN set_name(SQLHSTMT st, const char* name) { return SQLSetCursorName(st, C(name), SQL_NTS); }

void expect_error(SQLRETURN rc, SQLHSTMT st, const char* state) {
  INFO(describe(SQL_HANDLE_STMT, st));
  CHECK(rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st) == state);
}

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "cursor names: a statement without one gets SQL_CUR<n>, distinct and stable",
                 "[integration][cursor_names]") {
  Stmt a(dbc), b(dbc);
  const std::string na = get_name(a.h);
  const std::string nb = get_name(b.h);
  CHECK(na.rfind("SQL_CUR", 0) == 0);
  CHECK(nb.rfind("SQL_CUR", 0) == 0);
  CHECK(na.size() > 7);
  CHECK(na != nb);
  CHECK(get_name(a.h) == na);  // asked again: the same name
  a.run("SELECT 1");
  CHECK(get_name(a.h) == na);  // executing does not rename

  // The W form returns the same name, counted in characters.
  SQLWCHAR wname[64];
  SQLSMALLINT n = -1;
  REQUIRE(SQLGetCursorNameW(a.h, wname, 64, &n) == SQL_SUCCESS);
  CHECK(n == static_cast<SQLSMALLINT>(na.size()));
  CHECK(wide(wname, static_cast<std::size_t>(n)) == utf16_of(na));
}

TEST_CASE_METHOD(Fixture, "cursor names: set and read back in the A and W forms, kept across executions",
                 "[integration][cursor_names]") {
  Stmt st(dbc);
  REQUIRE(set_name(st.h, "orders_cursor") == SQL_SUCCESS);
  CHECK(get_name(st.h) == "orders_cursor");
  // A name given with an explicit length: only that many characters count.
  REQUIRE(SQLSetCursorName(st.h, C("abcdef"), 3) == SQL_SUCCESS);
  CHECK(get_name(st.h) == "abc");

  // W: a non-ASCII name, read back through both forms.
  const std::u16string w = u"k\u00e4ufer_\u00fc";
  std::basic_string<SQLWCHAR> wbuf(w.begin(), w.end());
  REQUIRE(SQLSetCursorNameW(st.h, wbuf.data(), SQL_NTS) == SQL_SUCCESS);
  SQLWCHAR out[64];
  SQLSMALLINT n = -1;
  REQUIRE(SQLGetCursorNameW(st.h, out, 64, &n) == SQL_SUCCESS);
  CHECK(n == static_cast<SQLSMALLINT>(w.size()));
  CHECK(wide(out, static_cast<std::size_t>(n)) == w);

  REQUIRE(set_name(st.h, "kept") == SQL_SUCCESS);
  st.run("SELECT 1");  // executes, closes
  REQUIRE(SQLExecDirect(st.h, C("SELECT 2"), SQL_NTS) == SQL_SUCCESS);
  CHECK(get_name(st.h) == "kept");  // readable while the cursor is open too
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  CHECK(get_name(st.h) == "kept");
}

TEST_CASE_METHOD(Fixture, "cursor names: 3C000 for a name another statement of the connection holds",
                 "[integration][cursor_names]") {
  Stmt a(dbc);
  REQUIRE(set_name(a.h, "shared_name") == SQL_SUCCESS);
  {
    Stmt b(dbc);
    expect_error(set_name(b.h, "shared_name"), b.h, "3C000");
    expect_error(set_name(b.h, "SHARED_Name"), b.h, "3C000");  // names compare without case
    CHECK(get_name(b.h).rfind("SQL_CUR", 0) == 0);               // b kept its default name
    REQUIRE(set_name(a.h, "shared_name") == SQL_SUCCESS);          // a may set its own name again
    REQUIRE(set_name(b.h, "other") == SQL_SUCCESS);
  }
  // b is freed: its name is free again.
  Stmt c(dbc);
  REQUIRE(set_name(c.h, "other") == SQL_SUCCESS);
  // a renamed: its old name is free.
  REQUIRE(set_name(a.h, "renamed") == SQL_SUCCESS);
  REQUIRE(set_name(c.h, "shared_name") == SQL_SUCCESS);

  // Another connection has its own names.
  Dbc other(env);
  other.connect();
  Stmt d(other);
  CHECK(set_name(d.h, "renamed") == SQL_SUCCESS);
}

TEST_CASE_METHOD(Fixture, "cursor names: 34000 for names reserved to the driver, too long or empty",
                 "[integration][cursor_names]") {
  Stmt st(dbc);
  expect_error(set_name(st.h, "SQL_CUR1"), st.h, "34000");
  expect_error(set_name(st.h, "sql_cur_mine"), st.h, "34000");
  expect_error(set_name(st.h, "SQLCUR7"), st.h, "34000");
  expect_error(set_name(st.h, std::string(65, 'n').c_str()), st.h, "34000");
  expect_error(SQLSetCursorName(st.h, C("x"), 0), st.h, "34000");
  // The longest name SQL_MAX_CURSOR_NAME_LEN allows is accepted.
  SQLUSMALLINT max_len = 0;
  REQUIRE(SQLGetInfo(dbc.h, SQL_MAX_CURSOR_NAME_LEN, &max_len, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(max_len == 64);
  const std::string longest(max_len, 'n');
  REQUIRE(set_name(st.h, longest.c_str()) == SQL_SUCCESS);
  CHECK(get_name(st.h) == longest);
  CHECK(set_name(st.h, "SQL_CU") == SQL_SUCCESS);  // only the full prefix is reserved
}

TEST_CASE_METHOD(Fixture, "cursor names: 24000 when setting a name while a cursor is open",
                 "[integration][cursor_names]") {
  Stmt st(dbc);
  REQUIRE(SQLExecDirect(st.h, C("SELECT 1"), SQL_NTS) == SQL_SUCCESS);
  expect_error(set_name(st.h, "late"), st.h, "24000");
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  REQUIRE(set_name(st.h, "late") == SQL_SUCCESS);
  CHECK(get_name(st.h) == "late");
}

TEST_CASE_METHOD(Fixture, "cursor names: truncation is 01004 with the full length, in both forms",
                 "[integration][cursor_names]") {
  Stmt st(dbc);
  REQUIRE(set_name(st.h, "truncated_name") == SQL_SUCCESS);
  SQLCHAR small[5];
  SQLSMALLINT n = -1;
  REQUIRE(SQLGetCursorName(st.h, small, sizeof small, &n) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(n == 14);
  CHECK(std::string(reinterpret_cast<char*>(small)) == "trun");

  SQLWCHAR wsmall[5];
  n = -1;
  REQUIRE(SQLGetCursorNameW(st.h, wsmall, 5, &n) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(n == 14);
  CHECK(wide(wsmall, 4) == u"trun");
  CHECK(wsmall[4] == 0);

  // Only the length asked for.
  n = -1;
  REQUIRE(SQLGetCursorName(st.h, nullptr, 0, &n) == SQL_SUCCESS);
  CHECK(n == 14);
}

TEST_CASE("cursor names: HY090 and HY009 from the driver itself", "[integration][cursor_names]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  auto set = reinterpret_cast<decltype(&::SQLSetCursorName)>(driver().symbol("SQLSetCursorName"));
  auto get = reinterpret_cast<decltype(&::SQLGetCursorName)>(driver().symbol("SQLGetCursorName"));
  REQUIRE(set != nullptr);
  REQUIRE(get != nullptr);
  SQLCHAR name[16];
  SQLSMALLINT n = 0;
  CHECK(set(st.h, C("abc"), -7) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st.h) == "HY090");
  CHECK(set(st.h, nullptr, SQL_NTS) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st.h) == "HY009");
  CHECK(get(st.h, name, -1, &n) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st.h) == "HY090");
  CHECK(set(st.h, C("direct"), SQL_NTS) == SQL_SUCCESS);
  CHECK(get(st.h, name, sizeof name, &n) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(name)) == "direct");
}
