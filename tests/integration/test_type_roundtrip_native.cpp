// Integers, DOUBLE, dates and times read through the binary protocol (a server-prepared
// statement reads them natively: core/native_value.h) give exactly what the text protocol
// gives: every column kind read as every C type that matters, values, lengths and
// SQLSTATEs (22003, 22007, 01004, 01S07), edge values (BIGINT UNSIGNED max, negative
// numbers into unsigned types, zero and invalid dates, DATETIME(6) fractions, TIME beyond
// 24 hours and negative, NULL), SQLGetData in pieces and bound columns.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

const char* const kColumns =
    "ti, tu, si, mi, i, iu, bi, bu, y, d, dt, t, t3, dtm, dtm6, ts2, f, d2, z";
constexpr SQLUSMALLINT kColumnCount = 19;

void create_table(Stmt& st) {
  st.run("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'");
  st.run("DROP TABLE IF EXISTS rt_native");
  st.run(
      "CREATE TABLE rt_native (k INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT,"
      " i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED, y YEAR, d DOUBLE, dt DATE, t TIME, t3 TIME(3),"
      " dtm DATETIME, dtm6 DATETIME(6), ts2 TIMESTAMP(2) NULL, f FLOAT, d2 DOUBLE(10,2), z INT(5) ZEROFILL)");
  st.run(
      "INSERT INTO rt_native VALUES"
      " (1, 1, 2, 3, 4, 5, 6, 7, 8, 2024, 0.25, '2024-02-29', '23:59:58', '10:00:00.000', '2001-09-09 01:46:40',"
      "  '2001-09-09 01:46:40.123456', '2020-02-02 02:02:02.50', 1.5, 1.5, 42),"
      " (2, -128, 255, -32768, -8388608, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,"
      "  0, 1e300, '0000-00-00', '838:59:59', '-838:59:59.999', '0000-00-00 00:00:00', '9999-12-31 23:59:59.999999',"
      "  '1970-01-02 00:00:00.01', -3.25, -12345678.99, 0),"
      " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
      "  NULL, NULL),"
      " (4, -1, 127, -1, 8388607, 2147483647, 0, -1, 9223372036854775808, 1901, 0.30000000000000004,"
      "  '2024-02-30', '-00:00:01', '24:00:00.500', '2024-00-10 00:00:00', '2024-01-01 00:00:00.000001',"
      "  '2038-01-19 03:14:07.99', 3.0e38, 0.01, 99999),"
      " (5, 100, 0, 300, 70000, 40000, 65536, 9007199254740993, 4294967296, 2155, -1.2345678901234567e-16,"
      "  '0001-01-01', '-25:30:00', '00:00:00.001', '2024-03-01 23:59:59', '2024-03-01 00:00:00.100000',"
      "  '1999-12-31 23:59:59.00', 1e-10, 1e10, 1),"
      " (6, 0, 1, 0, 0, 0, 1, 0, 1, 1999, 123456789012345678, '1999-12-31', '00:00:00', '12:34:56.789',"
      "  '1000-01-01 00:00:00', '2024-02-29 12:00:00.5', '2000-01-01 00:00:00.00', 0, 0, 12)");
}

std::string hex(const void* data, std::size_t size) {
  std::string out;
  char two[3];
  for (std::size_t k = 0; k < size; ++k) {
    std::snprintf(two, sizeof two, "%02x", static_cast<const unsigned char*>(data)[k]);
    out += two;
  }
  return out;
}

std::string states(SQLHSTMT st) {
  std::string out;
  SQLCHAR state[6];
  SQLINTEGER native = 0;
  SQLCHAR message[512];
  SQLSMALLINT length = 0;
  for (SQLSMALLINT r = 1; SQLGetDiagRec(SQL_HANDLE_STMT, st, r, state, &native, message, sizeof message, &length) ==
                          SQL_SUCCESS;
       ++r)
    out += reinterpret_cast<char*>(state) + std::string(" ");
  return out;
}

