// Resilience against network faults made by the fault-injecting proxy between the driver and
// the test server (RESILIENCE.md rules 2, 3, 4, 6, 7; the cases 4a, 4b, 6, 6r, 11b):
// a reset seen on the socket before the send, a silently dropped flow found by the idle
// ping, a reply lost after a write was sent (never resent: 08S01 + 40003), reads retried
// under RETRY_READS=1, a refused reconnect, and SQL_ATTR_CONNECTION_DEAD without a round trip.
// The driver connects through the proxy; the admin connection goes straight to the server.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "fault_proxy.h"
#include "resilience_test.h"

using namespace resilience_test;
using holdfast_test::FaultProxy;
using holdfast_test::FaultScope;

namespace {

using Clock = std::chrono::steady_clock;

std::uint16_t server_port() { return static_cast<std::uint16_t>(std::stoi(env_or("TEST_PORT", "3311"))); }

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool has_state(const std::vector<DiagRecordText>& records, const std::string& state) {
  for (const auto& r : records)
    if (r.sqlstate == state) return true;
  return false;
}

// A reply lost after the statement was sent (rule 4): 08S01 first, then 40003.
void check_outcome_unknown(const std::vector<DiagRecordText>& records) {
  check_link_failure(records);
  INFO(describe_records(records));
  CHECK(records.size() >= 2);
  CHECK((records.size() >= 2 && records[1].sqlstate == "40003"));
}

// A loss found before anything was sent: 08S01 and no 40003 (the statement never ran).
void check_never_sent(const std::vector<DiagRecordText>& records) {
  check_link_failure(records);
  INFO(describe_records(records));
  CHECK_FALSE(has_state(records, "40003"));
}

// The proxy in front of the shared test server; the driver's connection through it (with
// the idle ping far away unless `extra` says otherwise); an admin connection straight to
// the server. The proxy is declared first so it outlives the connections through it.
struct ProxyFixture {
  FaultProxy proxy{env_or("TEST_SERVER", "127.0.0.1"), server_port(), std::chrono::seconds(60)};
  Admin admin;
  Env env;
  Dbc dbc{env};
  explicit ProxyFixture(const std::string& extra = "") {
    dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port()) + ";" + extra));
    REQUIRE(proxy.connection_count() == 1);
  }
  SQLUINTEGER connection_id() { return uint_attr(dbc, HOLDFAST_ATTR_CONNECTION_ID); }
};

// A table of our own on the shared server (named for this process, so that concurrent runs
// do not meet), dropped at the end. Counted from the admin connection, never through the proxy.
struct WriteTable {
  Admin& admin;
  std::string name = "res_proxy_w" + std::to_string(::getpid());
  explicit WriteTable(Admin& a) : admin(a) {
    admin.run("DROP TABLE IF EXISTS " + name);
    admin.run("CREATE TABLE " + name + " (id INT NOT NULL)");  // no key: a second insert would show
  }
  ~WriteTable() {
    Stmt st(admin.dbc);
    st.exec("DROP TABLE IF EXISTS " + name);
  }
  WriteTable(const WriteTable&) = delete;
  WriteTable& operator=(const WriteTable&) = delete;
  std::string insert(int id) const { return "INSERT INTO " + name + " VALUES (" + std::to_string(id) + ")"; }
  std::string rows_with(int id) { return admin.scalar("SELECT COUNT(*) FROM " + name + " WHERE id = " + std::to_string(id)); }
};

int unique_id() {
  static std::atomic<int> next{1};
  return static_cast<int>(::getpid() % 100000) * 1000 + next++;
}

SQLUINTEGER connection_dead(Dbc& dbc) { return uint_attr(dbc, SQL_ATTR_CONNECTION_DEAD); }

}  // namespace

