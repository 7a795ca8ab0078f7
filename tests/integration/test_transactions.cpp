// Transactions and the connection attributes that shape them, checked against the server:
// what one connection commits, a second one sees.
#include "driver_lib.h"

using namespace odbc_test;

namespace {

// Two connections to the same database, and a fresh InnoDB table of the test's own (test
// cases may run in parallel under ctest -j).
struct TwoConnections {
  Env env;
  Dbc a{env};
  Dbc b{env};
  std::string table;
  explicit TwoConnections(std::string name) : table(std::move(name)) {
    a.connect();
    b.connect();
    Stmt st(b);
    st.run("DROP TABLE IF EXISTS " + table);
    st.run("CREATE TABLE " + table + " (id INT PRIMARY KEY) ENGINE=InnoDB");
  }
  ~TwoConnections() {
    // No REQUIRE here (a destructor may run while a failure unwinds). Leave no transaction
    // open on `a` that would hold a lock on the table, then drop it.
    SQLEndTran(SQL_HANDLE_DBC, a.h, SQL_ROLLBACK);
    SQLSetConnectAttr(a.h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0);
    SQLHSTMT st = SQL_NULL_HSTMT;
    if (SQLAllocHandle(SQL_HANDLE_STMT, b.h, &st) == SQL_SUCCESS) {
      const std::string sql = "DROP TABLE IF EXISTS " + table;
      SQLExecDirect(st, (SQLCHAR*)sql.c_str(), SQL_NTS);
      SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
  }
  // The rows of the table as `dbc` sees them.
  std::string count(Dbc& dbc, const std::string& where = "") {
    Stmt st(dbc);
    return st.scalar("SELECT COUNT(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
  }
  void insert(Dbc& dbc, int id) {
    Stmt st(dbc);
    st.run("INSERT INTO " + table + " VALUES (" + std::to_string(id) + ")");
  }
};

SQLUINTEGER get_uint_attr(Dbc& dbc, SQLINTEGER attribute) {
  SQLUINTEGER value = 0xdeadbeef;
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetConnectAttr(dbc.h, attribute, &value, 0, nullptr));
  return value;
}

void set_uint_attr(Dbc& dbc, SQLINTEGER attribute, SQLULEN value) {
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLSetConnectAttr(dbc.h, attribute, reinterpret_cast<SQLPOINTER>(value), 0));
}

std::string current_catalog(Dbc& dbc, SQLINTEGER capacity = 256, SQLRETURN* rc_out = nullptr,
                            SQLINTEGER* length_out = nullptr) {
  std::vector<SQLCHAR> buffer(static_cast<std::size_t>(capacity) + 1, 0);
  SQLINTEGER length = -1;
  SQLRETURN rc = SQLGetConnectAttr(dbc.h, SQL_ATTR_CURRENT_CATALOG, buffer.data(), capacity, &length);
  INFO(describe(SQL_HANDLE_DBC, dbc.h));
  REQUIRE(SQL_SUCCEEDED(rc));
  if (rc_out) *rc_out = rc;
  if (length_out) *length_out = length;
  return reinterpret_cast<char*>(buffer.data());
}

}  // namespace

TEST_CASE("autocommit is on by default: a second connection sees a row at once", "[integration][tx]") {
  TwoConnections c("h2_tx_default");
  CHECK(get_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_ON);
  Stmt st(c.a);
  CHECK(st.scalar("SELECT @@autocommit") == "1");
  c.insert(c.a, 1);
  CHECK(c.count(c.b) == "1");
}

TEST_CASE("autocommit off: rollback discards, commit keeps, seen from a second connection", "[integration][tx]") {
  TwoConnections c("h2_tx_off");
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  CHECK(get_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_OFF);
  {
    Stmt st(c.a);
    CHECK(st.scalar("SELECT @@autocommit") == "0");
  }

  c.insert(c.a, 1);
  CHECK(c.count(c.a) == "1");  // its own uncommitted row
  CHECK(c.count(c.b) == "0");
  ODBC_OK(SQL_HANDLE_DBC, c.a.h, SQLEndTran(SQL_HANDLE_DBC, c.a.h, SQL_ROLLBACK));
  CHECK(c.count(c.a) == "0");
  CHECK(c.count(c.b) == "0");

  c.insert(c.a, 2);
  CHECK(c.count(c.b) == "0");
  ODBC_OK(SQL_HANDLE_DBC, c.a.h, SQLEndTran(SQL_HANDLE_DBC, c.a.h, SQL_COMMIT));
  CHECK(c.count(c.b, "id = 2") == "1");

  // The setting holds across transactions.
  CHECK(get_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_OFF);
  c.insert(c.a, 3);
  CHECK(c.count(c.b, "id = 3") == "0");
  // Turning autocommit back on commits the open transaction.
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_ON);
  CHECK(get_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_ON);
  CHECK(c.count(c.b, "id = 3") == "1");
  Stmt st(c.a);
  CHECK(st.scalar("SELECT @@autocommit") == "1");
}

