// Fetching: column types, conversions, NULLs, truncation, SQLGetData in pieces.
#include <cstdint>
#include <cstring>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

}  // namespace

TEST_CASE("every column type is described with its ODBC SQL type", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS types_t");
  st.run("CREATE TABLE types_t (c_tiny TINYINT, c_small SMALLINT, c_med MEDIUMINT, c_int INT, c_uint INT UNSIGNED,"
         " c_big BIGINT, c_float FLOAT, c_double DOUBLE, c_dec DECIMAL(12,2), c_bit1 BIT(1), c_bit8 BIT(8),"
         " c_year YEAR, c_date DATE, c_time TIME, c_dt DATETIME(3), c_ts TIMESTAMP NULL, c_char CHAR(10),"
         " c_varchar VARCHAR(100), c_text TEXT, c_bin BINARY(4), c_varbin VARBINARY(10), c_blob BLOB,"
         " c_enum ENUM('a','b'), c_json JSON)");
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT * FROM types_t")));
  const std::vector<std::pair<const char*, SQLSMALLINT>> expected = {
      {"c_tiny", SQL_TINYINT}, {"c_small", SQL_SMALLINT}, {"c_med", SQL_INTEGER}, {"c_int", SQL_INTEGER},
      {"c_uint", SQL_INTEGER}, {"c_big", SQL_BIGINT}, {"c_float", SQL_REAL}, {"c_double", SQL_DOUBLE},
      {"c_dec", SQL_DECIMAL}, {"c_bit1", SQL_BIT}, {"c_bit8", SQL_BINARY}, {"c_year", SQL_SMALLINT},
      {"c_date", SQL_TYPE_DATE}, {"c_time", SQL_TYPE_TIME}, {"c_dt", SQL_TYPE_TIMESTAMP},
      {"c_ts", SQL_TYPE_TIMESTAMP}, {"c_char", SQL_WCHAR}, {"c_varchar", SQL_WVARCHAR},
      {"c_text", SQL_WLONGVARCHAR}, {"c_bin", SQL_BINARY}, {"c_varbin", SQL_VARBINARY},
      {"c_blob", SQL_LONGVARBINARY}, {"c_enum", SQL_WCHAR}, {"c_json", SQL_WLONGVARCHAR}};
  SQLSMALLINT count = 0;
  REQUIRE(SQLNumResultCols(st.h, &count) == SQL_SUCCESS);
  REQUIRE(count == static_cast<SQLSMALLINT>(expected.size()));
  for (SQLUSMALLINT i = 1; i <= count; ++i) {
    SQLCHAR name[64];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    REQUIRE(SQLDescribeCol(st.h, i, name, sizeof name, &name_length, &type, &size, &digits, &nullable) == SQL_SUCCESS);
    INFO("column " << name);
    CHECK(std::string(reinterpret_cast<char*>(name)) == expected[i - 1].first);
    CHECK(type == expected[i - 1].second);
    CHECK(nullable == SQL_NULLABLE);
    if (std::string(expected[i - 1].first) == "c_dec") {
      CHECK(size == 12);
      CHECK(digits == 2);
    }
    if (std::string(expected[i - 1].first) == "c_varchar") CHECK(size == 100);
    if (std::string(expected[i - 1].first) == "c_dt") CHECK(digits == 3);
  }
  SQLLEN is_unsigned = -1;
  REQUIRE(SQLColAttribute(st.h, 5, SQL_DESC_UNSIGNED, nullptr, 0, nullptr, &is_unsigned) == SQL_SUCCESS);
  CHECK(is_unsigned == SQL_TRUE);
  char type_name[64];
  SQLSMALLINT type_name_length = 0;
  REQUIRE(SQLColAttribute(st.h, 9, SQL_DESC_TYPE_NAME, type_name, sizeof type_name, &type_name_length, nullptr) ==
          SQL_SUCCESS);
  CHECK(std::string(type_name) == "decimal");
  CHECK(type_name_length == 7);
  char table_name[64];
  REQUIRE(SQLColAttribute(st.h, 1, SQL_DESC_BASE_TABLE_NAME, table_name, sizeof table_name, nullptr, nullptr) == SQL_SUCCESS);
  CHECK(std::string(table_name) == "types_t");
}

