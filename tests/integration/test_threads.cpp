// Threads (issue 9): the driver's per-connection and per-statement locks under real
// concurrency, through unixODBC (its odbcinst.ini entry says Threading = 0: the driver
// manager adds no locks of its own). scripts/tsan.sh runs these under ThreadSanitizer.
//
// Catch2's assertions belong to the test thread: worker threads record what they saw and
// the test thread checks it after joining them.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "driver_lib.h"

using namespace odbc_test;

namespace {

// What the worker threads report.
class Findings {
 public:
  void fail(const std::string& what) {
    std::lock_guard<std::mutex> lock(mutex_);
    failures_.push_back(what);
  }
  std::vector<std::string> failures() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> failures_;
};

// The diagnostics of a handle as one line (no Catch2 here: called from workers).
std::string diag_line(SQLSMALLINT type, SQLHANDLE h) {
  std::string s;
  for (const auto& d : diagnostics(type, h)) s += d.sqlstate + " " + d.message + "; ";
  return s;
}

// Runs `sql` on `h` and returns the first column of the first row as text, or "" with a
// finding recorded. Closes the cursor.
std::string query_value(SQLHSTMT h, const std::string& sql, Findings& findings, const std::string& who) {
  SQLRETURN rc = SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS);
  if (!SQL_SUCCEEDED(rc)) {
    findings.fail(who + ": " + sql + ": " + diag_line(SQL_HANDLE_STMT, h));
    SQLFreeStmt(h, SQL_CLOSE);
    return "";
  }
  rc = SQLFetch(h);
  char buffer[256] = {0};
  SQLLEN ind = 0;
  if (rc != SQL_SUCCESS || !SQL_SUCCEEDED(SQLGetData(h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind))) {
    findings.fail(who + ": fetch " + sql + ": " + diag_line(SQL_HANDLE_STMT, h));
    SQLFreeStmt(h, SQL_CLOSE);
    return "";
  }
  SQLFreeStmt(h, SQL_CLOSE);
  return ind == SQL_NULL_DATA ? "<NULL>" : std::string(buffer);
}

// A statement with a bound parameter whose result depends on the thread and iteration.
void parameter_round(SQLHSTMT h, int thread, int i, Findings& findings, const std::string& who) {
  SQLINTEGER value = thread * 1000 + i;
  SQLLEN ind = 0;
  SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &value, 0, &ind);
  const std::string got = query_value(h, "SELECT ? * 2", findings, who);
  SQLFreeStmt(h, SQL_RESET_PARAMS);
  if (got != std::to_string(value * 2)) findings.fail(who + ": SELECT ? * 2 gave '" + got + "'");
}

}  // namespace

TEST_CASE("threads: several connections on several threads run statements at once", "[integration][threads]") {
  Env env;  // one environment shared by every thread, as an application has
  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  Findings findings;
  std::atomic<int> connected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string who = "thread " + std::to_string(t);
      SQLHDBC dbc = SQL_NULL_HDBC;
      if (SQLAllocHandle(SQL_HANDLE_DBC, env.h, &dbc) != SQL_SUCCESS) {
        findings.fail(who + ": SQLAllocHandle(DBC)");
        return;
      }
      const std::string cs = connection_string();
      if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                                          SQL_DRIVER_NOPROMPT))) {
        findings.fail(who + ": connect: " + diag_line(SQL_HANDLE_DBC, dbc));
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        return;
      }
      ++connected;
      SQLHSTMT st = SQL_NULL_HSTMT;
      SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
      const std::string table = "thr_t" + std::to_string(t);
      query_value(st, "SELECT 1", findings, who);
      SQLExecDirect(st, (SQLCHAR*)("CREATE TEMPORARY TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20))").c_str(),
                    SQL_NTS);
      for (int i = 0; i < kRounds; ++i) {
        parameter_round(st, t, i, findings, who);
        const std::string insert =
            "INSERT INTO " + table + " VALUES (" + std::to_string(i) + ", 'v" + std::to_string(t * 100 + i) + "')";
        if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR*)insert.c_str(), SQL_NTS)))
          findings.fail(who + ": " + insert + ": " + diag_line(SQL_HANDLE_STMT, st));
        SQLFreeStmt(st, SQL_CLOSE);
      }
      const std::string count = query_value(st, "SELECT COUNT(*) FROM " + table, findings, who);
      if (count != std::to_string(kRounds)) findings.fail(who + ": count " + count);
      const std::string last = query_value(st, "SELECT v FROM " + table + " ORDER BY id DESC LIMIT 1", findings, who);
      if (last != "v" + std::to_string(t * 100 + kRounds - 1)) findings.fail(who + ": last row " + last);
      SQLFreeHandle(SQL_HANDLE_STMT, st);
      SQLDisconnect(dbc);
      SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    });
  }
  for (auto& t : threads) t.join();
  CHECK(connected == kThreads);
  CHECK(findings.failures() == std::vector<std::string>{});
}

