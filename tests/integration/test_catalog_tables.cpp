// SQLTables (A and W) against the schema test_catalog_support.h creates.
#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;  // NULL / a null pointer argument
Cell S(const char* s) { return Cell{s}; }

Row table_row(const std::string& catalog, const std::string& name, const char* type, const char* remarks = "") {
  return Row{catalog, N, name, S(type), S(remarks)};
}

// The rows of every table of holdfast_cat, in the order the reference requires
// (TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME).
Rows all_tables() {
  return Rows{table_row(kDb, "seq1", "SEQUENCE"),        table_row(kDb, "Mixed", "TABLE"),
              table_row(kDb, "a_b", "TABLE"),            table_row(kDb, "all_types", "TABLE"),
              table_row(kDb, "axb", "TABLE"),            table_row(kDb, "pk2", "TABLE"),
              table_row(kDb, "tbl_one", "TABLE", "first table"), table_row(kDb, "v_one", "VIEW")};
}

std::vector<Cell> names(const Rows& rows) { return column_of(rows, 2); }

}  // namespace

TEST_CASE("SQLTables: the result set has the five columns of the reference", "[integration][catalog]") {
  CatalogFixture f;
  ODBC_OK(SQL_HANDLE_STMT, f.st.h, SQLTables(f.st.h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0));
  const std::vector<ColumnShape> expected = {
      {"TABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},   {"TABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TABLE_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE},  {"TABLE_TYPE", SQL_WVARCHAR, 32, SQL_NULLABLE},
      {"REMARKS", SQL_WVARCHAR, 2048, SQL_NULLABLE}};
  CHECK(result_shape(f.st.h) == expected);
  CHECK(fetch_all(f.st.h) == all_tables());
}

TEST_CASE("SQLTables: ODBC 2 applications get the ODBC 2 column names", "[integration][catalog]") {
  CatalogFixture f(SQL_OV_ODBC2);
  ODBC_OK(SQL_HANDLE_STMT, f.st.h, SQLTables(f.st.h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0));
  const std::vector<ColumnShape> shape = result_shape(f.st.h);
  REQUIRE(shape.size() == 5);
  CHECK(shape[0].name == "TABLE_QUALIFIER");
  CHECK(shape[1].name == "TABLE_OWNER");
  CHECK(shape[2].name == "TABLE_NAME");
  CHECK(fetch_all(f.st.h) == all_tables());
  // ODBC 2: the catalog is an ordinary argument, its '_' is no wildcard.
  CHECK(tables(f.st.h, S("holdfast_cat_"), N, N).empty());
  CHECK(names(tables(f.st.h, kDb2, N, N)) == cells({"other"}));
}

TEST_CASE("SQLTables: table name patterns", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  CHECK(tables(h, N, N, S("%")) == all_tables());
  CHECK(tables(h, N, N, S("tbl_one")) == Rows{table_row(kDb, "tbl_one", "TABLE", "first table")});
  CHECK(names(tables(h, N, N, S("a_b"))) == cells({"a_b", "axb"}));
  CHECK(names(tables(h, N, N, S("a\\_b"))) == cells({"a_b"}));
  CHECK(names(tables(h, N, N, S("a%"))) == cells({"a_b", "all_types", "axb"}));
  CHECK(names(tables(h, N, N, S("%\\_%"))) == cells({"a_b", "all_types", "tbl_one", "v_one"}));
  CHECK(names(tables(h, N, N, S("___"))) == cells({"a_b", "axb", "pk2"}));
  // A zero-length pattern matches only the empty name: no table.
  CHECK(tables(h, N, N, S("")).empty());
  CHECK(tables(h, N, N, S("no_such_table")).empty());
  // Quotes in a name are data, not SQL.
  CHECK(tables(h, N, N, S("x' OR '1'='1")).empty());
  CHECK(tables(h, N, N, S("x\\' OR 1=1 -- ")).empty());
}

