// Data at execution: SQL_DATA_AT_EXEC and SQL_LEN_DATA_AT_EXEC(n), SQLParamData naming
// each parameter, SQLPutData pieces (character in A and W with characters split across
// pieces, binary, NULL, a 1 MiB value in 64 KiB pieces), sequence errors, SQLCancel,
// parameter arrays.
#include <cstring>
#include <string>
#include <vector>

#include "connected_fixture.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture : ConnectedStatement {
  Stmt check{dbc};  // reads back without touching `st`
  void fresh_table() {
    check.run("DROP TABLE IF EXISTS dae");
    check.run("CREATE TABLE dae (id INT PRIMARY KEY, txt LONGTEXT CHARACTER SET utf8mb4, bin LONGBLOB, n INT)");
  }
};

SQLPOINTER token(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

// SQLParamData returns SQL_NEED_DATA and names `expected`.
void expect_named(SQLHSTMT st, SQLPOINTER expected) {
  SQLPOINTER named = nullptr;
  INFO(describe(SQL_HANDLE_STMT, st));
  REQUIRE(SQLParamData(st, &named) == SQL_NEED_DATA);
  CHECK(named == expected);
}

// The last SQLParamData: the statement runs.
void expect_done(SQLHSTMT st) {
  SQLPOINTER named = nullptr;
  const SQLRETURN rc = SQLParamData(st, &named);
  INFO(describe(SQL_HANDLE_STMT, st));
  REQUIRE(SQL_SUCCEEDED(rc));
}

}  // namespace

TEST_CASE_METHOD(Fixture, "data at exec: character pieces in A with a UTF-8 character split across pieces",
                 "[integration][data_at_exec]") {
  fresh_table();
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO dae (id, txt) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER id = 1;
  SQLLEN id_ind = 0, txt_ind = SQL_DATA_AT_EXEC;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, 0, 0, token(2), 0, &txt_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(2));
  // "h" + first byte of "é" | second byte + "llo 'q' \\ end" (quote and backslash escaped)
  REQUIRE(SQLPutData(st.h, C("h\xC3"), 2) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, C("\xA9llo 'q' \\"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, C(" end"), 4) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT txt FROM dae WHERE id = 1") == "h\xC3\xA9llo 'q' \\ end");
  CHECK(check.scalar("SELECT CHAR_LENGTH(txt) FROM dae WHERE id = 1") == "15");

  // Executed again: a new sequence, the new pieces only.
  id = 2;
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(2));
  REQUIRE(SQLPutData(st.h, C("second"), SQL_NTS) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT txt FROM dae WHERE id = 2") == "second");
}

TEST_CASE_METHOD(Fixture, "data at exec: wide pieces with a surrogate pair split across pieces, SQLExecDirectW",
                 "[integration][data_at_exec]") {
  fresh_table();
  SQLINTEGER id = 3;
  SQLLEN id_ind = 0, txt_ind = SQL_LEN_DATA_AT_EXEC(10);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WLONGVARCHAR, 0, 0, token(7), 0, &txt_ind) ==
          SQL_SUCCESS);
  const std::u16string sql = u"INSERT INTO dae (id, txt) VALUES (?, ?)";
  REQUIRE(SQLExecDirectW(st.h, (SQLWCHAR*)sql.c_str(), SQL_NTS) == SQL_NEED_DATA);
  expect_named(st.h, token(7));
  // "é😀" then "x": U+1F600 is D83D DE00, split between the two pieces.
  const SQLWCHAR first[] = {0x00E9, 0xD83D};
  const SQLWCHAR second[] = {0xDE00, u'x', 0};
  REQUIRE(SQLPutData(st.h, (SQLPOINTER)first, sizeof first) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, (SQLPOINTER)second, SQL_NTS) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT HEX(txt) FROM dae WHERE id = 3") == "C3A9F09F988078");
  // SQLExecDirect leaves nothing prepared.
  CHECK(SQLExecute(st.h) == SQL_ERROR);
}

TEST_CASE_METHOD(Fixture, "data at exec: binary pieces, SQL_NULL_DATA, a fixed-size value, two parameters in order",
                 "[integration][data_at_exec]") {
  fresh_table();
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO dae (id, bin, txt, n) VALUES (?, ?, ?, ?)"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER id = 4;
  SQLLEN id_ind = 0, bin_ind = SQL_DATA_AT_EXEC, txt_ind = SQL_DATA_AT_EXEC, n_ind = SQL_DATA_AT_EXEC;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, 0, 0, token(20), 0, &bin_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, 0, 0, token(30), 0, &txt_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 4, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, token(40), 0, &n_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(20));
  const unsigned char b1[] = {0x00, 0x27, 0x5C};
  const unsigned char b2[] = {0xFF, 0x00};
  REQUIRE(SQLPutData(st.h, (SQLPOINTER)b1, sizeof b1) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, (SQLPOINTER)b2, sizeof b2) == SQL_SUCCESS);
  expect_named(st.h, token(30));
  REQUIRE(SQLPutData(st.h, nullptr, SQL_NULL_DATA) == SQL_SUCCESS);
  expect_named(st.h, token(40));
  SQLINTEGER n = -77;
  REQUIRE(SQLPutData(st.h, &n, 0) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT HEX(bin) FROM dae WHERE id = 4") == "00275CFF00");
  CHECK(check.scalar("SELECT txt FROM dae WHERE id = 4") == "<NULL>");
  CHECK(check.scalar("SELECT n FROM dae WHERE id = 4") == "-77");
}

