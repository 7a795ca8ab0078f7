// Bookmarks: SQL_ATTR_USE_BOOKMARKS, column 0 in block fetches, SQLGetData and the
// descriptors, SQLFetchScroll / SQLExtendedFetch with SQL_FETCH_BOOKMARK, and
// SQLBulkOperations updating, deleting and fetching by bookmark on a static cursor.
#include <cstdint>
#include <cstring>
#include <string>

#include "fault_proxy.h"
#include "odbc_test.h"
#include "resilience_test.h"

using namespace odbc_test;

namespace {

SQLPOINTER ptr(SQLULEN n) { return reinterpret_cast<SQLPOINTER>(n); }

struct Fixture {
  Env env;
  Dbc dbc{env};
  Dbc other{env};  // a second connection that checks and changes rows under the cursor
  Fixture() {
    dbc.connect();
    other.connect();
    Stmt st(dbc);
    st.run("DROP TABLE IF EXISTS bookmark_items");
    st.run("CREATE TABLE bookmark_items (id INT PRIMARY KEY, name VARCHAR(20), qty INT)");
    st.run("INSERT INTO bookmark_items SELECT seq, CONCAT('item', seq), seq * 10 FROM seq_1_to_10");
  }
};

std::string item(Dbc& dbc, int id) {
  Stmt st(dbc);
  return st.scalar("SELECT IFNULL((SELECT CONCAT_WS('/', name, qty) FROM bookmark_items WHERE id = " +
                   std::to_string(id) + "), 'gone')");
}

// A static cursor with variable-length bookmarks over the items, rowsets of three, the
// bookmarks (SQL_C_VARBOOKMARK), id, name and qty bound column-wise.
struct Cursor {
  Stmt st;
  std::uint32_t mark[3];
  SQLLEN mark_ind[3];
  SQLINTEGER id[3];
  SQLLEN id_ind[3];
  char name[3][24];
  SQLLEN name_ind[3];
  SQLINTEGER qty[3];
  SQLLEN qty_ind[3];
  SQLULEN fetched = 0;
  SQLUSMALLINT status[3];

  explicit Cursor(Dbc& dbc, SQLULEN concurrency = SQL_CONCUR_VALUES,
                  const char* sql = "SELECT id, name, qty FROM bookmark_items ORDER BY id")
      : st(dbc) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(concurrency), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(3), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    REQUIRE(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, mark, sizeof mark[0], mark_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, id, 0, id_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, name, sizeof name[0], name_ind) == SQL_SUCCESS);
    REQUIRE(SQLBindCol(st.h, 3, SQL_C_SLONG, qty, 0, qty_ind) == SQL_SUCCESS);
  }
  SQLRETURN fetch_bookmark(std::uint32_t bookmark, SQLLEN offset) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_FETCH_BOOKMARK_PTR, &bookmark, 0) == SQL_SUCCESS);
    return SQLFetchScroll(st.h, SQL_FETCH_BOOKMARK, offset);
  }
  // The bookmark of the item `id` (rows are in id order), read through a fetch.
  std::uint32_t bookmark_of(int item_id) {
    REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, item_id) == SQL_SUCCESS);
    REQUIRE(id[0] == item_id);
    REQUIRE(mark_ind[0] == 4);
    return mark[0];
  }
  void set_name(int row, const char* text) {
    std::strcpy(name[row], text);
    name_ind[row] = SQL_NTS;
  }
};

}  // namespace

