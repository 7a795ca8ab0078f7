// Server-side prepared statements (binary protocol): SQLPrepare prepares on the server,
// SQLExecute binds the parameters as MYSQL_BINDs and reads results through the binary
// protocol; the results are the same as on the text path (SERVER_PREPARE=0). Which path
// ran is read from the server's own counters (Com_stmt_prepare, Com_stmt_execute of the
// session, Prepared_stmt_count of the server), never assumed.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <cstring>
#include <map>
#include <thread>

#include "resilience_test.h"

using namespace resilience_test;

namespace {

// SHOW runs on the text path: reading a counter does not move the statement counters
// (a SELECT from information_schema would run on the binary protocol: DIRECT_BINARY).
std::string status(Stmt& st, const char* scope, const char* name) {
  REQUIRE(SQL_SUCCEEDED(st.exec(std::string("SHOW ") + scope + " STATUS LIKE '" + name + "'")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char value[64] = {0};
  SQLLEN ind = 0;
  REQUIRE(SQL_SUCCEEDED(SQLGetData(st.h, 2, SQL_C_CHAR, value, sizeof value, &ind)));
  SQLFreeStmt(st.h, SQL_CLOSE);
  return value;
}
long session_count(Dbc& dbc, const char* name) {
  Stmt st(dbc);
  return std::stol(status(st, "SESSION", name));
}
long prepared_on_server(Admin& admin) {
  Stmt st(admin.dbc);
  return std::stol(status(st, "GLOBAL", "PREPARED_STMT_COUNT"));
}

// COM_STMT_CLOSE has no reply: a round trip on the same connection after it proves the
// server has processed it (one connection's commands run in order).
void round_trip_on(Dbc& dbc) {
  Stmt st(dbc);
  CHECK(st.scalar("SELECT 1") == "1");
}
// A closed connection's statements go when the server has finished with its thread: wait
// for that (bounded) before counting.
long prepared_on_server_after_close(Admin& admin, long expected) {
  long now = prepared_on_server(admin);
  for (int i = 0; i < 250 && now != expected; ++i) {
    sleep_ms(20);
    now = prepared_on_server(admin);
  }
  return now;
}

void prepare(Stmt& st, const std::string& sql) {
  INFO(sql);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLPrepare(st.h, (SQLCHAR*)sql.c_str(), SQL_NTS));
}
void execute(Stmt& st) {
  const SQLRETURN rc = SQLExecute(st.h);
  INFO(describe(SQL_HANDLE_STMT, st.h));
  REQUIRE((SQL_SUCCEEDED(rc) || rc == SQL_NO_DATA));
}

// One parameter: the C and SQL types it is bound with and its bytes.
struct Param {
  SQLSMALLINT c_type;
  SQLSMALLINT sql_type;
  SQLULEN column_size;
  SQLSMALLINT digits;
  std::vector<unsigned char> bytes;
  SQLLEN indicator;  // SQL_NULL_DATA, SQL_NTS or a length
};

template <class T>
Param fixed(SQLSMALLINT c_type, SQLSMALLINT sql_type, T value, SQLULEN size = 0, SQLSMALLINT digits = 0) {
  Param p{c_type, sql_type, size, digits, std::vector<unsigned char>(sizeof(T)), 0};
  std::memcpy(p.bytes.data(), &value, sizeof(T));
  return p;
}
Param text(SQLSMALLINT sql_type, const std::string& s, bool nts = false) {
  Param p{SQL_C_CHAR, sql_type, s.size() ? s.size() : 1, 0, std::vector<unsigned char>(s.begin(), s.end()),
          nts ? SQL_NTS : static_cast<SQLLEN>(s.size())};
  p.bytes.push_back(0);
  return p;
}
Param wide(SQLSMALLINT sql_type, const std::u16string& s) {
  Param p{SQL_C_WCHAR, sql_type, s.size() ? s.size() : 1, 0, std::vector<unsigned char>((s.size() + 1) * 2), SQL_NTS};
  std::memcpy(p.bytes.data(), s.c_str(), (s.size() + 1) * 2);
  return p;
}
Param binary(SQLSMALLINT sql_type, const std::string& s) {
  Param p{SQL_C_BINARY, sql_type, s.size() ? s.size() : 1, 0, std::vector<unsigned char>(s.begin(), s.end()),
          static_cast<SQLLEN>(s.size())};
  if (p.bytes.empty()) p.bytes.push_back(0);
  return p;
}
Param null_of(Param p) {
  p.indicator = SQL_NULL_DATA;
  return p;
}

void bind_all(Stmt& st, std::vector<Param>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    Param& p = params[i];
    ODBC_OK(SQL_HANDLE_STMT, st.h,
            SQLBindParameter(st.h, static_cast<SQLUSMALLINT>(i + 1), SQL_PARAM_INPUT, p.c_type, p.sql_type,
                             p.column_size, p.digits, p.bytes.data(), static_cast<SQLLEN>(p.bytes.size()),
                             &p.indicator));
  }
}

// Every column of every row of `sql`, as text (SQLGetData SQL_C_CHAR), "<NULL>" for NULL.
std::vector<std::vector<std::string>> rows_as_text(Stmt& st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQL_SUCCEEDED(SQLNumResultCols(st.h, &columns)));
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    const SQLRETURN rc = SQLFetch(st.h);
    if (rc == SQL_NO_DATA) break;
    INFO(describe(SQL_HANDLE_STMT, st.h));
    REQUIRE(SQL_SUCCEEDED(rc));
    std::vector<std::string> row;
    for (SQLUSMALLINT c = 1; c <= columns; ++c) {
      std::string value;
      char buffer[1024];
      SQLLEN length = 0;
      SQLRETURN g;
      bool null = false;
      while ((g = SQLGetData(st.h, c, SQL_C_CHAR, buffer, sizeof buffer, &length)) != SQL_NO_DATA) {
        INFO(describe(SQL_HANDLE_STMT, st.h));
        REQUIRE(SQL_SUCCEEDED(g));
        if (length == SQL_NULL_DATA) {
          null = true;
          break;
        }
        value += buffer;
        if (g == SQL_SUCCESS) break;
      }
      row.push_back(null ? "<NULL>" : value);
    }
    rows.push_back(std::move(row));
  }
  SQLFreeStmt(st.h, SQL_CLOSE);
  return rows;
}