TEST_CASE("threads: SQLCancel from another thread stops a running SELECT SLEEP", "[integration][threads]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  std::atomic<bool> done{false};
  SQLRETURN rc = SQL_SUCCESS;
  std::string state;
  std::thread runner([&] {
    rc = st.exec("SELECT SLEEP(20)");
    if (SQL_SUCCEEDED(rc)) rc = SQLFetch(st.h);
    state = diagnostics(SQL_HANDLE_STMT, st.h).empty() ? "" : diagnostics(SQL_HANDLE_STMT, st.h).front().sqlstate;
    done = true;
  });
  // Cancel until the statement has ended: a cancel that arrives before the statement
  // reached the server finds nothing to stop, the next one stops it. 200 tries bound it.
  int cancels = 0;
  for (; cancels < 200 && !done; ++cancels) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!done) SQLCancel(st.h);
  }
  runner.join();
  CHECK(rc == SQL_ERROR);
  CHECK(state == "HY008");
  SQLFreeStmt(st.h, SQL_CLOSE);
  CHECK(st.scalar("SELECT 'usable after the cancel'") == "usable after the cancel");
}

TEST_CASE("threads: two statements of one connection used from two threads", "[integration][threads]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Findings findings;
  Stmt a(dbc), b(dbc);
  auto work = [&](SQLHSTMT h, int t) {
    const std::string who = "statement " + std::to_string(t);
    for (int i = 0; i < 60; ++i) {
      parameter_round(h, t, i, findings, who);
      const std::string expected = std::to_string(t) + "-" + std::to_string(i);
      const std::string got = query_value(h, "SELECT CONCAT(" + std::to_string(t) + ", '-', " + std::to_string(i) + ")",
                                          findings, who);
      if (got != expected) findings.fail(who + ": got '" + got + "' for '" + expected + "'");
    }
  };
  std::thread first(work, a.h, 1);
  std::thread second(work, b.h, 2);
  first.join();
  second.join();
  CHECK(findings.failures() == std::vector<std::string>{});
}

// The next two call the driver directly (driver_lib.h): with Threading = 0 unixODBC keeps
// per-handle state of its own without locks, so two threads on one handle would race in the
// manager; what is tested here is the driver's own serialization.

