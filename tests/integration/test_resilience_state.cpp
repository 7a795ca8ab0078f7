// Resilience, the rebuilt session (RESILIENCE.md rule 3): after a transparent reconnect
// the state the driver owns is back (catalog, character set, autocommit, isolation,
// read-only, INITSTMT), and prepared statements execute again with their parameters.
#include <cstring>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

struct Fixture {
  Admin admin;
  Env env;
  Dbc dbc{env};
  explicit Fixture(const std::string& extra = "", bool connect_now = true) {
    if (connect_now) dbc.connect(resilient_connection_string(extra));
  }

  // KILLs the session and checks that the next statement ran on a new one.
  void kill_and_check_reconnect() {
    const std::string before = server_connection_id(dbc);
    admin.kill(before);
    const std::string after = server_connection_id(dbc);
    INFO("connection id before " << before << ", after " << after);
    CHECK(after != before);
    CHECK(reconnects(dbc) == 1);
  }
};

void set_uint_attr(Dbc& dbc, SQLINTEGER attribute, SQLULEN value) {
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLSetConnectAttr(dbc.h, attribute, reinterpret_cast<SQLPOINTER>(value), 0));
}

std::string current_catalog_attr(Dbc& dbc) {
  char buffer[128] = {0};
  SQLINTEGER length = 0;
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetConnectAttr(dbc.h, SQL_ATTR_CURRENT_CATALOG, buffer, sizeof buffer, &length));
  return buffer;
}

}  // namespace

TEST_CASE("the session the driver owns is rebuilt after a KILL", "[integration][resilience]") {
  SECTION("the catalog set with SQL_ATTR_CURRENT_CATALOG") {
    Fixture f;
    f.admin.run("CREATE DATABASE IF NOT EXISTS res_catalog");
    ODBC_OK(SQL_HANDLE_DBC, f.dbc.h,
            SQLSetConnectAttr(f.dbc.h, SQL_ATTR_CURRENT_CATALOG, const_cast<char*>("res_catalog"), SQL_NTS));
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT DATABASE()") == "res_catalog");
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT DATABASE()") == "res_catalog");
    CHECK(current_catalog_attr(f.dbc) == "res_catalog");
  }
  SECTION("the catalog changed with USE (tracked by the server)") {
    Fixture f;
    f.admin.run("CREATE DATABASE IF NOT EXISTS res_catalog");
    Stmt st(f.dbc);
    st.run("USE res_catalog");
    CHECK(current_catalog_attr(f.dbc) == "res_catalog");
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT DATABASE()") == "res_catalog");
  }
  SECTION("SQL_ATTR_AUTOCOMMIT off") {
    Fixture f;
    set_autocommit(f.dbc, false);
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT @@autocommit") == "0");
    ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT @@autocommit") == "0");
    CHECK(uint_attr(f.dbc, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_OFF);
  }
  SECTION("SQL_ATTR_TXN_ISOLATION READ COMMITTED") {
    Fixture f;
    set_uint_attr(f.dbc, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED);
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT @@tx_isolation") == "READ-COMMITTED");
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT @@tx_isolation") == "READ-COMMITTED");
  }
  SECTION("SQL_ATTR_ACCESS_MODE read-only") {
    Fixture f;
    set_uint_attr(f.dbc, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY);
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT @@tx_read_only") == "1");
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT @@tx_read_only") == "1");
  }
  SECTION("INITSTMT's effect and the utf8mb4 character set") {
    Fixture f("INITSTMT={SET SESSION sql_mode='ANSI_QUOTES'}");
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT @@sql_mode") == "ANSI_QUOTES");
    CHECK(st.scalar("SELECT @@character_set_client") == "utf8mb4");
    f.kill_and_check_reconnect();
    CHECK(st.scalar("SELECT @@sql_mode") == "ANSI_QUOTES");
    CHECK(st.scalar("SELECT @@character_set_client") == "utf8mb4");
    CHECK(st.scalar("SELECT @@character_set_results") == "utf8mb4");
    CHECK(st.scalar("SELECT CHAR_LENGTH('Grüße 😀')") == "7");
  }
  SECTION("attributes set before connecting") {
    Fixture f("", false);
    f.admin.run("CREATE DATABASE IF NOT EXISTS res_catalog");
    ODBC_OK(SQL_HANDLE_DBC, f.dbc.h,
            SQLSetConnectAttr(f.dbc.h, SQL_ATTR_CURRENT_CATALOG, const_cast<char*>("res_catalog"), SQL_NTS));
    set_uint_attr(f.dbc, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE);
    set_autocommit(f.dbc, false);
    f.dbc.connect(resilient_connection_string());
    Stmt st(f.dbc);
    const std::string expected = "res_catalog,0,SERIALIZABLE";
    const std::string query = "SELECT CONCAT_WS(',', DATABASE(), @@autocommit + 0, @@tx_isolation)";
    CHECK(st.scalar(query) == expected);
    f.kill_and_check_reconnect();
    CHECK(st.scalar(query) == expected);
  }
  SECTION("everything at once") {
    Fixture f("INITSTMT={SET SESSION sql_mode='ANSI_QUOTES'}");
    f.admin.run("CREATE DATABASE IF NOT EXISTS res_catalog");
    ODBC_OK(SQL_HANDLE_DBC, f.dbc.h,
            SQLSetConnectAttr(f.dbc.h, SQL_ATTR_CURRENT_CATALOG, const_cast<char*>("res_catalog"), SQL_NTS));
    set_uint_attr(f.dbc, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED);
    set_autocommit(f.dbc, false);
    f.kill_and_check_reconnect();
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT CONCAT_WS(',', DATABASE(), @@autocommit + 0, @@tx_isolation, @@sql_mode, "
                    "@@character_set_client)") == "res_catalog,0,READ-COMMITTED,ANSI_QUOTES,utf8mb4");
  }
}

