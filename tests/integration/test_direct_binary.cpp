// SQLExecDirect of a plain SELECT from a table on the binary protocol, rows streamed
// (core/statement_direct.cpp, core/session_direct.cpp): which statements take it (the
// server's own statement counters say), that the server statement is closed with its
// result, that DIRECT_BINARY=0 keeps the text path, that a statement the server will not
// prepare runs as text, that the result is described and valued exactly as on the text
// path, that statements prepared with SQLPrepare stream too, and that a lost reply or a
// dropped link gives the same outcome on both paths (RESILIENCE.md rules 3, 4).
#include <unistd.h>

#include <fstream>
#include <map>
#include <vector>

#include "fault_proxy.h"
#include "resilience_test.h"

using namespace resilience_test;
using holdfast_test::FaultProxy;

namespace {

// A session status counter of `dbc`'s server session (SHOW runs on the text path).
long long session_status(Dbc& dbc, const std::string& name) {
  Stmt st(dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SHOW SESSION STATUS LIKE '" + name + "'")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char value[64] = {0};
  SQLLEN ind = 0;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 2, SQL_C_CHAR, value, sizeof value, &ind)));
  return std::stoll(value);
}

long long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

std::uint16_t server_port() { return static_cast<std::uint16_t>(std::stoi(env_or("TEST_PORT", "3311"))); }

// Every row of the open result, each value as SQLGetData(SQL_C_CHAR) gives it ("<null>").
std::vector<std::vector<std::string>> rows_as_text(Stmt& st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  std::vector<std::vector<std::string>> rows;
  SQLRETURN rc;
  while ((rc = SQLFetch(st.h)) == SQL_SUCCESS) {
    std::vector<std::string> row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      char buf[512] = {0};
      SQLLEN ind = 0;
      const SQLRETURN g = SQLGetData(st.h, c, SQL_C_CHAR, buf, sizeof buf, &ind);
      INFO("column " << c << ": " << describe(SQL_HANDLE_STMT, st.h));
      REQUIRE(SQL_SUCCEEDED(g));
      row.push_back(ind == SQL_NULL_DATA ? "<null>" : std::string(buf, static_cast<std::size_t>(ind)));
    }
    rows.push_back(std::move(row));
  }
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_NO_DATA);
  return rows;
}

// What SQLDescribeCol and SQLColAttribute say of every column, as text lines.
std::vector<std::string> description(Stmt& st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  std::vector<std::string> out;
  out.push_back("columns " + std::to_string(columns));
  static const std::vector<std::pair<SQLUSMALLINT, const char*>> numeric{
      {SQL_DESC_AUTO_UNIQUE_VALUE, "auto"},   {SQL_DESC_CASE_SENSITIVE, "case"},
      {SQL_DESC_CONCISE_TYPE, "concise"},     {SQL_DESC_COUNT, "count"},
      {SQL_DESC_DISPLAY_SIZE, "display"},     {SQL_DESC_FIXED_PREC_SCALE, "fixed"},
      {SQL_DESC_LENGTH, "length"},            {SQL_DESC_NULLABLE, "nullable"},
      {SQL_DESC_NUM_PREC_RADIX, "radix"},     {SQL_DESC_OCTET_LENGTH, "octets"},
      {SQL_DESC_PRECISION, "precision"},      {SQL_DESC_SCALE, "scale"},
      {SQL_DESC_SEARCHABLE, "searchable"},    {SQL_DESC_TYPE, "type"},
      {SQL_DESC_UNNAMED, "unnamed"},          {SQL_DESC_UNSIGNED, "unsigned"},
      {SQL_DESC_UPDATABLE, "updatable"},
  };
  static const std::vector<std::pair<SQLUSMALLINT, const char*>> text{
      {SQL_DESC_BASE_COLUMN_NAME, "base_column"}, {SQL_DESC_BASE_TABLE_NAME, "base_table"},
      {SQL_DESC_CATALOG_NAME, "catalog"},         {SQL_DESC_LABEL, "label"},
      {SQL_DESC_LITERAL_PREFIX, "prefix"},        {SQL_DESC_LITERAL_SUFFIX, "suffix"},
      {SQL_DESC_LOCAL_TYPE_NAME, "local_type"},   {SQL_DESC_NAME, "name"},
      {SQL_DESC_SCHEMA_NAME, "schema"},           {SQL_DESC_TABLE_NAME, "table"},
      {SQL_DESC_TYPE_NAME, "type_name"},
  };
  for (SQLUSMALLINT c = 1; c <= columns; ++c) {
    char name[256] = {0};
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    REQUIRE(SQLDescribeCol(st.h, c, reinterpret_cast<SQLCHAR*>(name), sizeof name, &name_length, &type, &size,
                           &digits, &nullable) == SQL_SUCCESS);
    const std::string prefix = "col " + std::to_string(c) + " ";
    out.push_back(prefix + "describe " + name + " " + std::to_string(type) + " " + std::to_string(size) + " " +
                  std::to_string(digits) + " " + std::to_string(nullable));
    for (const auto& [field, label] : numeric) {
      SQLLEN n = -12345;
      REQUIRE(SQL_SUCCEEDED(SQLColAttribute(st.h, c, field, nullptr, 0, nullptr, &n)));
      out.push_back(prefix + label + " " + std::to_string(n));
    }
    for (const auto& [field, label] : text) {
      char buf[256] = {0};
      SQLSMALLINT length = 0;
      REQUIRE(SQL_SUCCEEDED(SQLColAttribute(st.h, c, field, buf, sizeof buf, &length, nullptr)));
      out.push_back(prefix + label + " " + buf);
    }
  }
  return out;
}