TEST_CASE("SQLTables: the case of a name is significant where the server's is", "[integration][catalog]") {
  CatalogFixture f;
  if (f.st.scalar("SELECT @@lower_case_table_names") != "0") {
    WARN("the server folds table names: case test not run");
    return;
  }
  CHECK(names(tables(f.st.h, N, N, S("Mixed"))) == cells({"Mixed"}));
  CHECK(names(tables(f.st.h, N, N, S("Mi%"))) == cells({"Mixed"}));
  CHECK(tables(f.st.h, N, N, S("mixed")).empty());
  CHECK(tables(f.st.h, N, N, S("mi%")).empty());
  CHECK(tables(f.st.h, N, N, S("TBL_ONE")).empty());
  CHECK(tables(f.st.h, S("HOLDFAST_CAT"), N, S("tbl_one")).empty());
}

TEST_CASE("SQLTables: table type lists", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  CHECK(names(tables(h, N, N, N, S("'VIEW'"))) == cells({"v_one"}));
  CHECK(names(tables(h, N, N, N, S("VIEW"))) == cells({"v_one"}));
  CHECK(names(tables(h, N, N, N, S("'TABLE','VIEW'"))) ==
        cells({"Mixed", "a_b", "all_types", "axb", "pk2", "tbl_one", "v_one"}));
  CHECK(names(tables(h, N, N, N, S("view, table"))) ==
        cells({"Mixed", "a_b", "all_types", "axb", "pk2", "tbl_one", "v_one"}));
  CHECK(names(tables(h, N, N, N, S("SEQUENCE"))) == cells({"seq1"}));
  CHECK(tables(h, N, N, N, S("SYNONYM")).empty());
  CHECK(tables(h, N, N, N, S("'SYSTEM TABLE'")).empty());
  CHECK(tables(h, N, N, N, S("")) == all_tables());
  CHECK(tables(h, N, N, N, S("%")) == all_tables());
  // information_schema and the server's own databases hold system tables.
  CHECK(tables(h, S("information_schema"), N, S("TABLES")) ==
        Rows{table_row("information_schema", "TABLES", "SYSTEM TABLE")});
  CHECK(tables(h, S("mysql"), N, S("db"), S("TABLE")).empty());
  CHECK(names(tables(h, S("mysql"), N, S("db"), S("SYSTEM TABLE"))) == cells({"db"}));
}

TEST_CASE("SQLTables: catalogs and schemas", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  // Null and empty catalogs mean the current database.
  CHECK(tables(h, S(""), N, N) == all_tables());
  CHECK(tables(h, kDb, N, N) == all_tables());
  CHECK(tables(h, kDb2, N, N) == Rows{table_row(kDb2, "other", "TABLE")});
  CHECK(tables(h, S("no_such_db"), N, N).empty());
  // ODBC 3: the catalog is a pattern.
  const Rows both = tables(h, S("holdfast\\_cat%"), N, S("%"), S("TABLE"));
  CHECK(column_of(both, 0) == cells({"holdfast_cat", "holdfast_cat", "holdfast_cat", "holdfast_cat", "holdfast_cat",
                                     "holdfast_cat", "holdfast_cat2"}));
  CHECK(names(tables(h, S("holdfast_cat_"), N, N)) == cells({"other"}));
  CHECK(names(tables(h, S("holdfast\\_cat"), N, S("pk2"))) == cells({"pk2"}));
  // There are no schemas: only the empty schema (or "%") matches.
  CHECK(tables(h, N, S(""), N) == all_tables());
  CHECK(tables(h, N, S("%"), N) == all_tables());
  CHECK(tables(h, N, S(kDb.c_str()), N).empty());
  CHECK(tables(h, N, S("dbo"), N).empty());
}