// One SQLGetData call as text: return code, SQLSTATEs, length, the bytes written.
std::string get(SQLHSTMT st, SQLUSMALLINT column, SQLSMALLINT c_type, SQLLEN buffer_length) {
  unsigned char buffer[128];
  std::memset(buffer, 0xAB, sizeof buffer);
  SQLLEN length = -99;
  const SQLRETURN rc = SQLGetData(st, column, c_type, buffer, buffer_length, &length);
  return "rc=" + std::to_string(rc) + " " + states(st) + "len=" + std::to_string(length) + " " +
         hex(buffer, sizeof buffer);
}

// Runs the SELECT prepared (SERVER_PREPARE decides the protocol) and reads every column of
// every row as `c_type` into buffers of `buffer_length` bytes (`pieces`: SQLGetData again
// until SQL_NO_DATA).
std::vector<std::string> read_all(SQLHSTMT st, SQLSMALLINT c_type, SQLLEN buffer_length, bool pieces) {
  std::vector<std::string> out;
  const std::string sql = std::string("SELECT ") + kColumns + " FROM rt_native ORDER BY k";
  ODBC_OK(SQL_HANDLE_STMT, st, SQLPrepare(st, (SQLCHAR*)sql.c_str(), SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, st, SQLExecute(st));
  for (int row = 1;; ++row) {
    const SQLRETURN rc = SQLFetch(st);
    if (rc == SQL_NO_DATA) break;
    REQUIRE(rc == SQL_SUCCESS);
    for (SQLUSMALLINT c = 1; c <= kColumnCount; ++c) {
      std::string outcome = "row " + std::to_string(row) + " column " + std::to_string(c) + ": ";
      outcome += get(st, c, c_type, buffer_length);
      for (int k = 0; pieces && k < 40 && outcome.find("rc=100") == std::string::npos; ++k)
        outcome += " | " + get(st, c, c_type, buffer_length);
      out.push_back(outcome);
    }
  }
  SQLFreeStmt(st, SQL_CLOSE);
  return out;
}

// The same through columns bound with SQLBindCol: per row the fetch's return code and
// SQLSTATEs, every buffer and length.
std::vector<std::string> read_bound(SQLHSTMT st, SQLSMALLINT c_type, SQLLEN buffer_length) {
  std::vector<std::string> out;
  unsigned char buffers[kColumnCount][64];
  SQLLEN lengths[kColumnCount];
  for (SQLUSMALLINT c = 1; c <= kColumnCount; ++c)
    REQUIRE(SQLBindCol(st, c, c_type, buffers[c - 1], buffer_length, &lengths[c - 1]) == SQL_SUCCESS);
  const std::string sql = std::string("SELECT ") + kColumns + " FROM rt_native ORDER BY k";
  ODBC_OK(SQL_HANDLE_STMT, st, SQLPrepare(st, (SQLCHAR*)sql.c_str(), SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, st, SQLExecute(st));
  for (;;) {
    std::memset(buffers, 0xAB, sizeof buffers);
    for (SQLLEN& l : lengths) l = -99;
    const SQLRETURN rc = SQLFetch(st);
    if (rc == SQL_NO_DATA) break;
    std::string row = "rc=" + std::to_string(rc) + " " + states(st);
    for (SQLUSMALLINT c = 0; c < kColumnCount; ++c)
      row += " len=" + std::to_string(lengths[c]) + " " + hex(buffers[c], sizeof buffers[c]);
    out.push_back(row);
  }
  SQLFreeStmt(st, SQL_CLOSE);
  SQLFreeStmt(st, SQL_UNBIND);
  return out;
}

struct Pass {
  SQLSMALLINT c_type;
  SQLLEN buffer_length;
  bool pieces;
};

}  // namespace

TEST_CASE("round trip: typed binary values read as every C type exactly as the text protocol gives them",
          "[integration][roundtrip]") {
  Env env;
  Dbc text_dbc(env), binary_dbc(env);
  text_dbc.connect(connection_string("SERVER_PREPARE=0"));
  binary_dbc.connect(connection_string("SERVER_PREPARE=1"));
  Stmt text(text_dbc), binary(binary_dbc);
  create_table(text);
  const std::vector<Pass> passes = {
      {SQL_C_CHAR, 64, false},          {SQL_C_CHAR, 8, false},   {SQL_C_CHAR, 4, true},
      {SQL_C_WCHAR, 128, false},        {SQL_C_WCHAR, 16, false}, {SQL_C_WCHAR, 6, true},
      {SQL_C_SLONG, 0, false},          {SQL_C_ULONG, 0, false},  {SQL_C_SBIGINT, 0, false},
      {SQL_C_UBIGINT, 0, false},        {SQL_C_SSHORT, 0, false}, {SQL_C_USHORT, 0, false},
      {SQL_C_STINYINT, 0, false},       {SQL_C_UTINYINT, 0, false}, {SQL_C_DOUBLE, 0, false},
      {SQL_C_FLOAT, 0, false},          {SQL_C_NUMERIC, 0, false}, {SQL_C_BIT, 0, false},
      {SQL_C_TYPE_TIMESTAMP, 0, false}, {SQL_C_TYPE_DATE, 0, false}, {SQL_C_TYPE_TIME, 0, false},
      {SQL_C_BINARY, 64, false},        {SQL_C_BINARY, 8, false}, {SQL_C_DEFAULT, 64, false},
      {SQL_C_INTERVAL_HOUR_TO_SECOND, 0, false}};
  std::string seen;  // every outcome, to check that the edges were met
  for (const Pass& p : passes) {
    INFO("C type " << p.c_type << ", buffer " << p.buffer_length << (p.pieces ? ", in pieces" : ""));
    const std::vector<std::string> want = read_all(text.h, p.c_type, p.buffer_length, p.pieces);
    const std::vector<std::string> got = read_all(binary.h, p.c_type, p.buffer_length, p.pieces);
    REQUIRE(got.size() == want.size());
    REQUIRE(want.size() == 6u * kColumnCount);
    for (std::size_t k = 0; k < want.size(); ++k) {
      CHECK(got[k] == want[k]);
      seen += want[k] + "\n";
    }
  }
  for (const char* state : {"22003", "22007", "01004", "01S07", "07006", "len=-1 "}) {
    INFO("an outcome with " << state);
    CHECK(seen.find(state) != std::string::npos);
  }
  for (const Pass& p : std::vector<Pass>{{SQL_C_CHAR, 64, false}, {SQL_C_CHAR, 12, false}, {SQL_C_SLONG, 0, false},
                                         {SQL_C_UBIGINT, 0, false}, {SQL_C_DOUBLE, 0, false},
                                         {SQL_C_TYPE_TIMESTAMP, 0, false}}) {
    INFO("bound as C type " << p.c_type << ", buffer " << p.buffer_length);
    const std::vector<std::string> want = read_bound(text.h, p.c_type, p.buffer_length);
    const std::vector<std::string> got = read_bound(binary.h, p.c_type, p.buffer_length);
    REQUIRE(want.size() == 6u);
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(got[k] == want[k]);
  }
  // Some of the values as the text protocol shows them, so that the comparison above
  // compares what it should.
  CHECK(text.scalar("SELECT bu FROM rt_native WHERE k = 2") == "18446744073709551615");
  CHECK(binary.scalar("SELECT bu FROM rt_native WHERE k = 2") == "18446744073709551615");
  CHECK(binary.scalar("SELECT y FROM rt_native WHERE k = 2") == "0000");
  CHECK(binary.scalar("SELECT t3 FROM rt_native WHERE k = 2") == "-838:59:59.999");
  CHECK(binary.scalar("SELECT dtm6 FROM rt_native WHERE k = 6") == "2024-02-29 12:00:00.500000");
  CHECK(binary.scalar("SELECT d FROM rt_native WHERE k = 6") == "1.2345678901234568e17");
  text.run("DROP TABLE rt_native");
}
