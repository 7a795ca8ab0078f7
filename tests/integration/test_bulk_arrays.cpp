// Parameter arrays of a prepared INSERT sent with MariaDB's bulk execution
// (COM_STMT_BULK_EXECUTE, core/bulk_batch.h): the server's counters show one execution per
// batch; values arrive as the text path sends them; one failing row gets an exact status,
// inside and outside a transaction, with nothing hidden or doubled; a batch whose reply
// is lost is reported 08S01 + 40003 and never sent again; batches stay under
// max_allowed_packet.
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "fault_proxy.h"
#include "resilience_test.h"

using namespace resilience_test;
using holdfast_test::FaultProxy;

namespace {

SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// SHOW runs on the text path: reading a counter does not move the statement counters
// (a SELECT from information_schema would run on the binary protocol: DIRECT_BINARY).
long long session_status(Stmt& st, const std::string& name) {
  REQUIRE(SQL_SUCCEEDED(st.exec("SHOW SESSION STATUS LIKE '" + name + "'")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char value[64] = {0};
  SQLLEN ind = 0;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 2, SQL_C_CHAR, value, sizeof value, &ind)));
  SQLFreeStmt(st.h, SQL_CLOSE);
  return std::stoll(value);
}

// Column-wise arrays of one parameter set per row, of every kind the bulk path carries:
// integers, BIGINT, DOUBLE, CHAR text (NTS and counted), UTF-16 text, a timestamp with
// microseconds, a DECIMAL as text, a DATE; every 7th row has NULLs.
struct Rows {
  static constexpr SQLLEN kText = 40;
  std::size_t n;
  int first_id;
  std::vector<SQLINTEGER> id, i;
  std::vector<SQLBIGINT> big;
  std::vector<SQLDOUBLE> d;
  std::vector<SQLCHAR> s;
  std::vector<SQLWCHAR> w;
  std::vector<SQL_TIMESTAMP_STRUCT> ts;
  std::vector<SQLCHAR> dec;
  std::vector<SQL_DATE_STRUCT> day;
  std::vector<SQLLEN> s_len, w_len, null_or_value, dec_len;
  Rows(std::size_t count, int first)
      : n(count), first_id(first), id(count), i(count), big(count), d(count), s(count * kText), w(count * kText),
        ts(count), dec(count * kText), day(count), s_len(count), w_len(count), null_or_value(count), dec_len(count) {
    for (std::size_t r = 0; r < n; ++r) {
      const int k = static_cast<int>(r);
      id[r] = first + k;
      i[r] = k * 7 - 100;
      big[r] = static_cast<SQLBIGINT>(k) * 1000000000007LL - 5;
      d[r] = k * 0.25 - 3.5;
      const std::string text = "row " + std::to_string(k) + (k % 3 ? " 'quoted'" : " back\\slash");
      std::memcpy(&s[r * kText], text.c_str(), text.size() + 1);
      s_len[r] = k % 2 ? SQL_NTS : static_cast<SQLLEN>(text.size());
      const std::u16string wide = u"w\u00e9\u4e2d" + std::u16string(static_cast<std::size_t>(k % 5), u'x');
      std::memcpy(&w[r * kText], wide.data(), wide.size() * sizeof(SQLWCHAR));
      w_len[r] = static_cast<SQLLEN>(wide.size() * sizeof(SQLWCHAR));
      ts[r] = SQL_TIMESTAMP_STRUCT{static_cast<SQLSMALLINT>(2020 + k % 5), static_cast<SQLUSMALLINT>(1 + k % 12),
                                   static_cast<SQLUSMALLINT>(1 + k % 28), static_cast<SQLUSMALLINT>(k % 24),
                                   static_cast<SQLUSMALLINT>(k % 60), static_cast<SQLUSMALLINT>((k * 7) % 60),
                                   static_cast<SQLUINTEGER>((k % 1000) * 1000000 + 456000)};
      const std::string decimal = std::to_string(k * 13 - 500) + "." + std::to_string(10 + k % 90);
      std::memcpy(&dec[r * kText], decimal.c_str(), decimal.size() + 1);
      dec_len[r] = SQL_NTS;
      day[r] = SQL_DATE_STRUCT{static_cast<SQLSMALLINT>(1999 + k % 30), static_cast<SQLUSMALLINT>(1 + k % 12),
                               static_cast<SQLUSMALLINT>(1 + k % 28)};
      null_or_value[r] = k % 7 == 3 ? SQL_NULL_DATA : 0;
    }
  }
  void bind(SQLHSTMT h) {
    auto ok = [&](SQLRETURN rc) { REQUIRE(rc == SQL_SUCCESS); };
    ok(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, id.data(), 0, nullptr));
    ok(SQLBindParameter(h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, i.data(), 0, null_or_value.data()));
    ok(SQLBindParameter(h, 3, SQL_PARAM_INPUT, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, big.data(), 0, nullptr));
    ok(SQLBindParameter(h, 4, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, d.data(), 0, nullptr));
    ok(SQLBindParameter(h, 5, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, s.data(), kText, s_len.data()));
    ok(SQLBindParameter(h, 6, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 40, 0, w.data(),
                        kText * static_cast<SQLLEN>(sizeof(SQLWCHAR)), w_len.data()));
    ok(SQLBindParameter(h, 7, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, ts.data(), 0,
                        null_or_value.data()));
    ok(SQLBindParameter(h, 8, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 2, dec.data(), kText, dec_len.data()));
    ok(SQLBindParameter(h, 9, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, day.data(), 0, nullptr));
  }
};