// Each result column's description: name, SQL type, size, digits, nullable, display size,
// octet length, unsigned.
std::vector<std::string> describe_columns(Stmt& st) {
  SQLSMALLINT columns = 0;
  REQUIRE(SQL_SUCCEEDED(SQLNumResultCols(st.h, &columns)));
  std::vector<std::string> out;
  for (SQLUSMALLINT c = 1; c <= columns; ++c) {
    SQLCHAR name[128];
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    REQUIRE(SQL_SUCCEEDED(SQLDescribeCol(st.h, c, name, sizeof name, &name_length, &type, &size, &digits, &nullable)));
    SQLLEN display = 0, octets = 0, is_unsigned = 0;
    REQUIRE(SQL_SUCCEEDED(SQLColAttribute(st.h, c, SQL_DESC_DISPLAY_SIZE, nullptr, 0, nullptr, &display)));
    REQUIRE(SQL_SUCCEEDED(SQLColAttribute(st.h, c, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr, &octets)));
    REQUIRE(SQL_SUCCEEDED(SQLColAttribute(st.h, c, SQL_DESC_UNSIGNED, nullptr, 0, nullptr, &is_unsigned)));
    out.push_back(std::string(reinterpret_cast<char*>(name)) + " " + std::to_string(type) + " " +
                  std::to_string(size) + " " + std::to_string(digits) + " " + std::to_string(nullable) + " " +
                  std::to_string(display) + " " + std::to_string(octets) + " " + std::to_string(is_unsigned));
  }
  return out;
}

// SQLExecute, then the first column of the only row as text.
std::string executed_scalar(Stmt& st) {
  execute(st);
  auto rows = rows_as_text(st);
  REQUIRE(rows.size() == 1);
  return rows.front().front();
}

// The columns of sp_types and the parameter types that go into them.
const char* kTypesTable =
    "CREATE TABLE sp_types (k INT PRIMARY KEY, c_slong INT, c_ulong INT UNSIGNED, c_sshort SMALLINT,"
    " c_ushort SMALLINT UNSIGNED, c_stiny TINYINT, c_utiny TINYINT UNSIGNED, c_sbig BIGINT, c_ubig BIGINT UNSIGNED,"
    " c_bit TINYINT, c_double DOUBLE, c_float DOUBLE, c_dec DECIMAL(30,6), c_intext INT, c_char VARCHAR(200),"
    " c_wchar VARCHAR(200) CHARACTER SET utf8mb4, c_binary VARBINARY(200), c_date DATE, c_time TIME,"
    " c_ts DATETIME(6), c_ts_date DATE, c_date_ts DATETIME, c_numeric DECIMAL(30,6), c_guid CHAR(36),"
    " c_default INT, c_char_date DATE, c_float_real FLOAT, c_big_dec DECIMAL(65,30))";
const char* kInsert =
    "INSERT INTO sp_types VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