TEST_CASE("proxy reset while idle: the next statement reconnects before sending (4a)",
          "[integration][resilience][proxy-faults]") {
  const bool autocommit = GENERATE(true, false);
  INFO("autocommit " << (autocommit ? "on" : "off"));
  ProxyFixture f;
  if (!autocommit) set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  CHECK(std::to_string(f.connection_id()) == before);
  // Manual commit with nothing open since the last commit: replayable.
  if (!autocommit) ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(replayable(f.dbc) == SQL_TRUE);

  f.proxy.reset_all();
  REQUIRE(f.proxy.connection_count() == 0);
  const std::uint64_t sent_before = f.proxy.bytes_client_to_server();

  // Succeeds, with no diagnostic at all (in particular no 40003): nothing was lost.
  const SQLRETURN rc = st.exec("SELECT CONNECTION_ID()");
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char buffer[64] = {0};
  SQLLEN ind = 0;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind)));
  SQLFreeStmt(st.h, SQL_CLOSE);
  const std::string after = buffer;

  CHECK(after != before);
  CHECK(std::to_string(f.connection_id()) == after);
  CHECK(dead_sockets(f.dbc) == 1);
  CHECK(reconnects(f.dbc) == 1);
  CHECK(pings(f.dbc) == 0);
  CHECK(f.proxy.total_accepted() == 2);  // exactly one new connection
  CHECK(f.proxy.bytes_client_to_server() > sent_before);
  CHECK(st.scalar("SELECT @@autocommit") == (autocommit ? "1" : "0"));
  CHECK(reconnects(f.dbc) == 1);
}

TEST_CASE("SQL_ATTR_CONNECTION_DEAD answers from the socket, without a round trip",
          "[integration][resilience][proxy-faults]") {
  ProxyFixture f;
  Stmt st(f.dbc);
  CHECK(st.scalar("SELECT 1") == "1");
  const std::uint64_t sent = f.proxy.bytes_client_to_server();
  const std::uint64_t received = f.proxy.bytes_server_to_client();
  CHECK(connection_dead(f.dbc) == SQL_CD_FALSE);
  CHECK(connection_dead(f.dbc) == SQL_CD_FALSE);
  f.proxy.reset_all();
  CHECK(connection_dead(f.dbc) == SQL_CD_TRUE);
  // Neither answer talked to the server, and none reconnected behind the caller's back.
  CHECK(f.proxy.bytes_client_to_server() == sent);
  CHECK(f.proxy.bytes_server_to_client() == received);
  CHECK(f.proxy.total_accepted() == 1);
  CHECK(reconnects(f.dbc) == 0);
  // The next statement recovers (rule 3), and the attribute says so.
  CHECK(st.scalar("SELECT 2") == "2");
  CHECK(reconnects(f.dbc) == 1);
  CHECK(connection_dead(f.dbc) == SQL_CD_FALSE);
}

TEST_CASE("a flow dropped while idle is found by the idle ping within its deadline (4b)",
          "[integration][resilience][proxy-faults]") {
  constexpr int kConnectTimeout = 2;
  ProxyFixture f("PING_IDLE=1;CONNECT_TIMEOUT=" + std::to_string(kConnectTimeout) + ";RECONNECT_TRIES=2");
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  CHECK(pings(f.dbc) == 0);

  SECTION("only the current flow is dropped: a new connection recovers") {
    f.proxy.set_black_hole(true, FaultScope::current);
    sleep_ms(1100);  // past PING_IDLE
    // The socket shows nothing (the flow is silent, not closed).
    CHECK(connection_dead(f.dbc) == SQL_CD_FALSE);
    const auto start = Clock::now();
    const std::string after = st.scalar("SELECT CONNECTION_ID()");
    const double took = seconds_since(start);
    INFO("the statement took " << took << " s");
    CHECK(took >= kConnectTimeout - 0.1);       // the ping waited for its deadline
    CHECK(took < 2.0 * kConnectTimeout + 1.0);  // the ping's deadline, then one connect
    CHECK(after != before);
    CHECK(pings(f.dbc) == 1);
    CHECK(reconnects(f.dbc) == 1);
    CHECK(dead_sockets(f.dbc) == 0);
    CHECK(f.proxy.total_accepted() == 2);
  }
  SECTION("everything is dropped, new connections too: 08S01 within the bound, never a hang") {
    f.proxy.set_black_hole(true, FaultScope::current_and_new);
    sleep_ms(1100);
    const auto start = Clock::now();
    const auto records = expect_error(st, "SELECT CONNECTION_ID()");
    const double took = seconds_since(start);
    INFO("the statement took " << took << " s");
    check_never_sent(records);
    // The ping's deadline plus RECONNECT_TRIES connects of CONNECT_TIMEOUT each, with backoff.
    CHECK(took >= kConnectTimeout - 0.1);
    CHECK(took < kConnectTimeout * (1 + 2) + 1.5);
    CHECK(pings(f.dbc) == 1);
    CHECK(reconnects(f.dbc) == 0);
    CHECK(f.proxy.total_accepted() == 1 + 2);  // one connect per try
    // The network comes back: the handle is still usable.
    f.proxy.clear_faults();
    CHECK(st.scalar("SELECT CONNECTION_ID()") != before);
    CHECK(reconnects(f.dbc) == 1);
  }
}

