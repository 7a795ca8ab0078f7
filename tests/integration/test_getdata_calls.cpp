// SQLGetData's per-call path (core/statement_fetch.cpp, Statement::get_data): the checks it
// makes on every call, in their order, and the diagnostics each call leaves. Called on the
// driver directly (driver_lib.h), so the driver manager's own state checks do not answer
// first.
#include <string>

#include "driver_lib.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

template <class F>
F entry(const char* name) {
  auto f = reinterpret_cast<F>(driver().symbol(name));
  REQUIRE(f != nullptr);
  return f;
}

SQLRETURN get_slong(SQLHSTMT st, SQLUSMALLINT column, SQLSMALLINT c_type, SQLINTEGER& value) {
  SQLLEN ind = 0;
  return driver().SQLGetData(st, column, c_type, &value, sizeof value, &ind);
}

std::string state_after(SQLHSTMT st) { return driver_first_state(SQL_HANDLE_STMT, st); }

}  // namespace

TEST_CASE("SQLGetData checks the statement, the row, the column, then the C type", "[integration][getdata]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  SQLINTEGER value = 0;

  // Nothing executed: HY010, whatever the column and type.
  CHECK(get_slong(st.h, 99, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "HY010");

  // A statement without a result set: 24000.
  REQUIRE(st.exec("SET @holdfast_getdata = 1") == SQL_SUCCESS);
  CHECK(get_slong(st.h, 99, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "24000");

  // A result set, but the cursor is before the first row: 24000 before the bad column.
  REQUIRE(st.exec("SELECT 7 AS a, 8 AS b") == SQL_SUCCESS);
  CHECK(get_slong(st.h, 99, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "24000");

  REQUIRE(driver().SQLFetch(st.h) == SQL_SUCCESS);
  // On the row: a column past the last, and column 0 without bookmarks, are 07009, before
  // the C type is looked at.
  CHECK(get_slong(st.h, 3, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "07009");
  CHECK(get_slong(st.h, 0, SQL_C_SLONG, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "07009");
  // A column that exists with a C type that does not: HY003.
  CHECK(get_slong(st.h, 1, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "HY003");
  // And the same column then reads, its diagnostics cleared by the call.
  CHECK(get_slong(st.h, 1, SQL_C_SLONG, value) == SQL_SUCCESS);
  CHECK(value == 7);
  CHECK(driver_diagnostics(SQL_HANDLE_STMT, st.h).empty());
  CHECK(get_slong(st.h, 2, SQL_C_SLONG, value) == SQL_SUCCESS);
  CHECK(value == 8);

  // Past the last row: 24000 again.
  CHECK(driver().SQLFetch(st.h) == SQL_NO_DATA);
  CHECK(get_slong(st.h, 1, SQL_C_SLONG, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "24000");
}

TEST_CASE("SQLGetData while the statement waits for data at execution is HY010", "[integration][getdata]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  auto prepare = entry<decltype(&::SQLPrepare)>("SQLPrepare");
  auto bind = entry<decltype(&::SQLBindParameter)>("SQLBindParameter");
  auto execute = entry<decltype(&::SQLExecute)>("SQLExecute");
  auto cancel = entry<decltype(&::SQLCancel)>("SQLCancel");
  REQUIRE(prepare(st.h, (SQLCHAR*)"SELECT ?", SQL_NTS) == SQL_SUCCESS);
  SQLLEN at_exec = SQL_LEN_DATA_AT_EXEC(0);
  REQUIRE(bind(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, reinterpret_cast<SQLPOINTER>(1), 0,
               &at_exec) == SQL_SUCCESS);
  REQUIRE(execute(st.h) == SQL_NEED_DATA);
  SQLINTEGER value = 0;
  CHECK(get_slong(st.h, 99, 9999, value) == SQL_ERROR);
  CHECK(state_after(st.h) == "HY010");
  CHECK(cancel(st.h) == SQL_SUCCESS);
}

TEST_CASE("a warning of one SQLGetData call is gone after the next, and the C type may change per row",
          "[integration][getdata]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  REQUIRE(st.exec("SELECT 'abcdef' AS t, 41 AS n UNION ALL SELECT 'ghijkl', 42") == SQL_SUCCESS);
  REQUIRE(driver().SQLFetch(st.h) == SQL_SUCCESS);
  char text[4] = {};
  SQLLEN ind = 0;
  CHECK(driver().SQLGetData(st.h, 1, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS_WITH_INFO);
  CHECK(state_after(st.h) == "01004");
  CHECK(std::string(text) == "abc");
  // The next call, on another column, starts with an empty diagnostic area.
  char number[8] = {};
  CHECK(driver().SQLGetData(st.h, 2, SQL_C_CHAR, number, sizeof number, &ind) == SQL_SUCCESS);
  CHECK(std::string(number) == "41");
  CHECK(driver_diagnostics(SQL_HANDLE_STMT, st.h).empty());

  // Row 2: the same columns read as other C types (the conversion is chosen again).
  REQUIRE(driver().SQLFetch(st.h) == SQL_SUCCESS);
  SQLINTEGER n = 0;
  CHECK(get_slong(st.h, 2, SQL_C_SLONG, n) == SQL_SUCCESS);
  CHECK(n == 42);
  SQLWCHAR wide_text[8] = {};
  CHECK(driver().SQLGetData(st.h, 1, SQL_C_WCHAR, wide_text, sizeof wide_text, &ind) == SQL_SUCCESS);
  CHECK(ind == 6 * static_cast<SQLLEN>(sizeof(SQLWCHAR)));
  CHECK(wide(wide_text, 6) == u"ghijkl");
}
