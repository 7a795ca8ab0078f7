// Positioned UPDATE and DELETE (WHERE CURRENT OF <cursor>) run on one statement against the
// current row of a static cursor on another statement of the same connection: the row
// SQLSetPos(SQL_POSITION) chose or the rowset's first; A and W, direct and prepared; rows
// another connection changed are left alone (01001); the errors for cursors that are
// unknown, closed, not on a row, forward-only or without a key.
#include <cstring>
#include <string>

#include "connected_fixture.h"
#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture : TwoConnections {
  Fixture() {
    Stmt st(dbc);
    st.run("DROP TABLE IF EXISTS pos_items");
    st.run("CREATE TABLE pos_items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
    st.run("INSERT INTO pos_items SELECT seq, CONCAT('item', seq), seq * 10 FROM seq_1_to_6");
  }
};

SQLPOINTER ptr(SQLULEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// A static cursor over the items in rowsets of two, named `name` (default name if null).
struct Cursor {
  Stmt st;
  SQLINTEGER id[2] = {};
  SQLLEN id_ind[2] = {};
  SQLUSMALLINT status[2] = {};

  Cursor(Dbc& dbc, const char* name, const char* sql = "SELECT id, name, qty FROM pos_items ORDER BY id",
         SQLULEN type = SQL_CURSOR_STATIC)
      : st(dbc) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(type), 0) == SQL_SUCCESS);
    if (type == SQL_CURSOR_STATIC) {
      REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
      REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
    }
    if (name) REQUIRE(SQLSetCursorName(st.h, (SQLCHAR*)name, SQL_NTS) == SQL_SUCCESS);
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, id, 0, id_ind) == SQL_SUCCESS);
  }
};

std::string item(Dbc& dbc, int id) {
  Stmt st(dbc);
  return st.scalar("SELECT CONCAT_WS('/', name, qty) FROM pos_items WHERE id = " + std::to_string(id));
}

std::string count(Dbc& dbc, const std::string& where = "1") {
  Stmt st(dbc);
  return st.scalar("SELECT COUNT(*) FROM pos_items WHERE " + where);
}

std::basic_string<SQLWCHAR> wide(const std::string& ascii) { return {ascii.begin(), ascii.end()}; }

SQLLEN row_count(SQLHSTMT h) {
  SQLLEN n = -2;
  REQUIRE(SQLRowCount(h, &n) == SQL_SUCCESS);
  return n;
}

}  // namespace

TEST_CASE("Positioned UPDATE and DELETE change the cursor's current row only", "[integration][positioned]") {
  Fixture f;
  Cursor c(f.dbc, "items_cur");
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 3) == SQL_SUCCESS);  // rows 3 and 4; current: 3
  Stmt pos(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET name = 'third', qty = qty + 1 WHERE CURRENT OF items_cur"));
  CHECK(row_count(pos.h) == 1);
  CHECK(item(f.other, 3) == "third/31");
  CHECK(item(f.other, 4) == "item4/40");
  CHECK(count(f.other, "name LIKE 'item%'") == "5");
  // A second change of the same row: the cursor re-read it after the first.
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET qty = qty * 2 WHERE CURRENT OF items_cur"));
  CHECK(item(f.other, 3) == "third/62");
  // SQLSetPos(SQL_POSITION) picks the row; names compare without regard to case.
  REQUIRE(SQLSetPos(c.st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("DELETE FROM pos_items WHERE CURRENT OF ITEMS_CUR"));
  CHECK(row_count(pos.h) == 1);
  CHECK(count(f.other) == "5");
  CHECK(count(f.other, "id = 4") == "0");
  // The deleted row cannot be changed again.
  CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF items_cur") == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "24000");
  CHECK(count(f.other) == "5");
  // The cursor sees what its positioned statements did.
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 3) == SQL_SUCCESS);
  CHECK(c.status[0] == SQL_ROW_UPDATED);
  CHECK(c.status[1] == SQL_ROW_DELETED);
  char name[24];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(c.st.h, 2, SQL_C_CHAR, name, sizeof name, &ind) == SQL_SUCCESS);
  CHECK(std::string(name) == "third");
}

