// Diagnostics through the driver manager against the server: SQLGetDiagRec and
// SQLGetDiagField (A and W), the header fields, clearing, and ODBC 2's SQLError.
#include <cstring>

#include "driver_lib.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

const char* const kMissing = "SELECT * FROM h2_no_such_table";

std::string diag_text_field(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                            SQLSMALLINT* length = nullptr) {
  SQLCHAR buffer[1024] = {0};
  SQLSMALLINT n = -1;
  SQLRETURN rc = SQLGetDiagField(type, handle, record, field, buffer, sizeof buffer, &n);
  INFO("field " << field);
  REQUIRE(rc == SQL_SUCCESS);
  if (length) *length = n;
  return reinterpret_cast<char*>(buffer);
}

}  // namespace

TEST_CASE("a server error: 42S02, native 1146, the server's text behind the prefixes", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  const std::string version = st.scalar("SELECT VERSION()");
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR message[1024] = {0};
  SQLSMALLINT length = 0;
  REQUIRE(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, state, &native, message, sizeof message, &length) == SQL_SUCCESS);
  const std::string text(reinterpret_cast<char*>(message));
  INFO(text);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "42S02");
  CHECK(native == 1146);
  CHECK(length == static_cast<SQLSMALLINT>(text.size()));
  CHECK(text.rfind("[Holdfast][", 0) == 0);
  const std::string tail = "[" + version + "] Table '" + env_or("TEST_SCHEMA", "holdfast_test") +
                           ".h2_no_such_table' doesn't exist";
  CHECK(text.size() >= tail.size());
  CHECK(text.compare(text.size() - tail.size(), tail.size(), tail) == 0);
  // One record only.
  CHECK(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 2, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  // The error belongs to the statement, not to its connection.
  CHECK(diagnostics(SQL_HANDLE_DBC, f.dbc.h).empty());
}

TEST_CASE("a driver error has no server part in its message", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  const std::string version = st.scalar("SELECT VERSION()");
  REQUIRE(st.exec("SELECT 1") == SQL_SUCCESS);
  REQUIRE(st.exec("SELECT 2") == SQL_ERROR);  // cursor still open
  auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(d.size() == 1);
  CHECK(d[0].sqlstate == "24000");
  CHECK(d[0].native == 0);
  CHECK(d[0].message.rfind("[Holdfast][", 0) == 0);
  CHECK(d[0].message.find(version) == std::string::npos);
}

TEST_CASE("SQLGetDiagField: header and record fields of a server error", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  const auto rec = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(rec.size() == 1);

  SQLINTEGER number = -1;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 1);
  SQLRETURN returncode = 99;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_ERROR);

  SQLSMALLINT length = 0;
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SQLSTATE, &length) == "42S02");
  CHECK(length == 5);
  SQLINTEGER native = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_NATIVE, &native, 0, nullptr) == SQL_SUCCESS);
  CHECK(native == 1146);
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_MESSAGE_TEXT, &length) == rec[0].message);
  CHECK(length == static_cast<SQLSMALLINT>(rec[0].message.size()));
  // Class 42 is ISO 9075's; subclass S02 is ODBC's.
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_CLASS_ORIGIN, &length) == "ISO 9075");
  CHECK(length == 8);
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SUBCLASS_ORIGIN) == "ODBC 3.0");
  // Past the last record.
  SQLCHAR buffer[64];
  CHECK(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 2, SQL_DIAG_SQLSTATE, buffer, sizeof buffer, &length) ==
        SQL_NO_DATA);
}

TEST_CASE("SQLGetDiagField: origins of ISO and ODBC SQLSTATEs", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  // 22003 (numeric value out of range): class and subclass from ISO 9075.
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 300")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  signed char tiny = 0;
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_STINYINT, &tiny, 0, &ind) == SQL_ERROR);
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SQLSTATE) == "22003");
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_CLASS_ORIGIN) == "ISO 9075");
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SUBCLASS_ORIGIN) == "ISO 9075");
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  // HY004 (invalid SQL data type): class HY is ODBC's.
  REQUIRE(SQLGetTypeInfo(st.h, 12345) == SQL_ERROR);
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SQLSTATE) == "HY004");
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_CLASS_ORIGIN) == "ODBC 3.0");
  CHECK(diag_text_field(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SUBCLASS_ORIGIN) == "ODBC 3.0");
}

