// Handle validation and misuse. Most of these call the driver library directly: the
// driver manager keeps its own handles and would answer SQL_INVALID_HANDLE itself.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "driver_lib.h"

using namespace odbc_test;

namespace {

// Every entry point that takes the handle, called with `bad` as that handle: each must say
// SQL_INVALID_HANDLE (and not crash). `what` names the bad pointer in failure messages.
void check_rejected_everywhere(SQLHANDLE bad, const char* what) {
  const DriverLib& d = driver();
  INFO("bad handle: " << what);
  SQLCHAR text[64];
  SQLSMALLINT length = 0;
  SQLINTEGER native = 0;
  SQLUINTEGER number = 0;
  SQLSMALLINT count = 0;
  SQLHANDLE out = SQL_NULL_HANDLE;
  CHECK(d.SQLSetEnvAttr(bad, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLGetEnvAttr(bad, SQL_ATTR_ODBC_VERSION, &number, 0, nullptr) == SQL_INVALID_HANDLE);
  CHECK(d.SQLAllocHandle(SQL_HANDLE_DBC, bad, &out) == SQL_INVALID_HANDLE);
  CHECK(d.SQLAllocHandle(SQL_HANDLE_STMT, bad, &out) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetInfo(bad, SQL_DBMS_NAME, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetConnectAttr(bad, SQL_ATTR_AUTOCOMMIT, &number, 0, nullptr) == SQL_INVALID_HANDLE);
  CHECK(d.SQLSetConnectAttr(bad, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLDriverConnect(bad, nullptr, (SQLCHAR*)"SERVER=x", SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLDisconnect(bad) == SQL_INVALID_HANDLE);
  CHECK(d.SQLEndTran(SQL_HANDLE_DBC, bad, SQL_COMMIT) == SQL_INVALID_HANDLE);
  CHECK(d.SQLEndTran(SQL_HANDLE_ENV, bad, SQL_COMMIT) == SQL_INVALID_HANDLE);
  SQLUSMALLINT supported = 0;
  CHECK(d.SQLGetFunctions(bad, SQL_API_SQLFETCH, &supported) == SQL_INVALID_HANDLE);
  CHECK(d.SQLExecDirect(bad, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFetch(bad) == SQL_INVALID_HANDLE);
  CHECK(d.SQLNumResultCols(bad, &count) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetTypeInfo(bad, SQL_ALL_TYPES) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeStmt(bad, SQL_CLOSE) == SQL_INVALID_HANDLE);
  CHECK(d.SQLCloseCursor(bad) == SQL_INVALID_HANDLE);
  CHECK(d.SQLCancel(bad) == SQL_INVALID_HANDLE);
  for (SQLSMALLINT type : {SQL_HANDLE_ENV, SQL_HANDLE_DBC, SQL_HANDLE_STMT}) {
    INFO("handle type " << type);
    CHECK(d.SQLGetDiagRec(type, bad, 1, text, &native, text, sizeof text, &length) == SQL_INVALID_HANDLE);
    CHECK(d.SQLGetDiagField(type, bad, 0, SQL_DIAG_NUMBER, &native, 0, nullptr) == SQL_INVALID_HANDLE);
    CHECK(d.SQLFreeHandle(type, bad) == SQL_INVALID_HANDLE);
  }
  CHECK(d.SQLError(SQL_NULL_HENV, SQL_NULL_HDBC, bad, text, &native, text, sizeof text, &length) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLError(SQL_NULL_HENV, bad, SQL_NULL_HSTMT, text, &native, text, sizeof text, &length) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLError(bad, SQL_NULL_HDBC, SQL_NULL_HSTMT, text, &native, text, sizeof text, &length) ==
        SQL_INVALID_HANDLE);
}

// An error recorded on a fresh environment: HY024 from an invalid ODBC version value.
void record_env_error(SQLHENV env) {
  REQUIRE(driver().SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQLULEN{12345}), 0) ==
          SQL_ERROR);
}

}  // namespace

TEST_CASE("garbage pointers are SQL_INVALID_HANDLE, never a crash", "[integration][handles]") {
  driver();
  int on_stack = 0x484f4c44;
  check_rejected_everywhere(&on_stack, "pointer to a stack int");
  check_rejected_everywhere(reinterpret_cast<SQLHANDLE>(std::uintptr_t{1}), "0x1");
  check_rejected_everywhere(reinterpret_cast<SQLHANDLE>(~std::uintptr_t{0} - 15), "near the top of the address space");
  check_rejected_everywhere(SQL_NULL_HANDLE, "null");
  // Heap memory that looks like a live handle block ("HOLD" tags everywhere).
  std::vector<std::uint32_t> forged(256, 0x484f4c44);
  check_rejected_everywhere(forged.data() + 4, "forged heap block");
  // Pointers into the middle of a live handle.
  DirectEnv env;
  check_rejected_everywhere(static_cast<char*>(env.h) + 1, "live environment + 1");
  check_rejected_everywhere(static_cast<char*>(env.h) + 8, "live environment + 8");
  // The real environment still works afterwards.
  SQLUINTEGER version = 0;
  CHECK(driver().SQLGetEnvAttr(env.h, SQL_ATTR_ODBC_VERSION, &version, 0, nullptr) == SQL_SUCCESS);
  CHECK(version == SQL_OV_ODBC3);
}

TEST_CASE("a handle of one type passed as another is SQL_INVALID_HANDLE", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  SQLCHAR text[64];
  SQLSMALLINT length = 0;
  SQLINTEGER native = 0;
  SQLUINTEGER number = 0;
  // A statement as a connection or an environment.
  CHECK(d.SQLGetInfo(st.h, SQL_DBMS_NAME, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLDisconnect(st.h) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetConnectAttr(st.h, SQL_ATTR_AUTOCOMMIT, &number, 0, nullptr) == SQL_INVALID_HANDLE);
  CHECK(d.SQLSetEnvAttr(st.h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLEndTran(SQL_HANDLE_DBC, st.h, SQL_COMMIT) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_DBC, st.h, 1, text, &native, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_DBC, st.h) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_ENV, st.h) == SQL_INVALID_HANDLE);
  // A connection or an environment as a statement.
  CHECK(d.SQLExecDirect(dbc.h, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(d.SQLExecDirect(env.h, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_STMT, dbc.h) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_STMT, env.h, 1, text, &native, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  // An environment as a connection, a connection as an environment.
  CHECK(d.SQLGetInfo(env.h, SQL_DBMS_NAME, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetEnvAttr(dbc.h, SQL_ATTR_ODBC_VERSION, &number, 0, nullptr) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_ENV, dbc.h) == SQL_INVALID_HANDLE);
  // None of the wrong-type frees freed anything: every handle still works.
  REQUIRE(st.exec("SELECT 7") == SQL_SUCCESS);
  REQUIRE(d.SQLFetch(st.h) == SQL_SUCCESS);
  SQLINTEGER value = 0;
  SQLLEN indicator = 0;
  REQUIRE(d.SQLGetData(st.h, 1, SQL_C_SLONG, &value, 0, &indicator) == SQL_SUCCESS);
  CHECK(value == 7);
  CHECK(d.SQLGetInfo(dbc.h, SQL_DBMS_NAME, text, sizeof text, &length) == SQL_SUCCESS);
  CHECK(d.SQLGetEnvAttr(env.h, SQL_ATTR_ODBC_VERSION, &number, 0, nullptr) == SQL_SUCCESS);
}

TEST_CASE("freed handles are SQL_INVALID_HANDLE", "[integration][handles]") {
  const DriverLib& d = driver();
  SQLCHAR text[64];
  SQLSMALLINT length = 0;
  SQLINTEGER native = 0;
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  SQLHSTMT stmt = SQL_NULL_HSTMT, kept = SQL_NULL_HSTMT;
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS);
  REQUIRE(d.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) == SQL_SUCCESS);
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS);
  const std::string cs = connection_string();
  REQUIRE(SQL_SUCCEEDED(
      d.SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) == SQL_SUCCESS);
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_STMT, dbc, &kept) == SQL_SUCCESS);

  REQUIRE(d.SQLFreeHandle(SQL_HANDLE_STMT, stmt) == SQL_SUCCESS);
  CHECK(d.SQLExecDirect(stmt, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_INVALID_HANDLE);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_STMT, stmt, 1, text, &native, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_STMT, stmt) == SQL_INVALID_HANDLE);  // double free