TEST_CASE("a reply lost after an INSERT was sent: 08S01 + 40003, never run twice (6)",
          "[integration][resilience][proxy-faults]") {
  const std::string retry_reads = GENERATE(as<std::string>{}, "0", "1");
  INFO("RETRY_READS=" << retry_reads);
  ProxyFixture f("RETRY_READS=" + retry_reads);
  WriteTable table(f.admin);
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  const int id = unique_id();

  f.proxy.drop_replies_after_next_request();
  check_outcome_unknown(expect_error(st, table.insert(id)));
  CHECK(last_loss_native(f.dbc) != 0);
  // The server ran it once (the proxy dropped its answer); the driver did not resend it.
  CHECK(table.rows_with(id) == "1");
  CHECK(reconnects(f.dbc) == 0);
  CHECK(f.proxy.total_accepted() == 1);

  // The handle stays usable: the next statement reconnects (rule 3) and works.
  const std::string after = st.scalar("SELECT CONNECTION_ID()");
  CHECK(after != before);
  CHECK(reconnects(f.dbc) == 1);
  st.run(table.insert(id + 1));
  CHECK(table.rows_with(id) == "1");
  CHECK(table.rows_with(id + 1) == "1");
}

TEST_CASE("a reply lost after a SELECT: retried once under RETRY_READS=1, 08S01 + 40003 otherwise (6r)",
          "[integration][resilience][proxy-faults]") {
  SECTION("RETRY_READS=1: the read is sent again on a new connection") {
    ProxyFixture f("RETRY_READS=1");
    Stmt st(f.dbc);
    const std::string before = st.scalar("SELECT CONNECTION_ID()");
    f.proxy.drop_replies_after_next_request();
    const SQLRETURN rc = st.exec("SELECT 40 + 2, CONNECTION_ID()");
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    SQLINTEGER answer = 0, id = 0;
    SQLLEN ind = 0;
    REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_SLONG, &answer, 0, &ind)));
    REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 2, SQL_C_SLONG, &id, 0, &ind)));
    CHECK(SQLFetch(st.h) == SQL_NO_DATA);
    SQLFreeStmt(st.h, SQL_CLOSE);
    CHECK(answer == 42);
    CHECK(std::to_string(id) != before);  // answered by the new connection
    CHECK(static_cast<SQLUINTEGER>(id) == f.connection_id());
    CHECK(reconnects(f.dbc) == 1);
    CHECK(f.proxy.total_accepted() == 2);
    CHECK(f.proxy.bytes_discarded() > 0);  // the first answer really was lost
  }
  SECTION("RETRY_READS=1: a read that cannot be retried (the reconnect is refused) is 08S01 + 40003") {
    constexpr int kTries = 2;
    ProxyFixture f("RETRY_READS=1;RECONNECT_TRIES=" + std::to_string(kTries));
    Stmt st(f.dbc);
    CHECK(st.scalar("SELECT 1") == "1");
    f.proxy.drop_replies_after_next_request();
    f.proxy.set_refuse_new(true);
    // The SELECT went out and its answer was lost: its outcome is unknown, as for any
    // statement, when the retry does not happen.
    check_outcome_unknown(expect_error(st, "SELECT 40 + 2"));
    CHECK(f.proxy.total_refused() == static_cast<std::uint64_t>(kTries));
    CHECK(reconnects(f.dbc) == 0);
    f.proxy.set_refuse_new(false);
    CHECK(st.scalar("SELECT 40 + 2") == "42");
    CHECK(reconnects(f.dbc) == 1);
  }
  SECTION("RETRY_READS=1: a read in a session the driver cannot rebuild is not retried: 08S01 + 40003") {
    ProxyFixture f("RETRY_READS=1");
    Stmt st(f.dbc);
    st.run("CREATE TEMPORARY TABLE res_proxy_tmp (id INT)");  // a new session would not have it
    st.run("INSERT INTO res_proxy_tmp VALUES (1)");
    CHECK(replayable(f.dbc) == SQL_FALSE);
    f.proxy.drop_replies_after_next_request();
    // A plain read (retried when the session allows it), but not in this session.
    check_outcome_unknown(expect_error(st, "SELECT COUNT(*) FROM res_proxy_tmp"));
    CHECK(f.proxy.total_accepted() == 1);  // no retry on a session without the table
    CHECK(reconnects(f.dbc) == 0);
    // The next call reconnects (rule 3): a new session, without the temporary table.
    CHECK(state_of(expect_error(st, "SELECT COUNT(*) FROM res_proxy_tmp")) == "42S02");
    CHECK(reconnects(f.dbc) == 1);
  }
  SECTION("RETRY_READS=0: the read's outcome is reported unknown, then the handle recovers") {
    ProxyFixture f("RETRY_READS=0");
    Stmt st(f.dbc);
    const std::string before = st.scalar("SELECT CONNECTION_ID()");
    f.proxy.drop_replies_after_next_request();
    check_outcome_unknown(expect_error(st, "SELECT 40 + 2"));
    CHECK(reconnects(f.dbc) == 0);
    CHECK(st.scalar("SELECT 40 + 2") == "42");
    CHECK(reconnects(f.dbc) == 1);
    CHECK(server_connection_id(f.dbc) != before);
  }
}

