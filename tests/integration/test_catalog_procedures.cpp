// SQLProcedures and SQLProcedureColumns (A and W) against the routines
// test_catalog_support.h creates in holdfast_rel.
#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

Rows procedures(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& procedure) {
  return CATALOG_ROWS(st, SQLProcedures(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(procedure), SQL_NTS));
}

Rows procedure_columns(SQLHSTMT st, const Cell& catalog, const Cell& schema, const Cell& procedure,
                       const Cell& column) {
  return CATALOG_ROWS(st, SQLProcedureColumns(st, arg(catalog), SQL_NTS, arg(schema), SQL_NTS, arg(procedure), SQL_NTS,
                                              arg(column), SQL_NTS));
}

// PROCEDURE_NAME, COLUMN_NAME, COLUMN_TYPE of each row.
std::vector<std::vector<Cell>> parameters(const Rows& rows) {
  std::vector<std::vector<Cell>> out;
  for (const Row& r : rows) out.push_back({r.at(2), r.at(3), r.at(4)});
  return out;
}

}  // namespace

TEST_CASE("SQLProcedures: shape and rows", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLProcedures(h, (SQLCHAR*)"holdfast_rel", SQL_NTS, nullptr, 0, nullptr, 0));
  const std::vector<ColumnShape> expected = {
      {"PROCEDURE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},  {"PROCEDURE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"PROCEDURE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS}, {"NUM_INPUT_PARAMS", SQL_INTEGER, 10, SQL_NULLABLE},
      {"NUM_OUTPUT_PARAMS", SQL_INTEGER, 10, SQL_NULLABLE}, {"NUM_RESULT_SETS", SQL_INTEGER, 10, SQL_NULLABLE},
      {"REMARKS", SQL_WVARCHAR, 1024, SQL_NULLABLE},      {"PROCEDURE_TYPE", SQL_SMALLINT, 5, SQL_NULLABLE}};
  CHECK(result_shape(h) == expected);
  // Ordered by name; functions are SQL_PT_FUNCTION (2), procedures SQL_PT_PROCEDURE (1).
  CHECK(fetch_all(h) == Rows{{kRel, N, S("fn_add"), N, N, N, S("a function"), S("2")},
                             {kRel, N, S("proc_io"), N, N, N, S("a procedure"), S("1")},
                             {kRel, N, S("proc_none"), N, N, N, S(""), S("1")}});
  // The name is a pattern; routine names match without case.
  CHECK(column_of(procedures(h, kRel, N, S("proc\\_%")), 2) == cells({"proc_io", "proc_none"}));
  CHECK(column_of(procedures(h, kRel, N, S("PROC_IO")), 2) == cells({"proc_io"}));
  CHECK(column_of(procedures(h, kRel, S("%"), S("fn%")), 2) == cells({"fn_add"}));
  CHECK(procedures(h, kRel, S("dbo"), N).empty());
  CHECK(procedures(h, kRel, N, S("x' OR '1'='1")).empty());
  // The current database by default: holdfast_cat has no routines.
  CHECK(procedures(h, N, N, N).empty());
  f.st.run("USE " + kRel);
  CHECK(procedures(h, N, N, N).size() == 3);
}