  // SQLDisconnect frees the connection's statements: the one kept is gone too.
  REQUIRE(d.SQLExecDirect(kept, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_SUCCESS);
  REQUIRE(d.SQLDisconnect(dbc) == SQL_SUCCESS);
  CHECK(d.SQLFetch(kept) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_STMT, kept) == SQL_INVALID_HANDLE);

  REQUIRE(d.SQLFreeHandle(SQL_HANDLE_DBC, dbc) == SQL_SUCCESS);
  CHECK(d.SQLGetInfo(dbc, SQL_DBMS_NAME, text, sizeof text, &length) == SQL_INVALID_HANDLE);
  CHECK(d.SQLDisconnect(dbc) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_DBC, dbc) == SQL_INVALID_HANDLE);

  REQUIRE(d.SQLFreeHandle(SQL_HANDLE_ENV, env) == SQL_SUCCESS);
  CHECK(d.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) ==
        SQL_INVALID_HANDLE);
  CHECK(d.SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_INVALID_HANDLE);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_ENV, env) == SQL_INVALID_HANDLE);
}

TEST_CASE("SQLAllocHandle with a null output pointer", "[integration][handles]") {
  const DriverLib& d = driver();
  CHECK(d.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, nullptr) == SQL_ERROR);
  DirectEnv env;
  CHECK(d.SQLAllocHandle(SQL_HANDLE_DBC, env.h, nullptr) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env.h) == "HY009");
  DirectDbc dbc(env);
  dbc.connect();
  CHECK(d.SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, nullptr) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY009");
  // An unknown handle type: HY092 on the input handle.
  SQLHANDLE out = SQL_NULL_HANDLE;
  CHECK(d.SQLAllocHandle(42, env.h, &out) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env.h) == "HY092");
  // A statement before connecting: 08003.
  DirectDbc unconnected(env);
  CHECK(d.SQLAllocHandle(SQL_HANDLE_STMT, unconnected.h, &out) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, unconnected.h) == "08003");
}

