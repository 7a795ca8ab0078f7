// OUT and INOUT parameters with arrays of parameter sets (SQL_ATTR_PARAMSET_SIZE > 1):
// each set is one CALL whose output values land in that set's buffers, column-wise and
// row-wise, with per-set status, the processed count, one failing set and one truncated
// output; the return value of {?= call f(?)} for each set.
#include <cstring>
#include <string>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  bool connected = (dbc.connect(), true);
  Stmt st{dbc};
  Fixture() {
    st.run("DROP PROCEDURE IF EXISTS hf_arr_out");
    // A negative input fails the call (that set's status is SQL_PARAM_ERROR).
    st.run(
        "CREATE PROCEDURE hf_arr_out(IN a INT, OUT b INT, INOUT c VARCHAR(40)) "
        "BEGIN IF a < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative input'; END IF; "
        "SET b = a * 2; SET c = CONCAT(c, '-', a); END");
  }
};

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }
SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

SQLLEN diag_row(SQLHSTMT st, SQLSMALLINT record) {
  SQLLEN row = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st, record, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr) == SQL_SUCCESS);
  return row;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "out arrays: column-wise OUT and INOUT, one failing set", "[integration][out_arrays]") {
  constexpr int kSets = 4;
  SQLINTEGER a[kSets] = {1, 2, -3, 4};
  SQLINTEGER b[kSets] = {-7, -7, -7, -7};
  SQLLEN a_ind[kSets] = {0, 0, 0, 0};
  SQLLEN b_ind[kSets] = {0, 0, 0, 0};
  char c[kSets][12] = {"p", "qq", "rrr", "ssss"};
  SQLLEN c_ind[kSets] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
  SQLUSMALLINT status[kSets] = {};
  SQLULEN processed = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(kSets), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, a, 0, a_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, b, 0, b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, c, sizeof c[0], c_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLPrepare(st.h, C("{call hf_arr_out(?, ?, ?)}"), SQL_NTS) == SQL_SUCCESS);
  const SQLRETURN rc = SQLExecute(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS_WITH_INFO);
  CHECK(processed == kSets);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_SUCCESS);
  CHECK(status[2] == SQL_PARAM_ERROR);
  CHECK(status[3] == SQL_PARAM_SUCCESS);
  const auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(d.size() == 1);
  CHECK(d[0].sqlstate == "45000");
  CHECK(d[0].message.find("negative input") != std::string::npos);
  CHECK(diag_row(st.h, 1) == 3);
  // Each set's outputs in its own slots; the failing set's are untouched.
  CHECK(b[0] == 2);
  CHECK(b[1] == 4);
  CHECK(b[2] == -7);
  CHECK(b[3] == 8);
  CHECK(b_ind[0] == sizeof(SQLINTEGER));
  CHECK(b_ind[3] == sizeof(SQLINTEGER));
  CHECK(std::string(c[0]) == "p-1");
  CHECK(std::string(c[1]) == "qq-2");
  CHECK(std::string(c[2]) == "rrr");
  CHECK(std::string(c[3]) == "ssss-4");
  CHECK(c_ind[0] == 3);
  CHECK(c_ind[1] == 4);
  CHECK(c_ind[2] == SQL_NTS);
  CHECK(c_ind[3] == 6);
  // No result set is left open.
  SQLSMALLINT columns = -1;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  CHECK(columns == 0);
}

