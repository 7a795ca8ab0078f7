// SQLColumns (A and W): shape, exact rows, patterns, and agreement with SQLDescribeCol.
#include <algorithm>
#include <climits>

#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

constexpr const char* kColumnNames[] = {
    "TABLE_CAT",      "TABLE_SCHEM",   "TABLE_NAME",    "COLUMN_NAME",      "DATA_TYPE",        "TYPE_NAME",
    "COLUMN_SIZE",    "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX",  "NULLABLE",         "REMARKS",
    "COLUMN_DEF",     "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE"};

// One expected SQLColumns row of holdfast_cat.tbl_one (utf8mb4 connection: text is
// SQL_WVARCHAR and friends, octet lengths in UTF-16 bytes).
Row tbl_one_row(std::initializer_list<const char*> from_column_name) {
  Row r{kDb, N, S("tbl_one")};
  for (const char* v : from_column_name) r.push_back(v ? Cell{v} : N);
  return r;
}

Rows tbl_one_rows() {
  return Rows{
      //            COLUMN_NAME DATA_TYPE TYPE_NAME SIZE BUFFER DIGITS RADIX NULLABLE REMARKS COLUMN_DEF SQL_DATA_TYPE SUB OCTET POS IS_NULLABLE
      tbl_one_row({"id", "4", "int unsigned", "10", "4", "0", "10", "0", "the key", nullptr, "4", nullptr, nullptr, "1", "NO"}),
      tbl_one_row({"amount", "3", "decimal", "12", "14", "2", "10", "0", "money", "0.00", "3", nullptr, nullptr, "2", "NO"}),
      tbl_one_row({"name", "-9", "varchar", "100", "400", nullptr, nullptr, "1", "Grüße", "'it''s'", "-9", nullptr, "400", "3", "YES"}),
      tbl_one_row({"created", "93", "datetime", "23", "16", "3", nullptr, "1", "", "current_timestamp(3)", "9", "3", nullptr, "4", "YES"}),
      tbl_one_row({"body", "-10", "text", "65535", "262140", nullptr, nullptr, "1", "", "NULL", "-10", nullptr, "262140", "5", "YES"}),
      tbl_one_row({"data", "-4", "blob", "65535", "65535", nullptr, nullptr, "1", "", "NULL", "-4", nullptr, "65535", "6", "YES"}),
      tbl_one_row({"state", "-8", "enum", "3", "12", nullptr, nullptr, "0", "", "'new'", "-8", nullptr, "12", "7", "NO"}),
      tbl_one_row({"flag", "-7", "bit", "1", "1", nullptr, nullptr, "1", "", "b'1'", "-7", nullptr, nullptr, "8", "YES"}),
      tbl_one_row({"yr", "5", "year", "5", "2", "0", "10", "1", "", "NULL", "5", nullptr, nullptr, "9", "YES"}),
      // MariaDB's JSON is LONGTEXT; 4294967292 UTF-16 bytes do not fit an SQL INTEGER.
      tbl_one_row({"doc", "-10", "longtext", "1073741823", "2147483647", nullptr, nullptr, "1", "", "NULL", "-10", nullptr, "2147483647", "10", "YES"}),
      tbl_one_row({"nothing", "4", "int", "10", "4", "0", "10", "1", "", "NULL", "4", nullptr, nullptr, "11", "YES"}),
      tbl_one_row({"twice", "4", "int", "10", "4", "0", "10", "1", "", nullptr, "4", nullptr, nullptr, "12", "YES"}),
  };
}

std::vector<Cell> names(const Rows& rows) { return column_of(rows, 3); }

SQLLEN number_attribute(SQLHSTMT st, SQLUSMALLINT column, SQLUSMALLINT field) {
  SQLLEN value = 0;
  ODBC_OK(SQL_HANDLE_STMT, st, SQLColAttribute(st, column, field, nullptr, 0, nullptr, &value));
  return value;
}

Cell integer_cell(long long v) { return std::to_string(std::min<long long>(v, INT_MAX)); }
Cell optional_cell(long long v, bool present) { return present ? Cell{std::to_string(v)} : N; }