TEST_CASE("SQLTables: the special enumerations", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  SECTION("SQL_ALL_CATALOGS") {
    const Rows rows = tables(h, S(SQL_ALL_CATALOGS), S(""), S(""));
    std::vector<Cell> catalogs = column_of(rows, 0);
    CHECK(std::find(catalogs.begin(), catalogs.end(), Cell(kDb)) != catalogs.end());
    CHECK(std::find(catalogs.begin(), catalogs.end(), Cell(kDb2)) != catalogs.end());
    CHECK(std::find(catalogs.begin(), catalogs.end(), Cell("information_schema")) != catalogs.end());
    CHECK(std::is_sorted(catalogs.begin(), catalogs.end()));
    for (const Row& r : rows) CHECK(Row(r.begin() + 1, r.end()) == Row{N, N, N, N});
    // The same without the special combination: tables of every database.
    const Rows all = tables(h, S(SQL_ALL_CATALOGS), N, S("other"));
    CHECK(all == Rows{table_row(kDb2, "other", "TABLE")});
  }
  SECTION("SQL_ALL_SCHEMAS: there are none") {
    ODBC_OK(SQL_HANDLE_STMT, h, SQLTables(h, (SQLCHAR*)"", 0, (SQLCHAR*)SQL_ALL_SCHEMAS, SQL_NTS, (SQLCHAR*)"", 0,
                                          nullptr, 0));
    CHECK(result_shape(h).size() == 5);
    CHECK(fetch_all(h).empty());
  }
  SECTION("SQL_ALL_TABLE_TYPES") {
    const Rows rows = tables(h, S(""), S(""), S(""), S(SQL_ALL_TABLE_TYPES));
    CHECK(column_of(rows, 3) == cells({"SEQUENCE", "SYSTEM TABLE", "TABLE", "VIEW"}));
    for (const Row& r : rows) {
      CHECK(r[0] == N);
      CHECK(r[2] == N);
      CHECK(r[4] == N);
    }
  }
}

TEST_CASE("SQLTables: SQL_ATTR_METADATA_ID makes the arguments identifiers", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  SQLULEN value = 99;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetStmtAttr(h, SQL_ATTR_METADATA_ID, &value, 0, nullptr));
  CHECK(value == SQL_FALSE);
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, reinterpret_cast<SQLPOINTER>(SQL_TRUE), 0));
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetStmtAttr(h, SQL_ATTR_METADATA_ID, &value, 0, nullptr));
  CHECK(value == SQL_TRUE);
  // Unquoted: case ignored, trailing blanks removed, no wildcards.
  CHECK(names(tables(h, S(""), S(""), S("TBL_ONE  "))) == cells({"tbl_one"}));
  CHECK(names(tables(h, S("HOLDFAST_CAT"), S(""), S("a_b"))) == cells({"a_b"}));
  CHECK(tables(h, S(""), S(""), S("a%")).empty());
  // Quoted: literal.
  CHECK(names(tables(h, S(""), S(""), S(" `tbl_one` "))) == cells({"tbl_one"}));
  CHECK(names(tables(h, S(""), S(""), S("\"a_b\""))) == cells({"a_b"}));
  if (f.st.scalar("SELECT @@lower_case_table_names") == "0") CHECK(tables(h, S(""), S(""), S("`TBL_ONE`")).empty());
  // Identifiers cannot be null pointers.
  CHECK(SQLTables(h, (SQLCHAR*)"", 0, (SQLCHAR*)"", 0, nullptr, 0, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
  CHECK(SQLTables(h, nullptr, 0, (SQLCHAR*)"", 0, (SQLCHAR*)"tbl_one", SQL_NTS, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");

  // A statement allocated after the connection attribute is set starts with it.
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h,
          SQLSetConnectAttr(f.dbc.h, SQL_ATTR_METADATA_ID, reinterpret_cast<SQLPOINTER>(SQL_TRUE), 0));
  Stmt second(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, second.h, SQLGetStmtAttr(second.h, SQL_ATTR_METADATA_ID, &value, 0, nullptr));
  CHECK(value == SQL_TRUE);
  CHECK(names(tables(second.h, S(""), S(""), S("PK2"))) == cells({"pk2"}));
}

TEST_CASE("SQLTables: errors", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  // A name longer than the server allows.
  const std::string long_name(65, 'x');
  CHECK(SQLTables(h, nullptr, 0, nullptr, 0, (SQLCHAR*)long_name.c_str(), SQL_NTS, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY090");
  // An open cursor.
  REQUIRE(f.st.exec("SELECT 1") == SQL_SUCCESS);
  CHECK(SQLTables(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "24000");
  SQLFreeStmt(h, SQL_CLOSE);
  // After an error the statement works again.
  CHECK(tables(h, N, N, S("pk2")).size() == 1);
}

TEST_CASE("SQLTablesW: UTF-16 arguments and results", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  std::u16string table = u"tbl\\_one";
  ODBC_OK(SQL_HANDLE_STMT, h, SQLTablesW(h, nullptr, 0, nullptr, 0, (SQLWCHAR*)table.c_str(),
                                         static_cast<SQLSMALLINT>(table.size()), (SQLWCHAR*)u"TABLE", SQL_NTS));
  SQLWCHAR name[64];
  SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
  SQLULEN size = 0;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLDescribeColW(h, 1, name, 64, &length, &type, &size, &digits, &nullable));
  CHECK(wide(name, static_cast<std::size_t>(length)) == u"TABLE_CAT");
  REQUIRE(SQLFetch(h) == SQL_SUCCESS);
  SQLWCHAR text[128];
  SQLLEN indicator = 0;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 3, SQL_C_WCHAR, text, sizeof text, &indicator));
  CHECK(wide(text, static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR)) == u"tbl_one");
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 5, SQL_C_WCHAR, text, sizeof text, &indicator));
  CHECK(wide(text, static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR)) == u"first table");
  CHECK(SQLFetch(h) == SQL_NO_DATA);
  SQLFreeStmt(h, SQL_CLOSE);
  // The special enumerations through the W form.
  ODBC_OK(SQL_HANDLE_STMT, h, SQLTablesW(h, (SQLWCHAR*)u"", SQL_NTS, (SQLWCHAR*)u"", SQL_NTS, (SQLWCHAR*)u"",
                                         SQL_NTS, (SQLWCHAR*)u"%", SQL_NTS));
  CHECK(column_of(fetch_all(h), 3) == cells({"SEQUENCE", "SYSTEM TABLE", "TABLE", "VIEW"}));
}