TEST_CASE("Bookmarks are off until SQL_ATTR_USE_BOOKMARKS turns them on", "[integration][bookmarks]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLULEN value = 99;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == SQL_UB_OFF);
  CHECK(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(7), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY024");
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, name FROM bookmark_items ORDER BY id"));
  std::uint32_t mark = 0;
  SQLLEN ind = 0;
  // Column 0 does not exist with bookmarks off.
  CHECK(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07009");
  SQLSMALLINT type = 0;
  CHECK(SQLDescribeCol(st.h, 0, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07009");
  SQLHDESC ird = nullptr;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr) == SQL_SUCCESS);
  SQLSMALLINT small = 0;
  CHECK(SQLGetDescField(ird, 0, SQL_DESC_TYPE, &small, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "07009");
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  CHECK(SQLGetData(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07009");
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_FETCH_BOOKMARK_PTR, &mark, 0) == SQL_SUCCESS);
  CHECK(SQLFetchScroll(st.h, SQL_FETCH_BOOKMARK, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY106");
  CHECK(SQLBulkOperations(st.h, SQL_UPDATE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY092");
  // Not while a cursor is open.
  CHECK(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "24000");
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == SQL_UB_VARIABLE);
  SQLPOINTER fetch_ptr = nullptr;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_FETCH_BOOKMARK_PTR, &fetch_ptr, 0, nullptr) == SQL_SUCCESS);
  CHECK(fetch_ptr == &mark);
  // Column 0 takes bookmark types only.
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, name FROM bookmark_items ORDER BY id"));
  char text[16];
  CHECK(SQLBindCol(st.h, 0, SQL_C_CHAR, text, sizeof text, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, 6) == SQL_SUCCESS);
  CHECK(SQLGetData(st.h, 0, SQL_C_CHAR, text, sizeof text, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  REQUIRE(SQLGetData(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_SUCCESS);
  CHECK(ind == 4);
  CHECK(mark == 6);
}

TEST_CASE("Column 0 in the descriptors, SQLDescribeCol and SQLColAttribute (A and W)",
          "[integration][bookmarks]") {
  Fixture f;
  Cursor c(f.dbc, SQL_CONCUR_READ_ONLY);
  SQLCHAR name[16] = "x";
  SQLSMALLINT name_length = -1, type = 0, digits = -1, nullable = -1;
  SQLULEN size = 0;
  REQUIRE(SQLDescribeCol(c.st.h, 0, name, sizeof name, &name_length, &type, &size, &digits, &nullable) ==
          SQL_SUCCESS);
  CHECK(name_length == 0);
  CHECK(type == SQL_BINARY);
  CHECK(size == 4);
  CHECK(digits == 0);
  CHECK(nullable == SQL_NO_NULLS);
  SQLWCHAR wide[16];
  REQUIRE(SQLDescribeColW(c.st.h, 0, wide, 16, &name_length, &type, &size, nullptr, nullptr) == SQL_SUCCESS);
  CHECK(name_length == 0);
  CHECK(type == SQL_BINARY);
  SQLLEN number = 0;
  REQUIRE(SQLColAttribute(c.st.h, 0, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 4);
  SQLSMALLINT length = 0;
  REQUIRE(SQLColAttributeW(c.st.h, 0, SQL_DESC_TYPE_NAME, wide, sizeof wide, &length, nullptr) == SQL_SUCCESS);
  CHECK(length == 6 * static_cast<SQLSMALLINT>(sizeof(SQLWCHAR)));
  CHECK(wide[0] == 'b');
  // SQL_DESC_COUNT counts the columns, not the bookmark.
  REQUIRE(SQLColAttribute(c.st.h, 0, SQL_DESC_COUNT, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 3);
  SQLHDESC ird = nullptr, ard = nullptr;
  REQUIRE(SQLGetStmtAttr(c.st.h, SQL_ATTR_IMP_ROW_DESC, &ird, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLGetStmtAttr(c.st.h, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr) == SQL_SUCCESS);
  SQLSMALLINT small = 0;
  REQUIRE(SQLGetDescField(ird, 0, SQL_DESC_TYPE, &small, 0, nullptr) == SQL_SUCCESS);
  CHECK(small == SQL_BINARY);
  REQUIRE(SQLGetDescField(ird, 0, SQL_DESC_NULLABLE, &small, 0, nullptr) == SQL_SUCCESS);
  CHECK(small == SQL_NO_NULLS);
  // The ARD's record 0 is what SQLBindCol bound, and setting it rebinds column 0.
  REQUIRE(SQLGetDescField(ard, 0, SQL_DESC_CONCISE_TYPE, &small, 0, nullptr) == SQL_SUCCESS);
  CHECK(small == SQL_C_VARBOOKMARK);
  SQLPOINTER data = nullptr;
  REQUIRE(SQLGetDescField(ard, 0, SQL_DESC_DATA_PTR, &data, 0, nullptr) == SQL_SUCCESS);
  CHECK(data == c.mark);
  std::uint32_t own[3] = {0, 0, 0};
  REQUIRE(SQLSetDescField(ard, 0, SQL_DESC_DATA_PTR, own, 0) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 2) == SQL_SUCCESS);
  CHECK(own[0] == 2);
  CHECK(own[2] == 4);
  // The IPD has no record 0.
  SQLHDESC ipd = nullptr;
  REQUIRE(SQLGetStmtAttr(c.st.h, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, nullptr) == SQL_SUCCESS);
  CHECK(SQLGetDescField(ipd, 0, SQL_DESC_TYPE, &small, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ipd) == "07009");
  // SQL_UNBIND leaves the bookmark column bound (only SQL_DESC_DATA_PTR NULL unbinds it).
  REQUIRE(SQLFreeStmt(c.st.h, SQL_UNBIND) == SQL_SUCCESS);
  own[0] = 0;
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 8) == SQL_SUCCESS);
  CHECK(own[0] == 8);
  REQUIRE(SQLBindCol(c.st.h, 0, SQL_C_VARBOOKMARK, nullptr, 0, nullptr) == SQL_SUCCESS);
  own[0] = 0;
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 5) == SQL_SUCCESS);
  CHECK(own[0] == 0);
}

TEST_CASE("SQL_FETCH_BOOKMARK returns the rowset at a bookmark, with an offset", "[integration][bookmarks]") {
  Fixture f;
  Cursor c(f.dbc, SQL_CONCUR_READ_ONLY);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_ABSOLUTE, 4) == SQL_SUCCESS);
  REQUIRE(c.fetched == 3);
  CHECK(c.mark_ind[1] == 4);
  const std::uint32_t five = c.mark[1];
  CHECK(c.id[1] == 5);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);
  REQUIRE(c.fetch_bookmark(five, 0) == SQL_SUCCESS);
  CHECK(c.fetched == 3);
  CHECK(c.id[0] == 5);
  CHECK(c.id[2] == 7);
  CHECK(c.mark[0] == five);
  REQUIRE(c.fetch_bookmark(five, -2) == SQL_SUCCESS);
  CHECK(c.id[0] == 3);
  // A rowset running past the end is partial.
  REQUIRE(c.fetch_bookmark(five, 4) == SQL_SUCCESS);
  CHECK(c.fetched == 2);
  CHECK(c.id[1] == 10);
  CHECK(c.status[2] == SQL_ROW_NOROW);
  // Before the first row or after the last: no rowset; SQL_FETCH_NEXT starts again.
  CHECK(c.fetch_bookmark(five, -5) == SQL_NO_DATA);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);
  CHECK(c.id[0] == 1);
  CHECK(c.fetch_bookmark(five, 6) == SQL_NO_DATA);
  // Scrolling relative to a bookmarked rowset; the bookmark outlives a transaction's end.
  REQUIRE(SQLEndTran(SQL_HANDLE_DBC, f.dbc.h, SQL_COMMIT) == SQL_SUCCESS);
  REQUIRE(c.fetch_bookmark(five, 0) == SQL_SUCCESS);
  CHECK(c.id[0] == 5);
  REQUIRE(SQLFetchScroll(c.st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);
  CHECK(c.id[0] == 8);
  // SQLGetData on column 0 of the positioned row of the block.
  REQUIRE(SQLSetPos(c.st.h, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  std::uint32_t mark = 0;
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(c.st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_SUCCESS);
  CHECK(mark == c.mark[2]);
  char text[16];
  REQUIRE(SQLGetData(c.st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "item10");
  // A buffer too small for the bookmark: 01004.
  unsigned char two[2];
  CHECK(SQLGetData(c.st.h, 0, SQL_C_VARBOOKMARK, two, sizeof two, &ind) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "01004");
  CHECK(ind == 4);
  // Bookmarks no row has, and no bookmark at all: HY111.
  CHECK(c.fetch_bookmark(0, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY111");
  CHECK(c.fetch_bookmark(11, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY111");
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_FETCH_BOOKMARK_PTR, nullptr, 0) == SQL_SUCCESS);
  CHECK(SQLFetchScroll(c.st.h, SQL_FETCH_BOOKMARK, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY111");
}

TEST_CASE("A forward-only cursor numbers its rows but cannot fetch by bookmark", "[integration][bookmarks]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id FROM bookmark_items ORDER BY id"));
  std::uint32_t marks[4];
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, marks, sizeof marks[0], nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(ids[0] == 5);
  CHECK(marks[0] == 5);
  CHECK(marks[3] == 8);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_FETCH_BOOKMARK_PTR, &marks[0], 0) == SQL_SUCCESS);
  CHECK(SQLFetchScroll(st.h, SQL_FETCH_BOOKMARK, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY106");
}

TEST_CASE("SQLBulkOperations updates, deletes and fetches rows by bookmark", "[integration][bookmarks]") {
  Fixture f;
  Cursor c(f.dbc);
  const std::uint32_t two = c.bookmark_of(2), three = c.bookmark_of(3), eight = c.bookmark_of(8),
                      nine = c.bookmark_of(9);
  // Update items 8 and 2 (in that order) from the buffers: names only.
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
  c.mark[0] = eight;
  c.mark[1] = two;
  c.mark_ind[0] = c.mark_ind[1] = 4;
  c.set_name(0, "eight");
  c.set_name(1, "two");
  c.id_ind[0] = c.id_ind[1] = SQL_COLUMN_IGNORE;
  c.qty_ind[0] = c.qty_ind[1] = SQL_COLUMN_IGNORE;
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLBulkOperations(c.st.h, SQL_UPDATE_BY_BOOKMARK));
  CHECK(c.status[0] == SQL_ROW_UPDATED);
  CHECK(c.status[1] == SQL_ROW_UPDATED);
  CHECK(item(f.other, 8) == "eight/80");
  CHECK(item(f.other, 2) == "two/20");
  CHECK(item(f.other, 3) == "item3/30");
  SQLLEN count = 0;
  REQUIRE(SQLRowCount(c.st.h, &count) == SQL_SUCCESS);
  CHECK(count == 2);
  // The cursor sees its own updates, flagged in the row status.
  REQUIRE(c.fetch_bookmark(two, 0) == SQL_SUCCESS);
  CHECK(std::string(c.name[0]) == "two");
  CHECK(c.status[0] == SQL_ROW_UPDATED);

  // Delete item 3; another connection changes item 9, which a fetch by bookmark re-reads.
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(1), 0) == SQL_SUCCESS);
  c.mark[0] = three;
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLBulkOperations(c.st.h, SQL_DELETE_BY_BOOKMARK));
  CHECK(c.status[0] == SQL_ROW_DELETED);
  CHECK(item(f.other, 3) == "gone");
  Stmt o(f.other);
  o.run("UPDATE bookmark_items SET qty = 999 WHERE id = 9");
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(3), 0) == SQL_SUCCESS);
  c.mark[0] = nine;
  c.mark[1] = three;
  c.mark[2] = two;
  c.qty[0] = c.qty[1] = c.qty[2] = 0;
  ODBC_OK(SQL_HANDLE_STMT, c.st.h, SQLBulkOperations(c.st.h, SQL_FETCH_BY_BOOKMARK));
  CHECK(c.id[0] == 9);
  CHECK(c.qty[0] == 999);
  CHECK(c.status[0] == SQL_ROW_SUCCESS);
  CHECK(c.status[1] == SQL_ROW_DELETED);
  CHECK(c.id[2] == 2);
  CHECK(std::string(c.name[2]) == "two");
  // A deleted row keeps its bookmark: fetching at it reports it deleted.
  REQUIRE(c.fetch_bookmark(three, 0) == SQL_SUCCESS);
  CHECK(c.status[0] == SQL_ROW_DELETED);
  CHECK(c.id[1] == 4);
}

TEST_CASE("SQLBulkOperations by bookmark: conflicts, ignored rows, bad bookmarks, refusals",
          "[integration][bookmarks]") {
  Fixture f;
  Cursor c(f.dbc);
  const std::uint32_t four = c.bookmark_of(4), five = c.bookmark_of(5), six = c.bookmark_of(6);
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(3), 0) == SQL_SUCCESS);
  Stmt o(f.other);
  o.run("UPDATE bookmark_items SET qty = 55 WHERE id = 5");
  c.mark[0] = four;
  c.mark[1] = five;
  c.mark[2] = six;
  c.set_name(0, "four");
  c.set_name(1, "five");
  c.set_name(2, "six");
  c.id_ind[0] = c.id_ind[1] = c.id_ind[2] = SQL_COLUMN_IGNORE;
  c.qty_ind[0] = c.qty_ind[1] = c.qty_ind[2] = SQL_COLUMN_IGNORE;
  SQLUSMALLINT operation[3] = {SQL_ROW_PROCEED, SQL_ROW_PROCEED, SQL_ROW_IGNORE};
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_OPERATION_PTR, operation, 0) == SQL_SUCCESS);
  c.status[2] = 77;
  // Item 5 changed since the cursor read it: left alone (01001); item 6 ignored.
  CHECK(SQLBulkOperations(c.st.h, SQL_UPDATE_BY_BOOKMARK) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "01001");
  CHECK(c.status[0] == SQL_ROW_UPDATED);
  CHECK(c.status[1] == SQL_ROW_ERROR);
  CHECK(c.status[2] == 77);
  CHECK(item(f.other, 4) == "four/40");
  CHECK(item(f.other, 5) == "item5/55");
  CHECK(item(f.other, 6) == "item6/60");
  REQUIRE(SQLSetStmtAttr(c.st.h, SQL_ATTR_ROW_OPERATION_PTR, nullptr, 0) == SQL_SUCCESS);
  // One bookmark no row has: nothing is sent.
  c.mark[2] = 42;
  CHECK(SQLBulkOperations(c.st.h, SQL_DELETE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "HY111");
  CHECK(item(f.other, 4) == "four/40");
  // Column 0 unbound.
  REQUIRE(SQLBindCol(c.st.h, 0, SQL_C_VARBOOKMARK, nullptr, 0, nullptr) == SQL_SUCCESS);
  CHECK(SQLBulkOperations(c.st.h, SQL_DELETE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, c.st.h) == "07009");
  // A read-only cursor fetches by bookmark but does not change rows.
  Cursor r(f.dbc, SQL_CONCUR_READ_ONLY);
  r.mark[0] = r.mark[1] = r.mark[2] = 10;
  r.mark_ind[0] = r.mark_ind[1] = r.mark_ind[2] = 4;
  CHECK(SQLBulkOperations(r.st.h, SQL_DELETE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, r.st.h) == "HY092");
  ODBC_OK(SQL_HANDLE_STMT, r.st.h, SQLBulkOperations(r.st.h, SQL_FETCH_BY_BOOKMARK));
  CHECK(r.id[2] == 10);
  // A join: no key names the row, refused before anything is sent.
  Cursor j(f.dbc, SQL_CONCUR_VALUES,
           "SELECT a.id, b.name, a.qty FROM bookmark_items a JOIN bookmark_items b ON a.id = b.id ORDER BY a.id");
  j.mark[0] = j.mark[1] = j.mark[2] = 1;
  j.mark_ind[0] = j.mark_ind[1] = j.mark_ind[2] = 4;
  CHECK(SQLBulkOperations(j.st.h, SQL_DELETE_BY_BOOKMARK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, j.st.h) == "HY000");
  CHECK(item(f.other, 1) == "item1/10");
}

