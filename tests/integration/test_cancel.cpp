// SQL_ATTR_QUERY_TIMEOUT and SQLCancel from another thread: KILL QUERY on a side
// connection, and the handle stays usable.
#include <chrono>
#include <thread>

#include "odbc_test.h"

using namespace odbc_test;
using Clock = std::chrono::steady_clock;

TEST_CASE("a statement running past SQL_ATTR_QUERY_TIMEOUT fails with HYT00", "[integration][cancel]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0) == SQL_SUCCESS);
  const auto start = Clock::now();
  SQLRETURN rc = st.exec("SELECT SLEEP(5)");
  if (SQL_SUCCEEDED(rc)) rc = SQLFetch(st.h);
  const auto elapsed = Clock::now() - start;
  CHECK(rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HYT00");
  CHECK(elapsed < std::chrono::seconds(4));
  SQLFreeStmt(st.h, SQL_CLOSE);
  // The next statement is not hit by a late KILL.
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(0), 0) == SQL_SUCCESS);
  CHECK(st.scalar("SELECT 41 + 1") == "42");
}

TEST_CASE("a fast statement under a query timeout is not disturbed", "[integration][cancel]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(2), 0) == SQL_SUCCESS);
  for (int i = 0; i < 20; ++i) CHECK(st.scalar("SELECT " + std::to_string(i)) == std::to_string(i));
  SQLULEN timeout = 0;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, &timeout, 0, nullptr) == SQL_SUCCESS);
  CHECK(timeout == 2);
}

TEST_CASE("SQLCancel from another thread stops a running statement with HY008", "[integration][cancel]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    SQLCancel(st.h);
  });
  const auto start = Clock::now();
  SQLRETURN rc = st.exec("SELECT SLEEP(6)");
  if (SQL_SUCCEEDED(rc)) rc = SQLFetch(st.h);
  const auto elapsed = Clock::now() - start;
  canceller.join();
  CHECK(rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY008");
  CHECK(elapsed < std::chrono::seconds(5));
  SQLFreeStmt(st.h, SQL_CLOSE);
  CHECK(st.scalar("SELECT 'still usable'") == "still usable");
}

TEST_CASE("SQLCancel with nothing running closes the cursor as the driver manager expects", "[integration][cancel]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 5")));
  CHECK(SQLCancel(st.h) == SQL_SUCCESS);
  // unixODBC treats the cursor as closed now: the driver must accept a new statement
  // (no 24000) and no KILL may hit it.
  SQLRETURN rc = st.exec("SELECT 6");
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
}