TEST_CASE("SQLTables: the current database follows USE, and sql_mode does not change escaping",
          "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  f.st.run("USE " + kDb2);
  CHECK(tables(h, N, N, N) == Rows{table_row(kDb2, "other", "TABLE")});
  f.st.run("USE " + kDb);
  CHECK(tables(h, N, N, N) == all_tables());
  // Under NO_BACKSLASH_ESCAPES (and ANSI_QUOTES) the names are still literals and the
  // pattern escape still works.
  f.st.run("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES,ANSI_QUOTES')");
  CHECK(names(tables(h, N, N, S("a\\_b"))) == cells({"a_b"}));
  CHECK(names(tables(h, N, N, S("a_b"))) == cells({"a_b", "axb"}));
  CHECK(tables(h, N, N, S("x' OR '1'='1")).empty());
  CHECK(tables(h, N, N, S("x\\' OR 1=1 -- ")).empty());
  CHECK(column_of(columns(h, N, N, S("a\\_b"), S("%")), 2) == cells({"a_b"}));
}

TEST_CASE("SQLTables goes through the resilience session: a killed connection is reopened",
          "[integration][catalog]") {
  CatalogFixture f;
  const std::string id = f.st.scalar("SELECT CONNECTION_ID()");
  {
    Env env;
    Dbc killer(env);
    killer.connect();
    Stmt k(killer);
    k.run("KILL " + id);
  }
  // Nothing can be lost (autocommit, no session state): the driver reconnects and the
  // catalog query runs, in the database the connection had.
  CHECK(names(tables(f.st.h, N, N, S("pk2"))) == cells({"pk2"}));
  CHECK(f.st.scalar("SELECT CONNECTION_ID()") != id);
  CHECK(f.st.scalar("SELECT DATABASE()") == kDb);
}