TEST_CASE("autocommit off set before connecting applies to the session", "[integration][tx]") {
  TwoConnections c("h2_tx_late");
  Dbc late(c.env);
  set_uint_attr(late, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  late.connect();
  CHECK(get_uint_attr(late, SQL_ATTR_AUTOCOMMIT) == SQL_AUTOCOMMIT_OFF);
  c.insert(late, 10);
  CHECK(c.count(c.b) == "0");
  ODBC_OK(SQL_HANDLE_DBC, late.h, SQLEndTran(SQL_HANDLE_DBC, late.h, SQL_ROLLBACK));
  CHECK(c.count(late) == "0");
}

TEST_CASE("SQLEndTran on the environment commits every connection", "[integration][tx]") {
  TwoConnections c("h2_tx_env");
  Dbc third(c.env);
  third.connect();
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  set_uint_attr(third, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  c.insert(c.a, 1);
  c.insert(third, 2);
  CHECK(c.count(c.b) == "0");
  ODBC_OK(SQL_HANDLE_ENV, c.env.h, SQLEndTran(SQL_HANDLE_ENV, c.env.h, SQL_COMMIT));
  CHECK(c.count(c.b) == "2");
}

TEST_CASE("SQL_TXN_CAPABLE is SQL_TC_DDL_COMMIT: DDL commits the open transaction", "[integration][tx]") {
  TwoConnections c("h2_tx_ddl_commit");
  SQLUSMALLINT capable = 0;
  ODBC_OK(SQL_HANDLE_DBC, c.a.h, SQLGetInfo(c.a.h, SQL_TXN_CAPABLE, &capable, sizeof capable, nullptr));
  REQUIRE(capable == SQL_TC_DDL_COMMIT);
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  c.insert(c.a, 1);
  CHECK(c.count(c.b) == "0");
  Stmt st(c.a);
  st.run("CREATE TABLE IF NOT EXISTS h2_tx_ddl (x INT)");
  st.run("DROP TABLE h2_tx_ddl");
  CHECK(c.count(c.b) == "1");
}

TEST_CASE("SQLEndTran with an invalid completion type is HY012", "[integration][tx]") {
  TwoConnections c("h2_tx_hy012");
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  c.insert(c.a, 1);
  // Through the driver manager (which may answer it itself)...
  CHECK(SQLEndTran(SQL_HANDLE_DBC, c.a.h, 5) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, c.a.h) == "HY012");
  // ...and from the driver itself.
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  CHECK(driver().SQLEndTran(SQL_HANDLE_DBC, dbc.h, 5) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, dbc.h) == "HY012");
  CHECK(driver().SQLEndTran(SQL_HANDLE_ENV, env.h, 5) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, env.h) == "HY012");
  DirectEnv empty;  // no connections: still an invalid completion type
  CHECK(driver().SQLEndTran(SQL_HANDLE_ENV, empty.h, 5) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_ENV, empty.h) == "HY012");
  CHECK(driver().SQLEndTran(SQL_HANDLE_ENV, empty.h, SQL_COMMIT) == SQL_SUCCESS);
  // Neither committed nor rolled back the open transaction.
  CHECK(c.count(c.a) == "1");
  CHECK(c.count(c.b) == "0");
  // On an unconnected connection: 08003.
  DirectDbc unconnected(env);
  CHECK(driver().SQLEndTran(SQL_HANDLE_DBC, unconnected.h, SQL_COMMIT) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_DBC, unconnected.h) == "08003");
}

