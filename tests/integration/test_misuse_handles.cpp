// The misuse walker, part 1: every function the driver library exports, called directly
// (dlopen, no driver manager to hide mistakes) with handles that are not valid for it:
// null, garbage pointers, a freed handle of the right type, and live handles of every
// other type. Each call must return SQL_INVALID_HANDLE and never crash.
//
// The rows below cover the whole ODBC 3.8 API (ODBC 2 and Unicode forms included); the
// walker reads the library's real dynamic symbol table and fails if an export has no
// row, so a new entry point is walked from the day it is exported.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "driver_lib.h"
#include "test_misuse_exports.h"

using namespace odbc_test;

namespace {

enum Kind : unsigned { kEnv = 1, kDbc = 2, kStmt = 4, kDesc = 8 };

SQLSMALLINT handle_type_of(Kind k) {
  switch (k) {
    case kEnv: return SQL_HANDLE_ENV;
    case kDbc: return SQL_HANDLE_DBC;
    case kStmt: return SQL_HANDLE_STMT;
    default: return SQL_HANDLE_DESC;
  }
}

const char* kind_name(Kind k) {
  switch (k) {
    case kEnv: return "environment";
    case kDbc: return "connection";
    case kStmt: return "statement";
    default: return "descriptor";
  }
}

// Output and input buffers the calls point at: valid memory, so a call that wrongly
// accepted the handle would not crash on its other arguments.
struct Scratch {
  SQLCHAR c[512];
  SQLWCHAR w[512];
  SQLSMALLINT s;
  SQLUSMALLINT us[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16];
  SQLINTEGER i;
  SQLUINTEGER ui;
  SQLLEN len;
  SQLULEN ul;
  SQLHANDLE out;
  SQLPOINTER p;
};
Scratch g;

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLWCHAR* W() {
  g.w[0] = 'x';
  g.w[1] = 0;
  return g.w;
}

// One exported function: the handle kinds it takes, and a call with `h` claimed to be
// of handle type `type` in the handle position (other handle arguments null).
struct Row {
  const char* name;
  unsigned kinds;
  SQLRETURN (*call)(void* fn, SQLHANDLE h, SQLSMALLINT type);
};

#define ROW(NAME, KINDS, ...)                                                   \
  Row {                                                                         \
    #NAME, KINDS, [](void* f, SQLHANDLE h, SQLSMALLINT type) -> SQLRETURN {     \
      (void)h;                                                                  \
      (void)type;                                                               \
      return reinterpret_cast<decltype(&::NAME)>(f)(__VA_ARGS__);               \
    }                                                                           \
  }

