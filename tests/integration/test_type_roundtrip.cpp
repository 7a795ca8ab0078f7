// Type round trips through the W entry points: values bound with SQLBindParameter to a
// statement prepared with SQLPrepareW, read back through SQLExecDirectW in their own C
// types and as SQL_C_WCHAR text, on the server-prepared path and the text path. Then the
// conversion errors an application meets, each with its SQLSTATE, through SQLGetData,
// SQLBindCol and parameters, as an ODBC 3 and as an ODBC 2 application sees them.
#include <cstring>
#include <string>
#include <vector>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

// UTF-16 code units of an ASCII or UTF-16 literal, as SQLWCHAR text.
std::vector<SQLWCHAR> W(const std::u16string& s) {
  std::vector<SQLWCHAR> out(s.begin(), s.end());
  out.push_back(0);
  return out;
}
std::u16string from_w(const SQLWCHAR* p, SQLLEN bytes) {
  return std::u16string(reinterpret_cast<const char16_t*>(p), static_cast<std::size_t>(bytes) / sizeof(SQLWCHAR));
}

void exec_w(SQLHSTMT st, const std::u16string& sql) {
  auto text = W(sql);
  const SQLRETURN rc = SQLExecDirectW(st, text.data(), SQL_NTS);
  INFO(describe(SQL_HANDLE_STMT, st));
  REQUIRE((SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA));
}

// A column read with SQLGetData as SQL_C_WCHAR ("<NULL>" for NULL).
std::u16string wide_column(SQLHSTMT st, SQLUSMALLINT column) {
  SQLWCHAR buffer[256];
  SQLLEN length = 0;
  const SQLRETURN rc = SQLGetData(st, column, SQL_C_WCHAR, buffer, sizeof buffer, &length);
  INFO("column " << column << "\n" << describe(SQL_HANDLE_STMT, st));
  REQUIRE(rc == SQL_SUCCESS);
  if (length == SQL_NULL_DATA) return u"<NULL>";
  return from_w(buffer, length);
}

const char16_t* kWideText = u"gr\u00fc\u00df \u65e5\u672c \U0001F600 '\\";

}  // namespace

