// A transaction opened and ended in SQL, as isql and iusql users write it (autocommit
// on, START TRANSACTION ... ROLLBACK), lost to a KILL: the loss is reported, and the
// ROLLBACK or COMMIT statement ends the lost transaction as SQLEndTran would
// (RESILIENCE.md rule 5): ROLLBACK succeeds locally, COMMIT reports 08007; the next
// statement runs on a new session and nothing of the lost transaction remains.
#include "resilience_test.h"

using namespace resilience_test;

TEST_CASE("a transaction lost to KILL ends with a ROLLBACK or COMMIT statement",
          "[integration][resilience][sql_end_tran]") {
  const std::string end = GENERATE(as<std::string>{}, "ROLLBACK", "rollback work;", "COMMIT");
  INFO(end << " after the loss");
  Admin admin;
  admin.run("CREATE TABLE IF NOT EXISTS res_sql_end (id INT PRIMARY KEY) ENGINE=InnoDB");
  admin.run("DELETE FROM res_sql_end");
  Env env;
  Dbc dbc{env};
  dbc.connect(resilient_connection_string());
  Stmt st(dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  st.run("START TRANSACTION");
  st.run("INSERT INTO res_sql_end VALUES (1)");
  admin.kill(before);

  check_link_failure(expect_error(st, "INSERT INTO res_sql_end VALUES (2)"));
  // Statements other than the transaction's end still fail: no silent fresh session.
  check_link_failure(expect_error(st, "SELECT 1"));
  check_link_failure(expect_error(st, "ROLLBACK TO SAVEPOINT s1"));
  CHECK(reconnects(dbc) == 0);

  const SQLRETURN rc = st.exec(end);
  INFO(end << " -> " << rc << "\n" << describe(SQL_HANDLE_STMT, st.h));
  if (end == "COMMIT") {
    CHECK(rc == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "08007");
  } else {
    CHECK(rc == SQL_SUCCESS);
  }
  SQLFreeStmt(st.h, SQL_CLOSE);

  // The transaction is over: the next statement reconnects, in autocommit mode.
  CHECK(st.scalar("SELECT CONNECTION_ID()") != before);
  CHECK(reconnects(dbc) == 1);
  CHECK(st.scalar("SELECT @@autocommit") == "1");
  st.run("INSERT INTO res_sql_end VALUES (3)");
  CHECK(admin.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM res_sql_end") == "3");
  admin.run("DROP TABLE res_sql_end");
}