std::vector<Param> values_for(int k, int variant) {
  const bool edge = variant == 1;
  SQL_DATE_STRUCT date{static_cast<SQLSMALLINT>(edge ? 9999 : 2024), static_cast<SQLUSMALLINT>(edge ? 12 : 2),
                       static_cast<SQLUSMALLINT>(edge ? 31 : 29)};
  SQL_TIME_STRUCT time{static_cast<SQLUSMALLINT>(edge ? 23 : 1), static_cast<SQLUSMALLINT>(edge ? 59 : 2),
                       static_cast<SQLUSMALLINT>(edge ? 59 : 3)};
  SQL_TIMESTAMP_STRUCT ts{2001, 9, 9, 1, 46, 40, static_cast<SQLUINTEGER>(edge ? 999999000 : 123456000)};
  SQL_TIMESTAMP_STRUCT ts_midnight{1999, 12, 31, 0, 0, 0, 0};
  SQL_NUMERIC_STRUCT numeric{};
  numeric.precision = 10;
  numeric.scale = 2;
  numeric.sign = edge ? 0 : 1;
  numeric.val[0] = 0x39;  // 12345 = 0x3039 -> 123.45
  numeric.val[1] = 0x30;
  SQLGUID guid{0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
  std::vector<Param> p;
  p.push_back(fixed<SQLINTEGER>(SQL_C_SLONG, SQL_INTEGER, k));
  p.push_back(fixed<SQLINTEGER>(SQL_C_SLONG, SQL_INTEGER, edge ? -2147483647 - 1 : -17));
  p.push_back(fixed<SQLUINTEGER>(SQL_C_ULONG, SQL_INTEGER, edge ? 4294967295u : 17u));
  p.push_back(fixed<SQLSMALLINT>(SQL_C_SSHORT, SQL_SMALLINT, edge ? -32768 : -5));
  p.push_back(fixed<SQLUSMALLINT>(SQL_C_USHORT, SQL_SMALLINT, edge ? 65535 : 5));
  p.push_back(fixed<SQLSCHAR>(SQL_C_STINYINT, SQL_TINYINT, edge ? -128 : -3));
  p.push_back(fixed<SQLCHAR>(SQL_C_UTINYINT, SQL_TINYINT, edge ? 255 : 3));
  p.push_back(fixed<SQLBIGINT>(SQL_C_SBIGINT, SQL_BIGINT, edge ? INT64_MIN : -1234567890123LL));
  p.push_back(fixed<SQLUBIGINT>(SQL_C_UBIGINT, SQL_BIGINT, edge ? UINT64_MAX : 1234567890123ULL));
  p.push_back(fixed<SQLCHAR>(SQL_C_BIT, SQL_TINYINT, edge ? 1 : 0));
  p.push_back(fixed<SQLDOUBLE>(SQL_C_DOUBLE, SQL_DOUBLE, edge ? 1.7976931348623157e308 : 0.1));
  p.push_back(fixed<SQLREAL>(SQL_C_FLOAT, SQL_DOUBLE, edge ? 3.4028235e38f : 1.1f));
  p.push_back(text(SQL_DECIMAL, edge ? "-999999999999999999999999.999999" : " 12.5 ", edge));
  p.push_back(text(SQL_INTEGER, edge ? "2.5" : "-42"));
  p.push_back(text(SQL_VARCHAR, edge ? std::string("quote ' back \\ nul-free \"dq\" \xc3\xa9") : "", edge));
  p.push_back(wide(SQL_WVARCHAR, edge ? u"\u00e9\u4e2d\U0001F600 end" : u"plain"));
  p.push_back(binary(SQL_VARBINARY, edge ? std::string("\x00\x01\xff'\\", 5) : "bin"));
  p.push_back(fixed(SQL_C_TYPE_DATE, SQL_TYPE_DATE, date));
  p.push_back(fixed(SQL_C_TYPE_TIME, SQL_TYPE_TIME, time));
  p.push_back(fixed(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, ts, 26, 6));
  p.push_back(fixed(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, ts_midnight));
  p.push_back(fixed(SQL_C_TYPE_DATE, SQL_TYPE_TIMESTAMP, date));
  p.push_back(fixed(SQL_C_NUMERIC, SQL_DECIMAL, numeric, 10, 2));
  p.push_back(fixed(SQL_C_GUID, SQL_GUID, guid));
  p.push_back(fixed<SQLINTEGER>(SQL_C_DEFAULT, SQL_INTEGER, 99));
  p.push_back(text(SQL_TYPE_DATE, "2020-02-02"));
  p.push_back(fixed<SQLREAL>(SQL_C_FLOAT, SQL_REAL, edge ? -0.0001f : 2.5f));
  p.push_back(text(SQL_DECIMAL, edge ? "-12345678901234567890123456789012345.123456789012345678901234567890"
                                     : "0.000000000000000000000000000001"));
  if (variant == 2)
    for (std::size_t i = 1; i < p.size(); ++i) p[i] = null_of(p[i]);
  return p;
}

struct RoundTrip {
  std::vector<std::vector<std::string>> rows;
  long stmt_prepares = 0;
  long stmt_executes = 0;
};

RoundTrip round_trip(const std::string& extra) {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string(extra));
  {
    Stmt setup(dbc);
    setup.run("DROP TABLE IF EXISTS sp_types");
    setup.run(kTypesTable);
  }
  const long prepares_before = session_count(dbc, "COM_STMT_PREPARE");
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  Stmt ins(dbc);
  prepare(ins, kInsert);
  for (int variant = 0; variant < 3; ++variant) {
    std::vector<Param> params = values_for(variant + 1, variant);
    bind_all(ins, params);
    execute(ins);
    SQLLEN count = 0;
    REQUIRE(SQL_SUCCEEDED(SQLRowCount(ins.h, &count)));
    CHECK(count == 1);
  }
  // A prepared SELECT reads each row back (one parameter: the key).
  Stmt sel(dbc);
  prepare(sel, "SELECT * FROM sp_types WHERE k = ?");
  RoundTrip out;
  for (SQLINTEGER k = 1; k <= 3; ++k) {
    SQLLEN ind = 0;
    ODBC_OK(SQL_HANDLE_STMT, sel.h,
            SQLBindParameter(sel.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &k, 0, &ind));
    execute(sel);
    auto rows = rows_as_text(sel);
    REQUIRE(rows.size() == 1);
    out.rows.push_back(rows.front());
  }
  out.stmt_prepares = session_count(dbc, "COM_STMT_PREPARE") - prepares_before;
  out.stmt_executes = session_count(dbc, "COM_STMT_EXECUTE") - executes_before;
  return out;
}

}  // namespace

TEST_CASE("every parameter C type round-trips through a prepared INSERT and SELECT as on the text path",
          "[integration][server_prepare]") {
  const RoundTrip text_path = round_trip("SERVER_PREPARE=0");
  const RoundTrip binary_path = round_trip("");
  CHECK(text_path.stmt_prepares == 0);
  CHECK(text_path.stmt_executes == 0);
  CHECK(binary_path.stmt_prepares == 2);
  // The rows with NUMERIC, GUID and SQL_C_DEFAULT parameters run as text; the SELECTs
  // (one SLONG key) run on the server.
  CHECK(binary_path.stmt_executes >= 3);
  REQUIRE(text_path.rows.size() == binary_path.rows.size());
  for (std::size_t r = 0; r < text_path.rows.size(); ++r) {
    REQUIRE(text_path.rows[r].size() == binary_path.rows[r].size());
    for (std::size_t c = 0; c < text_path.rows[r].size(); ++c) {
      INFO("row " << r + 1 << " column " << c + 1);
      CHECK(binary_path.rows[r][c] == text_path.rows[r][c]);
    }
  }
  // And the text path's values are the ones sent (spot checks of each kind).
  const auto& first = text_path.rows[0];
  CHECK(first[1] == "-17");
  CHECK(first[10] == "0.1");
  CHECK(first[11] == "1.1");
  CHECK(first[12] == "12.500000");
  CHECK(first[15] == "plain");
  CHECK(first[19] == "2001-09-09 01:46:40.123456");
  CHECK(first[22] == "123.450000");
  const auto& edge = text_path.rows[1];
  CHECK(edge[8] == "18446744073709551615");
  CHECK(edge[13] == "3");  // '2.5' into INT: a DECIMAL literal, rounded
  CHECK(edge[15] == "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80 end");
  for (std::size_t c = 1; c < text_path.rows[2].size(); ++c) CHECK(text_path.rows[2][c] == "<NULL>");
}

