// SQLDescribeParam: markers described from their target columns (INSERT with and
// without a column list, UPDATE SET, WHERE col = ?), and VARCHAR(255) where the text
// does not tell.
#include <string>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Described {
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  SQLSMALLINT digits = -1;
  SQLSMALLINT nullable = -1;
};

Described describe_param(SQLHSTMT st, SQLUSMALLINT n) {
  Described d;
  INFO("parameter " << n);
  REQUIRE(SQLDescribeParam(st, n, &d.type, &d.size, &d.digits, &d.nullable) == SQL_SUCCESS);
  return d;
}

void prepare(SQLHSTMT st, const char* sql) {
  INFO(sql);
  REQUIRE(SQLPrepare(st, (SQLCHAR*)sql, SQL_NTS) == SQL_SUCCESS);
}

}  // namespace

TEST_CASE("SQLDescribeParam: parameters described from their target columns", "[integration][describe_param]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS dparam");
  st.run("CREATE TABLE dparam (id INT NOT NULL PRIMARY KEY, name VARCHAR(4000), amount DECIMAL(12,4), "
         "at DATETIME, data VARBINARY(16))");

  prepare(st.h, "INSERT INTO dparam (name, amount, id, data) VALUES (?, ?, ?, ?)");
  Described name = describe_param(st.h, 1);
  CHECK((name.type == SQL_VARCHAR || name.type == SQL_WVARCHAR));
  CHECK(name.size == 4000);
  CHECK(name.nullable == SQL_NULLABLE);
  Described amount = describe_param(st.h, 2);
  CHECK(amount.type == SQL_DECIMAL);
  CHECK(amount.size == 12);
  CHECK(amount.digits == 4);
  Described id = describe_param(st.h, 3);
  CHECK(id.type == SQL_INTEGER);
  CHECK(id.nullable == SQL_NO_NULLS);
  Described data = describe_param(st.h, 4);
  CHECK(data.type == SQL_VARBINARY);
  CHECK(data.size == 16);

  // No column list: the table's columns in order; an expression stays unknown.
  prepare(st.h, "INSERT INTO dparam VALUES (?, ?, ? * 2, ?, ?)");
  CHECK(describe_param(st.h, 1).type == SQL_INTEGER);
  CHECK(describe_param(st.h, 4).type == SQL_TYPE_TIMESTAMP);
  Described expr = describe_param(st.h, 3);
  CHECK(expr.type == SQL_VARCHAR);
  CHECK(expr.size == 255);

  prepare(st.h, "UPDATE dparam SET amount = ? WHERE id = ? AND name LIKE ?");
  CHECK(describe_param(st.h, 1).type == SQL_DECIMAL);
  CHECK(describe_param(st.h, 2).type == SQL_INTEGER);
  CHECK(describe_param(st.h, 3).size == 4000);

  // A name that is no column: undescribed, and the statement still runs as it would.
  prepare(st.h, "SELECT id FROM dparam WHERE nosuch = ?");
  CHECK(describe_param(st.h, 1).type == SQL_VARCHAR);
  CHECK(SQLDescribeParam(st.h, 2, nullptr, nullptr, nullptr, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07009");

  // The description is used: a described INSERT runs with values bound as described.
  prepare(st.h, "INSERT INTO dparam (id, amount) VALUES (?, ?)");
  Described a = describe_param(st.h, 2);
  SQLINTEGER k = 1;
  char value[] = "12.3456";
  SQLLEN k_ind = 0, v_ind = SQL_NTS;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_LONG, SQL_INTEGER, 0, 0, &k, 0, &k_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, a.type, a.size, a.digits, value, sizeof value,
                           &v_ind) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(SQLExecute(st.h)));
  CHECK(st.scalar("SELECT amount FROM dparam WHERE id = 1") == "12.3456");
}
