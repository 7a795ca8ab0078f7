#include "odbc_test.h"

using namespace odbc_test;

TEST_CASE("DSN-less connect, a query, and disconnect", "[integration][connect]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  CHECK(dbc.completed.find("SERVER=") != std::string::npos);
  {
    Stmt st(dbc);
    CHECK(st.scalar("SELECT 1+1") == "2");
    CHECK(st.scalar("SELECT DATABASE()") == env_or("TEST_SCHEMA", "holdfast_test"));
  }
  dbc.disconnect();
}

TEST_CASE("SQLDisconnect with a transaction open rolls it back", "[integration][connect]") {
  Env env;
  Dbc other(env);
  other.connect();
  Stmt check(other);
  check.run("DROP TABLE IF EXISTS disc_t");
  check.run("CREATE TABLE disc_t (id INT) ENGINE=InnoDB");
  {
    Dbc dbc(env);
    dbc.connect();
    REQUIRE(SQLSetConnectAttr(dbc.h, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0) ==
            SQL_SUCCESS);
    {
      Stmt st(dbc);
      st.run("INSERT INTO disc_t VALUES (1)");
    }
    dbc.disconnect();
  }
  // The row was never committed, and no lock is left behind (the DROP would wait).
  CHECK(check.scalar("SELECT COUNT(*) FROM disc_t") == "0");
  check.run("DROP TABLE disc_t");
}