TEST_CASE("a prepared statement with bound parameters executes again after a KILL", "[integration][resilience]") {
  Fixture f;
  f.admin.run("CREATE TABLE IF NOT EXISTS res_prep (id INT PRIMARY KEY, name VARCHAR(20))");
  f.admin.run("DELETE FROM res_prep");
  f.admin.run("INSERT INTO res_prep VALUES (1, 'one'), (2, 'two'), (3, 'three')");

  Stmt select(f.dbc);
  SQLINTEGER id = 1;
  SQLLEN id_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, select.h, SQLPrepare(select.h, (SQLCHAR*)"SELECT name FROM res_prep WHERE id = ?", SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, select.h,
          SQLBindParameter(select.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind));
  char name[21];
  SQLLEN name_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, select.h, SQLBindCol(select.h, 1, SQL_C_CHAR, name, sizeof name, &name_ind));
  auto fetch_name = [&]() -> std::string {
    ODBC_OK(SQL_HANDLE_STMT, select.h, SQLExecute(select.h));
    std::memset(name, 0, sizeof name);
    ODBC_OK(SQL_HANDLE_STMT, select.h, SQLFetch(select.h));
    CHECK(SQLFetch(select.h) == SQL_NO_DATA);
    SQLCloseCursor(select.h);
    return name;
  };

  Stmt insert(f.dbc);
  SQLINTEGER new_id = 10;
  char new_name[21] = "ten";
  SQLLEN new_name_ind = SQL_NTS;
  ODBC_OK(SQL_HANDLE_STMT, insert.h, SQLPrepare(insert.h, (SQLCHAR*)"INSERT INTO res_prep VALUES (?, ?)", SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, insert.h,
          SQLBindParameter(insert.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &new_id, 0, nullptr));
  ODBC_OK(SQL_HANDLE_STMT, insert.h,
          SQLBindParameter(insert.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, new_name, sizeof new_name,
                           &new_name_ind));
  ODBC_OK(SQL_HANDLE_STMT, insert.h, SQLExecute(insert.h));

  CHECK(fetch_name() == "one");
  f.admin.kill(server_connection_id(f.dbc));
  id = 2;
  CHECK(fetch_name() == "two");
  CHECK(reconnects(f.dbc) == 1);

  // A prepared write after a KILL runs exactly once.
  f.admin.kill(server_connection_id(f.dbc));
  new_id = 11;
  std::strcpy(new_name, "eleven");
  ODBC_OK(SQL_HANDLE_STMT, insert.h, SQLExecute(insert.h));
  SQLLEN count = -1;
  ODBC_OK(SQL_HANDLE_STMT, insert.h, SQLRowCount(insert.h, &count));
  CHECK(count == 1);
  CHECK(reconnects(f.dbc) == 2);
  CHECK(f.admin.scalar("SELECT GROUP_CONCAT(CONCAT(id, '=', name) ORDER BY id) FROM res_prep") ==
        "1=one,2=two,3=three,10=ten,11=eleven");
  id = 11;
  CHECK(fetch_name() == "eleven");
}