TEST_CASE("freeing an environment with connections is HY010 and frees nothing", "[integration][handles]") {
  const DriverLib& d = driver();
  SQLHENV env = SQL_NULL_HENV;
  SQLHDBC dbc = SQL_NULL_HDBC;
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS);
  REQUIRE(d.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) == SQL_SUCCESS);
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_ENV, env) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env) == "HY010");
  // SQL_ATTR_ODBC_VERSION cannot change under a connection either.
  CHECK(d.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC2), 0) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env) == "HY010");
  // A connected connection cannot be freed: HY010 on it.
  const std::string cs = connection_string();
  REQUIRE(SQL_SUCCEEDED(
      d.SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT)));
  CHECK(d.SQLFreeHandle(SQL_HANDLE_DBC, dbc) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc) == "HY010");
  // Both still work.
  SQLCHAR name[32];
  SQLSMALLINT length = 0;
  CHECK(d.SQLGetInfo(dbc, SQL_DBMS_NAME, name, sizeof name, &length) == SQL_SUCCESS);
  SQLUINTEGER version = 0;
  CHECK(d.SQLGetEnvAttr(env, SQL_ATTR_ODBC_VERSION, &version, 0, nullptr) == SQL_SUCCESS);
  CHECK(version == SQL_OV_ODBC3);
  REQUIRE(d.SQLDisconnect(dbc) == SQL_SUCCESS);
  REQUIRE(d.SQLFreeHandle(SQL_HANDLE_DBC, dbc) == SQL_SUCCESS);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_ENV, env) == SQL_SUCCESS);
}

TEST_CASE("a connection before SQL_ATTR_ODBC_VERSION is HY010", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env(0);  // no version set
  SQLHDBC dbc = reinterpret_cast<SQLHDBC>(std::uintptr_t{0x1234});
  CHECK(d.SQLAllocHandle(SQL_HANDLE_DBC, env.h, &dbc) == SQL_ERROR);
  CHECK(dbc == SQL_NULL_HDBC);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env.h) == "HY010");
  REQUIRE(d.SQLSetEnvAttr(env.h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0) ==
          SQL_SUCCESS);
  REQUIRE(d.SQLAllocHandle(SQL_HANDLE_DBC, env.h, &dbc) == SQL_SUCCESS);
  CHECK(dbc != SQL_NULL_HDBC);
  CHECK(d.SQLFreeHandle(SQL_HANDLE_DBC, dbc) == SQL_SUCCESS);
}