TEST_CASE("a prepared statement reads its rows in the columns' C types", "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS sp_typed");
  st.run("CREATE TABLE sp_typed (i INT, b BIGINT, d DOUBLE, s VARCHAR(32), t DATETIME(3), m DECIMAL(12,2), "
         "y YEAR, bits BIT(12), z INT(5) ZEROFILL, bl LONGBLOB)");
  st.run("INSERT INTO sp_typed VALUES (-7, 9007199254740993, 2.5e-3, 'abc', '2020-01-02 03:04:05.678', 1234.5, "
         "2021, b'101010101010', 42, REPEAT('x', 70000))");
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  prepare(st, "SELECT i, b, d, s, t, m, y, bits, z, LENGTH(bl), bl FROM sp_typed WHERE i = ?");
  SQLINTEGER key = -7;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key, 0,
                                                  nullptr));
  SQLINTEGER i = 0;
  SQLBIGINT b = 0;
  SQLDOUBLE d = 0;
  char s[33] = {0};
  SQL_TIMESTAMP_STRUCT t{};
  char m[16] = {0};
  SQLSMALLINT y = 0;
  unsigned char bits[2] = {0};
  char z[8] = {0};
  SQLINTEGER length = 0;
  SQLLEN ind[10] = {0};
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 1, SQL_C_SLONG, &i, 0, &ind[0]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 2, SQL_C_SBIGINT, &b, 0, &ind[1]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 3, SQL_C_DOUBLE, &d, 0, &ind[2]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 4, SQL_C_CHAR, s, sizeof s, &ind[3]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 5, SQL_C_TYPE_TIMESTAMP, &t, 0, &ind[4]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 6, SQL_C_CHAR, m, sizeof m, &ind[5]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 7, SQL_C_SSHORT, &y, 0, &ind[6]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 8, SQL_C_BINARY, bits, sizeof bits, &ind[7]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 9, SQL_C_CHAR, z, sizeof z, &ind[8]));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindCol(st.h, 10, SQL_C_SLONG, &length, 0, &ind[9]));
  for (int round = 0; round < 2; ++round) {
    execute(st);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFetch(st.h));
    CHECK(i == -7);
    CHECK(b == 9007199254740993LL);
    CHECK(d == 2.5e-3);
    CHECK(std::string(s) == "abc");
    CHECK(t.year == 2020);
    CHECK(t.second == 5);
    CHECK(t.fraction == 678000000u);
    CHECK(std::string(m) == "1234.50");
    CHECK(y == 2021);
    CHECK(ind[7] == 2);
    CHECK(bits[0] == 0x0a);
    CHECK(bits[1] == 0xaa);
    CHECK(std::string(z) == "00042");
    CHECK(length == 70000);
    // The long value, read in pieces.
    std::string blob;
    char piece[5000];
    SQLLEN got = 0;
    SQLRETURN rc;
    while ((rc = SQLGetData(st.h, 11, SQL_C_BINARY, piece, sizeof piece, &got)) != SQL_NO_DATA) {
      REQUIRE(SQL_SUCCEEDED(rc));
      blob.append(piece, rc == SQL_SUCCESS ? static_cast<std::size_t>(got) : sizeof piece);
    }
    CHECK(blob == std::string(70000, 'x'));
    CHECK(SQLFetch(st.h) == SQL_NO_DATA);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFreeStmt(st.h, SQL_CLOSE));
  }
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") - executes_before == 2);
}

TEST_CASE("long strings and binary values through a prepared statement", "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS sp_long");
  st.run("CREATE TABLE sp_long (k INT PRIMARY KEY, t LONGTEXT, b LONGBLOB)");
  std::string long_text;
  for (int n = 0; n < 300000; ++n) long_text += static_cast<char>('a' + n % 26);
  long_text += "'\\\"";
  std::string long_bytes;
  for (int n = 0; n < 200000; ++n) long_bytes += static_cast<char>(n % 256);
  prepare(st, "INSERT INTO sp_long VALUES (?, ?, ?)");
  std::vector<Param> params{fixed<SQLINTEGER>(SQL_C_SLONG, SQL_INTEGER, 1), text(SQL_LONGVARCHAR, long_text),
                            binary(SQL_LONGVARBINARY, long_bytes)};
  bind_all(st, params);
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  execute(st);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") - executes_before == 1);
  Stmt sel(dbc);
  prepare(sel, "SELECT t, b, LENGTH(t), LENGTH(b) FROM sp_long WHERE k = ?");
  SQLINTEGER k = 1;
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindParameter(sel.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &k, 0,
                                                   nullptr));
  execute(sel);
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLFetch(sel.h));
  std::vector<char> buffer(long_text.size() + 1);
  SQLLEN got = 0;
  ODBC_OK(SQL_HANDLE_STMT, sel.h,
          SQLGetData(sel.h, 1, SQL_C_CHAR, buffer.data(), static_cast<SQLLEN>(buffer.size()), &got));
  CHECK(got == static_cast<SQLLEN>(long_text.size()));
  CHECK(std::string(buffer.data(), static_cast<std::size_t>(got)) == long_text);
  std::vector<char> bytes(long_bytes.size());
  ODBC_OK(SQL_HANDLE_STMT, sel.h,
          SQLGetData(sel.h, 2, SQL_C_BINARY, bytes.data(), static_cast<SQLLEN>(bytes.size()), &got));
  CHECK(got == static_cast<SQLLEN>(long_bytes.size()));
  CHECK(std::string(bytes.data(), bytes.size()) == long_bytes);
}