// A table with a column of most types, made fresh (named for this process).
struct WideTable {
  Admin admin;
  std::string name = "direct_wide" + std::to_string(::getpid());
  WideTable() {
    admin.run("DROP TABLE IF EXISTS " + name);
    admin.run("CREATE TABLE " + name +
              " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, ti TINYINT, su SMALLINT UNSIGNED, mi MEDIUMINT,"
              " bu BIGINT UNSIGNED, de DECIMAL(12,3), fl FLOAT, db DOUBLE, bi BIT(5), yr YEAR, da DATE, tm TIME(3),"
              " dt DATETIME(6), ts TIMESTAMP NULL, ch CHAR(10), vc VARCHAR(100) NOT NULL, bn BINARY(4),"
              " vb VARBINARY(20), tt TINYTEXT, tx TEXT, mb MEDIUMBLOB, lt LONGTEXT, en ENUM('a','bc'),"
              " st SET('x','y'), js JSON)");
    admin.run("INSERT INTO " + name +
              " VALUES (NULL, -5, 65535, -8388608, 18446744073709551615, -123456789.125, 1.1, 3.141592653589793,"
              " b'10101', 2024, '2024-02-29', '-838:59:58.5', '2024-01-02 03:04:05.123456', '2001-02-03 04:05:06',"
              " 'abc', 'héllo', 'ab', x'00ff10', 'tiny', 'text', x'deadbeef', 'long', 'bc', 'x,y', '{\"k\": [1, 2]}')");
    admin.run("INSERT INTO " + name + " (vc) VALUES ('')");  // every other column NULL
    admin.run("INSERT INTO " + name +
              " VALUES (NULL, 127, 0, 0, 0, 0.5, -0.25, 1e300, b'0', 1901, '1000-01-01', '00:00:00', "
              "'9999-12-31 23:59:59.999999', NULL, '', REPEAT('z', 100), x'00000000', '', '', '', '', '', 'a', '',"
              " '[]')");
  }
  ~WideTable() {
    Stmt st(admin.dbc);
    st.exec("DROP TABLE IF EXISTS " + name);
  }
  WideTable(const WideTable&) = delete;
  WideTable& operator=(const WideTable&) = delete;
};

}  // namespace

