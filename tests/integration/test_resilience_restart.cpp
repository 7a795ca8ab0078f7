// Resilience against a server restart (RESILIENCE.md rules 1, 3, 5, 6; contract test 3),
// on a server of the test's own: while the server is down a statement fails with 08S01
// within the configured bound instead of hanging; a replayable connection waits through
// the restart with RECONNECT_TRIES and its statement succeeds on a new session; an open
// transaction is reported lost, and after the rollback the handle works again.
#include <atomic>
#include <thread>

#include "resilience_test.h"
#include "server_instance.h"

using namespace resilience_test;
using server_instance::extra_port;
using server_instance::ServerInstance;
using Clock = std::chrono::steady_clock;

namespace {

// A reconnect attempt against a stopped local server is refused at once; CONNECT_TIMEOUT
// bounds the attempts that are not.
const std::string kFastLoss = "PING_IDLE=600;CONNECT_TIMEOUT=2;";

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool has_state(const std::vector<DiagRecordText>& records, const std::string& state) {
  for (const auto& r : records)
    if (r.sqlstate == state) return true;
  return false;
}

// What a statement run on another thread did (no Catch2 assertions off the main thread).
struct Outcome {
  SQLRETURN rc = SQL_ERROR;
  std::string value;
  std::string diagnostics;
  Clock::time_point finished;
  double seconds = 0;
};

Outcome scalar_on_thread(SQLHSTMT h, const std::string& sql) {
  Outcome o;
  const auto started = Clock::now();
  o.rc = SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS);
  if (SQL_SUCCEEDED(o.rc)) {
    char buffer[256] = {0};
    SQLLEN ind = 0;
    if (SQLFetch(h) == SQL_SUCCESS && SQL_SUCCEEDED(SQLGetData(h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind)))
      o.value = ind == SQL_NULL_DATA ? "<NULL>" : buffer;
  }
  o.diagnostics = describe(SQL_HANDLE_STMT, h);
  SQLFreeStmt(h, SQL_CLOSE);
  o.finished = Clock::now();
  o.seconds = std::chrono::duration<double>(o.finished - started).count();
  return o;
}

}  // namespace

TEST_CASE("a server restart under autocommit: 08S01 within the bound while down, transparent once back",
          "[integration][resilience][restart]") {
  ServerInstance server(extra_port(0));
  server.start();
  Env env;
  // `quick` gives up after two attempts; `patient` waits out the restart (the backoff is
  // 0.1, 0.2, 0.4, 0.8, 1.6 s, then 2 s per attempt: 30 tries span about 50 s).
  Dbc quick{env};
  quick.connect(server.connection_string(kFastLoss + "RECONNECT_TRIES=2"));
  // Opened after `quick`: the restarted server numbers its connections from the start
  // again, and `patient` reconnects before `quick`, so its new id is a lower one.
  Dbc patient{env};
  patient.connect(server.connection_string(kFastLoss + "RECONNECT_TRIES=30"));
  Stmt sq(quick), sp(patient);
  const std::string quick_before = sq.scalar("SELECT CONNECTION_ID()");
  const std::string patient_before = sp.scalar("SELECT CONNECTION_ID()");
  CHECK(replayable(patient) == SQL_TRUE);
  CHECK(replayable(quick) == SQL_TRUE);

  server.stop();

  // Down: RECONNECT_TRIES=2 with CONNECT_TIMEOUT=2 ends in 08S01 within 2 x 2 s plus the
  // 0.1 s backoff, and the statement was never sent (no 40003).
  auto started = Clock::now();
  const std::vector<DiagRecordText> down = expect_error(sq, "SELECT 1");
  const double down_seconds = seconds_since(started);
  INFO("while down: " << down_seconds << " s\n" << describe_records(down));
  check_link_failure(down);
  CHECK_FALSE(has_state(down, "40003"));
  CHECK(down_seconds < 4.5);
  CHECK(reconnects(quick) == 0);
  CHECK(last_loss_native(quick) != 0);

  // The patient connection's statement is issued while the server is down and waits in
  // the reconnect backoff; the server comes back meanwhile.
  Outcome waited;
  std::thread runner([&] { waited = scalar_on_thread(sp.h, "SELECT CONNECTION_ID()"); });
  sleep_ms(300);
  const auto restart_called = Clock::now();
  server.start();
  runner.join();
  INFO("statement across the restart: rc " << waited.rc << " after " << waited.seconds << " s\n"
                                           << waited.diagnostics);
  REQUIRE(SQL_SUCCEEDED(waited.rc));
  const bool waited_for_server = waited.finished > restart_called;
  CHECK(waited_for_server);  // it really was issued while the server was down
  CHECK(waited.seconds < 20);
  CHECK(!waited.value.empty());
  CHECK(waited.value != patient_before);
  CHECK(reconnects(patient) == 1);
  CHECK(std::to_string(uint_attr(patient, HOLDFAST_ATTR_CONNECTION_ID)) == waited.value);
  CHECK(sp.scalar("SELECT DATABASE()") == "holdfast_test");
  CHECK(sp.scalar("SELECT @@autocommit") == "1");
  CHECK(reconnects(patient) == 1);

  // The connection that reported the loss is usable now that the server is back.
  const std::string quick_after = sq.scalar("SELECT CONNECTION_ID()");
  CHECK(quick_after != quick_before);
  CHECK(reconnects(quick) == 1);
  CHECK(replayable(quick) == SQL_TRUE);
}

TEST_CASE("a server restart inside a manual-commit transaction: 08S01 (transaction lost), rollback, then works",
          "[integration][resilience][restart]") {
  ServerInstance server(extra_port(1));
  server.start();
  const std::string cs = server.connection_string(kFastLoss + "RECONNECT_TRIES=30");
  Admin admin(cs);
  admin.run("DROP TABLE IF EXISTS res_restart");
  admin.run("CREATE TABLE res_restart (id INT NOT NULL) ENGINE=InnoDB");
  Env env;
  Dbc dbc{env};
  dbc.connect(cs);
  set_autocommit(dbc, false);
  Stmt st(dbc);
  st.run("INSERT INTO res_restart VALUES (1)");
  CHECK(replayable(dbc) == SQL_FALSE);  // a transaction is open

  server.stop();
  server.start();

  // The loss is reported, not hidden behind a fresh transaction, however many times the
  // application tries, until it ends the transaction.
  for (int i = 0; i < 2; ++i) {
    INFO("statement " << i << " after the restart");
    const std::vector<DiagRecordText> records = expect_error(st, "SELECT COUNT(*) FROM res_restart");
    check_link_failure(records);
    CHECK_FALSE(has_state(records, "40003"));  // found before the send
  }
  CHECK(reconnects(dbc) == 0);
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_ROLLBACK));

  // The next statement reconnects: the uncommitted row died with the old server.
  CHECK(st.scalar("SELECT COUNT(*) FROM res_restart") == "0");
  CHECK(reconnects(dbc) == 1);
  CHECK(st.scalar("SELECT @@autocommit") == "0");  // the driver's state was rebuilt
  st.run("INSERT INTO res_restart VALUES (2)");
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_COMMIT));
  CHECK(admin.scalar("SELECT GROUP_CONCAT(id) FROM res_restart") == "2");
}
