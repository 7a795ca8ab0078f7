#include "odbc_test.h"

using namespace odbc_test;

namespace {

std::string connect_failure_state(const std::string& cs, std::string* message = nullptr) {
  Env env;
  Dbc dbc(env);
  SQLRETURN rc = dbc.try_connect(cs);
  REQUIRE(rc == SQL_ERROR);
  auto diags = diagnostics(SQL_HANDLE_DBC, dbc.h);
  REQUIRE_FALSE(diags.empty());
  if (message) *message = diags.front().message;
  return diags.front().sqlstate;
}

}  // namespace

TEST_CASE("an unreachable server is 08001", "[integration][connect]") {
  // Port 1 on loopback: nothing listens there.
  std::string cs = "DRIVER={" + env_or("TEST_DRIVER", "Holdfast") + "};SERVER=127.0.0.1;PORT=1;UID=x;PWD=y;CONNECT_TIMEOUT=5";
  std::string message;
  CHECK(connect_failure_state(cs, &message) == "08001");
  CHECK(message.find("[Holdfast]") == 0);
}

TEST_CASE("bad credentials are 28000", "[integration][connect]") {
  std::string message;
  CHECK(connect_failure_state(connection_string("PWD=definitely-wrong"), &message) == "28000");
  CHECK(message.find("Access denied") != std::string::npos);
}

TEST_CASE("an unknown database is 42000 with the server's message", "[integration][connect]") {
  std::string message;
  CHECK(connect_failure_state(connection_string("DATABASE=no_such_database_here"), &message) == "42000");
  CHECK(message.find("no_such_database_here") != std::string::npos);
}

TEST_CASE("a malformed connection string is a clear diagnostic", "[integration][connect]") {
  std::string message;
  std::string state = connect_failure_state(connection_string("PORT=notanumber"), &message);
  CHECK(state == "08001");
  CHECK(message.find("PORT") != std::string::npos);
}

TEST_CASE("an unknown keyword is a 01S00 warning, and the connection works", "[integration][connect]") {
  Env env;
  Dbc dbc(env);
  SQLRETURN rc = dbc.try_connect(connection_string("SERVERR=typo"));
  REQUIRE(rc == SQL_SUCCESS_WITH_INFO);
  auto diags = diagnostics(SQL_HANDLE_DBC, dbc.h);
  REQUIRE_FALSE(diags.empty());
  CHECK(diags.front().sqlstate == "01S00");
  CHECK(diags.front().message.find("SERVER") != std::string::npos);
}

TEST_CASE("SQLConnect with a DSN from odbc.ini", "[integration][connect]") {
  const std::string dsn = env_or("TEST_DSN", "");
  REQUIRE_FALSE(dsn.empty());
  Env env;
  Dbc dbc(env);
  SQLRETURN rc = SQLConnect(dbc.h, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr, 0);
  INFO(describe(SQL_HANDLE_DBC, dbc.h));
  REQUIRE(SQL_SUCCEEDED(rc));
  dbc.connected = true;
  Stmt st(dbc);
  CHECK(st.scalar("SELECT CURRENT_USER()").find("holdfast@") == 0);
}

TEST_CASE("connection-string attributes override the DSN's", "[integration][connect]") {
  const std::string dsn = env_or("TEST_DSN", "");
  REQUIRE_FALSE(dsn.empty());
  Env env;
  Dbc dbc(env);
  dbc.connect("DSN=" + dsn + ";DATABASE=mysql");
  Stmt st(dbc);
  CHECK(st.scalar("SELECT DATABASE()") == "mysql");
  CHECK(dbc.completed.find("DSN=" + dsn) == 0);
}

TEST_CASE("the completed connection string reconnects", "[integration][connect]") {
  Env env;
  std::string completed;
  {
    Dbc dbc(env);
    dbc.connect();
    completed = dbc.completed;
  }
  CHECK(completed.find("PWD=") != std::string::npos);
  Dbc again(env);
  again.connect(completed);
  Stmt st(again);
  CHECK(st.scalar("SELECT 42") == "42");
}

TEST_CASE("SQLDriverConnect truncates the out string with 01004", "[integration][connect]") {
  Env env;
  Dbc dbc(env);
  std::string cs = connection_string();
  SQLCHAR out[10];
  SQLSMALLINT length = 0;
  SQLRETURN rc = SQLDriverConnect(dbc.h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out, &length,
                                  SQL_DRIVER_NOPROMPT);
  REQUIRE(rc == SQL_SUCCESS_WITH_INFO);
  dbc.connected = true;
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "01004");
  CHECK(length > 9);
  CHECK(std::string(reinterpret_cast<char*>(out)).size() == 9);
}