TEST_CASE("one prepared statement executed 100 times is prepared once", "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS sp_many");
  st.run("CREATE TABLE sp_many (id INT PRIMARY KEY, v VARCHAR(20), x DOUBLE)");
  const long prepares_before = session_count(dbc, "COM_STMT_PREPARE");
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  Stmt ins(dbc);
  prepare(ins, "INSERT INTO sp_many (id, v, x) VALUES (?, ?, ?)");
  SQLINTEGER id = 0;
  char v[21] = {0};
  SQLDOUBLE x = 0;
  SQLLEN v_ind = SQL_NTS, x_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, ins.h, SQLBindParameter(ins.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0,
                                                   nullptr));
  ODBC_OK(SQL_HANDLE_STMT, ins.h, SQLBindParameter(ins.h, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 20, 0, v,
                                                   sizeof v, &v_ind));
  ODBC_OK(SQL_HANDLE_STMT, ins.h, SQLBindParameter(ins.h, 3, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &x, 0,
                                                   &x_ind));
  for (id = 1; id <= 100; ++id) {
    std::snprintf(v, sizeof v, "row %d", static_cast<int>(id));
    x = id * 0.5;
    x_ind = id % 10 == 0 ? SQL_NULL_DATA : 0;  // NULL in some executions, a value in the next
    execute(ins);
  }
  Stmt sel(dbc);
  prepare(sel, "SELECT v, x FROM sp_many WHERE id = ?");
  SQLINTEGER key = 0;
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindParameter(sel.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &key, 0,
                                                   nullptr));
  char got_v[21];
  SQLDOUBLE got_x = 0;
  SQLLEN got_v_ind = 0, got_x_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindCol(sel.h, 1, SQL_C_CHAR, got_v, sizeof got_v, &got_v_ind));
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindCol(sel.h, 2, SQL_C_DOUBLE, &got_x, 0, &got_x_ind));
  int wrong = 0;
  for (key = 1; key <= 100; ++key) {
    execute(sel);
    if (SQLFetch(sel.h) != SQL_SUCCESS) ++wrong;
    if (std::string(got_v) != "row " + std::to_string(key)) ++wrong;
    if (key % 10 == 0 ? got_x_ind != SQL_NULL_DATA : got_x != key * 0.5) ++wrong;
    if (SQLFetch(sel.h) != SQL_NO_DATA) ++wrong;
    SQLFreeStmt(sel.h, SQL_CLOSE);
  }
  CHECK(wrong == 0);
  CHECK(session_count(dbc, "COM_STMT_PREPARE") - prepares_before == 2);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") - executes_before == 200);
  CHECK(st.scalar("SELECT COUNT(*) FROM sp_many") == "100");
}

TEST_CASE("a prepared statement survives a KILL between executions: re-prepared on the new session",
          "[integration][server_prepare][resilience]") {
  Admin admin;
  prepared_on_server_after_close(admin, 0);  // earlier tests' connections are gone
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS sp_kill");
  st.run("CREATE TABLE sp_kill (id INT PRIMARY KEY, v INT)");
  Stmt ins(dbc);
  prepare(ins, "INSERT INTO sp_kill VALUES (?, ?)");
  SQLINTEGER id = 1, v = 10;
  ODBC_OK(SQL_HANDLE_STMT, ins.h, SQLBindParameter(ins.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0,
                                                   nullptr));
  ODBC_OK(SQL_HANDLE_STMT, ins.h, SQLBindParameter(ins.h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                   nullptr));
  Stmt sel(dbc);
  prepare(sel, "SELECT v, CONNECTION_ID() FROM sp_kill WHERE id = ?");
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindParameter(sel.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0,
                                                   nullptr));
  execute(ins);
  execute(sel);
  auto rows = rows_as_text(sel);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == "10");
  const std::string victim = rows[0][1];
  CHECK(replayable(dbc) == SQL_TRUE);  // statements prepared by the driver are rebuilt by it
  const long server_statements = prepared_on_server(admin);
  admin.kill(victim);
  // Both statements run again on a new session: re-prepared there, parameters kept.
  id = 2;
  v = 20;
  execute(ins);
  CHECK(reconnects(dbc) == 1);
  execute(sel);
  rows = rows_as_text(sel);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == "20");
  CHECK(rows[0][1] != victim);
  CHECK(session_count(dbc, "COM_STMT_PREPARE") == 2);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 2);
  // The killed session's statements went with it; the new ones replace them.
  CHECK(prepared_on_server_after_close(admin, server_statements) == server_statements);
  CHECK(st.scalar("SELECT COUNT(*) FROM sp_kill") == "2");
}

