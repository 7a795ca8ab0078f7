// The misuse walker, part 2: every exported function called directly (dlopen) with valid
// handles but bad arguments: null output pointers, negative and huge lengths, unknown
// option values, and calls in the wrong order (HY010 function sequence error, 24000
// invalid cursor state, 08002/08003 connection state). Each case states the return code
// and SQLSTATE the ODBC reference gives; none may crash. The walker fails if an export
// has no case here (see test_misuse_handles.cpp for the invalid-handle sweep).
#include <climits>
#include <cstring>
#include <initializer_list>
#include <string>

#include "driver_lib.h"
#include "test_misuse_exports.h"

using namespace odbc_test;

namespace {

// The driver's own function named `name`, typed as the header declares it.
template <class F>
F fn(const char* name) {
  void* p = driver().symbol(name);
  INFO("the driver does not export " << name);
  REQUIRE(p != nullptr);
  return reinterpret_cast<F>(p);
}
#define FN(NAME) fn<decltype(&::NAME)>(#NAME)

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

// "x" as a NUL-terminated UTF-16 string.
struct WideX {
  SQLWCHAR w[2] = {'x', 0};
  operator SQLWCHAR*() { return w; }
};

// What one call must return: its code, and (for SQL_ERROR) the first SQLSTATE, one of
// `states` (the reference allows more than one for some misuses).
void expect(SQLRETURN rc, SQLRETURN want, SQLSMALLINT type, SQLHANDLE h, std::initializer_list<const char*> states = {}) {
  const std::string got = driver_first_state(type, h);
  INFO("returned " << rc << ", first SQLSTATE '" << got << "'\n" << driver_describe(type, h));
  CHECK(rc == want);
  if (states.size() == 0) return;
  bool found = false;
  for (const char* s : states) found = found || got == s;
  CHECK(found);
}

// expect() with the line of the call in the failure message.
#define EXPECT(...)                 \
  do {                              \
    INFO("line " << __LINE__);      \
    expect(__VA_ARGS__);            \
  } while (0)

// Handles a case runs with: a connected connection, an unconnected one, and a fresh
// statement (per case) on the connected one.
struct Ctx {
  DirectEnv& env;
  DirectDbc& dbc;
  DirectDbc& idle;  // allocated, never connected
  SQLHSTMT st = SQL_NULL_HSTMT;

