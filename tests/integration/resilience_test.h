// Helpers for the resilience integration tests (RESILIENCE.md): real faults made against
// the test server (KILL CONNECTION from a second connection, wait_timeout expiry), and
// the driver's resilience counters read through its driver-specific attributes.
#pragma once

#include <holdfast/holdfast.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "odbc_test.h"

namespace resilience_test {

using namespace odbc_test;

// Keywords every resilience test starts from: the idle ping far away, so that what a test
// observes comes from the fault it makes and not from a ping. Tests add their own keywords.
inline std::string resilient_connection_string(const std::string& extra = "") {
  return connection_string("PING_IDLE=600;" + extra);
}

// A driver-specific (or standard) SQLUINTEGER connection attribute.
inline SQLUINTEGER uint_attr(Dbc& dbc, SQLINTEGER attribute) {
  SQLUINTEGER value = 0xDEADBEEF;
  SQLINTEGER length = 0;
  const SQLRETURN rc = SQLGetConnectAttr(dbc.h, attribute, &value, sizeof value, &length);
  INFO("SQLGetConnectAttr(" << attribute << ") -> " << rc << "\n" << describe(SQL_HANDLE_DBC, dbc.h));
  REQUIRE(SQL_SUCCEEDED(rc));
  return value;
}

inline SQLUINTEGER reconnects(Dbc& dbc) { return uint_attr(dbc, HOLDFAST_ATTR_RECONNECT_COUNT); }
inline SQLUINTEGER pings(Dbc& dbc) { return uint_attr(dbc, HOLDFAST_ATTR_PING_COUNT); }
inline SQLUINTEGER dead_sockets(Dbc& dbc) { return uint_attr(dbc, HOLDFAST_ATTR_DEAD_SOCKET_COUNT); }
inline SQLUINTEGER replayable(Dbc& dbc) { return uint_attr(dbc, HOLDFAST_ATTR_REPLAYABLE); }
inline SQLUINTEGER last_loss_native(Dbc& dbc) { return uint_attr(dbc, HOLDFAST_ATTR_LAST_LOSS_NATIVE); }

// The server's id for the connection, asked with SQL (a round trip).
inline std::string server_connection_id(Dbc& dbc) {
  Stmt st(dbc);
  return st.scalar("SELECT CONNECTION_ID()");
}

inline void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// KILL CONNECTION `id` from `admin`, then wait until the server has finished with the
// thread (it leaves the process list after closing the socket) plus a margin, so the
// FIN and the farewell error packet have reached the victim's socket.
inline void kill_connection(Dbc& admin, const std::string& id) {
  Stmt st(admin);
  st.run("KILL CONNECTION " + id);
  for (int i = 0; i < 100; ++i) {
    if (st.scalar("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id) == "0") break;
    sleep_ms(20);
  }
  sleep_ms(150);
}

// Runs `sql`, expecting SQL_ERROR; returns the diagnostic records and closes the cursor.
inline std::vector<DiagRecordText> expect_error(Stmt& st, const std::string& sql) {
  const SQLRETURN rc = st.exec(sql);
  std::vector<DiagRecordText> records = diagnostics(SQL_HANDLE_STMT, st.h);
  INFO(sql.substr(0, 200) << " -> " << rc << "\n" << describe(SQL_HANDLE_STMT, st.h));
  CHECK(rc == SQL_ERROR);
  SQLFreeStmt(st.h, SQL_CLOSE);
  return records;
}

inline std::string state_of(const std::vector<DiagRecordText>& records) {
  return records.empty() ? std::string() : records.front().sqlstate;
}

inline std::string describe_records(const std::vector<DiagRecordText>& records) {
  std::string s;
  for (const auto& d : records) s += d.sqlstate + " (" + std::to_string(d.native) + ") " + d.message + "\n";
  return s;
}

// A connection-loss diagnostic as rule 1 wants it: 08S01, a native code, a message.
inline void check_link_failure(const std::vector<DiagRecordText>& records) {
  INFO(describe_records(records));
  REQUIRE(!records.empty());
  CHECK(records.front().sqlstate == "08S01");
  CHECK(records.front().native != 0);
  CHECK(!records.front().message.empty());
}

inline void set_autocommit(Dbc& dbc, bool on) {
  ODBC_OK(SQL_HANDLE_DBC, dbc.h,
          SQLSetConnectAttr(dbc.h, SQL_ATTR_AUTOCOMMIT,
                            reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF)),
                            0));
}

// The connection to make faults from: to the shared test server, or to the server that
// `cs` names (a test's own server).
struct Admin {
  Env env;
  Dbc dbc{env};
  Admin() { dbc.connect(connection_string()); }
  explicit Admin(const std::string& cs) { dbc.connect(cs); }
  std::string scalar(const std::string& sql) {
    Stmt st(dbc);
    return st.scalar(sql);
  }
  void run(const std::string& sql) {
    Stmt st(dbc);
    st.run(sql);
  }
  void kill(const std::string& id) { kill_connection(dbc, id); }
};

}  // namespace resilience_test