TEST_CASE("a KILL while a prepared INSERT runs: 08S01 then 40003, never sent again",
          "[integration][server_prepare][resilience]") {
  Admin admin;
  admin.run("CREATE TABLE IF NOT EXISTS sp_once (id INT, slept INT)");
  admin.run("DELETE FROM sp_once");
  Env env;
  Dbc dbc(env);
  dbc.connect(resilient_connection_string());
  Stmt st(dbc);
  const std::string victim = st.scalar("SELECT CONNECTION_ID()");
  prepare(st, "INSERT INTO sp_once SELECT ?, SLEEP(?)");
  SQLINTEGER id = 1, seconds = 5;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &id, 0,
                                                  nullptr));
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &seconds,
                                                  0, nullptr));
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  REQUIRE(executes_before == 0);
  std::atomic<SQLRETURN> kill_rc{SQL_ERROR};
  std::thread killer([&] {
    // Waits until the statement sleeps on the server, then kills its connection.
    SQLHSTMT h = SQL_NULL_HSTMT;
    if (SQLAllocHandle(SQL_HANDLE_STMT, admin.dbc.h, &h) != SQL_SUCCESS) return;
    const std::string probe =
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + victim + " AND INFO LIKE 'INSERT%'";
    for (int tries = 0; tries < 200; ++tries) {
      SQLINTEGER running = 0;
      SQLLEN ind = 0;
      if (SQL_SUCCEEDED(SQLExecDirect(h, (SQLCHAR*)probe.c_str(), SQL_NTS)) && SQLFetch(h) == SQL_SUCCESS)
        SQLGetData(h, 1, SQL_C_SLONG, &running, 0, &ind);
      SQLFreeStmt(h, SQL_CLOSE);
      if (running > 0) break;
      sleep_ms(20);
    }
    const std::string kill = "KILL CONNECTION " + victim;
    kill_rc = SQLExecDirect(h, (SQLCHAR*)kill.c_str(), SQL_NTS);
    SQLFreeHandle(SQL_HANDLE_STMT, h);
  });
  const SQLRETURN rc = SQLExecute(st.h);
  const auto records = diagnostics(SQL_HANDLE_STMT, st.h);
  killer.join();
  REQUIRE(SQL_SUCCEEDED(kill_rc.load()));
  CHECK(rc == SQL_ERROR);
  check_link_failure(records);
  INFO(describe_records(records));
  REQUIRE(records.size() >= 2);
  CHECK(records[1].sqlstate == "40003");
  CHECK(reconnects(dbc) == 0);
  CHECK(std::stoi(admin.scalar("SELECT COUNT(*) FROM sp_once")) <= 1);
  // The handle stays usable: the next execution reconnects and re-prepares.
  seconds = 0;
  id = 2;
  execute(st);
  CHECK(reconnects(dbc) == 1);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 1);
  CHECK(admin.scalar("SELECT COUNT(*) FROM sp_once WHERE id = 2") == "1");
  CHECK(std::stoi(admin.scalar("SELECT COUNT(*) FROM sp_once WHERE id = 1")) <= 1);
}

TEST_CASE("server statements are closed on free, re-prepare and SQLExecDirect: none is leaked",
          "[integration][server_prepare]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect();
  // Connections of earlier tests may still be closing on the server: let their statements go.
  const long before = prepared_on_server_after_close(admin, 0);
  {
    std::vector<std::unique_ptr<Stmt>> open;
    for (int n = 0; n < 20; ++n) {
      open.push_back(std::make_unique<Stmt>(dbc));
      prepare(*open.back(), "SELECT ? + " + std::to_string(n));
    }
    CHECK(prepared_on_server(admin) == before + 20);
    // Preparing again on the same handle replaces its server statement.
    for (int n = 0; n < 10; ++n) prepare(*open.front(), "SELECT ? * " + std::to_string(n));
    round_trip_on(dbc);
    CHECK(prepared_on_server(admin) == before + 20);
    // SQLExecDirect on a prepared handle closes its server statement.
    open.back()->run("SELECT 1");
    round_trip_on(dbc);
    CHECK(prepared_on_server(admin) == before + 19);
    // SQLFreeStmt(SQL_CLOSE) keeps the statement prepared; SQL_DROP (SQLFreeHandle) closes it.
    REQUIRE(SQLFreeStmt(open.front()->h, SQL_CLOSE) == SQL_SUCCESS);
    round_trip_on(dbc);
    CHECK(prepared_on_server(admin) == before + 19);
  }
  round_trip_on(dbc);
  CHECK(prepared_on_server(admin) == before);
  // Statements still allocated at SQLDisconnect are closed with the connection. The
  // driver manager frees their handles at SQLDisconnect: they are not freed again here.
  SQLHSTMT a = SQL_NULL_HSTMT, b = SQL_NULL_HSTMT;
  REQUIRE(SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &a) == SQL_SUCCESS);
  REQUIRE(SQLAllocHandle(SQL_HANDLE_STMT, dbc.h, &b) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, a, SQLPrepare(a, (SQLCHAR*)"SELECT ?", SQL_NTS));
  ODBC_OK(SQL_HANDLE_STMT, b, SQLPrepare(b, (SQLCHAR*)"SELECT ?, ?", SQL_NTS));
  CHECK(prepared_on_server(admin) == before + 2);
  dbc.disconnect();
  CHECK(prepared_on_server_after_close(admin, before) == before);
}

TEST_CASE("statements the server does not prepare run on the text path", "[integration][server_prepare]") {
  Admin admin;
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("MULTI_STATEMENTS=1"));
  Stmt st(dbc);
  const long prepares_before = session_count(dbc, "COM_STMT_PREPARE");
  SECTION("several statements in one text") {
    prepare(st, "SELECT ?; SELECT ? + 1");
    SQLINTEGER v = 4;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    nullptr));
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    nullptr));
    execute(st);
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFetch(st.h));
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLMoreResults(st.h));
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLFetch(st.h));
    SQLINTEGER got = 0;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetData(st.h, 1, SQL_C_SLONG, &got, 0, nullptr));
    CHECK(got == 5);
    SQLFreeStmt(st.h, SQL_CLOSE);
    CHECK(session_count(dbc, "COM_STMT_PREPARE") == prepares_before);
  }
  SECTION("a statement the server refuses to prepare") {
    // Not valid SQL: the server refuses it at prepare; the error comes at execute, from
    // the text path, as it always did.
    prepare(st, "SELEC ?");
    SQLINTEGER v = 1;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    nullptr));
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "42000");
  }
  SECTION("max_prepared_stmt_count reached (1461)") {
    const std::string limit = admin.scalar("SELECT @@GLOBAL.max_prepared_stmt_count");
    admin.run("SET GLOBAL max_prepared_stmt_count = 0");
    prepare(st, "SELECT ? * 2");
    admin.run("SET GLOBAL max_prepared_stmt_count = " + limit);
    SQLINTEGER v = 21;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    nullptr));
    CHECK(executed_scalar(st) == "42");
    CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 0);
  }
  SECTION("CALL keeps the text path") {
    st.run("DROP PROCEDURE IF EXISTS sp_echo");
    st.run("CREATE PROCEDURE sp_echo(IN x INT) SELECT x + 1");
    prepare(st, "{call sp_echo(?)}");
    SQLINTEGER v = 6;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    nullptr));
    CHECK(executed_scalar(st) == "7");
    CHECK(session_count(dbc, "COM_STMT_PREPARE") == prepares_before);
  }
}

