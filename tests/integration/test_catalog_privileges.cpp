// SQLTablePrivileges and SQLColumnPrivileges (A and W): grants the test makes to two
// users of its own, at table, column and database level.
#include <algorithm>

#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

const std::string kPrivDb = "holdfast_priv";
const std::string kGrantee = "'hf_grantee'@'127.0.0.1'";  // table- and column-level grants
const std::string kReader = "'hf_reader'@'127.0.0.1'";    // a database-level grant

void create_privileges_schema() {
  static bool created = false;
  if (created) return;
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  for (const std::string& sql : std::initializer_list<std::string>{
           "DROP USER IF EXISTS " + kGrantee,
           "DROP USER IF EXISTS " + kReader,
           "DROP DATABASE IF EXISTS " + kPrivDb,
           "CREATE DATABASE " + kPrivDb,
           "CREATE TABLE holdfast_priv.t1 (a INT, b INT, c INT)",
           "CREATE TABLE holdfast_priv.t2 (x INT)",
           "CREATE TABLE holdfast_priv.t3 (p INT, q INT, r INT)",
           "CREATE TABLE holdfast_priv.t_4 (z INT)",
           "CREATE USER " + kGrantee + " IDENTIFIED BY 'hf_pw_1'",
           "CREATE USER " + kReader + " IDENTIFIED BY 'hf_pw_2'",
           "GRANT SELECT, INSERT, UPDATE ON holdfast_priv.t1 TO " + kGrantee + " WITH GRANT OPTION",
           "GRANT DELETE ON holdfast_priv.t2 TO " + kGrantee,
           "GRANT SELECT (p, q), UPDATE (q) ON holdfast_priv.t3 TO " + kGrantee,
           "GRANT SELECT ON `holdfast\\_priv`.* TO " + kReader,
       })
    st.run(sql);
  created = true;
}

// A connection whose current database is holdfast_priv.
struct PrivilegesFixture {
  bool ready = (create_privileges_schema(), true);
  Env env;
  ConnectedDbc dbc;
  Stmt st{dbc};
  explicit PrivilegesFixture(SQLUINTEGER version = SQL_OV_ODBC3, const std::string& extra = "")
      : env(version), dbc(env, connection_string("DATABASE=" + kPrivDb + ";" + extra)) {}
};

Rows table_privileges(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& table) {
  return CATALOG_ROWS(st, SQLTablePrivileges(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS));
}

Rows column_privileges(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& table, const Cell& column) {
  return CATALOG_ROWS(st, SQLColumnPrivileges(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS,
                                              arg(column), SQL_NTS));
}

// The rows whose GRANTEE (at `grantee_index`) is one of the test's users.
Rows of_test_users(const Rows& rows, std::size_t grantee_index) {
  Rows out;
  for (const Row& r : rows)
    if (r.at(grantee_index) == kGrantee || r.at(grantee_index) == kReader) out.push_back(r);
  return out;
}

Row table_row(const char* table, const std::string& grantee, const char* privilege, const char* grantable) {
  return Row{kPrivDb, N, S(table), N, grantee, S(privilege), S(grantable)};
}

Row column_row(const char* table, const char* column, const std::string& grantee, const char* privilege,
               const char* grantable) {
  return Row{kPrivDb, N, S(table), S(column), N, grantee, S(privilege), S(grantable)};
}

}  // namespace