TEST_CASE("SQLBulkOperations by bookmark with row-wise binding and wide text", "[integration][bookmarks]") {
  Fixture f;
  Stmt st(f.dbc);
  struct Row {
    std::uint32_t mark;
    SQLLEN mark_ind;
    SQLWCHAR name[16];
    SQLLEN name_ind;
  } rows[2];
  std::memset(rows, 0, sizeof rows);
  SQLUSMALLINT status[2];
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, ptr(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  // The key (id) is in the result, not bound: only the name changes.
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT name, id FROM bookmark_items ORDER BY id"));
  REQUIRE(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, &rows[0].mark, sizeof rows[0].mark, &rows[0].mark_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_WCHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, 9) == SQL_SUCCESS);
  CHECK(rows[0].mark == 9);
  CHECK(rows[1].mark == 10);
  CHECK(rows[1].mark_ind == 4);
  // Swap the rows' names, with a character outside ASCII.
  const SQLWCHAR nine[] = {'n', 0x00e9, 'u', 'f', 0};
  const SQLWCHAR ten[] = {'d', 'i', 'x', 0};
  std::memcpy(rows[0].name, ten, sizeof ten);
  std::memcpy(rows[1].name, nine, sizeof nine);
  rows[0].name_ind = rows[1].name_ind = SQL_NTS;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBulkOperations(st.h, SQL_UPDATE_BY_BOOKMARK));
  CHECK(status[0] == SQL_ROW_UPDATED);
  CHECK(status[1] == SQL_ROW_UPDATED);
  CHECK(item(f.other, 9) == "dix/90");
  CHECK(item(f.other, 10) == "n\xc3\xa9uf/100");
  std::memset(rows, 0, sizeof rows);
  rows[0].mark = 10;
  rows[0].mark_ind = 4;
  rows[1].mark = 1;
  rows[1].mark_ind = 4;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBulkOperations(st.h, SQL_FETCH_BY_BOOKMARK));
  CHECK(rows[0].name[1] == 0x00e9);
  CHECK(rows[1].name[4] == '1');
}

