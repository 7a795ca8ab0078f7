// Failover between the hosts of SERVER (RESILIENCE.md rules 3 and 6; contract test 12),
// with two servers of the test's own, A and B: a replayable session on A moves to B when A
// stops, without the application seeing it; a connect skips a stopped A; with both down,
// the connect fails with 08001 naming both hosts, within CONNECT_TIMEOUT per host.
#include "resilience_test.h"
#include "server_instance.h"

using namespace resilience_test;
using server_instance::extra_port;
using server_instance::ServerInstance;
using Clock = std::chrono::steady_clock;

TEST_CASE("SERVER=A,B: a session fails over to B when A stops, connects skip A, and both down is 08001",
          "[integration][resilience][failover]") {
  ServerInstance a(extra_port(2)), b(extra_port(3));
  a.start();
  b.start();
  const std::string port_a = std::to_string(a.port()), port_b = std::to_string(b.port());
  constexpr int kConnectTimeout = 2;
  const std::string cs =
      connection_string("SERVER=" + a.endpoint() + "," + b.endpoint() +
                        ";UID=holdfast;PWD=holdfast;DATABASE=holdfast_test;PING_IDLE=600;RECONNECT_TRIES=3;"
                        "CONNECT_TIMEOUT=" + std::to_string(kConnectTimeout));
  INFO(cs);

  Env env;
  Dbc dbc{env};
  dbc.connect(cs);
  Stmt st(dbc);
  REQUIRE(st.scalar("SELECT @@port") == port_a);
  CHECK(replayable(dbc) == SQL_TRUE);

  a.stop();

  // Transparent: the statement runs on B, in the same database.
  CHECK(st.scalar("SELECT @@port") == port_b);
  CHECK(reconnects(dbc) == 1);
  CHECK(st.scalar("SELECT DATABASE()") == "holdfast_test");
  CHECK(st.scalar("SELECT @@autocommit") == "1");
  CHECK(std::to_string(uint_attr(dbc, HOLDFAST_ATTR_CONNECTION_ID)) == st.scalar("SELECT CONNECTION_ID()"));
  CHECK(reconnects(dbc) == 1);

  // A is down from the start: the connect goes to B.
  {
    Dbc second{env};
    second.connect(cs);
    Stmt s2(second);
    CHECK(s2.scalar("SELECT @@port") == port_b);
    CHECK(reconnects(second) == 0);
  }

  b.stop();

  // Both down: 08001 naming both hosts, within CONNECT_TIMEOUT for each of them.
  {
    Dbc third{env};
    const auto started = Clock::now();
    const SQLRETURN rc = third.try_connect(cs);
    const double took = std::chrono::duration<double>(Clock::now() - started).count();
    const std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_DBC, third.h);
    INFO("connect with both hosts down: rc " << rc << " after " << took << " s\n" << describe_records(records));
    REQUIRE(rc == SQL_ERROR);
    REQUIRE(!records.empty());
    CHECK(records.front().sqlstate == "08001");
    CHECK(records.front().native != 0);
    CHECK(records.front().message.find(a.endpoint()) != std::string::npos);
    CHECK(records.front().message.find(b.endpoint()) != std::string::npos);
    CHECK(took < 2.0 * kConnectTimeout);
  }

  // The connected handle, with both hosts down, reports the loss instead of hanging:
  // RECONNECT_TRIES=3 rounds over two refusing hosts plus 0.1 + 0.2 s of backoff.
  const auto started = Clock::now();
  const std::vector<DiagRecordText> records = expect_error(st, "SELECT 1");
  const double took = std::chrono::duration<double>(Clock::now() - started).count();
  INFO("statement with both hosts down after " << took << " s");
  check_link_failure(records);
  CHECK(took < 3.0 * 2 * kConnectTimeout + 0.3);
}
