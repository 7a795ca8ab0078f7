// The misuse walker, part 3: a smaller sweep through the unixODBC driver manager, as
// applications really call the driver. The manager answers some misuses itself (the
// checks the ODBC reference marks "(DM)"); the rest reach the driver. Either way the
// application must see the reference's SQLSTATE, and nothing may crash.
#include <initializer_list>
#include <string>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

#define EXPECT_STATE(call, type, handle, want_rc, want_state)               \
  do {                                                                      \
    const SQLRETURN rc_ = (call);                                           \
    INFO(#call << " -> " << rc_ << "\n" << describe(type, handle));         \
    CHECK(rc_ == (want_rc));                                                \
    CHECK(first_state(type, handle) == std::string(want_state));           \
  } while (0)

}  // namespace

TEST_CASE("misuse through the driver manager: state order, bad arguments, dead handles",
          "[integration][misuse]") {
  Env env;
  Dbc idle(env);
  Dbc dbc(env);
  dbc.connect();

  // Before connecting.
  SQLCHAR text[64];
  SQLSMALLINT n = 0;
  SQLINTEGER ni = 0;
  EXPECT_STATE(SQLGetInfo(idle.h, SQL_DBMS_NAME, text, sizeof text, &n), SQL_HANDLE_DBC, idle.h, SQL_ERROR, "08003");
  EXPECT_STATE(SQLNativeSql(idle.h, C("SELECT 1"), SQL_NTS, text, sizeof text, &ni), SQL_HANDLE_DBC, idle.h,
               SQL_ERROR, "08003");
  EXPECT_STATE(SQLDisconnect(idle.h), SQL_HANDLE_DBC, idle.h, SQL_ERROR, "08003");
  SQLHSTMT none = SQL_NULL_HSTMT;
  EXPECT_STATE(SQLAllocHandle(SQL_HANDLE_STMT, idle.h, &none), SQL_HANDLE_DBC, idle.h, SQL_ERROR, "08003");

  // Connection arguments.
  EXPECT_STATE(SQLGetInfo(dbc.h, SQL_DBMS_NAME, text, -1, &n), SQL_HANDLE_DBC, dbc.h, SQL_ERROR, "HY090");
  SQLWCHAR x[] = {'x', 0};
  EXPECT_STATE(SQLSetConnectAttrW(dbc.h, SQL_ATTR_CURRENT_CATALOG, x, -7), SQL_HANDLE_DBC, dbc.h, SQL_ERROR, "HY090");
  EXPECT_STATE(SQLEndTran(SQL_HANDLE_DBC, dbc.h, 7), SQL_HANDLE_DBC, dbc.h, SQL_ERROR, "HY012");
  EXPECT_STATE(SQLFreeHandle(SQL_HANDLE_DBC, dbc.h), SQL_HANDLE_DBC, dbc.h, SQL_ERROR, "HY010");

  Stmt st(dbc);
  SQLLEN len = 0;
  // Statement order.
  EXPECT_STATE(SQLFetch(st.h), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY010");
  EXPECT_STATE(SQLExecute(st.h), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY010");
  EXPECT_STATE(SQLRowCount(st.h, &len), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY010");
  EXPECT_STATE(SQLCloseCursor(st.h), SQL_HANDLE_STMT, st.h, SQL_ERROR, "24000");
  EXPECT_STATE(SQLExecDirect(st.h, nullptr, SQL_NTS), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY009");
  EXPECT_STATE(SQLExecDirect(st.h, C("SELECT 1"), -5), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY090");
  EXPECT_STATE(SQLBindCol(st.h, 1, SQL_C_CHAR, text, -1, &len), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY090");
  REQUIRE(st.exec("SELECT 1 AS a, 'x' AS b") == SQL_SUCCESS);
  EXPECT_STATE(SQLGetData(st.h, 1, SQL_C_CHAR, text, sizeof text, &len), SQL_HANDLE_STMT, st.h, SQL_ERROR, "24000");
  EXPECT_STATE(SQLExecDirect(st.h, C("SELECT 2"), SQL_NTS), SQL_HANDLE_STMT, st.h, SQL_ERROR, "24000");
  EXPECT_STATE(SQLDescribeCol(st.h, 0, text, sizeof text, &n, nullptr, nullptr, nullptr, nullptr), SQL_HANDLE_STMT,
               st.h, SQL_ERROR, "07009");
  EXPECT_STATE(SQLDescribeCol(st.h, 3, text, sizeof text, &n, nullptr, nullptr, nullptr, nullptr), SQL_HANDLE_STMT,
               st.h, SQL_ERROR, "07009");
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  EXPECT_STATE(SQLGetData(st.h, 3, SQL_C_CHAR, text, sizeof text, &len), SQL_HANDLE_STMT, st.h, SQL_ERROR, "07009");
  EXPECT_STATE(SQLGetData(st.h, 2, SQL_C_CHAR, text, -1, &len), SQL_HANDLE_STMT, st.h, SQL_ERROR, "HY090");
  // The statement still reads its row after every refusal.
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &len) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(text)) == "x");
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);

  // Diagnostics arguments (one record to read: 24000 from closing no cursor).
  REQUIRE(SQLCloseCursor(st.h) == SQL_ERROR);
  SQLCHAR state[6];
  CHECK(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 0, state, &ni, text, sizeof text, &n) == SQL_ERROR);
  // (A negative buffer length is the manager's own business here: unixODBC keeps its own
  // copy of the records and answers it; the direct walker checks the driver's answer.)
  CHECK(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, state, &ni, text, sizeof text, &n) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "24000");

  // Null and freed handles.
  CHECK(SQLExecDirect(SQL_NULL_HSTMT, C("SELECT 1"), SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(SQLGetInfo(SQL_NULL_HDBC, SQL_DBMS_NAME, text, sizeof text, &n) == SQL_INVALID_HANDLE);
  CHECK(SQLSetEnvAttr(SQL_NULL_HENV, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) ==
        SQL_INVALID_HANDLE);
  SQLHSTMT gone = SQL_NULL_HSTMT;
  REQUIRE(SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &gone) == SQL_SUCCESS);
  REQUIRE(SQLFreeHandle(SQL_HANDLE_STMT, gone) == SQL_SUCCESS);
  CHECK(SQLExecDirect(gone, C("SELECT 1"), SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(SQLFreeHandle(SQL_HANDLE_STMT, gone) == SQL_INVALID_HANDLE);

  // The connection survived it all.
  CHECK(st.scalar("SELECT 6 * 7") == "42");
}