TEST_CASE("SQL_DIAG_ROW_COUNT after INSERT, UPDATE and DELETE", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS h2_diag_rows");
  st.run("CREATE TABLE h2_diag_rows (id INT)");
  SQLLEN rows = -1;
  REQUIRE(st.exec("INSERT INTO h2_diag_rows VALUES (1),(2),(3)") == SQL_SUCCESS);
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr) == SQL_SUCCESS);
  CHECK(rows == 3);
  REQUIRE(st.exec("UPDATE h2_diag_rows SET id = id * 10 WHERE id >= 2") == SQL_SUCCESS);
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr) == SQL_SUCCESS);
  CHECK(rows == 2);
  REQUIRE(st.exec("DELETE FROM h2_diag_rows") == SQL_SUCCESS);
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr) == SQL_SUCCESS);
  CHECK(rows == 3);
  // Not a statement field on a connection.
  CHECK(SQLGetDiagField(SQL_HANDLE_DBC, f.dbc.h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr) == SQL_ERROR);
  st.run("DROP TABLE h2_diag_rows");
}

TEST_CASE("SQL_DIAG_RETURNCODE and SQL_DIAG_NUMBER after a warning", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 'hello world', 'another long value'")));
  char a[4], b[4];
  SQLLEN ia = 0, ib = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_CHAR, a, sizeof a, &ia) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, b, sizeof b, &ib) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS_WITH_INFO);
  SQLRETURN returncode = 99;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_SUCCESS_WITH_INFO);
  SQLINTEGER number = 0;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 2);  // one 01004 per truncated column
  auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(d.size() == 2);
  CHECK(d[0].sqlstate == "01004");
  CHECK(d[1].sqlstate == "01004");
  CHECK(d[0].message.find("column 1") != std::string::npos);
  CHECK(d[1].message.find("column 2") != std::string::npos);
}

TEST_CASE("SQLGetDiagRecW through the driver manager: the same text in UTF-16", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  const auto narrow = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(narrow.size() == 1);
  const std::u16string expected = utf16_of(narrow[0].message);

  SQLWCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLWCHAR message[1024] = {0};
  SQLSMALLINT length = 0;
  REQUIRE(SQLGetDiagRecW(SQL_HANDLE_STMT, st.h, 1, state, &native, message, 1024, &length) == SQL_SUCCESS);
  CHECK(wide(state, 5) == u"42S02");
  CHECK(native == 1146);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size()));  // characters
  CHECK(wide(message, expected.size()) == expected);
  CHECK(message[expected.size()] == 0);
  // Truncated: still characters.
  SQLWCHAR small[8];
  CHECK(SQLGetDiagRecW(SQL_HANDLE_STMT, st.h, 1, state, &native, small, 8, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size()));
  CHECK(wide(small, 7) == expected.substr(0, 7));
  CHECK(small[7] == 0);
  // (SQLGetDiagFieldW is checked against the driver itself below: unixODBC 2.3.11 passes
  // the driver's UTF-16 through its narrow copy for record fields.)
}

