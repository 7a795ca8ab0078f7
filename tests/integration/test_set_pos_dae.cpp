// Data at execution in SQLSetPos(SQL_UPDATE) and SQLBulkOperations(SQL_ADD): a bound
// column whose length is SQL_DATA_AT_EXEC or SQL_LEN_DATA_AT_EXEC(n) makes the call return
// SQL_NEED_DATA, SQLParamData names the column's buffer for that row, SQLPutData sends the
// value in pieces, and the last SQLParamData runs the operation (nothing is written
// before). Sequence errors and SQLCancel.
#include <cstring>
#include <string>

#include "connected_fixture.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture : TwoConnections {
  Fixture() {
    Stmt st(dbc);
    st.run("DROP TABLE IF EXISTS dae_items");
    st.run("CREATE TABLE dae_items (id INT PRIMARY KEY, name VARCHAR(200), qty INT)");
    st.run("INSERT INTO dae_items SELECT seq, CONCAT('item', seq), seq * 10 FROM seq_1_to_4");
  }
};

SQLPOINTER ptr(SQLULEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// A static cursor with optimistic concurrency, rowsets of two, columns bound column-wise.
struct Cursor {
  Stmt st;
  SQLINTEGER id[2] = {};
  SQLLEN id_ind[2] = {};
  char name[2][24] = {};
  SQLLEN name_ind[2] = {};
  SQLINTEGER qty[2] = {};
  SQLLEN qty_ind[2] = {};
  SQLUSMALLINT status[2] = {};

  explicit Cursor(Dbc& dbc, const char* sql = "SELECT id, name, qty FROM dae_items ORDER BY id") : st(dbc) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, id, 0, id_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, name, sizeof name[0], name_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 3, SQL_C_SLONG, qty, 0, qty_ind) == SQL_SUCCESS);
  }
};

std::string item(Dbc& dbc, int id) {
  Stmt st(dbc);
  return st.scalar("SELECT CONCAT_WS('/', IFNULL(name, 'NULL'), qty) FROM dae_items WHERE id = " + std::to_string(id));
}

SQLRETURN put(SQLHSTMT h, const std::string& piece) {
  return SQLPutData(h, const_cast<char*>(piece.data()), static_cast<SQLLEN>(piece.size()));
}

}  // namespace

TEST_CASE("SQLSetPos SQL_UPDATE sends a data-at-execution column in pieces", "[integration][setpos_dae]") {
  Fixture f;
  Cursor c(f.dbc);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);  // rows 1 and 2
  c.name_ind[1] = SQL_LEN_DATA_AT_EXEC(0);
  c.qty[1] = 222;
  REQUIRE(SQLSetPos(c.st.h, 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(c.name[1]));  // the column's buffer for row 2
  const std::string long_value(150, 'x');
  REQUIRE(put(c.st.h, "it's ") == SQL_SUCCESS);
  REQUIRE(put(c.st.h, long_value) == SQL_SUCCESS);
  CHECK(item(f.other, 2) == "item2/20");  // nothing written yet
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLParamData(c.st.h, &token));
  CHECK(item(f.other, 2) == "it's " + long_value + "/222");
  CHECK(item(f.other, 1) == "item1/10");
  CHECK(c.status[1] == SQL_ROW_UPDATED);
  SQLLEN count = 0;
  REQUIRE(SQLRowCount(c.st.h, &count) == SQL_SUCCESS);
  CHECK(count == 1);
  // SQL_DATA_AT_EXEC for both rows of the rowset (row 0): SQL_NULL_DATA for one, in order.
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);  // rows 3 and 4
  c.name_ind[0] = SQL_DATA_AT_EXEC;
  c.name_ind[1] = SQL_DATA_AT_EXEC;
  c.qty_ind[0] = c.qty_ind[1] = SQL_DATA_AT_EXEC;
  REQUIRE(SQLSetPos(c.st.h, 0, SQL_UPDATE, SQL_LOCK_NO_CHANGE) == SQL_NEED_DATA);
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(c.name[0]));
  REQUIRE(put(c.st.h, "three") == SQL_SUCCESS);
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(&c.qty[0]));
  SQLINTEGER three = 33;
  REQUIRE(SQLPutData(c.st.h, &three, 0) == SQL_SUCCESS);
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(c.name[1]));
  REQUIRE(SQLPutData(c.st.h, nullptr, SQL_NULL_DATA) == SQL_SUCCESS);
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(&c.qty[1]));
  SQLINTEGER four = 44;
  REQUIRE(SQLPutData(c.st.h, &four, sizeof four) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLParamData(c.st.h, &token));
  CHECK(item(f.other, 3) == "three/33");
  CHECK(item(f.other, 4) == "NULL/44");
}

