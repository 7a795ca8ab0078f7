// OUT and INOUT parameters of {call p(?, ...)} and CALL p(?, ...), the return value of
// {?= call f(?)}, a procedure with OUT parameters and a result set, truncation of an
// output value, an output parameter outside a call.
#include <cstring>
#include <string>

#include "connected_fixture.h"
#include "odbc_test.h"
#include "resilience_test.h"

using namespace odbc_test;

namespace {

using Fixture = ConnectedStatement;

SQLCHAR* C(const char* s) { return reinterpret_cast<SQLCHAR*>(const_cast<char*>(s)); }

void create_procedures(Stmt& st) {
  st.run("DROP PROCEDURE IF EXISTS hf_out_types");
  st.run(
      "CREATE PROCEDURE hf_out_types(IN a INT, OUT b INT, INOUT c VARCHAR(40), OUT d DECIMAL(12,3), OUT e DATETIME) "
      "BEGIN SET b = a * 2; SET c = CONCAT(c, '-', a); SET d = 1234.567; SET e = '2024-02-29 13:14:15'; END");
  st.run("DROP PROCEDURE IF EXISTS hf_out_rows");
  st.run(
      "CREATE PROCEDURE hf_out_rows(IN n INT, OUT total INT) "
      "BEGIN SELECT n AS v UNION ALL SELECT n + 1; SET total = n * 10; END");
  st.run("DROP FUNCTION IF EXISTS hf_twice");
  st.run("CREATE FUNCTION hf_twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
}

}  // namespace

TEST_CASE_METHOD(Fixture, "out params: OUT and INOUT of int, varchar, decimal and datetime through {call}",
                 "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER a = 21, b = -1;
  char c[40] = "in'put";
  char d[20] = {};
  SQL_TIMESTAMP_STRUCT e{};
  SQLLEN a_ind = 0, b_ind = 0, c_ind = SQL_NTS, d_ind = 0, e_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &b, 0, &b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, c, sizeof c, &c_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 4, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 3, d, sizeof d, &d_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 5, SQL_PARAM_OUTPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &e, 0,
                           &e_ind) == SQL_SUCCESS);
  SECTION("escape form") {
    const SQLRETURN rc = SQLExecDirect(st.h, C("{call hf_out_types(?, ?, ?, ?, ?)}"), SQL_NTS);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
  }
  SECTION("plain CALL, prepared") {
    REQUIRE(SQLPrepare(st.h, C("CALL hf_out_types(?, ?, ?, ?, ?)"), SQL_NTS) == SQL_SUCCESS);
    SQLSMALLINT count = 0;
    REQUIRE(SQLNumParams(st.h, &count) == SQL_SUCCESS);
    CHECK(count == 5);
    const SQLRETURN rc = SQLExecute(st.h);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
  }
  CHECK(b == 42);
  CHECK(b_ind == sizeof(SQLINTEGER));
  CHECK(std::string(c) == "in'put-21");
  CHECK(c_ind == 9);
  CHECK(std::string(d) == "1234.567");
  CHECK(d_ind == 8);
  CHECK(e.year == 2024);
  CHECK(e.month == 2);
  CHECK(e.day == 29);
  CHECK(e.hour == 13);
  CHECK(e.minute == 14);
  CHECK(e.second == 15);
  // No result set.
  SQLSMALLINT columns = -1;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  CHECK(columns == 0);
}

TEST_CASE_METHOD(Fixture, "out params: wide INOUT and a NULL input", "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER a = 3, b = 0;
  SQLWCHAR c[40] = {u'\u00e9', u'x', 0};
  char d[20] = {};
  SQL_TIMESTAMP_STRUCT e{};
  SQLLEN a_ind = SQL_NULL_DATA, b_ind = 0, c_ind = SQL_NTS, d_ind = 0, e_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &b, 0, &b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_WCHAR, SQL_WVARCHAR, 40, 0, c, sizeof c, &c_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 4, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 3, d, sizeof d, &d_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 5, SQL_PARAM_OUTPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &e, 0,
                           &e_ind) == SQL_SUCCESS);
  const std::u16string sql = u"{call hf_out_types(?, ?, ?, ?, ?)}";
  const SQLRETURN rc = SQLExecDirectW(st.h, (SQLWCHAR*)sql.c_str(), SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  // a is NULL: b = NULL * 2, c = CONCAT(c, '-', NULL) = NULL.
  CHECK(b_ind == SQL_NULL_DATA);
  CHECK(c_ind == SQL_NULL_DATA);
  a_ind = 0;
  REQUIRE(SQLExecDirectW(st.h, (SQLWCHAR*)sql.c_str(), SQL_NTS) == SQL_SUCCESS);
  CHECK(b == 6);
  // c was reset to NULL by the first call's output: bind a value again.
  c[0] = u'\u00e9';
  c[1] = 0;
  c_ind = SQL_NTS;
  REQUIRE(SQLExecDirectW(st.h, (SQLWCHAR*)sql.c_str(), SQL_NTS) == SQL_SUCCESS);
  CHECK(c_ind == 3 * static_cast<SQLLEN>(sizeof(SQLWCHAR)));
  CHECK(c[0] == u'\u00e9');
  CHECK(c[1] == u'-');
  CHECK(c[2] == u'3');
  CHECK(c[3] == 0);
}

