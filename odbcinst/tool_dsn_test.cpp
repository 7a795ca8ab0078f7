// holdfast-odbc dsn test NAME: connect through the driver manager as an application
// would, and report what a user checking a data source wants to know.
#include "core/conn_string.h"
#include "core/connect_config.h"
#include "keyword_check.h"
#include "tool.h"

#include <sql.h>
#include <sqlext.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace holdfast::tool {

namespace {

// Owns the ODBC handles of one test connection.
class Connection {
 public:
  Connection() {
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env_);
    SQLSetEnvAttr(env_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env_, &dbc_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (connected_) SQLDisconnect(dbc_);
    if (dbc_ != SQL_NULL_HDBC) SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
    if (env_ != SQL_NULL_HENV) SQLFreeHandle(SQL_HANDLE_ENV, env_);
  }

  SQLHDBC dbc() const { return dbc_; }
  void set_connected() { connected_ = true; }

 private:
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  bool connected_ = false;
};

std::string diagnostics(SQLSMALLINT type, SQLHANDLE handle) {
  std::string out;
  SQLCHAR state[6] = {};
  SQLCHAR message[SQL_MAX_MESSAGE_LENGTH] = {};
  SQLINTEGER native = 0;
  SQLSMALLINT length = 0;
  for (SQLSMALLINT i = 1; SQL_SUCCEEDED(
           SQLGetDiagRec(type, handle, i, state, &native, message, sizeof message, &length));
       ++i) {
    out += "\n  ";
    out += reinterpret_cast<const char*>(state);
    out += ' ';
    out += reinterpret_cast<const char*>(message);
  }
  return out;
}

std::string info_string(SQLHDBC dbc, SQLUSMALLINT type) {
  SQLCHAR buffer[512] = {};
  SQLSMALLINT length = 0;
  if (!SQL_SUCCEEDED(SQLGetInfo(dbc, type, buffer, sizeof buffer, &length))) return "?";
  return reinterpret_cast<const char*>(buffer);
}

// The first row of a query as text columns, or an error message in `error`.
std::vector<std::string> query_row(SQLHDBC dbc, const char* sql, std::string& error) {
  std::vector<std::string> row;
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {
    error = "could not allocate a statement" + diagnostics(SQL_HANDLE_DBC, dbc);
    return row;
  }
  SQLSMALLINT columns = 0;
  if (!SQL_SUCCEEDED(
          SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql)), SQL_NTS)) ||
      !SQL_SUCCEEDED(SQLNumResultCols(stmt, &columns)) || !SQL_SUCCEEDED(SQLFetch(stmt))) {
    error = std::string(sql) + " failed" + diagnostics(SQL_HANDLE_STMT, stmt);
  } else {
    for (SQLUSMALLINT c = 1; c <= static_cast<SQLUSMALLINT>(columns); ++c) {
      SQLCHAR value[256] = {};
      SQLLEN indicator = 0;
      SQLGetData(stmt, c, SQL_C_CHAR, value, sizeof value, &indicator);
      row.emplace_back(indicator == SQL_NULL_DATA ? "NULL" : reinterpret_cast<const char*>(value));
    }
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return row;
}

// A keyword's effective value: from the completed connection string when the data source
// or the command line set it, else the keyword table's default.
std::string effective(const ConnAttributes& completed, KeywordId id) {
  const KeywordDef& def = keyword(id);
  if (const ConnAttribute* a = find_attribute(completed, def.name)) return a->value;
  return std::string(def.default_value);
}

}  // namespace