TEST_CASE("SQLGetDiagRec and SQLGetDiagField argument errors and SQL_NO_DATA", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env;
  record_env_error(env.h);
  SQLCHAR state[6] = {0};
  SQLCHAR message[512];
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 0, state, &native, message, sizeof message, &length) == SQL_ERROR);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, -1, state, &native, message, sizeof message, &length) == SQL_ERROR);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, state, &native, message, -1, &length) == SQL_ERROR);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 2, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  // None of that disturbed the record, and reading it does not consume it.
  for (int pass = 0; pass < 2; ++pass) {
    REQUIRE(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, state, &native, message, sizeof message, &length) ==
            SQL_SUCCESS);
    CHECK(std::string(reinterpret_cast<char*>(state)) == "HY024");
    CHECK(length == static_cast<SQLSMALLINT>(std::strlen(reinterpret_cast<char*>(message))));
  }
  // Every output pointer may be null.
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, nullptr, nullptr, nullptr, 0, nullptr) == SQL_SUCCESS);
  SQLSMALLINT length_only = 0;
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, nullptr, nullptr, nullptr, 0, &length_only) == SQL_SUCCESS);
  CHECK(length_only == length);

  SQLINTEGER number = -1;
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 1);
  CHECK(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 0, SQL_DIAG_SQLSTATE, state, sizeof state, &length) == SQL_ERROR);
  CHECK(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 2, SQL_DIAG_SQLSTATE, state, sizeof state, &length) == SQL_NO_DATA);
  CHECK(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 1, SQL_DIAG_MESSAGE_TEXT, message, -1, &length) == SQL_ERROR);
  // Statement-only header fields on an environment, and an unknown field.
  SQLLEN rows = 0;
  CHECK(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr) == SQL_ERROR);
  CHECK(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 1, 12345, message, sizeof message, &length) == SQL_ERROR);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 1, SQL_DIAG_SQLSTATE, state, sizeof state, &length) ==
          SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "HY024");
  CHECK(length == 5);
  // A handle type the diagnostic functions do not know is not a valid handle of it.
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_DESC, env.h, 1, state, &native, message, sizeof message, &length) ==
        SQL_INVALID_HANDLE);
}

TEST_CASE("SQLGetDiagRec truncates the message and reports its full length", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env;
  record_env_error(env.h);
  SQLCHAR full[512];
  SQLSMALLINT full_length = 0;
  REQUIRE(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, nullptr, nullptr, full, sizeof full, &full_length) == SQL_SUCCESS);
  const std::string text(reinterpret_cast<char*>(full));
  REQUIRE(text.size() > 20);
  REQUIRE(full_length == static_cast<SQLSMALLINT>(text.size()));

  SQLCHAR small[10];
  std::memset(small, 'x', sizeof small);
  SQLSMALLINT length = 0;
  SQLCHAR state[6] = {0};
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, state, nullptr, small, sizeof small, &length) ==
        SQL_SUCCESS_WITH_INFO);
  CHECK(std::string(reinterpret_cast<char*>(small)) == text.substr(0, 9));
  CHECK(length == full_length);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "HY024");
  // Exactly enough room (text + NUL) is not a truncation; one less is.
  std::vector<SQLCHAR> exact(text.size() + 1);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, nullptr, nullptr, exact.data(),
                        static_cast<SQLSMALLINT>(exact.size()), &length) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(exact.data())) == text);
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_ENV, env.h, 1, nullptr, nullptr, exact.data(),
                        static_cast<SQLSMALLINT>(text.size()), &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(std::string(reinterpret_cast<char*>(exact.data())) == text.substr(0, text.size() - 1));

  // The W form counts characters.
  SQLWCHAR wsmall[10];
  SQLWCHAR wstate[6] = {0};
  CHECK(d.SQLGetDiagRecW(SQL_HANDLE_ENV, env.h, 1, wstate, nullptr, wsmall, 10, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(length == full_length);
  CHECK(wide(wsmall, 9) == utf16_of(text.substr(0, 9)));
  CHECK(wsmall[9] == 0);
  CHECK(wide(wstate, 5) == u"HY024");

  // Truncating posts no record of its own.
  SQLINTEGER number = 0;
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_ENV, env.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 1);
}

