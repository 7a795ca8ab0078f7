// SQLForeignKeys (A and W) against the schema test_catalog_support.h creates in holdfast_rel.
#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

Rows foreign_keys(SQLHSTMT st, const Cell& pk_catalog, const Cell& pk_table, const Cell& fk_catalog,
                  const Cell& fk_table, const Cell& pk_schema = {}, const Cell& fk_schema = {}) {
  return CATALOG_ROWS(st, SQLForeignKeys(st, arg(pk_catalog), SQL_NTS, arg(pk_schema), SQL_NTS, arg(pk_table), SQL_NTS,
                                         arg(fk_catalog), SQL_NTS, arg(fk_schema), SQL_NTS, arg(fk_table), SQL_NTS));
}

// PKTABLE_CAT .. DEFERRABILITY (SQL_NOT_DEFERRABLE = 7); no schemas.
Row fk_row(const std::string& pk_cat, const char* pk_table, const char* pk_column, const char* fk_table,
           const char* fk_column, const char* seq, const char* update, const char* del, const char* fk_name,
           const char* pk_name, const std::string& fk_cat = kRel) {
  return Row{pk_cat, N, S(pk_table), S(pk_column), fk_cat, N, S(fk_table), S(fk_column), S(seq), S(update), S(del),
             S(fk_name), S(pk_name), S("7")};
}

// The keys of holdfast_rel.child: (pa, pb) -> parent (a, b) with the default rules
// (RESTRICT: SQL_NO_ACTION), parent_id -> parent.id ON UPDATE SET NULL ON DELETE CASCADE.
Rows child_keys() {
  return Rows{fk_row(kRel, "parent", "a", "child", "pa", "1", "3", "3", "fk_child_ab", "uq_ab"),
              fk_row(kRel, "parent", "b", "child", "pb", "2", "3", "3", "fk_child_ab", "uq_ab"),
              fk_row(kRel, "parent", "id", "child", "parent_id", "1", "2", "0", "fk_child_parent", "PRIMARY")};
}

}  // namespace

