// ODBC 2 applications (SQL_ATTR_ODBC_VERSION = SQL_OV_ODBC2) through the driver manager:
// the ODBC 2 entry points unixODBC maps onto the driver's ODBC 3 ones (SQLColAttributes
// -> SQLColAttribute, SQLSetParam -> SQLBindParameter, SQLParamOptions ->
// SQL_ATTR_PARAMSET_SIZE + SQL_ATTR_PARAMS_PROCESSED_PTR), the ones the driver exports
// itself (SQLAllocStmt, SQLSetStmtOption, SQLTransact, ...), ODBC 2 type codes and ODBC 2
// SQLSTATEs as such an application sees them.
#include <string>

#include "driver_lib.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

struct Odbc2 {
  Env env{SQL_OV_ODBC2};
  Dbc dbc{env};
  Odbc2() { dbc.connect(); }
};

// The SQLSTATE of the first record, read with SQLError as an ODBC 2 application does.
std::string error_state(SQLHSTMT st) {
  SQLCHAR state[6] = {};
  SQLINTEGER native = 0;
  SQLCHAR message[512];
  SQLSMALLINT length = 0;
  const SQLRETURN rc = SQLError(SQL_NULL_HENV, SQL_NULL_HDBC, st, state, &native, message, sizeof message, &length);
  INFO("SQLError: " << rc << " " << message);
  REQUIRE(rc == SQL_SUCCESS);
  return reinterpret_cast<char*>(state);
}

SQLLEN count_rows(SQLHSTMT st, const std::string& sql) {
  REQUIRE(SQL_SUCCEEDED(SQLExecDirect(st, C(sql.c_str()), SQL_NTS)));
  REQUIRE(SQLFetch(st) == SQL_SUCCESS);
  SQLINTEGER n = -1;
  REQUIRE(SQLGetData(st, 1, SQL_C_LONG, &n, 0, nullptr) == SQL_SUCCESS);
  SQLFreeStmt(st, SQL_CLOSE);
  return n;
}

}  // namespace