TEST_CASE("threads: one statement handle shared by two threads stays consistent", "[integration][threads]") {
  // Calls on one handle from two threads are serialized by its lock: each call sees the
  // handle in a state another call left it in. An interleaving may put one thread's
  // SQLExecDirect between the other's execute and fetch (24000 for the open cursor, or a
  // fetch of the other thread's result, or a fetch with no cursor: HY010); nothing may
  // crash, and no other state may appear.
  const DriverLib& lib = driver();  // loaded here: driver() uses Catch2
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  Findings findings;
  std::atomic<int> completed{0};
  auto state_of = [&](SQLHSTMT h) {
    SQLCHAR state[6] = {0};
    SQLCHAR message[512];
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    lib.SQLGetDiagRec(SQL_HANDLE_STMT, h, 1, state, &native, message, sizeof message, &length);
    return std::string(reinterpret_cast<char*>(state));
  };
  auto work = [&](int t) {
    for (int i = 0; i < 60; ++i) {
      const std::string sql = "SELECT " + std::to_string(t * 1000 + i);
      const SQLRETURN rc = lib.SQLExecDirect(st.h, (SQLCHAR*)sql.c_str(), SQL_NTS);
      if (!SQL_SUCCEEDED(rc)) {
        const std::string state = state_of(st.h);
        // The diagnostics may already be the other thread's (a later call cleared them).
        if (state != "24000" && state != "HY010" && !state.empty()) findings.fail("exec: " + state);
        continue;
      }
      char buffer[64];
      SQLLEN ind = 0;
      const SQLRETURN f = lib.SQLFetch(st.h);
      if (f == SQL_SUCCESS) {
        const SQLRETURN g = lib.SQLGetData(st.h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind);
        if (g == SQL_SUCCESS) {
          const int value = std::atoi(buffer);  // this thread's value or the other's
          if (value % 1000 >= 60 || (value / 1000 != 1 && value / 1000 != 2))
            findings.fail(std::string("fetched '") + buffer + "'");
        }
      } else if (f == SQL_ERROR) {
        const std::string state = state_of(st.h);
        if (state != "24000" && state != "HY010" && !state.empty()) findings.fail("fetch: " + state);
      }
      lib.SQLFreeStmt(st.h, SQL_CLOSE);
      ++completed;
    }
  };
  std::thread first(work, 1);
  std::thread second(work, 2);
  first.join();
  second.join();
  CHECK(findings.failures() == std::vector<std::string>{});
  CHECK(completed > 0);
  lib.SQLFreeStmt(st.h, SQL_CLOSE);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 7")));
  CHECK(lib.SQLFetch(st.h) == SQL_SUCCESS);
}

TEST_CASE("threads: SQLGetDiagRec and attribute reads while another thread works", "[integration][threads]") {
  const DriverLib& lib = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  Findings findings;
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0};
  std::thread worker([&] {
    for (int i = 0; i < 80; ++i) {
      // Alternate an error (diagnostic records appear) and a success (records cleared).
      const std::string sql = i % 2 ? "SELECT * FROM no_such_table_thr" : "SELECT " + std::to_string(i);
      const SQLRETURN rc = lib.SQLExecDirect(st.h, (SQLCHAR*)sql.c_str(), SQL_NTS);
      if (i % 2 && rc != SQL_ERROR) findings.fail("the bad SELECT did not fail");
      if (!(i % 2) && !SQL_SUCCEEDED(rc)) findings.fail("SELECT " + std::to_string(i) + " failed");
      lib.SQLFreeStmt(st.h, SQL_CLOSE);
    }
    stop = true;
  });
  while (!stop) {
    SQLCHAR state[6] = {0};
    SQLCHAR message[512];
    SQLINTEGER native = 0;
    SQLSMALLINT length = 0;
    const SQLRETURN rc = lib.SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, state, &native, message, sizeof message, &length);
    if (rc == SQL_SUCCESS) {
      const std::string s(reinterpret_cast<char*>(state));
      // Only the worker's own records: the missing table (42S02), never a torn record.
      if (s != "42S02") findings.fail("record state '" + s + "'");
      if (length <= 0 || static_cast<std::size_t>(length) != std::strlen(reinterpret_cast<char*>(message)))
        findings.fail("record length " + std::to_string(length));
    } else if (rc != SQL_NO_DATA) {
      findings.fail("SQLGetDiagRec -> " + std::to_string(rc));
    }
    SQLINTEGER count = -1;
    if (lib.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &count, 0, nullptr) != SQL_SUCCESS ||
        count < 0 || count > 2)
      findings.fail("SQL_DIAG_NUMBER " + std::to_string(count));
    SQLUINTEGER autocommit = 0;
    if (lib.SQLGetConnectAttr(dbc.h, SQL_ATTR_AUTOCOMMIT, &autocommit, 0, nullptr) != SQL_SUCCESS ||
        autocommit != SQL_AUTOCOMMIT_ON)
      findings.fail("SQL_ATTR_AUTOCOMMIT");
    ++reads;
  }
  worker.join();
  CHECK(findings.failures() == std::vector<std::string>{});
  CHECK(reads > 0);
}