TEST_CASE("SERVER_PREPARE=0 keeps every statement on the text path", "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect(connection_string("SERVER_PREPARE=0"));
  Stmt st(dbc);
  prepare(st, "SELECT ? + 1");
  SQLINTEGER v = 1;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                  nullptr));
  CHECK(executed_scalar(st) == "2");
  CHECK(session_count(dbc, "COM_STMT_PREPARE") == 0);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 0);
}

TEST_CASE("values the binary protocol cannot carry as the text path does fall back per execution",
          "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  prepare(st, "SELECT ?");
  SQLLEN ind = 0;
  SECTION("a bad number is 22018, as on the text path") {
    char bad[] = "12abc";
    ind = SQL_NTS;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_INTEGER, 10, 0, bad,
                                                    sizeof bad, &ind));
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22018");
  }
  SECTION("NaN is 22003") {
    double nan = std::nan("");
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &nan, 0,
                                                    &ind));
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22003");
  }
  SECTION("an invalid date is 22007") {
    SQL_DATE_STRUCT d{2023, 2, 30};
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_TYPE_DATE, SQL_TYPE_DATE, 0, 0, &d,
                                                    0, &ind));
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22007");
  }
  SECTION("a fraction finer than the parameter's digits is 22008") {
    SQL_TIMESTAMP_STRUCT ts{2020, 1, 1, 0, 0, 0, 500000000};
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP,
                                                    SQL_TYPE_TIMESTAMP, 19, 0, &ts, 0, &ind));
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "22008");
  }
  SECTION("a server error of a prepared execution keeps its SQLSTATE, and the statement stays usable") {
    st.run("DROP TABLE IF EXISTS sp_dup");
    st.run("CREATE TABLE sp_dup (id INT PRIMARY KEY)");
    prepare(st, "INSERT INTO sp_dup VALUES (?)");
    SQLINTEGER v = 1;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    &ind));
    execute(st);
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    const auto records = diagnostics(SQL_HANDLE_STMT, st.h);
    REQUIRE(!records.empty());
    CHECK(records.front().sqlstate == "23000");
    CHECK(records.front().native == 1062);
    v = 2;
    execute(st);
    CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 3);
    CHECK(st.scalar("SELECT COUNT(*) FROM sp_dup") == "2");
  }
  SECTION("DEFAULT and NUMERIC values run as text, the next execution on the server again") {
    SQL_NUMERIC_STRUCT n{};
    n.precision = 5;
    n.scale = 1;
    n.sign = 1;
    n.val[0] = 125;  // 12.5
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_NUMERIC, SQL_DECIMAL, 5, 1, &n, 0,
                                                    &ind));
    CHECK(executed_scalar(st) == "12.5");
    CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 0);
    SQLINTEGER v = 3;
    ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                                    &ind));
    CHECK(executed_scalar(st) == "3");
    CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 1);
  }
}

TEST_CASE("a prepared statement past SQL_ATTR_QUERY_TIMEOUT is HYT00, SQLCancel is HY008",
          "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  prepare(st, "SELECT SLEEP(?)");
  SQLINTEGER seconds = 6;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &seconds,
                                                  0, nullptr));
  SECTION("timeout") {
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(1), 0) == SQL_SUCCESS);
    const auto start = std::chrono::steady_clock::now();
    CHECK(SQLExecute(st.h) == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HYT00");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_QUERY_TIMEOUT, reinterpret_cast<SQLPOINTER>(0), 0) == SQL_SUCCESS);
  }
  SECTION("cancel") {
    std::thread canceller([&] {
      sleep_ms(700);
      SQLCancel(st.h);
    });
    const auto start = std::chrono::steady_clock::now();
    // The rows stream: the row being computed is cancelled at execute or at the fetch.
    SQLRETURN rc = SQLExecute(st.h);
    if (SQL_SUCCEEDED(rc)) rc = SQLFetch(st.h);
    canceller.join();
    CHECK(rc == SQL_ERROR);
    CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY008");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    SQLFreeStmt(st.h, SQL_CLOSE);
  }
  // The same prepared statement runs again on the server.
  seconds = 0;
  CHECK(executed_scalar(st) == "0");
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") == 2);
}