TEST_CASE("a refused reconnect is 08S01 after RECONNECT_TRIES attempts, then recovers (11b)",
          "[integration][resilience][proxy-faults]") {
  constexpr int kTries = 3;
  ProxyFixture f("RECONNECT_TRIES=" + std::to_string(kTries) + ";CONNECT_TIMEOUT=2");
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  f.proxy.reset_all();
  f.proxy.set_refuse_new(true);
  const auto start = Clock::now();
  const auto records = expect_error(st, "SELECT 1");
  const double took = seconds_since(start);
  INFO("the statement took " << took << " s");
  check_never_sent(records);
  CHECK(f.proxy.total_refused() == static_cast<std::uint64_t>(kTries));  // bounded by RECONNECT_TRIES
  CHECK(took < 3.0);  // refusals are immediate; only the backoff between tries waits
  CHECK(reconnects(f.dbc) == 0);
  CHECK(dead_sockets(f.dbc) == 1);
  // No link now: the attribute says so, without trying to reconnect behind the caller's back.
  CHECK(connection_dead(f.dbc) == SQL_CD_TRUE);
  CHECK(f.proxy.total_accepted() == 1 + static_cast<std::uint64_t>(kTries));

  f.proxy.set_refuse_new(false);
  CHECK(st.scalar("SELECT 1") == "1");
  CHECK(reconnects(f.dbc) == 1);
  CHECK(server_connection_id(f.dbc) != before);
  CHECK(f.proxy.total_refused() == static_cast<std::uint64_t>(kTries));
}