// SQLColumns must describe each column of all_types as SQLDescribeCol/SQLColAttribute
// describe it in a SELECT of that column.
void compare_with_describe(CatalogFixture& f) {
  const SQLHSTMT h = f.st.h;
  const Rows rows = columns(h, N, N, S("all_types"), N);
  REQUIRE(rows.size() == 38);
  for (const Row& r : rows) {
    const std::string column = *r[3];
    INFO("column " << column);
    REQUIRE(f.st.exec("SELECT " + column + " FROM all_types") == SQL_SUCCESS);
    SQLCHAR name[128];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ODBC_OK(SQL_HANDLE_STMT, h,
            SQLDescribeCol(h, 1, name, sizeof name, &name_length, &type, &size, &digits, &nullable));
    const SQLLEN octets = number_attribute(h, 1, SQL_DESC_OCTET_LENGTH);
    const SQLLEN radix = number_attribute(h, 1, SQL_DESC_NUM_PREC_RADIX);
    const SQLLEN verbose = number_attribute(h, 1, SQL_DESC_TYPE);
    const SQLLEN subcode = number_attribute(h, 1, SQL_DESC_DATETIME_INTERVAL_CODE);
    SQLCHAR type_name[128];
    SQLSMALLINT type_name_length = 0;
    ODBC_OK(SQL_HANDLE_STMT, h,
            SQLColAttribute(h, 1, SQL_DESC_TYPE_NAME, type_name, sizeof type_name, &type_name_length, nullptr));
    SQLFreeStmt(h, SQL_CLOSE);

    CHECK(r[4] == Cell(std::to_string(type)));
    CHECK(r[5] == Cell(reinterpret_cast<char*>(type_name)));
    CHECK(r[6] == integer_cell(static_cast<long long>(size)));
    CHECK(r[7] == integer_cell(octets));
    if (r[8]) CHECK(r[8] == Cell(std::to_string(digits)));
    else CHECK(digits == 0);
    CHECK(r[9] == optional_cell(radix, radix != 0));
    CHECK(r[10] == Cell(std::to_string(nullable)));
    CHECK(r[13] == Cell(std::to_string(verbose)));
    CHECK(r[14] == optional_cell(subcode, subcode != 0));
    const bool char_or_binary = type == SQL_CHAR || type == SQL_VARCHAR || type == SQL_LONGVARCHAR ||
                                type == SQL_WCHAR || type == SQL_WVARCHAR || type == SQL_WLONGVARCHAR ||
                                type == SQL_BINARY || type == SQL_VARBINARY || type == SQL_LONGVARBINARY;
    CHECK(r[15] == (char_or_binary ? integer_cell(octets) : N));
  }
}

}  // namespace

TEST_CASE("SQLColumns: the result set has the eighteen columns of the reference", "[integration][catalog]") {
  CatalogFixture f;
  ODBC_OK(SQL_HANDLE_STMT, f.st.h,
          SQLColumns(f.st.h, nullptr, 0, nullptr, 0, (SQLCHAR*)"tbl_one", SQL_NTS, nullptr, 0));
  const std::vector<ColumnShape> shape = result_shape(f.st.h);
  REQUIRE(shape.size() == 18);
  const SQLSMALLINT types[] = {SQL_WVARCHAR, SQL_WVARCHAR, SQL_WVARCHAR, SQL_WVARCHAR, SQL_SMALLINT, SQL_WVARCHAR,
                               SQL_INTEGER,  SQL_INTEGER,  SQL_SMALLINT, SQL_SMALLINT, SQL_SMALLINT, SQL_WVARCHAR,
                               SQL_WVARCHAR, SQL_SMALLINT, SQL_SMALLINT, SQL_INTEGER,  SQL_INTEGER,  SQL_WVARCHAR};
  // Not NULL: TABLE_NAME, COLUMN_NAME, DATA_TYPE, TYPE_NAME, NULLABLE, SQL_DATA_TYPE, ORDINAL_POSITION.
  const int not_null[] = {2, 3, 4, 5, 10, 13, 16};
  for (std::size_t i = 0; i < 18; ++i) {
    INFO("column " << i + 1);
    CHECK(shape[i].name == kColumnNames[i]);
    CHECK(shape[i].type == types[i]);
    const bool required =
        std::find(std::begin(not_null), std::end(not_null), static_cast<int>(i)) != std::end(not_null);
    CHECK(shape[i].nullable == (required ? SQL_NO_NULLS : SQL_NULLABLE));
  }
  CHECK(fetch_all(f.st.h) == tbl_one_rows());
}

TEST_CASE("SQLColumns: ODBC 2 names and date/time codes", "[integration][catalog]") {
  CatalogFixture f(SQL_OV_ODBC2);
  ODBC_OK(SQL_HANDLE_STMT, f.st.h, SQLColumns(f.st.h, nullptr, 0, nullptr, 0, (SQLCHAR*)"tbl_one", SQL_NTS,
                                              (SQLCHAR*)"created", SQL_NTS));
  const std::vector<ColumnShape> shape = result_shape(f.st.h);
  REQUIRE(shape.size() == 18);
  const char* odbc2[] = {"TABLE_QUALIFIER", "TABLE_OWNER", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                         "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS"};
  for (std::size_t i = 0; i < 12; ++i) CHECK(shape[i].name == odbc2[i]);
  const Rows rows = fetch_all(f.st.h);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][4] == Cell("11"));   // SQL_TIMESTAMP
  CHECK(rows[0][13] == Cell("11"));
}

