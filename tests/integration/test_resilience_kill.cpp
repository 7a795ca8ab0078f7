// Resilience against KILL CONNECTION (RESILIENCE.md rules 1, 2, 3, 7): the loss is seen on
// the socket before sending, a replayable session is reconnected transparently, a session
// holding state the driver cannot rebuild reports 08S01 once, RECONNECT=0 reports every
// loss, and SQL_ATTR_CONNECTION_DEAD answers without a round trip.
#include <atomic>
#include <thread>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

struct Fixture {
  Admin admin;
  Env env;
  Dbc dbc{env};
  explicit Fixture(const std::string& extra = "") { dbc.connect(resilient_connection_string(extra)); }
};

}  // namespace

TEST_CASE("after KILL the next statement succeeds on a new session, found without a ping",
          "[integration][resilience]") {
  const bool autocommit = GENERATE(true, false);
  INFO("autocommit " << (autocommit ? "on" : "off"));
  Fixture f;
  if (!autocommit) set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  CHECK(std::to_string(uint_attr(f.dbc, HOLDFAST_ATTR_CONNECTION_ID)) == before);
  // Manual commit: nothing done since the last commit, so the session is replayable.
  if (!autocommit) ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(replayable(f.dbc) == SQL_TRUE);
  CHECK(last_loss_native(f.dbc) == 0);
  f.admin.kill(before);
  const std::string after = st.scalar("SELECT CONNECTION_ID()");
  CHECK(after != before);
  CHECK(std::to_string(uint_attr(f.dbc, HOLDFAST_ATTR_CONNECTION_ID)) == after);
  CHECK(reconnects(f.dbc) == 1);
  CHECK(dead_sockets(f.dbc) == 1);
  CHECK(pings(f.dbc) == 0);
  CHECK(last_loss_native(f.dbc) != 0);
  CHECK(st.scalar("SELECT @@autocommit") == (autocommit ? "1" : "0"));
  // The new session is healthy: nothing more happens on the next statements.
  CHECK(st.scalar("SELECT 7") == "7");
  CHECK(reconnects(f.dbc) == 1);
}

TEST_CASE("state the driver cannot rebuild turns a KILL into one 08S01, then a new session",
          "[integration][resilience]") {
  Fixture f;
  Stmt st(f.dbc);
  SECTION("a temporary table") {
    st.run("CREATE TEMPORARY TABLE res_tmp (id INT)");
    st.run("INSERT INTO res_tmp VALUES (1)");
    CHECK(st.scalar("SELECT COUNT(*) FROM res_tmp") == "1");
    CHECK(replayable(f.dbc) == SQL_FALSE);
    f.admin.kill(server_connection_id(f.dbc));
    check_link_failure(expect_error(st, "SELECT COUNT(*) FROM res_tmp"));
    CHECK(reconnects(f.dbc) == 0);
    // The next statement reconnects: a new session, without the temporary table.
    CHECK(state_of(expect_error(st, "SELECT COUNT(*) FROM res_tmp")) == "42S02");
    CHECK(reconnects(f.dbc) == 1);
    CHECK(replayable(f.dbc) == SQL_TRUE);
  }
  SECTION("a user variable") {
    st.run("SET @res_x = 1");
    CHECK(st.scalar("SELECT @res_x") == "1");
    CHECK(replayable(f.dbc) == SQL_FALSE);
    f.admin.kill(server_connection_id(f.dbc));
    check_link_failure(expect_error(st, "SELECT @res_x"));
    CHECK(reconnects(f.dbc) == 0);
    CHECK(st.scalar("SELECT @res_x") == "<NULL>");
    CHECK(reconnects(f.dbc) == 1);
  }
}

