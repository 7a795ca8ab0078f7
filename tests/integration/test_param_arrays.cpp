// Arrays of parameters: column-wise and row-wise binding, bind offsets, per-row status
// with one failing row, rows processed, ignored rows, and batching of plain INSERTs.
#include <cstring>
#include <string>
#include <vector>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  bool connected = (dbc.connect(), true);  // before the statement is allocated
  Stmt st{dbc};
  void fresh_table() {
    st.run("DROP TABLE IF EXISTS parr");
    st.run("CREATE TABLE parr (id INT PRIMARY KEY, name VARCHAR(20)) ENGINE=InnoDB");
  }
  long long count(const std::string& where = "1") {
    return std::stoll(st.scalar("SELECT COUNT(*) FROM parr WHERE " + where));
  }
  long long com_insert() {
    return std::stoll(st.scalar(
        "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_INSERT'"));
  }
};

SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

SQLLEN diag_row(SQLHSTMT st, SQLSMALLINT record) {
  SQLLEN row = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st, record, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr) == SQL_SUCCESS);
  return row;
}

}  // namespace

TEST_CASE("Parameter arrays: column-wise INSERT with one duplicate key gets exact per-row status",
          "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  f.st.run("INSERT INTO parr VALUES (3, 'already')");
  SQLINTEGER ids[5] = {1, 2, 3, 4, 5};
  char names[5][20] = {"one", "two", "three", "four", "five"};
  SQLLEN name_len[5] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
  SQLUSMALLINT status[5];
  SQLULEN processed = 0;
  SQLHSTMT h = f.st.h;
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(5), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, names, sizeof names[0],
                           name_len) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(h, (SQLCHAR*)"INSERT INTO parr (id, name) VALUES (?, ?)", SQL_NTS) == SQL_SUCCESS);
  CHECK(SQLExecute(h) == SQL_SUCCESS_WITH_INFO);
  CHECK(processed == 5);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_SUCCESS);
  CHECK(status[2] == SQL_PARAM_ERROR);
  CHECK(status[3] == SQL_PARAM_SUCCESS);
  CHECK(status[4] == SQL_PARAM_SUCCESS);
  const auto d = diagnostics(SQL_HANDLE_STMT, h);
  REQUIRE(d.size() == 1);
  CHECK(d[0].sqlstate == "23000");
  CHECK(d[0].native == 1062);
  CHECK(diag_row(h, 1) == 3);
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(h, &affected) == SQL_SUCCESS);
  CHECK(affected == 4);
  // Reset to single rows for the checks.
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.count() == 5);
  CHECK(f.st.scalar("SELECT name FROM parr WHERE id = 3") == "already");
  CHECK(f.st.scalar("SELECT GROUP_CONCAT(name ORDER BY id) FROM parr") == "one,two,already,four,five");
}

TEST_CASE("Parameter arrays: a clean INSERT array is one statement on the server", "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  constexpr int kRows = 100;
  std::vector<SQLINTEGER> ids(kRows);
  for (int i = 0; i < kRows; ++i) ids[i] = i + 1;
  SQLUSMALLINT status[kRows];
  SQLHSTMT h = f.st.h;
  const long long before = f.com_insert();
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(kRows), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecDirect(h, (SQLCHAR*)"INSERT INTO parr (id, name) VALUES (?, 'batch') ;", SQL_NTS) == SQL_SUCCESS);
  for (int i = 0; i < kRows; ++i) CHECK(status[i] == SQL_PARAM_SUCCESS);
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(h, &affected) == SQL_SUCCESS);
  CHECK(affected == kRows);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.com_insert() - before == 1);
  CHECK(f.count() == kRows);
}

