// SQLCancel reaches only the statement it is called on: two statements of one
// connection, one running a query on one thread, SQLCancel on the other from another.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "connected_fixture.h"
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

// Two statements of one connection (a has run a query before) and a watcher on another.
struct TwoStatements : ConnectedStatement {
  Stmt& a = st;
  Stmt b{dbc};
  Dbc watch_dbc{env};
  bool watch_connected = (watch_dbc.connect(), true);
  Stmt watcher{watch_dbc};
  bool a_ran = a.scalar("SELECT 'a ran before'") == "a ran before";

  // Runs `sql` on b (this thread) while another thread calls SQLCancel(target) once the
  // server shows the query running. `seen` says whether it did.
  Outcome run_b_cancelling(SQLHSTMT target, const std::string& sql, bool& seen, SQLRETURN& cancel_rc) {
    std::atomic<bool> running{false};
    std::thread canceller([&] {
      running = wait_until_running(watcher.h, sql);
      cancel_rc = SQLCancel(target);
    });
    Outcome outcome = run_one(b, sql);
    canceller.join();
    seen = running;
    return outcome;
  }
};

}  // namespace

TEST_CASE_METHOD(TwoStatements,
                 "SQLCancel on an idle statement leaves the query of another statement of the connection running",
                 "[integration][cancel][cancel_owner]") {
  REQUIRE(a_ran);
  bool seen = false;
  SQLRETURN cancel_rc = SQL_ERROR;
  const Outcome outcome = run_b_cancelling(a.h, "SELECT SLEEP(3) AS cancel_owner_b", seen, cancel_rc);
  REQUIRE(seen);
  CHECK(cancel_rc == SQL_SUCCESS);
  INFO(describe(SQL_HANDLE_STMT, b.h));
  REQUIRE(outcome.rc == SQL_SUCCESS);
  CHECK(outcome.value == "0");  // SLEEP returns 0 when it was not interrupted
  SQLFreeStmt(b.h, SQL_CLOSE);
  CHECK(a.scalar("SELECT 'a still usable'") == "a still usable");
}

TEST_CASE_METHOD(TwoStatements, "SQLCancel on the statement running the query stops it with HY008",
                 "[integration][cancel][cancel_owner]") {
  REQUIRE(a_ran);
  bool seen = false;
  SQLRETURN cancel_rc = SQL_ERROR;
  const Outcome outcome = run_b_cancelling(b.h, "SELECT SLEEP(3) AS cancel_owner_own", seen, cancel_rc);
  REQUIRE(seen);
  CHECK(cancel_rc == SQL_SUCCESS);
  CHECK(outcome.rc == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, b.h) == "HY008");
  SQLFreeStmt(b.h, SQL_CLOSE);
  CHECK(b.scalar("SELECT 'b still usable'") == "b still usable");
}
