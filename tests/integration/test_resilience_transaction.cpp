// Resilience inside a transaction (RESILIENCE.md rule 5): a connection killed with a
// transaction open reports 08S01 and never continues silently in a fresh transaction;
// statements keep failing until the application ends the transaction; ROLLBACK then
// succeeds locally, COMMIT reports 08007; the next statement reconnects.
#include "resilience_test.h"

using namespace resilience_test;

namespace {

struct Fixture {
  Admin admin;
  Env env;
  Dbc dbc{env};
  Fixture() {
    admin.run("CREATE TABLE IF NOT EXISTS res_txn (id INT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
    admin.run("DELETE FROM res_txn");
    dbc.connect(resilient_connection_string());
  }
};

}  // namespace

TEST_CASE("a KILL inside a transaction loses it: 08S01 until SQLEndTran, then a new session",
          "[integration][resilience]") {
  const SQLSMALLINT completion = GENERATE(SQL_ROLLBACK, SQL_COMMIT);
  INFO((completion == SQL_ROLLBACK ? "ROLLBACK" : "COMMIT") << " after the loss");
  Fixture f;
  set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  st.run("INSERT INTO res_txn VALUES (1, 'uncommitted')");
  CHECK(replayable(f.dbc) == SQL_FALSE);
  f.admin.kill(before);

  check_link_failure(expect_error(st, "INSERT INTO res_txn VALUES (2, 'after the loss')"));
  // The server rolled the transaction back with the session.
  CHECK(f.admin.scalar("SELECT COUNT(*) FROM res_txn") == "0");
  // No silent fresh transaction: every statement fails until the transaction is ended.
  for (int i = 0; i < 2; ++i) {
    INFO("statement " << i << " after the loss");
    check_link_failure(expect_error(st, "SELECT 1"));
  }
  CHECK(f.admin.scalar("SELECT COUNT(*) FROM res_txn") == "0");
  CHECK(reconnects(f.dbc) == 0);

  const SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, completion);
  const std::string end_state = first_state(SQL_HANDLE_DBC, f.dbc.h);
  INFO("SQLEndTran -> " << rc << "\n" << describe(SQL_HANDLE_DBC, f.dbc.h));
  if (completion == SQL_ROLLBACK) {
    CHECK(rc == SQL_SUCCESS);
  } else {
    CHECK(rc == SQL_ERROR);
    CHECK(end_state == "08007");
  }

  // The handle is usable again: a new session, still in manual-commit mode.
  const std::string after = st.scalar("SELECT CONNECTION_ID()");
  CHECK(after != before);
  CHECK(reconnects(f.dbc) == 1);
  CHECK(st.scalar("SELECT @@autocommit") == "0");
  st.run("INSERT INTO res_txn VALUES (3, 'new transaction')");
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(f.admin.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM res_txn") == "3");
}

TEST_CASE("a KILL in manual-commit mode with no transaction open is hidden", "[integration][resilience]") {
  Fixture f;
  set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  st.run("INSERT INTO res_txn VALUES (1, 'committed')");
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(replayable(f.dbc) == SQL_TRUE);
  f.admin.kill(before);
  st.run("INSERT INTO res_txn VALUES (2, 'after the loss')");
  CHECK(reconnects(f.dbc) == 1);
  CHECK(server_connection_id(f.dbc) != before);
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(f.admin.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM res_txn") == "1,2");
}

TEST_CASE("a commit that finds the link dead is 08007, never a silent new transaction",
          "[integration][resilience]") {
  const SQLSMALLINT completion = GENERATE(SQL_COMMIT, SQL_ROLLBACK);
  INFO((completion == SQL_ROLLBACK ? "ROLLBACK" : "COMMIT") << " is the first call after the kill");
  Fixture f;
  set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  st.run("INSERT INTO res_txn VALUES (7, 'never committed')");
  f.admin.kill(before);

  const SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, completion);
  INFO("SQLEndTran -> " << rc << "\n" << describe(SQL_HANDLE_DBC, f.dbc.h));
  if (completion == SQL_COMMIT) {
    CHECK(rc == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_DBC, f.dbc.h) == "08007");
  } else {
    CHECK(rc == SQL_SUCCESS);  // the server rolled back with the session
  }
  CHECK(f.admin.scalar("SELECT COUNT(*) FROM res_txn") == "0");
  // The transaction is over either way: the next statement runs on a new session.
  CHECK(st.scalar("SELECT CONNECTION_ID()") != before);
  CHECK(f.admin.scalar("SELECT COUNT(*) FROM res_txn") == "0");
}
