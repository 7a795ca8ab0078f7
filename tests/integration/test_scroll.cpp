// Scrollable (static) cursors: SQLFetchScroll in every orientation with rowsets of 1 and
// 3 rows, the positioning rules at the edges, SQLExtendedFetch, the cursor attributes,
// and forward-only cursors refusing to scroll.
#include <cstring>
#include <vector>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

SQLPOINTER ptr(SQLULEN n) { return reinterpret_cast<SQLPOINTER>(n); }

// A statement over rows 1..10 with a static cursor, its first column bound to an array of
// `rowset` integers, and the rows-fetched and row-status outputs set.
struct Scroller {
  Stmt st;
  SQLINTEGER ids[16];
  SQLLEN ind[16];
  SQLULEN fetched = 0;
  SQLUSMALLINT status[16];
  std::string last_state;  // of the last fetch

  Scroller(Dbc& dbc, SQLULEN rowset, const char* sql = "SELECT seq FROM seq_1_to_10") : st(dbc) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(rowset), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
    ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec(sql));
    REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, ind) == SQL_SUCCESS);
  }

  // Fetches; returns the ids of the rowset (empty for SQL_NO_DATA), checking the return
  // code and that the status array marks exactly the fetched rows.
  std::vector<int> fetch(SQLSMALLINT orientation, SQLLEN offset, SQLRETURN expected = SQL_SUCCESS) {
    std::fill(std::begin(ids), std::end(ids), -1);
    std::fill(std::begin(status), std::end(status), SQLUSMALLINT{999});
    const SQLRETURN rc = SQLFetchScroll(st.h, orientation, offset);
    last_state = first_state(SQL_HANDLE_STMT, st.h);
    INFO("orientation " << orientation << " offset " << offset << "\n" << describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == expected);
    std::vector<int> out;
    if (rc == SQL_NO_DATA) {
      CHECK(fetched == 0);
      return out;
    }
    for (SQLULEN i = 0; i < fetched; ++i) {
      CHECK(status[i] == SQL_ROW_SUCCESS);
      out.push_back(ids[i]);
    }
    SQLULEN size = 0;
    REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, &size, 0, nullptr) == SQL_SUCCESS);
    for (SQLULEN i = fetched; i < size; ++i) CHECK(status[i] == SQL_ROW_NOROW);
    return out;
  }

  SQLULEN row_number() {
    SQLULEN n = 99;
    REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_NUMBER, &n, 0, nullptr) == SQL_SUCCESS);
    return n;
  }
};

using Rows = std::vector<int>;

}  // namespace

TEST_CASE("Scrolling one row at a time in every orientation", "[integration][scroll]") {
  Fixture f;
  Scroller s(f.dbc, 1);
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0, SQL_NO_DATA).empty());  // before the start stays there
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{1});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{2});
  CHECK(s.row_number() == 2);
  CHECK(s.fetch(SQL_FETCH_LAST, 0) == Rows{10});
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0) == Rows{9});
  CHECK(s.fetch(SQL_FETCH_FIRST, 0) == Rows{1});
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0, SQL_NO_DATA).empty());
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{1});  // from before the start: the first row
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 4) == Rows{4});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 3) == Rows{7});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -2) == Rows{5});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 0) == Rows{5});  // the same row again
  CHECK(s.row_number() == 5);
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -2) == Rows{9});  // counted from the end
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -10) == Rows{1});
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 10) == Rows{10});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0, SQL_NO_DATA).empty());  // after the end
  CHECK(s.fetch(SQL_FETCH_NEXT, 0, SQL_NO_DATA).empty());
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0) == Rows{10});  // from after the end: the last row
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 0, SQL_NO_DATA).empty());  // before the start
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 2) == Rows{2});  // from before the start: absolute
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 11, SQL_NO_DATA).empty());  // after the end
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -3) == Rows{8});  // from after the end: absolute -3
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -11, SQL_NO_DATA).empty());  // before the start
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -1, SQL_NO_DATA).empty());  // before the start stays there
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 3) == Rows{3});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 8, SQL_NO_DATA).empty());  // past the end
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 1, SQL_NO_DATA).empty());  // after the end stays there
  // SQLFetch on a static cursor is SQL_FETCH_NEXT.
  CHECK(s.fetch(SQL_FETCH_FIRST, 0) == Rows{1});
  REQUIRE(SQLFetch(s.st.h) == SQL_SUCCESS);
  CHECK(s.ids[0] == 2);
}