TEST_CASE("round trip: every C type through SQLPrepareW parameters and SQLExecDirectW results",
          "[integration][roundtrip]") {
  const bool server_prepare = GENERATE(true, false);
  INFO("SERVER_PREPARE=" << server_prepare);
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string(server_prepare ? "SERVER_PREPARE=1" : "SERVER_PREPARE=0"));
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS rt_types");
  st.run(
      "CREATE TABLE rt_types (k INT PRIMARY KEY, i INT, u INT UNSIGNED, s SMALLINT, b BIGINT, f DOUBLE,"
      " n DECIMAL(20,4), g CHAR(36), dt DATE, tm TIME, ts DATETIME(6), w VARCHAR(50) CHARACTER SET utf8mb4,"
      " bin VARBINARY(20), bit1 TINYINT, nul INT)");

  SQLINTEGER i = -7;
  SQLUINTEGER u = 4000000000u;
  SQLSMALLINT s = -32768;
  SQLBIGINT b = -9007199254740993LL;
  double f = 0.25;
  SQL_NUMERIC_STRUCT n{};
  n.precision = 20;
  n.scale = 4;
  n.sign = 0;  // negative
  n.val[0] = 0x39;  // 12345 -> -1.2345
  n.val[1] = 0x30;
  SQLGUID g{0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
  SQL_DATE_STRUCT dt{2024, 2, 29};
  SQL_TIME_STRUCT tm{23, 59, 58};
  SQL_TIMESTAMP_STRUCT ts{2001, 9, 9, 1, 46, 40, 123456000};
  auto w = W(kWideText);
  unsigned char bin[] = {0x00, 0x01, 0x27, 0x5c, 0xfe, 0xff};
  unsigned char bit1 = 1;
  SQLINTEGER nul = 0;
  SQLLEN ind[8] = {};  // the fixed-length values of parameters 1 to 8

  auto insert = W(u"INSERT INTO rt_types VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, insert.data(), SQL_NTS));
  auto bind = [&](SQLUSMALLINT p, SQLSMALLINT c, SQLSMALLINT sql, SQLULEN size, SQLSMALLINT digits, void* v,
                  SQLLEN buffer_length, SQLLEN* indicator) {
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLBindParameter(st.h, p, SQL_PARAM_INPUT, c, sql, size, digits, v, buffer_length, indicator));
  };
  bind(1, SQL_C_SLONG, SQL_INTEGER, 0, 0, &i, 0, &ind[0]);
  bind(2, SQL_C_ULONG, SQL_INTEGER, 0, 0, &u, 0, &ind[1]);
  bind(3, SQL_C_SSHORT, SQL_SMALLINT, 0, 0, &s, 0, &ind[2]);
  bind(4, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &b, 0, &ind[3]);
  bind(5, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &f, 0, &ind[4]);
  bind(6, SQL_C_NUMERIC, SQL_DECIMAL, 20, 4, &n, sizeof n, &ind[5]);
  bind(7, SQL_C_GUID, SQL_GUID, 36, 0, &g, sizeof g, &ind[6]);
  bind(8, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &dt, sizeof dt, &ind[7]);
  SQLLEN tm_ind = 0, ts_ind = 0, w_ind = SQL_NTS, bin_ind = sizeof bin, bit_ind = 0, nul_ind = SQL_NULL_DATA;
  bind(9, SQL_C_TYPE_TIME, SQL_TYPE_TIME, 8, 0, &tm, sizeof tm, &tm_ind);
  bind(10, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &ts, sizeof ts, &ts_ind);
  bind(11, SQL_C_WCHAR, SQL_WVARCHAR, 50, 0, w.data(), static_cast<SQLLEN>(w.size() * sizeof(SQLWCHAR)), &w_ind);
  bind(12, SQL_C_BINARY, SQL_VARBINARY, sizeof bin, 0, bin, sizeof bin, &bin_ind);
  bind(13, SQL_C_BIT, SQL_BIT, 1, 0, &bit1, 1, &bit_ind);
  bind(14, SQL_C_SLONG, SQL_INTEGER, 0, 0, &nul, 0, &nul_ind);
  {
    const SQLRETURN rc = SQLExecute(st.h);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(rc == SQL_SUCCESS);
  }
  SQLLEN affected = 0;
  REQUIRE(SQLRowCount(st.h, &affected) == SQL_SUCCESS);
  CHECK(affected == 1);
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
  SQLFreeStmt(st.h, SQL_CLOSE);

  const std::u16string select = u"SELECT i, u, s, b, f, n, g, dt, tm, ts, w, bin, bit1, nul FROM rt_types WHERE k = 1";

  SECTION("read back in the C types they were sent in") {
    exec_w(st.h, select);
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    SQLINTEGER i2 = 0;
    SQLUINTEGER u2 = 0;
    SQLSMALLINT s2 = 0;
    SQLBIGINT b2 = 0;
    double f2 = 0;
    SQL_NUMERIC_STRUCT n2{};
    SQLGUID g2{};
    SQL_DATE_STRUCT dt2{};
    SQL_TIME_STRUCT tm2{};
    SQL_TIMESTAMP_STRUCT ts2{};
    SQLWCHAR w2[64];
    unsigned char bin2[32];
    unsigned char bit2 = 9;
    SQLINTEGER nul2 = 5;
    SQLLEN len = 0;
    auto get = [&](SQLUSMALLINT c, SQLSMALLINT type, void* v, SQLLEN size) {
      const SQLRETURN rc = SQLGetData(st.h, c, type, v, size, &len);
      INFO("column " << c << "\n" << describe(SQL_HANDLE_STMT, st.h));
      REQUIRE(rc == SQL_SUCCESS);
    };
    get(1, SQL_C_SLONG, &i2, 0);
    CHECK(i2 == i);
    get(2, SQL_C_ULONG, &u2, 0);
    CHECK(u2 == u);
    get(3, SQL_C_SSHORT, &s2, 0);
    CHECK(s2 == s);
    get(4, SQL_C_SBIGINT, &b2, 0);
    CHECK(b2 == b);
    get(5, SQL_C_DOUBLE, &f2, 0);
    CHECK(f2 == f);
    // SQL_C_NUMERIC through SQLGetData takes the default precision and scale (0): the
    // ARD record of column 6 is set to scale 4 first, then read with SQL_ARD_TYPE.
    SQLHDESC ard = SQL_NULL_HDESC;
    REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr) == SQL_SUCCESS);
    REQUIRE(SQLSetDescField(ard, 6, SQL_DESC_TYPE, reinterpret_cast<SQLPOINTER>(SQL_C_NUMERIC), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetDescField(ard, 6, SQL_DESC_PRECISION, reinterpret_cast<SQLPOINTER>(20), 0) == SQL_SUCCESS);
    REQUIRE(SQLSetDescField(ard, 6, SQL_DESC_SCALE, reinterpret_cast<SQLPOINTER>(4), 0) == SQL_SUCCESS);
    get(6, SQL_ARD_TYPE, &n2, sizeof n2);
    CHECK(n2.scale == 4);
    CHECK(n2.sign == 0);
    CHECK(n2.val[0] == 0x39);
    CHECK(n2.val[1] == 0x30);
    CHECK(n2.val[2] == 0);
    get(7, SQL_C_GUID, &g2, sizeof g2);
    CHECK(std::memcmp(&g2, &g, sizeof g) == 0);
    get(8, SQL_C_TYPE_DATE, &dt2, sizeof dt2);
    CHECK((dt2.year == 2024 && dt2.month == 2 && dt2.day == 29));
    get(9, SQL_C_TYPE_TIME, &tm2, sizeof tm2);
    CHECK((tm2.hour == 23 && tm2.minute == 59 && tm2.second == 58));
    get(10, SQL_C_TYPE_TIMESTAMP, &ts2, sizeof ts2);
    CHECK((ts2.year == 2001 && ts2.month == 9 && ts2.day == 9 && ts2.hour == 1 && ts2.minute == 46 &&
           ts2.second == 40 && ts2.fraction == 123456000));
    get(11, SQL_C_WCHAR, w2, sizeof w2);
    CHECK(from_w(w2, len) == kWideText);
    get(12, SQL_C_BINARY, bin2, sizeof bin2);
    REQUIRE(len == static_cast<SQLLEN>(sizeof bin));
    CHECK(std::memcmp(bin2, bin, sizeof bin) == 0);
    get(13, SQL_C_BIT, &bit2, 1);
    CHECK(bit2 == 1);
    get(14, SQL_C_SLONG, &nul2, 0);
    CHECK(len == SQL_NULL_DATA);
  }

  SECTION("read back as SQL_C_WCHAR text, and the column names through SQLDescribeColW") {
    exec_w(st.h, select);
    SQLWCHAR name[32];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    REQUIRE(SQLDescribeColW(st.h, 11, name, 32, &name_length, &type, &size, &digits, &nullable) == SQL_SUCCESS);
    CHECK(from_w(name, name_length * 2) == u"w");
    CHECK(type == SQL_WVARCHAR);
    CHECK(size == 50);
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    const std::vector<std::u16string> want = {
        u"-7", u"4000000000", u"-32768", u"-9007199254740993", u"0.25", u"-1.2345",
        u"12345678-9abc-def0-0102-030405060708", u"2024-02-29", u"23:59:58", u"2001-09-09 01:46:40.123456",
        kWideText, u"000127" u"5CFEFF", u"1", u"<NULL>"};
    for (SQLUSMALLINT c = 1; c <= want.size(); ++c) {
      INFO("column " << c);
      CHECK(wide_column(st.h, c) == want[c - 1]);
    }
  }

  SECTION("the same values compared as parameters: each WHERE finds the row") {
    auto where = W(
        u"SELECT COUNT(*) FROM rt_types WHERE i = ? AND u = ? AND s = ? AND b = ? AND f = ? AND n = ? AND g = ?"
        u" AND dt = ? AND tm = ? AND ts = ? AND w = ? AND bin = ? AND bit1 = ? AND nul IS NULL");
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, where.data(), SQL_NTS));
    bind(1, SQL_C_SLONG, SQL_INTEGER, 0, 0, &i, 0, &ind[0]);
    bind(2, SQL_C_ULONG, SQL_INTEGER, 0, 0, &u, 0, &ind[1]);
    bind(3, SQL_C_SSHORT, SQL_SMALLINT, 0, 0, &s, 0, &ind[2]);
    bind(4, SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &b, 0, &ind[3]);
    bind(5, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &f, 0, &ind[4]);
    bind(6, SQL_C_NUMERIC, SQL_DECIMAL, 20, 4, &n, sizeof n, &ind[5]);
    bind(7, SQL_C_GUID, SQL_GUID, 36, 0, &g, sizeof g, &ind[6]);
    bind(8, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &dt, sizeof dt, &ind[7]);
    bind(9, SQL_C_TYPE_TIME, SQL_TYPE_TIME, 8, 0, &tm, sizeof tm, &tm_ind);
    bind(10, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 26, 6, &ts, sizeof ts, &ts_ind);
    bind(11, SQL_C_WCHAR, SQL_WVARCHAR, 50, 0, w.data(), static_cast<SQLLEN>(w.size() * sizeof(SQLWCHAR)), &w_ind);
    bind(12, SQL_C_BINARY, SQL_VARBINARY, sizeof bin, 0, bin, sizeof bin, &bin_ind);
    bind(13, SQL_C_BIT, SQL_BIT, 1, 0, &bit1, 1, &bit_ind);
    {
      const SQLRETURN rc = SQLExecute(st.h);
      INFO(describe(SQL_HANDLE_STMT, st.h));
      REQUIRE(rc == SQL_SUCCESS);
    }
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    CHECK(wide_column(st.h, 1) == u"1");
  }
  SQLFreeStmt(st.h, SQL_CLOSE);
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
  st.run("DROP TABLE rt_types");
}

