// A DSN written for MariaDB Connector/ODBC and one written for MySQL Connector/ODBC (with
// OPTION bits) connect by changing only Driver=, and what they ask for takes effect:
// FOUND_ROWS, MULTI_STATEMENTS, AUTO_RECONNECT on and off, INITSTMT. The DSNs live in a
// private odbc.ini read by a separate client process (tools/odbc_script).
#include <string>
#include <vector>

#include "odbc_test.h"
#include "script_client.h"

using namespace odbc_test;

namespace {

constexpr const char* kDriver = "HoldfastCompat";

std::string common_dsn_lines() {
  return "Driver = " + std::string(kDriver) + "\nSERVER = " + env_or("TEST_SERVER", "127.0.0.1") +
         "\nPORT = " + env_or("TEST_PORT", "3311") + "\n";
}

// As MySQL Connector/ODBC 8.x users write them: USER/PASSWORD/DATABASE, OPTION =
// FOUND_ROWS (2) + MULTI_STATEMENTS (67108864) without AUTO_RECONNECT, READTIMEOUT, and
// keywords Holdfast accepts without acting on them.
std::string mysql_style_dsn() {
  return "[legacy_mysql]\n" + common_dsn_lines() + "USER = " + env_or("TEST_UID", "holdfast") +
         "\nPASSWORD = " + env_or("TEST_PASSWORD", "holdfast") + "\nDATABASE = " +
         env_or("TEST_SCHEMA", "holdfast_test") +
         "\nOPTION = 67108866\nREADTIMEOUT = 30\nWRITETIMEOUT = 30\nCHARSET = utf8mb4\n"
         "INITSTMT = SET @hf_compat_init = 42\nNO_SSPS = 1\nPREFETCH = 0\nINTERACTIVE = 1\n"
         "NO_LOCALE = 1\n\n";
}

// As MariaDB Connector/ODBC 3.1 users write them: UID/PWD/DB, OPTIONS = FOUND_ROWS and
// the AUTO_RECONNECT flag as a keyword of its own (off here), CONN_TIMEOUT, READ_TIMEOUT, ...
std::string mariadb_style_dsn() {
  return "[legacy_maria]\n" + common_dsn_lines() + "UID = " + env_or("TEST_UID", "holdfast") +
         "\nPWD = " + env_or("TEST_PASSWORD", "holdfast") + "\nDB = " + env_or("TEST_SCHEMA", "holdfast_test") +
         "\nOPTIONS = 2\nAUTO_RECONNECT = 0\nNO_PROMPT = 1\nCONN_TIMEOUT = 5\nREAD_TIMEOUT = 30\n"
         "WRITE_TIMEOUT = 30\nINITSTMT = SET @hf_compat_init = 43\nFORWARDONLY = 1\nTCPIP = 1\n"
         "PREPONCLIENT = 1\nSTREAMRS = 0\n\n";
}

// A DSN-less string to the private driver, for the connection that makes faults.
std::string admin_connection_string() {
  return connection_string("DRIVER={" + std::string(kDriver) + "}");
}

void prepare_table() {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS hf_compat_t");
  st.run("CREATE TABLE hf_compat_t (id INT PRIMARY KEY, v INT)");
  st.run("INSERT INTO hf_compat_t VALUES (1, 5)");
}

// What a plain Holdfast connection reports for the same statements: the contrast that
// shows the DSN's bits made the difference.
SQLLEN plain_row_count(const std::string& sql) {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  const SQLRETURN rc = st.exec(sql);
  INFO(sql << "\n" << describe(SQL_HANDLE_STMT, st.h));
  // A searched UPDATE that changes no row is SQL_NO_DATA.
  if (rc == SQL_NO_DATA) return 0;
  REQUIRE(SQL_SUCCEEDED(rc));
  SQLLEN count = -7;
  REQUIRE(SQL_SUCCEEDED(SQLRowCount(st.h, &count)));
  return count;
}

}  // namespace

TEST_CASE("a MySQL Connector/ODBC DSN with OPTION bits works by changing Driver= only",
          "[integration][dsn_compat]") {
  prepare_table();
  script_client::PrivateOdbc odbc(kDriver, "", "", mysql_style_dsn());
  const std::string no_change = "UPDATE hf_compat_t SET v = 5 WHERE id = 1";
  REQUIRE(plain_row_count(no_change) == 0);  // without FOUND_ROWS: changed rows, none
  const std::vector<std::string> r = odbc.run(
      admin_connection_string(),
      {"m dsn:legacy_mysql", "m q:SELECT @hf_compat_init", "m q:" + no_change, "m q:SELECT 11; SELECT 12",
       "m q:SELECT CONNECTION_ID()", "k connect", "k q:KILL CONNECTION $m",
       "k untilzero:SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = $m", "k sleep:150",
       "m q:SELECT 1", "m get:reconnects", "m q:SELECT @hf_compat_init"});
  CHECK(r[0] == "ok");        // SQL_SUCCESS: no warning for any of its keywords
  CHECK(r[1] == "row 42");    // INITSTMT ran
  CHECK(r[2] == "ok 1");      // FOUND_ROWS: the matched row counts
  CHECK(r[3] == "row 11");    // MULTI_STATEMENTS: a batch is accepted
  CHECK(r[5] == "ok");
  CHECK(r[6] == "ok 0");
  CHECK(r[7] == "row 0");
  // OPTION without the AUTO_RECONNECT bit keeps Holdfast's safe reconnection: the killed
  // connection is replaced transparently and INITSTMT runs again.
  CHECK(r[9] == "row 1");
  CHECK(r[10] == "value 1");
  CHECK(r[11] == "row 42");
}

TEST_CASE("a MariaDB Connector/ODBC DSN works by changing Driver= only", "[integration][dsn_compat]") {
  prepare_table();
  script_client::PrivateOdbc odbc(kDriver, "", "", mariadb_style_dsn());
  const std::vector<std::string> r = odbc.run(
      admin_connection_string(),
      {"r dsn:legacy_maria", "r q:SELECT @hf_compat_init", "r q:UPDATE hf_compat_t SET v = 5 WHERE id = 1",
       "r q:SELECT 11; SELECT 12", "r q:SELECT CONNECTION_ID()", "k connect", "k q:KILL CONNECTION $r",
       "k untilzero:SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = $r", "k sleep:150",
       "r q:SELECT 7", "r get:reconnects"});
  CHECK(r[0] == "ok");
  CHECK(r[1] == "row 43");
  CHECK(r[2] == "ok 1");                         // FOUND_ROWS from OPTIONS
  CHECK(r[3].rfind("error 42000", 0) == 0);      // no MULTI_STATEMENTS bit: refused by the server
  CHECK(r[7] == "row 0");
  // AUTO_RECONNECT=0 turns reconnection off: the loss is reported, not hidden.
  CHECK(r[9].rfind("error 08S01", 0) == 0);
  CHECK(r[10] == "value 0");
}