TEST_CASE("Scrolling rowsets of three rows, with partial rowsets at the end", "[integration][scroll]") {
  Fixture f;
  Scroller s(f.dbc, 3);
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{1, 2, 3});
  CHECK(s.row_number() == 1);  // the current row is the rowset's first
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{4, 5, 6});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{7, 8, 9});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{10});  // partial: the rest is SQL_ROW_NOROW
  CHECK(s.fetch(SQL_FETCH_NEXT, 0, SQL_NO_DATA).empty());
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0) == Rows{8, 9, 10});  // from after the end
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0) == Rows{5, 6, 7});
  CHECK(s.fetch(SQL_FETCH_FIRST, 0) == Rows{1, 2, 3});
  CHECK(s.fetch(SQL_FETCH_LAST, 0) == Rows{8, 9, 10});
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 9) == Rows{9, 10});
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -4) == Rows{7, 8, 9});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -5) == Rows{2, 3, 4});
  // A rowset that would start before the first row starts at row 1, with 01S06.
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0, SQL_SUCCESS_WITH_INFO) == Rows{1, 2, 3});
  CHECK(s.last_state == "01S06");
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 2) == Rows{2, 3, 4});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -3, SQL_SUCCESS_WITH_INFO) == Rows{1, 2, 3});
  CHECK(s.last_state == "01S06");
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, 2) == Rows{2, 3, 4});
  CHECK(s.fetch(SQL_FETCH_RELATIVE, -4, SQL_NO_DATA).empty());  // further back than a rowset
  CHECK(s.fetch(SQL_FETCH_RELATIVE, 4) == Rows{4, 5, 6});  // absolute 4 from before the start
  // NEXT advances by the rowset size used last, even when it changed since.
  REQUIRE(SQLSetStmtAttr(s.st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(2), 0) == SQL_SUCCESS);
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{7, 8});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0) == Rows{9, 10});
}

TEST_CASE("Scrolling when the rowset is larger than the result", "[integration][scroll]") {
  Fixture f;
  Scroller s(f.dbc, 4, "SELECT seq FROM seq_1_to_3");
  CHECK(s.fetch(SQL_FETCH_LAST, 0) == Rows{1, 2, 3});
  CHECK(s.fetch(SQL_FETCH_NEXT, 0, SQL_NO_DATA).empty());
  CHECK(s.fetch(SQL_FETCH_PRIOR, 0, SQL_SUCCESS_WITH_INFO) == Rows{1, 2, 3});
  CHECK(s.last_state == "01S06");
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -4, SQL_SUCCESS_WITH_INFO) == Rows{1, 2, 3});
  CHECK(s.last_state == "01S06");
  CHECK(s.fetch(SQL_FETCH_ABSOLUTE, -5, SQL_NO_DATA).empty());
  // An empty result: every orientation finds no data.
  Scroller e(f.dbc, 2, "SELECT seq FROM seq_1_to_3 WHERE seq > 5");
  for (SQLSMALLINT o : {SQL_FETCH_FIRST, SQL_FETCH_LAST, SQL_FETCH_NEXT, SQL_FETCH_PRIOR, SQL_FETCH_ABSOLUTE,
                        SQL_FETCH_RELATIVE})
    CHECK(e.fetch(o, 1, SQL_NO_DATA).empty());
}

TEST_CASE("Scrolling honours SQL_ATTR_MAX_ROWS", "[integration][scroll]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_MAX_ROWS, ptr(4), 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
  SQLINTEGER id = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &id, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);
  CHECK(id == 4);
  CHECK(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, 5) == SQL_NO_DATA);
}