TEST_CASE("An ODBC 2 application uses fixed bookmarks with SQLExtendedFetch", "[integration][bookmarks]") {
  Env env(SQL_OV_ODBC2);
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQL_SUCCEEDED(SQLSetStmtOption(st.h, SQL_CURSOR_TYPE, SQL_CURSOR_STATIC)));
  REQUIRE(SQL_SUCCEEDED(SQLSetStmtOption(st.h, SQL_USE_BOOKMARKS, SQL_UB_ON)));
  REQUIRE(SQL_SUCCEEDED(SQLSetStmtOption(st.h, SQL_ROWSET_SIZE, 4)));
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  REQUIRE(SQLDescribeCol(st.h, 0, nullptr, 0, nullptr, &type, &size, nullptr, nullptr) == SQL_SUCCESS);
  CHECK(type == SQL_INTEGER);
  BOOKMARK marks[4];
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 0, SQL_C_BOOKMARK, marks, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  SQLULEN rows = 0;
  SQLUSMALLINT status[4];
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_ABSOLUTE, 3, &rows, status) == SQL_SUCCESS);
  CHECK(ids[0] == 3);
  CHECK(marks[3] == 6);
  const BOOKMARK five = marks[2];
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_LAST, 0, &rows, status) == SQL_SUCCESS);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_BOOKMARK, static_cast<SQLLEN>(five), &rows, status) == SQL_SUCCESS);
  CHECK(rows == 4);
  CHECK(ids[0] == 5);
  CHECK(marks[0] == five);
  SQLUINTEGER mark = 0;
  REQUIRE(SQLGetData(st.h, 0, SQL_C_ULONG, &mark, 0, nullptr) == SQL_SUCCESS);
  CHECK(mark == five);
  CHECK(SQLExtendedFetch(st.h, SQL_FETCH_BOOKMARK, 0, &rows, status) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "S1111");
}