TEST_CASE("values round-trip into their C types, NULLs get SQL_NULL_DATA", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS rt");
  st.run("CREATE TABLE rt (i INT, b BIGINT UNSIGNED, d DOUBLE, n DECIMAL(12,2), v VARCHAR(40), dt DATETIME(6),"
         " dd DATE, tt TIME, bl BLOB, bt BIT(1))");
  st.run("INSERT INTO rt VALUES (-2147483648, 18446744073709551615, -1.25e-3, -1234567890.00, 'Grüße 😀',"
         " '2024-02-29 23:59:58.123456', '1999-12-31', '13:14:15', x'00ff10', b'1'), "
         "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT * FROM rt")));
  SQLINTEGER i = 0;
  SQLUBIGINT b = 0;
  double d = 0;
  SQL_NUMERIC_STRUCT n{};
  SQLWCHAR v[40];
  SQL_TIMESTAMP_STRUCT dt{};
  SQL_DATE_STRUCT dd{};
  SQL_TIME_STRUCT tt{};
  unsigned char bl[8];
  unsigned char bt = 9;
  SQLLEN ind[10];
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &i, 0, &ind[0]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_UBIGINT, &b, 0, &ind[1]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 3, SQL_C_DOUBLE, &d, 0, &ind[2]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 4, SQL_C_NUMERIC, &n, sizeof n, &ind[3]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 5, SQL_C_WCHAR, v, sizeof v, &ind[4]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 6, SQL_C_TYPE_TIMESTAMP, &dt, 0, &ind[5]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 7, SQL_C_TYPE_DATE, &dd, 0, &ind[6]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 8, SQL_C_TYPE_TIME, &tt, 0, &ind[7]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 9, SQL_C_BINARY, bl, sizeof bl, &ind[8]) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 10, SQL_C_BIT, &bt, 0, &ind[9]) == SQL_SUCCESS);
  SQLRETURN rc = SQLFetch(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE(rc == SQL_SUCCESS);
  CHECK(i == INT32_MIN);
  CHECK(b == UINT64_MAX);
  CHECK(d == Approx(-1.25e-3));
  CHECK(n.sign == 0);  // negative
  CHECK(n.scale == 0);  // the ARD's default scale
  std::uint64_t magnitude = 0;
  for (int k = 7; k >= 0; --k) magnitude = magnitude * 256 + n.val[k];
  CHECK(magnitude == 1234567890u);
  CHECK(ind[4] == 8 * static_cast<SQLLEN>(sizeof(SQLWCHAR)));  // "Grüße " = 6 units, emoji = 2
  CHECK(v[2] == 0x00FC);
  CHECK(v[6] == 0xD83D);
  CHECK(v[7] == 0xDE00);
  CHECK(dt.year == 2024);
  CHECK(dt.month == 2);
  CHECK(dt.day == 29);
  CHECK(dt.second == 58);
  CHECK(dt.fraction == 123456000);
  CHECK(dd.year == 1999);
  CHECK(tt.hour == 13);
  CHECK(tt.second == 15);
  CHECK(ind[8] == 3);
  CHECK(bl[0] == 0x00);
  CHECK(bl[1] == 0xff);
  CHECK(bl[2] == 0x10);
  CHECK(bt == 1);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  for (int k = 0; k < 10; ++k) {
    INFO("column " << k + 1);
    CHECK(ind[k] == SQL_NULL_DATA);
  }
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
}

TEST_CASE("SQLGetData returns long data in pieces, then SQL_NO_DATA", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT REPEAT('abcdefghij', 3)")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char piece[11];
  SQLLEN ind = 0;
  std::string all;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(ind == 30);
  all += piece;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_SUCCESS_WITH_INFO);
  CHECK(ind == 20);
  all += piece;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_SUCCESS);
  CHECK(ind == 10);
  all += piece;
  CHECK(all == std::string("abcdefghij") + "abcdefghij" + "abcdefghij");
  CHECK(SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_NO_DATA);
}