TEST_CASE("SQLBulkOperations SQL_ADD with data at execution, wide text and row-wise binding",
          "[integration][setpos_dae]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, name, qty FROM dae_items ORDER BY id"));
  struct Row {
    SQLINTEGER id;
    SQLLEN id_ind;
    SQLWCHAR name[8];
    SQLLEN name_ind;
  } rows[3] = {};
  SQLLEN offset = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, ptr(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_WCHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  offset = sizeof(Row);  // the rowset to add is rows[1], rows[2]
  rows[1].id = 10;
  rows[1].id_ind = 0;
  rows[1].name_ind = SQL_LEN_DATA_AT_EXEC(12);
  rows[2].id = 11;
  rows[2].id_ind = 0;
  rows[2].name_ind = SQL_DATA_AT_EXEC;
  REQUIRE(SQLBulkOperations(st.h, SQL_ADD) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(rows[1].name));
  const SQLWCHAR first[] = {'G', 0x00FC, 'n'};
  const SQLWCHAR second[] = {'t', 'e', 'r', 0x20AC};
  REQUIRE(SQLPutData(st.h, const_cast<SQLWCHAR*>(first), sizeof first) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, const_cast<SQLWCHAR*>(second), sizeof second) == SQL_SUCCESS);
  REQUIRE(SQLParamData(st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(rows[2].name));
  REQUIRE(put(st.h, "") == SQL_SUCCESS);  // an empty string, not NULL
  Stmt o(f.other);
  CHECK(o.scalar("SELECT COUNT(*) FROM dae_items") == "4");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLParamData(st.h, &token));
  CHECK(o.scalar("SELECT HEX(name) FROM dae_items WHERE id = 10") == "47C3BC6E746572E282AC");
  CHECK(o.scalar("SELECT CONCAT('[', name, ']') FROM dae_items WHERE id = 11") == "[]");
  CHECK(o.scalar("SELECT COUNT(*) FROM dae_items") == "6");
}

TEST_CASE("SQLSetPos SQL_ADD of one row with a data-at-execution column", "[integration][setpos_dae]") {
  Fixture f;
  Cursor c(f.dbc);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  c.id[1] = 30;
  c.name_ind[1] = SQL_DATA_AT_EXEC;
  c.qty[1] = 3;
  REQUIRE(SQLSetPos(c.st.h, 2, SQL_ADD, SQL_LOCK_NO_CHANGE) == SQL_NEED_DATA);
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(c.name[1]));
  REQUIRE(SQLPutData(c.st.h, const_cast<char*>("added"), SQL_NTS) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLParamData(c.st.h, &token));
  CHECK(item(f.other, 30) == "added/3");
  Stmt o(f.other);
  CHECK(o.scalar("SELECT COUNT(*) FROM dae_items") == "5");  // row 1 of the rowset was not added
}

TEST_CASE("Data at execution in SQLSetPos: sequence errors and SQLCancel", "[integration][setpos_dae]") {
  Fixture f;
  Cursor c(f.dbc);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  c.name_ind[0] = SQL_DATA_AT_EXEC;
  REQUIRE(SQLSetPos(c.st.h, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE) == SQL_NEED_DATA);
  // SQLPutData before SQLParamData named the column, and other calls meanwhile: HY010.
  CHECK(put(c.st.h, "early") == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY010");
  SQLPOINTER token = nullptr;
  REQUIRE(SQLParamData(c.st.h, &token) == SQL_NEED_DATA);
  CHECK(token == static_cast<SQLPOINTER>(c.name[0]));
  CHECK(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY010");
  // SQLCancel ends the sequence: nothing was written, the cursor works on.
  REQUIRE(put(c.st.h, "cancelled") == SQL_SUCCESS);
  REQUIRE(SQLCancel(c.st.h) == SQL_SUCCESS);
  CHECK(SQLParamData(c.st.h, &token) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY010");
  CHECK(item(f.other, 1) == "item1/10");
  std::strcpy(c.name[0], "plain");
  c.name_ind[0] = SQL_NTS;
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLSetPos(c.st.h, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE));
  CHECK(item(f.other, 1) == "plain/10");
  // A result no key identifies is refused at once, before any data is asked for.
  Stmt setup(f.dbc);
  setup.run("DROP TABLE IF EXISTS dae_nokey");
  setup.run("CREATE TABLE dae_nokey (id INT, name VARCHAR(20), qty INT)");
  setup.run("INSERT INTO dae_nokey VALUES (1, 'a', 1)");
  Cursor k(f.dbc, "SELECT id, name, qty FROM dae_nokey");
  REQUIRE(SQLFetchScroll(k.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  k.name_ind[0] = SQL_DATA_AT_EXEC;
  CHECK(SQLSetPos(k.st.h, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, k.st.h) == "HY000");
  CHECK(SQLParamData(k.st.h, &token) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, k.st.h) == "HY010");
}