TEST_CASE("values of every column type read through a prepared statement as through the text protocol",
          "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("SET SESSION sql_mode = ''");  // zero dates allowed
  st.run("DROP TABLE IF EXISTS sp_values");
  st.run("CREATE TABLE sp_values (id INT PRIMARY KEY, f FLOAT, f2 FLOAT(7,3), d DOUBLE, d2 DOUBLE(10,4), "
         "m DECIMAL(65,30), t TIME, t1 TIME(1), dt DATETIME(6), da DATE, ts TIMESTAMP(3) NULL, y YEAR, "
         "b1 BIT(1), b64 BIT(64), z TINYINT(3) UNSIGNED ZEROFILL, e ENUM('x','y'), s SET('p','q'), "
         "j LONGTEXT, bi BIGINT UNSIGNED, mi MEDIUMINT, bin BINARY(3), vb VARBINARY(10))");
  st.run("INSERT INTO sp_values VALUES "
         "(1, 0.1, 1.5, 0.1 + 0.2, 3.14159, 1.000000000000000000000000000001, '-838:59:59', '100:00:00.5', "
         " '2024-02-29 23:59:59.999999', '1000-01-01', '2038-01-19 03:14:07.123', 1901, b'1', "
         " b'1111111111111111111111111111111111111111111111111111111111111111', 7, 'y', 'p,q', JSON_OBJECT('a', 1), "
         " 18446744073709551615, -8388608, 'ab', 'x\\0y'),"
         "(2, 3.4e38, -9999.999, 1e300, -0.0001, -99999999999999999999999999999999999.999999999999999999999999999999,"
         " '00:00:00', '-00:00:00.1', '0000-00-00 00:00:00', '0000-00-00', NULL, 2155, b'0', b'0', 0, '', '', '',"
         " 0, 8388607, '', ''),"
         "(3, 1e-10, 0, -1.7976931348623157e308, 0, 0, '12:34:56', '838:59:59.0', '1970-01-01 00:00:00', "
         " '9999-12-31', '1970-01-02 00:00:00', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT * FROM sp_values ORDER BY id")));
  const auto text_columns = describe_columns(st);
  const auto text_rows = rows_as_text(st);
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  prepare(st, "SELECT * FROM sp_values WHERE ? = 1 ORDER BY id");
  SQLINTEGER one = 1;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &one, 0,
                                                  nullptr));
  execute(st);
  const auto binary_columns = describe_columns(st);
  const auto binary_rows = rows_as_text(st);
  CHECK(binary_columns == text_columns);
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") - executes_before == 1);
  REQUIRE(text_rows.size() == 3);
  REQUIRE(binary_rows.size() == text_rows.size());
  for (std::size_t r = 0; r < text_rows.size(); ++r)
    for (std::size_t c = 0; c < text_rows[r].size(); ++c) {
      INFO("row " << r + 1 << " column " << c + 1);
      CHECK(binary_rows[r][c] == text_rows[r][c]);
    }
  CHECK(binary_rows[0].size() == 22);
}

namespace {

struct Described {
  std::string name;
  SQLSMALLINT type = 0;
  SQLULEN size = 0;
  SQLSMALLINT digits = 0;
};
Described describe_column_1(Stmt& st) {
  SQLCHAR name[64] = {0};
  Described d;
  SQLSMALLINT name_length = 0, nullable = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h,
          SQLDescribeCol(st.h, 1, name, sizeof name, &name_length, &d.type, &d.size, &d.digits, &nullable));
  d.name = reinterpret_cast<const char*>(name);
  return d;
}
// Executes `st`, fetches its one row (column 1 bound as SQL_C_SLONG into `bound`) and
// returns column 1 read again as text.
std::string execute_one_row(Stmt& st, SQLINTEGER& bound, SQLRETURN& fetched) {
  execute(st);
  fetched = SQLFetch(st.h);
  char text[32] = {0};
  SQLLEN ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetData(st.h, 1, SQL_C_CHAR, text, sizeof text, &ind));
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);
  SQLFreeStmt(st.h, SQL_CLOSE);
  (void)bound;
  return text;
}

}  // namespace

TEST_CASE("a prepared statement's result is described anew when ALTER TABLE changes its column between executions",
          "[integration][server_prepare]") {
  Env env;
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  st.run("DROP TABLE IF EXISTS sp_shape");
  st.run("CREATE TABLE sp_shape (c INT, id INT PRIMARY KEY)");
  st.run("INSERT INTO sp_shape VALUES (42, 1)");
  const long executes_before = session_count(dbc, "COM_STMT_EXECUTE");
  Stmt sel(dbc);
  prepare(sel, "SELECT * FROM sp_shape WHERE id = 1");
  SQLINTEGER bound = 0;
  SQLLEN bound_ind = 0;
  ODBC_OK(SQL_HANDLE_STMT, sel.h, SQLBindCol(sel.h, 1, SQL_C_SLONG, &bound, 0, &bound_ind));
  SQLRETURN fetched = 0;
  // Twice with the same shape: the second execution reuses the first one's description.
  for (int i = 0; i < 2; ++i) {
    INFO("execution " << i + 1);
    CHECK(execute_one_row(sel, bound, fetched) == "42");
    CHECK(fetched == SQL_SUCCESS);
    CHECK(bound == 42);
  }
  execute(sel);
  const Described before = describe_column_1(sel);
  SQLFreeStmt(sel.h, SQL_CLOSE);
  CHECK(before.name == "c");
  CHECK(before.type == SQL_INTEGER);

  st.run("ALTER TABLE sp_shape MODIFY c DECIMAL(6,2)");
  st.run("UPDATE sp_shape SET c = 2.75 WHERE id = 1");
  // The new column: its type and digits, and the value converted as a DECIMAL (the
  // SLONG binding truncates the fraction with 01S07; an integer conversion kept from the
  // INT column would not read "2.75").
  CHECK(execute_one_row(sel, bound, fetched) == "2.75");
  CHECK(fetched == SQL_SUCCESS_WITH_INFO);
  CHECK(bound == 2);
  execute(sel);
  const Described after = describe_column_1(sel);
  SQLFreeStmt(sel.h, SQL_CLOSE);
  CHECK(after.name == "c");
  CHECK(after.type == SQL_DECIMAL);
  CHECK(after.size == 6);
  CHECK(after.digits == 2);
  // All on the server's prepared statement (no fall back to the text path).
  CHECK(session_count(dbc, "COM_STMT_EXECUTE") - executes_before >= 5);
  st.run("DROP TABLE sp_shape");
}
