// Two causes of the "server has gone away" list that come from the application itself:
// a child process created by fork() using its parent's connection, and a connection used
// after the application closed it.
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "driver_lib.h"
#include "resilience_test.h"

using namespace resilience_test;

namespace {

// What the forked child did, sent back through a pipe (no Catch2 in the child).
struct ChildReport {
  int rc = -1;
  char value[64] = {0};
  char message[512] = {0};
  char cause[64] = {0};
};

// In the child: runs `sql` on the inherited handle and reports. Never returns.
[[noreturn]] void child_run(SQLHSTMT h, const char* sql, int out_fd) {
  ChildReport r;
  r.rc = SQLExecDirect(h, (SQLCHAR*)sql, SQL_NTS);
  if (SQL_SUCCEEDED(r.rc)) {
    SQLLEN ind = 0;
    if (SQLFetch(h) == SQL_SUCCESS) SQLGetData(h, 1, SQL_C_CHAR, r.value, sizeof r.value, &ind);
    SQLFreeStmt(h, SQL_CLOSE);
    // A second statement works on the child's own connection too.
    if (!SQL_SUCCEEDED(SQLExecDirect(h, (SQLCHAR*)"SELECT 1", SQL_NTS))) r.rc = -2;
    SQLFreeStmt(h, SQL_CLOSE);
  } else {
    SQLCHAR state[6];
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    SQLGetDiagRec(SQL_HANDLE_STMT, h, 1, state, &native, (SQLCHAR*)r.message, sizeof r.message, &length);
    SQLGetDiagField(SQL_HANDLE_STMT, h, 1, HOLDFAST_DIAG_CAUSE, r.cause, sizeof r.cause, &length);
  }
  const ssize_t written = ::write(out_fd, &r, sizeof r);
  _exit(written == static_cast<ssize_t>(sizeof r) ? 0 : 3);  // no destructors, no atexit
}

ChildReport wait_child(pid_t pid, int in_fd) {
  ChildReport r;
  std::size_t got = 0;
  while (got < sizeof r) {
    const ssize_t n = ::read(in_fd, reinterpret_cast<char*>(&r) + got, sizeof r - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO("child exit status " << status);
  CHECK(got == sizeof r);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  return r;
}

}  // namespace

TEST_CASE("a forked child gets a connection of its own while the parent keeps working undisturbed",
          "[integration][loss-cause][fork]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc), child_st(dbc);
  const std::string parent_id = server_connection_id(dbc);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);

  SECTION("replayable: transparent in the child") {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(pipe_fds[0]);
      child_run(child_st.h, "SELECT CONNECTION_ID()", pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    // The parent works while the child does: neither corrupts the other's stream.
    for (int i = 0; i < 50; ++i) REQUIRE(st.scalar("SELECT " + std::to_string(i)) == std::to_string(i));
    const ChildReport r = wait_child(pid, pipe_fds[0]);
    ::close(pipe_fds[0]);
    INFO("child: rc " << r.rc << " value " << r.value << " message " << r.message);
    CHECK(r.rc == SQL_SUCCESS);
    CHECK(std::string(r.value) != parent_id);
    CHECK(std::string(r.value).size() > 0);
    // The parent's session is the one it had, and it never reconnected.
    CHECK(server_connection_id(dbc) == parent_id);
    CHECK(reconnects(dbc) == 0);
    CHECK(st.scalar("SELECT 'parent'") == "parent");
  }
  SECTION("inside a transaction: 08S01 naming the fork in the child, the parent's transaction intact") {
    st.run("CREATE TEMPORARY TABLE fork_t (n INT)");
    st.run("START TRANSACTION");
    st.run("INSERT INTO fork_t VALUES (1)");
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(pipe_fds[0]);
      child_run(child_st.h, "SELECT CONNECTION_ID()", pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    const ChildReport r = wait_child(pid, pipe_fds[0]);
    ::close(pipe_fds[0]);
    INFO("child: rc " << r.rc << " message " << r.message);
    CHECK(r.rc == SQL_ERROR);
    CHECK(std::string(r.cause) == "forked");
    CHECK(std::strstr(r.message, "created by fork()") != nullptr);
    // The parent's transaction and temporary table are still there.
    CHECK(st.scalar("SELECT COUNT(*) FROM fork_t") == "1");
    ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_COMMIT));
    CHECK(server_connection_id(dbc) == parent_id);
  }
}

TEST_CASE("use after SQLDisconnect: 08003 says the application closed the connection",
          "[integration][loss-cause]") {
  odbc_test::DriverLib lib = odbc_test::load_driver_lib();
  INFO(lib.error);
  REQUIRE(lib.error.empty());
  SQLHENV env = SQL_NULL_HENV;
  REQUIRE(lib.SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS);
  REQUIRE(lib.SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0) == SQL_SUCCESS);
  SQLHDBC dbc = SQL_NULL_HDBC;
  REQUIRE(lib.SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS);

  const auto message_of = [&](SQLHANDLE h) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR text[512] = {0};
    SQLSMALLINT length = 0;
    REQUIRE(lib.SQLGetDiagRec(SQL_HANDLE_DBC, h, 1, state, &native, text, sizeof text, &length) == SQL_SUCCESS);
    CHECK(std::string(reinterpret_cast<char*>(state)) == "08003");
    return std::string(reinterpret_cast<char*>(text));
  };
  const auto cause_of = [&](SQLHANDLE h) {
    char text[64] = {0};
    SQLSMALLINT length = 0;
    REQUIRE(SQL_SUCCEEDED(lib.SQLGetDiagField(SQL_HANDLE_DBC, h, 1, HOLDFAST_DIAG_CAUSE, text, sizeof text, &length)));
    return std::string(text);
  };

  // Never connected: says so, and names no cause.
  CHECK(lib.SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT) == SQL_ERROR);
  std::string text = message_of(dbc);
  CHECK(text.find("has not been connected yet") != std::string::npos);
  CHECK(cause_of(dbc).empty());

  const std::string cs = connection_string();
  REQUIRE(SQL_SUCCEEDED(lib.SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                             SQL_DRIVER_NOPROMPT)));
  REQUIRE(lib.SQLDisconnect(dbc) == SQL_SUCCESS);

  // Closed by the application: said so, not blamed on the server.
  CHECK(lib.SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT) == SQL_ERROR);
  text = message_of(dbc);
  INFO(text);
  CHECK(text.find("the application closed it with SQLDisconnect") != std::string::npos);
  CHECK(cause_of(dbc) == "closed_by_application");
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  CHECK(lib.SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt) == SQL_ERROR);
  CHECK(message_of(dbc).find("the application closed it") != std::string::npos);

  // Connected again: usable.
  REQUIRE(SQL_SUCCEEDED(lib.SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                             SQL_DRIVER_NOPROMPT)));
  CHECK(lib.SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT) == SQL_SUCCESS);
  lib.SQLDisconnect(dbc);
  lib.SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  lib.SQLFreeHandle(SQL_HANDLE_ENV, env);
}