TEST_CASE_METHOD(Fixture, "data at exec: a 1 MiB value in 64 KiB pieces with SQL_LEN_DATA_AT_EXEC",
                 "[integration][data_at_exec]") {
  fresh_table();
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO dae (id, txt, bin) VALUES (5, ?, ?)"), SQL_NTS) == SQL_SUCCESS);
  constexpr std::size_t kTotal = 1 << 20, kPiece = 64 << 10;
  SQLLEN txt_ind = SQL_LEN_DATA_AT_EXEC(static_cast<SQLLEN>(kTotal));
  SQLLEN bin_ind = SQL_LEN_DATA_AT_EXEC(static_cast<SQLLEN>(kTotal));
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_LONGVARCHAR, kTotal, 0, token(1), 0, &txt_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY, kTotal, 0, token(2), 0,
                           &bin_ind) == SQL_SUCCESS);
  // 8-byte pattern with a quote and a backslash: every piece must be escaped.
  std::string text_piece, bin_piece;
  for (std::size_t i = 0; i < kPiece / 8; ++i) text_piece += "ab'c\\de\"";
  for (std::size_t i = 0; i < kPiece; ++i) bin_piece += static_cast<char>(i & 0xFF);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(1));
  for (std::size_t sent = 0; sent < kTotal; sent += kPiece)
    REQUIRE(SQLPutData(st.h, text_piece.data(), static_cast<SQLLEN>(kPiece)) == SQL_SUCCESS);
  expect_named(st.h, token(2));
  for (std::size_t sent = 0; sent < kTotal; sent += kPiece)
    REQUIRE(SQLPutData(st.h, bin_piece.data(), static_cast<SQLLEN>(kPiece)) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT LENGTH(txt) FROM dae WHERE id = 5") == std::to_string(kTotal));
  CHECK(check.scalar("SELECT txt = REPEAT('ab''c\\\\de\"', 131072) FROM dae WHERE id = 5") == "1");
  CHECK(check.scalar("SELECT LENGTH(bin) FROM dae WHERE id = 5") == std::to_string(kTotal));
  CHECK(check.scalar("SELECT SUBSTRING(bin, 65537, 256) = SUBSTRING(bin, 1, 256) AND ORD(SUBSTRING(bin, 256, 1)) = 255 "
                  "FROM dae WHERE id = 5") == "1");
}