TEST_CASE("a plain SELECT from a table runs on the binary protocol; SELECT 1 and DIRECT_BINARY=0 stay text",
          "[integration][direct-binary]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  const long long prepares = session_status(dbc, "Com_stmt_prepare");
  const long long closes = session_status(dbc, "Com_stmt_close");
  CHECK(st.scalar("SELECT COUNT(*) FROM seq_1_to_10") == "10");
  CHECK(session_status(dbc, "Com_stmt_prepare") == prepares + 1);
  CHECK(session_status(dbc, "Com_stmt_execute") >= 1);
  // The server statement is closed with its result (st.scalar closed the cursor).
  CHECK(session_status(dbc, "Com_stmt_close") == closes + 1);
  // Without FROM, with parameter markers, or several statements: one text query.
  CHECK(st.scalar("SELECT 1") == "1");
  CHECK(st.scalar("SELECT NOW() IS NOT NULL") == "1");
  CHECK(session_status(dbc, "Com_stmt_prepare") == prepares + 1);
  SECTION("the same statement handle, executed again and again, closes each server statement") {
    for (int i = 0; i < 5; ++i) CHECK(st.scalar("SELECT seq FROM seq_1_to_3 WHERE seq = 2") == "2");
    CHECK(session_status(dbc, "Com_stmt_prepare") == prepares + 6);
    CHECK(session_status(dbc, "Com_stmt_close") == closes + 6);
  }
  SECTION("a result ended by SQLMoreResults closes its server statement") {
    REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq FROM seq_1_to_100")));
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    CHECK(SQLMoreResults(st.h) == SQL_NO_DATA);
    CHECK(session_status(dbc, "Com_stmt_close") == closes + 2);
    CHECK(st.scalar("SELECT 7") == "7");  // the link is clean
  }
  SECTION("DIRECT_BINARY=0") {
    Dbc text_dbc(env);
    text_dbc.connect(connection_string("DIRECT_BINARY=0"));
    Stmt t(text_dbc);
    const long long before = session_status(text_dbc, "Com_stmt_prepare");
    CHECK(t.scalar("SELECT COUNT(*) FROM seq_1_to_10") == "10");
    CHECK(session_status(text_dbc, "Com_stmt_prepare") == before);
  }
  SECTION("a static cursor, a query timeout and BUFFER_RESULTS=1 keep the text path") {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(30), 0) == SQL_SUCCESS);
    CHECK(st.scalar("SELECT COUNT(*) FROM seq_1_to_10") == "10");
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(0), 0) == SQL_SUCCESS);
    Stmt scroll(dbc);
    REQUIRE(SQLSetStmtAttr(scroll.h, SQL_ATTR_CURSOR_TYPE, reinterpret_cast<SQLPOINTER>(SQL_CURSOR_STATIC), 0) ==
            SQL_SUCCESS);
    CHECK(scroll.scalar("SELECT COUNT(*) FROM seq_1_to_10") == "10");
    CHECK(session_status(dbc, "Com_stmt_prepare") == prepares + 1);
    Dbc buffered(env);
    buffered.connect(connection_string("BUFFER_RESULTS=1"));
    Stmt b(buffered);
    const long long before = session_status(buffered, "Com_stmt_prepare");
    CHECK(b.scalar("SELECT COUNT(*) FROM seq_1_to_10") == "10");
    CHECK(session_status(buffered, "Com_stmt_prepare") == before);
  }
}

TEST_CASE("a SELECT the server will not prepare runs as text; errors are the statement's own on both paths",
          "[integration][direct-binary]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  SECTION("no prepared statement may be created (1461): the text path, transparently") {
    const std::string limit = admin.scalar("SELECT @@GLOBAL.max_prepared_stmt_count");
    admin.run("SET GLOBAL max_prepared_stmt_count = 0");
    struct Restore {
      Admin& admin;
      std::string limit;
      ~Restore() { admin.run("SET GLOBAL max_prepared_stmt_count = " + limit); }
    } restore{admin, limit};
    const long long queries = session_status(dbc, "Com_select");
    REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq FROM seq_1_to_2000")));
    const auto rows = rows_as_text(st);
    CHECK(rows.size() == 2000);
    CHECK(rows.back()[0] == "2000");
    SQLFreeStmt(st.h, SQL_CLOSE);
    // Counted once as a SELECT that ran (the refused prepare ran nothing).
    CHECK(session_status(dbc, "Com_select") == queries + 1);
  }
  SECTION("an unknown table is 42S02, a runtime error is the server's") {
    CHECK(state_of(expect_error(st, "SELECT * FROM direct_no_such_table")) == "42S02");
    // More than one row from a scalar subquery: an error of the execution, in place of
    // the first row (the rows stream), as on the text path.
    SQLRETURN rc = st.exec("SELECT (SELECT seq FROM seq_1_to_2) FROM seq_1_to_3");
    while (rc == SQL_SUCCESS) rc = SQLFetch(st.h);
    CHECK(rc == SQL_ERROR);
    const auto records = diagnostics(SQL_HANDLE_STMT, st.h);
    INFO(describe_records(records));
    REQUIRE(!records.empty());
    CHECK(records[0].native == 1242);
    SQLFreeStmt(st.h, SQL_CLOSE);
    CHECK(st.scalar("SELECT COUNT(*) FROM seq_1_to_4") == "4");  // the statement and the link are usable
  }
}