TEST_CASE("the driver's W forms: UTF-16 text, characters for Rec, bytes for Field", "[integration][diag]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  // A table name outside ASCII, one character of it outside Latin-1.
  const std::string name = "h2_t\xc3\xa4" "bl\xc3\xa9" "_\xe2\x82\xac";
  REQUIRE(st.exec("SELECT * FROM " + name) == SQL_ERROR);
  SQLCHAR narrow[1024] = {0};
  SQLSMALLINT narrow_length = 0;
  REQUIRE(d.SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, nullptr, nullptr, narrow, sizeof narrow, &narrow_length) ==
          SQL_SUCCESS);
  const std::string text(reinterpret_cast<char*>(narrow));
  CHECK(text.find(name + "' doesn't exist") != std::string::npos);
  CHECK(narrow_length == static_cast<SQLSMALLINT>(text.size()));  // bytes of UTF-8
  const std::u16string expected = utf16_of(text);
  REQUIRE(expected.size() == text.size() - 4);  // two 2-byte and one 3-byte character

  SQLWCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLWCHAR message[1024] = {0};
  SQLSMALLINT length = 0;
  REQUIRE(d.SQLGetDiagRecW(SQL_HANDLE_STMT, st.h, 1, state, &native, message, 1024, &length) == SQL_SUCCESS);
  CHECK(wide(state, 5) == u"42S02");
  CHECK(native == 1146);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size()));
  CHECK(wide(message, expected.size()) == expected);
  CHECK(message[expected.size()] == 0);
  CHECK(wide(message, expected.size()).find(u"h2_t\u00e4bl\u00e9_\u20ac'") != std::u16string::npos);

  SQLWCHAR field[1024] = {0};
  REQUIRE(d.SQLGetDiagFieldW(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_MESSAGE_TEXT, field, sizeof field, &length) ==
          SQL_SUCCESS);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size() * sizeof(SQLWCHAR)));
  CHECK(wide(field, expected.size()) == expected);
  REQUIRE(d.SQLGetDiagFieldW(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SQLSTATE, field, sizeof field, &length) ==
          SQL_SUCCESS);
  CHECK(length == 10);
  CHECK(wide(field, 6) == std::u16string(u"42S02\0", 6));
  REQUIRE(d.SQLGetDiagFieldW(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_CLASS_ORIGIN, field, sizeof field, &length) ==
          SQL_SUCCESS);
  CHECK(length == 16);
  CHECK(wide(field, 9) == std::u16string(u"ISO 9075\0", 9));
  REQUIRE(d.SQLGetDiagFieldW(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_SUBCLASS_ORIGIN, field, sizeof field, &length) ==
          SQL_SUCCESS);
  CHECK(wide(field, 9) == std::u16string(u"ODBC 3.0\0", 9));

  // Truncation: Rec in characters, Field in bytes; never half a character.
  SQLWCHAR small[8];
  CHECK(d.SQLGetDiagRecW(SQL_HANDLE_STMT, st.h, 1, state, &native, small, 8, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size()));
  CHECK(wide(small, 7) == expected.substr(0, 7));
  CHECK(small[7] == 0);
  CHECK(d.SQLGetDiagFieldW(SQL_HANDLE_STMT, st.h, 1, SQL_DIAG_MESSAGE_TEXT, small, 15, &length) ==
        SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size() * sizeof(SQLWCHAR)));
  CHECK(wide(small, 6) == expected.substr(0, 6));  // 15 bytes: 7 units, one for the NUL
  CHECK(small[6] == 0);
  // Narrow truncation keeps whole UTF-8 characters: cut inside "\xc3\xa4".
  const std::size_t umlaut = text.find("\xc3\xa4");
  REQUIRE(umlaut != std::string::npos);
  std::vector<SQLCHAR> cut(umlaut + 2);  // room for the text before it, one byte of it, NUL
  CHECK(d.SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, nullptr, nullptr, cut.data(), static_cast<SQLSMALLINT>(cut.size()),
                        &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(std::string(reinterpret_cast<char*>(cut.data())) == text.substr(0, umlaut));
}

