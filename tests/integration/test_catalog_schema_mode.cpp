// DATABASE_AS_SCHEMA=1: every catalog function reports the database as the schema (NULL
// catalog), takes the schema argument as the database, and SQLGetInfo agrees; with the
// default (0) databases are catalogs.
#include <algorithm>

#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

const std::string kSchemaMode = "DATABASE_AS_SCHEMA=1";

bool contains(const std::vector<Cell>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), Cell{value}) != values.end();
}

std::string info_text(SQLHDBC dbc, SQLUSMALLINT type) {
  SQLCHAR buffer[256] = {0};
  SQLSMALLINT length = 0;
  INFO("info type " << type);
  ODBC_OK(SQL_HANDLE_DBC, dbc, SQLGetInfo(dbc, type, buffer, sizeof buffer, &length));
  return reinterpret_cast<char*>(buffer);
}

template <class T>
T info_number(SQLHDBC dbc, SQLUSMALLINT type) {
  T value{};
  INFO("info type " << type);
  ODBC_OK(SQL_HANDLE_DBC, dbc, SQLGetInfo(dbc, type, &value, sizeof value, nullptr));
  return value;
}

// Every row's (catalog, schema) pair at `index`, `index + 1`.
void require_schema_columns(const Rows& rows, std::size_t index, const std::string& database) {
  REQUIRE_FALSE(rows.empty());
  for (const Row& r : rows) {
    CHECK_FALSE(r.at(index).has_value());
    CHECK(r.at(index + 1) == database);
  }
}

}  // namespace

TEST_CASE("Databases as schemas: SQLTables and its enumerations", "[integration][catalog][schema_mode]") {
  CatalogFixture f(SQL_OV_ODBC3, kSchemaMode);
  const SQLHSTMT h = f.st.h;
  // The current database, in TABLE_SCHEM.
  const Rows current = tables(h, N, N, N);
  require_schema_columns(current, 0, kDb);
  CHECK(contains(column_of(current, 2), "tbl_one"));
  // The schema argument names the database (a pattern).
  const Rows other = tables(h, N, kDb2, N);
  CHECK(other == Rows{{N, kDb2, S("other"), S("TABLE"), S("")}});
  CHECK(tables(h, S(""), kDb2, N) == other);
  CHECK(tables(h, S("%"), kDb2, N) == other);
  const Rows both = tables(h, N, S("holdfast\\_cat%"), S("other"));
  CHECK(both == other);
  CHECK(column_of(tables(h, N, S("holdfast\\_cat%"), S("a\\_b")), 1) == cells({"holdfast_cat"}));
  CHECK(tables(h, N, S("%"), S("tbl_one")).size() == 1);
  // A catalog name matches nothing: there are no catalogs.
  CHECK(tables(h, kDb2, N, N).empty());
  CHECK(tables(h, kDb, S(""), S("tbl_one")).empty());
  // Injection through the schema argument.
  CHECK(tables(h, N, S("x' OR '1'='1"), N).empty());

  // SQL_ALL_SCHEMAS lists the databases in TABLE_SCHEM; SQL_ALL_CATALOGS nothing.
  const Rows schemas = tables(h, S(""), S(SQL_ALL_SCHEMAS), S(""));
  REQUIRE(schemas.size() >= 3);
  for (const Row& r : schemas) {
    CHECK_FALSE(r[0].has_value());
    CHECK(r[1].has_value());
    CHECK_FALSE(r[2].has_value());
  }
  CHECK(contains(column_of(schemas, 1), kDb));
  CHECK(contains(column_of(schemas, 1), kDb2));
  CHECK(tables(h, S(SQL_ALL_CATALOGS), S(""), S("")).empty());
}

TEST_CASE("Databases as catalogs (the default): the enumerations", "[integration][catalog][schema_mode]") {
  CatalogFixture f(SQL_OV_ODBC3, "DATABASE_AS_SCHEMA=0");
  const SQLHSTMT h = f.st.h;
  CHECK(tables(h, S(""), S(SQL_ALL_SCHEMAS), S("")).empty());
  const Rows catalogs = tables(h, S(SQL_ALL_CATALOGS), S(""), S(""));
  CHECK(contains(column_of(catalogs, 0), kDb2));
  for (const Row& r : catalogs) CHECK_FALSE(r[1].has_value());
  CHECK(tables(h, N, kDb2, N).empty());  // a schema name matches nothing
  CHECK(tables(h, kDb2, N, N) == Rows{{kDb2, N, S("other"), S("TABLE"), S("")}});
}

