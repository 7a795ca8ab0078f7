// A small ODBC client the integration tests run as a separate process, so that it starts
// the driver manager afresh under an environment of the test's choosing (a private
// ODBCSYSINI with connection pooling on, a private ODBCINI). It runs the steps given as
// arguments, in order, on named connection handles, and prints one line per step:
//
//   odbc_script "<connection string>" "a connect" "a q:SELECT CONNECTION_ID()"
//               "a set:autocommit=0" "a get:autocommit" "a dead" "a disconnect"
//
//   a connect ok
//   a q row 42                 (first column of the first row; <NULL> for NULL)
//   a q ok 3                   (no result set: the row count)
//   a q error 42S02 <message>
//   ...
//
// Steps: connect (SQLDriverConnect with the connection string), dsn:<name> (SQLConnect),
// q:<sql>, set:autocommit=<0|1>, set:isolation=<serializable|read_committed>,
// set:readonly=<0|1>, set:catalog=<name>, get:autocommit, get:isolation, get:readonly,
// get:catalog, get:reconnects (HOLDFAST_ATTR_RECONNECT_COUNT), dead
// (SQL_ATTR_CONNECTION_DEAD), disconnect (and free the handle), sleep:<ms>, and
// untilzero:<sql> (runs a query every 20 ms, at most 250 times, until it returns 0).
// The value of a handle's last "row" result is $<handle name> in later SQL text. The exit status is 0 when every step ran (errors of SQL steps are output,
// not failures), 2 for a bad step.
#include <holdfast/holdfast.h>
#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

namespace {

SQLHENV g_env = SQL_NULL_HENV;
std::map<std::string, SQLHDBC> g_dbcs;
std::map<std::string, std::string> g_values;  // handle name -> last "row" value

std::string substitute(std::string sql) {
  for (const auto& [name, value] : g_values) {
    const std::string token = "$" + name;
    for (std::size_t at = sql.find(token); at != std::string::npos; at = sql.find(token, at + value.size()))
      sql.replace(at, token.size(), value);
  }
  return sql;
}

std::string diag(SQLSMALLINT type, SQLHANDLE handle) {
  SQLCHAR state[6] = {0};
  SQLCHAR message[1024] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof message, &length)))
    return "? (no diagnostic)";
  std::string text = reinterpret_cast<char*>(message);
  for (char& c : text)
    if (c == '\n') c = ' ';
  return std::string(reinterpret_cast<char*>(state)) + " " + text;
}

SQLHDBC dbc(const std::string& name) {
  auto it = g_dbcs.find(name);
  if (it != g_dbcs.end()) return it->second;
  SQLHDBC h = SQL_NULL_HDBC;
  SQLAllocHandle(SQL_HANDLE_DBC, g_env, &h);
  g_dbcs[name] = h;
  return h;
}

std::string query(SQLHDBC h, const std::string& sql) {
  SQLHSTMT st = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, h, &st))) return "error " + diag(SQL_HANDLE_DBC, h);
  std::string out;
  const SQLRETURN rc = SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS);
  if (!SQL_SUCCEEDED(rc) && rc != SQL_NO_DATA) {
    out = "error " + diag(SQL_HANDLE_STMT, st);
  } else {
    SQLSMALLINT columns = 0;
    SQLNumResultCols(st, &columns);
    if (columns == 0) {
      SQLLEN count = 0;
      SQLRowCount(st, &count);
      out = "ok " + std::to_string(count);
    } else if (SQLFetch(st) == SQL_SUCCESS) {
      char buffer[1024] = {0};
      SQLLEN ind = 0;
      SQLGetData(st, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind);
      out = "row " + (ind == SQL_NULL_DATA ? std::string("<NULL>") : std::string(buffer));
    } else {
      out = "nodata";
    }
  }
  SQLFreeHandle(SQL_HANDLE_STMT, st);
  return out;
}

SQLINTEGER attribute_of(const std::string& name) {
  if (name == "autocommit") return SQL_ATTR_AUTOCOMMIT;
  if (name == "isolation") return SQL_ATTR_TXN_ISOLATION;
  if (name == "readonly") return SQL_ATTR_ACCESS_MODE;
  if (name == "catalog") return SQL_ATTR_CURRENT_CATALOG;
  if (name == "reconnects") return HOLDFAST_ATTR_RECONNECT_COUNT;
  return 0;
}