TEST_CASE("SQLTablePrivileges: shape and the grants to the test users", "[integration][catalog][privileges]") {
  PrivilegesFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLTablePrivileges(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"%", SQL_NTS));
  const std::vector<ColumnShape> expected = {
      {"TABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE}, {"TABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS}, {"GRANTOR", SQL_WVARCHAR, 385, SQL_NULLABLE},
      {"GRANTEE", SQL_WVARCHAR, 385, SQL_NO_NULLS},   {"PRIVILEGE", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"IS_GRANTABLE", SQL_WVARCHAR, 3, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  const Rows all = fetch_all(h);
  // Ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME, PRIVILEGE, GRANTEE. Table-level grants
  // (GRANT OPTION on t1 makes its privileges grantable) and the database-level SELECT of
  // the reader on every table; t3's column grants are no table privileges.
  CHECK(of_test_users(all, 4) == Rows{table_row("t1", kGrantee, "INSERT", "YES"),
                                      table_row("t1", kGrantee, "SELECT", "YES"),
                                      table_row("t1", kReader, "SELECT", "NO"),
                                      table_row("t1", kGrantee, "UPDATE", "YES"),
                                      table_row("t2", kGrantee, "DELETE", "NO"),
                                      table_row("t2", kReader, "SELECT", "NO"),
                                      table_row("t3", kReader, "SELECT", "NO"),
                                      table_row("t_4", kReader, "SELECT", "NO")});
  // The connected user's global grants (ALL ON *.*) apply to every table too.
  const std::string me = f.st.scalar("SELECT CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', "
                                     "SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')");
  CHECK(std::count(all.begin(), all.end(), table_row("t2", me, "ALTER", "YES")) == 1);
  for (const Row& r : all) {
    CHECK(r[0] == kPrivDb);
    CHECK_FALSE(r[1].has_value());
    CHECK_FALSE(r[3].has_value());  // GRANTOR: not recorded by information_schema
  }
}

TEST_CASE("SQLTablePrivileges: patterns, catalogs, names as data", "[integration][catalog][privileges]") {
  PrivilegesFixture f;
  const SQLHSTMT h = f.st.h;
  const auto tables_of = [](const Rows& rows) {
    std::vector<Cell> names;
    for (const Row& r : of_test_users(rows, 4))
      if (names.empty() || names.back() != r[2]) names.push_back(r[2]);
    return names;
  };
  CHECK(of_test_users(table_privileges(h, N, N, S("t2")), 4) ==
        Rows{table_row("t2", kGrantee, "DELETE", "NO"), table_row("t2", kReader, "SELECT", "NO")});
  CHECK(tables_of(table_privileges(h, N, N, S("t_"))) == cells({"t1", "t2", "t3"}));
  CHECK(tables_of(table_privileges(h, N, N, S("t\\_%"))) == cells({"t_4"}));
  CHECK(tables_of(table_privileges(h, N, N, N)) == cells({"t1", "t2", "t3", "t_4"}));
  // The catalog is an ordinary argument; a schema other than "" or "%" matches nothing.
  CHECK(tables_of(table_privileges(h, kPrivDb, N, S("t1"))) == cells({"t1"}));
  CHECK(table_privileges(h, S("holdfast\\_priv"), N, S("t1")).empty());
  CHECK(table_privileges(h, kPrivDb, S("s"), S("t1")).empty());
  CHECK(tables_of(table_privileges(h, kPrivDb, S("%"), S("t1"))) == cells({"t1"}));
  // Names reach the server as data.
  CHECK(table_privileges(h, N, N, S("t1' OR '1'='1")).empty());
  CHECK(table_privileges(h, S("x' OR 1=1 -- "), N, N).empty());
  CHECK(table_privileges(h, N, N, S("t1\\' OR 1=1 -- ")).empty());

  // SQL_ATTR_METADATA_ID: identifiers; '_' is no wildcard, case is ignored unquoted.
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0));
  CHECK(tables_of(table_privileges(h, kPrivDb, S(""), S("T_4"))) == cells({"t_4"}));
  CHECK(table_privileges(h, kPrivDb, S(""), S("t_")).empty());
  CHECK(SQLTablePrivileges(h, nullptr, 0, (SQLCHAR*)"", SQL_NTS, (SQLCHAR*)"t1", SQL_NTS) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
}

TEST_CASE("SQLTablePrivileges: ODBC 2 names and the W form", "[integration][catalog][privileges]") {
  PrivilegesFixture f(SQL_OV_ODBC2);
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLTablePrivilegesW(h, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"t2", SQL_NTS));
  const std::vector<ColumnShape> shape = result_shape(h);
  REQUIRE(shape.size() == 7);
  CHECK(shape[0].name == "TABLE_QUALIFIER");
  CHECK(shape[1].name == "TABLE_OWNER");
  CHECK(shape[3].name == "GRANTOR");
  CHECK(of_test_users(fetch_all(h), 4) ==
        Rows{table_row("t2", kGrantee, "DELETE", "NO"), table_row("t2", kReader, "SELECT", "NO")});
}