TEST_CASE_METHOD(Fixture, "out params: an INOUT parameter sent at execution gets its output in the same buffer",
                 "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER a = 7, b = 0;
  char c[40] = {};
  char d[20] = {};
  SQL_TIMESTAMP_STRUCT e{};
  SQLLEN a_ind = 0, b_ind = 0, c_ind = SQL_DATA_AT_EXEC, d_ind = 0, e_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &b, 0, &b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, c, sizeof c, &c_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 4, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 3, d, sizeof d, &d_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 5, SQL_PARAM_OUTPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &e, 0,
                           &e_ind) == SQL_SUCCESS);
  REQUIRE(SQLExecDirect(st.h, C("{call hf_out_types(?, ?, ?, ?, ?)}"), SQL_NTS) == SQL_NEED_DATA);
  SQLPOINTER named = nullptr;
  REQUIRE(SQLParamData(st.h, &named) == SQL_NEED_DATA);
  CHECK(named == c);
  REQUIRE(SQLPutData(st.h, C("pie"), 3) == SQL_SUCCESS);
  REQUIRE(SQLPutData(st.h, C("ce"), 2) == SQL_SUCCESS);
  const SQLRETURN rc = SQLParamData(st.h, &named);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(std::string(c) == "piece-7");
  CHECK(c_ind == 7);
  CHECK(b == 14);
}

TEST_CASE_METHOD(Fixture, "out params: {?= call f(?)} returns the function value in parameter 1",
                 "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER ret = 0, x = 17;
  SQLLEN ret_ind = 0, x_ind = 0;
  REQUIRE(SQLPrepare(st.h, C("{? = call hf_twice(?)}"), SQL_NTS) == SQL_SUCCESS);
  SQLSMALLINT count = 0;
  REQUIRE(SQLNumParams(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 2);
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &ret, 0, &ret_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &x, 0, &x_ind) == SQL_SUCCESS);
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  CHECK(ret == 34);
  SQLSMALLINT columns = -1;
  REQUIRE(SQLNumResultCols(st.h, &columns) == SQL_SUCCESS);
  CHECK(columns == 0);
  x = -4;
  REQUIRE(SQLExecute(st.h) == SQL_SUCCESS);
  CHECK(ret == -8);

  // Parameter 1 not bound for output: the value is a one-row result set.
  Stmt plain(dbc);
  REQUIRE(SQLBindParameter(plain.h, 2, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &x, 0, &x_ind) == SQL_SUCCESS);
  REQUIRE(SQLExecDirect(plain.h, C("{?= call hf_twice(?)}"), SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLFetch(plain.h) == SQL_SUCCESS);
  SQLINTEGER got = 0;
  REQUIRE(SQLGetData(plain.h, 1, SQL_C_LONG, &got, 0, nullptr) == SQL_SUCCESS);
  CHECK(got == -8);
}

TEST_CASE_METHOD(Fixture, "out params: a procedure with an OUT parameter and a result set",
                 "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER n = 5, total = -1;
  SQLLEN n_ind = 0, total_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &total, 0, &total_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLExecDirect(st.h, C("{call hf_out_rows(?, ?)}"), SQL_NTS) == SQL_SUCCESS);
  SQLINTEGER v = 0;
  SQLLEN v_ind = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_LONG, &v, 0, &v_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(v == 5);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(v == 6);
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
  // The output is there once the results are consumed, not before.
  CHECK(total == -1);
  SQLRETURN rc = SQLMoreResults(st.h);
  while (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) rc = SQLMoreResults(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  CHECK(rc == SQL_NO_DATA);
  CHECK(total == 50);
  REQUIRE(SQLFreeStmt(st.h, SQL_UNBIND) == SQL_SUCCESS);
  // The connection is usable afterwards.
  CHECK(st.scalar("SELECT 7") == "7");
}