TEST_CASE("Databases as schemas: every catalog function", "[integration][catalog][schema_mode]") {
  CatalogFixture f(SQL_OV_ODBC3, kSchemaMode);
  const SQLHSTMT h = f.st.h;
  const Cell cat2 = kDb2;
  const Cell rel = kRel;

  const Rows cols = columns(h, N, cat2, S("other"), N);
  require_schema_columns(cols, 0, kDb2);
  CHECK(column_of(cols, 3) == cells({"id", "a_b", "axb"}));
  CHECK(columns(h, cat2, N, S("other"), N).empty());
  CHECK(columns(h, N, S("holdfast_cat_"), S("other"), N).size() == 3);  // the schema is a pattern

  const Rows pk = CATALOG_ROWS(h, SQLPrimaryKeys(h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS));
  CHECK(pk == Rows{{N, kDb2, S("other"), S("id"), S("1"), S("PRIMARY")}});
  CHECK(CATALOG_ROWS(h, SQLPrimaryKeys(h, arg(cat2), SQL_NTS, nullptr, 0, (SQLCHAR*)"other", SQL_NTS)).empty());

  const Rows stats = CATALOG_ROWS(h, SQLStatistics(h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS,
                                                   SQL_INDEX_ALL, SQL_QUICK));
  require_schema_columns(stats, 0, kDb2);
  CHECK(stats.size() == 2);

  const Rows fks = CATALOG_ROWS(h, SQLForeignKeys(h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS,
                                                  nullptr, 0, nullptr, 0, nullptr, 0));
  REQUIRE(fks.size() == 1);
  CHECK(fks[0][0] == N);
  CHECK(fks[0][1] == kDb2);
  CHECK(fks[0][4] == N);
  CHECK(fks[0][5] == kRel);
  CHECK(fks[0][6] == S("xref"));
  CHECK(CATALOG_ROWS(h, SQLForeignKeys(h, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, arg(rel), SQL_NTS,
                                       (SQLCHAR*)"xref", SQL_NTS)) == fks);

  const Rows procs = CATALOG_ROWS(h, SQLProcedures(h, nullptr, 0, arg(rel), SQL_NTS, nullptr, 0));
  require_schema_columns(procs, 0, kRel);
  CHECK(column_of(procs, 2) == cells({"fn_add", "proc_io", "proc_none"}));
  CHECK(CATALOG_ROWS(h, SQLProcedures(h, arg(rel), SQL_NTS, nullptr, 0, nullptr, 0)).empty());
  const Rows params = CATALOG_ROWS(h, SQLProcedureColumns(h, nullptr, 0, arg(rel), SQL_NTS, (SQLCHAR*)"proc_io",
                                                          SQL_NTS, nullptr, 0));
  require_schema_columns(params, 0, kRel);
  CHECK(column_of(params, 3) == cells({"p_in", "p_out", "p_both"}));

  // SQLSpecialColumns has no catalog column; the schema selects the database.
  CHECK(CATALOG_ROWS(h, SQLSpecialColumns(h, SQL_BEST_ROWID, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other",
                                          SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE))
            .size() == 1);
  CHECK(CATALOG_ROWS(h, SQLSpecialColumns(h, SQL_BEST_ROWID, arg(cat2), SQL_NTS, nullptr, 0, (SQLCHAR*)"other",
                                          SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE))
            .empty());

  // The privileges (the connected user's global grants hold for every table).
  const Rows table_privs =
      CATALOG_ROWS(h, SQLTablePrivileges(h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS));
  require_schema_columns(table_privs, 0, kDb2);
  CHECK(CATALOG_ROWS(h, SQLTablePrivileges(h, arg(cat2), SQL_NTS, nullptr, 0, (SQLCHAR*)"other", SQL_NTS)).empty());
  const Rows column_privs = CATALOG_ROWS(
      h, SQLColumnPrivileges(h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS, (SQLCHAR*)"id", SQL_NTS));
  require_schema_columns(column_privs, 0, kDb2);

  // ODBC 2 names are unchanged; the values move the same way.
  CatalogFixture f2(SQL_OV_ODBC2, kSchemaMode);
  ODBC_OK(SQL_HANDLE_STMT, f2.st.h,
          SQLTables(f2.st.h, nullptr, 0, arg(cat2), SQL_NTS, (SQLCHAR*)"other", SQL_NTS, nullptr, 0));
  CHECK(result_shape(f2.st.h)[1].name == "TABLE_OWNER");
  CHECK(fetch_all(f2.st.h) == Rows{{N, kDb2, S("other"), S("TABLE"), S("")}});
}