TEST_CASE("the driver's W forms never split a surrogate pair", "[integration][diag]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  // The server degrades characters outside the BMP to '?' in its messages; the driver's
  // own warning for an unknown keyword quotes it as given. U+1F600 is two UTF-16 units.
  const std::string cs = connection_string("UNKNOWN_\xf0\x9f\x98\x80_KEY=1");
  REQUIRE(d.SQLDriverConnect(dbc.h, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, nullptr, 0, nullptr,
                             SQL_DRIVER_NOPROMPT) == SQL_SUCCESS_WITH_INFO);
  dbc.connected = true;
  SQLWCHAR message[1024] = {0};
  SQLSMALLINT length = 0;
  REQUIRE(d.SQLGetDiagRecW(SQL_HANDLE_DBC, dbc.h, 1, nullptr, nullptr, message, 1024, &length) == SQL_SUCCESS);
  const std::u16string text = wide(message, static_cast<std::size_t>(length));
  const std::size_t pair = text.find(u"\U0001F600");
  INFO(driver_describe(SQL_HANDLE_DBC, dbc.h));
  REQUIRE(pair != std::u16string::npos);
  // Room for everything before the pair, its first unit, and the NUL.
  std::vector<SQLWCHAR> cut(pair + 2, 0xFFFF);
  CHECK(d.SQLGetDiagRecW(SQL_HANDLE_DBC, dbc.h, 1, nullptr, nullptr, cut.data(), static_cast<SQLSMALLINT>(cut.size()),
                         &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLSMALLINT>(text.size()));
  CHECK(wide(cut.data(), pair) == text.substr(0, pair));
  CHECK(cut[pair] == 0);
  // Field form, in bytes: the same cut.
  CHECK(d.SQLGetDiagFieldW(SQL_HANDLE_DBC, dbc.h, 1, SQL_DIAG_MESSAGE_TEXT, cut.data(),
                           static_cast<SQLSMALLINT>(cut.size() * sizeof(SQLWCHAR)), &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(length == static_cast<SQLSMALLINT>(text.size() * sizeof(SQLWCHAR)));
  CHECK(cut[pair] == 0);
}

TEST_CASE("the driver's header fields: SQL_DIAG_RETURNCODE of the last call", "[integration][diag]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  SQLRETURN returncode = 99;
  SQLINTEGER number = -1;
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_ERROR);
  REQUIRE(st.exec("SELECT 1") == SQL_SUCCESS);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_SUCCESS);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 0);
  REQUIRE(d.SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(d.SQLFetch(st.h) == SQL_NO_DATA);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_NO_DATA);
  char piece[4];
  SQLLEN ind = 0;
  REQUIRE(st.exec("SELECT 1") == SQL_ERROR);  // cursor still open: 24000
  REQUIRE(d.SQLCloseCursor(st.h) == SQL_SUCCESS);
  REQUIRE(st.exec("SELECT 'long text'") == SQL_SUCCESS);
  REQUIRE(d.SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(d.SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_SUCCESS_WITH_INFO);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_RETURNCODE, &returncode, 0, nullptr) == SQL_SUCCESS);
  CHECK(returncode == SQL_SUCCESS_WITH_INFO);
  REQUIRE(d.SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 1);
}

