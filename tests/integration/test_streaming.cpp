// Streamed results (forward-only cursors by default): rows come from the wire as they are
// fetched, in bounded memory; another use of the connection first reads the rest of the
// streaming result into memory (no "commands out of sync", no lost rows); a link lost
// mid-stream is 08S01, never a hang and never a silent end; BUFFER_RESULTS=1 stores.
#include <unistd.h>

#include <fstream>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

// Resident set size of this process, from /proc/self/statm.
long long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

constexpr long long kMiB = 1024 * 1024;

SQLLEN row_count(Stmt& st) {
  SQLLEN n = -2;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLRowCount(st.h, &n));
  return n;
}

SQLLEN cursor_row_count(Stmt& st) {
  SQLLEN n = -2;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_CURSOR_ROW_COUNT, &n, 0, nullptr));
  return n;
}

// A cursor over `SELECT seq FROM seq_1_to_<n>` with the one column bound.
struct SeqCursor {
  Stmt st;
  SQLBIGINT value = 0;
  SQLLEN ind = 0;
  long long next_expected = 1;
  SeqCursor(Dbc& dbc, long long n) : st(dbc) {
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_" + std::to_string(n)));
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 1, SQL_C_SBIGINT, &value, 0, &ind));
  }
  // Fetches up to `count` rows, checking they come in order; returns how many came.
  long long fetch(long long count) {
    long long got = 0;
    while (got < count) {
      const SQLRETURN rc = SQLFetch(st.h);
      if (rc == SQL_NO_DATA) break;
      INFO(describe(SQL_HANDLE_STMT, st.h));
      REQUIRE(rc == SQL_SUCCESS);
      if (value != next_expected) REQUIRE(value == next_expected);  // one check per row, quiet when right
      ++next_expected;
      ++got;
    }
    return got;
  }
};

}  // namespace

TEST_CASE("a 200k-row forward-only result streams in bounded memory, and BUFFER_RESULTS=1 stores it",
          "[integration][streaming]") {
  const std::string sql = "SELECT seq, REPEAT('x', 400) FROM seq_1_to_200000";
  char text[512];
  SQLLEN ind = 0;
  SQLBIGINT seq = 0;
  SQLLEN seq_ind = 0;
  {
    Env env;
    Dbc dbc(env);
    dbc.connect();
    Stmt st(dbc);
    const long long before = rss_bytes();
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    CHECK(row_count(st) == -1);  // not known while the rows stream
    CHECK(cursor_row_count(st) == -1);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 1, SQL_C_SBIGINT, &seq, 0, &seq_ind));
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind));
    long long rows = 0, peak = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(st.h)) == SQL_SUCCESS) {
      ++rows;
      if (seq != rows) REQUIRE(seq == rows);
      if (rows % 20000 == 0) peak = std::max(peak, rss_bytes() - before);
    }
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_NO_DATA);
    CHECK(rows == 200000);
    CHECK(ind == 400);
    // 200k rows of ~410 bytes are over 80 MiB as one buffer; streamed, growth stays small.
    INFO("peak RSS growth while streaming: " << peak / kMiB << " MiB");
    CHECK(peak < 16 * kMiB);
    CHECK(row_count(st) == 200000);  // known at the end
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_CLOSE));
  }
  {
    // The opposite switch, measured second so that the first part ran in a small process.
    Env env;
    Dbc dbc(env);
    dbc.connect(connection_string("BUFFER_RESULTS=1"));
    Stmt st(dbc);
    const long long before = rss_bytes();
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    const long long grown = rss_bytes() - before;
    INFO("RSS growth after a buffered execute: " << grown / kMiB << " MiB");
    CHECK(grown > 32 * kMiB);
    CHECK(row_count(st) == 200000);  // known up front
    CHECK(cursor_row_count(st) == 200000);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_CLOSE));
  }
}

TEST_CASE("a second statement mid-stream on the same connection: every row of both arrives",
          "[integration][streaming]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  const std::string id = server_connection_id(dbc);
  SeqCursor a(dbc, 50000);
  REQUIRE(a.fetch(100) == 100);
  SECTION("another query, streamed too, read while the first waits") {
    SeqCursor b(dbc, 30000);  // sets the first one's rows aside
    REQUIRE(b.fetch(10) == 10);
    // The current row of the first statement survives being set aside.
    SQLBIGINT current = 0;
    ODBC_OK(SQL_HANDLE_STMT, a.st.h, SQLGetData(a.st.h, 1, SQL_C_SBIGINT, &current, 0, nullptr));
    CHECK(current == 100);
    CHECK(a.fetch(1000) == 1000);  // from its buffer, while b still streams
    Stmt c(dbc);
    CHECK(c.scalar("SELECT COUNT(*) FROM seq_1_to_777") == "777");  // sets b aside
    CHECK(b.fetch(100000) == 29990);
    CHECK(a.fetch(100000) == 50000 - 1100);
    CHECK(row_count(a.st) == 50000);
    CHECK(row_count(b.st) == 30000);
  }
  SECTION("a commit, an attribute change and a catalog call") {
    set_autocommit(dbc, false);
    CHECK(a.fetch(100) == 100);
    ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_COMMIT));
    Stmt cat(dbc);
    ODBC_OK(SQL_HANDLE_STMT, cat.h, SQLTables(cat.h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0));
    while (SQL_SUCCEEDED(SQLFetch(cat.h))) {
    }
    set_autocommit(dbc, true);
    CHECK(a.fetch(100000) == 50000 - 200);
  }
  SECTION("closing the stream early leaves the connection clean") {
    ODBC_OK(SQL_HANDLE_STMT, a.st.h, SQLCloseCursor(a.st.h));
    Stmt c(dbc);
    CHECK(c.scalar("SELECT 42") == "42");
    {
      // Freeing a statement mid-stream, without closing its cursor first.
      SeqCursor d(dbc, 100000);
      CHECK(d.fetch(10) == 10);
    }
    CHECK(c.scalar("SELECT 43") == "43");
  }
  // Nothing of this was a loss: the same server session throughout.
  CHECK(server_connection_id(dbc) == id);
  CHECK(reconnects(dbc) == 0);
  CHECK(pings(dbc) == 0);
}