TEST_CASE("SQLColumnPrivileges: shape and the grants to the test users", "[integration][catalog][privileges]") {
  PrivilegesFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h,
          SQLColumnPrivileges(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"t3", SQL_NTS, nullptr, 0));
  const std::vector<ColumnShape> expected = {
      {"TABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},  {"TABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS}, {"COLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"GRANTOR", SQL_WVARCHAR, 385, SQL_NULLABLE},   {"GRANTEE", SQL_WVARCHAR, 385, SQL_NO_NULLS},
      {"PRIVILEGE", SQL_WVARCHAR, 64, SQL_NO_NULLS},  {"IS_GRANTABLE", SQL_WVARCHAR, 3, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  // Ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, PRIVILEGE, GRANTEE: the
  // column grants, and the reader's database-level SELECT on every column.
  CHECK(of_test_users(fetch_all(h), 5) == Rows{column_row("t3", "p", kGrantee, "SELECT", "NO"),
                                               column_row("t3", "p", kReader, "SELECT", "NO"),
                                               column_row("t3", "q", kGrantee, "SELECT", "NO"),
                                               column_row("t3", "q", kReader, "SELECT", "NO"),
                                               column_row("t3", "q", kGrantee, "UPDATE", "NO"),
                                               column_row("t3", "r", kReader, "SELECT", "NO")});
  // Table-level grants hold for each column (of the column privileges: not DELETE).
  CHECK(of_test_users(column_privileges(h, N, N, S("t1"), S("b")), 5) ==
        Rows{column_row("t1", "b", kGrantee, "INSERT", "YES"), column_row("t1", "b", kGrantee, "SELECT", "YES"),
             column_row("t1", "b", kReader, "SELECT", "NO"), column_row("t1", "b", kGrantee, "UPDATE", "YES")});
  CHECK(of_test_users(column_privileges(h, N, N, S("t2"), N), 5) ==
        Rows{column_row("t2", "x", kReader, "SELECT", "NO")});
}

TEST_CASE("SQLColumnPrivileges: arguments", "[integration][catalog][privileges]") {
  PrivilegesFixture f;
  const SQLHSTMT h = f.st.h;
  const auto columns_of = [](const Rows& rows) {
    std::vector<Cell> names;
    for (const Row& r : of_test_users(rows, 5))
      if (names.empty() || names.back() != r[3]) names.push_back(r[3]);
    return names;
  };
  // The column name is a pattern; the table name is an ordinary argument.
  CHECK(columns_of(column_privileges(h, N, N, S("t3"), S("%"))) == cells({"p", "q", "r"}));
  CHECK(columns_of(column_privileges(h, N, N, S("t3"), S("_"))) == cells({"p", "q", "r"}));
  CHECK(columns_of(column_privileges(h, N, N, S("t3"), S("Q"))) == cells({"q"}));
  CHECK(column_privileges(h, N, N, S("t_"), N).empty());
  CHECK(columns_of(column_privileges(h, kPrivDb, S(""), S("t_4"), N)) == cells({"z"}));
  CHECK(column_privileges(h, kPrivDb, S("s"), S("t3"), N).empty());
  CHECK(column_privileges(h, N, N, S("t3"), S("p' OR '1'='1")).empty());
  CHECK(column_privileges(h, S("' OR 1=1 -- "), N, S("t3"), N).empty());
  // The table name is required.
  CHECK(SQLColumnPrivileges(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
  // SQL_ATTR_METADATA_ID: the column name is an identifier ("_" literal).
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0));
  CHECK(column_privileges(h, kPrivDb, S(""), S("t3"), S("_")).empty());
  CHECK(columns_of(column_privileges(h, kPrivDb, S(""), S("T3"), S("`r`"))) == cells({"r"}));
}

TEST_CASE("SQLColumnPrivileges: ODBC 2 names and the W form", "[integration][catalog][privileges]") {
  PrivilegesFixture f(SQL_OV_ODBC2);
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h,
          SQLColumnPrivilegesW(h, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"t3", SQL_NTS, (SQLWCHAR*)u"q", SQL_NTS));
  const std::vector<ColumnShape> shape = result_shape(h);
  REQUIRE(shape.size() == 8);
  CHECK(shape[0].name == "TABLE_QUALIFIER");
  CHECK(shape[1].name == "TABLE_OWNER");
  CHECK(of_test_users(fetch_all(h), 5) == Rows{column_row("t3", "q", kGrantee, "SELECT", "NO"),
                                               column_row("t3", "q", kReader, "SELECT", "NO"),
                                               column_row("t3", "q", kGrantee, "UPDATE", "NO")});
}

TEST_CASE("SQLTablePrivileges and SQLTables as the grantee: SQL_ACCESSIBLE_TABLES is N",
          "[integration][catalog][privileges]") {
  create_privileges_schema();
  Env env;
  ConnectedDbc dbc(env, connection_string("UID=hf_grantee;PWD=hf_pw_1;DATABASE=" + kPrivDb));
  Stmt st(dbc);
  // SQLTables lists t2, on which the user may only DELETE, and t3 (column grants only).
  CHECK(column_of(tables(st.h, N, N, N), 2) == cells({"t1", "t2", "t3"}));
  CHECK(st.exec("SELECT * FROM t2") == SQL_ERROR);
  SQLCHAR answer[8] = {0};
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfo(dbc.h, SQL_ACCESSIBLE_TABLES, answer, sizeof answer, nullptr));
  CHECK(std::string(reinterpret_cast<char*>(answer)) == "N");
  // The user sees its own grants only (information_schema shows no others).
  const Rows privileges = table_privileges(st.h, N, N, N);
  CHECK(privileges == Rows{table_row("t1", kGrantee, "INSERT", "YES"), table_row("t1", kGrantee, "SELECT", "YES"),
                           table_row("t1", kGrantee, "UPDATE", "YES"), table_row("t2", kGrantee, "DELETE", "NO")});
}

TEST_CASE("SQLTablePrivileges and SQLColumnPrivileges under NO_BACKSLASH_ESCAPES and ANSI_QUOTES",
          "[integration][catalog][privileges]") {
  PrivilegesFixture f;
  const SQLHSTMT h = f.st.h;
  f.st.run("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES,ANSI_QUOTES')");
  // The database grant `holdfast\_priv`.* still matches (its escape is sent as a literal).
  CHECK(of_test_users(table_privileges(h, N, N, S("t\\_4")), 4) == Rows{table_row("t_4", kReader, "SELECT", "NO")});
  CHECK(table_privileges(h, N, N, S("t1\\' OR 1=1 -- ")).empty());
  CHECK(of_test_users(column_privileges(h, N, N, S("t3"), S("r")), 5) ==
        Rows{column_row("t3", "r", kReader, "SELECT", "NO")});
  CHECK(column_privileges(h, N, N, S("t3"), S("r\\' OR 1=1 -- ")).empty());
}