TEST_CASE("SQLGetInfo truncates strings with 01004", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  SQLCHAR small[4];
  SQLSMALLINT length = 0;
  CHECK(d.SQLGetInfo(dbc.h, SQL_DBMS_NAME, small, sizeof small, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(std::string(reinterpret_cast<char*>(small)) == "Mar");
  CHECK(length == 7);  // "MariaDB"
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "01004");

  SQLWCHAR wsmall[4];
  CHECK(d.SQLGetInfoW(dbc.h, SQL_DBMS_NAME, wsmall, sizeof wsmall, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(wide(wsmall, 3) == u"Mar");
  CHECK(wsmall[3] == 0);
  CHECK(length == 14);  // bytes
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "01004");
  // SQLGetInfoW wants an even byte count for a string answer (HY090), and writes nothing.
  SQLWCHAR odd[4] = {u'x', u'x', u'x', u'x'};
  CHECK(d.SQLGetInfoW(dbc.h, SQL_DBMS_NAME, odd, 7, &length) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY090");
  CHECK(odd[0] == u'x');

  // A null buffer asks for the length only: no truncation, no warning.
  CHECK(d.SQLGetInfo(dbc.h, SQL_DBMS_NAME, nullptr, 0, &length) == SQL_SUCCESS);
  CHECK(length == 7);
  CHECK(driver_diagnostics(SQL_HANDLE_DBC, dbc.h).empty());
  // A negative length for a string answer is HY090; an unknown type HY096.
  SQLCHAR buffer[32];
  CHECK(d.SQLGetInfo(dbc.h, SQL_DBMS_NAME, buffer, -1, &length) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY090");
  CHECK(d.SQLGetInfo(dbc.h, 9999, buffer, sizeof buffer, &length) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY096");
  // Enough room: SQL_SUCCESS and the whole value.
  CHECK(d.SQLGetInfo(dbc.h, SQL_DRIVER_ODBC_VER, buffer, sizeof buffer, &length) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(buffer)) == "03.80");
  CHECK(length == 5);
}

TEST_CASE("driver argument checks the driver manager lets through", "[integration][handles]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  REQUIRE(st.exec("SELECT 1, 2") == SQL_SUCCESS);
  CHECK(d.SQLNumResultCols(st.h, nullptr) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st.h) == "HY009");
  CHECK(d.SQLExecDirect(st.h, nullptr, SQL_NTS) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, st.h) == "HY009");
  CHECK(d.SQLGetFunctions(dbc.h, SQL_API_SQLFETCH, nullptr) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY009");
  // SQLEndTran with a completion type that is neither commit nor rollback.
  CHECK(d.SQLEndTran(SQL_HANDLE_DBC, dbc.h, 7) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY012");
  // The statement is still usable, its cursor still open.
  SQLSMALLINT count = 0;
  CHECK(d.SQLNumResultCols(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 2);
}

TEST_CASE("through the driver manager: null output pointers the spec allows", "[integration][handles]") {
  Env env;
  Dbc dbc(env);
  // SQLDriverConnect without an output string.
  const std::string cs = connection_string();
  REQUIRE(SQL_SUCCEEDED(SQLDriverConnect(dbc.h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                         SQL_DRIVER_NOPROMPT)));
  dbc.connected = true;
  Stmt st(dbc);
  REQUIRE(st.exec("SELECT 1 AS a_column_name, 'x'") == SQL_SUCCESS);
  // SQLDescribeCol: every output may be null; the name length alone.
  CHECK(SQLDescribeCol(st.h, 1, nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr) == SQL_SUCCESS);
  SQLSMALLINT name_length = 0;
  CHECK(SQLDescribeCol(st.h, 1, nullptr, 0, &name_length, nullptr, nullptr, nullptr, nullptr) == SQL_SUCCESS);
  CHECK(name_length == 13);
  // SQLColAttribute: numeric field with null text outputs.
  SQLLEN type = 0;
  CHECK(SQLColAttribute(st.h, 2, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &type) == SQL_SUCCESS);
  CHECK((type == SQL_WVARCHAR || type == SQL_VARCHAR));
  // SQLGetInfo: length only.
  SQLSMALLINT info_length = 0;
  CHECK(SQLGetInfo(dbc.h, SQL_DBMS_NAME, nullptr, 0, &info_length) == SQL_SUCCESS);
  CHECK(info_length == 7);
  // SQLGetConnectAttr with no string-length pointer.
  SQLUINTEGER autocommit = 99;
  CHECK(SQLGetConnectAttr(dbc.h, SQL_ATTR_AUTOCOMMIT, &autocommit, 0, nullptr) == SQL_SUCCESS);
  CHECK(autocommit == SQL_AUTOCOMMIT_ON);
  // SQLFetch with a bound column that has no indicator, for a non-NULL value.
  SQLINTEGER value = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(value == 1);
  // SQLGetData with no indicator, for a non-NULL value.
  char text[8];
  CHECK(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, nullptr) == SQL_SUCCESS);
  CHECK(std::string(text) == "x");
  // Not allowed: SQLNumResultCols without an output (HY009, from the manager or the driver).
  SQLRETURN rc = SQLNumResultCols(st.h, nullptr);
  CHECK(rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY009");
  // An error leaves the diagnostic functions' null outputs allowed too.
  CHECK(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, nullptr, nullptr, nullptr, 0, nullptr) == SQL_SUCCESS);
}