TEST_CASE("a streaming connection is busy, not dead, and the idle ping waits for the stream to end",
          "[integration][streaming]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("PING_IDLE=0"));  // a ping before every send
  SeqCursor a(dbc, 200000);
  REQUIRE(a.fetch(5) == 5);
  // The socket holds rows: readable, yet the link is alive.
  SQLUINTEGER dead = 0xFF;
  REQUIRE(SQLGetConnectAttr(dbc.h, SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr) == SQL_SUCCESS);
  CHECK(dead == SQL_CD_FALSE);
  CHECK(replayable(dbc) == SQL_FALSE);  // a loss now would lose rows
  const SQLUINTEGER pings_before = pings(dbc);
  Stmt b(dbc);
  CHECK(b.scalar("SELECT 5") == "5");  // the ping comes after the rows were set aside
  CHECK(pings(dbc) == pings_before + 1);
  CHECK(a.fetch(1000000) == 200000 - 5);
  CHECK(reconnects(dbc) == 0);
}

TEST_CASE("a KILL mid-stream is 08S01, not a hang and not an early end, and the handle recovers",
          "[integration][streaming][resilience]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string("RETRY_READS=1"));
  Stmt st(dbc);
  const std::string victim = server_connection_id(dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq, REPEAT('y', 200) FROM seq_1_to_200000"));
  SQLBIGINT seq = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 1, SQL_C_SBIGINT, &seq, 0, nullptr));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  admin.kill(victim);
  long long rows = 1;
  SQLRETURN rc;
  while ((rc = SQLFetch(st.h)) == SQL_SUCCESS) ++rows;
  INFO("rows before the failure: " << rows);
  CHECK(rc == SQL_ERROR);  // never SQL_NO_DATA: the rows did not end
  CHECK(rows < 200000);
  check_link_failure(diagnostics(SQL_HANDLE_STMT, st.h));
  CHECK(reconnects(dbc) == 0);  // rows were handed out: nothing is re-run, even under RETRY_READS
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_CLOSE));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_UNBIND));
  CHECK(st.scalar("SELECT CONNECTION_ID()") != victim);  // the next statement reconnects
  CHECK(reconnects(dbc) == 1);
}

TEST_CASE("a KILL while another statement's rows are set aside reaches the streaming statement",
          "[integration][streaming][resilience]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  const std::string victim = server_connection_id(dbc);
  SeqCursor a(dbc, 200000);
  REQUIRE(a.fetch(3) == 3);
  admin.kill(victim);
  // The second statement needs the link: setting the first one's rows aside meets the
  // loss; that loss belongs to the first statement, the second runs on a new session.
  Stmt b(dbc);
  CHECK(b.scalar("SELECT CONNECTION_ID()") != victim);
  long long more = 0;
  SQLRETURN rc;
  while ((rc = SQLFetch(a.st.h)) == SQL_SUCCESS) ++more;
  CHECK(rc == SQL_ERROR);
  CHECK(more < 200000 - 3);
  check_link_failure(diagnostics(SQL_HANDLE_STMT, a.st.h));
}

TEST_CASE("several results of one call stream one after the other", "[integration][streaming]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("MULTI_STATEMENTS=1"));
  Stmt st(dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_3000; SELECT 'second'; SELECT seq FROM seq_1_to_5"));
  long long rows = 0;
  while (SQLFetch(st.h) == SQL_SUCCESS) ++rows;
  CHECK(rows == 3000);
  REQUIRE(SQLMoreResults(st.h) == SQL_SUCCESS);
  char text[16] = {0};
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetData(st.h, 1, SQL_C_CHAR, text, sizeof text, nullptr));
  CHECK(std::string(text) == "second");
  // The third result is left unread in the middle of the second: SQLMoreResults skips.
  REQUIRE(SQLMoreResults(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_CLOSE));
  CHECK(SQLMoreResults(st.h) == SQL_NO_DATA);
  Stmt other(dbc);
  CHECK(other.scalar("SELECT 9") == "9");
}