TEST_CASE_METHOD(Fixture, "out params: a truncated output value is 01004, an output parameter outside a call HY105",
                 "[integration][out_params]") {
  create_procedures(st);
  SQLINTEGER a = 12345, b = 0;
  char c[6] = "abcd";
  char d[20] = {};
  SQL_TIMESTAMP_STRUCT e{};
  SQLLEN a_ind = 0, b_ind = 0, c_ind = SQL_NTS, d_ind = 0, e_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &a, 0, &a_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &b, 0, &b_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 3, SQL_PARAM_INPUT_OUTPUT, SQL_C_CHAR, SQL_VARCHAR, 40, 0, c, sizeof c, &c_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 4, SQL_PARAM_OUTPUT, SQL_C_CHAR, SQL_DECIMAL, 12, 3, d, sizeof d, &d_ind) ==
          SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 5, SQL_PARAM_OUTPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 19, 0, &e, 0,
                           &e_ind) == SQL_SUCCESS);
  REQUIRE(SQLExecDirect(st.h, C("{call hf_out_types(?, ?, ?, ?, ?)}"), SQL_NTS) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(std::string(c) == "abcd-");
  CHECK(c_ind == 10);  // "abcd-12345"
  CHECK(b == 24690);

  Stmt other(dbc);
  SQLINTEGER out = 0;
  SQLLEN out_ind = 0;
  REQUIRE(SQLBindParameter(other.h, 1, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &out, 0, &out_ind) ==
          SQL_SUCCESS);
  CHECK(SQLExecDirect(other.h, C("SELECT ?"), SQL_NTS) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, other.h) == "HY105");
}

TEST_CASE("out params: the driver clears its output variables, so a killed link after a CALL reconnects "
          "transparently and the CALL never runs twice",
          "[integration][out_params]") {
  using namespace resilience_test;
  Env env;
  Dbc admin(env);
  admin.connect();
  Stmt setup(admin);
  setup.run("DROP TABLE IF EXISTS hf_calls");
  setup.run("CREATE TABLE hf_calls (v INT)");
  setup.run("DROP PROCEDURE IF EXISTS hf_count_call");
  setup.run("CREATE PROCEDURE hf_count_call(INOUT v INT) BEGIN INSERT INTO hf_calls VALUES (v); SET v = v + 1; END");

  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  CHECK(replayable(dbc) == SQL_TRUE);
  Stmt st(dbc);
  SECTION("no state of the application's: transparent") {
    SQLINTEGER v = 41;
    SQLLEN v_ind = 0;
    REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &v, 0, &v_ind) ==
            SQL_SUCCESS);
    REQUIRE(SQLExecDirect(st.h, C("{call hf_count_call(?)}"), SQL_NTS) == SQL_SUCCESS);
    CHECK(v == 42);
    // The output variable was read and cleared: nothing is left the driver cannot rebuild.
    Stmt look(dbc);
    CHECK(look.scalar("SELECT @hf_out_1 IS NULL") == "1");
    CHECK(replayable(dbc) == SQL_TRUE);
    const std::string id = server_connection_id(dbc);
    const SQLUINTEGER before = reconnects(dbc);
    kill_connection(admin, id);
    // The same statement again, on a new link: it runs (once) and its output is right.
    v = 7;
    const SQLRETURN rc = SQLExecDirect(st.h, C("{call hf_count_call(?)}"), SQL_NTS);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
    CHECK(v == 8);
    CHECK(reconnects(dbc) == before + 1);
    // The call on the new link cleared its variable too.
    CHECK(replayable(dbc) == SQL_TRUE);
    CHECK(server_connection_id(dbc) != id);
    CHECK(look.scalar("SELECT GROUP_CONCAT(v ORDER BY v) FROM hf_calls") == "7,41");
  }
  SECTION("a user variable of the application's: the loss is reported") {
    st.run("SET @mine = 5");
    CHECK(replayable(dbc) == SQL_FALSE);
    SQLINTEGER v = 41;
    SQLLEN v_ind = 0;
    REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &v, 0, &v_ind) ==
            SQL_SUCCESS);
    REQUIRE(SQLExecDirect(st.h, C("{call hf_count_call(?)}"), SQL_NTS) == SQL_SUCCESS);
    CHECK(v == 42);
    // Still not replayable: the application's variable is there.
    CHECK(replayable(dbc) == SQL_FALSE);
    const std::string id = server_connection_id(dbc);
    kill_connection(admin, id);
    Stmt next(dbc);
    const std::vector<DiagRecordText> records = expect_error(next, "SELECT 1");
    REQUIRE(!records.empty());
    CHECK(records.front().sqlstate == "08S01");
    // The handle stays usable; the procedure ran exactly once.
    CHECK(next.scalar("SELECT COUNT(*) FROM hf_calls") == "1");
  }
  setup.run("DROP PROCEDURE hf_count_call");
  setup.run("DROP TABLE hf_calls");
}