TEST_CASE("diagnostics are cleared by the next call on the same handle only", "[integration][diag]") {
  Fixture f;
  Stmt st(f.dbc);
  Stmt other(f.dbc);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  REQUIRE(first_state(SQL_HANDLE_STMT, st.h) == "42S02");
  // Reading diagnostics does not clear them.
  REQUIRE(first_state(SQL_HANDLE_STMT, st.h) == "42S02");
  // A call on another statement of the same connection leaves them alone.
  CHECK(other.scalar("SELECT 5") == "5");
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "42S02");
  // The next call on the statement clears them.
  REQUIRE(st.exec("SELECT 1") == SQL_SUCCESS);
  SQLCHAR state[6];
  SQLINTEGER native = 0;
  SQLCHAR message[256];
  SQLSMALLINT length = 0;
  CHECK(SQLGetDiagRec(SQL_HANDLE_STMT, st.h, 1, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  SQLINTEGER number = -1;
  REQUIRE(SQLGetDiagField(SQL_HANDLE_STMT, st.h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr) == SQL_SUCCESS);
  CHECK(number == 0);
  // A warning replaces an earlier error rather than joining it.
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 'truncate me'")));
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  char piece[4];
  SQLLEN ind = 0;
  REQUIRE(SQLGetData(st.h, 1, SQL_C_CHAR, piece, sizeof piece, &ind) == SQL_SUCCESS_WITH_INFO);
  auto d = diagnostics(SQL_HANDLE_STMT, st.h);
  REQUIRE(d.size() == 1);
  CHECK(d[0].sqlstate == "01004");
  // Connection diagnostics too: an error, then a successful call.
  SQLUINTEGER value = 0;
  REQUIRE(SQLGetConnectAttr(f.dbc.h, 123456, &value, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, f.dbc.h) == "HY092");
  REQUIRE(SQLGetConnectAttr(f.dbc.h, SQL_ATTR_AUTOCOMMIT, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(diagnostics(SQL_HANDLE_DBC, f.dbc.h).empty());
}

TEST_CASE("SQLError in an ODBC 2 application: each record once, then SQL_NO_DATA", "[integration][diag]") {
  Env env(SQL_OV_ODBC2);
  Dbc dbc(env);
  dbc.connect();
  Stmt st(dbc);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 'hello world', 'another long value'")));
  char a[4], b[4];
  SQLLEN ia = 0, ib = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_CHAR, a, sizeof a, &ia) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_CHAR, b, sizeof b, &ib) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS_WITH_INFO);
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR message[512] = {0};
  SQLSMALLINT length = 0;
  std::vector<std::string> messages;
  for (int i = 0; i < 2; ++i) {
    REQUIRE(SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_SUCCESS);
    CHECK(std::string(reinterpret_cast<char*>(state)) == "01004");
    CHECK(length == static_cast<SQLSMALLINT>(std::strlen(reinterpret_cast<char*>(message))));
    messages.emplace_back(reinterpret_cast<char*>(message));
  }
  CHECK(messages[0].find("column 1") != std::string::npos);
  CHECK(messages[1].find("column 2") != std::string::npos);
  CHECK(SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_NO_DATA);

  // A server error, mapped to its ODBC 2 SQLSTATE for an ODBC 2 application.
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  REQUIRE(SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "S0002");
  CHECK(native == 1146);
  CHECK(std::string(reinterpret_cast<char*>(message)).find("h2_no_such_table") != std::string::npos);
  CHECK(SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
}

TEST_CASE("the driver's own SQLError: records once, then SQL_NO_DATA with 00000", "[integration][diag]") {
  const DriverLib& d = driver();
  DirectEnv env(SQL_OV_ODBC2);
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt st(dbc);
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  SQLCHAR state[6] = {0};
  SQLINTEGER native = 0;
  SQLCHAR message[512] = {0};
  SQLSMALLINT length = 0;
  REQUIRE(d.SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "42S02");  // the driver manager maps it for ODBC 2
  CHECK(native == 1146);
  CHECK(length == static_cast<SQLSMALLINT>(std::strlen(reinterpret_cast<char*>(message))));
  CHECK(d.SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "00000");
  CHECK(d.SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  // Without a statement, SQLError reads the connection; without either, the environment.
  SQLUINTEGER value = 0;
  REQUIRE(d.SQLGetConnectAttr(dbc.h, 123456, &value, 0, nullptr) == SQL_ERROR);
  REQUIRE(d.SQLError(env.h, dbc.h, SQL_NULL_HSTMT, state, &native, message, sizeof message, &length) ==
          SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "HY092");
  CHECK(d.SQLError(env.h, dbc.h, SQL_NULL_HSTMT, state, &native, message, sizeof message, &length) == SQL_NO_DATA);
  REQUIRE(d.SQLSetEnvAttr(env.h, 123456, nullptr, 0) == SQL_ERROR);
  REQUIRE(d.SQLError(env.h, SQL_NULL_HDBC, SQL_NULL_HSTMT, state, &native, message, sizeof message, &length) ==
          SQL_SUCCESS);
  CHECK(std::string(reinterpret_cast<char*>(state)) == "HY092");
  // The next call on the handle starts a fresh walk.
  REQUIRE(st.exec(kMissing) == SQL_ERROR);
  CHECK(d.SQLError(env.h, dbc.h, st.h, state, &native, message, sizeof message, &length) == SQL_SUCCESS);
}