constexpr const char* kColumns =
    "(id INT PRIMARY KEY, i INT, big BIGINT, d DOUBLE, s VARCHAR(40), w VARCHAR(40), ts DATETIME(6), "
    "dec_v DECIMAL(12,2), day DATE) ENGINE=InnoDB";

std::string insert_into(const std::string& table) { return "INSERT INTO " + table + " VALUES (?,?,?,?,?,?,?,?,?)"; }

void set_array(SQLHSTMT h, SQLULEN size, SQLUSMALLINT* status, SQLULEN* processed) {
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(static_cast<SQLLEN>(size)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, processed, 0) == SQL_SUCCESS);
}

SQLLEN diag_row(SQLHSTMT st, SQLSMALLINT record) {
  SQLLEN row = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st, record, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr) == SQL_SUCCESS);
  return row;
}

}  // namespace

TEST_CASE("bulk: a prepared INSERT array is one bulk execution and stores what the text path stores",
          "[integration][bulk][param_arrays]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc), check(dbc);
  check.run("DROP TABLE IF EXISTS bulk_a");
  check.run("DROP TABLE IF EXISTS bulk_t");
  check.run(std::string("CREATE TABLE bulk_a ") + kColumns);
  check.run(std::string("CREATE TABLE bulk_t ") + kColumns);
  constexpr std::size_t kRows = 300;
  Rows rows(kRows, 1);
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;

  // The same arrays through the text path (SQLExecDirect: multi-row INSERT text).
  Stmt text(dbc);
  set_array(text.h, kRows, status.data(), &processed);
  rows.bind(text.h);
  REQUIRE(SQLExecDirect(text.h, (SQLCHAR*)insert_into("bulk_t").c_str(), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(processed == kRows);

  // Through the prepared statement: bulk.
  status.assign(kRows, 0xFFFF);
  processed = 0;
  set_array(st.h, kRows, status.data(), &processed);
  rows.bind(st.h);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)insert_into("bulk_a").c_str(), SQL_NTS) == SQL_SUCCESS);
  const long long executes = session_status(check, "COM_STMT_EXECUTE");
  const SQLRETURN rc = SQLExecute(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(processed == kRows);
  for (std::size_t r = 0; r < kRows; ++r) CHECK(status[r] == SQL_PARAM_SUCCESS);
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(st.h, &affected) == SQL_SUCCESS);
  CHECK(affected == static_cast<SQLLEN>(kRows));
  // One COM_STMT_BULK_EXECUTE for the 300 rows (the server counts it as one execution):
  // neither 300 single executions nor a text INSERT (which counts none).
  CHECK(session_status(check, "COM_STMT_EXECUTE") - executes == 1);

  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_a") == std::to_string(kRows));
  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_a a JOIN bulk_t t ON a.id = t.id AND a.i <=> t.i AND a.big <=> t.big "
                     "AND a.d <=> t.d AND BINARY a.s <=> BINARY t.s AND BINARY a.w <=> BINARY t.w AND a.ts <=> t.ts "
                     "AND a.dec_v <=> t.dec_v AND a.day <=> t.day") == std::to_string(kRows));
  CHECK(check.scalar("SELECT CONCAT_WS('|', i, big, d, s, HEX(w), ts, dec_v, day) FROM bulk_a WHERE id = 6") ==
        "-65|5000000000030|-2.25|row 5 'quoted'|77C3A9E4B8AD|2020-06-06 05:05:35.005456|-435.15|2004-06-06");
  CHECK(check.scalar("SELECT CONCAT_WS('|', id, i IS NULL, ts IS NULL, s) FROM bulk_a WHERE id = 4") ==
        "4|1|1|row 3 back\\slash");

  // The same handle runs single executions again.
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  rows.id[0] = 1000;
  // (The SELECTs of `check` above ran on the binary protocol too: DIRECT_BINARY.)
  const long long singles = session_status(check, "COM_STMT_EXECUTE");
  CHECK(SQLExecute(st.h) == SQL_SUCCESS);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(session_status(check, "COM_STMT_EXECUTE") - singles == 1);
  CHECK(check.scalar("SELECT s FROM bulk_a WHERE id = 1000") == "row 0 back\\slash");
  check.run("DROP TABLE bulk_a");
  check.run("DROP TABLE bulk_t");
}