TEST_CASE("Positioned statements prepared once run on each current row, W forms and parameters",
          "[integration][positioned]") {
  Fixture f;
  Cursor c(f.dbc, nullptr);  // the driver's default name, asked for with SQLGetCursorNameW
  SQLWCHAR cursor_name[32];
  SQLSMALLINT length = 0;
  REQUIRE(SQLGetCursorNameW(c.st.h, cursor_name, 32, &length) == SQL_SUCCESS);
  const std::basic_string<SQLWCHAR> name(cursor_name, static_cast<std::size_t>(length));
  Stmt pos(f.dbc);
  const std::basic_string<SQLWCHAR> sql = wide("UPDATE pos_items SET name = ? WHERE CURRENT OF ") + name;
  REQUIRE(SQLPrepareW(pos.h, const_cast<SQLWCHAR*>(sql.c_str()), SQL_NTS) == SQL_SUCCESS);
  SQLSMALLINT params = 0;
  REQUIRE(SQLNumParams(pos.h, &params) == SQL_SUCCESS);
  CHECK(params == 1);
  char value[16] = "first";
  SQLLEN value_ind = SQL_NTS;
  REQUIRE(SQLBindParameter(pos.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, value, sizeof value,
                           &value_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);  // rows 1 and 2
  ODBC_OK(SQL_HANDLE_STMT, pos.h, SQLExecute(pos.h));
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);  // rows 3 and 4
  REQUIRE(SQLSetPos(c.st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  std::strcpy(value, "it's 4");
  ODBC_OK(SQL_HANDLE_STMT, pos.h, SQLExecute(pos.h));
  CHECK(item(f.other, 1) == "first/10");
  CHECK(item(f.other, 2) == "item2/20");
  CHECK(item(f.other, 3) == "item3/30");
  CHECK(item(f.other, 4) == "it's 4/40");
  // DELETE through SQLExecDirectW, the name quoted.
  const std::basic_string<SQLWCHAR> del = wide("DELETE FROM pos_items WHERE CURRENT OF `") + name + wide("`");
  ODBC_OK(SQL_HANDLE_STMT, pos.h, SQLExecDirectW(pos.h, const_cast<SQLWCHAR*>(del.c_str()), SQL_NTS));
  CHECK(count(f.other) == "5");
  CHECK(count(f.other, "id = 4") == "0");
}

TEST_CASE("A positioned statement leaves a row another connection changed: 01001", "[integration][positioned]") {
  Fixture f;
  Cursor c(f.dbc, "conflict_cur");
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  Stmt o(f.other);
  o.run("UPDATE pos_items SET qty = 99 WHERE id = 1");
  Stmt pos(f.dbc);
  CHECK(pos.exec("UPDATE pos_items SET name = 'mine' WHERE CURRENT OF conflict_cur") == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "01001");
  CHECK(row_count(pos.h) == 0);
  CHECK(item(f.other, 1) == "item1/99");
  CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF conflict_cur") == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "01001");
  CHECK(count(f.other, "id = 1") == "1");
  // An update that leaves the row as it was still matched it: success, one row.
  REQUIRE(SQLSetPos(c.st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET qty = 20 WHERE CURRENT OF conflict_cur"));
  CHECK(row_count(pos.h) == 1);
  // After a refresh the cursor holds the row as it is: the change goes through.
  REQUIRE(SQLSetPos(c.st.h, 1, SQL_REFRESH, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET name = 'mine' WHERE CURRENT OF conflict_cur"));
  CHECK(item(f.other, 1) == "mine/99");
}

TEST_CASE("Positioned statements refuse unknown, closed and unpositioned cursors", "[integration][positioned]") {
  Fixture f;
  Stmt pos(f.dbc);
  CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF nowhere") == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "34000");
  {
    Cursor c(f.dbc, "state_cur");
    // Open, but no rowset fetched yet.
    CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF state_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "24000");
    // After the end.
    REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 7) == SQL_NO_DATA);
    CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF state_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "24000");
    // Closed.
    REQUIRE(SQLCloseCursor(c.st.h) == SQL_SUCCESS);
    CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF state_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "34000");
  }
  // Freed: the name is gone.
  CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF state_cur") == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "34000");
  CHECK(count(f.other) == "6");
}

TEST_CASE("Positioned statements refuse rows no key identifies, other tables and forward-only cursors",
          "[integration][positioned]") {
  Fixture f;
  Stmt setup(f.dbc);
  setup.run("DROP TABLE IF EXISTS pos_nokey");
  setup.run("CREATE TABLE pos_nokey (a INT, b INT)");
  setup.run("INSERT INTO pos_nokey VALUES (1, 1), (1, 1)");
  Stmt pos(f.dbc);
  {
    Cursor c(f.dbc, "nokey_cur", "SELECT a, b FROM pos_nokey");
    REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
    CHECK(pos.exec("DELETE FROM pos_nokey WHERE CURRENT OF nokey_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "HY000");
    CHECK(diagnostics(SQL_HANDLE_STMT, pos.h).front().message.find("key") != std::string::npos);
    CHECK(setup.scalar("SELECT COUNT(*) FROM pos_nokey") == "2");
  }
  {
    Cursor c(f.dbc, "join_cur", "SELECT i.id, n.a FROM pos_items i JOIN pos_nokey n ON n.a = i.id");
    REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
    CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF join_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "HY000");
  }
  {
    // The statement names another table than the cursor's: nothing is sent.
    setup.run("DROP TABLE IF EXISTS pos_twin");
    setup.run("CREATE TABLE pos_twin LIKE pos_items");
    setup.run("INSERT INTO pos_twin SELECT * FROM pos_items");
    Cursor c(f.dbc, "twin_cur");
    REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
    CHECK(pos.exec("DELETE FROM pos_twin WHERE CURRENT OF twin_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "HY000");
    CHECK(setup.scalar("SELECT COUNT(*) FROM pos_twin") == "6");
  }
  {
    Cursor c(f.dbc, "fwd_cur", "SELECT id, name FROM pos_items ORDER BY id", SQL_CURSOR_FORWARD_ONLY);
    REQUIRE(SQLFetch(c.st.h) == SQL_SUCCESS);
    CHECK(pos.exec("DELETE FROM pos_items WHERE CURRENT OF fwd_cur") == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, pos.h) == "HY000");
    CHECK(diagnostics(SQL_HANDLE_STMT, pos.h).front().message.find("SQL_CURSOR_STATIC") != std::string::npos);
  }
  CHECK(count(f.other) == "6");
}

TEST_CASE("WHERE CURRENT OF inside a string or comment is no positioned statement", "[integration][positioned]") {
  Fixture f;
  Cursor c(f.dbc, "c");
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  Stmt pos(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET name = 'WHERE CURRENT OF c' WHERE id = 5"));
  CHECK(item(f.other, 5) == "WHERE CURRENT OF c/50");
  CHECK(item(f.other, 1) == "item1/10");
  // A searched UPDATE whose WHERE CURRENT OF is commented out changes every row.
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET qty = 0 /* WHERE CURRENT OF c */"));
  CHECK(row_count(pos.h) == 6);
  // A cursor from SELECT ... FOR UPDATE (SQL_PS_SELECT_FOR_UPDATE).
  Cursor u(f.dbc, "for_update_cur", "SELECT id, name, qty FROM pos_items ORDER BY id FOR UPDATE");
  REQUIRE(SQLFetchScroll(u.st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);  // rows 5 and 6; current: 5
  ODBC_OK(SQL_HANDLE_STMT, pos.h, pos.exec("UPDATE pos_items SET qty = 5 WHERE CURRENT OF for_update_cur"));
  CHECK(item(f.other, 5) == "WHERE CURRENT OF c/5");
  CHECK(count(f.other, "qty = 0") == "5");
}

TEST_CASE("SQLGetInfo reports positioned UPDATE and DELETE on static cursors", "[integration][positioned]") {
  Fixture f;
  SQLUINTEGER value = 0;
  REQUIRE(SQLGetInfo(f.dbc.h, SQL_POSITIONED_STATEMENTS, &value, sizeof value, nullptr) == SQL_SUCCESS);
  CHECK((value & (SQL_PS_POSITIONED_UPDATE | SQL_PS_POSITIONED_DELETE)) ==
        (SQL_PS_POSITIONED_UPDATE | SQL_PS_POSITIONED_DELETE));
  REQUIRE(SQLGetInfo(f.dbc.h, SQL_STATIC_CURSOR_ATTRIBUTES1, &value, sizeof value, nullptr) == SQL_SUCCESS);
  CHECK((value & SQL_CA1_POSITIONED_UPDATE) != 0);
  CHECK((value & SQL_CA1_POSITIONED_DELETE) != 0);
  REQUIRE(SQLGetInfo(f.dbc.h, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, &value, sizeof value, nullptr) == SQL_SUCCESS);
  CHECK((value & (SQL_CA1_POSITIONED_UPDATE | SQL_CA1_POSITIONED_DELETE)) == 0);
}
