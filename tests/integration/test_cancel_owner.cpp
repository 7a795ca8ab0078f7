// SQLCancel reaches only the statement it is called on: two statements of one
// connection, one running a query on one thread, SQLCancel on the other from another.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

// Waits (on another thread: raw ODBC calls only, no Catch2 macros) until the server
// shows a query whose text starts with `prefix`, watching from a connection of its own.
// Returns false if it never appears within the bound.
bool wait_until_running(SQLHSTMT watcher, const std::string& prefix) {
  const std::string sql =
      "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '" + prefix + "%'";
  for (int i = 0; i < 200; ++i) {
    SQLINTEGER count = 0;
    SQLLEN ind = 0;
    if (SQL_SUCCEEDED(SQLExecDirect(watcher, (SQLCHAR*)sql.c_str(), SQL_NTS)) && SQLFetch(watcher) == SQL_SUCCESS)
      SQLGetData(watcher, 1, SQL_C_SLONG, &count, 0, &ind);
    SQLFreeStmt(watcher, SQL_CLOSE);
    if (count > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

struct Outcome {
  SQLRETURN rc = SQL_ERROR;
  std::string value;
};

// Runs `sql` on `st` (this thread) and returns its first value or the failing return code.
Outcome run_one(Stmt& st, const std::string& sql) {
  Outcome out;
  out.rc = st.exec(sql);
  if (SQL_SUCCEEDED(out.rc)) out.rc = SQLFetch(st.h);
  if (SQL_SUCCEEDED(out.rc)) {
    char buffer[64] = {};
    SQLLEN ind = 0;
    out.rc = SQLGetData(st.h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind);
    out.value = buffer;
  }
  return out;
}

}  // namespace

TEST_CASE("SQLCancel on an idle statement leaves the query of another statement of the connection running",
          "[integration][cancel][cancel_owner]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt a(dbc);
  Stmt b(dbc);
  Dbc watch_dbc(env);
  watch_dbc.connect();
  Stmt watcher(watch_dbc);
  REQUIRE(a.scalar("SELECT 'a ran before'") == "a ran before");

  std::atomic<bool> seen{false};
  SQLRETURN cancel_rc = SQL_ERROR;
  std::thread canceller([&] {
    seen = wait_until_running(watcher.h, "SELECT SLEEP(3) AS cancel_owner_b");
    cancel_rc = SQLCancel(a.h);
  });
  const Outcome outcome = run_one(b, "SELECT SLEEP(3) AS cancel_owner_b");
  canceller.join();
  REQUIRE(seen);
  CHECK(cancel_rc == SQL_SUCCESS);
  INFO(describe(SQL_HANDLE_STMT, b.h));
  REQUIRE(outcome.rc == SQL_SUCCESS);
  CHECK(outcome.value == "0");  // SLEEP returns 0 when it was not interrupted
  SQLFreeStmt(b.h, SQL_CLOSE);
  CHECK(a.scalar("SELECT 'a still usable'") == "a still usable");
}

TEST_CASE("SQLCancel on the statement running the query stops it with HY008",
          "[integration][cancel][cancel_owner]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt a(dbc);
  Stmt b(dbc);
  Dbc watch_dbc(env);
  watch_dbc.connect();
  Stmt watcher(watch_dbc);
  REQUIRE(a.scalar("SELECT 'a ran before'") == "a ran before");

  std::atomic<bool> seen{false};
  SQLRETURN cancel_rc = SQL_ERROR;
  std::thread canceller([&] {
    seen = wait_until_running(watcher.h, "SELECT SLEEP(3) AS cancel_owner_own");
    cancel_rc = SQLCancel(b.h);
  });
  const Outcome outcome = run_one(b, "SELECT SLEEP(3) AS cancel_owner_own");
  canceller.join();
  REQUIRE(seen);
  CHECK(cancel_rc == SQL_SUCCESS);
  CHECK(outcome.rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, b.h) == "HY008");
  SQLFreeStmt(b.h, SQL_CLOSE);
  CHECK(b.scalar("SELECT 'b still usable'") == "b still usable");
}