TEST_CASE("SQLForeignKeys: shape", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLForeignKeys(h, (SQLCHAR*)"holdfast_rel", SQL_NTS, nullptr, 0, (SQLCHAR*)"parent",
                                             SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0));
  const std::vector<ColumnShape> expected = {
      {"PKTABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},   {"PKTABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"PKTABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},  {"PKCOLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"FKTABLE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},   {"FKTABLE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"FKTABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},  {"FKCOLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"KEY_SEQ", SQL_SMALLINT, 5, SQL_NO_NULLS},        {"UPDATE_RULE", SQL_SMALLINT, 5, SQL_NULLABLE},
      {"DELETE_RULE", SQL_SMALLINT, 5, SQL_NULLABLE},    {"FK_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"PK_NAME", SQL_WVARCHAR, 64, SQL_NULLABLE},       {"DEFERRABILITY", SQL_SMALLINT, 5, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  CHECK(fetch_all(h) == child_keys());
}

TEST_CASE("SQLForeignKeys: by primary key table, by foreign key table, by both", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  // The keys referencing parent, ordered by the foreign key table.
  CHECK(foreign_keys(h, kRel, S("parent"), N, N) == child_keys());
  // Keys referencing child: grandchild's (ON UPDATE CASCADE, ON DELETE NO ACTION).
  const Row gc = fk_row(kRel, "child", "id", "grandchild", "child_id", "1", "0", "3", "fk_gc_child", "PRIMARY");
  CHECK(foreign_keys(h, kRel, S("child"), N, N) == Rows{gc});
  // A table's own foreign keys, ordered by the primary key table.
  CHECK(foreign_keys(h, N, N, kRel, S("child")) == child_keys());
  CHECK(foreign_keys(h, N, N, kRel, S("grandchild")) == Rows{gc});
  CHECK(foreign_keys(h, N, N, kRel, S("parent")).empty());
  // Both: the keys of the one table that reference the other.
  CHECK(foreign_keys(h, kRel, S("child"), kRel, S("grandchild")) == Rows{gc});
  CHECK(foreign_keys(h, kRel, S("parent"), kRel, S("grandchild")).empty());
  CHECK(foreign_keys(h, kRel, S("parent"), kRel, S("child")) == child_keys());
  // Across databases: xref.p references holdfast_cat2.other.id.
  const Row x = fk_row(kDb2, "other", "id", "xref", "p", "1", "3", "3", "fk_xref", "PRIMARY");
  CHECK(foreign_keys(h, N, N, kRel, S("xref")) == Rows{x});
  CHECK(foreign_keys(h, kDb2, S("other"), N, N).empty() == false);
  CHECK(foreign_keys(h, kDb2, S("other"), kRel, S("xref")) == Rows{x});
  // The foreign key table's catalog defaults to the current database, as the other does.
  CHECK(foreign_keys(h, kDb2, S("other"), N, S("xref")).empty());
  f.st.run("USE " + kRel);
  CHECK(foreign_keys(h, kDb2, S("other"), N, S("xref")) == Rows{x});
  CHECK(foreign_keys(h, N, S("parent"), N, N) == child_keys());
}

TEST_CASE("SQLForeignKeys: arguments", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  // Ordinary arguments: no wildcards; schemas match nothing; quotes are data.
  CHECK(foreign_keys(h, kRel, S("par%"), N, N).empty());
  CHECK(foreign_keys(h, kRel, S("paren_"), N, N).empty());
  CHECK(foreign_keys(h, kRel, S("parent"), N, N, S("dbo")).empty());
  CHECK(foreign_keys(h, kRel, S("parent"), N, N, S("")) == child_keys());
  CHECK(foreign_keys(h, N, N, kRel, S("child"), N, S("x")).empty());
  CHECK(foreign_keys(h, kRel, S("parent' OR '1'='1"), N, N).empty());
  CHECK(foreign_keys(h, S("holdfast_rel' OR '1'='1"), S("parent"), N, N).empty());
  // One of the table names is required.
  CHECK(SQLForeignKeys(h, (SQLCHAR*)"holdfast_rel", SQL_NTS, nullptr, 0, nullptr, 0, nullptr, 0, nullptr, 0, nullptr,
                       0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
  // SQL_ATTR_METADATA_ID: unquoted identifiers match without case (the named table's
  // schema must not be null then; the other table's arguments may be).
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0));
  CHECK(foreign_keys(h, S("HOLDFAST_REL"), S("PARENT"), N, N, S("")) == child_keys());
  CHECK(foreign_keys(h, S("holdfast_rel"), S("`PARENT`"), N, N, S("")).empty());
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_FALSE, 0));
}

TEST_CASE("SQLForeignKeys: ODBC 2 names and rules, the W form", "[integration][catalog]") {
  CatalogFixture f(SQL_OV_ODBC2);
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLForeignKeysW(h, nullptr, 0, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"holdfast_rel",
                                              SQL_NTS, nullptr, 0, (SQLWCHAR*)u"child", SQL_NTS));
  const std::vector<ColumnShape> shape = result_shape(h);
  REQUIRE(shape.size() == 14);
  CHECK(shape[0].name == "PKTABLE_QUALIFIER");
  CHECK(shape[1].name == "PKTABLE_OWNER");
  CHECK(shape[4].name == "FKTABLE_QUALIFIER");
  CHECK(shape[5].name == "FKTABLE_OWNER");
  const Rows rows = fetch_all(h);
  REQUIRE(rows.size() == 3);
  // RESTRICT is SQL_RESTRICT (1) for ODBC 2 applications.
  CHECK(rows[0][9] == S("1"));
  CHECK(rows[0][10] == S("1"));
  CHECK(rows[2][9] == S("2"));
  CHECK(rows[2][10] == S("0"));
}