TEST_CASE("a wide table is described and valued the same on the binary and the text path",
          "[integration][direct-binary]") {
  WideTable table;
  Env env;
  Dbc binary(env), text(env);
  binary.connect();
  text.connect(connection_string("DIRECT_BINARY=0"));
  const std::string sql = "SELECT *, id + 1 AS expr, NULL AS nothing, CONCAT(vc, '!') FROM " + table.name + " ORDER BY id";
  Stmt b(binary), t(text);
  const long long prepares = session_status(binary, "Com_stmt_prepare");
  REQUIRE(SQL_SUCCEEDED(b.exec(sql)));
  REQUIRE(SQL_SUCCEEDED(t.exec(sql)));
  CHECK(session_status(binary, "Com_stmt_prepare") == prepares + 1);  // it was the binary path
  const auto described_binary = description(b);
  const auto described_text = description(t);
  REQUIRE(described_binary.size() == described_text.size());
  for (std::size_t i = 0; i < described_text.size(); ++i) CHECK(described_binary[i] == described_text[i]);
  const auto values_binary = rows_as_text(b);
  const auto values_text = rows_as_text(t);
  REQUIRE(values_binary.size() == 3);
  REQUIRE(values_text.size() == 3);
  for (std::size_t r = 0; r < values_text.size(); ++r)
    for (std::size_t c = 0; c < values_text[r].size(); ++c) {
      INFO("row " << r + 1 << " column " << c + 1);
      CHECK(values_binary[r][c] == values_text[r][c]);
    }
}

TEST_CASE("statements prepared with SQLPrepare stream their rows too, in bounded memory",
          "[integration][direct-binary][streaming]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"SELECT seq, REPEAT('x', 400) FROM seq_1_to_200000 WHERE seq > ?", SQL_NTS) ==
          SQL_SUCCESS);
  SQLINTEGER from = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &from, 0, nullptr) ==
          SQL_SUCCESS);
  const long long before = rss_bytes();
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  SQLLEN count = -2;
  REQUIRE(SQLRowCount(st.h, &count) == SQL_SUCCESS);
  CHECK(count == -1);  // not known while the rows stream
  SQLBIGINT seq = 0;
  char text[512];
  SQLLEN ind = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SBIGINT, &seq, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  long long rows = 0, peak = 0;
  while (SQLFetch(st.h) == SQL_SUCCESS) {
    ++rows;
    if (seq != rows) REQUIRE(seq == rows);
    if (rows % 20000 == 0) peak = std::max(peak, rss_bytes() - before);
  }
  CHECK(rows == 200000);
  CHECK(ind == 400);
  INFO("peak RSS growth while streaming: " << peak / (1024 * 1024) << " MiB");
  CHECK(peak < 16 * 1024 * 1024);
  REQUIRE(SQLRowCount(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 200000);
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  // Executed again with a parameter, interrupted by another statement (parked), then closed early.
  from = 199000;
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(seq == 199001);
  Stmt other(dbc);
  CHECK(other.scalar("SELECT COUNT(*) FROM seq_1_to_5") == "5");
  SQLBIGINT current = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_SBIGINT, &current, 0, nullptr) == SQL_SUCCESS);
  CHECK(current == 199001);  // the current row survives parking
  rows = 1;
  while (SQLFetch(st.h) == SQL_SUCCESS) ++rows;
  CHECK(rows == 1000);
  REQUIRE(SQLRowCount(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 1000);
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  from = 0;
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);  // 199999 rows skipped
  CHECK(other.scalar("SELECT 11") == "11");
  for (const bool direct : {false, true}) {
    // Statements freed mid-stream, without closing their cursors first.
    Stmt freed(dbc);
    const char* sql = "SELECT seq FROM seq_1_to_100000";
    if (direct) {
      REQUIRE(SQL_SUCCEEDED(freed.exec(sql)));
    } else {
      REQUIRE(SQLPrepare(freed.h, (SQLCHAR*)sql, SQL_NTS) == SQL_SUCCESS);
      REQUIRE(SQLExecute(freed.h) == SQL_SUCCESS);
    }
    REQUIRE(SQLFetch(freed.h) == SQL_SUCCESS);
  }
  CHECK(other.scalar("SELECT COUNT(*) FROM seq_1_to_12") == "12");
}

TEST_CASE("a KILL mid-stream of a binary result is 08S01, never an early end, and the handle recovers",
          "[integration][direct-binary][resilience]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string("RETRY_READS=1"));
  Stmt st(dbc);
  const std::string victim = server_connection_id(dbc);
  const bool prepared = GENERATE(false, true);
  INFO((prepared ? "SQLPrepare + SQLExecute" : "SQLExecDirect"));
  const char* sql = "SELECT seq, REPEAT('y', 200) FROM seq_1_to_200000";
  if (prepared) {
    REQUIRE(SQLPrepare(st.h, (SQLCHAR*)sql, SQL_NTS) == SQL_SUCCESS);
    REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  } else {
    REQUIRE(SQL_SUCCEEDED(st.exec(sql)));
  }
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  admin.kill(victim);
  long long rows = 1;
  SQLRETURN rc;
  while ((rc = SQLFetch(st.h)) == SQL_SUCCESS) ++rows;
  INFO("rows before the failure: " << rows);
  CHECK(rc == SQL_ERROR);
  CHECK(rows < 200000);
  check_link_failure(diagnostics(SQL_HANDLE_STMT, st.h));
  CHECK(reconnects(dbc) == 0);  // rows were handed out: nothing is re-run
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  Stmt again(dbc);
  CHECK(again.scalar("SELECT CONNECTION_ID() FROM seq_1_to_1") != victim);  // reconnects, binary again
  CHECK(reconnects(dbc) == 1);
  if (prepared) {
    // The statement is prepared again on the new link and runs.
    REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
    long long all = 0;
    while (SQLFetch(st.h) == SQL_SUCCESS) ++all;
    CHECK(all == 200000);
  }
}