int dsn_test(const Args& args) {
  if (args.words.size() != 2) throw UsageError{"dsn test: NAME expected"};
  const std::string& name = args.words[1];
  ConnAttributes in{{"DSN", name}};
  if (auto uid = args.value("--uid")) in.push_back({"UID", *uid});
  if (auto pwd = args.value("--pwd")) in.push_back({"PWD", *pwd});
  const std::string connection_string = build_connection_string(in);
  const auto timeout = parse_keyword_integer(args.value("--timeout").value_or("10"));
  if (!timeout || *timeout < 1 || *timeout > 3600) {
    throw UsageError{"--timeout takes whole seconds from 1 to 3600"};
  }

  Connection c;
  SQLSetConnectAttr(c.dbc(), SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(*timeout)), 0);
  SQLCHAR out[4096] = {};
  SQLSMALLINT out_length = 0;
  const SQLRETURN rc = SQLDriverConnect(
      c.dbc(), nullptr, reinterpret_cast<SQLCHAR*>(const_cast<char*>(connection_string.c_str())),
      SQL_NTS, out, sizeof out, &out_length, SQL_DRIVER_NOPROMPT);
  if (!SQL_SUCCEEDED(rc)) {
    std::printf("FAILED: could not connect to %s%s\n", name.c_str(),
                diagnostics(SQL_HANDLE_DBC, c.dbc()).c_str());
    return kFailed;
  }
  c.set_connected();

  const std::string driver = info_string(c.dbc(), SQL_DRIVER_NAME);
  std::printf("%-16s %s\n", "data source", name.c_str());
  std::printf("%-16s %s %s (ODBC %s)\n", "driver", driver.c_str(),
              info_string(c.dbc(), SQL_DRIVER_VER).c_str(),
              info_string(c.dbc(), SQL_DRIVER_ODBC_VER).c_str());
  std::string error;
  const auto id = query_row(c.dbc(), "SELECT CONNECTION_ID(), VERSION()", error);
  if (id.size() != 2) {
    std::printf("FAILED: %s\n", error.c_str());
    return kFailed;
  }
  std::printf("%-16s %s %s\n", "server", info_string(c.dbc(), SQL_DBMS_NAME).c_str(),
              id[1].c_str());
  std::printf("%-16s %s\n", "connection id", id[0].c_str());

  const auto start = std::chrono::steady_clock::now();
  const auto one = query_row(c.dbc(), "SELECT 1", error);
  const auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  SQLUINTEGER dead = SQL_CD_TRUE;
  SQLGetConnectAttr(c.dbc(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr);
  if (one.empty() || one[0] != "1") {
    std::printf("FAILED: ping: %s\n", error.c_str());
    return kFailed;
  }
  std::printf("%-16s %.2f ms round trip, connection %s\n", "ping", elapsed.count(),
              dead == SQL_CD_FALSE ? "alive" : "reported dead");

  const auto limits = query_row(c.dbc(), "SELECT @@wait_timeout, @@max_allowed_packet", error);
  if (limits.size() != 2) {
    std::printf("FAILED: %s\n", error.c_str());
    return kFailed;
  }

  std::string sslmode;  // Holdfast's effective SSLMODE, shown with the TLS state
  if (driver.find("holdfast") != std::string::npos) {
    ConnAttributes completed;
    try {
      completed = parse_connection_string(std::string_view(reinterpret_cast<const char*>(out),
                                                           static_cast<std::size_t>(out_length)));
    } catch (...) {
      // Defaults are shown then; the connection itself worked.
    }
    sslmode = effective(completed, KeywordId::tls_mode);
    std::string reconnect = effective(completed, KeywordId::reconnect);
    try {
      // RECONNECT may be decided by OPTION's AUTO_RECONNECT bit (a Connector/ODBC DSN).
      reconnect = make_connect_config(completed, {}).reconnect ? "1" : "0";
    } catch (...) {
      // The keyword's own value or default is shown then.
    }
    const std::string tries = effective(completed, KeywordId::reconnect_tries);
    const std::string ping_idle = effective(completed, KeywordId::ping_idle);
    const std::string retry_reads = effective(completed, KeywordId::retry_reads);
    const bool reconnect_on = parse_keyword_boolean(reconnect).value_or(false);
    const bool retry_on = parse_keyword_boolean(retry_reads).value_or(false);
    const auto idle = parse_keyword_integer(ping_idle).value_or(-1);
    const bool active = reconnect_on || retry_on || idle >= 0;
    std::printf("%-16s %s: RECONNECT=%s RECONNECT_TRIES=%s PING_IDLE=%s RETRY_READS=%s\n",
                "resilience", active ? "active" : "off", reconnect.c_str(), tries.c_str(),
                ping_idle.c_str(), retry_reads.c_str());
    const auto wait = parse_keyword_integer(limits[0]);
    if (wait && idle >= 0 && idle >= *wait) {
      std::printf(
          "%-16s PING_IDLE (%s s) is not below the server's wait_timeout (%s s): the server "
          "closes idle connections first%s\n",
          "note", ping_idle.c_str(), limits[0].c_str(),
          reconnect_on ? "; Holdfast reconnects them" : "");
    }
  } else {
    std::printf("%-16s not a Holdfast data source: resilience settings not shown\n", "resilience");
  }
  // The session's own TLS state, as the server sees it (any driver).
  const auto cipher = query_row(c.dbc(), "SHOW SESSION STATUS LIKE 'Ssl_cipher'", error);
  const auto version = query_row(c.dbc(), "SHOW SESSION STATUS LIKE 'Ssl_version'", error);
  std::string tls = cipher.size() == 2 && !cipher[1].empty()
                        ? "encrypted: " + (version.size() == 2 ? version[1] + " " : std::string()) + cipher[1]
                        : std::string("not encrypted (clear text)");
  if (!sslmode.empty()) tls += " (SSLMODE=" + sslmode + ")";
  std::printf("%-16s %s\n", "tls", tls.c_str());
  // SHOW STATUS works on MariaDB and MySQL alike (information_schema.GLOBAL_STATUS does not).
  const auto uptime = query_row(c.dbc(), "SHOW GLOBAL STATUS LIKE 'Uptime'", error);
  std::printf("%-16s uptime=%s s, wait_timeout=%s s, max_allowed_packet=%s bytes\n", "server limits",
              uptime.size() == 2 ? uptime[1].c_str() : "?", limits[0].c_str(), limits[1].c_str());
  std::printf("OK\n");
  return kOk;
}

}  // namespace holdfast::tool