TEST_CASE("SQLColumns: patterns for tables and columns", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  CHECK(columns(h, N, N, S("tbl_one"), S("%")) == tbl_one_rows());
  CHECK(columns(h, S(""), S(""), S("tbl\\_one"), N) == tbl_one_rows());
  CHECK(names(columns(h, N, N, S("tbl_one"), S("n%"))) == cells({"name", "nothing"}));
  CHECK(names(columns(h, N, N, S("tbl_one"), S("_____"))) == cells({"state", "twice"}));
  // Column names are compared without case by the server.
  CHECK(names(columns(h, N, N, S("tbl_one"), S("ID"))) == cells({"id"}));
  // Across tables: in catalog, then table order.
  const Rows xs = columns(h, N, N, S("a_b"), S("x"));
  CHECK(column_of(xs, 2) == cells({"a_b", "axb"}));
  CHECK(column_of(columns(h, N, N, S("a\\_b"), S("x")), 2) == cells({"a_b"}));
  // A view's columns.
  CHECK(names(columns(h, N, N, S("v_one"), N)) == cells({"id", "name"}));
  // The catalog is an ordinary argument: no wildcards.
  CHECK(columns(h, S("holdfast_cat_"), N, S("other"), N).empty());
  CHECK(names(columns(h, kDb2, N, S("other"), N)) == cells({"id", "a_b", "axb"}));
  CHECK(names(columns(h, kDb2, N, S("other"), S("a\\_b"))) == cells({"a_b"}));
  CHECK(names(columns(h, kDb2, N, S("other"), S("a_b"))) == cells({"a_b", "axb"}));
  // Schemas: only the empty one exists.
  CHECK(columns(h, N, S("x"), S("tbl_one"), N).empty());
  CHECK(columns(h, N, N, S(""), N).empty());
  CHECK(columns(h, N, N, S("tbl_one"), S("x' OR 'a'='a")).empty());
}

TEST_CASE("SQLColumns: SQL_ATTR_METADATA_ID", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLSetStmtAttr(h, SQL_ATTR_METADATA_ID, reinterpret_cast<SQLPOINTER>(SQL_TRUE), 0));
  CHECK(names(columns(h, S(""), S(""), S("TBL_ONE"), S("AMOUNT"))) == cells({"amount"}));
  CHECK(columns(h, S(""), S(""), S("tbl_one"), S("a%")).empty());
  CHECK(names(columns(h, S(""), S(""), S("`pk2`"), S("`C`"))) == cells({"c"}));
  CHECK(SQLColumns(h, (SQLCHAR*)"", 0, (SQLCHAR*)"", 0, (SQLCHAR*)"tbl_one", SQL_NTS, nullptr, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, h) == "HY009");
}

TEST_CASE("SQLColumns agrees with SQLDescribeCol for every type", "[integration][catalog]") {
  SECTION("utf8mb4 connection") {
    CatalogFixture f;
    compare_with_describe(f);
  }
  SECTION("latin1 connection: text as SQL_CHAR/SQL_VARCHAR") {
    CatalogFixture f(SQL_OV_ODBC3, "CHARSET=latin1");
    compare_with_describe(f);
    const Rows rows = columns(f.st.h, N, N, S("all_types"), S("c_varchar"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][4] == Cell(std::to_string(SQL_VARCHAR)));
    CHECK(rows[0][6] == Cell("100"));
    CHECK(rows[0][7] == Cell("100"));
  }
}

TEST_CASE("SQLColumnsW: UTF-16 arguments and results", "[integration][catalog]") {
  CatalogFixture f;
  const SQLHSTMT h = f.st.h;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLColumnsW(h, nullptr, 0, nullptr, 0, (SQLWCHAR*)u"tbl_one", SQL_NTS,
                                          (SQLWCHAR*)u"name", 4));
  REQUIRE(SQLFetch(h) == SQL_SUCCESS);
  SQLWCHAR text[128];
  SQLLEN indicator = 0;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 4, SQL_C_WCHAR, text, sizeof text, &indicator));
  CHECK(wide(text, static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR)) == u"name");
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 12, SQL_C_WCHAR, text, sizeof text, &indicator));
  CHECK(wide(text, static_cast<std::size_t>(indicator) / sizeof(SQLWCHAR)) == u"Grüße");
  SQLSMALLINT data_type = 0;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 5, SQL_C_SSHORT, &data_type, 0, &indicator));
  CHECK(data_type == SQL_WVARCHAR);
  SQLINTEGER size = 0;
  ODBC_OK(SQL_HANDLE_STMT, h, SQLGetData(h, 7, SQL_C_SLONG, &size, 0, &indicator));
  CHECK(size == 100);
  CHECK(SQLFetch(h) == SQL_NO_DATA);
}
