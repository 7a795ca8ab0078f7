// Resilience, idle connections (RESILIENCE.md rules 2 and 3): the server closes a
// connection idle past wait_timeout; the driver notices before sending and reconnects.
// wait_timeout is set through INITSTMT, which the driver replays after each reconnect
// (set with SQL by the application it would be state the driver cannot rebuild).
#include "resilience_test.h"

using namespace resilience_test;

namespace {

const char* const kShortWaitTimeout = "INITSTMT={SET SESSION wait_timeout=2};";

struct Fixture {
  Env env;
  Dbc dbc{env};
  explicit Fixture(const std::string& extra) { dbc.connect(connection_string(extra)); }
};

}  // namespace

TEST_CASE("a connection idle past wait_timeout is reconnected before the next statement",
          "[integration][resilience]") {
  const bool autocommit = GENERATE(true, false);
  INFO("autocommit " << (autocommit ? "on" : "off"));
  Fixture f(std::string(kShortWaitTimeout) + "PING_IDLE=1");
  if (!autocommit) set_autocommit(f.dbc, false);
  Stmt st(f.dbc);
  CHECK(st.scalar("SELECT @@wait_timeout") == "2");
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  if (!autocommit) ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT));
  CHECK(reconnects(f.dbc) == 0);
  sleep_ms(3500);
  CHECK(st.scalar("SELECT 40 + 2") == "42");
  CHECK(reconnects(f.dbc) == 1);
  const std::string after = st.scalar("SELECT CONNECTION_ID()");
  CHECK(after != before);
  CHECK(std::to_string(uint_attr(f.dbc, HOLDFAST_ATTR_CONNECTION_ID)) == after);
  // INITSTMT ran again on the new session.
  CHECK(st.scalar("SELECT @@wait_timeout") == "2");
  CHECK(st.scalar("SELECT @@autocommit") == (autocommit ? "1" : "0"));
}

TEST_CASE("with PING_IDLE=-1 a connection closed by wait_timeout is seen on its socket, without a ping",
          "[integration][resilience]") {
  Fixture f(std::string(kShortWaitTimeout) + "PING_IDLE=-1");
  Stmt st(f.dbc);
  const std::string before = st.scalar("SELECT CONNECTION_ID()");
  sleep_ms(3500);
  CHECK(st.scalar("SELECT 40 + 2") == "42");
  CHECK(dead_sockets(f.dbc) == 1);
  CHECK(pings(f.dbc) == 0);
  CHECK(reconnects(f.dbc) == 1);
  CHECK(st.scalar("SELECT CONNECTION_ID()") != before);
}

TEST_CASE("a healthy connection is pinged after PING_IDLE seconds of idleness, a busy one never",
          "[integration][resilience]") {
  SECTION("idle past PING_IDLE: one ping, no reconnect") {
    Fixture f("PING_IDLE=1");
    Stmt st(f.dbc);
    const std::string before = st.scalar("SELECT CONNECTION_ID()");
    CHECK(pings(f.dbc) == 0);
    sleep_ms(1200);
    CHECK(st.scalar("SELECT CONNECTION_ID()") == before);
    CHECK(pings(f.dbc) == 1);
    CHECK(reconnects(f.dbc) == 0);
    CHECK(dead_sockets(f.dbc) == 0);
  }
  SECTION("busy: no ping at all") {
    Fixture f("PING_IDLE=600");
    Stmt st(f.dbc);
    for (int i = 0; i < 50; ++i) CHECK(st.scalar("SELECT " + std::to_string(i)) == std::to_string(i));
    CHECK(pings(f.dbc) == 0);
    CHECK(reconnects(f.dbc) == 0);
  }
}
