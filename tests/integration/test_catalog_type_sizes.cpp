// SQLGetTypeInfo, SQLColumns and SQLDescribeCol / SQLColAttribute agree on every type:
// the same DATA_TYPE and TYPE_NAME, the same NUM_PREC_RADIX, and the same COLUMN_SIZE for
// types without parameters (numbers, YEAR, DATE, BIT(1)); for types with a length or
// precision a column's size is at most the type's, and the largest declaration reaches it.
#include <map>

#include "test_catalog_support.h"

using namespace catalog_test;

namespace {

const Cell N;
Cell S(const char* s) { return Cell{s}; }

struct TypeRow {
  Cell size, create_params, radix;
};

// SQLGetTypeInfo(data_type): TYPE_NAME -> its row.
std::map<std::string, TypeRow> type_info(SQLHSTMT st, SQLSMALLINT data_type) {
  std::map<std::string, TypeRow> out;
  for (const Row& r : CATALOG_ROWS(st, SQLGetTypeInfo(st, data_type))) out[*r[0]] = TypeRow{r[2], r[5], r[17]};
  return out;
}

SQLLEN number_attribute(SQLHSTMT st, SQLUSMALLINT column, SQLUSMALLINT field) {
  SQLLEN value = 0;
  ODBC_OK(SQL_HANDLE_STMT, st, SQLColAttribute(st, column, field, nullptr, 0, nullptr, &value));
  return value;
}

long long number(const Cell& c) { return c ? std::stoll(*c) : -1; }

void check_table(Stmt& st, const std::string& database, const std::string& table) {
  const Rows rows = columns(st.h, database, N, table, N);
  REQUIRE_FALSE(rows.empty());
  for (const Row& r : rows) {
    const std::string column = *r[3];
    const std::string type_name = *r[5];
    const auto data_type = static_cast<SQLSMALLINT>(std::stoi(*r[4]));
    INFO(table << "." << column << " " << type_name << " (" << data_type << ")");

    // SQLDescribeCol and SQLColAttribute on a SELECT of the column.
    REQUIRE(st.exec("SELECT " + column + " FROM " + database + "." + table) == SQL_SUCCESS);
    SQLCHAR name[128];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLDescribeCol(st.h, 1, name, sizeof name, &name_length, &type, &size, &digits, &nullable));
    const SQLLEN radix = number_attribute(st.h, 1, SQL_DESC_NUM_PREC_RADIX);
    const SQLLEN precision = number_attribute(st.h, 1, SQL_DESC_PRECISION);
    SQLFreeStmt(st.h, SQL_CLOSE);
    CHECK(type == data_type);
    CHECK(static_cast<long long>(std::min<SQLULEN>(size, 2147483647)) == number(r[6]));
    CHECK((radix == 0 ? N : Cell{std::to_string(radix)}) == r[9]);
    if (radix == 10) CHECK(static_cast<long long>(precision) == number(r[6]));  // numbers: digits

    // The type's row in SQLGetTypeInfo.
    const std::map<std::string, TypeRow> info = type_info(st.h, data_type);
    const auto found = info.find(type_name);
    REQUIRE(found != info.end());
    const TypeRow& t = found->second;
    CHECK(t.radix == r[9]);
    if (!t.create_params && radix != 0) {
      CHECK(number(t.size) == number(r[6]));
    } else {
      CHECK(number(r[6]) <= number(t.size));
    }
  }
}

}  // namespace

TEST_CASE("Type sizes: SQLGetTypeInfo, SQLColumns and SQLDescribeCol agree for every type",
          "[integration][catalog][typeinfo]") {
  CatalogFixture f;
  f.st.run("DROP TABLE IF EXISTS holdfast_cat2.sizes");
  f.st.run(
      "CREATE TABLE holdfast_cat2.sizes (u_med MEDIUMINT UNSIGNED, u_small SMALLINT UNSIGNED, i_integer INTEGER,"
      " u_integer INTEGER UNSIGNED, r_real REAL, d_precision DOUBLE PRECISION, f_float FLOAT, d_double DOUBLE,"
      " n_max NUMERIC(65,30), d_max DECIMAL(65,30), t6 TIME(6), dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL,"
      " c_max CHAR(255), b_max BINARY(255), y YEAR, bit1 BIT(1), dt DATE)");
  check_table(f.st, kDb, "all_types");
  check_table(f.st, kDb2, "sizes");

  // The numbers whose size SQLGetTypeInfo and SQLDescribeCol read differently before:
  // decimal digits everywhere (the "Column Size" appendix: REAL 7, FLOAT/DOUBLE 15).
  const Rows sizes = columns(f.st.h, kDb2, N, S("sizes"), N);
  const auto size_of = [&](const char* column) {
    for (const Row& r : sizes)
      if (r[3] == S(column)) return std::make_pair(r[6], r[9]);
    FAIL("no column " << column);
    return std::make_pair(N, N);
  };
  CHECK(size_of("u_med") == std::make_pair(S("10"), S("10")));
  CHECK(size_of("r_real") == std::make_pair(S("15"), S("10")));  // REAL is DOUBLE unless REAL_AS_FLOAT
  CHECK(size_of("f_float") == std::make_pair(S("7"), S("10")));
  CHECK(size_of("d_double") == std::make_pair(S("15"), S("10")));
  CHECK(size_of("y") == std::make_pair(S("5"), S("10")));
  f.st.run("DROP TABLE holdfast_cat2.sizes");
}
