// Block fetch through the ARD: column-wise and row-wise binding, bind offsets, the row
// status array and rows fetched, a row that fails to convert.
#include <cstring>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

}  // namespace

TEST_CASE("Block fetch: column-wise arrays with a bind offset", "[integration][block_fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  // Two blocks' worth of storage; the offset moves the binding to the second half.
  SQLINTEGER ids[6];
  SQLLEN id_ind[6];
  char names[6][8];
  SQLLEN name_ind[6];
  std::memset(ids, 0, sizeof ids);
  SQLULEN fetched = 0;
  SQLUSMALLINT status[3];
  SQLLEN offset = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(3), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq, CONCAT('c', seq) FROM seq_1_to_5")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, ids, 0, id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, names, sizeof names[0], name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(fetched == 3);
  for (int r = 0; r < 3; ++r) {
    CHECK(ids[r] == r + 1);
    CHECK(std::string(names[r]) == "c" + std::to_string(r + 1));
    CHECK(name_ind[r] == 2);
    CHECK(status[r] == SQL_ROW_SUCCESS);
  }
  // The next block's integers land in other storage: the ARD's data pointer, changed
  // through the descriptor (no rebinding).
  offset = 0;
  SQLINTEGER ids2[3] = {0, 0, 0};
  SQLHDESC ard = SQL_NULL_HDESC;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, ids2, 0) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(fetched == 2);
  CHECK(ids2[0] == 4);
  CHECK(ids2[1] == 5);
  CHECK(ids2[2] == 0);
  CHECK(std::string(names[1]) == "c5");
  CHECK(status[0] == SQL_ROW_SUCCESS);
  CHECK(status[1] == SQL_ROW_SUCCESS);
  CHECK(status[2] == SQL_ROW_NOROW);
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);

  // A byte offset applied to every bound address.
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(st.h, SQL_UNBIND) == SQL_SUCCESS);
  SQLINTEGER big[6] = {0, 0, 0, 0, 0, 0};
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq * 10 FROM seq_1_to_3")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, big, 0, nullptr) == SQL_SUCCESS);
  offset = 3 * sizeof(SQLINTEGER);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(big[0] == 0);
  CHECK(big[3] == 10);
  CHECK(big[4] == 20);
  CHECK(big[5] == 30);
}

TEST_CASE("Block fetch: row-wise structures with a bind offset and a failing row", "[integration][block_fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  struct Row {
    SQLINTEGER value;
    SQLLEN value_ind;
    SQLWCHAR label[6];
    SQLLEN label_ind;
  };
  Row rows[8];
  std::memset(rows, 0, sizeof rows);
  SQLULEN fetched = 0;
  SQLUSMALLINT status[4];
  SQLLEN offset = 4 * sizeof(Row);  // fill rows[4..7]
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, ptr(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(4), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  // The third row's value is not a number: that row fails with 22018, the others arrive.
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT v, CONCAT('é', v) FROM (SELECT '1' AS v UNION ALL SELECT '2' UNION ALL "
                                "SELECT 'x' UNION ALL SELECT '4') t")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &rows[0].value, 0, &rows[0].value_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_WCHAR, rows[0].label, sizeof rows[0].label, &rows[0].label_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS_WITH_INFO);
  CHECK(fetched == 4);
  CHECK(status[0] == SQL_ROW_SUCCESS);
  CHECK(status[1] == SQL_ROW_SUCCESS);
  CHECK(status[2] == SQL_ROW_ERROR);
  CHECK(status[3] == SQL_ROW_SUCCESS);
  CHECK(rows[0].value == 0);  // the offset kept the first four untouched
  CHECK(rows[4].value == 1);
  CHECK(rows[5].value == 2);
  CHECK(rows[7].value == 4);
  CHECK(rows[7].label[0] == 0x00E9);
  CHECK(rows[7].label[1] == '4');
  CHECK(rows[7].label_ind == 4);
  // The diagnostic names the row.
  SQLCHAR state[6];
  SQLLEN row_number = 0;
  REQUIRE(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, state, nullptr, nullptr, 0, nullptr) != SQL_ERROR);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "22018");
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_ROW_NUMBER, &row_number, 0, nullptr) == SQL_SUCCESS);
  CHECK(row_number == 3);
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
}