TEST_CASE_METHOD(Odbc2, "ODBC 2: SQLColAttributes with ODBC 2 fields and type codes", "[integration][odbc2]") {
  SQLHSTMT st = SQL_NULL_HSTMT;
  REQUIRE(SQLAllocStmt(dbc.h, &st) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(SQLExecDirect(st,
                                      C("SELECT 'abc' AS name_col, CAST('2024-01-02 03:04:05' AS DATETIME) AS ts, "
                                        "CAST('2024-01-02' AS DATE) AS d, CAST('03:04:05' AS TIME) AS t"),
                                      SQL_NTS)));
  SQLLEN number = -1;
  REQUIRE(SQLColAttributes(st, 1, SQL_COLUMN_COUNT, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 4);
  SQLCHAR name[64] = {};
  SQLSMALLINT length = -1;
  REQUIRE(SQLColAttributes(st, 1, SQL_COLUMN_NAME, name, sizeof name, &length, &number) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(name)) == "name_col");
  CHECK(length == 8);
  REQUIRE(SQLColAttributes(st, 2, SQL_COLUMN_LABEL, name, sizeof name, &length, &number) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(name)) == "ts");

  // ODBC 2 date/time codes (9, 10, 11), from SQLColAttributes and SQLDescribeCol.
  const SQLSMALLINT want[] = {SQL_TIMESTAMP, SQL_DATE, SQL_TIME};
  for (SQLUSMALLINT col = 2; col <= 4; ++col) {
    INFO("column " << col);
    number = -1;
    REQUIRE(SQLColAttributes(st, col, SQL_COLUMN_TYPE, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
    CHECK(number == want[col - 2]);
    SQLSMALLINT type = 0;
    REQUIRE(SQLDescribeCol(st, col, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr) == SQL_SUCCESS);
    CHECK(type == want[col - 2]);
  }
  // The W form, mapped to SQLColAttributeW.
  SQLWCHAR wname[64] = {};
  length = -1;
  REQUIRE(SQLColAttributesW(st, 1, SQL_COLUMN_NAME, wname, sizeof wname, &length, &number) == SQL_SUCCESS);
  CHECK(wide(wname, 8) == u"name_col");

  // ODBC 2 SQLSTATE: S1002 for a column that does not exist.
  CHECK(SQLColAttributes(st, 9, SQL_COLUMN_TYPE, nullptr, 0, nullptr, &number) == SQL_ERROR);
  CHECK(error_state(st) == "S1002");
  REQUIRE(SQLFreeStmt(st, SQL_DROP) == SQL_SUCCESS);
}

TEST_CASE_METHOD(Odbc2, "ODBC 2: SQLSetParam and SQLParamOptions insert rows", "[integration][odbc2]") {
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS odbc2_rows");
  st.run("CREATE TABLE odbc2_rows (id INT, name VARCHAR(20))");

  REQUIRE(SQLPrepare(st.h, C("INSERT INTO odbc2_rows VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER id = 7;
  char name[] = "seven";
  SQLLEN name_ind = SQL_NTS;
  REQUIRE(SQLSetParam(st.h, 1, SQL_C_LONG, SQL_INTEGER, 0, 0, &id, nullptr) == SQL_SUCCESS);
  {
    const SQLRETURN rc = SQLSetParam(st.h, 2, SQL_C_CHAR, SQL_VARCHAR, 20, 0, name, &name_ind);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
  }
  {
    const SQLRETURN rc = SQLExecute(st.h);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(SQL_SUCCEEDED(rc));
  }
  CHECK(st.scalar("SELECT CONCAT(id, ':', name) FROM odbc2_rows") == "7:seven");
  st.run("DELETE FROM odbc2_rows");

  // Three rows in one execution; the DM sets SQL_ATTR_PARAMSET_SIZE and the processed count.
  REQUIRE(SQLFreeStmt(st.h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO odbc2_rows (id) VALUES (?)"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER ids[3] = {10, 11, 12};
  SQLULEN processed = 0;
  REQUIRE(SQLParamOptions(st.h, 3, &processed) == SQL_SUCCESS);
  REQUIRE(SQLSetParam(st.h, 1, SQL_C_LONG, SQL_INTEGER, 0, 0, ids, nullptr) == SQL_SUCCESS);
  {
    const SQLRETURN rc = SQLExecute(st.h);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(SQL_SUCCEEDED(rc));
  }
  CHECK(processed == 3);
  SQLULEN size = 0;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, &size, 0, nullptr) == SQL_SUCCESS);
  CHECK(size == 3);
  CHECK(st.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM odbc2_rows") == "10,11,12");
  REQUIRE(SQLParamOptions(st.h, 1, &processed) == SQL_SUCCESS);
  st.run("DROP TABLE odbc2_rows");
}

TEST_CASE_METHOD(Odbc2, "ODBC 2: statement and connection options, SQLTransact", "[integration][odbc2]") {
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS odbc2_tx");
  st.run("CREATE TABLE odbc2_tx (id INT) ENGINE=InnoDB");
  st.run("INSERT INTO odbc2_tx VALUES (1), (2), (3)");

  REQUIRE(SQLSetStmtOption(st.h, SQL_MAX_ROWS, 2) == SQL_SUCCESS);
  SQLULEN max_rows = 0;
  REQUIRE(SQLGetStmtOption(st.h, SQL_MAX_ROWS, &max_rows) == SQL_SUCCESS);
  CHECK(max_rows == 2);
  REQUIRE(SQL_SUCCEEDED(SQLExecDirect(st.h, C("SELECT id FROM odbc2_tx ORDER BY id"), SQL_NTS)));
  int rows = 0;
  while (SQLFetch(st.h) == SQL_SUCCESS) ++rows;
  CHECK(rows == 2);
  SQLFreeStmt(st.h, SQL_CLOSE);
  REQUIRE(SQLSetStmtOption(st.h, SQL_MAX_ROWS, 0) == SQL_SUCCESS);

  REQUIRE(SQLSetConnectOption(dbc.h, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF) == SQL_SUCCESS);
  SQLULEN autocommit = 99;
  REQUIRE(SQLGetConnectOption(dbc.h, SQL_AUTOCOMMIT, &autocommit) == SQL_SUCCESS);
  CHECK(autocommit == SQL_AUTOCOMMIT_OFF);
  st.run("INSERT INTO odbc2_tx VALUES (4)");
  REQUIRE(SQLTransact(SQL_NULL_HENV, dbc.h, SQL_ROLLBACK) == SQL_SUCCESS);
  CHECK(count_rows(st.h, "SELECT COUNT(*) FROM odbc2_tx") == 3);
  st.run("INSERT INTO odbc2_tx VALUES (5)");
  REQUIRE(SQLTransact(env.h, SQL_NULL_HDBC, SQL_COMMIT) == SQL_SUCCESS);
  REQUIRE(SQLSetConnectOption(dbc.h, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_ON) == SQL_SUCCESS);
  CHECK(count_rows(st.h, "SELECT COUNT(*) FROM odbc2_tx") == 4);
  st.run("DROP TABLE odbc2_tx");
}

TEST_CASE("ODBC 2: an ODBC 2 application sees ODBC 2 SQLSTATEs, an ODBC 3 one ODBC 3 states",
          "[integration][odbc2]") {
  struct Case {
    const char* sql;
    const char* odbc2;
    const char* odbc3;
  };
  const Case cases[] = {
      {"SELEC 1", "37000", "42000"},
      {"SELECT * FROM odbc2_no_such_table", "S0002", "42S02"},
      {"SELECT odbc2_no_such_column FROM (SELECT 1 AS a) x", "S0022", "42S22"},
      {"SELECT {d '2024-99-99x'}", "22008", "22007"},
  };
  for (SQLUINTEGER version : {SQLUINTEGER{SQL_OV_ODBC2}, SQLUINTEGER{SQL_OV_ODBC3}}) {
    Env env(version);
    Dbc dbc(env);
    dbc.connect();
    Stmt st(dbc);
    for (const Case& c : cases) {
      INFO("version " << version << ": " << c.sql);
      REQUIRE(SQLExecDirect(st.h, C(c.sql), SQL_NTS) == SQL_ERROR);
      const std::string want = version == SQL_OV_ODBC2 ? c.odbc2 : c.odbc3;
      // Both ways an application reads it: SQLGetDiagRec, then SQLError (which consumes).
      CHECK(first_state(SQL_HANDLE_STMT, st.h) == want);
      CHECK(error_state(st.h) == want);
    }
    // An unknown statement option, and a fetch with no cursor.
    SQLRETURN rc = SQLSetStmtOption(st.h, 9999, 0);
    CHECK(rc == SQL_ERROR);
    CHECK(error_state(st.h) == (version == SQL_OV_ODBC2 ? "S1092" : "HY092"));
    rc = SQLFetch(st.h);
    CHECK(rc == SQL_ERROR);
    CHECK(error_state(st.h) == (version == SQL_OV_ODBC2 ? "S1010" : "HY010"));
  }
}

TEST_CASE("ODBC 2: the ODBC 2 entry points the driver exports, called directly", "[integration][odbc2]") {
  const DriverLib& lib = driver();
  auto alloc_env = reinterpret_cast<decltype(&::SQLAllocEnv)>(lib.symbol("SQLAllocEnv"));
  auto alloc_connect = reinterpret_cast<decltype(&::SQLAllocConnect)>(lib.symbol("SQLAllocConnect"));
  auto alloc_stmt = reinterpret_cast<decltype(&::SQLAllocStmt)>(lib.symbol("SQLAllocStmt"));
  auto set_stmt_option = reinterpret_cast<decltype(&::SQLSetStmtOption)>(lib.symbol("SQLSetStmtOption"));
  auto get_stmt_option = reinterpret_cast<decltype(&::SQLGetStmtOption)>(lib.symbol("SQLGetStmtOption"));
  auto set_connect_option = reinterpret_cast<decltype(&::SQLSetConnectOption)>(lib.symbol("SQLSetConnectOption"));
  auto transact = reinterpret_cast<decltype(&::SQLTransact)>(lib.symbol("SQLTransact"));
  auto free_connect = reinterpret_cast<decltype(&::SQLFreeConnect)>(lib.symbol("SQLFreeConnect"));
  auto free_env = reinterpret_cast<decltype(&::SQLFreeEnv)>(lib.symbol("SQLFreeEnv"));
  for (void* p : {reinterpret_cast<void*>(alloc_env), reinterpret_cast<void*>(alloc_connect),
                  reinterpret_cast<void*>(alloc_stmt), reinterpret_cast<void*>(set_stmt_option),
                  reinterpret_cast<void*>(get_stmt_option), reinterpret_cast<void*>(set_connect_option),
                  reinterpret_cast<void*>(transact), reinterpret_cast<void*>(free_connect),
                  reinterpret_cast<void*>(free_env)}) {
    REQUIRE(p != nullptr);
  }
  // unixODBC maps these onto ODBC 3 functions for a driver that lacks them; the driver
  // does not export them, so every application reaches them through the mapping above.
  CHECK(lib.symbol("SQLColAttributes") == nullptr);
  CHECK(lib.symbol("SQLParamOptions") == nullptr);
  // SQLSetParam the manager maps to an input/output SQLBindParameter with BufferLength -1,
  // which the driver refuses: the driver exports it.
  auto set_param = reinterpret_cast<decltype(&::SQLSetParam)>(lib.symbol("SQLSetParam"));
  REQUIRE(set_param != nullptr);

  SQLHENV env = SQL_NULL_HENV;
  REQUIRE(alloc_env(&env) == SQL_SUCCESS);
  REQUIRE(lib.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC2), 0) ==
          SQL_SUCCESS);
  SQLHDBC dbc = SQL_NULL_HDBC;
  REQUIRE(alloc_connect(env, &dbc) == SQL_SUCCESS);
  const std::string cs = connection_string();
  REQUIRE(SQL_SUCCEEDED(lib.SQLDriverConnect(dbc, nullptr, C(cs.c_str()), SQL_NTS, nullptr, 0, nullptr,
                                             SQL_DRIVER_NOPROMPT)));
  SQLHSTMT st = SQL_NULL_HSTMT;
  REQUIRE(alloc_stmt(dbc, &st) == SQL_SUCCESS);
  REQUIRE(set_stmt_option(st, SQL_MAX_ROWS, 1) == SQL_SUCCESS);
  SQLULEN value = 0;
  REQUIRE(get_stmt_option(st, SQL_MAX_ROWS, &value) == SQL_SUCCESS);
  CHECK(value == 1);
  REQUIRE(SQL_SUCCEEDED(lib.SQLExecDirect(st, C("SELECT 1 UNION ALL SELECT 2"), SQL_NTS)));
  CHECK(lib.SQLFetch(st) == SQL_SUCCESS);
  CHECK(lib.SQLFetch(st) == SQL_NO_DATA);
  REQUIRE(lib.SQLFreeStmt(st, SQL_CLOSE) == SQL_SUCCESS);
  REQUIRE(set_stmt_option(st, SQL_MAX_ROWS, 0) == SQL_SUCCESS);

  // SQLSetParam: a NUL-terminated string without an indicator, an integer, a NULL.
  char text[] = "odbc\xc3\xa9one";
  SQLINTEGER number = 41;
  SQLLEN null_ind = SQL_NULL_DATA;
  REQUIRE(set_param(st, 1, SQL_C_CHAR, SQL_VARCHAR, 20, 0, text, nullptr) == SQL_SUCCESS);
  REQUIRE(set_param(st, 2, SQL_C_LONG, SQL_INTEGER, 0, 0, &number, nullptr) == SQL_SUCCESS);
  REQUIRE(set_param(st, 3, SQL_C_LONG, SQL_INTEGER, 0, 0, &number, &null_ind) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(lib.SQLExecDirect(st, C("SELECT CONCAT(?, ?+1, COALESCE(?, 'null'))"), SQL_NTS)));
  REQUIRE(lib.SQLFetch(st) == SQL_SUCCESS);
  char got[64] = {};
  SQLLEN got_ind = 0;
  REQUIRE(lib.SQLGetData(st, 1, SQL_C_CHAR, got, sizeof got, &got_ind) == SQL_SUCCESS);
  CHECK(std::string(got) == "odbc\xc3\xa9one42null");
  REQUIRE(lib.SQLFreeStmt(st, SQL_CLOSE) == SQL_SUCCESS);
  CHECK(set_param(st, 0, SQL_C_LONG, SQL_INTEGER, 0, 0, &number, nullptr) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st) == "07009");

  REQUIRE(set_connect_option(dbc, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF) == SQL_SUCCESS);
  CHECK(transact(SQL_NULL_HENV, dbc, SQL_ROLLBACK) == SQL_SUCCESS);
  CHECK(transact(env, SQL_NULL_HDBC, SQL_COMMIT) == SQL_SUCCESS);
  // SQLError through the driver: an error is reported with its state.
  CHECK(lib.SQLExecDirect(st, C("SELEC 1"), SQL_NTS) == SQL_ERROR);
  SQLCHAR state[6] = {};
  SQLINTEGER native = 0;
  SQLCHAR message[256];
  SQLSMALLINT length = 0;
  REQUIRE(lib.SQLError(SQL_NULL_HENV, SQL_NULL_HDBC, st, state, &native, message, sizeof message, &length) ==
          SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "42000");  // the driver posts ODBC 3 states
  CHECK(native == 1064);
  REQUIRE(lib.SQLFreeStmt(st, SQL_DROP) == SQL_SUCCESS);
  REQUIRE(lib.SQLDisconnect(dbc) == SQL_SUCCESS);
  REQUIRE(free_connect(dbc) == SQL_SUCCESS);
  REQUIRE(free_env(env) == SQL_SUCCESS);
}