TEST_CASE_METHOD(Fixture, "data at exec: sequence errors, HY019, HY020, SQLCancel ends the sequence",
                 "[integration][data_at_exec]") {
  fresh_table();
  SQLPOINTER named = nullptr;
  // Nothing waits for data.
  CHECK(SQLParamData(st.h, &named) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");

  REQUIRE(SQLPrepare(st.h, C("INSERT INTO dae (id, n) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER id = 6;
  SQLLEN id_ind = 0, n_ind = SQL_DATA_AT_EXEC;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &id, 0, &id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, token(2), 0, &n_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  // SQLPutData before SQLParamData named a parameter.
  SQLINTEGER n = 5;
  CHECK(SQLPutData(st.h, &n, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  // Any other statement function mid-sequence.
  CHECK(SQLExecute(st.h) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  CHECK(SQLExecDirect(st.h, C("SELECT 1"), SQL_NTS) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  expect_named(st.h, token(2));
  REQUIRE(SQLPutData(st.h, &n, 0) == SQL_SUCCESS);
  // A second piece of an integer: HY019, and the sequence is over.
  CHECK(SQLPutData(st.h, &n, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY019");
  CHECK(SQLParamData(st.h, &named) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  // SQLCancel ends a sequence: nothing was inserted, the statement runs again.
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(2));
  REQUIRE(SQLPutData(st.h, &n, 0) == SQL_SUCCESS);
  REQUIRE(SQLCancel(st.h) == SQL_SUCCESS);
  CHECK(SQLPutData(st.h, &n, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY010");
  CHECK(check.scalar("SELECT COUNT(*) FROM dae") == "0");
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(2));
  // NULL, then a piece: HY020.
  REQUIRE(SQLPutData(st.h, nullptr, SQL_NULL_DATA) == SQL_SUCCESS);
  CHECK(SQLPutData(st.h, &n, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY020");
  CHECK(check.scalar("SELECT COUNT(*) FROM dae") == "0");
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(2));
  REQUIRE(SQLPutData(st.h, nullptr, SQL_NULL_DATA) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT COALESCE(n, 'null') FROM dae WHERE id = 6") == "null");
  // A bad length for a character piece.
  REQUIRE(SQLPrepare(st.h, C("INSERT INTO dae (id, txt) VALUES (7, ?)"), SQL_NTS) == SQL_SUCCESS);
  SQLLEN txt_ind = SQL_DATA_AT_EXEC;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, token(1), 0, &txt_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(1));
  CHECK(SQLPutData(st.h, C("x"), -7) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY090");
  REQUIRE(SQLExecute(st.h) == SQL_NEED_DATA);
  expect_named(st.h, token(1));
  REQUIRE(SQLPutData(st.h, C("o"), 1) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, C("k"), SQL_NTS) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(check.scalar("SELECT txt FROM dae WHERE id = 7") == "ok");
}

TEST_CASE_METHOD(Fixture, "data at exec: a parameter array, one set at a time, with per-set status",
                 "[integration][data_at_exec]") {
  fresh_table();
  constexpr SQLULEN kRows = 3;
  SQLINTEGER ids[kRows] = {10, 11, 12};
  SQLLEN id_ind[kRows] = {0, 0, 0};
  // Column-wise: row 0 has its text in the buffer, rows 1 and 2 send it at execution.
  char texts[kRows][8] = {"inline", "", ""};
  SQLLEN txt_ind[kRows] = {SQL_NTS, SQL_DATA_AT_EXEC, SQL_LEN_DATA_AT_EXEC(3)};
  SQLUSMALLINT status[kRows] = {};
  SQLULEN processed = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(kRows), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, ids, 0, id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 8, 0, texts, 8, txt_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecDirect(st.h, C("INSERT INTO dae (id, txt) VALUES (?, ?)"), SQL_NTS) == SQL_NEED_DATA);
  // Row 0 ran already; SQLParamData names row 1's element of the array.
  CHECK(processed == 1);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  expect_named(st.h, texts[1]);
  REQUIRE(SQLPutData(st.h, C("one"), 3) == SQL_SUCCESS);
  // Row 1 runs; SQLParamData names row 2's at once.
  expect_named(st.h, texts[2]);
  REQUIRE(SQLPutData(st.h, C("two"), 3) == SQL_SUCCESS);
  expect_done(st.h);
  CHECK(processed == 3);
  CHECK(status[1] == SQL_PARAM_SUCCESS);
  CHECK(status[2] == SQL_PARAM_SUCCESS);
  SQLLEN rows = 0;
  REQUIRE(SQLRowCount(st.h, &rows) == SQL_SUCCESS);
  CHECK(rows == 3);
  CHECK(check.scalar("SELECT GROUP_CONCAT(txt ORDER BY id) FROM dae") == "inline,one,two");
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0) == SQL_SUCCESS);
}

TEST_CASE_METHOD(Fixture, "parameter arrays: a row with a server warning is SQL_PARAM_SUCCESS_WITH_INFO",
                 "[integration][data_at_exec]") {
  check.run("DROP TABLE IF EXISTS dae_warn");
  check.run("CREATE TABLE dae_warn (id INT PRIMARY KEY, d DECIMAL(5,1)) ENGINE=InnoDB");
  constexpr SQLULEN kRows = 3;
  SQLINTEGER ids[kRows] = {1, 2, 3};
  // Row 2's value is rounded to one decimal: a note "Data truncated ... at row N".
  char values[kRows][8] = {"1.5", "2.25", "3.5"};
  SQLLEN id_ind[kRows] = {0, 0, 0}, v_ind[kRows] = {SQL_NTS, SQL_NTS, SQL_NTS};
  SQLUSMALLINT status[kRows] = {};
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(kRows), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, ids, 0, id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 5, 2, values, 8, v_ind) == SQL_SUCCESS);
  SECTION("batched INSERT") {
    REQUIRE(SQLExecDirect(st.h, C("INSERT INTO dae_warn (id, d) VALUES (?, ?)"), SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  }
  SECTION("one statement per set") {
    REQUIRE(SQLExecDirect(st.h, C("INSERT INTO dae_warn (id, d) SELECT ?, ?"), SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  }
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_SUCCESS_WITH_INFO);
  CHECK(status[2] == SQL_PARAM_SUCCESS);
  SQLLEN row = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr) == SQL_SUCCESS);
  CHECK(row == 2);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0) == SQL_SUCCESS);
  CHECK(check.scalar("SELECT GROUP_CONCAT(d ORDER BY id) FROM dae_warn") == "1.5,2.3,3.5");
}