TEST_CASE("SQLProcedureColumns: shape and rows", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLProcedureColumns(h, (SQLCHAR*)"holdfast_rel", SQL_NTS, nullptr, 0, nullptr, 0,
                                                  nullptr, 0));
  const std::vector<ColumnShape> shape = result_shape(h);
  const std::vector<ColumnShape> expected = {
      {"PROCEDURE_CAT", SQL_WVARCHAR, 64, SQL_NULLABLE},  {"PROCEDURE_SCHEM", SQL_WVARCHAR, 64, SQL_NULLABLE},
      {"PROCEDURE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS}, {"COLUMN_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},
      {"COLUMN_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},     {"DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},
      {"TYPE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS},      {"COLUMN_SIZE", SQL_INTEGER, 10, SQL_NULLABLE},
      {"BUFFER_LENGTH", SQL_INTEGER, 10, SQL_NULLABLE},   {"DECIMAL_DIGITS", SQL_SMALLINT, 5, SQL_NULLABLE},
      {"NUM_PREC_RADIX", SQL_SMALLINT, 5, SQL_NULLABLE},  {"NULLABLE", SQL_SMALLINT, 5, SQL_NO_NULLS},
      {"REMARKS", SQL_WVARCHAR, 1024, SQL_NULLABLE},      {"COLUMN_DEF", SQL_WVARCHAR, 4000, SQL_NULLABLE},
      {"SQL_DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},   {"SQL_DATETIME_SUB", SQL_SMALLINT, 5, SQL_NULLABLE},
      {"CHAR_OCTET_LENGTH", SQL_INTEGER, 10, SQL_NULLABLE}, {"ORDINAL_POSITION", SQL_INTEGER, 10, SQL_NO_NULLS},
      {"IS_NULLABLE", SQL_WVARCHAR, 3, SQL_NULLABLE}};
  CHECK(shape == expected);
  const Rows rows = fetch_all(h);
  // A function's return value (no name, SQL_RETURN_VALUE = 5) first, then the parameters
  // in call order: SQL_PARAM_INPUT 1, SQL_PARAM_OUTPUT 4, SQL_PARAM_INPUT_OUTPUT 2.
  CHECK(parameters(rows) == std::vector<std::vector<Cell>>{{S("fn_add"), S(""), S("5")},
                                                           {S("fn_add"), S("a"), S("1")},
                                                           {S("fn_add"), S("b"), S("1")},
                                                           {S("proc_io"), S("p_in"), S("1")},
                                                           {S("proc_io"), S("p_out"), S("4")},
                                                           {S("proc_io"), S("p_both"), S("2")}});
  CHECK(column_of(rows, 17) == cells({"0", "1", "2", "1", "2", "3"}));
  // Typed as SQLColumns types the same types (holdfast_rel.typed has a column for each):
  // DATA_TYPE .. CHAR_OCTET_LENGTH, but REMARKS and COLUMN_DEF.
  const Rows typed = columns(h, kRel, N, S("typed"), N);
  REQUIRE(typed.size() == 6);
  REQUIRE(rows.size() == 6);
  const std::size_t order[] = {0, 1, 2, 3, 4, 5};  // r, a, b, p_in, p_out, p_both
  for (std::size_t i : order) {
    INFO("parameter " << i);
    for (std::size_t k = 0; k <= 13; ++k) {
      if (k == 7 || k == 8 || k == 12) continue;  // REMARKS, COLUMN_DEF, ORDINAL_POSITION
      INFO("column " << k);
      CHECK(rows[i][5 + k] == typed[i][4 + k]);
    }
  }
  CHECK(rows[0][6] == S("varchar"));
  CHECK(rows[1][6] == S("bigint"));
  CHECK(rows[5][6] == S("decimal"));
}

TEST_CASE("SQLProcedureColumns: arguments, ODBC 2 names, the W form", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  CHECK(parameters(procedure_columns(h, kRel, N, S("proc_io"), S("p\\_b%"))) ==
        std::vector<std::vector<Cell>>{{S("proc_io"), S("p_both"), S("2")}});
  CHECK(parameters(procedure_columns(h, kRel, N, S("fn_add"), S(""))) ==
        std::vector<std::vector<Cell>>{{S("fn_add"), S(""), S("5")}});
  CHECK(procedure_columns(h, kRel, N, S("fn_add"), S("%")).size() == 3);
  CHECK(procedure_columns(h, kRel, N, S("proc_none"), N).empty());
  CHECK(procedure_columns(h, kRel, S("dbo"), N, N).empty());
  CHECK(procedure_columns(h, kRel, N, S("proc_io"), S("x' OR '1'='1")).empty());

  CatalogFixture old(SQL_OV_ODBC2);
  ODBC_OK(SQL_HANDLE_STMT, old.st.h, SQLProcedureColumnsW(old.st.h, (SQLWCHAR*)u"holdfast_rel", SQL_NTS, nullptr, 0,
                                                          (SQLWCHAR*)u"fn_add", SQL_NTS, nullptr, 0));
  const std::vector<ColumnShape> shape = result_shape(old.st.h);
  REQUIRE(shape.size() == 19);
  CHECK(shape[0].name == "PROCEDURE_QUALIFIER");
  CHECK(shape[1].name == "PROCEDURE_OWNER");
  CHECK(shape[7].name == "PRECISION");
  CHECK(shape[8].name == "LENGTH");
  CHECK(shape[9].name == "SCALE");
  CHECK(shape[10].name == "RADIX");
  const Rows rows = fetch_all(old.st.h);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2][5] == S(std::to_string(SQL_TIMESTAMP).c_str()));  // ODBC 2 date/time codes

  ODBC_OK(SQL_HANDLE_STMT, old.st.h, SQLProceduresW(old.st.h, (SQLWCHAR*)u"holdfast_rel", SQL_NTS, nullptr, 0,
                                                    (SQLWCHAR*)u"fn_add", SQL_NTS));
  CHECK(result_shape(old.st.h)[0].name == "PROCEDURE_QUALIFIER");
  CHECK(column_of(fetch_all(old.st.h), 2) == cells({"fn_add"}));
}
