// "An INSERT of very many rows in one packet" from the gone-away list: a large parameter
// array is split into batches that each fit the server's max_allowed_packet, so the link
// survives, every row is inserted exactly once and each row's status is exact.
#include <vector>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

constexpr SQLULEN kRows = 100000;
constexpr unsigned long kSmallPacket = 64 * 1024;

// SET GLOBAL max_allowed_packet for connections opened meanwhile; restored on exit.
struct SmallPacket {
  Admin admin;
  std::string saved = admin.scalar("SELECT @@GLOBAL.max_allowed_packet");
  SmallPacket() { admin.run("SET GLOBAL max_allowed_packet = " + std::to_string(kSmallPacket)); }
  ~SmallPacket() {
    Stmt st(admin.dbc);
    st.exec("SET GLOBAL max_allowed_packet = " + saved);
  }
  SmallPacket(const SmallPacket&) = delete;
  SmallPacket& operator=(const SmallPacket&) = delete;
};

std::string session_status(Stmt& st, const std::string& name) {
  return st.scalar("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = '" + name + "'");
}

}  // namespace

TEST_CASE("a 100k-row parameter array over a small max_allowed_packet: batches that fit, every row once, exact statuses",
          "[integration][loss-cause][param_arrays]") {
  SmallPacket small;
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc);
  REQUIRE(st.scalar("SELECT @@max_allowed_packet") == std::to_string(kSmallPacket));
  st.run("DROP TABLE IF EXISTS loss_packet_array");
  st.run("CREATE TABLE loss_packet_array (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL) ENGINE=InnoDB");
  const std::string connection_before = server_connection_id(dbc);

  // Column-wise arrays; row 50000 repeats row 49999's key and must fail alone.
  constexpr SQLULEN kDuplicate = 50000;
  std::vector<SQLINTEGER> ids(kRows);
  std::vector<char> names(kRows * 40);
  std::vector<SQLLEN> name_lengths(kRows);
  for (SQLULEN i = 0; i < kRows; ++i) {
    ids[i] = static_cast<SQLINTEGER>(i == kDuplicate ? i - 1 : i);
    const std::string name = "row-" + std::to_string(i) + "-" + std::string(10, static_cast<char>('a' + i % 26));
    std::copy(name.begin(), name.end(), names.begin() + static_cast<std::ptrdiff_t>(i * 40));
    name_lengths[i] = static_cast<SQLLEN>(name.size());
  }
  std::vector<SQLUSMALLINT> status(kRows, 0xFFFF);
  SQLULEN processed = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(kRows), 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status.data(), 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr));
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, names.data(), 40,
                           name_lengths.data()));
  const std::string inserts_before = session_status(st, "COM_INSERT");

  const SQLRETURN rc = SQLExecDirect(st.h, (SQLCHAR*)"INSERT INTO loss_packet_array (id, name) VALUES (?, ?)", SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  CHECK(rc == SQL_SUCCESS_WITH_INFO);  // one row failed, the others succeeded
  CHECK(processed == kRows);
  std::size_t succeeded = 0, failed = 0;
  for (SQLULEN i = 0; i < kRows; ++i) {
    if (status[i] == SQL_PARAM_SUCCESS) ++succeeded;
    if (status[i] == SQL_PARAM_ERROR) {
      ++failed;
      CHECK(i == kDuplicate);
    }
  }
  CHECK(succeeded == kRows - 1);
  CHECK(failed == 1);
  CHECK(status[kDuplicate] == SQL_PARAM_ERROR);

  // Unbind, then look at what the server has: every row once, on the same connection.
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0));
  const long statements = std::stol(session_status(st, "COM_INSERT")) - std::stol(inserts_before);
  INFO("INSERT statements sent: " << statements);
  // The rows need about 2.5 MB of SQL: more than 30 batches of under 64 KiB, far fewer
  // than one statement per row (the failed batch is rerun row by row).
  CHECK(statements > 30);
  CHECK(statements < 5000);
  CHECK(st.scalar("SELECT COUNT(*) FROM loss_packet_array") == std::to_string(kRows - 1));
  CHECK(st.scalar("SELECT COUNT(DISTINCT id) FROM loss_packet_array") == std::to_string(kRows - 1));
  CHECK(st.scalar("SELECT name FROM loss_packet_array WHERE id = 49999") ==
        "row-49999-" + std::string(10, static_cast<char>('a' + 49999 % 26)));
  CHECK(server_connection_id(dbc) == connection_before);
  CHECK(reconnects(dbc) == 0);
  st.run("DROP TABLE loss_packet_array");
}
