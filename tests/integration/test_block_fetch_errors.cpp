// Block fetch with column-wise binding when rows of the rowset fail or truncate: the row
// status array, rows fetched and diagnostics naming each row, on a forward-only and on a
// static cursor (whose rowset can be fetched again).
#include <cstring>
#include <string>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// "SQLSTATE row N" (SQL_DIAG_ROW_NUMBER) of every record.
std::vector<std::string> states_with_rows(SQLHSTMT st) {
  std::vector<std::string> out;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR state[6] = {};
    if (!SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_STMT, st, i, state, nullptr, nullptr, 0, nullptr))) break;
    SQLLEN row = 0;
    REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st, i, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr) == SQL_SUCCESS);
    out.push_back(std::string(reinterpret_cast<char*>(state)) + " row " + std::to_string(row));
  }
  return out;
}

}  // namespace

TEST_CASE("Block fetch: column-wise arrays with a failing row and a truncated row", "[integration][block_fetch]") {
  const SQLULEN cursor = GENERATE(SQLULEN{SQL_CURSOR_FORWARD_ONLY}, SQLULEN{SQL_CURSOR_STATIC});
  INFO("cursor type " << cursor);
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  SQLINTEGER values[4];
  SQLLEN value_ind[4];
  SQLWCHAR labels[4][4];  // three characters and the terminator
  SQLLEN label_ind[4];
  std::memset(values, 0, sizeof values);
  SQLULEN fetched = 0;
  SQLUSMALLINT status[4];
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(static_cast<SQLLEN>(cursor)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  // Row 2 is not a number (22018), row 3 does not fit an INTEGER
  // (22003), row 4's label is longer than three characters (01004).
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT v, l FROM (SELECT '1' AS v, 'a' AS l UNION ALL SELECT 'x', 'b' "
                                "UNION ALL SELECT '99999999999', 'c' "
                                "UNION ALL SELECT '4', 'd\xc3\xa9\xc3\xa9\xc3\xa9') t")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, values, 0, value_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_WCHAR, labels, sizeof labels[0], label_ind) == SQL_SUCCESS);

  auto check_rowset = [&](SQLRETURN rc) {
    CHECK(rc == SQL_SUCCESS_WITH_INFO);
    CHECK(fetched == 4);
    CHECK(status[0] == SQL_ROW_SUCCESS);
    CHECK(status[1] == SQL_ROW_ERROR);
    CHECK(status[2] == SQL_ROW_ERROR);
    CHECK(status[3] == SQL_ROW_SUCCESS_WITH_INFO);
    CHECK(values[0] == 1);
    CHECK(values[3] == 4);
    CHECK(label_ind[0] == 2);
    CHECK(labels[0][0] == u'a');
    CHECK(labels[1][0] == u'b');  // the other column of a failing row still arrives
    CHECK(label_ind[3] == 4 * 2);  // the full length, in bytes
    CHECK(labels[3][0] == u'd');
    CHECK(labels[3][2] == 0x00E9);
    CHECK(labels[3][3] == 0);
    const auto diags = states_with_rows(st.h);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    CHECK(diags == std::vector<std::string>{"22018 row 2", "22003 row 3", "01004 row 4"});
  };
  check_rowset(SQLFetch(st.h));
  if (cursor == SQL_CURSOR_STATIC) {
    // The same rowset again, read from the static cursor's rows: the same statuses.
    std::memset(values, 0, sizeof values);
    std::memset(status, 0xff, sizeof status);
    check_rowset(SQLFetchScroll(st.h, SQL_FETCH_FIRST, 0));
    CHECK(SQLFetchScroll(st.h, SQL_FETCH_NEXT, 0) == SQL_NO_DATA);
  } else {
    CHECK(SQLFetch(st.h) == SQL_NO_DATA);
  }
}