SQLULEN number_of(const std::string& value) {
  if (value == "serializable") return SQL_TXN_SERIALIZABLE;
  if (value == "read_committed") return SQL_TXN_READ_COMMITTED;
  return std::strtoul(value.c_str(), nullptr, 10);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: odbc_script <connection string> <step>...\n");
    return 2;
  }
  const std::string cs = argv[1];
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &g_env);
  // ODBC 3.8: unixODBC resets a connection it puts back in its pool (SQL_ATTR_RESET_CONNECTION)
  // only for applications that ask for 3.8.
  SQLSetEnvAttr(g_env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0);
  for (int i = 2; i < argc; ++i) {
    const std::string step = argv[i];
    const std::size_t space = step.find(' ');
    if (space == std::string::npos) return 2;
    const std::string name = step.substr(0, space);
    const std::string action = step.substr(space + 1);
    SQLHDBC h = dbc(name);
    std::string result;
    if (action == "connect" || action.rfind("dsn:", 0) == 0) {
      SQLRETURN rc;
      if (action == "connect") {
        SQLCHAR out[2048];
        SQLSMALLINT out_length = 0;
        rc = SQLDriverConnect(h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &out_length,
                              SQL_DRIVER_NOPROMPT);
      } else {
        const std::string dsn = action.substr(4);
        rc = SQLConnect(h, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr, 0);
      }
      result = rc == SQL_SUCCESS ? "ok" : rc == SQL_SUCCESS_WITH_INFO ? "info " + diag(SQL_HANDLE_DBC, h)
                                                                       : "error " + diag(SQL_HANDLE_DBC, h);
    } else if (action.rfind("q:", 0) == 0) {
      result = query(h, substitute(action.substr(2)));
      if (result.rfind("row ", 0) == 0) g_values[name] = result.substr(4);
    } else if (action.rfind("untilzero:", 0) == 0) {
      const std::string sql = substitute(action.substr(10));
      for (int tries = 0; tries < 250; ++tries) {
        result = query(h, sql);
        if (result == "row 0") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    } else if (action.rfind("set:", 0) == 0) {
      const std::size_t eq = action.find('=');
      if (eq == std::string::npos) return 2;
      const SQLINTEGER attribute = attribute_of(action.substr(4, eq - 4));
      if (attribute == 0) return 2;
      const std::string value = action.substr(eq + 1);
      SQLRETURN rc;
      if (attribute == SQL_ATTR_CURRENT_CATALOG)
        rc = SQLSetConnectAttr(h, attribute, (SQLPOINTER)value.c_str(), SQL_NTS);
      else
        rc = SQLSetConnectAttr(h, attribute, reinterpret_cast<SQLPOINTER>(number_of(value)), 0);
      result = SQL_SUCCEEDED(rc) ? "ok" : "error " + diag(SQL_HANDLE_DBC, h);
    } else if (action.rfind("get:", 0) == 0) {
      const SQLINTEGER attribute = attribute_of(action.substr(4));
      if (attribute == 0) return 2;
      if (attribute == SQL_ATTR_CURRENT_CATALOG) {
        char buffer[256] = {0};
        SQLINTEGER length = 0;
        const SQLRETURN rc = SQLGetConnectAttr(h, attribute, buffer, sizeof buffer, &length);
        result = SQL_SUCCEEDED(rc) ? "value " + std::string(buffer) : "error " + diag(SQL_HANDLE_DBC, h);
      } else {
        SQLUINTEGER value = 0;
        const SQLRETURN rc = SQLGetConnectAttr(h, attribute, &value, sizeof value, nullptr);
        result = SQL_SUCCEEDED(rc) ? "value " + std::to_string(value) : "error " + diag(SQL_HANDLE_DBC, h);
      }
    } else if (action == "dead") {
      SQLUINTEGER value = 99;
      const SQLRETURN rc = SQLGetConnectAttr(h, SQL_ATTR_CONNECTION_DEAD, &value, sizeof value, nullptr);
      result = SQL_SUCCEEDED(rc) ? "value " + std::to_string(value) : "error " + diag(SQL_HANDLE_DBC, h);
    } else if (action == "disconnect") {
      const SQLRETURN rc = SQLDisconnect(h);
      result = SQL_SUCCEEDED(rc) ? "ok" : "error " + diag(SQL_HANDLE_DBC, h);
      SQLFreeHandle(SQL_HANDLE_DBC, h);
      g_dbcs.erase(name);
    } else if (action.rfind("sleep:", 0) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(std::strtol(action.c_str() + 6, nullptr, 10)));
      result = "ok";
    } else {
      return 2;
    }
    std::printf("%s %s %s\n", name.c_str(), action.substr(0, action.find(':')).c_str(), result.c_str());
    std::fflush(stdout);
  }
  for (auto& [name, h] : g_dbcs) {
    SQLDisconnect(h);
    SQLFreeHandle(SQL_HANDLE_DBC, h);
  }
  SQLFreeHandle(SQL_HANDLE_ENV, g_env);
  return 0;
}
