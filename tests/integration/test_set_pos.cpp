// SQLSetPos and SQLBulkOperations on a static cursor: positioning with SQLGetData,
// refreshing rows another connection changed or deleted, updating and deleting by key
// with optimistic concurrency, refusals where a key cannot identify the row, adding rows.
#include <cstring>
#include <string>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Dbc other{env};  // a second connection that changes rows under the cursor
  Fixture() {
    dbc.connect();
    other.connect();
    Stmt st(dbc);
    st.run("DROP TABLE IF EXISTS setpos_items");
    st.run("CREATE TABLE setpos_items (id INT PRIMARY KEY, name VARCHAR(20), qty INT, price DOUBLE)");
    st.run("INSERT INTO setpos_items SELECT seq, CONCAT('item', seq), seq * 10, seq / 4 FROM seq_1_to_10");
  }
};

SQLPOINTER ptr(SQLULEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// A static cursor with optimistic concurrency over the items, rowsets of three, id, name
// and qty bound.
struct Cursor {
  Stmt st;
  SQLINTEGER id[3];
  SQLLEN id_ind[3];
  char name[3][24];
  SQLLEN name_ind[3];
  SQLINTEGER qty[3];
  SQLLEN qty_ind[3];
  SQLULEN fetched = 0;
  SQLUSMALLINT status[3];

  explicit Cursor(Dbc& dbc, SQLULEN concurrency = SQL_CONCUR_VALUES,
                  const char* sql = "SELECT id, name, qty, price FROM setpos_items ORDER BY id")
      : st(dbc) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(concurrency), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(3), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, id, 0, id_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, name, sizeof name[0], name_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 3, SQL_C_SLONG, qty, 0, qty_ind) == SQL_SUCCESS);
  }
  SQLRETURN set_pos(SQLSETPOSIROW row, SQLUSMALLINT operation) {
    return SQLSetPos(st.h, row, operation, SQL_LOCK_NO_CHANGE);
  }
  void set_name(int row, const char* text) {
    std::strcpy(name[row], text);
    name_ind[row] = SQL_NTS;
  }
};

std::string item(Dbc& dbc, int id) {
  Stmt st(dbc);
  return st.scalar("SELECT CONCAT_WS('/', name, qty) FROM setpos_items WHERE id = " + std::to_string(id));
}

}  // namespace