TEST_CASE("SQL_ATTR_TXN_ISOLATION reaches the server and is reported back", "[integration][tx]") {
  TwoConnections c("h2_tx_isolation");
  Stmt st(c.a);
  // Not set by the application: the server's default.
  CHECK(st.scalar("SELECT @@tx_isolation") == "REPEATABLE-READ");
  CHECK(get_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_REPEATABLE_READ);

  set_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED);
  CHECK(st.scalar("SELECT @@tx_isolation") == "READ-COMMITTED");
  CHECK(get_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_READ_COMMITTED);

  // And it behaves so: inside one transaction, a row committed by another connection
  // becomes visible under READ COMMITTED...
  set_uint_attr(c.a, SQL_ATTR_AUTOCOMMIT, SQL_AUTOCOMMIT_OFF);
  CHECK(c.count(c.a) == "0");
  c.insert(c.b, 1);
  CHECK(c.count(c.a) == "1");
  ODBC_OK(SQL_HANDLE_DBC, c.a.h, SQLEndTran(SQL_HANDLE_DBC, c.a.h, SQL_COMMIT));
  // ...and not under REPEATABLE READ.
  set_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_REPEATABLE_READ);
  CHECK(c.count(c.a) == "1");
  c.insert(c.b, 2);
  CHECK(c.count(c.a) == "1");
  ODBC_OK(SQL_HANDLE_DBC, c.a.h, SQLEndTran(SQL_HANDLE_DBC, c.a.h, SQL_COMMIT));
  CHECK(c.count(c.a) == "2");

  set_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_SERIALIZABLE);
  CHECK(st.scalar("SELECT @@tx_isolation") == "SERIALIZABLE");
  CHECK(get_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_SERIALIZABLE);
  set_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_UNCOMMITTED);
  CHECK(st.scalar("SELECT @@tx_isolation") == "READ-UNCOMMITTED");
  CHECK(get_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_READ_UNCOMMITTED);

  // An invalid level changes nothing.
  CHECK(SQLSetConnectAttr(c.a.h, SQL_ATTR_TXN_ISOLATION, reinterpret_cast<SQLPOINTER>(SQLULEN{3}), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, c.a.h) == "HY024");
  CHECK(get_uint_attr(c.a, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_READ_UNCOMMITTED);
}

TEST_CASE("SQL_ATTR_TXN_ISOLATION set before connecting", "[integration][tx]") {
  Env env;
  Dbc dbc(env);
  set_uint_attr(dbc, SQL_ATTR_TXN_ISOLATION, SQL_TXN_READ_COMMITTED);
  dbc.connect();
  Stmt st(dbc);
  CHECK(st.scalar("SELECT @@tx_isolation") == "READ-COMMITTED");
  CHECK(get_uint_attr(dbc, SQL_ATTR_TXN_ISOLATION) == SQL_TXN_READ_COMMITTED);
}

TEST_CASE("SQL_ATTR_CURRENT_CATALOG: set, read back, and what the server says", "[integration][tx]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  const std::string schema = env_or("TEST_SCHEMA", "holdfast_test");
  Stmt st(dbc);
  SQLINTEGER length = 0;
  CHECK(current_catalog(dbc, 256, nullptr, &length) == schema);
  CHECK(length == static_cast<SQLINTEGER>(schema.size()));

  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLSetConnectAttr(dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "mysql", SQL_NTS));
  CHECK(current_catalog(dbc, 256, nullptr, &length) == "mysql");
  CHECK(length == 5);
  CHECK(st.scalar("SELECT DATABASE()") == "mysql");

  // An explicit length, not NUL-terminated.
  ODBC_OK(SQL_HANDLE_DBC, dbc.h,
          SQLSetConnectAttr(dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER)(schema + "garbage").c_str(),
                            static_cast<SQLINTEGER>(schema.size())));
  CHECK(st.scalar("SELECT DATABASE()") == schema);
  CHECK(current_catalog(dbc) == schema);

  // Truncated: 01004 and the full length.
  SQLRETURN rc = SQL_SUCCESS;
  CHECK(current_catalog(dbc, 4, &rc, &length) == schema.substr(0, 3));
  CHECK(rc == SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLINTEGER>(schema.size()));
  CHECK(first_state(SQL_HANDLE_DBC, dbc.h) == "01004");

  // A database that does not exist: the server's error, and nothing changes.
  CHECK(SQLSetConnectAttr(dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "h2_no_such_database", SQL_NTS) ==
        SQL_ERROR);
  auto d = diagnostics(SQL_HANDLE_DBC, dbc.h);
  REQUIRE_FALSE(d.empty());
  CHECK(d[0].sqlstate == "42000");
  CHECK(d[0].native == 1049);
  CHECK(current_catalog(dbc) == schema);
  CHECK(st.scalar("SELECT DATABASE()") == schema);

  // A USE statement is seen too.
  st.run("USE mysql");
  CHECK(current_catalog(dbc) == "mysql");
  SQLCHAR name[64];
  SQLSMALLINT name_length = 0;
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfo(dbc.h, SQL_DATABASE_NAME, name, sizeof name, &name_length));
  CHECK(std::string(reinterpret_cast<char*>(name)) == "mysql");
}