TEST_CASE("A forward-only cursor fetches forward only", "[integration][scroll]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLULEN type = 99;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr) == SQL_SUCCESS);
  CHECK(type == SQL_CURSOR_FORWARD_ONLY);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_5"));
  SQLINTEGER id = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &id, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);
  CHECK(id == 1);
  for (SQLSMALLINT o : {SQL_FETCH_PRIOR, SQL_FETCH_FIRST, SQL_FETCH_LAST, SQL_FETCH_ABSOLUTE, SQL_FETCH_RELATIVE}) {
    INFO("orientation " << o);
    CHECK(SQLFetchScroll(st.h, o, 1) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY106");
  }
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_NEXT, 0) == SQL_SUCCESS);
  CHECK(id == 2);  // the refused calls did not move the cursor
  // SQLExtendedFetch (on a new cursor: the driver manager refuses to mix it with
  // SQLFetch): SQL_ROWSET_SIZE rows and its own outputs.
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_5"));
  SQLINTEGER ids[3] = {0, 0, 0};
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ROWSET_SIZE, ptr(3), 0) == SQL_SUCCESS);
  SQLULEN rows = 0;
  SQLUSMALLINT status[3] = {9, 9, 9};
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_NEXT, 0, &rows, status) == SQL_SUCCESS);
  CHECK(rows == 3);
  CHECK(ids[0] == 1);
  CHECK(ids[2] == 3);
  CHECK(status[2] == SQL_ROW_SUCCESS);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_NEXT, 0, &rows, status) == SQL_SUCCESS);
  CHECK(rows == 2);
  CHECK(ids[1] == 5);
  CHECK(status[2] == SQL_ROW_NOROW);
  CHECK(SQLExtendedFetch(st.h, SQL_FETCH_FIRST, 0, &rows, status) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY106");
  SQLULEN array_size = 0;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, &array_size, 0, nullptr) == SQL_SUCCESS);
  CHECK(array_size == 1);  // SQL_ROWSET_SIZE is not the row array size
}

TEST_CASE("SQLExtendedFetch scrolls with SQL_ROWSET_SIZE and its own outputs", "[integration][scroll]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ROWSET_SIZE, ptr(3), 0) == SQL_SUCCESS);
  SQLULEN attr_fetched = 77;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &attr_fetched, 0) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
  SQLINTEGER ids[3];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  SQLULEN rows = 0;
  SQLUSMALLINT status[3];
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_LAST, 0, &rows, status) == SQL_SUCCESS);
  CHECK(rows == 3);
  CHECK(ids[0] == 8);
  CHECK(ids[2] == 10);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_ABSOLUTE, 9, &rows, status) == SQL_SUCCESS);
  CHECK(rows == 2);
  CHECK(ids[1] == 10);
  CHECK(status[2] == SQL_ROW_NOROW);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_PRIOR, 0, &rows, status) == SQL_SUCCESS);
  CHECK(ids[0] == 6);
  CHECK(attr_fetched == 77);  // SQLFetchScroll's output, untouched
  // SQLFetchScroll (on a new cursor) uses SQL_ATTR_ROW_ARRAY_SIZE, still 1.
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);
  CHECK(attr_fetched == 1);
  CHECK(ids[0] == 10);
  CHECK(ids[1] == 7);  // left alone
}

TEST_CASE("Cursor attributes: static cursors, downgrades with 01S02", "[integration][scroll]") {
  Fixture f;
  Stmt st(f.dbc);
  auto get = [&](SQLINTEGER attribute) {
    SQLULEN v = 99;
    REQUIRE(SQLGetStmtAttr(st.h, attribute, &v, 0, nullptr) == SQL_SUCCESS);
    return v;
  };
  CHECK(get(SQL_ATTR_CURSOR_SCROLLABLE) == SQL_NONSCROLLABLE);
  CHECK(get(SQL_ATTR_CONCURRENCY) == SQL_CONCUR_READ_ONLY);
  for (SQLULEN wanted : {SQLULEN{SQL_CURSOR_KEYSET_DRIVEN}, SQLULEN{SQL_CURSOR_DYNAMIC}}) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(wanted), 0) == SQL_SUCCESS_WITH_INFO);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01S02");
    CHECK(get(SQL_ATTR_CURSOR_TYPE) == SQL_CURSOR_STATIC);
    CHECK(get(SQL_ATTR_CURSOR_SCROLLABLE) == SQL_SCROLLABLE);
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_FORWARD_ONLY), 0) == SQL_SUCCESS);
  }
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_SCROLLABLE, ptr(SQL_SCROLLABLE), 0) == SQL_SUCCESS);
  CHECK(get(SQL_ATTR_CURSOR_TYPE) == SQL_CURSOR_STATIC);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_SCROLLABLE, ptr(SQL_NONSCROLLABLE), 0) == SQL_SUCCESS);
  CHECK(get(SQL_ATTR_CURSOR_TYPE) == SQL_CURSOR_FORWARD_ONLY);
  for (SQLULEN wanted : {SQLULEN{SQL_CONCUR_LOCK}, SQLULEN{SQL_CONCUR_ROWVER}}) {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CONCURRENCY, ptr(wanted), 0) == SQL_SUCCESS_WITH_INFO);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01S02");
    CHECK(get(SQL_ATTR_CONCURRENCY) == SQL_CONCUR_VALUES);
    CHECK(get(SQL_ATTR_CURSOR_SENSITIVITY) == SQL_UNSPECIFIED);
  }
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_SENSITIVITY, ptr(SQL_INSENSITIVE), 0) == SQL_SUCCESS);
  CHECK(get(SQL_ATTR_CONCURRENCY) == SQL_CONCUR_READ_ONLY);
  CHECK(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_SENSITIVITY, ptr(SQL_SENSITIVE), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HYC00");
  // Not while a cursor is open.
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT 1"));
  CHECK(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "24000");
  CHECK(get(SQL_ATTR_CURSOR_TYPE) == SQL_CURSOR_FORWARD_ONLY);
}