TEST_CASE("conversion errors: 07006, 22003, 22018, 22007 and 01004 in both forms, ODBC 3 and ODBC 2 states",
          "[integration][roundtrip]") {
  const SQLUINTEGER version = GENERATE(SQLUINTEGER{SQL_OV_ODBC3}, SQLUINTEGER{SQL_OV_ODBC2});
  const bool odbc2 = version == SQL_OV_ODBC2;
  INFO("ODBC version " << version);
  Env env(version);
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);

  // A result row: an INT too big for SQLSMALLINT, text that is no number, text that is no
  // date, binary bytes, and a long wide text.
  exec_w(st.h, u"SELECT 300, 'abc', '2024-13-45', CAST(x'0102' AS BINARY(2)), 'x\u00e9\U0001F600yz', 7");
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  SQLLEN len = 0;

  signed char tiny = 0;
  CHECK(SQLGetData(st.h, 1, SQL_C_STINYINT, &tiny, 0, &len) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22003");

  SQLINTEGER number = 0;
  CHECK(SQLGetData(st.h, 2, SQL_C_SLONG, &number, 0, &len) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == (odbc2 ? "22005" : "22018"));

  SQL_DATE_STRUCT date{};
  CHECK(SQLGetData(st.h, 3, SQL_C_TYPE_DATE, &date, sizeof date, &len) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == (odbc2 ? "22008" : "22007"));

  // Binary data has no conversion to a date or a number: 07006 in both versions.
  CHECK(SQLGetData(st.h, 4, SQL_C_TYPE_DATE, &date, sizeof date, &len) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  CHECK(SQLGetData(st.h, 6, SQL_C_TYPE_DATE, &date, sizeof date, &len) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");

  // Wide text into a buffer of three characters: two fit, then the terminator; 01004 with
  // the full length in bytes; the surrogate pair is never split.
  SQLWCHAR small[3];
  CHECK(SQLGetData(st.h, 5, SQL_C_WCHAR, small, sizeof small, &len) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01004");
  CHECK(len == 6 * 2);
  CHECK(small[0] == u'x');
  CHECK(small[1] == 0x00e9);
  CHECK(small[2] == 0);
  SQLWCHAR rest[16];
  CHECK(SQLGetData(st.h, 5, SQL_C_WCHAR, rest, sizeof rest, &len) == SQL_SUCCESS);
  CHECK(from_w(rest, len) == u"\U0001F600yz");
  SQLFreeStmt(st.h, SQL_CLOSE);

  // The same through a bound column: the row is SQL_SUCCESS_WITH_INFO (01004) or an error
  // row with 22003.
  exec_w(st.h, u"SELECT 300 UNION ALL SELECT 12");
  signed char bound = 0;
  SQLLEN bound_ind = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_STINYINT, &bound, 0, &bound_ind) == SQL_SUCCESS);
  CHECK(SQLFetch(st.h) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22003");
  CHECK(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(bound == 12);
  SQLFreeStmt(st.h, SQL_CLOSE);
  SQLFreeStmt(st.h, SQL_UNBIND);

  // Parameters: text that is no number sent as an INTEGER, an impossible date struct, an
  // interval C type (which MySQL has no parameter type for).
  auto select = W(u"SELECT ?");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, select.data(), SQL_NTS));
  SQLLEN ind = SQL_NTS;
  char bad[] = "12abc";
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_INTEGER, 10, 0, bad, sizeof bad, &ind));
  CHECK(SQLExecute(st.h) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == (odbc2 ? "22005" : "22018"));

  SQL_DATE_STRUCT impossible{2023, 2, 30};
  ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 10, 0, &impossible, 0, &ind));
  CHECK(SQLExecute(st.h) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == (odbc2 ? "22008" : "22007"));

  // Interval C types are valid ODBC types this driver does not send (MySQL has no
  // interval parameter): 07006 from SQLBindParameter.
  SQL_INTERVAL_STRUCT interval{};
  interval.interval_type = SQL_IS_DAY;
  interval.intval.day_second.day = 3;
  CHECK(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_DAY, SQL_INTERVAL_DAY, 2, 0, &interval, 0, &ind) ==
        SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
}