TEST_CASE("SQLSetPos SQL_POSITION then SQLGetData within a rowset", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc, SQL_CONCUR_READ_ONLY);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 4) == SQL_SUCCESS);
  REQUIRE(c.fetched == 3);
  CHECK(c.id[0] == 4);
  REQUIRE(c.set_pos(2, SQL_POSITION) == SQL_SUCCESS);
  char text[32];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(c.st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "item5");
  SQLULEN number = 0;
  REQUIRE(SQLGetStmtAttr(c.st.h, SQL_ATTR_ROW_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 5);
  REQUIRE(c.set_pos(3, SQL_POSITION) == SQL_SUCCESS);
  SQLWCHAR wide[32];
  REQUIRE(SQLGetData(c.st.h, 2, SQL_C_WCHAR, wide, sizeof wide, &ind) == SQL_SUCCESS);
  CHECK(ind == 5 * static_cast<SQLLEN>(sizeof(SQLWCHAR)));
  CHECK(wide[0] == 'i');
  CHECK(wide[4] == '6');
  double price = 0;
  REQUIRE(SQLGetData(c.st.h, 4, SQL_C_DOUBLE, &price, 0, nullptr) == SQL_SUCCESS);
  CHECK(price == 1.5);
  CHECK(c.set_pos(4, SQL_POSITION) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY107");
  // A read-only cursor refuses changes.
  CHECK(c.set_pos(1, SQL_UPDATE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY092");
  CHECK(SQLSetPos(c.st.h, 1, SQL_POSITION, SQL_LOCK_EXCLUSIVE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HYC00");
  // After the end there is no rowset to position in.
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 11) == SQL_NO_DATA);
  CHECK(c.set_pos(1, SQL_POSITION) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "24000");
}

TEST_CASE("SQLSetPos SQL_REFRESH re-reads rows another connection changed or deleted", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc, SQL_CONCUR_READ_ONLY);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  CHECK(std::string(c.name[1]) == "item2");
  Stmt o(f.other);
  o.run("UPDATE setpos_items SET name = 'renamed', qty = 5 WHERE id = 2");
  o.run("DELETE FROM setpos_items WHERE id = 3");
  // The static cursor still holds what it read.
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  CHECK(std::string(c.name[1]) == "item2");
  REQUIRE(c.set_pos(2, SQL_REFRESH) == SQL_SUCCESS);
  CHECK(std::string(c.name[1]) == "renamed");
  CHECK(c.qty[1] == 5);
  CHECK(c.status[1] == SQL_ROW_SUCCESS);
  char text[32];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(c.st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);  // current: row 2
  CHECK(std::string(text) == "renamed");
  REQUIRE(c.set_pos(0, SQL_REFRESH) == SQL_SUCCESS);  // the whole rowset
  CHECK(c.status[0] == SQL_ROW_SUCCESS);
  CHECK(c.status[2] == SQL_ROW_DELETED);
  // Fetching the rowset again: the refreshed values, the deleted row marked.
  std::strcpy(c.name[1], "?");
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  CHECK(std::string(c.name[1]) == "renamed");
  CHECK(c.status[2] == SQL_ROW_DELETED);
  CHECK(c.set_pos(3, SQL_POSITION) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY109");
}

TEST_CASE("SQLSetPos SQL_UPDATE and SQL_DELETE change rows by their key", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 4) == SQL_SUCCESS);  // 4, 5, 6
  c.set_name(1, "five");
  c.qty[1] = 55;
  REQUIRE(c.set_pos(2, SQL_UPDATE) == SQL_SUCCESS);
  CHECK(c.status[1] == SQL_ROW_UPDATED);
  SQLLEN count = 0;
  REQUIRE(SQLRowCount(c.st.h, &count) == SQL_SUCCESS);
  CHECK(count == 1);
  CHECK(item(f.other, 5) == "five/55");
  CHECK(item(f.other, 4) == "item4/40");
  CHECK(item(f.other, 6) == "item6/60");
  // SQL_COLUMN_IGNORE leaves a column alone.
  c.set_name(2, "six");
  c.qty[2] = 0;
  c.qty_ind[2] = SQL_COLUMN_IGNORE;
  REQUIRE(c.set_pos(3, SQL_UPDATE) == SQL_SUCCESS);
  CHECK(item(f.other, 6) == "six/60");
  // An update that changes nothing still succeeds (the server counts no changed row).
  c.qty[2] = 60;
  c.qty_ind[2] = 0;
  REQUIRE(c.set_pos(3, SQL_UPDATE) == SQL_SUCCESS);
  CHECK(c.status[2] == SQL_ROW_UPDATED);
  CHECK(item(f.other, 6) == "six/60");
  REQUIRE(c.set_pos(1, SQL_DELETE) == SQL_SUCCESS);
  CHECK(c.status[0] == SQL_ROW_DELETED);
  Stmt o(f.other);
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_items") == "9");
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_items WHERE id = 4") == "0");
  // Fetched again: the cursor sees its own update and deletion.
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);
  CHECK(c.status[0] == SQL_ROW_DELETED);
  CHECK(c.status[1] == SQL_ROW_UPDATED);
  CHECK(std::string(c.name[1]) == "five");
  CHECK(c.qty[1] == 55);
  CHECK(c.status[2] == SQL_ROW_UPDATED);
  CHECK(std::string(c.name[2]) == "six");
  CHECK(c.set_pos(1, SQL_UPDATE) == SQL_ERROR);  // a deleted row
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY109");
  // A change of the key itself: the row is found again under its new key.
  c.id[1] = 50;
  REQUIRE(c.set_pos(2, SQL_UPDATE) == SQL_SUCCESS);
  CHECK(item(f.other, 50) == "five/55");
  REQUIRE(c.set_pos(2, SQL_REFRESH) == SQL_SUCCESS);
  CHECK(c.id[1] == 50);
  CHECK(c.status[1] == SQL_ROW_SUCCESS);
}

