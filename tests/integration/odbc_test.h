// Helpers for integration tests: they talk to the driver through the unixODBC driver
// manager, against the server the test scripts start (TEST_* environment variables).
#pragma once

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace odbc_test {

inline std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// DSN-less connection string for the test server. `extra` is "KEY=value;..." whose keys
// replace the defaults (a connection string's first occurrence of a key wins, so a plain
// append would not override).
inline std::string connection_string(const std::string& extra = "") {
  std::vector<std::pair<std::string, std::string>> pairs = {
      {"DRIVER", "{" + env_or("TEST_DRIVER", "Holdfast") + "}"},
      {"SERVER", env_or("TEST_SERVER", "127.0.0.1")},
      {"PORT", env_or("TEST_PORT", "3311")},
      {"UID", env_or("TEST_UID", "holdfast")},
      {"PWD", env_or("TEST_PASSWORD", "holdfast")},
      {"DATABASE", env_or("TEST_SCHEMA", "holdfast_test")}};
  std::size_t start = 0;
  while (start < extra.size()) {
    std::size_t end = extra.find(';', start);
    if (end == std::string::npos) end = extra.size();
    const std::string item = extra.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = item.substr(0, eq);
    bool replaced = false;
    for (auto& p : pairs)
      if (p.first == key) {
        p.second = item.substr(eq + 1);
        replaced = true;
      }
    if (!replaced) pairs.emplace_back(key, item.substr(eq + 1));
  }
  std::string s;
  for (const auto& p : pairs) s += p.first + "=" + p.second + ";";
  return s;
}

struct DiagRecordText {
  std::string sqlstate;
  SQLINTEGER native = 0;
  std::string message;
};

// The records of a handle, read with `get_diag_rec` (the driver manager's SQLGetDiagRec,
// or the driver's own when a test loads the library directly).
template <class GetDiagRec>
std::vector<DiagRecordText> read_diagnostics(GetDiagRec get_diag_rec, SQLSMALLINT type, SQLHANDLE handle) {
  std::vector<DiagRecordText> out;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR state[6] = {0};
    SQLCHAR message[2048] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    if (!SQL_SUCCEEDED(get_diag_rec(type, handle, i, state, &native, message, sizeof message, &length))) break;
    out.push_back({reinterpret_cast<char*>(state), native, reinterpret_cast<char*>(message)});
  }
  return out;
}

inline std::vector<DiagRecordText> diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  return read_diagnostics(&SQLGetDiagRec, type, handle);
}

inline std::string describe(SQLSMALLINT type, SQLHANDLE handle) {
  std::string s;
  for (const auto& d : diagnostics(type, handle)) s += d.sqlstate + " (" + std::to_string(d.native) + ") " + d.message + "\n";
  return s;
}

inline std::string first_state(SQLSMALLINT type, SQLHANDLE handle) {
  auto d = diagnostics(type, handle);
  return d.empty() ? std::string() : d.front().sqlstate;
}

#define ODBC_OK(type, handle, call)                                        \
  do {                                                                     \
    SQLRETURN odbc_rc_ = (call);                                           \
    INFO(#call << " -> " << odbc_rc_ << "\n" << odbc_test::describe(type, handle)); \
    REQUIRE(SQL_SUCCEEDED(odbc_rc_));                                      \
  } while (0)

class Env {
 public:
  explicit Env(SQLUINTEGER version = SQL_OV_ODBC3) {
    REQUIRE(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h) == SQL_SUCCESS);
    REQUIRE(SQLSetEnvAttr(h, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(version)), 0) ==
            SQL_SUCCESS);
  }
  ~Env() { SQLFreeHandle(SQL_HANDLE_ENV, h); }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  SQLHENV h = SQL_NULL_HENV;
};

class Dbc {
 public:
  explicit Dbc(Env& env) { REQUIRE(SQLAllocHandle(SQL_HANDLE_DBC, env.h, &h) == SQL_SUCCESS); }
  ~Dbc() {
    if (connected) SQLDisconnect(h);
    SQLFreeHandle(SQL_HANDLE_DBC, h);
  }
  Dbc(const Dbc&) = delete;
  Dbc& operator=(const Dbc&) = delete;

  SQLRETURN try_connect(const std::string& cs) {
    SQLCHAR out[2048];
    SQLSMALLINT out_length = 0;
    SQLRETURN rc = SQLDriverConnect(h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_length,
                                    SQL_DRIVER_NOPROMPT);
    if (SQL_SUCCEEDED(rc)) {
      connected = true;
      completed.assign(reinterpret_cast<char*>(out), static_cast<size_t>(out_length));
    }
    return rc;
  }
  void connect(const std::string& cs = connection_string()) {
    SQLRETURN rc = try_connect(cs);
    INFO(describe(SQL_HANDLE_DBC, h));
    REQUIRE(SQL_SUCCEEDED(rc));
  }
  void disconnect() {
    REQUIRE(SQLDisconnect(h) == SQL_SUCCESS);
    connected = false;
  }
  SQLHDBC h = SQL_NULL_HDBC;
  bool connected = false;
  std::string completed;
};

class Stmt {
 public:
  explicit Stmt(Dbc& dbc) { REQUIRE(SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &h) == SQL_SUCCESS); }
  ~Stmt() { SQLFreeHandle(SQL_HANDLE_STMT, h); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  SQLRETURN exec(const std::string& sql) { return SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS); }
  void run(const std::string& sql) {
    SQLRETURN rc = exec(sql);
    INFO(sql << "\n" << describe(SQL_HANDLE_STMT, h));
    REQUIRE((SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA));
    SQLFreeStmt(h, SQL_CLOSE);
  }
  // The first column of the first row as text (nullopt for NULL); closes the cursor.
  std::string scalar(const std::string& sql) {
    SQLRETURN rc = exec(sql);
    INFO(sql << "\n" << describe(SQL_HANDLE_STMT, h));
    REQUIRE(SQL_SUCCEEDED(rc));
    REQUIRE(SQLFetch(h) == SQL_SUCCESS);
    char buffer[4096];
    SQLLEN ind = 0;
    REQUIRE(SQL_SUCCEEDED(SQLGetData(h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind)));
    SQLFreeStmt(h, SQL_CLOSE);
    return ind == SQL_NULL_DATA ? std::string("<NULL>") : std::string(buffer);
  }
  SQLHSTMT h = SQL_NULL_HSTMT;
};

}  // namespace odbc_test