TEST_CASE_METHOD(Fixture, "out arrays: row-wise with a bind offset, an ignored set and a truncated output",
                 "[integration][out_arrays]") {
  struct Row {
    SQLINTEGER a;
    SQLLEN a_ind;
    SQLINTEGER b;
    SQLLEN b_ind;
    char c[8];
    SQLLEN c_ind;
  };
  constexpr int kSets = 3;
  // The bound addresses point one Row before the data: the offset brings them there.
  Row rows[kSets + 1] = {};
  Row* data = rows + 1;
  data[0] = Row{5, 0, 0, 0, "ab", SQL_NTS};
  data[1] = Row{6, 0, 0, 0, "cd", SQL_NTS};
  data[2] = Row{7, 0, 0, 0, "abcdef", SQL_NTS};  // "abcdef-7" does not fit in 8 bytes
  SQLUSMALLINT operations[kSets] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
  SQLUSMALLINT status[kSets] = {};
  SQLULEN processed = 0;
  SQLLEN offset = sizeof(Row);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_BIND_TYPE, ptr(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(kSets), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &rows[0].a, 0, &rows[0].a_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &rows[0].b, 0,
                           &rows[0].b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, rows[0].c,
                           sizeof rows[0].c, &rows[0].c_ind) == SQL_SUCCESS);
  const SQLRETURN rc = SQLExecDirect(st.h, C("CALL hf_arr_out(?, ?, ?)"), SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(processed == 2);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_UNUSED);
  CHECK(status[2] == SQL_PARAM_SUCCESS_WITH_INFO);
  CHECK(data[0].b == 10);
  CHECK(std::string(data[0].c) == "ab-5");
  CHECK(data[0].c_ind == 4);
  CHECK(data[1].b == 0);  // ignored
  CHECK(std::string(data[1].c) == "cd");
  CHECK(data[2].b == 14);
  CHECK(std::string(data[2].c) == "abcdef-");
  CHECK(data[2].c_ind == 8);
  // The row before the data (where the bound addresses point) is untouched.
  CHECK(rows[0].b == 0);
  CHECK(rows[0].b_ind == 0);
}

TEST_CASE_METHOD(Fixture, "out arrays: {?= call f(?)} gives each set its return value", "[integration][out_arrays]") {
  st.run("DROP FUNCTION IF EXISTS hf_arr_twice");
  st.run("CREATE FUNCTION hf_arr_twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
  constexpr int kSets = 3;
  SQLINTEGER ret[kSets] = {0, 0, 0};
  SQLLEN ret_ind[kSets] = {0, 0, 0};
  SQLINTEGER x[kSets] = {10, 20, 30};
  SQLLEN x_ind[kSets] = {0, SQL_NULL_DATA, 0};
  SQLUSMALLINT status[kSets] = {};
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(kSets), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ret, 0, ret_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, x, 0, x_ind) == SQL_SUCCESS);
  const SQLRETURN rc = SQLExecDirect(st.h, C("{?= call hf_arr_twice(?)}"), SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(status[0] == SQL_PARAM_SUCCESS);
  CHECK(status[1] == SQL_PARAM_SUCCESS);
  CHECK(status[2] == SQL_PARAM_SUCCESS);
  CHECK(ret[0] == 20);
  CHECK(ret_ind[0] == sizeof(SQLINTEGER));
  CHECK(ret_ind[1] == SQL_NULL_DATA);
  CHECK(ret[2] == 60);
  st.run("DROP FUNCTION hf_arr_twice");
}

TEST_CASE_METHOD(Fixture, "out arrays: a procedure's result sets are discarded, its outputs kept",
                 "[integration][out_arrays]") {
  st.run("DROP PROCEDURE IF EXISTS hf_arr_rows");
  st.run(
      "CREATE PROCEDURE hf_arr_rows(IN n INT, OUT total INT) "
      "BEGIN SELECT n AS v UNION ALL SELECT n + 1; SET total = n * 10; END");
  constexpr int kSets = 2;
  SQLINTEGER n[kSets] = {1, 2};
  SQLINTEGER total[kSets] = {0, 0};
  SQLLEN total_ind[kSets] = {0, 0};
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(kSets), 0) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, n, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, total, 0, total_ind) ==
          SQL_SUCCESS);
  const SQLRETURN rc = SQLExecDirect(st.h, C("{call hf_arr_rows(?, ?)}"), SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(total[0] == 10);
  CHECK(total[1] == 20);
  SQLSMALLINT columns = -1;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  CHECK(columns == 0);
  CHECK(SQLMoreResults(st.h) == SQL_NO_DATA);
  // The connection is free for the next statement.
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(1), 0) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(st.h, SQL_RESET_PARAMS) == SQL_SUCCESS);
  CHECK(st.scalar("SELECT 41 + 1") == "42");
  st.run("DROP PROCEDURE hf_arr_rows");
}