TEST_CASE("SQLSetPos SQL_UPDATE with wide text", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc);
  SQLWCHAR wide[3][24];
  SQLLEN wide_ind[3];
  REQUIRE(SQLBindCol(c.st.h, 2, SQL_C_WCHAR, wide, sizeof wide[0], wide_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  CHECK(wide[0][0] == 'i');
  const SQLWCHAR text[] = {'G', 0x00FC, 'n', 't', 'e', 'r', ' ', 0x20AC, '\'', 0};
  std::memcpy(wide[0], text, sizeof text);
  wide_ind[0] = SQL_NTS;
  REQUIRE(c.set_pos(1, SQL_UPDATE) == SQL_SUCCESS);
  Stmt o(f.other);
  CHECK(o.scalar("SELECT HEX(name) FROM setpos_items WHERE id = 1") == "47C3BC6E74657220E282AC27");
}

TEST_CASE("SQLSetPos leaves a row another connection changed: 01001", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  Stmt o(f.other);
  o.run("UPDATE setpos_items SET qty = 99 WHERE id = 2");
  c.set_name(1, "mine");
  CHECK(c.set_pos(2, SQL_UPDATE) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "01001");
  CHECK(item(f.other, 2) == "item2/99");
  CHECK(c.set_pos(2, SQL_DELETE) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "01001");
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_items WHERE id = 2") == "1");
  // After a refresh the cursor holds the row as it is: the change goes through.
  REQUIRE(c.set_pos(2, SQL_REFRESH) == SQL_SUCCESS);
  c.set_name(1, "mine");
  REQUIRE(c.set_pos(2, SQL_UPDATE) == SQL_SUCCESS);
  CHECK(item(f.other, 2) == "mine/99");
}

TEST_CASE("SQLSetPos refuses rows no key identifies", "[integration][scroll][setpos]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS setpos_nokey");
  st.run("CREATE TABLE setpos_nokey (a INT, b INT)");
  st.run("INSERT INTO setpos_nokey VALUES (1, 1), (1, 1), (2, 2)");
  st.run("DROP TABLE IF EXISTS setpos_pair");
  st.run("CREATE TABLE setpos_pair (a INT, b INT, c INT, PRIMARY KEY (a, b))");
  st.run("INSERT INTO setpos_pair VALUES (1, 1, 1), (1, 2, 2)");
  const char* refused[] = {
      "SELECT a.id, b.name, a.qty FROM setpos_items a JOIN setpos_items b ON b.id = a.id + 1",  // a join
      "SELECT a, b FROM setpos_nokey",              // no key
      "SELECT a, c FROM setpos_pair",               // part of the key
      "SELECT id + 0, UPPER(name), qty * 2 FROM setpos_items",  // expressions
      // A derived table named like a real table: its columns claim that table.
      "SELECT id, name, qty FROM (SELECT id + 1 AS id, name, qty FROM setpos_items) setpos_items",
      "WITH setpos_items AS (SELECT id + 1 AS id, name, qty FROM setpos_items) SELECT * FROM setpos_items",
      "SELECT id, name, qty FROM setpos_items WHERE id IN (SELECT id FROM setpos_items)",  // a subquery
  };
  for (const char* sql : refused) {
    INFO(sql);
    Cursor c(f.dbc, SQL_CONCUR_VALUES, sql);
    REQUIRE(SQL_SUCCEEDED(SQLFetchScroll(c.st.h, SQL_FETCH_FIRST, 0)));
    CHECK(c.set_pos(1, SQL_DELETE) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY000");
    CHECK(c.set_pos(1, SQL_UPDATE) == SQL_ERROR);
    const auto d = diagnostics(SQL_HANDLE_STMT, c.st.h);
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].message.find("cannot change this row safely") != std::string::npos);
  }
  Stmt o(f.other);
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_nokey") == "3");
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_pair") == "2");
  CHECK(o.scalar("SELECT COUNT(*) FROM setpos_items") == "10");
  CHECK(o.scalar("SELECT GROUP_CONCAT(name ORDER BY id) FROM setpos_items WHERE id IN (1, 2)") == "item1,item2");
  // A unique key of NOT NULL columns serves as well as a primary key.
  st.run("DROP TABLE IF EXISTS setpos_unique");
  st.run("CREATE TABLE setpos_unique (code CHAR(3) NOT NULL UNIQUE, n INT)");
  st.run("INSERT INTO setpos_unique VALUES ('abc', 1), ('abd', 2)");
  Cursor u(f.dbc, SQL_CONCUR_VALUES, "SELECT n, code FROM setpos_unique ORDER BY n");
  REQUIRE(SQLFetchScroll(u.st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  REQUIRE(u.set_pos(2, SQL_DELETE) == SQL_SUCCESS);
  CHECK(o.scalar("SELECT GROUP_CONCAT(code) FROM setpos_unique") == "abc");
  // A forward-only cursor cannot be positioned.
  Stmt fwd(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, fwd.h, fwd.exec("SELECT id FROM setpos_items"));
  REQUIRE(SQLFetch(fwd.h) == SQL_SUCCESS);
  CHECK(SQLSetPos(fwd.h, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, fwd.h) == "HY109");
}

TEST_CASE("SQLBulkOperations SQL_ADD inserts the rowset from the bound buffers", "[integration][scroll][setpos]") {
  Fixture f;
  Cursor c(f.dbc, SQL_CONCUR_VALUES, "SELECT id, name, qty FROM setpos_items WHERE id > 100");
  SQLUSMALLINT operation[3] = {SQL_ROW_PROCEED, SQL_ROW_IGNORE, SQL_ROW_PROCEED};
  for (int r = 0; r < 3; ++r) {
    c.id[r] = 101 + r;
    c.id_ind[r] = 0;
    c.set_name(r, r == 2 ? "it's" : "new");
    c.qty[r] = 7;
    c.qty_ind[r] = r == 0 ? SQL_NULL_DATA : 0;
  }
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_OPERATION_PTR, operation, 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLBulkOperations(c.st.h, SQL_ADD));
  CHECK(c.status[0] == SQL_ROW_ADDED);
  CHECK(c.status[2] == SQL_ROW_ADDED);
  SQLLEN count = 0;
  REQUIRE(SQLRowCount(c.st.h, &count) == SQL_SUCCESS);
  CHECK(count == 2);
  Stmt o(f.other);
  CHECK(o.scalar("SELECT GROUP_CONCAT(id, ':', name, ':', IFNULL(qty, 'null') ORDER BY id) FROM setpos_items "
                 "WHERE id > 100") == "101:new:null,103:it's:7");
  // SQL_COLUMN_IGNORE takes the column's default.
  operation[1] = SQL_ROW_IGNORE;
  operation[2] = SQL_ROW_IGNORE;
  c.id[0] = 110;
  c.qty_ind[0] = SQL_COLUMN_IGNORE;
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLBulkOperations(c.st.h, SQL_ADD));
  CHECK(item(f.other, 110) == "new");
  // Read-only cursors, and bookmark operations with bookmarks off, are refused.
  Cursor r(f.dbc, SQL_CONCUR_READ_ONLY);
  CHECK(SQLBulkOperations(r.st.h, SQL_ADD) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, r.st.h) == "HY092");
  CHECK(SQLBulkOperations(c.st.h, SQL_UPDATE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY092");
}

TEST_CASE("SQLSetPos with row-wise binding: SQL_UPDATE and the ODBC 2 SQL_ADD", "[integration][scroll][setpos]") {
  Fixture f;
  Stmt st(f.dbc);
  struct Item {
    SQLINTEGER id;
    SQLLEN id_ind;
    char name[16];
    SQLLEN name_ind;
  } rows[2];
  std::memset(rows, 0, sizeof rows);
  SQLUSMALLINT status[2];
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, ptr(sizeof(Item)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, name FROM setpos_items ORDER BY id"));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, 7) == SQL_SUCCESS);
  CHECK(rows[1].id == 8);
  std::strcpy(rows[1].name, "eight");
  rows[1].name_ind = 5;
  REQUIRE(SQLSetPos(st.h, 2, SQL_UPDATE, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  CHECK(status[1] == SQL_ROW_UPDATED);
  CHECK(item(f.other, 8) == "eight/80");
  CHECK(item(f.other, 7) == "item7/70");
  // SQLSetPos(SQL_ADD), the ODBC 2 way to insert: row 1 of the buffers.
  rows[0].id = 200;
  std::strcpy(rows[0].name, "added");
  rows[0].name_ind = SQL_NTS;
  REQUIRE(SQLSetPos(st.h, 1, SQL_ADD, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  CHECK(status[0] == SQL_ROW_ADDED);
  CHECK(item(f.other, 200) == "added");
  CHECK(SQLSetPos(st.h, 3, SQL_ADD, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY107");
}
