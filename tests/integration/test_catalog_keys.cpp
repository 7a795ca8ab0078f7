// SQLPrimaryKeys and SQLStatistics (A and W) against the schema test_catalog_support.h creates.
#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

Rows primary_keys(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& table) {
  return CATALOG_ROWS(st, SQLPrimaryKeys(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS));
}

Rows statistics(SQLHSTMT st, const Cell& table, SQLUSMALLINT unique = SQL_INDEX_ALL,
                SQLUSMALLINT reserved = SQL_QUICK) {
  return CATALOG_ROWS(st, SQLStatistics(st, nullptr, 0, nullptr, 0, arg(table), SQL_NTS, unique, reserved));
}

// A statistics row without CARDINALITY (the server's estimate), which is checked apart.
Row without_cardinality(Row r) {
  r.erase(r.begin() + 10);
  return r;
}

Row index_row(const char* table, const char* non_unique, const char* index, const char* position,
              const char* column, const char* order) {
  // TABLE_CAT TABLE_SCHEM TABLE_NAME NON_UNIQUE INDEX_QUALIFIER INDEX_NAME TYPE ORDINAL COLUMN ASC_OR_DESC PAGES FILTER
  return Row{kDb, N, S(table), S(non_unique), N, S(index), S("3"), S(position), S(column), S(order), N, N};
}

}  // namespace