const Row kRows[] = {
    // Handles
    ROW(SQLAllocHandle, kEnv | kDbc, type == SQL_HANDLE_ENV ? SQL_HANDLE_DBC : SQL_HANDLE_STMT, h, &g.out),
    ROW(SQLAllocEnv, 0, &g.out),
    ROW(SQLAllocConnect, kEnv, h, &g.out),
    ROW(SQLAllocStmt, kDbc, h, &g.out),
    ROW(SQLAllocHandleStd, kEnv | kDbc, type == SQL_HANDLE_ENV ? SQL_HANDLE_DBC : SQL_HANDLE_STMT, h, &g.out),
    ROW(SQLFreeHandle, kEnv | kDbc | kStmt | kDesc, type, h),
    ROW(SQLFreeEnv, kEnv, h),
    ROW(SQLFreeConnect, kDbc, h),
    ROW(SQLFreeStmt, kStmt, h, SQL_CLOSE),
    ROW(SQLSetEnvAttr, kEnv, h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
    ROW(SQLGetEnvAttr, kEnv, h, SQL_ATTR_ODBC_VERSION, &g.ui, 0, &g.i),
    // Connections
    ROW(SQLConnect, kDbc, h, C("dsn"), SQL_NTS, C("u"), SQL_NTS, C("p"), SQL_NTS),
    ROW(SQLConnectW, kDbc, h, W(), SQL_NTS, W(), SQL_NTS, W(), SQL_NTS),
    ROW(SQLDriverConnect, kDbc, h, nullptr, C("SERVER=x"), SQL_NTS, g.c, sizeof g.c, &g.s, SQL_DRIVER_NOPROMPT),
    ROW(SQLDriverConnectW, kDbc, h, nullptr, W(), SQL_NTS, g.w, 512, &g.s, SQL_DRIVER_NOPROMPT),
    ROW(SQLBrowseConnect, kDbc, h, C("SERVER=x"), SQL_NTS, g.c, sizeof g.c, &g.s),
    ROW(SQLBrowseConnectW, kDbc, h, W(), SQL_NTS, g.w, 512, &g.s),
    ROW(SQLDisconnect, kDbc, h),
    // Diagnostics
    ROW(SQLGetDiagRec, kEnv | kDbc | kStmt | kDesc, type, h, 1, g.c, &g.i, g.c + 8, 256, &g.s),
    ROW(SQLGetDiagRecW, kEnv | kDbc | kStmt | kDesc, type, h, 1, g.w, &g.i, g.w + 8, 256, &g.s),
    ROW(SQLGetDiagField, kEnv | kDbc | kStmt | kDesc, type, h, 0, SQL_DIAG_NUMBER, &g.i, 0, &g.s),
    ROW(SQLGetDiagFieldW, kEnv | kDbc | kStmt | kDesc, type, h, 0, SQL_DIAG_NUMBER, &g.i, 0, &g.s),
    ROW(SQLError, kEnv | kDbc | kStmt, type == SQL_HANDLE_ENV ? h : nullptr, type == SQL_HANDLE_DBC ? h : nullptr,
        type == SQL_HANDLE_STMT ? h : nullptr, g.c, &g.i, g.c + 8, 256, &g.s),
    ROW(SQLErrorW, kEnv | kDbc | kStmt, type == SQL_HANDLE_ENV ? h : nullptr, type == SQL_HANDLE_DBC ? h : nullptr,
        type == SQL_HANDLE_STMT ? h : nullptr, g.w, &g.i, g.w + 8, 256, &g.s),
    // Connection attributes and options
    ROW(SQLGetConnectAttr, kDbc, h, SQL_ATTR_AUTOCOMMIT, &g.ui, 0, &g.i),
    ROW(SQLGetConnectAttrW, kDbc, h, SQL_ATTR_AUTOCOMMIT, &g.ui, 0, &g.i),
    ROW(SQLSetConnectAttr, kDbc, h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0),
    ROW(SQLSetConnectAttrW, kDbc, h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0),
    ROW(SQLGetConnectOption, kDbc, h, SQL_AUTOCOMMIT, &g.ul),
    ROW(SQLGetConnectOptionW, kDbc, h, SQL_AUTOCOMMIT, &g.ul),
    ROW(SQLSetConnectOption, kDbc, h, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_ON),
    ROW(SQLSetConnectOptionW, kDbc, h, SQL_AUTOCOMMIT, SQL_AUTOCOMMIT_ON),
    // Information
    ROW(SQLGetInfo, kDbc, h, SQL_DBMS_NAME, g.c, sizeof g.c, &g.s),
    ROW(SQLGetInfoW, kDbc, h, SQL_DBMS_NAME, g.w, 512, &g.s),
    ROW(SQLGetFunctions, kDbc, h, SQL_API_ODBC3_ALL_FUNCTIONS, g.us),
    ROW(SQLGetTypeInfo, kStmt, h, SQL_ALL_TYPES),
    ROW(SQLGetTypeInfoW, kStmt, h, SQL_ALL_TYPES),
    ROW(SQLNativeSql, kDbc, h, C("SELECT 1"), SQL_NTS, g.c, sizeof g.c, &g.i),
    ROW(SQLNativeSqlW, kDbc, h, W(), SQL_NTS, g.w, 512, &g.i),
    // Transactions
    ROW(SQLEndTran, kEnv | kDbc, type, h, SQL_COMMIT),
    ROW(SQLTransact, kEnv | kDbc, type == SQL_HANDLE_ENV ? h : nullptr, type == SQL_HANDLE_DBC ? h : nullptr,
        SQL_COMMIT),
    // Statements
    ROW(SQLPrepare, kStmt, h, C("SELECT 1"), SQL_NTS),
    ROW(SQLPrepareW, kStmt, h, W(), SQL_NTS),
    ROW(SQLExecute, kStmt, h),
    ROW(SQLExecDirect, kStmt, h, C("SELECT 1"), SQL_NTS),
    ROW(SQLExecDirectW, kStmt, h, W(), SQL_NTS),
    ROW(SQLNumResultCols, kStmt, h, &g.s),
    ROW(SQLDescribeCol, kStmt, h, 1, g.c, sizeof g.c, &g.s, &g.s, &g.ul, &g.s, &g.s),
    ROW(SQLDescribeColW, kStmt, h, 1, g.w, 512, &g.s, &g.s, &g.ul, &g.s, &g.s),
    ROW(SQLColAttribute, kStmt, h, 1, SQL_DESC_CONCISE_TYPE, g.c, sizeof g.c, &g.s, &g.len),
    ROW(SQLColAttributeW, kStmt, h, 1, SQL_DESC_CONCISE_TYPE, g.w, 512, &g.s, &g.len),
    ROW(SQLColAttributes, kStmt, h, 1, SQL_COLUMN_TYPE, g.c, sizeof g.c, &g.s, &g.len),
    ROW(SQLColAttributesW, kStmt, h, 1, SQL_COLUMN_TYPE, g.w, 512, &g.s, &g.len),
    ROW(SQLBindCol, kStmt, h, 1, SQL_C_CHAR, g.c, sizeof g.c, &g.len),
    ROW(SQLFetch, kStmt, h),
    ROW(SQLFetchScroll, kStmt, h, SQL_FETCH_NEXT, 0),
    ROW(SQLExtendedFetch, kStmt, h, SQL_FETCH_NEXT, 0, &g.ul, g.us),
    ROW(SQLGetData, kStmt, h, 1, SQL_C_CHAR, g.c, sizeof g.c, &g.len),
    ROW(SQLSetPos, kStmt, h, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE),
    ROW(SQLBulkOperations, kStmt, h, SQL_ADD),
    ROW(SQLRowCount, kStmt, h, &g.len),
    ROW(SQLCloseCursor, kStmt, h),
    ROW(SQLMoreResults, kStmt, h),
    ROW(SQLNumParams, kStmt, h, &g.s),
    ROW(SQLDescribeParam, kStmt, h, 1, &g.s, &g.ul, &g.s, &g.s),
    ROW(SQLBindParameter, kStmt, h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, g.c, sizeof g.c, &g.len),
    ROW(SQLBindParam, kStmt, h, 1, SQL_C_CHAR, SQL_VARCHAR, 10, 0, g.c, &g.len),
    ROW(SQLSetParam, kStmt, h, 1, SQL_C_CHAR, SQL_VARCHAR, 10, 0, g.c, &g.len),
    ROW(SQLParamOptions, kStmt, h, 1, &g.ul),
    ROW(SQLSetScrollOptions, kStmt, h, SQL_CONCUR_READ_ONLY, 1, 1),
    ROW(SQLParamData, kStmt, h, &g.p),
    ROW(SQLPutData, kStmt, h, g.c, 1),
    ROW(SQLCancel, kStmt, h),
    ROW(SQLCancelHandle, kDbc | kStmt, type, h),
    ROW(SQLGetCursorName, kStmt, h, g.c, sizeof g.c, &g.s),
    ROW(SQLGetCursorNameW, kStmt, h, g.w, 512, &g.s),
    ROW(SQLSetCursorName, kStmt, h, C("c1"), SQL_NTS),
    ROW(SQLSetCursorNameW, kStmt, h, W(), SQL_NTS),
    // Statement attributes and options
    ROW(SQLGetStmtAttr, kStmt, h, SQL_ATTR_CURSOR_TYPE, &g.ul, 0, &g.i),
    ROW(SQLGetStmtAttrW, kStmt, h, SQL_ATTR_CURSOR_TYPE, &g.ul, 0, &g.i),
    ROW(SQLSetStmtAttr, kStmt, h, SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(SQLULEN{0}), 0),
    ROW(SQLSetStmtAttrW, kStmt, h, SQL_ATTR_MAX_ROWS, reinterpret_cast<SQLPOINTER>(SQLULEN{0}), 0),
    ROW(SQLGetStmtOption, kStmt, h, SQL_MAX_ROWS, &g.ul),
    ROW(SQLSetStmtOption, kStmt, h, SQL_MAX_ROWS, 0),
    // Catalog
    ROW(SQLTables, kStmt, h, nullptr, 0, nullptr, 0, C("%"), SQL_NTS, nullptr, 0),
    ROW(SQLTablesW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, nullptr, 0),
    ROW(SQLColumns, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, nullptr, 0),
    ROW(SQLColumnsW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, nullptr, 0),
    ROW(SQLStatistics, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK),
    ROW(SQLStatisticsW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, SQL_INDEX_ALL, SQL_QUICK),
    ROW(SQLPrimaryKeys, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS),
    ROW(SQLPrimaryKeysW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS),
    ROW(SQLForeignKeys, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0),
    ROW(SQLForeignKeysW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0),
    ROW(SQLProcedures, kStmt, h, nullptr, 0, nullptr, 0, C("%"), SQL_NTS),
    ROW(SQLProceduresW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS),
    ROW(SQLProcedureColumns, kStmt, h, nullptr, 0, nullptr, 0, C("%"), SQL_NTS, C("%"), SQL_NTS),
    ROW(SQLProcedureColumnsW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, W(), SQL_NTS),
    ROW(SQLSpecialColumns, kStmt, h, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, SQL_SCOPE_SESSION,
        SQL_NULLABLE),
    ROW(SQLSpecialColumnsW, kStmt, h, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, W(), SQL_NTS, SQL_SCOPE_SESSION,
        SQL_NULLABLE),
    ROW(SQLTablePrivileges, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS),
    ROW(SQLTablePrivilegesW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS),
    ROW(SQLColumnPrivileges, kStmt, h, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, C("%"), SQL_NTS),
    ROW(SQLColumnPrivilegesW, kStmt, h, nullptr, 0, nullptr, 0, W(), SQL_NTS, W(), SQL_NTS),
    // Descriptors
    ROW(SQLGetDescField, kDesc, h, 0, SQL_DESC_COUNT, &g.s, 0, &g.i),
    ROW(SQLGetDescFieldW, kDesc, h, 0, SQL_DESC_COUNT, &g.s, 0, &g.i),
    ROW(SQLSetDescField, kDesc, h, 0, SQL_DESC_COUNT, reinterpret_cast<SQLPOINTER>(SQLLEN{0}), 0),
    ROW(SQLSetDescFieldW, kDesc, h, 0, SQL_DESC_COUNT, reinterpret_cast<SQLPOINTER>(SQLLEN{0}), 0),
    ROW(SQLGetDescRec, kDesc, h, 1, g.c, sizeof g.c, &g.s, &g.s, &g.s, &g.len, &g.s, &g.s, &g.s),
    ROW(SQLGetDescRecW, kDesc, h, 1, g.w, 512, &g.s, &g.s, &g.s, &g.len, &g.s, &g.s, &g.s),
    ROW(SQLSetDescRec, kDesc, h, 1, SQL_C_CHAR, 0, 10, 0, 0, g.c, &g.len, &g.len),
    ROW(SQLCopyDesc, kDesc, h, h),
};

#undef ROW

const Row* find_row(const std::string& name) {
  for (const Row& r : kRows) {
    if (name == r.name) return &r;
  }
  return nullptr;
}

// Live handles of every kind, and the same kinds allocated and freed again.
struct Handles {
  DirectEnv env;
  DirectDbc dbc{env};
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLHDESC desc = SQL_NULL_HDESC;  // an explicitly allocated descriptor, when supported

  Handles() {
    dbc.connect();
    REQUIRE(driver().SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &stmt) == SQL_SUCCESS);
    SQLHANDLE d = SQL_NULL_HANDLE;
    if (driver().SQLAllocHandle(SQL_HANDLE_DESC, dbc.h, &d) == SQL_SUCCESS) desc = d;
  }
  ~Handles() {
    if (desc) driver().SQLFreeHandle(SQL_HANDLE_DESC, desc);
    driver().SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  }

  SQLHANDLE live(Kind k) const {
    switch (k) {
      case kEnv: return env.h;
      case kDbc: return dbc.h;
      case kStmt: return stmt;
      default: return desc;
    }
  }

  // A handle of kind `k`, allocated and freed at once (nullptr if it cannot be made).
  SQLHANDLE freed(Kind k) {
    const DriverLib& d = driver();
    SQLHANDLE h = SQL_NULL_HANDLE;
    switch (k) {
      case kEnv: REQUIRE(d.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h) == SQL_SUCCESS); break;
      case kDbc: REQUIRE(d.SQLAllocHandle(SQL_HANDLE_DBC, env.h, &h) == SQL_SUCCESS); break;
      case kStmt: REQUIRE(d.SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &h) == SQL_SUCCESS); break;
      default:
        if (d.SQLAllocHandle(SQL_HANDLE_DESC, dbc.h, &h) != SQL_SUCCESS) return nullptr;
    }
    REQUIRE(d.SQLFreeHandle(handle_type_of(k), h) == SQL_SUCCESS);
    return h;
  }
};

}  // namespace