TEST_CASE("bulk: failing rows get exact statuses, nothing hidden or doubled, in and out of a transaction",
          "[integration][bulk][param_arrays]") {
  const bool in_transaction = GENERATE(false, true);
  INFO((in_transaction ? "in a transaction" : "autocommit"));
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc), check(dbc);
  check.run("DROP TABLE IF EXISTS bulk_f");
  check.run(std::string("CREATE TABLE bulk_f ") + kColumns);
  check.run("INSERT INTO bulk_f (id, s) VALUES (3, 'already')");
  if (in_transaction) {
    set_autocommit(dbc, false);
    check.run("INSERT INTO bulk_f (id, s) VALUES (500, 'in the transaction')");
  }
  constexpr std::size_t kRows = 10;
  Rows rows(kRows, 1);
  rows.id[7] = rows.id[6];  // row 8 repeats row 7's key
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;
  set_array(st.h, kRows, status.data(), &processed);
  rows.bind(st.h);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)insert_into("bulk_f").c_str(), SQL_NTS) == SQL_SUCCESS);
  const long long executes = session_status(check, "COM_STMT_EXECUTE");
  CHECK(SQLExecute(st.h) == SQL_SUCCESS_WITH_INFO);
  CHECK(processed == kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    INFO("row " << r + 1);
    CHECK(status[r] == (r == 2 || r == 7 ? SQL_PARAM_ERROR : SQL_PARAM_SUCCESS));
  }
  const auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(d.size() == 2);
  CHECK(d[0].sqlstate == "23000");
  CHECK(d[0].native == 1062);
  CHECK(diag_row(st.h, 1) == 3);
  CHECK(diag_row(st.h, 2) == 8);
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(st.h, &affected) == SQL_SUCCESS);
  CHECK(affected == 8);
  // The bulk execution was tried (and failed as one statement, leaving nothing).
  CHECK(session_status(check, "COM_STMT_EXECUTE") - executes >= 1);
  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_f") == std::to_string(8 + 1 + (in_transaction ? 1 : 0)));
  CHECK(check.scalar("SELECT s FROM bulk_f WHERE id = 3") == "already");
  CHECK(check.scalar("SELECT s FROM bulk_f WHERE id = 7") == "row 6 back\\slash");
  if (in_transaction) {
    // Every row went into the application's transaction: a rollback takes them all back.
    ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_ROLLBACK));
    CHECK(check.scalar("SELECT COUNT(*) FROM bulk_f") == "1");
    set_autocommit(dbc, true);
  }
  check.run("DROP TABLE bulk_f");
}