TEST_CASE("SQL_ATTR_CURRENT_CATALOG in UTF-16", "[integration][tx]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  const std::u16string catalog = u"mysql";
  ODBC_OK(SQL_HANDLE_DBC, dbc.h,
          SQLSetConnectAttrW(dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER)catalog.c_str(),
                             static_cast<SQLINTEGER>(catalog.size() * sizeof(SQLWCHAR))));
  Stmt st(dbc);
  CHECK(st.scalar("SELECT DATABASE()") == "mysql");
  SQLWCHAR buffer[64] = {0};
  SQLINTEGER length = 0;
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetConnectAttrW(dbc.h, SQL_ATTR_CURRENT_CATALOG, buffer, sizeof buffer, &length));
  CHECK(wide(buffer, 5) == u"mysql");
  CHECK(buffer[5] == 0);
  CHECK(length == 10);  // bytes
}

TEST_CASE("SQL_ATTR_CURRENT_CATALOG set before connecting wins over DATABASE", "[integration][tx]") {
  // The W form against the driver itself: unixODBC 2.3.11 mangles a W string attribute it
  // saved before the connection when it replays it (the driver receives "m").
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  const std::u16string catalog = u"mysql";
  REQUIRE(d.SQLSetConnectAttrW(dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER)catalog.c_str(),
                               static_cast<SQLINTEGER>(catalog.size() * sizeof(SQLWCHAR))) == SQL_SUCCESS);
  SQLWCHAR buffer[64] = {0};
  SQLINTEGER length = 0;
  REQUIRE(d.SQLGetConnectAttrW(dbc.h, SQL_ATTR_CURRENT_CATALOG, buffer, sizeof buffer, &length) == SQL_SUCCESS);
  CHECK(wide(buffer, 6) == std::u16string(u"mysql\0", 6));
  CHECK(length == 10);
  dbc.connect();  // the connection string says DATABASE=holdfast_test
  DirectStmt st(dbc);
  REQUIRE(st.exec("SELECT DATABASE()") == SQL_SUCCESS);
  REQUIRE(d.SQLFetch(st.h) == SQL_SUCCESS);
  char name[64] = {0};
  SQLLEN indicator = 0;
  REQUIRE(d.SQLGetData(st.h, 1, SQL_C_CHAR, name, sizeof name, &indicator) == SQL_SUCCESS);
  CHECK(std::string(name) == "mysql");
  // Through the driver manager, narrow: the same.
  Env dm_env;
  Dbc dm(dm_env);
  ODBC_OK(SQL_HANDLE_DBC, dm.h, SQLSetConnectAttr(dm.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "mysql", SQL_NTS));
  dm.connect();
  Stmt dm_st(dm);
  CHECK(dm_st.scalar("SELECT DATABASE()") == "mysql");
}

TEST_CASE("SQL_ATTR_ACCESS_MODE read-only: the server refuses writes", "[integration][tx]") {
  TwoConnections c("h2_tx_readonly");
  CHECK(get_uint_attr(c.a, SQL_ATTR_ACCESS_MODE) == SQL_MODE_READ_WRITE);
  set_uint_attr(c.a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY);
  CHECK(get_uint_attr(c.a, SQL_ATTR_ACCESS_MODE) == SQL_MODE_READ_ONLY);
  Stmt st(c.a);
  CHECK(st.scalar("SELECT @@tx_read_only") == "1");
  REQUIRE(st.exec("INSERT INTO " + c.table + " VALUES (1)") == SQL_ERROR);
  auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE_FALSE(d.empty());
  CHECK(d[0].native == 1792);  // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
  CHECK(d[0].sqlstate.substr(0, 2) == "25");
  CHECK(d[0].message.find("READ ONLY") != std::string::npos);
  CHECK(c.count(c.b) == "0");
  // Reads still work.
  CHECK(c.count(c.a) == "0");

  set_uint_attr(c.a, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_WRITE);
  CHECK(get_uint_attr(c.a, SQL_ATTR_ACCESS_MODE) == SQL_MODE_READ_WRITE);
  CHECK(st.scalar("SELECT @@tx_read_only") == "0");
  c.insert(c.a, 1);
  CHECK(c.count(c.b) == "1");
}

TEST_CASE("SQL_ATTR_ACCESS_MODE read-only set before connecting", "[integration][tx]") {
  Env env;
  Dbc dbc(env);
  set_uint_attr(dbc, SQL_ATTR_ACCESS_MODE, SQL_MODE_READ_ONLY);
  dbc.connect();
  Stmt st(dbc);
  CHECK(st.scalar("SELECT @@tx_read_only") == "1");
  CHECK(get_uint_attr(dbc, SQL_ATTR_ACCESS_MODE) == SQL_MODE_READ_ONLY);
}