TEST_CASE("Parameter arrays: batches split at the size limit and stay exact", "[integration][param_arrays]") {
  Fixture f;
  f.st.run("DROP TABLE IF EXISTS parr_big");
  f.st.run("CREATE TABLE parr_big (id INT PRIMARY KEY, body TEXT) ENGINE=InnoDB");
  constexpr int kRows = 300;
  constexpr int kBody = 5000;  // 300 x 5 KB: more than one 1 MiB batch
  std::vector<SQLINTEGER> ids(kRows);
  std::vector<char> bodies(static_cast<std::size_t>(kRows) * kBody, 'b');
  std::vector<SQLLEN> lengths(kRows, kBody);
  for (int i = 0; i < kRows; ++i) ids[i] = i + 1;
  ids[250] = 7;  // duplicate of row 7: fails
  SQLUSMALLINT status[kRows];
  SQLULEN processed = 0;
  SQLHSTMT h = f.st.h;
  const long long before = f.com_insert();
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(kRows), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids.data(), 0, nullptr) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, kBody, 0, bodies.data(), kBody,
                           lengths.data()) == SQL_SUCCESS);
  CHECK(SQLExecDirect(h, (SQLCHAR*)"INSERT INTO parr_big VALUES (?, ?)", SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  CHECK(processed == kRows);
  int errors = 0;
  for (int i = 0; i < kRows; ++i) {
    if (i == 250) {
      CHECK(status[i] == SQL_PARAM_ERROR);
    } else {
      CHECK(status[i] == SQL_PARAM_SUCCESS);
    }
    errors += status[i] == SQL_PARAM_ERROR;
  }
  CHECK(errors == 1);
  CHECK(diag_row(h, 1) == 251);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.st.scalar("SELECT COUNT(*) FROM parr_big") == std::to_string(kRows - 1));
  CHECK(f.st.scalar("SELECT MIN(LENGTH(body)) FROM parr_big") == std::to_string(kBody));
  // Several batches, then the failing batch again row by row: far fewer statements
  // than rows, and more than one.
  const long long statements = f.com_insert() - before;
  CHECK(statements > 2);
  CHECK(statements < kRows / 2);
}

TEST_CASE("Parameter arrays: row-wise binding with a bind offset, ignored rows, W text",
          "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  struct Row {
    SQLINTEGER id;
    SQLLEN id_ind;
    SQLWCHAR name[12];
    SQLLEN name_len;
  };
  Row rows[6];
  std::memset(rows, 0, sizeof rows);
  // The application's rows start at rows[2]: the offset moves every address.
  const char16_t* words[4] = {u"grüße", u"ein", u"zwei", u"drei"};
  for (int i = 0; i < 4; ++i) {
    Row& r = rows[i + 2];
    r.id = 10 + i;
    r.id_ind = 0;
    std::u16string w(words[i]);
    std::memcpy(r.name, w.data(), w.size() * sizeof(SQLWCHAR));
    r.name_len = static_cast<SQLLEN>(w.size() * sizeof(SQLWCHAR));
  }
  rows[5].id_ind = SQL_NULL_DATA;  // NULL id for the last: fails (primary key)
  SQLLEN offset = 2 * sizeof(Row);
  SQLUSMALLINT operations[4] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED, SQL_PARAM_PROCEED};
  SQLUSMALLINT status[4];
  SQLULEN processed = 0;
  SQLHSTMT h = f.st.h;
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_BIND_TYPE, ptr(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(4), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &rows[0].id, 0, &rows[0].id_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 2, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 12, 0, rows[0].name,
                           sizeof rows[0].name, &rows[0].name_len) == SQL_SUCCESS);
  const std::u16string sql = u"INSERT INTO parr VALUES (?, ?)";
  CHECK(SQLExecDirectW(h, (SQLWCHAR*)sql.c_str(), SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  CHECK(processed == 3);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_UNUSED);
  CHECK(status[2] == SQL_PARAM_SUCCESS);
  CHECK(status[3] == SQL_PARAM_ERROR);
  CHECK(diag_row(h, 1) == 4);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "23000");
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_OPERATION_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.st.scalar("SELECT GROUP_CONCAT(id, '=', name ORDER BY id) FROM parr") == "10=grüße,12=zwei");
}

TEST_CASE("Parameter arrays: other statements run once per parameter set", "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  f.st.run("INSERT INTO parr VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
  SQLINTEGER ids[3] = {1, 3, 99};
  char names[3][4] = {"x", "y", "z"};
  SQLLEN lengths[3] = {1, 1, 1};
  SQLUSMALLINT status[3];
  SQLULEN processed = 0;
  SQLHSTMT h = f.st.h;
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(3), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 4, 0, names, sizeof names[0], lengths) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLExecDirect(h, (SQLCHAR*)"UPDATE parr SET name = ? WHERE id = ?", SQL_NTS) == SQL_SUCCESS);
  CHECK(processed == 3);
  for (int i = 0; i < 3; ++i) CHECK(status[i] == SQL_PARAM_SUCCESS);
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(h, &affected) == SQL_SUCCESS);
  CHECK(affected == 2);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.st.scalar("SELECT GROUP_CONCAT(name ORDER BY id SEPARATOR '') FROM parr") == "xbyd");

  // A conversion error in one set: that set fails before anything is sent, the others run.
  char bad[3][8] = {"5", "six", "7"};
  SQLLEN bad_len[3] = {SQL_NTS, SQL_NTS, SQL_NTS};
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(3), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_INTEGER, 0, 0, bad, sizeof bad[0], bad_len) ==
          SQL_SUCCESS);
  CHECK(SQLExecDirect(h, (SQLCHAR*)"INSERT INTO parr (id, name) VALUES (?, 'n')", SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_ERROR);
  CHECK(status[2] == SQL_PARAM_SUCCESS);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "22018");
  CHECK(diag_row(h, 1) == 2);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.count("id IN (5, 7)") == 2);
  CHECK(f.count() == 6);
}