TEST_CASE("bulk: a reply lost after a bulk execution was sent is 08S01 + 40003 and never sent again",
          "[integration][bulk][param_arrays]") {
  const bool in_transaction = GENERATE(false, true);
  INFO((in_transaction ? "in a transaction" : "autocommit"));
  FaultProxy proxy{env_or("TEST_SERVER", "127.0.0.1"), static_cast<std::uint16_t>(std::stoi(env_or("TEST_PORT", "3306"))),
                   std::chrono::seconds(60)};
  Admin admin;
  const std::string table = "bulk_lost" + std::to_string(::getpid());
  admin.run("DROP TABLE IF EXISTS " + table);
  admin.run("CREATE TABLE " + table + " " + kColumns);
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port())));
  if (in_transaction) set_autocommit(dbc, false);
  constexpr std::size_t kRows = 50;
  Rows rows(kRows, 1);
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;
  Stmt st(dbc);
  set_array(st.h, kRows, status.data(), &processed);
  rows.bind(st.h);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)insert_into(table).c_str(), SQL_NTS) == SQL_SUCCESS);

  // A first execution learns what the session learns once (max_allowed_packet); the
  // second measures what the server sends for one (the same every time: the table check
  // and the bulk execution's OK).
  auto next_ids = [&] {
    for (std::size_t r = 0; r < kRows; ++r) rows.id[r] += static_cast<SQLINTEGER>(kRows);
  };
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  if (in_transaction) ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_COMMIT));
  next_ids();
  std::uint64_t server_bytes = proxy.bytes_server_to_client();
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  server_bytes = proxy.bytes_server_to_client() - server_bytes;
  if (in_transaction) ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_COMMIT));
  REQUIRE(admin.scalar("SELECT COUNT(*) FROM " + table) == std::to_string(2 * kRows));

  // The third: the bulk execution reaches the server, its reply is cut one byte short.
  next_ids();
  status.assign(kRows, 0xFFFF);
  proxy.cut_after_server_bytes(static_cast<std::size_t>(server_bytes - 1));
  const SQLRETURN rc = SQLExecute(st.h);
  const auto records = diagnostics(SQL_HANDLE_STMT, st.h);
  INFO(describe_records(records));
  CHECK(rc == SQL_ERROR);
  REQUIRE(records.size() >= 2);
  CHECK(records[0].sqlstate == "08S01");
  CHECK(records[1].sqlstate == "40003");
  CHECK(processed == kRows);
  for (std::size_t r = 0; r < kRows; ++r) CHECK(status[r] == SQL_PARAM_ERROR);
  CHECK(reconnects(dbc) == 0);
  // Never sent again: the server ran the batch once (autocommit: kept) or lost it with the
  // transaction; never twice.
  CHECK(admin.scalar("SELECT COUNT(*) FROM " + table) == std::to_string(in_transaction ? 2 * kRows : 3 * kRows));
  CHECK(admin.scalar("SELECT COUNT(DISTINCT id) FROM " + table) ==
        admin.scalar("SELECT COUNT(*) FROM " + table));
  if (in_transaction) ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLEndTran(SQL_HANDLE_DBC, dbc.h, SQL_ROLLBACK));
  proxy.clear_faults();
  // The handle stays usable: the next statement reconnects.
  Stmt after(dbc);
  CHECK(after.scalar("SELECT 40 + 2") == "42");
  CHECK(reconnects(dbc) == 1);
  admin.run("DROP TABLE " + table);
}