TEST_CASE("SQLPrimaryKeys: shape and rows", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLPrimaryKeys(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"pk2", SQL_NTS));
  const std::vector<ColumnShape> expected = {
      {"TABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},  {"TABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS}, {"COLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"KEY_SEQ", SQL_SMALLINT, 5, SQL_NO_NULLS},     {"PK_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  // Ordered by KEY_SEQ: the key is (b, a).
  CHECK(fetch_all(h) == Rows{{kDb, N, S("pk2"), S("b"), S("1"), S("PRIMARY")},
                             {kDb, N, S("pk2"), S("a"), S("2"), S("PRIMARY")}});
  CHECK(primary_keys(h, S(""), S(""), S("tbl_one")) == Rows{{kDb, N, S("tbl_one"), S("id"), S("1"), S("PRIMARY")}});
  CHECK(primary_keys(h, kDb2, N, S("other")) == Rows{{kDb2, N, S("other"), S("id"), S("1"), S("PRIMARY")}});
  CHECK(primary_keys(h, N, N, S("a_b")).empty());  // no primary key
  // Ordinary arguments: no wildcards.
  CHECK(primary_keys(h, N, N, S("pk_")).empty());
  CHECK(primary_keys(h, N, N, S("%")).empty());
  CHECK(primary_keys(h, N, S("s"), S("pk2")).empty());
  // The table name is required.
  CHECK(SQLPrimaryKeys(h, nullptr, 0, nullptr, 0, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
}

TEST_CASE("SQLPrimaryKeys: ODBC 2 names and the W form", "[integration][catalog]") {
  CatalogFixture f(SQL_OV_ODBC2);
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLPrimaryKeysW(h, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"pk2", SQL_NTS));
  const std::vector<ColumnShape> shape = result_shape(h);
  REQUIRE(shape.size() == 6);
  CHECK(shape[0].name == "TABLE_QUALIFIER");
  CHECK(shape[1].name == "TABLE_OWNER");
  CHECK(column_of(fetch_all(h), 3) == cells({"b", "a"}));
}

TEST_CASE("SQLStatistics: shape and rows", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLStatistics(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"tbl_one", SQL_NTS, SQL_INDEX_ALL,
                                            SQL_QUICK));
  const std::vector<ColumnShape> shape = result_shape(h);
  const std::vector<ColumnShape> expected = {
      {"TABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},       {"TABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},      {"NON_UNIQUE", SQL_SMALLINT, 5, SQL_NULLABLE},
      {"INDEX_QUALIFIER", SQL_WVARCHAR, 64, SQL_NULLABLE}, {"INDEX_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},             {"ORDINAL_POSITION", SQL_SMALLINT, 5, SQL_NULLABLE},
      {"COLUMN_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE},     {"ASC_OR_DESC", SQL_WCHAR, 1, SQL_NULLABLE},
      {"CARDINALITY", SQL_INTEGER, 10, SQL_NULLABLE},      {"PAGES", SQL_INTEGER, 10, SQL_NULLABLE},
      {"FILTER_CONDITION", SQL_WVARCHAR, 128, SQL_NULLABLE}};
  CHECK(shape == expected);
  const Rows rows = fetch_all(h);
  REQUIRE(rows.size() == 5);
  // The table's own row first (TYPE = SQL_TABLE_STAT), its CARDINALITY the row count.
  CHECK(rows[0] == Row{kDb, N, S("tbl_one"), N, N, N, S("0"), N, N, N, S("0"), N, N});
  // Then unique indexes before the others, by name, by position in the index.
  std::vector<Row> rest;
  for (std::size_t i = 1; i < rows.size(); ++i) rest.push_back(without_cardinality(rows[i]));
  CHECK(rest == std::vector<Row>{index_row("tbl_one", "0", "PRIMARY", "1", "id", "A"),
                                 index_row("tbl_one", "0", "uq_name", "1", "name", "A"),
                                 index_row("tbl_one", "1", "ix_state_yr", "1", "state", "A"),
                                 index_row("tbl_one", "1", "ix_state_yr", "2", "yr", "D")});

  // SQL_INDEX_UNIQUE: the unique indexes only.
  const Rows unique = statistics(h, S("tbl_one"), SQL_INDEX_UNIQUE, SQL_ENSURE);
  CHECK(column_of(unique, 5) == cells({nullptr, "PRIMARY", "uq_name"}));
  // A table without indexes: the table row alone; a view likewise.
  const Rows plain = statistics(h, S("a_b"));
  REQUIRE(plain.size() == 1);
  CHECK(plain[0][6] == S("0"));
  CHECK(statistics(h, S("v_one")).size() == 1);
  CHECK(statistics(h, S("no_such_table")).empty());
  // The composite primary key, in key order.
  CHECK(column_of(statistics(h, S("pk2")), 8) == cells({nullptr, "b", "a"}));
}

TEST_CASE("SQLStatistics: cardinality, options, names", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  f.st.run("DROP TABLE IF EXISTS holdfast_cat2.counted");
  f.st.run("CREATE TABLE holdfast_cat2.counted (id INT PRIMARY KEY, k INT, KEY ix_k (k)) ENGINE=InnoDB");
  f.st.run("INSERT INTO holdfast_cat2.counted VALUES (1, 1), (2, 1), (3, 2)");
  f.st.run("ANALYZE TABLE holdfast_cat2.counted");
  ODBC_OK(SQL_HANDLE_STMT, h, SQLStatisticsW(h, (SQLWCHAR*)u"holdfast_cat2", SQL_NTS, nullptr, 0,
                                             (SQLWCHAR*)u"counted", SQL_NTS, SQL_INDEX_ALL, SQL_ENSURE));
  const Rows rows = fetch_all(h);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][10] == S("3"));  // table rows
  CHECK(rows[1][5] == S("PRIMARY"));
  CHECK(rows[1][10] == S("3"));
  CHECK(rows[2][5] == S("ix_k"));
  CHECK(rows[2][10].has_value());  // the server's estimate of distinct values
  f.st.run("DROP TABLE holdfast_cat2.counted");

  CHECK(SQLStatistics(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"tbl_one", SQL_NTS, 7, SQL_QUICK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY100");
  CHECK(SQLStatistics(h, nullptr, 0, nullptr, 0, (SQLCHAR*)"tbl_one", SQL_NTS, SQL_INDEX_ALL, 7) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY101");
  CHECK(SQLStatistics(h, nullptr, 0, nullptr, 0, nullptr, 0, SQL_INDEX_ALL, SQL_QUICK) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
}

TEST_CASE("SQLStatistics: ODBC 2 names", "[integration][catalog]") {
  CatalogFixture f(SQL_OV_ODBC2);
  ODBC_OK(SQL_HANDLE_STMT, f.st.h, SQLStatistics(f.st.h, nullptr, 0, nullptr, 0, (SQLCHAR*)"pk2", SQL_NTS,
                                                 SQL_INDEX_ALL, SQL_QUICK));
  const std::vector<ColumnShape> shape = result_shape(f.st.h);
  REQUIRE(shape.size() == 13);
  CHECK(shape[0].name == "TABLE_QUALIFIER");
  CHECK(shape[1].name == "TABLE_OWNER");
  CHECK(shape[7].name == "SEQ_IN_INDEX");
  CHECK(shape[9].name == "COLLATION");
  CHECK(fetch_all(f.st.h).size() == 3);
}