namespace {

// SELECT statements this session has run (the read itself included).
long long selects_so_far(Stmt& look) {
  return std::stoll(
      look.scalar("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_SELECT'"));
}

}  // namespace

TEST_CASE("out params: a procedure that may leave state of its own keeps the session unrebuildable after "
          "its CALL, and its definition is read once per connection",
          "[integration][out_params]") {
  using namespace resilience_test;
  Env env;
  Dbc admin(env);
  admin.connect();
  Stmt setup(admin);
  setup.run("DROP PROCEDURE IF EXISTS hf_out_temp");
  setup.run(
      "CREATE PROCEDURE hf_out_temp(OUT n INT) "
      "BEGIN CREATE TEMPORARY TABLE IF NOT EXISTS hf_scratch (v INT); SELECT COUNT(*) INTO n FROM hf_scratch; END");
  setup.run("DROP PROCEDURE IF EXISTS hf_out_plain");
  setup.run("CREATE PROCEDURE hf_out_plain(OUT n INT) BEGIN SET n = 3; END");

  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  CHECK(replayable(dbc) == SQL_TRUE);
  Stmt st(dbc);
  Stmt look(dbc);
  SQLINTEGER n = -1;
  SQLLEN n_ind = 0;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_OUTPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &n, 0, &n_ind) == SQL_SUCCESS);
  SECTION("a temporary table made by the procedure: the loss is reported, not hidden") {
    REQUIRE(SQLExecDirect(st.h, C("{call hf_out_temp(?)}"), SQL_NTS) == SQL_SUCCESS);
    CHECK(n == 0);
    CHECK(look.scalar("SELECT @hf_out_1 IS NULL") == "1");
    CHECK(replayable(dbc) == SQL_FALSE);
    kill_connection(admin, server_connection_id(dbc));
    Stmt next(dbc);
    const std::vector<DiagRecordText> records = expect_error(next, "SELECT COUNT(*) FROM hf_scratch");
    REQUIRE(!records.empty());
    CHECK(records.front().sqlstate == "08S01");
  }
  SECTION("a plain procedure: transparent, and the second CALL reads no definition") {
    long long before = selects_so_far(look);
    REQUIRE(SQLExecDirect(st.h, C("CALL hf_out_plain(?)"), SQL_NTS) == SQL_SUCCESS);
    CHECK(n == 3);
    const long long first = selects_so_far(look) - before;
    CHECK(replayable(dbc) == SQL_TRUE);
    n = -1;
    before = selects_so_far(look);
    REQUIRE(SQLExecDirect(st.h, C("{call HF_OUT_PLAIN(?)}"), SQL_NTS) == SQL_SUCCESS);
    CHECK(n == 3);
    const long long second = selects_so_far(look) - before;
    // The first CALL read its outputs and the definition, the second its outputs only.
    CHECK(first == second + 1);
    CHECK(replayable(dbc) == SQL_TRUE);
    const std::string id = server_connection_id(dbc);
    const SQLUINTEGER reconnected = reconnects(dbc);
    kill_connection(admin, id);
    n = -1;
    const SQLRETURN rc = SQLExecDirect(st.h, C("{call hf_out_plain(?)}"), SQL_NTS);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
    CHECK(n == 3);
    CHECK(reconnects(dbc) == reconnected + 1);
    CHECK(replayable(dbc) == SQL_TRUE);
  }
  setup.run("DROP PROCEDURE hf_out_temp");
  setup.run("DROP PROCEDURE hf_out_plain");
}