TEST_CASE("bulk: batches stay under a small max_allowed_packet, with a row of nearly a packet among them",
          "[integration][bulk][param_arrays]") {
  // SET GLOBAL max_allowed_packet for connections opened meanwhile; restored on exit.
  struct SmallPacket {
    Admin admin;
    std::string saved = admin.scalar("SELECT @@GLOBAL.max_allowed_packet");
    SmallPacket() { admin.run("SET GLOBAL max_allowed_packet = 65536"); }
    ~SmallPacket() {
      Stmt st(admin.dbc);
      st.exec("SET GLOBAL max_allowed_packet = " + saved);
    }
  } small;
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc), check(dbc);
  REQUIRE(check.scalar("SELECT @@max_allowed_packet") == "65536");
  check.run("DROP TABLE IF EXISTS bulk_p");
  check.run("CREATE TABLE bulk_p (id INT PRIMARY KEY, v MEDIUMTEXT NOT NULL) ENGINE=InnoDB");
  // 400 rows of 1000 bytes (about 400 KB: at least 7 batches of under 64 KiB) and row 200
  // with 60000 bytes, which ends one batch and starts the next.
  constexpr std::size_t kRows = 400, kWidth = 60000;
  std::vector<SQLINTEGER> ids(kRows);
  std::vector<char> values(kRows * kWidth);
  std::vector<SQLLEN> lengths(kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    ids[r] = static_cast<SQLINTEGER>(r + 1);
    lengths[r] = r == 199 ? static_cast<SQLLEN>(kWidth) : 1000;
    std::memset(&values[r * kWidth], 'a' + static_cast<int>(r % 26), static_cast<std::size_t>(lengths[r]));
  }
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;
  set_array(st.h, kRows, status.data(), &processed);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, kWidth, 0, values.data(), kWidth,
                           lengths.data()) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"INSERT INTO bulk_p VALUES (?, ?)", SQL_NTS) == SQL_SUCCESS);
  const long long executes = session_status(check, "COM_STMT_EXECUTE");
  const SQLRETURN rc = SQLExecute(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  CHECK(rc == SQL_SUCCESS);
  CHECK(processed == kRows);
  for (std::size_t r = 0; r < kRows; ++r) CHECK(status[r] == SQL_PARAM_SUCCESS);
  const long long bulk_executions = session_status(check, "COM_STMT_EXECUTE") - executes;
  INFO("executions: " << bulk_executions);
  CHECK(bulk_executions >= 7);
  CHECK(bulk_executions < 40);
  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_p") == std::to_string(kRows));
  CHECK(check.scalar("SELECT SUM(LENGTH(v)) FROM bulk_p") == std::to_string(399 * 1000 + kWidth));
  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_p WHERE v <> REPEAT(CHAR(97 + (id - 1) % 26), LENGTH(v))") == "0");
  CHECK(reconnects(dbc) == 0);
  check.run("DROP TABLE bulk_p");
}

TEST_CASE("bulk: the table check is asked once per session state, again after a sql_mode change",
          "[integration][bulk][param_arrays]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc), check(dbc);
  check.run("DROP TABLE IF EXISTS bulk_m");
  check.run("CREATE TABLE bulk_m (id INT PRIMARY KEY, t TINYINT NOT NULL) ENGINE=InnoDB");
  constexpr std::size_t kRows = 20;
  std::vector<SQLINTEGER> ids(kRows), values(kRows, 1);
  std::vector<SQLLEN> value_ind(kRows, 0);
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;
  set_array(st.h, kRows, status.data(), &processed);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, values.data(), 0,
                           value_ind.data()) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"INSERT INTO bulk_m VALUES (?, ?)", SQL_NTS) == SQL_SUCCESS);
  // SELECTs and executions the driver sent for one SQLExecute (the counting queries, which
  // are SELECTs too, measured without one: `execute` false).
  auto counted = [&](bool execute) {
    const long long selects = session_status(check, "COM_SELECT");
    const long long executes = session_status(check, "COM_STMT_EXECUTE");
    if (execute) {
      const SQLRETURN rc = SQLExecute(st.h);
      INFO(describe(SQL_HANDLE_STMT, st.h));
      CHECK(SQL_SUCCEEDED(rc));
    }
    const long long executed = session_status(check, "COM_STMT_EXECUTE") - executes;
    return std::make_pair(session_status(check, "COM_SELECT") - selects, executed);
  };
  const long long counting = counted(false).first;
  auto run = [&](int first) {
    for (std::size_t r = 0; r < kRows; ++r) ids[r] = first + static_cast<SQLINTEGER>(r);
    auto c = counted(true);
    c.first -= counting;
    return c;
  };
  // The first execution asks (one SELECT, and one more for the session's
  // max_allowed_packet), then one bulk execution; the second asks nothing.
  const auto first = run(1);
  CHECK(first.first >= 1);
  CHECK(first.first <= 2);
  CHECK(first.second == 1);
  CHECK(run(101) == std::make_pair(0LL, 1LL));
  // Not strict any more: asked again, and the rows go one by one on the text path (a
  // non-strict server turns some single-row errors into multi-row warnings).
  check.run("SET SESSION sql_mode = ''");
  CHECK(run(201) == std::make_pair(1LL, 0LL));
  check.run("SET SESSION sql_mode = DEFAULT");
  CHECK(run(301) == std::make_pair(1LL, 1LL));
  for (std::size_t r = 0; r < kRows; ++r) CHECK(status[r] == SQL_PARAM_SUCCESS);
  CHECK(check.scalar("SELECT COUNT(*) FROM bulk_m") == std::to_string(4 * kRows));
  check.run("DROP TABLE bulk_m");
}
