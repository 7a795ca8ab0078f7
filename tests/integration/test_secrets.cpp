// Secrets never leak: a password appears in no driver log line (at debug level), no
// diagnostic message and no SQLDriverConnect out-string unless the application put it
// in the in-string itself. The test provokes what tends to print connection details:
// a refused login, a malformed connection string, a lost connection (KILL) with and
// without reconnecting, a syntax error, and a DSN connection whose password comes from
// odbc.ini; then it searches everything the driver produced for the passwords.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "resilience_test.h"

using namespace odbc_test;
using namespace resilience_test;

namespace {

// Unique strings: a search for them cannot match anything else (user, schema, driver).
const std::string kPassword = "Pw-9q7Zx3-secret";
const std::string kWrongPassword = "Wrong-4Kd81-secret";

// Every diagnostic message the handle holds, as "SQLSTATE message" lines.
std::string messages_of(SQLSMALLINT type, SQLHANDLE h) {
  std::string out;
  for (const auto& d : diagnostics(type, h)) out += d.sqlstate + " " + d.message + "\n";
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has_password_key(const std::string& conn) {
  std::string upper;
  for (char ch : ";" + conn) upper += static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
  for (const char* key : {";PWD=", ";PASSWORD=", "; PWD=", ";PWD ="}) {
    if (upper.find(key) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("no log line, diagnostic or out-string holds the password", "[integration][secrets]") {
  const std::string log_path = "/tmp/holdfast-secrets-" + std::to_string(getpid()) + ".log";
  std::remove(log_path.c_str());
  Admin admin;
  admin.run("CREATE USER IF NOT EXISTS 'hf_secret'@'127.0.0.1' IDENTIFIED BY '" + kPassword + "'");
  admin.run("ALTER USER 'hf_secret'@'127.0.0.1' IDENTIFIED BY '" + kPassword + "'");
  admin.run("GRANT ALL ON " + env_or("TEST_SCHEMA", "holdfast_test") + ".* TO 'hf_secret'@'127.0.0.1'");
  const std::string logging = "LOG_LEVEL=4;LOG_FILE=" + log_path + ";";
  const std::string as_user = logging + "UID=hf_secret;PWD=" + kPassword;
  std::string produced;    // every message and out-string, for the final search
  bool connected = false;  // a section that connected must have logged its connect

  Env env;
  SECTION("a refused login") {
    Dbc dbc(env);
    REQUIRE(dbc.try_connect(connection_string(logging + "UID=hf_secret;PWD=" + kWrongPassword)) == SQL_ERROR);
    const std::string m = messages_of(SQL_HANDLE_DBC, dbc.h);
    INFO(m);
    CHECK(m.find("28000") != std::string::npos);
    produced += m;
    CHECK(!read_file(log_path).empty());
  }
  SECTION("a malformed connection string around the password") {
    for (const std::string& bad : {connection_string(logging) + "PWD={" + kPassword,
                                   connection_string(logging) + "PWD=" + kPassword + "=x;{oops",
                                   connection_string(logging + "UID=hf_secret;PWD=" + kPassword + ";PORT=notaport")}) {
      Dbc dbc(env);
      CHECK(dbc.try_connect(bad) == SQL_ERROR);
      const std::string m = messages_of(SQL_HANDLE_DBC, dbc.h);
      INFO(m);
      CHECK(!m.empty());
      produced += m;
    }
  }
  SECTION("a lost connection, reconnected, and a syntax error") {
    Dbc dbc(env);
    dbc.connect(resilient_connection_string(as_user));
    connected = true;
    // The application gave the password in the in-string: the out-string may hold it
    // (it is what connects again), but nothing else may.
    CHECK(dbc.completed.find(kPassword) != std::string::npos);
    Stmt st(dbc);
    admin.kill(server_connection_id(dbc));
    CHECK(st.scalar("SELECT 'again'") == "again");
    CHECK(reconnects(dbc) == 1);
    CHECK(st.exec("SELEC 1") == SQL_ERROR);
    const std::string m = messages_of(SQL_HANDLE_STMT, st.h);
    INFO(m);
    CHECK(m.find("42000") != std::string::npos);
    produced += m + messages_of(SQL_HANDLE_DBC, dbc.h);
  }
  SECTION("a lost connection without reconnecting") {
    Dbc dbc(env);
    dbc.connect(resilient_connection_string(as_user + ";RECONNECT=0"));
    connected = true;
    Stmt st(dbc);
    admin.kill(server_connection_id(dbc));
    CHECK(st.exec("SELECT 1") == SQL_ERROR);
    const std::string m = messages_of(SQL_HANDLE_STMT, st.h);
    INFO(m);
    CHECK(m.find("08S01") != std::string::npos);
    produced += m + messages_of(SQL_HANDLE_DBC, dbc.h);
  }
  SECTION("a DSN whose password comes from odbc.ini: the out-string has no PWD") {
    Dbc dbc(env);
    const std::string in = "DSN=" + env_or("TEST_DSN", "holdfast_test") + ";" + logging;
    REQUIRE(!has_password_key(in));
    dbc.connect(in);
    connected = true;
    INFO("out-string: " << dbc.completed);
    CHECK(!dbc.completed.empty());
    CHECK(!has_password_key(dbc.completed));
    produced += dbc.completed;
  }

  // The log was written at debug level (so it had every chance to print the password).
  const std::string log = read_file(log_path);
  INFO("log:\n" << log);
  // Connection details were logged (so the password had every chance to be printed).
  if (connected) CHECK(log.find("connected to") != std::string::npos);
  INFO("messages and out-strings:\n" << produced);
  for (const std::string& secret : {kPassword, kWrongPassword}) {
    CHECK(log.find(secret) == std::string::npos);
    CHECK(produced.find(secret) == std::string::npos);
  }
  std::remove(log_path.c_str());
}