  // st with an open, unfetched result set of two columns.
  SQLHSTMT open() {
    REQUIRE(driver().SQLExecDirect(st, C("SELECT 1 AS a, 'x' AS b"), SQL_NTS) == SQL_SUCCESS);
    return st;
  }
  // st executed, no result set.
  SQLHSTMT no_result() {
    REQUIRE(driver().SQLExecDirect(st, C("SET @holdfast_misuse = 1"), SQL_NTS) == SQL_SUCCESS);
    return st;
  }
  // The statement's IRD (read-only), from SQL_ATTR_IMP_ROW_DESC.
  SQLHDESC ird() {
    SQLHDESC d = SQL_NULL_HDESC;
    REQUIRE(FN(SQLGetStmtAttr)(st, SQL_ATTR_IMP_ROW_DESC, &d, 0, nullptr) == SQL_SUCCESS);
    return d;
  }
  SQLHDESC ard() {
    SQLHDESC d = SQL_NULL_HDESC;
    REQUIRE(FN(SQLGetStmtAttr)(st, SQL_ATTR_APP_ROW_DESC, &d, 0, nullptr) == SQL_SUCCESS);
    return d;
  }
};

constexpr SQLSMALLINT E = SQL_HANDLE_ENV, D = SQL_HANDLE_DBC, S = SQL_HANDLE_STMT, DE = SQL_HANDLE_DESC;

struct Case {
  const char* function;
  const char* what;
  void (*run)(Ctx& c);
};

#define CASE(NAME, WHAT) Case{#NAME, WHAT, [](Ctx& c) { (void)c; auto f = FN(NAME); (void)f;
#define END }}

const Case kCases[] = {
    // ---- handles ----
    CASE(SQLAllocHandle, "null output, unknown handle type, statement before connecting")
      EXPECT(f(SQL_HANDLE_DBC, c.env.h, nullptr), SQL_ERROR, E, c.env.h, {"HY009"});
      SQLHANDLE out = nullptr;
      EXPECT(f(77, c.env.h, &out), SQL_ERROR, E, c.env.h, {"HY092"});
      EXPECT(f(SQL_HANDLE_STMT, c.idle.h, &out), SQL_ERROR, D, c.idle.h, {"08003"});
    END,
    CASE(SQLAllocHandleStd, "null output")
      EXPECT(f(SQL_HANDLE_DBC, c.env.h, nullptr), SQL_ERROR, E, c.env.h, {"HY009"});
    END,
    CASE(SQLAllocEnv, "null output")
      CHECK(f(nullptr) == SQL_ERROR);
    END,
    CASE(SQLAllocConnect, "null output")
      EXPECT(f(c.env.h, nullptr), SQL_ERROR, E, c.env.h, {"HY009"});
    END,
    CASE(SQLAllocStmt, "null output, before connecting")
      EXPECT(f(c.dbc.h, nullptr), SQL_ERROR, D, c.dbc.h, {"HY009"});
      SQLHSTMT out = nullptr;
      EXPECT(f(c.idle.h, &out), SQL_ERROR, D, c.idle.h, {"08003"});
    END,
    CASE(SQLFreeHandle, "a connected connection, an environment with connections")
      EXPECT(f(SQL_HANDLE_DBC, c.dbc.h), SQL_ERROR, D, c.dbc.h, {"HY010"});
      EXPECT(f(SQL_HANDLE_ENV, c.env.h), SQL_ERROR, E, c.env.h, {"HY010"});
    END,
    CASE(SQLFreeEnv, "an environment with connections")
      EXPECT(f(c.env.h), SQL_ERROR, E, c.env.h, {"HY010"});
    END,
    CASE(SQLFreeConnect, "a connected connection")
      EXPECT(f(c.dbc.h), SQL_ERROR, D, c.dbc.h, {"HY010"});
    END,
    CASE(SQLFreeStmt, "an unknown option")
      EXPECT(f(c.st, 77), SQL_ERROR, S, c.st, {"HY092"});
    END,
    CASE(SQLSetEnvAttr, "unknown attribute, bad version, version with connections allocated")
      EXPECT(f(c.env.h, 9999, nullptr, 0), SQL_ERROR, E, c.env.h, {"HY092"});
      EXPECT(f(c.env.h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQLULEN{12345}), 0), SQL_ERROR, E,
             c.env.h, {"HY024", "HY010"});
    END,
    CASE(SQLGetEnvAttr, "unknown attribute, null value")
      SQLINTEGER v = 0;
      EXPECT(f(c.env.h, 9999, &v, 0, nullptr), SQL_ERROR, E, c.env.h, {"HY092"});
      EXPECT(f(c.env.h, SQL_ATTR_ODBC_VERSION, nullptr, 0, nullptr), SQL_SUCCESS, E, c.env.h);
    END,
    // ---- connections ----
    CASE(SQLConnect, "already connected, negative lengths")
      EXPECT(f(c.dbc.h, C("hf"), SQL_NTS, nullptr, 0, nullptr, 0), SQL_ERROR, D, c.dbc.h, {"08002"});
      EXPECT(f(c.idle.h, C("hf"), -5, nullptr, 0, nullptr, 0), SQL_ERROR, D, c.idle.h, {"HY090"});
      EXPECT(f(c.idle.h, nullptr, SQL_NTS, C("u"), -7, nullptr, 0), SQL_ERROR, D, c.idle.h, {"HY090", "HY009"});
    END,
    CASE(SQLConnectW, "already connected, negative lengths")
      WideX x;
      EXPECT(f(c.dbc.h, x, SQL_NTS, nullptr, 0, nullptr, 0), SQL_ERROR, D, c.dbc.h, {"08002"});
      EXPECT(f(c.idle.h, x, -5, nullptr, 0, nullptr, 0), SQL_ERROR, D, c.idle.h, {"HY090"});
    END,
    CASE(SQLDriverConnect, "already connected, null and negative lengths, bad completion")
      SQLCHAR out[64];
      SQLSMALLINT n = 0;
      EXPECT(f(c.dbc.h, nullptr, C("DSN=x"), SQL_NTS, out, sizeof out, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D,
             c.dbc.h, {"08002"});
      EXPECT(f(c.idle.h, nullptr, C("DSN=x"), -5, out, sizeof out, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.idle.h,
             {"HY090"});
      EXPECT(f(c.idle.h, nullptr, C("DSN=x"), SQL_NTS, out, -1, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.idle.h,
             {"HY090"});
      EXPECT(f(c.idle.h, nullptr, C("DSN=x"), SQL_NTS, out, sizeof out, &n, 77), SQL_ERROR, D, c.idle.h, {"HY110"});
      EXPECT(f(c.idle.h, nullptr, nullptr, 12, out, sizeof out, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.idle.h,
             {"HY009", "HY090"});
    END,
    CASE(SQLDriverConnectW, "already connected, negative lengths, bad completion")
      SQLWCHAR x[] = {'D', 'S', 'N', '=', 'x', 0};
      SQLWCHAR out[64];
      SQLSMALLINT n = 0;
      EXPECT(f(c.dbc.h, nullptr, x, SQL_NTS, out, 64, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.dbc.h, {"08002"});
      EXPECT(f(c.idle.h, nullptr, x, -5, out, 64, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.idle.h, {"HY090"});
      EXPECT(f(c.idle.h, nullptr, x, SQL_NTS, out, -1, &n, SQL_DRIVER_NOPROMPT), SQL_ERROR, D, c.idle.h, {"HY090"});
      EXPECT(f(c.idle.h, nullptr, x, SQL_NTS, out, 64, &n, 77), SQL_ERROR, D, c.idle.h, {"HY110"});
    END,
    CASE(SQLDisconnect, "not connected")
      EXPECT(f(c.idle.h), SQL_ERROR, D, c.idle.h, {"08003"});
    END,
    // ---- diagnostics ----
    CASE(SQLGetDiagRec, "record 0, negative buffer, past the last record")
      SQLCHAR state[6], msg[64];
      SQLINTEGER native = 0;
      SQLSMALLINT n = 0;
      CHECK(f(S, c.st, 0, state, &native, msg, sizeof msg, &n) == SQL_ERROR);
      CHECK(f(S, c.st, -1, state, &native, msg, sizeof msg, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 1, nullptr, nullptr, nullptr, 0, nullptr) == SQL_NO_DATA);
      REQUIRE(FN(SQLFreeStmt)(c.st, 77) == SQL_ERROR);  // records one diagnostic
      CHECK(f(S, c.st, 1, state, &native, msg, -1, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 1, nullptr, nullptr, nullptr, 0, nullptr) == SQL_SUCCESS);
      CHECK(f(S, c.st, 2, state, &native, msg, sizeof msg, &n) == SQL_NO_DATA);
      CHECK(f(S, c.st, SHRT_MAX, state, &native, msg, sizeof msg, &n) == SQL_NO_DATA);
      CHECK(f(77, c.st, 1, state, &native, msg, sizeof msg, &n) == SQL_INVALID_HANDLE);
    END,
    CASE(SQLGetDiagRecW, "record 0, negative buffer, past the last record")
      SQLWCHAR state[6], msg[64];
      SQLINTEGER native = 0;
      SQLSMALLINT n = 0;
      CHECK(f(S, c.st, 0, state, &native, msg, 64, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 1, nullptr, nullptr, nullptr, 0, nullptr) == SQL_NO_DATA);
      REQUIRE(FN(SQLFreeStmt)(c.st, 77) == SQL_ERROR);
      CHECK(f(S, c.st, 1, state, &native, msg, -1, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 2, state, &native, msg, 64, &n) == SQL_NO_DATA);
    END,
    CASE(SQLGetDiagField, "unknown field, record field of record 0, null outputs, negative buffer")
      SQLINTEGER v = 0;
      SQLSMALLINT n = 0;
      SQLCHAR text[16];
      CHECK(f(S, c.st, 0, 9999, &v, 0, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 0, SQL_DIAG_SQLSTATE, text, sizeof text, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 0, SQL_DIAG_NUMBER, nullptr, 0, nullptr) == SQL_SUCCESS);
      REQUIRE(FN(SQLFreeStmt)(c.st, 77) == SQL_ERROR);
      CHECK(f(S, c.st, 1, SQL_DIAG_MESSAGE_TEXT, text, -1, &n) == SQL_ERROR);
      // No buffer: nothing is truncated into it; the length is still reported.
      const SQLRETURN rc = f(S, c.st, 1, SQL_DIAG_MESSAGE_TEXT, nullptr, 0, &n);
      CHECK((rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO));
      CHECK(n > 0);
      CHECK(f(S, c.st, 5, SQL_DIAG_SQLSTATE, text, sizeof text, &n) == SQL_NO_DATA);
    END,
    CASE(SQLGetDiagFieldW, "unknown field, negative buffer")
      SQLINTEGER v = 0;
      SQLSMALLINT n = 0;
      SQLWCHAR text[16];
      CHECK(f(S, c.st, 0, 9999, &v, 0, &n) == SQL_ERROR);
      REQUIRE(FN(SQLFreeStmt)(c.st, 77) == SQL_ERROR);
      CHECK(f(S, c.st, 1, SQL_DIAG_MESSAGE_TEXT, text, -1, &n) == SQL_ERROR);
      CHECK(f(S, c.st, 1, SQL_DIAG_MESSAGE_TEXT, text, 3, &n) == SQL_SUCCESS_WITH_INFO);  // odd byte count
    END,
    CASE(SQLError, "no records, null outputs, all handles null")
      SQLCHAR state[6], msg[64];
      SQLINTEGER native = 0;
      SQLSMALLINT n = 0;
      CHECK(f(nullptr, nullptr, c.st, state, &native, msg, sizeof msg, &n) == SQL_NO_DATA);
      CHECK(f(nullptr, nullptr, nullptr, state, &native, msg, sizeof msg, &n) == SQL_INVALID_HANDLE);
      REQUIRE(FN(SQLFreeStmt)(c.st, 77) == SQL_ERROR);
      const SQLRETURN rc = f(nullptr, nullptr, c.st, nullptr, nullptr, nullptr, 0, nullptr);
      CHECK((rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO));
      CHECK(f(nullptr, nullptr, c.st, state, &native, msg, sizeof msg, &n) == SQL_NO_DATA);  // consumed
    END,
    CASE(SQLErrorW, "no records, all handles null")
      SQLWCHAR state[6], msg[64];
      SQLINTEGER native = 0;
      SQLSMALLINT n = 0;
      CHECK(f(nullptr, c.dbc.h, nullptr, state, &native, msg, 64, &n) == SQL_NO_DATA);
      CHECK(f(nullptr, nullptr, nullptr, state, &native, msg, 64, &n) == SQL_INVALID_HANDLE);
    END,
    // ---- connection attributes ----
    CASE(SQLGetConnectAttr, "unknown attribute, negative buffer for a string, null value")
      SQLCHAR text[64];
      SQLINTEGER n = 0;
      EXPECT(f(c.dbc.h, 99999, text, sizeof text, &n), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, text, -7, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      const SQLRETURN rc = f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, nullptr, 0, &n);
      CHECK((rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO));
      CHECK(n == static_cast<SQLINTEGER>(env_or("TEST_SCHEMA", "holdfast_test").size()));
    END,
    CASE(SQLGetConnectAttrW, "unknown attribute, negative buffer for a string")
      SQLWCHAR text[64];
      SQLINTEGER n = 0;
      EXPECT(f(c.dbc.h, 99999, text, sizeof text, &n), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, text, -7, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
    END,
    CASE(SQLSetConnectAttr, "unknown attribute, bad value, negative string length")
      EXPECT(f(c.dbc.h, 99999, nullptr, 0), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQLULEN{77}), 0), SQL_ERROR, D, c.dbc.h,
             {"HY024"});
      EXPECT(f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, C("holdfast_test"), -7), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, nullptr, SQL_NTS), SQL_ERROR, D, c.dbc.h, {"HY009"});
    END,
    CASE(SQLSetConnectAttrW, "unknown attribute, bad value, negative string length")
      WideX x;
      EXPECT(f(c.dbc.h, 99999, nullptr, 0), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQLULEN{77}), 0), SQL_ERROR, D, c.dbc.h,
             {"HY024"});
      EXPECT(f(c.dbc.h, SQL_ATTR_CURRENT_CATALOG, static_cast<SQLWCHAR*>(x), -7), SQL_ERROR, D, c.dbc.h, {"HY090"});
    END,
    CASE(SQLGetConnectOption, "unknown option")
      SQLCHAR buf[256];
      EXPECT(f(c.dbc.h, 9999, buf), SQL_ERROR, D, c.dbc.h, {"HY092"});
    END,
    CASE(SQLGetConnectOptionW, "unknown option")
      SQLWCHAR buf[256];
      EXPECT(f(c.dbc.h, 9999, buf), SQL_ERROR, D, c.dbc.h, {"HY092"});
    END,
    CASE(SQLSetConnectOption, "unknown option, bad value")
      EXPECT(f(c.dbc.h, 9999, 0), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_AUTOCOMMIT, 77), SQL_ERROR, D, c.dbc.h, {"HY024"});
    END,
    CASE(SQLSetConnectOptionW, "unknown option, bad value")
      EXPECT(f(c.dbc.h, 9999, 0), SQL_ERROR, D, c.dbc.h, {"HY092"});
      EXPECT(f(c.dbc.h, SQL_AUTOCOMMIT, 77), SQL_ERROR, D, c.dbc.h, {"HY024"});
    END,
    // ---- information ----
    CASE(SQLGetInfo, "negative buffer, unknown type, null value, before connecting")
      SQLCHAR text[64];
      SQLSMALLINT n = 0;
      EXPECT(f(c.dbc.h, SQL_DBMS_NAME, text, -1, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, 30999, text, sizeof text, &n), SQL_ERROR, D, c.dbc.h, {"HY096"});
      EXPECT(f(c.dbc.h, SQL_DBMS_NAME, nullptr, 0, &n), SQL_SUCCESS, D, c.dbc.h);
      EXPECT(f(c.dbc.h, SQL_DBMS_NAME, nullptr, 0, nullptr), SQL_SUCCESS, D, c.dbc.h);
      // Before connecting: 08003 is a (DM) check (the driver-manager sweep asserts it); the
      // driver may answer what it knows without a server.
      const SQLRETURN rc = f(c.idle.h, SQL_DBMS_NAME, text, sizeof text, &n);
      CHECK(((rc == SQL_ERROR && driver_first_state(D, c.idle.h) == "08003") || rc == SQL_SUCCESS));
    END,
    CASE(SQLGetInfoW, "negative and odd buffer, unknown type")
      SQLWCHAR text[64];
      SQLSMALLINT n = 0;
      EXPECT(f(c.dbc.h, SQL_DBMS_NAME, text, -1, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, 30999, text, sizeof text, &n), SQL_ERROR, D, c.dbc.h, {"HY096"});
      // An odd byte count: HY090 ("must be an even number"), and nothing written.
      text[0] = text[1] = 0x5a5a;
      EXPECT(f(c.dbc.h, SQL_DBMS_NAME, text, 3, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      CHECK(text[0] == 0x5a5a);
      CHECK(text[1] == 0x5a5a);
    END,
    CASE(SQLGetFunctions, "unknown function id, null output")
      SQLUSMALLINT s = 0;
      // An id no function has: HY095, or simply "not supported".
      s = 7;
      const SQLRETURN rc = f(c.dbc.h, 9999, &s);
      INFO(driver_describe(D, c.dbc.h));
      CHECK(((rc == SQL_ERROR && driver_first_state(D, c.dbc.h) == "HY095") || (rc == SQL_SUCCESS && s == SQL_FALSE)));
      EXPECT(f(c.dbc.h, SQL_API_SQLFETCH, nullptr), SQL_ERROR, D, c.dbc.h, {"HY009"});
    END,
    CASE(SQLGetTypeInfo, "unknown type, an open cursor")
      EXPECT(f(c.st, 9999), SQL_ERROR, S, c.st, {"HY004"});
      EXPECT(f(c.open(), SQL_ALL_TYPES), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLGetTypeInfoW, "unknown type, an open cursor")
      EXPECT(f(c.st, 9999), SQL_ERROR, S, c.st, {"HY004"});
      EXPECT(f(c.open(), SQL_ALL_TYPES), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLNativeSql, "null text, negative lengths, before connecting")
      SQLCHAR out[64];
      SQLINTEGER n = 0;
      EXPECT(f(c.dbc.h, nullptr, SQL_NTS, out, sizeof out, &n), SQL_ERROR, D, c.dbc.h, {"HY009"});
      EXPECT(f(c.dbc.h, C("SELECT 1"), -5, out, sizeof out, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, C("SELECT 1"), SQL_NTS, out, -1, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, C("SELECT 1"), SQL_NTS, nullptr, 0, &n), SQL_SUCCESS, D, c.dbc.h);
      // Before connecting: 08003 is checked by the driver manager (see the sweep); the
      // translation itself needs no server.
      const SQLRETURN rc = f(c.idle.h, C("SELECT 1"), SQL_NTS, out, sizeof out, &n);
      CHECK(((rc == SQL_ERROR && driver_first_state(D, c.idle.h) == "08003") || rc == SQL_SUCCESS));
    END,
    CASE(SQLNativeSqlW, "null text, negative lengths")
      WideX x;
      SQLWCHAR out[64];
      SQLINTEGER n = 0;
      EXPECT(f(c.dbc.h, nullptr, SQL_NTS, out, 64, &n), SQL_ERROR, D, c.dbc.h, {"HY009"});
      EXPECT(f(c.dbc.h, x, -5, out, 64, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
      EXPECT(f(c.dbc.h, x, SQL_NTS, out, -1, &n), SQL_ERROR, D, c.dbc.h, {"HY090"});
    END,
    // ---- transactions ----
    CASE(SQLEndTran, "bad completion type")
      EXPECT(f(SQL_HANDLE_DBC, c.dbc.h, 77), SQL_ERROR, D, c.dbc.h, {"HY012"});
      EXPECT(f(SQL_HANDLE_ENV, c.env.h, 77), SQL_ERROR, E, c.env.h, {"HY012"});
    END,
    CASE(SQLTransact, "bad completion type")
      EXPECT(f(nullptr, c.dbc.h, 77), SQL_ERROR, D, c.dbc.h, {"HY012"});
    END,
    // ---- statements ----
    CASE(SQLPrepare, "null text, negative length, an open cursor")
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, C("SELECT 1"), -5), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), C("SELECT 1"), SQL_NTS), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLPrepareW, "null text, negative length, an open cursor")
      WideX x;
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, x, -5), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), x, SQL_NTS), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLExecute, "not prepared, markers without parameters")
      EXPECT(f(c.st), SQL_ERROR, S, c.st, {"HY010"});
      REQUIRE(FN(SQLPrepare)(c.st, C("SELECT ?"), SQL_NTS) == SQL_SUCCESS);
      EXPECT(f(c.st), SQL_ERROR, S, c.st, {"07002"});
    END,
    CASE(SQLExecDirect, "null text, negative length, an open cursor")
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, C("SELECT 1"), -5), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, C("SELECT 1"), 0), SQL_ERROR, S, c.st, {"42000", "HY090"});
      EXPECT(f(c.open(), C("SELECT 1"), SQL_NTS), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLExecDirectW, "null text, negative length, an open cursor")
      WideX x;
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, x, -5), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), x, SQL_NTS), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLNumResultCols, "null output, before executing")
      SQLSMALLINT n = 0;
      EXPECT(f(c.st, &n), SQL_ERROR, S, c.st, {"HY010"});
      EXPECT(f(c.open(), nullptr), SQL_ERROR, S, c.st, {"HY009"});
    END,
    CASE(SQLDescribeCol, "before executing, column 0 and past the last, negative buffer, null outputs")
      SQLCHAR name[32];
      SQLSMALLINT n = 0;
      EXPECT(f(c.st, 1, name, sizeof name, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"HY010"});
      c.open();
      EXPECT(f(c.st, 0, name, sizeof name, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 3, name, sizeof name, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 65535, name, sizeof name, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 1, name, -1, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, 1, nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr), SQL_SUCCESS, S, c.st);
    END,
    CASE(SQLDescribeColW, "column past the last, negative buffer")
      SQLWCHAR name[32];
      SQLSMALLINT n = 0;
      c.open();
      EXPECT(f(c.st, 3, name, 32, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 1, name, -1, &n, nullptr, nullptr, nullptr, nullptr), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLColAttribute, "before executing, bad column, unknown field, negative buffer")
      SQLCHAR text[32];
      SQLSMALLINT n = 0;
      SQLLEN num = 0;
      EXPECT(f(c.st, 1, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &num), SQL_ERROR, S, c.st, {"HY010", "07005"});
      c.open();
      EXPECT(f(c.st, 3, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &num), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 1, 9999, text, sizeof text, &n, &num), SQL_ERROR, S, c.st, {"HY091"});
      EXPECT(f(c.st, 1, SQL_DESC_NAME, text, -1, &n, &num), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, 1, SQL_DESC_NAME, nullptr, 0, nullptr, nullptr), SQL_SUCCESS, S, c.st);
    END,
    CASE(SQLColAttributeW, "bad column, negative and odd buffer")
      SQLWCHAR text[32];
      SQLSMALLINT n = 0;
      SQLLEN num = 0;
      c.open();
      EXPECT(f(c.st, 3, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &num), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 1, SQL_DESC_NAME, text, -1, &n, &num), SQL_ERROR, S, c.st, {"HY090"});
      // An odd byte count: HY090 ("must be an even number"), and nothing written.
      text[0] = text[1] = 0x5a5a;
      EXPECT(f(c.st, 1, SQL_DESC_NAME, text, 3, &n, &num), SQL_ERROR, S, c.st, {"HY090"});
      CHECK(text[0] == 0x5a5a);
      CHECK(text[1] == 0x5a5a);
    END,
    CASE(SQLColAttributes, "bad column")
      SQLLEN num = 0;
      c.open();
      EXPECT(f(c.st, 3, SQL_COLUMN_TYPE, nullptr, 0, nullptr, &num), SQL_ERROR, S, c.st, {"07009"});
    END,
    CASE(SQLColAttributesW, "bad column")
      SQLLEN num = 0;
      c.open();
      EXPECT(f(c.st, 3, SQL_COLUMN_TYPE, nullptr, 0, nullptr, &num), SQL_ERROR, S, c.st, {"07009"});
    END,
    CASE(SQLBindCol, "negative buffer, unknown C type")
      SQLCHAR buf[8];
      SQLLEN n = 0;
      EXPECT(f(c.st, 1, SQL_C_CHAR, buf, -1, &n), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, 1, 999, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"HY003"});
    END,
    CASE(SQLFetch, "before executing, after a statement without a result set")
      EXPECT(f(c.st), SQL_ERROR, S, c.st, {"HY010"});
      EXPECT(f(c.no_result()), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLFetchScroll, "before executing, unknown orientation")
      EXPECT(f(c.st, SQL_FETCH_NEXT, 0), SQL_ERROR, S, c.st, {"HY010"});
      EXPECT(f(c.open(), 77, 0), SQL_ERROR, S, c.st, {"HY106"});
    END,
    CASE(SQLExtendedFetch, "before executing")
      SQLULEN rows = 0;
      SQLUSMALLINT status[4];
      EXPECT(f(c.st, SQL_FETCH_NEXT, 0, &rows, status), SQL_ERROR, S, c.st, {"HY010"});
    END,
    CASE(SQLGetData, "before executing, before fetching, column past the last, negative buffer")
      SQLCHAR buf[16];
      SQLLEN n = 0;
      EXPECT(f(c.st, 1, SQL_C_CHAR, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"HY010"});
      c.open();
      EXPECT(f(c.st, 1, SQL_C_CHAR, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"24000"});
      REQUIRE(FN(SQLFetch)(c.st) == SQL_SUCCESS);
      EXPECT(f(c.st, 3, SQL_C_CHAR, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 65535, SQL_C_CHAR, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 1, SQL_C_CHAR, buf, -1, &n), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, 1, 999, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"HY003"});
    END,
    CASE(SQLSetPos, "before executing")
      EXPECT(f(c.st, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_ERROR, S, c.st, {"HY010", "24000"});
    END,
    CASE(SQLBulkOperations, "before executing")
      EXPECT(f(c.st, SQL_ADD), SQL_ERROR, S, c.st, {"HY010", "24000"});
    END,
    CASE(SQLRowCount, "before executing, null output")
      // Before executing is a (DM) check (the driver-manager sweep asserts HY010); called
      // directly the driver may answer -1 rows.
      SQLLEN n = 0;
      const SQLRETURN rc = f(c.st, &n);
      CHECK(((rc == SQL_ERROR && driver_first_state(S, c.st) == "HY010") || (rc == SQL_SUCCESS && n == -1)));
      const SQLRETURN rc2 = f(c.no_result(), nullptr);  // HY009 is (DM); nothing to write is harmless
      CHECK(((rc2 == SQL_ERROR && driver_first_state(S, c.st) == "HY009") || rc2 == SQL_SUCCESS));
    END,
    CASE(SQLCloseCursor, "no cursor")
      EXPECT(f(c.st), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLMoreResults, "before executing")
      const SQLRETURN rc = f(c.st);
      CHECK((rc == SQL_NO_DATA || rc == SQL_ERROR));
      if (rc == SQL_ERROR) CHECK(driver_first_state(S, c.st) == "HY010");
    END,
    CASE(SQLNumParams, "before preparing, null output")
      SQLSMALLINT n = 0;
      EXPECT(f(c.st, &n), SQL_ERROR, S, c.st, {"HY010"});
      REQUIRE(FN(SQLPrepare)(c.st, C("SELECT ?"), SQL_NTS) == SQL_SUCCESS);
      EXPECT(f(c.st, nullptr), SQL_SUCCESS, S, c.st);
    END,
    CASE(SQLDescribeParam, "before preparing, parameter 0 and past the last")
      SQLSMALLINT type = 0;
      SQLULEN size = 0;
      EXPECT(f(c.st, 1, &type, &size, nullptr, nullptr), SQL_ERROR, S, c.st, {"HY010"});
      REQUIRE(FN(SQLPrepare)(c.st, C("SELECT ?"), SQL_NTS) == SQL_SUCCESS);
      EXPECT(f(c.st, 0, &type, &size, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
      EXPECT(f(c.st, 2, &type, &size, nullptr, nullptr), SQL_ERROR, S, c.st, {"07009"});
    END,
    CASE(SQLBindParameter, "parameter 0, bad direction, bad types, negative buffer")
      SQLCHAR buf[8];
      SQLLEN n = 0;
      EXPECT(f(c.st, 0, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8, 0, buf, sizeof buf, &n), SQL_ERROR, S, c.st,
             {"07009"});
      // HY105 is a (DM) check; the driver refuses the value as unsupported (HYC00).
      EXPECT(f(c.st, 1, 77, SQL_C_CHAR, SQL_VARCHAR, 8, 0, buf, sizeof buf, &n), SQL_ERROR, S, c.st,
             {"HY105", "HYC00"});
      EXPECT(f(c.st, 1, SQL_PARAM_INPUT, 999, SQL_VARCHAR, 8, 0, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"HY003"});
      EXPECT(f(c.st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, 999, 8, 0, buf, sizeof buf, &n), SQL_ERROR, S, c.st, {"HY004"});
      EXPECT(f(c.st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8, 0, buf, -1, &n), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8, 0, nullptr, 0, nullptr), SQL_ERROR, S, c.st,
             {"HY009"});
    END,
    CASE(SQLBindParam, "parameter 0")
      SQLCHAR buf[8];
      SQLLEN n = 0;
      EXPECT(f(c.st, 0, SQL_C_CHAR, SQL_VARCHAR, 8, 0, buf, &n), SQL_ERROR, S, c.st, {"07009"});
    END,
    CASE(SQLSetParam, "parameter 0")
      SQLCHAR buf[8];
      SQLLEN n = 0;
      EXPECT(f(c.st, 0, SQL_C_CHAR, SQL_VARCHAR, 8, 0, buf, &n), SQL_ERROR, S, c.st, {"07009"});
    END,
    CASE(SQLParamOptions, "zero rows")
      SQLULEN done = 0;
      EXPECT(f(c.st, 0, &done), SQL_ERROR, S, c.st, {"HY107"});
    END,
    CASE(SQLSetScrollOptions, "bad concurrency")
      EXPECT(f(c.st, 77, SQL_SCROLL_FORWARD_ONLY, 1), SQL_ERROR, S, c.st, {"HY108"});
    END,
    CASE(SQLParamData, "nothing needs data")
      SQLPOINTER p = nullptr;
      EXPECT(f(c.st, &p), SQL_ERROR, S, c.st, {"HY010"});
    END,
    CASE(SQLPutData, "nothing needs data")
      EXPECT(f(c.st, C("x"), 1), SQL_ERROR, S, c.st, {"HY010"});
    END,
    CASE(SQLCancel, "nothing running")
      EXPECT(f(c.st), SQL_SUCCESS, S, c.st);
    END,
    CASE(SQLCancelHandle, "nothing running")
      EXPECT(f(SQL_HANDLE_STMT, c.st), SQL_SUCCESS, S, c.st);
    END,
    CASE(SQLGetCursorName, "negative buffer")
      SQLCHAR name[32];
      SQLSMALLINT n = 0;
      EXPECT(f(c.st, name, -1, &n), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLGetCursorNameW, "negative buffer")
      SQLWCHAR name[32];
      SQLSMALLINT n = 0;
      EXPECT(f(c.st, name, -1, &n), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLSetCursorName, "null name, negative length")
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, C("c1"), -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLSetCursorNameW, "null name, negative length")
      WideX x;
      EXPECT(f(c.st, nullptr, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, x, -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    // ---- statement attributes ----
    CASE(SQLGetStmtAttr, "unknown attribute")
      SQLULEN v = 0;
      EXPECT(f(c.st, 99999, &v, 0, nullptr), SQL_ERROR, S, c.st, {"HY092"});
    END,
    CASE(SQLGetStmtAttrW, "unknown attribute")
      SQLULEN v = 0;
      EXPECT(f(c.st, 99999, &v, 0, nullptr), SQL_ERROR, S, c.st, {"HY092"});
    END,
    CASE(SQLSetStmtAttr, "unknown attribute, bad value, read-only attribute")
      EXPECT(f(c.st, 99999, nullptr, 0), SQL_ERROR, S, c.st, {"HY092"});
      // A cursor type that does not exist: HY024 by the reference (the driver manager checks
      // discrete values); the driver substitutes forward-only with 01S02. Either way the
      // cursor type stays forward-only.
      {
        const SQLRETURN rc = f(c.st, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQLULEN{77}), 0);
        const std::string state = driver_first_state(S, c.st);
        CHECK(((rc == SQL_ERROR && state == "HY024") || (rc == SQL_SUCCESS_WITH_INFO && state == "01S02")));
        SQLULEN type = 99;
        REQUIRE(FN(SQLGetStmtAttr)(c.st, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr) == SQL_SUCCESS);
        CHECK(type == SQL_CURSOR_FORWARD_ONLY);
      }
      EXPECT(f(c.st, SQL_ATTR_IMP_ROW_DESC, nullptr, 0), SQL_ERROR, S, c.st, {"HY017", "HY092", "HY024"});
      // A huge row array: refused (HY024) or lowered (01S02), never allocated blindly.
      const SQLRETURN rc = f(c.st, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(~SQLULEN{0}), 0);
      const std::string state = driver_first_state(S, c.st);
      INFO(driver_describe(S, c.st));
      INFO("returned " << rc << " " << state);
      CHECK(((rc == SQL_ERROR && state == "HY024") || (rc == SQL_SUCCESS_WITH_INFO && state == "01S02") ||
             rc == SQL_SUCCESS));
      // Whatever was kept, a fetch with nothing bound neither crashes nor allocates per row.
      REQUIRE(FN(SQLExecDirect)(c.st, C("SELECT 1 UNION ALL SELECT 2"), SQL_NTS) == SQL_SUCCESS);
      const SQLRETURN fetched = FN(SQLFetch)(c.st);
      INFO(driver_describe(S, c.st));
      CHECK((fetched == SQL_SUCCESS || fetched == SQL_SUCCESS_WITH_INFO));
    END,
    CASE(SQLSetStmtAttrW, "unknown attribute, bad value")
      EXPECT(f(c.st, 99999, nullptr, 0), SQL_ERROR, S, c.st, {"HY092"});
      // A cursor type that does not exist: HY024 by the reference (the driver manager checks
      // discrete values); the driver substitutes forward-only with 01S02. Either way the
      // cursor type stays forward-only.
      {
        const SQLRETURN rc = f(c.st, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQLULEN{77}), 0);
        const std::string state = driver_first_state(S, c.st);
        CHECK(((rc == SQL_ERROR && state == "HY024") || (rc == SQL_SUCCESS_WITH_INFO && state == "01S02")));
        SQLULEN type = 99;
        REQUIRE(FN(SQLGetStmtAttr)(c.st, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr) == SQL_SUCCESS);
        CHECK(type == SQL_CURSOR_FORWARD_ONLY);
      }
    END,
    CASE(SQLGetStmtOption, "unknown option")
      SQLULEN v = 0;
      EXPECT(f(c.st, 9999, &v), SQL_ERROR, S, c.st, {"HY092"});
    END,
    CASE(SQLSetStmtOption, "unknown option")
      EXPECT(f(c.st, 9999, 0), SQL_ERROR, S, c.st, {"HY092"});
    END,
    // ---- catalog ----
    CASE(SQLTables, "negative and huge lengths, an open cursor")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), nullptr, 0, nullptr, 0, C("t"), SQL_NTS, nullptr, 0), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLTablesW, "negative length, an open cursor")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, x, -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), nullptr, 0, nullptr, 0, x, SQL_NTS, nullptr, 0), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLColumns, "negative length, an open cursor")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
      EXPECT(f(c.open(), nullptr, 0, nullptr, 0, C("t"), SQL_NTS, nullptr, 0), SQL_ERROR, S, c.st, {"24000"});
    END,
    CASE(SQLColumnsW, "negative length")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, x, -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLStatistics, "null table, bad option values")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, SQL_INDEX_ALL, SQL_QUICK), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, 77, SQL_QUICK), SQL_ERROR, S, c.st, {"HY100"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, SQL_INDEX_ALL, 77), SQL_ERROR, S, c.st, {"HY101"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5, SQL_INDEX_ALL, SQL_QUICK), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLStatisticsW, "null table")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, SQL_INDEX_ALL, SQL_QUICK), SQL_ERROR, S, c.st, {"HY009"});
    END,
    CASE(SQLPrimaryKeys, "null table, negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLPrimaryKeysW, "null table")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR, S, c.st, {"HY009"});
    END,
    CASE(SQLForeignKeys, "both tables null, negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR, S, c.st,
             {"HY009"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR, S, c.st,
             {"HY090"});
    END,
    CASE(SQLForeignKeysW, "both tables null")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0), SQL_ERROR, S, c.st,
             {"HY009"});
    END,
    CASE(SQLProcedures, "negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("p"), -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLProceduresW, "negative length")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, x, -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLProcedureColumns, "negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("p"), -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLProcedureColumnsW, "negative length")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, x, -5, nullptr, 0), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLSpecialColumns, "bad identifier type, scope, nullable; null table")
      EXPECT(f(c.st, 77, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE), SQL_ERROR, S,
             c.st, {"HY097"});
      EXPECT(f(c.st, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, 77, SQL_NULLABLE), SQL_ERROR, S, c.st,
             {"HY098"});
      EXPECT(f(c.st, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, C("t"), SQL_NTS, SQL_SCOPE_SESSION, 77), SQL_ERROR, S,
             c.st, {"HY099"});
      EXPECT(f(c.st, SQL_BEST_ROWID, nullptr, 0, nullptr, 0, nullptr, 0, SQL_SCOPE_SESSION, SQL_NULLABLE), SQL_ERROR,
             S, c.st, {"HY009"});
    END,
    CASE(SQLSpecialColumnsW, "bad identifier type")
      WideX x;
      EXPECT(f(c.st, 77, nullptr, 0, nullptr, 0, x, SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE), SQL_ERROR, S, c.st,
             {"HY097"});
    END,
    CASE(SQLTablePrivileges, "negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLTablePrivilegesW, "negative length")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, x, -5), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLColumnPrivileges, "null table, negative length")
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, C("%"), SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, C("t"), -5, C("%"), SQL_NTS), SQL_ERROR, S, c.st, {"HY090"});
    END,
    CASE(SQLColumnPrivilegesW, "null table")
      WideX x;
      EXPECT(f(c.st, nullptr, 0, nullptr, 0, nullptr, 0, x, SQL_NTS), SQL_ERROR, S, c.st, {"HY009"});
    END,
    // ---- descriptors ----
    CASE(SQLGetDescField, "unknown field, record past the count, negative buffer")
      SQLHDESC d = c.ard();
      SQLINTEGER v = 0, n = 0;
      SQLCHAR text[16];
      EXPECT(f(d, 0, 9999, &v, 0, &n), SQL_ERROR, DE, d, {"HY091"});
      EXPECT(f(d, -1, SQL_DESC_TYPE, &v, 0, &n), SQL_ERROR, DE, d, {"07009"});
      c.open();
      SQLHDESC ird = c.ird();
      EXPECT(f(ird, 1, SQL_DESC_NAME, text, -1, &n), SQL_ERROR, DE, ird, {"HY090"});
      CHECK(f(ird, 9, SQL_DESC_TYPE, &v, 0, &n) == SQL_NO_DATA);
    END,
    CASE(SQLGetDescFieldW, "unknown field, negative buffer")
      SQLHDESC d = c.ard();
      SQLINTEGER v = 0, n = 0;
      EXPECT(f(d, 0, 9999, &v, 0, &n), SQL_ERROR, DE, d, {"HY091"});
    END,
    CASE(SQLSetDescField, "the IRD, unknown field, bad record")
      SQLHDESC ird = c.ird();
      EXPECT(f(ird, 0, SQL_DESC_COUNT, reinterpret_cast<SQLPOINTER>(SQLLEN{2}), 0), SQL_ERROR, DE, ird,
             {"HY016", "HY091"});
      SQLHDESC d = c.ard();
      EXPECT(f(d, 0, 9999, nullptr, 0), SQL_ERROR, DE, d, {"HY091"});
      EXPECT(f(d, -1, SQL_DESC_TYPE, reinterpret_cast<SQLPOINTER>(SQLLEN{SQL_C_CHAR}), 0), SQL_ERROR, DE, d,
             {"07009"});
    END,
    CASE(SQLSetDescFieldW, "the IRD, unknown field")
      SQLHDESC ird = c.ird();
      EXPECT(f(ird, 0, SQL_DESC_COUNT, reinterpret_cast<SQLPOINTER>(SQLLEN{2}), 0), SQL_ERROR, DE, ird,
             {"HY016", "HY091"});
      SQLHDESC d = c.ard();
      EXPECT(f(d, 0, 9999, nullptr, 0), SQL_ERROR, DE, d, {"HY091"});
    END,
    CASE(SQLGetDescRec, "record 0 without bookmarks, past the count, negative buffer")
      c.open();
      SQLHDESC ird = c.ird();
      SQLCHAR name[16];
      SQLSMALLINT n = 0, type = 0, sub = 0, prec = 0, scale = 0, nullable = 0;
      SQLLEN len = 0;
      CHECK(f(ird, 9, name, sizeof name, &n, &type, &sub, &len, &prec, &scale, &nullable) == SQL_NO_DATA);
      EXPECT(f(ird, 1, name, -1, &n, &type, &sub, &len, &prec, &scale, &nullable), SQL_ERROR, DE, ird, {"HY090"});
      EXPECT(f(ird, -1, name, sizeof name, &n, &type, &sub, &len, &prec, &scale, &nullable), SQL_ERROR, DE, ird,
             {"07009"});
    END,
    CASE(SQLGetDescRecW, "negative buffer")
      c.open();
      SQLHDESC ird = c.ird();
      SQLWCHAR name[16];
      SQLSMALLINT n = 0, type = 0, sub = 0, prec = 0, scale = 0, nullable = 0;
      SQLLEN len = 0;
      EXPECT(f(ird, 1, name, -1, &n, &type, &sub, &len, &prec, &scale, &nullable), SQL_ERROR, DE, ird, {"HY090"});
    END,
    CASE(SQLSetDescRec, "the IRD, record 0")
      SQLHDESC ird = c.ird();
      SQLLEN len = 0;
      EXPECT(f(ird, 1, SQL_CHAR, 0, 10, 0, 0, nullptr, &len, &len), SQL_ERROR, DE, ird, {"HY016"});
      SQLHDESC d = c.ard();
      EXPECT(f(d, -1, SQL_C_CHAR, 0, 10, 0, 0, nullptr, &len, &len), SQL_ERROR, DE, d, {"07009"});
    END,
    CASE(SQLCopyDesc, "into an IRD")
      SQLHDESC ird = c.ird();
      EXPECT(f(c.ard(), ird), SQL_ERROR, DE, ird, {"HY016"});
    END,
};

#undef CASE
#undef END

bool has_case(const std::string& name) {
  for (const Case& k : kCases) {
    if (name == k.function) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("misuse walker: every export has an argument-misuse case", "[integration][misuse]") {
  const std::string missing = exports_without_row(driver_exports(), has_case);
  INFO("exported functions without a case in kCases (test_misuse_args.cpp): " << missing);
  CHECK(missing.empty());
}

TEST_CASE("misuse walker: valid handles, bad arguments and wrong call order", "[integration][misuse]") {
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectDbc idle(env);
  const std::set<std::string>& exports = driver_exports();
  std::size_t run = 0;
  for (const Case& k : kCases) {
    if (exports.count(k.function) == 0) continue;  // not (yet) exported
    DYNAMIC_SECTION(k.function << ": " << k.what) {
      Ctx c{env, dbc, idle};
      REQUIRE(driver().SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &c.st) == SQL_SUCCESS);
      k.run(c);
      driver().SQLFreeHandle(SQL_HANDLE_STMT, c.st);
    }
    ++run;
  }
  CHECK(run >= exports.size());
  // The connection survived every misuse.
  DirectStmt st(dbc);
  CHECK(st.exec("SELECT 1") == SQL_SUCCESS);
}