TEST_CASE("SQLGetData on a forward-only block cursor after SQLSetPos(SQL_POSITION)", "[integration][bookmarks]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("BUFFER_RESULTS=1"));
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  SQLULEN fetched = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq, CONCAT('row', seq) FROM seq_1_to_10"));
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(ids[0] == 5);
  // Unpositioned, SQLGetData reads the rowset's first row, as on a static cursor.
  char text[16];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "row5");
  REQUIRE(SQLSetPos(st.h, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "row7");
  SQLWCHAR wide[16];
  REQUIRE(SQLSetPos(st.h, 4, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 2, SQL_C_WCHAR, wide, sizeof wide, &ind) == SQL_SUCCESS);
  CHECK(ind == 4 * static_cast<SQLLEN>(sizeof(SQLWCHAR)));
  CHECK(wide[3] == '8');
  std::uint32_t mark = 0;
  REQUIRE(SQLGetData(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_SUCCESS);
  CHECK(mark == 8);
  SQLULEN number = 0;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 8);
  REQUIRE(SQLSetPos(st.h, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  CHECK(SQLSetPos(st.h, 5, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY107");
  CHECK(SQLSetPos(st.h, 1, SQL_REFRESH, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY109");
  // The next fetch goes on after the rowset, whatever row was positioned on.
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(fetched == 2);
  CHECK(ids[0] == 9);
  CHECK(ids[1] == 10);
  REQUIRE(SQLSetPos(st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "row10");
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
  // A new execution numbers its rows from 1 again.
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq, 'x' FROM seq_1_to_10"));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(SQLSetPos(st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &ind) == SQL_SUCCESS);
  CHECK(mark == 2);
}

TEST_CASE("SQLGetData on a forward-only block cursor of a statement prepared on the server",
          "[integration][bookmarks]") {
  Env env;
  Dbc dbc(env);
  // Buffered: a streamed result (prepared or not) cannot go back within its rowset.
  dbc.connect(connection_string("BUFFER_RESULTS=1"));
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"SELECT seq, CONCAT('row', seq) FROM seq_1_to_10 WHERE seq > ?", SQL_NTS) ==
          SQL_SUCCESS);
  SQLINTEGER above = 2;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &above, 0, nullptr) ==
          SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLExecute(st.h));
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(ids[0] == 3);
  REQUIRE(SQLSetPos(st.h, 4, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  char text[16];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "row6");
  REQUIRE(SQLSetPos(st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_SUCCESS);
  CHECK(std::string(text) == "row4");
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(ids[0] == 7);
  CHECK(ids[3] == 10);
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
}

TEST_CASE("A streamed forward-only block cursor refuses SQLGetData: no SQL_GD_BLOCK", "[integration][bookmarks]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  SQLUINTEGER getdata = 0;
  REQUIRE(SQLGetInfo(dbc.h, SQL_GETDATA_EXTENSIONS, &getdata, 0, nullptr) == SQL_SUCCESS);
  CHECK((getdata & SQL_GD_BLOCK) == 0);
  // What the static cursor does with bookmarks is advertised; the forward-only cursor
  // does not fetch by bookmark.
  SQLUINTEGER ca1 = 0, persistence = 0;
  REQUIRE(SQLGetInfo(dbc.h, SQL_STATIC_CURSOR_ATTRIBUTES1, &ca1, 0, nullptr) == SQL_SUCCESS);
  const SQLUINTEGER by_bookmark = SQL_CA1_BOOKMARK | SQL_CA1_BULK_UPDATE_BY_BOOKMARK |
                                  SQL_CA1_BULK_DELETE_BY_BOOKMARK | SQL_CA1_BULK_FETCH_BY_BOOKMARK;
  CHECK((ca1 & by_bookmark) == by_bookmark);
  REQUIRE(SQLGetInfo(dbc.h, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, &ca1, 0, nullptr) == SQL_SUCCESS);
  CHECK((ca1 & SQL_CA1_BOOKMARK) == 0);
  REQUIRE(SQLGetInfo(dbc.h, SQL_BOOKMARK_PERSISTENCE, &persistence, 0, nullptr) == SQL_SUCCESS);
  CHECK(persistence == (SQL_BP_SCROLL | SQL_BP_UPDATE | SQL_BP_DELETE | SQL_BP_TRANSACTION));
  SQLUSMALLINT supported = SQL_FALSE;
  REQUIRE(SQLGetFunctions(dbc.h, SQL_API_SQLBULKOPERATIONS, &supported) == SQL_SUCCESS);
  CHECK(supported == SQL_TRUE);
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq, CONCAT('row', seq) FROM seq_1_to_10"));
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char text[16];
  SQLLEN ind = 0;
  CHECK(SQLGetData(st.h, 2, SQL_C_CHAR, text, sizeof text, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HYC00");
  CHECK(SQLSetPos(st.h, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY109");
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(ids[0] == 5);
}

TEST_CASE("Row numbers restart with each result: SQL_ATTR_MAX_ROWS and bookmarks", "[integration][bookmarks]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_MAX_ROWS, ptr(3), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  std::uint32_t mark = 0;
  for (int run = 0; run < 2; ++run) {
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
    REQUIRE(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, nullptr) == SQL_SUCCESS);
    int rows = 0;
    while (SQLFetch(st.h) == SQL_SUCCESS) CHECK(mark == static_cast<std::uint32_t>(++rows));
    CHECK(rows == 3);
    REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  }
}

TEST_CASE("A reply lost after an update by bookmark: 08S01 + 40003, never sent again",
          "[integration][bookmarks][resilience][proxy-faults]") {
  using namespace resilience_test;
  holdfast_test::FaultProxy proxy{env_or("TEST_SERVER", "127.0.0.1"),
                                  static_cast<std::uint16_t>(std::stoi(env_or("TEST_PORT", "3311"))),
                                  std::chrono::seconds(60)};
  Admin admin;
  admin.run("DROP TABLE IF EXISTS bookmark_lost");
  admin.run("CREATE TABLE bookmark_lost (id INT PRIMARY KEY, name VARCHAR(20), changes INT NOT NULL DEFAULT 0)");
  // Counts the UPDATEs the server ran on a row, whatever values they wrote.
  admin.run("CREATE TRIGGER bookmark_lost_count BEFORE UPDATE ON bookmark_lost FOR EACH ROW "
            "SET NEW.changes = OLD.changes + 1");
  admin.run("INSERT INTO bookmark_lost (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  Env env;
  Dbc dbc{env};
  dbc.connect(resilient_connection_string("SERVER=127.0.0.1;PORT=" + std::to_string(proxy.port()) + ";"));
  Stmt st(dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(SQL_CONCUR_VALUES), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_USE_BOOKMARKS, ptr(SQL_UB_VARIABLE), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT id, name FROM bookmark_lost ORDER BY id"));
  std::uint32_t mark = 0;
  SQLLEN mark_ind = 0, name_ind = 0;
  char name[24];
  REQUIRE(SQLBindCol(st.h, 0, SQL_C_VARBOOKMARK, &mark, sizeof mark, &mark_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, name, sizeof name, &name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, 2) == SQL_SUCCESS);
  REQUIRE(mark == 2);
  // A fetch by bookmark first: the driver learns the table's key now, not during the fault.
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBulkOperations(st.h, SQL_FETCH_BY_BOOKMARK));
  std::strcpy(name, "lost");
  name_ind = SQL_NTS;
  proxy.drop_replies_after_next_request();
  REQUIRE(SQLBulkOperations(st.h, SQL_UPDATE_BY_BOOKMARK) == SQL_ERROR);
  const auto records = diagnostics(SQL_HANDLE_STMT, st.h);
  check_link_failure(records);
  INFO(describe_records(records));
  CHECK((records.size() >= 2 && records[1].sqlstate == "40003"));
  // The server ran it once; the driver did not send it again.
  CHECK(admin.scalar("SELECT CONCAT_WS('/', name, changes) FROM bookmark_lost WHERE id = 2") == "lost/1");
  CHECK(reconnects(dbc) == 0);
  CHECK(proxy.total_accepted() == 1);
  admin.run("DROP TABLE bookmark_lost");
}