TEST_CASE("lost links give the same outcome for a direct SELECT on the binary and on the text path",
          "[integration][direct-binary][resilience][proxy-faults]") {
  const bool binary = GENERATE(true, false);
  INFO((binary ? "DIRECT_BINARY=1" : "DIRECT_BINARY=0"));
  const std::string mode = binary ? "DIRECT_BINARY=1;" : "DIRECT_BINARY=0;";
  FaultProxy proxy(env_or("TEST_SERVER", "127.0.0.1"), server_port(), std::chrono::seconds(60));
  auto connect = [&](Dbc& dbc, const std::string& extra) {
    dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port()) + ";" + mode +
                                            extra));
  };
  const std::string sql = "SELECT seq * 2, CONNECTION_ID() FROM seq_1_to_3 WHERE seq = 3";
  Env env;
  SECTION("the reply lost under RETRY_READS=1: the read runs again on a new connection") {
    Dbc dbc(env);
    connect(dbc, "RETRY_READS=1");
    Stmt st(dbc);
    const std::string before = st.scalar("SELECT CONNECTION_ID()");
    proxy.drop_replies_after_next_request();
    const SQLRETURN rc = st.exec(sql);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
    const auto rows = rows_as_text(st);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "6");
    CHECK(rows[0][1] != before);
    SQLFreeStmt(st.h, SQL_CLOSE);
    CHECK(reconnects(dbc) == 1);
    CHECK(proxy.bytes_discarded() > 0);
    // On the new session: prepared there (binary) or not at all (text).
    CHECK(session_status(dbc, "Com_stmt_prepare") == (binary ? 1 : 0));
  }
  SECTION("the reply lost under RETRY_READS=0: 08S01 + 40003, then the handle recovers") {
    Dbc dbc(env);
    connect(dbc, "RETRY_READS=0");
    Stmt st(dbc);
    CHECK(st.scalar("SELECT 1") == "1");
    proxy.drop_replies_after_next_request();
    const auto records = expect_error(st, sql);
    check_link_failure(records);
    INFO(describe_records(records));
    REQUIRE(records.size() >= 2);
    CHECK(records[1].sqlstate == "40003");
    CHECK(reconnects(dbc) == 0);
    CHECK(st.scalar("SELECT seq FROM seq_1_to_3 WHERE seq = 3") == "3");
    CHECK(reconnects(dbc) == 1);
  }
  SECTION("the link reset while idle: found before the send, the statement runs on a new connection") {
    Dbc dbc(env);
    connect(dbc, "");
    Stmt st(dbc);
    CHECK(st.scalar("SELECT 1") == "1");
    proxy.reset_all();
    const SQLRETURN rc = st.exec(sql);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
    const auto rows = rows_as_text(st);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "6");
    CHECK(reconnects(dbc) == 1);
  }
  SECTION("inside a transaction the loss is reported, never hidden") {
    Admin admin;
    const std::string table = "direct_tx" + std::to_string(::getpid());
    admin.run("CREATE TABLE IF NOT EXISTS " + table + " (id INT) ENGINE=InnoDB");
    struct Drop {
      Admin& admin;
      std::string table;
      ~Drop() { admin.run("DROP TABLE IF EXISTS " + table); }
    } drop{admin, table};
    Dbc dbc(env);
    connect(dbc, "RETRY_READS=1");
    set_autocommit(dbc, false);
    Stmt st(dbc);
    CHECK(st.scalar("SELECT COUNT(*) FROM " + table) == "0");  // the transaction has begun
    proxy.drop_replies_after_next_request();
    check_link_failure(expect_error(st, sql));
    CHECK(reconnects(dbc) == 0);
    REQUIRE(SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_ROLLBACK) == SQL_SUCCESS);
    set_autocommit(dbc, true);
  }
}