TEST_CASE("misuse walker: every export has a handle-misuse row", "[integration][misuse]") {
  const std::set<std::string>& exports = driver_exports();
  INFO("exports: " << exports.size());
  CHECK(exports.count("SQLAllocHandle") == 1);
  const std::string missing = exports_without_row(exports, [](const std::string& n) { return find_row(n) != nullptr; });
  INFO("exported functions without a row in kRows (test_misuse_handles.cpp): " << missing);
  CHECK(missing.empty());
}

TEST_CASE("misuse walker: every export rejects null, garbage, freed and wrong-type handles",
          "[integration][misuse]") {
  const DriverLib& d = driver();
  Handles live;
  std::vector<std::uint32_t> forged(256, 0x484f4c44);  // heap memory full of "HOLD" tags
  int on_stack = 0x484f4c44;
  std::size_t calls = 0;

  for (const std::string& name : driver_exports()) {
    const Row* row = find_row(name);
    if (row == nullptr) continue;  // reported by the test above
    void* fn = d.symbol(name.c_str());
    REQUIRE(fn != nullptr);
    for (Kind k : {kEnv, kDbc, kStmt, kDesc}) {
      if ((row->kinds & k) == 0) continue;
      const SQLSMALLINT type = handle_type_of(k);
      auto expect_invalid = [&](SQLHANDLE bad, const std::string& what) {
        INFO(name << " with " << what << " as its " << kind_name(k) << " handle");
        CHECK(row->call(fn, bad, type) == SQL_INVALID_HANDLE);
        ++calls;
      };
      expect_invalid(SQL_NULL_HANDLE, "null");
      expect_invalid(&on_stack, "a pointer to a stack int");
      expect_invalid(forged.data() + 4, "a forged heap block");
      expect_invalid(reinterpret_cast<SQLHANDLE>(std::uintptr_t{1}), "0x1");
      expect_invalid(static_cast<char*>(live.env.h) + 8, "a live environment + 8");
      if (SQLHANDLE freed = live.freed(k)) expect_invalid(freed, std::string("a freed ") + kind_name(k));
      for (Kind other : {kEnv, kDbc, kStmt, kDesc}) {
        if (other == k || live.live(other) == nullptr) continue;
        expect_invalid(live.live(other), std::string("a live ") + kind_name(other));
      }
    }
  }
  INFO("calls: " << calls);
  CHECK(calls > 300);

  // Nothing above touched the live handles: they all still work.
  REQUIRE(d.SQLExecDirect(live.stmt, (SQLCHAR*)"SELECT 41 + 1", SQL_NTS) == SQL_SUCCESS);
  REQUIRE(d.SQLFetch(live.stmt) == SQL_SUCCESS);
  SQLINTEGER value = 0;
  REQUIRE(d.SQLGetData(live.stmt, 1, SQL_C_SLONG, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == 42);
  SQLUINTEGER version = 0;
  CHECK(d.SQLGetEnvAttr(live.env.h, SQL_ATTR_ODBC_VERSION, &version, 0, nullptr) == SQL_SUCCESS);
  CHECK(version == SQL_OV_ODBC3);
}

TEST_CASE("misuse walker: SQLAllocEnv and handle-less calls with null outputs", "[integration][misuse]") {
  const DriverLib& d = driver();
  auto alloc_env = reinterpret_cast<decltype(&::SQLAllocEnv)>(d.symbol("SQLAllocEnv"));
  REQUIRE(alloc_env != nullptr);
  CHECK(alloc_env(nullptr) == SQL_ERROR);
  CHECK(d.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, nullptr) == SQL_ERROR);
}