TEST_CASE("Databases as schemas: SQLGetInfo agrees", "[integration][catalog][schema_mode][info]") {
  CatalogFixture catalogs(SQL_OV_ODBC3);
  CatalogFixture schemas(SQL_OV_ODBC3, kSchemaMode);
  const SQLHDBC c = catalogs.dbc.h;
  const SQLHDBC s = schemas.dbc.h;
  constexpr SQLUINTEGER kUsage = SQL_CU_DML_STATEMENTS | SQL_CU_PROCEDURE_INVOCATION | SQL_CU_TABLE_DEFINITION |
                                 SQL_CU_INDEX_DEFINITION | SQL_CU_PRIVILEGE_DEFINITION;

  CHECK(info_text(c, SQL_CATALOG_NAME) == "Y");
  CHECK(info_text(c, SQL_CATALOG_TERM) == "database");
  CHECK(info_text(c, SQL_CATALOG_NAME_SEPARATOR) == ".");
  CHECK(info_number<SQLUSMALLINT>(c, SQL_CATALOG_LOCATION) == SQL_CL_START);
  CHECK(info_number<SQLUINTEGER>(c, SQL_CATALOG_USAGE) == kUsage);
  CHECK(info_number<SQLUSMALLINT>(c, SQL_MAX_CATALOG_NAME_LEN) == 64);
  CHECK(info_text(c, SQL_SCHEMA_TERM).empty());
  CHECK(info_number<SQLUINTEGER>(c, SQL_SCHEMA_USAGE) == 0);
  CHECK(info_number<SQLUSMALLINT>(c, SQL_MAX_SCHEMA_NAME_LEN) == 0);
  CHECK(info_number<SQLUINTEGER>(c, SQL_CREATE_SCHEMA) == 0);
  CHECK(info_number<SQLUINTEGER>(c, SQL_DROP_SCHEMA) == 0);

  CHECK(info_text(s, SQL_CATALOG_NAME) == "N");
  CHECK(info_text(s, SQL_CATALOG_TERM).empty());
  CHECK(info_text(s, SQL_CATALOG_NAME_SEPARATOR).empty());
  CHECK(info_number<SQLUSMALLINT>(s, SQL_CATALOG_LOCATION) == 0);
  CHECK(info_number<SQLUINTEGER>(s, SQL_CATALOG_USAGE) == 0);
  CHECK(info_number<SQLUSMALLINT>(s, SQL_MAX_CATALOG_NAME_LEN) == 0);
  CHECK(info_text(s, SQL_SCHEMA_TERM) == "database");
  CHECK(info_number<SQLUINTEGER>(s, SQL_SCHEMA_USAGE) == kUsage);
  CHECK(info_number<SQLUSMALLINT>(s, SQL_MAX_SCHEMA_NAME_LEN) == 64);
  CHECK(info_number<SQLUINTEGER>(s, SQL_CREATE_SCHEMA) == SQL_CS_CREATE_SCHEMA);
  CHECK(info_number<SQLUINTEGER>(s, SQL_DROP_SCHEMA) == SQL_DS_DROP_SCHEMA);

  // What the schema answers promise, the server does: schema.table in DML and DDL, a
  // 64-character schema name, CREATE SCHEMA / DROP SCHEMA.
  Stmt& st = schemas.st;
  const std::string longest(64, 's');
  st.run("DROP SCHEMA IF EXISTS " + longest);
  st.run("CREATE SCHEMA " + longest);
  st.run("CREATE TABLE " + longest + ".t (x INT)");
  st.run("CREATE INDEX ix ON " + longest + ".t (x)");
  st.run("INSERT INTO " + longest + ".t VALUES (1)");
  CHECK(st.scalar("SELECT x FROM " + longest + ".t") == "1");
  CHECK(tables(st.h, N, longest, N) == Rows{{N, longest, S("t"), S("TABLE"), S("")}});
  CHECK(st.exec("CREATE SCHEMA " + longest + "x") == SQL_ERROR);
  st.run("DROP SCHEMA " + longest);
}
