// SQLSpecialColumns (A and W) against the schema test_catalog_support.h creates in holdfast_rel.
#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

Rows special(SQLHSTMT st, SQLUSMALLINT type, const Cell& catalog, const Cell& table,
             SQLUSMALLINT scope = SQL_SCOPE_CURROW, SQLUSMALLINT nullable = SQL_NULLABLE, const Cell& schema = {}) {
  return CATALOG_ROWS(st, SQLSpecialColumns(st, type, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(table), SQL_NTS,
                                            scope, nullable));
}

// DATA_TYPE .. DECIMAL_DIGITS of a column as SQLColumns gives them.
Row column_type(SQLHSTMT st, const char* table, const char* column) {
  const Rows rows = columns(st, kRel, N, S(table), S(column));
  REQUIRE(rows.size() == 1);
  return Row(rows[0].begin() + 4, rows[0].begin() + 9);
}

// SCOPE, COLUMN_NAME, the type as SQLColumns gives it, PSEUDO_COLUMN (SQL_PC_NOT_PSEUDO).
Row special_row(SQLHSTMT st, const Cell& scope, const char* table, const char* column) {
  Row r{scope, S(column)};
  const Row type = column_type(st, table, column);
  r.insert(r.end(), type.begin(), type.end());
  r.push_back(S("1"));
  return r;
}

}  // namespace

TEST_CASE("SQLSpecialColumns: shape and SQL_BEST_ROWID", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSpecialColumns(h, SQL_BEST_ROWID, (SQLCHAR*)"holdfast_rel", SQL_NTS, nullptr, 0,
                                                (SQLCHAR*)"parent", SQL_NTS, SQL_SCOPE_SESSION, SQL_NO_NULLS));
  const std::vector<ColumnShape> expected = {
      {"SCOPE", SQL_SMALLINT, 5, SQL_NULLABLE},        {"COLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},    {"TYPE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"COLUMN_SIZE", SQL_INTEGER, 10, SQL_NULLABLE},  {"BUFFER_LENGTH", SQL_INTEGER, 10, SQL_NULLABLE},
      {"DECIMAL_DIGITS", SQL_SMALLINT, 5, SQL_NULLABLE}, {"PSEUDO_COLUMN", SQL_SMALLINT, 5, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  // The primary key (before the unique key uq_ab), valid for the session (SQL_SCOPE_SESSION = 2).
  const Rows parent = fetch_all(h);
  CHECK(parent == Rows{special_row(h, S("2"), "parent", "id")});
  CHECK(parent[0][3] == S("int"));
  // Without a primary key: the first unique index whose columns are all NOT NULL, in
  // index order (u1 accepts NULL).
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("uniq")) ==
        Rows{special_row(h, S("2"), "uniq", "c"), special_row(h, S("2"), "uniq", "b")});
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("uniq"), SQL_SCOPE_TRANSACTION, SQL_NO_NULLS).size() == 2);
  // No unique index: nothing identifies a row.
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("grandchild")).empty());
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("no_such_table")).empty());
  // A composite primary key, in key order; the current database by default.
  CHECK(column_of(special(h, SQL_BEST_ROWID, N, S("pk2")), 1) == cells({"b", "a"}));
}

TEST_CASE("SQLSpecialColumns: SQL_ROWVER", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  // The ON UPDATE CURRENT_TIMESTAMP columns, in table order; SCOPE is NULL.
  CHECK(special(h, SQL_ROWVER, kRel, S("uniq")) ==
        Rows{special_row(h, N, "uniq", "changed"), special_row(h, N, "uniq", "touched")});
  // SQL_NO_NULLS leaves out the column that accepts NULL.
  CHECK(column_of(special(h, SQL_ROWVER, kRel, S("uniq"), SQL_SCOPE_CURROW, SQL_NO_NULLS), 1) == cells({"changed"}));
  CHECK(special(h, SQL_ROWVER, kRel, S("parent")).empty());
  // tbl_one.created has a default but is not updated by the server.
  CHECK(special(h, SQL_ROWVER, N, S("tbl_one")).empty());
}

TEST_CASE("SQLSpecialColumns: arguments, ODBC 2 names, the W form", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("paren%")).empty());
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("parent' OR '1'='1")).empty());
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("parent"), SQL_SCOPE_CURROW, SQL_NULLABLE, S("dbo")).empty());
  CHECK(special(h, SQL_BEST_ROWID, kRel, S("parent"), SQL_SCOPE_CURROW, SQL_NULLABLE, S("")).size() == 1);
  const auto state = [&](SQLUSMALLINT type, SQLCHAR* table, SQLUSMALLINT scope, SQLUSMALLINT nullable) {
    CHECK(SQLSpecialColumns(h, type, nullptr, 0, nullptr, 0, table, SQL_NTS, scope, nullable) == SQL_ERROR);
    return first_state(SQL_HANDLE_STMT, h);
  };
  SQLCHAR* pk2 = (SQLCHAR*)"pk2";
  CHECK(state(3, pk2, SQL_SCOPE_CURROW, SQL_NULLABLE) == "HY097");
  CHECK(state(SQL_BEST_ROWID, pk2, 7, SQL_NULLABLE) == "HY098");
  CHECK(state(SQL_BEST_ROWID, pk2, SQL_SCOPE_CURROW, 7) == "HY099");
  CHECK(state(SQL_BEST_ROWID, nullptr, SQL_SCOPE_CURROW, SQL_NULLABLE) == "HY009");

  CatalogFixture old(SQL_OV_ODBC2);
  ODBC_OK(SQL_HANDLE_STMT, old.st.h, SQLSpecialColumnsW(old.st.h, SQL_ROWVER, (SQLWCHAR*)u"holdfast_rel", SQL_NTS,
                                                        nullptr, 0, (SQLWCHAR*)u"uniq", SQL_NTS, SQL_SCOPE_CURROW,
                                                        SQL_NULLABLE));
  const std::vector<ColumnShape> shape = result_shape(old.st.h);
  REQUIRE(shape.size() == 8);
  CHECK(shape[4].name == "PRECISION");
  CHECK(shape[5].name == "LENGTH");
  CHECK(shape[6].name == "SCALE");
  const Rows rows = fetch_all(old.st.h);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][2] == S(std::to_string(SQL_TIMESTAMP).c_str()));  // ODBC 2 date/time codes
}