TEST_CASE("Scrolling a catalog result and reading it with SQLGetData", "[integration][scroll]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, ptr(SQL_CURSOR_STATIC), 0) == SQL_SUCCESS);
  REQUIRE(SQLGetTypeInfo(st.h, SQL_ALL_TYPES) == SQL_SUCCESS);
  SQLLEN rows = 0;
  REQUIRE(SQLRowCount(st.h, &rows) == SQL_SUCCESS);
  REQUIRE(rows > 2);
  auto name = [&] {
    char text[128];
    SQLLEN ind = 0;
    REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_CHAR, text, sizeof text, &ind)));
    return std::string(text);
  };
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_LAST, 0) == SQL_SUCCESS);
  const std::string last = name();
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  const std::string first = name();
  CHECK(first != last);
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_ABSOLUTE, rows) == SQL_SUCCESS);
  CHECK(name() == last);
  // Wide text from a scrolled row.
  REQUIRE(SQLFetchScroll(st.h, SQL_FETCH_FIRST, 0) == SQL_SUCCESS);
  SQLWCHAR wide[128];
  SQLLEN ind = 0;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 1, SQL_C_WCHAR, wide, sizeof wide, &ind)));
  REQUIRE(ind == static_cast<SQLLEN>(first.size() * sizeof(SQLWCHAR)));
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(wide[i] == static_cast<SQLWCHAR>(first[i]));
}

TEST_CASE("An ODBC 2 application scrolls with SQLExtendedFetch", "[integration][scroll]") {
  Env env(SQL_OV_ODBC2);
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQL_SUCCEEDED(SQLSetStmtOption(st.h, SQL_CURSOR_TYPE, SQL_CURSOR_STATIC)));
  REQUIRE(SQL_SUCCEEDED(SQLSetStmtOption(st.h, SQL_ROWSET_SIZE, 4)));
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_10"));
  SQLINTEGER ids[4];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, nullptr) == SQL_SUCCESS);
  SQLULEN rows = 0;
  SQLUSMALLINT status[4];
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_LAST, 0, &rows, status) == SQL_SUCCESS);
  CHECK(rows == 4);
  CHECK(ids[0] == 7);
  CHECK(ids[3] == 10);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_RELATIVE, -2, &rows, status) == SQL_SUCCESS);
  CHECK(ids[0] == 5);
  REQUIRE(SQLExtendedFetch(st.h, SQL_FETCH_PRIOR, 0, &rows, status) == SQL_SUCCESS);
  CHECK(ids[0] == 1);
  CHECK(SQLExtendedFetch(st.h, SQL_FETCH_PRIOR, 0, &rows, status) == SQL_NO_DATA);
}

TEST_CASE("FORWARD_CURSOR=1 keeps every cursor forward-only", "[integration][scroll]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("FORWARD_CURSOR=1"));
  Stmt st(dbc);
  for (SQLINTEGER attribute : {SQL_ATTR_CURSOR_TYPE, SQL_ATTR_CURSOR_SCROLLABLE}) {
    const SQLULEN value = attribute == SQL_ATTR_CURSOR_TYPE ? SQL_CURSOR_STATIC : SQL_SCROLLABLE;
    REQUIRE(SQLSetStmtAttr(st.h, attribute, ptr(value), 0) == SQL_SUCCESS_WITH_INFO);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01S02");
    SQLULEN type = 99;
    REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_CURSOR_TYPE, &type, 0, nullptr) == SQL_SUCCESS);
    CHECK(type == SQL_CURSOR_FORWARD_ONLY);
  }
  ODBC_OK(SQL_HANDLE_STMT, st.h, st.exec("SELECT seq FROM seq_1_to_3"));
  CHECK(SQLFetchScroll(st.h, SQL_FETCH_LAST, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY106");
}