TEST_CASE("with RECONNECT=0 every statement after a KILL is 08S01 until disconnect and connect",
          "[integration][resilience]") {
  Fixture f("RECONNECT=0");
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  CHECK(replayable(f.dbc) == SQL_FALSE);  // a loss now would not be hidden
  f.admin.kill(before);
  for (int i = 0; i < 3; ++i) {
    INFO("attempt " << i);
    check_link_failure(expect_error(st, "SELECT 1"));
  }
  CHECK(reconnects(f.dbc) == 0);
  SQLUINTEGER dead = SQL_CD_FALSE;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_TRUE);
  REQUIRE(SQLFreeHandle(SQL_HANDLE_STMT, st.h) == SQL_SUCCESS);
  st.h = SQL_NULL_HSTMT;
  f.dbc.disconnect();
  f.dbc.connect(resilient_connection_string("RECONNECT=0"));
  CHECK(server_connection_id(f.dbc) != before);
}

TEST_CASE("SQL_ATTR_CONNECTION_DEAD sees a killed connection without a round trip",
          "[integration][resilience]") {
  Fixture f;
  Stmt st(f.dbc);
  const std::string id = st.scalar("SELECT CONNECTION_ID()");
  SQLUINTEGER dead = 0xFF;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_FALSE);
  f.admin.kill(id);
  const auto started = std::chrono::steady_clock::now();
  dead = 0xFF;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_TRUE);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500));
  // Asking reconnected nothing behind the caller's back and sent nothing.
  CHECK(reconnects(f.dbc) == 0);
  CHECK(pings(f.dbc) == 0);
  CHECK(std::to_string(uint_attr(f.dbc, HOLDFAST_ATTR_CONNECTION_ID)) == id);
  dead = 0xFF;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_TRUE);
  // The next statement reconnects; the connection is then alive again.
  CHECK(st.scalar("SELECT CONNECTION_ID()") != id);
  dead = 0xFF;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_FALSE);
}

TEST_CASE("a KILL while a statement runs: 08S01 then 40003, never sent again, the handle stays usable",
          "[integration][resilience]") {
  Fixture f;
  f.admin.run("CREATE TABLE IF NOT EXISTS res_once (id INT, slept INT)");
  f.admin.run("DELETE FROM res_once");
  Stmt st(f.dbc);
  const std::string victim = st.scalar("SELECT CONNECTION_ID()");
  // The KILL comes from another thread while the statement sleeps on the server. No
  // Catch assertions on that thread: it only records what happened.
  std::atomic<SQLRETURN> kill_rc{SQL_ERROR};
  std::thread killer([&] {
    sleep_ms(400);
    SQLHSTMT h = SQL_NULL_HSTMT;
    if (SQLAllocHandle(SQL_HANDLE_STMT, f.admin.dbc.h, &h) != SQL_SUCCESS) return;
    const std::string kill = "KILL CONNECTION " + victim;
    kill_rc = SQLExecDirect(h, (SQLCHAR*)kill.c_str(), SQL_NTS);
    SQLFreeHandle(SQL_HANDLE_STMT, h);
  });
  const auto started = std::chrono::steady_clock::now();
  const std::vector<DiagRecordText> records = expect_error(st, "INSERT INTO res_once SELECT 1, SLEEP(5)");
  const auto took = std::chrono::steady_clock::now() - started;
  killer.join();
  REQUIRE(SQL_SUCCEEDED(kill_rc.load()));
  CHECK(took < std::chrono::seconds(4));
  check_link_failure(records);
  INFO(describe_records(records));
  REQUIRE(records.size() >= 2);
  CHECK(records[1].sqlstate == "40003");
  CHECK(reconnects(f.dbc) == 0);
  // Whatever the server did with the INSERT, the driver did not send it again.
  CHECK(std::stoi(f.admin.scalar("SELECT COUNT(*) FROM res_once")) <= 1);
  // The next call reconnects (nothing was open: rule 3) and works.
  CHECK(st.scalar("SELECT CONNECTION_ID()") != victim);
  CHECK(reconnects(f.dbc) == 1);
  CHECK(std::stoi(f.admin.scalar("SELECT COUNT(*) FROM res_once")) <= 1);
}