TEST_CASE("bound columns truncate with 01004 and report the full length", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 'hello world'")));
  char buffer[6];
  SQLLEN ind = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_CHAR, buffer, sizeof buffer, &ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(std::string(buffer) == "hello");
  CHECK(ind == 11);
}

TEST_CASE("out-of-range and invalid conversions are 22003 and 22018", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 300, 'abc', 2.5")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  signed char tiny = 0;
  SQLLEN ind = 0;
  CHECK(SQLGetData(st.h, 1, SQL_C_STINYINT, &tiny, 0, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22003");
  SQLINTEGER number = 0;
  CHECK(SQLGetData(st.h, 2, SQL_C_SLONG, &number, 0, &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22018");
  CHECK(SQLGetData(st.h, 3, SQL_C_SLONG, &number, 0, &ind) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01S07");
  CHECK(number == 2);
}

TEST_CASE("NULL without an indicator is 22002", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT NULL")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  SQLINTEGER number = 0;
  CHECK(SQLGetData(st.h, 1, SQL_C_SLONG, &number, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22002");
}

TEST_CASE("row-wise block fetch with rows-fetched and row-status pointers", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  struct Row {
    SQLINTEGER id;
    SQLLEN id_ind;
    char name[8];
    SQLLEN name_ind;
  } rows[4];
  SQLULEN fetched = 0;
  SQLUSMALLINT status[4];
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, reinterpret_cast<SQLPOINTER>(sizeof(Row)), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, reinterpret_cast<SQLPOINTER>(4), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, status, 0) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq, CONCAT('n', seq) FROM seq_1_to_6")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &rows[0].id, 0, &rows[0].id_ind) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].name_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(fetched == 4);
  for (int r = 0; r < 4; ++r) {
    CHECK(rows[r].id == r + 1);
    CHECK(std::string(rows[r].name) == "n" + std::to_string(r + 1));
    CHECK(status[r] == SQL_ROW_SUCCESS);
  }
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(fetched == 2);
  CHECK(rows[1].id == 6);
  CHECK(status[2] == SQL_ROW_NOROW);
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
}

TEST_CASE("row counts, SQL_NO_DATA for an empty searched update, SQLMoreResults", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS rc_t");
  st.run("CREATE TABLE rc_t (id INT)");
  REQUIRE(st.exec("INSERT INTO rc_t VALUES (1),(2),(3)") == SQL_SUCCESS);
  SQLLEN count = -5;
  REQUIRE(SQLRowCount(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 3);
  CHECK(st.exec("UPDATE rc_t SET id = id + 10 WHERE id > 100") == SQL_NO_DATA);
  REQUIRE(st.exec("DELETE FROM rc_t WHERE id < 3") == SQL_SUCCESS);
  REQUIRE(SQLRowCount(st.h, &count) == SQL_SUCCESS);
  CHECK(count == 2);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT * FROM rc_t")));
  CHECK(SQLMoreResults(st.h) == SQL_NO_DATA);
  // After SQLMoreResults the cursor is gone and a new statement can run.
  CHECK(st.scalar("SELECT COUNT(*) FROM rc_t") == "1");
}

TEST_CASE("a second execute with an open cursor is 24000, and SQLCloseCursor frees it", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 1")));
  CHECK(st.exec("SELECT 2") == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "24000");
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  CHECK(SQLCloseCursor(st.h) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "24000");
  CHECK(st.scalar("SELECT 2") == "2");
}

TEST_CASE("SQL_ATTR_RETRIEVE_DATA off moves the cursor without filling bound buffers", "[integration][fetch]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_RETRIEVE_DATA, reinterpret_cast<SQLPOINTER>(SQL_RD_OFF), 0) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT seq FROM seq_1_to_3")));
  SQLINTEGER value = -7;
  SQLLEN ind = -7;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &value, 0, &ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(value == -7);
  CHECK(ind == -7);
  // SQLGetData still reads the row the cursor is on.
  SQLINTEGER got = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_SLONG, &got, 0, nullptr) == SQL_SUCCESS);
  CHECK(got == 1);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_RETRIEVE_DATA, reinterpret_cast<SQLPOINTER>(SQL_RD_ON), 0) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(value == 2);
}