TEST_CASE("round trip: TIME columns read as day-time interval C types", "[integration][roundtrip]") {
  const bool server_prepare = GENERATE(true, false);
  INFO("SERVER_PREPARE=" << server_prepare);
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string(server_prepare ? "SERVER_PREPARE=1" : "SERVER_PREPARE=0"));
  Stmt st(dbc);
  // The first time is read three more times as columns 6 to 8 (SQLGetData reads a column once).
  auto sql = W(u"SELECT CAST('-838:59:58.5' AS TIME(6)), CAST('27:04:05' AS TIME), '1:02:03', 'abc',"
               u" CAST(NULL AS TIME), CAST('-838:59:58.5' AS TIME(6)), CAST('-838:59:58.5' AS TIME(6)),"
               u" CAST('-838:59:58.5' AS TIME(6))");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, sql.data(), SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLExecute(st.h));
  // Column 2 bound, the others read with SQLGetData.
  SQL_INTERVAL_STRUCT bound{};
  SQLLEN bound_len = 0;
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_INTERVAL_DAY_TO_SECOND, &bound, sizeof bound, &bound_len) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(bound_len == static_cast<SQLLEN>(sizeof bound));
  CHECK(bound.interval_type == SQL_IS_DAY_TO_SECOND);
  CHECK(bound.interval_sign == SQL_FALSE);
  CHECK(bound.intval.day_second.day == 1);
  CHECK(bound.intval.day_second.hour == 3);
  CHECK(bound.intval.day_second.minute == 4);
  CHECK(bound.intval.day_second.second == 5);
  CHECK(bound.intval.day_second.fraction == 0);

  SQL_INTERVAL_STRUCT v{};
  SQLLEN len = 0;
  auto get = [&](SQLUSMALLINT column, SQLSMALLINT type) {
    std::memset(&v, 0x5a, sizeof v);
    const SQLRETURN rc = SQLGetData(st.h, column, type, &v, sizeof v, &len);
    INFO(describe(SQL_HANDLE_STMT, st.h));
    return rc;
  };
  REQUIRE(get(1, SQL_C_INTERVAL_HOUR_TO_SECOND) == SQL_SUCCESS);
  CHECK(v.interval_type == SQL_IS_HOUR_TO_SECOND);
  CHECK(v.interval_sign == SQL_TRUE);
  CHECK(v.intval.day_second.day == 0);
  CHECK(v.intval.day_second.hour == 838);
  CHECK(v.intval.day_second.minute == 59);
  CHECK(v.intval.day_second.second == 58);
  CHECK(v.intval.day_second.fraction == 500000);
  // Text shaped as a time converts; other text is 22018.
  REQUIRE(get(3, SQL_C_INTERVAL_MINUTE_TO_SECOND) == SQL_SUCCESS);
  CHECK(v.interval_type == SQL_IS_MINUTE_TO_SECOND);
  CHECK(v.interval_sign == SQL_FALSE);
  CHECK(v.intval.day_second.minute == 62);
  CHECK(v.intval.day_second.second == 3);
  CHECK(get(4, SQL_C_INTERVAL_HOUR) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22018");
  REQUIRE(get(5, SQL_C_INTERVAL_HOUR) == SQL_SUCCESS);
  CHECK(len == SQL_NULL_DATA);
  REQUIRE(get(6, SQL_C_INTERVAL_SECOND) == SQL_SUCCESS);
  CHECK(v.interval_type == SQL_IS_SECOND);
  CHECK(v.intval.day_second.second == 838u * 3600 + 59 * 60 + 58);
  CHECK(v.intval.day_second.fraction == 500000);
  // Fields the type has no room for are dropped: 01S07.
  REQUIRE(get(7, SQL_C_INTERVAL_DAY_TO_MINUTE) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "01S07");
  CHECK(v.interval_type == SQL_IS_DAY_TO_MINUTE);
  CHECK(v.interval_sign == SQL_TRUE);
  CHECK(v.intval.day_second.day == 34);
  CHECK(v.intval.day_second.hour == 22);
  CHECK(v.intval.day_second.minute == 59);
  CHECK(v.intval.day_second.second == 0);
  // A year-month interval has no meaning for a time: 07006.
  CHECK(get(8, SQL_C_INTERVAL_YEAR_TO_MONTH) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  SQLFreeStmt(st.h, SQL_CLOSE);
  SQLFreeStmt(st.h, SQL_UNBIND);

  // A number has no interval conversion here: 07006.
  exec_w(st.h, u"SELECT 5");
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(get(1, SQL_C_INTERVAL_DAY) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  SQLFreeStmt(st.h, SQL_CLOSE);
}

TEST_CASE("round trip: day-time interval C types as parameters into a TIME column", "[integration][roundtrip]") {
  const bool server_prepare = GENERATE(true, false);
  INFO("SERVER_PREPARE=" << server_prepare);
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string(server_prepare ? "SERVER_PREPARE=1" : "SERVER_PREPARE=0"));
  Stmt st(dbc);
  exec_w(st.h, u"DROP TABLE IF EXISTS rt_interval_param");
  exec_w(st.h, u"CREATE TABLE rt_interval_param (k INT PRIMARY KEY, t TIME(6))");
  auto insert = W(u"INSERT INTO rt_interval_param VALUES (?, ?)");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, insert.data(), SQL_NTS));
  SQLINTEGER k = 0;
  SQL_INTERVAL_STRUCT v{};
  SQLLEN ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &k, 0, nullptr));
  const auto put = [&](SQLINTEGER key, SQLSMALLINT c_type, SQLSMALLINT sign, SQLUINTEGER day, SQLUINTEGER hour,
                       SQLUINTEGER minute, SQLUINTEGER second, SQLUINTEGER fraction) {
    k = key;
    v = SQL_INTERVAL_STRUCT{};
    v.interval_type = static_cast<SQLINTERVAL>(c_type - 100);
    v.interval_sign = sign;
    v.intval.day_second = {day, hour, minute, second, fraction};
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, c_type, SQL_TYPE_TIME, 15, 6, &v, sizeof v, &ind));
    return SQLExecute(st.h);
  };
  // Days fold into hours; fields outside the C type's are ignored (the 9 minutes of row 2).
  ODBC_OK(SQL_HANDLE_STMT, st.h, put(1, SQL_C_INTERVAL_DAY_TO_SECOND, SQL_FALSE, 2, 3, 4, 5, 250000));
  ODBC_OK(SQL_HANDLE_STMT, st.h, put(2, SQL_C_INTERVAL_HOUR, SQL_TRUE, 0, 100, 9, 0, 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, put(3, SQL_C_INTERVAL_MINUTE_TO_SECOND, SQL_TRUE, 0, 0, 61, 2, 7));
  ODBC_OK(SQL_HANDLE_STMT, st.h, put(4, SQL_C_INTERVAL_SECOND, SQL_FALSE, 0, 0, 0, 3'020'399, 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h, put(5, SQL_C_INTERVAL_DAY, SQL_TRUE, 34, 0, 0, 0, 0));
  // Beyond MySQL's TIME range (838:59:59), and a non-leading field out of range: 22015.
  CHECK(put(6, SQL_C_INTERVAL_DAY, SQL_FALSE, 35, 0, 0, 0, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22015");
  CHECK(put(6, SQL_C_INTERVAL_SECOND, SQL_TRUE, 0, 0, 0, 3'020'400, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22015");
  CHECK(put(6, SQL_C_INTERVAL_HOUR_TO_MINUTE, SQL_FALSE, 0, 1, 60, 0, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22015");
  // Year-month intervals have no MySQL type: 07006 from SQLBindParameter.
  CHECK(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_TYPE_TIME, 15, 6, &v, sizeof v,
                         &ind) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  // A day-time interval into a number: 07006 too.
  CHECK(SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_INTERVAL_HOUR, SQL_INTEGER, 0, 0, &v, sizeof v, &ind) ==
        SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "07006");
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);

  // A parameter array (column-wise) takes the same literal.
  SQLINTEGER keys[2] = {7, 8};
  SQL_INTERVAL_STRUCT values[2]{};
  SQLLEN inds[2] = {0, 0};
  for (SQL_INTERVAL_STRUCT& a : values) a.interval_type = SQL_IS_MINUTE;
  values[0].intval.day_second.minute = 90;
  values[1].interval_sign = SQL_TRUE;
  values[1].intval.day_second.minute = 5;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(2), 0));
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, keys, 0, nullptr));
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_INTERVAL_MINUTE, SQL_TYPE_TIME, 15, 0, values,
                           sizeof values[0], inds));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLExecute(st.h));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, reinterpret_cast<SQLPOINTER>(1), 0));
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);

  exec_w(st.h, u"SELECT CAST(t AS CHAR) FROM rt_interval_param ORDER BY k");
  const std::u16string expected[] = {u"51:04:05.250000", u"-100:00:00.000000", u"-01:01:02.000007",
                                     u"838:59:59.000000", u"-816:00:00.000000", u"01:30:00.000000",
                                     u"-00:05:00.000000"};
  for (const std::u16string& e : expected) {
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    CHECK(wide_column(st.h, 1) == e);
  }
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
  SQLFreeStmt(st.h, SQL_CLOSE);

  // Into a character type the text is the same literal.
  auto select = W(u"SELECT ?");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepareW(st.h, select.data(), SQL_NTS));
  v = SQL_INTERVAL_STRUCT{};
  v.interval_type = SQL_IS_HOUR_TO_SECOND;
  v.interval_sign = SQL_TRUE;
  v.intval.day_second = {0, 7, 8, 9, 10};
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_INTERVAL_HOUR_TO_SECOND, SQL_VARCHAR, 20, 0, &v, sizeof v,
                           &ind));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLExecute(st.h));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(wide_column(st.h, 1) == u"-07:08:09.000010");
  SQLFreeStmt(st.h, SQL_CLOSE);
  SQLFreeStmt(st.h, SQL_RESET_PARAMS);
  exec_w(st.h, u"DROP TABLE rt_interval_param");
}