TEST_CASE("Parameter arrays: every set failing is SQL_ERROR", "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  f.st.run("INSERT INTO parr VALUES (1, 'a'), (2, 'b')");
  SQLINTEGER ids[2] = {1, 2};
  SQLUSMALLINT status[2];
  SQLHSTMT h = f.st.h;
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(2), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr) == SQL_SUCCESS);
  CHECK(SQLExecDirect(h, (SQLCHAR*)"INSERT INTO parr (id) VALUES (?)", SQL_NTS) == SQL_ERROR);
  CHECK(status[0] == SQL_PARAM_ERROR);
  CHECK(status[1] == SQL_PARAM_ERROR);
  const auto d = diagnostics(SQL_HANDLE_STMT, h);
  REQUIRE(d.size() == 2);
  CHECK(diag_row(h, 1) == 1);
  CHECK(diag_row(h, 2) == 2);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.count() == 2);
}

TEST_CASE("Parameter arrays: one parameter set still reports status and processed count",
          "[integration][param_arrays]") {
  Fixture f;
  f.fresh_table();
  SQLINTEGER id = 1;
  SQLUSMALLINT status = 99, operation = SQL_PARAM_PROCEED;
  SQLULEN processed = 99;
  SQLHSTMT h = f.st.h;
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, &status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_OPERATION_PTR, &operation, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(h, (SQLCHAR*)"INSERT INTO parr (id) VALUES (?)", SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLExecute(h) == SQL_SUCCESS);
  CHECK(status == SQL_PARAM_SUCCESS);
  CHECK(processed == 1);
  CHECK(SQLExecute(h) == SQL_ERROR);  // duplicate
  CHECK(status == SQL_PARAM_ERROR);
  CHECK(processed == 1);
  operation = SQL_PARAM_IGNORE;
  id = 2;
  REQUIRE(SQLExecute(h) == SQL_SUCCESS);
  CHECK(status == SQL_PARAM_UNUSED);
  CHECK(processed == 0);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMS_PROCESSED_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_OPERATION_PTR, nullptr, 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(f.count() == 1);
}

TEST_CASE("Parameter arrays: non-transactional tables and a non-strict sql_mode run row by row",
          "[integration][param_arrays]") {
  Fixture f;
  SQLINTEGER ids[4] = {1, 2, 2, 3};
  SQLUSMALLINT status[4];
  SQLHSTMT h = f.st.h;
  auto run_array = [&](const char* table) {
    const long long before = f.com_insert();
    REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(4), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
    REQUIRE(SQLBindParameter(h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0, nullptr) == SQL_SUCCESS);
    const std::string sql = std::string("INSERT INTO ") + table + " (id) VALUES (?)";
    CHECK(SQLExecDirect(h, (SQLCHAR*)sql.c_str(), SQL_NTS) == SQL_SUCCESS_WITH_INFO);
    CHECK(status[0] == SQL_PARAM_SUCCESS);
    CHECK(status[1] == SQL_PARAM_SUCCESS);
    CHECK(status[2] == SQL_PARAM_ERROR);
    CHECK(status[3] == SQL_PARAM_SUCCESS);
    REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(h, SQL_ATTR_PARAM_STATUS_PTR, nullptr, 0) == SQL_SUCCESS);
    REQUIRE(SQLFreeStmt(h, SQL_RESET_PARAMS) == SQL_SUCCESS);
    return f.com_insert() - before;
  };
  f.st.run("DROP TABLE IF EXISTS parr_myisam");
  f.st.run("CREATE TABLE parr_myisam (id INT PRIMARY KEY) ENGINE=MyISAM");
  CHECK(run_array("parr_myisam") == 4);  // one statement per row, none repeated
  CHECK(f.st.scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM parr_myisam") == "1,2,3");

  f.fresh_table();
  f.st.run("SET SESSION sql_mode = ''");
  CHECK(run_array("parr") == 4);
  f.st.run("SET SESSION sql_mode = DEFAULT");
  CHECK(f.count() == 3);
  // Strict again: one batch, then the failing batch row by row.
  f.fresh_table();
  CHECK(run_array("parr") == 5);
  CHECK(f.count() == 3);
}
