// SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo, checked against the real server and
// against what the driver library really exports.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "driver_lib.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  explicit Fixture(SQLUINTEGER version = SQL_OV_ODBC3) : env(version) { dbc.connect(); }
};

struct InfoText {
  std::string text;
  SQLSMALLINT length = -1;
};

InfoText info_a(Dbc& dbc, SQLUSMALLINT type) {
  SQLCHAR buffer[4096] = {0};
  InfoText out;
  INFO("info type " << type);
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfo(dbc.h, type, buffer, sizeof buffer, &out.length));
  out.text = reinterpret_cast<char*>(buffer);
  return out;
}

// The W form must give the same text as the A form, with its length in bytes.
std::string info_both(Dbc& dbc, SQLUSMALLINT type) {
  const InfoText a = info_a(dbc, type);
  INFO("info type " << type << ": " << a.text);
  CHECK(a.length == static_cast<SQLSMALLINT>(a.text.size()));
  SQLWCHAR buffer[4096] = {0};
  SQLSMALLINT length = -1;
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfoW(dbc.h, type, buffer, sizeof buffer, &length));
  const std::u16string expected = utf16_of(a.text);
  CHECK(length == static_cast<SQLSMALLINT>(expected.size() * sizeof(SQLWCHAR)));
  CHECK(wide(buffer, expected.size() + 1) == expected + u'\0');
  return a.text;
}

template <class T>
T info_number(Dbc& dbc, SQLUSMALLINT type) {
  T value{};
  SQLSMALLINT length = -1;
  INFO("info type " << type);
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfo(dbc.h, type, &value, sizeof value, &length));
  CHECK(length == static_cast<SQLSMALLINT>(sizeof(T)));
  // The W form answers numbers the same way.
  T wide_value{};
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLGetInfoW(dbc.h, type, &wide_value, sizeof wide_value, &length));
  CHECK(wide_value == value);
  return value;
}

// "10.11.19-MariaDB-..." -> "10.11.0019", the ##.##.#### form of SQL_DBMS_VER.
std::string odbc_version_form(const std::string& version) {
  unsigned major = 0, minor = 0, patch = 0;
  REQUIRE(std::sscanf(version.c_str(), "%u.%u.%u", &major, &minor, &patch) == 3);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02u.%02u.%04u", major, minor, patch);
  return buffer;
}

// A column of the current row as text (nullopt for NULL).
std::optional<std::string> column_text(SQLHSTMT st, SQLUSMALLINT column) {
  char buffer[256];
  SQLLEN indicator = 0;
  SQLRETURN rc = SQLGetData(st, column, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
  INFO("column " << column << "\n" << describe(SQL_HANDLE_STMT, st));
  REQUIRE(rc == SQL_SUCCESS);
  if (indicator == SQL_NULL_DATA) return std::nullopt;
  return std::string(buffer);
}

std::optional<SQLINTEGER> column_int(SQLHSTMT st, SQLUSMALLINT column) {
  SQLINTEGER value = 0;
  SQLLEN indicator = 0;
  SQLRETURN rc = SQLGetData(st, column, SQL_C_SLONG, &value, 0, &indicator);
  INFO("column " << column << "\n" << describe(SQL_HANDLE_STMT, st));
  REQUIRE(rc == SQL_SUCCESS);
  if (indicator == SQL_NULL_DATA) return std::nullopt;
  return value;
}

struct TypeRow {
  std::string name;
  SQLINTEGER data_type;
  std::optional<SQLINTEGER> column_size;
  std::optional<std::string> create_params;
  std::optional<SQLINTEGER> unsigned_attribute;
  SQLINTEGER sql_data_type;
  std::optional<SQLINTEGER> datetime_sub;
  std::optional<SQLINTEGER> radix;
};

std::vector<TypeRow> fetch_type_rows(SQLHSTMT st) {
  std::vector<TypeRow> rows;
  for (;;) {
    SQLRETURN rc = SQLFetch(st);
    if (rc == SQL_NO_DATA) break;
    INFO(describe(SQL_HANDLE_STMT, st));
    REQUIRE(rc == SQL_SUCCESS);
    TypeRow r;
    r.name = column_text(st, 1).value_or("<NULL>");
    r.data_type = column_int(st, 2).value_or(-9999);
    r.column_size = column_int(st, 3);
    r.create_params = column_text(st, 6);
    r.unsigned_attribute = column_int(st, 10);
    r.sql_data_type = column_int(st, 16).value_or(-9999);
    r.datetime_sub = column_int(st, 17);
    r.radix = column_int(st, 18);
    rows.push_back(r);
  }
  return rows;
}

std::vector<std::string> column_names(SQLHSTMT st) {
  SQLSMALLINT count = 0;
  REQUIRE(SQLNumResultCols(st, &count) == SQL_SUCCESS);
  std::vector<std::string> names;
  for (SQLUSMALLINT i = 1; i <= count; ++i) {
    SQLCHAR name[64];
    SQLSMALLINT length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    REQUIRE(SQLDescribeCol(st, i, name, sizeof name, &length, &type, &size, &digits, &nullable) == SQL_SUCCESS);
    names.emplace_back(reinterpret_cast<char*>(name));
  }
  return names;
}

const std::vector<std::string> kOdbc3TypeInfoColumns = {
    "TYPE_NAME",         "DATA_TYPE",     "COLUMN_SIZE",      "LITERAL_PREFIX",   "LITERAL_SUFFIX",
    "CREATE_PARAMS",     "NULLABLE",      "CASE_SENSITIVE",   "SEARCHABLE",       "UNSIGNED_ATTRIBUTE",
    "FIXED_PREC_SCALE",  "AUTO_UNIQUE_VALUE", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE",
    "SQL_DATA_TYPE",     "SQL_DATETIME_SUB", "NUM_PREC_RADIX", "INTERVAL_PRECISION"};

// ODBC functions a driver may implement (not the driver manager's own SQLDataSources and
// SQLDrivers), with the name each is exported under.
struct FunctionName {
  SQLUSMALLINT id;
  const char* name;
};
const FunctionName kFunctions[] = {
    {SQL_API_SQLALLOCCONNECT, "SQLAllocConnect"}, {SQL_API_SQLALLOCENV, "SQLAllocEnv"},
    {SQL_API_SQLALLOCSTMT, "SQLAllocStmt"}, {SQL_API_SQLBINDCOL, "SQLBindCol"}, {SQL_API_SQLCANCEL, "SQLCancel"},
    {SQL_API_SQLCOLATTRIBUTE, "SQLColAttribute"}, {SQL_API_SQLCONNECT, "SQLConnect"},
    {SQL_API_SQLDESCRIBECOL, "SQLDescribeCol"}, {SQL_API_SQLDISCONNECT, "SQLDisconnect"},
    {SQL_API_SQLERROR, "SQLError"}, {SQL_API_SQLEXECDIRECT, "SQLExecDirect"}, {SQL_API_SQLEXECUTE, "SQLExecute"},
    {SQL_API_SQLFETCH, "SQLFetch"}, {SQL_API_SQLFREECONNECT, "SQLFreeConnect"}, {SQL_API_SQLFREEENV, "SQLFreeEnv"},
    {SQL_API_SQLFREESTMT, "SQLFreeStmt"}, {SQL_API_SQLGETCURSORNAME, "SQLGetCursorName"},
    {SQL_API_SQLNUMRESULTCOLS, "SQLNumResultCols"}, {SQL_API_SQLPREPARE, "SQLPrepare"},
    {SQL_API_SQLROWCOUNT, "SQLRowCount"}, {SQL_API_SQLSETCURSORNAME, "SQLSetCursorName"},
    {SQL_API_SQLSETPARAM, "SQLSetParam"}, {SQL_API_SQLTRANSACT, "SQLTransact"},
    {SQL_API_SQLBULKOPERATIONS, "SQLBulkOperations"}, {SQL_API_SQLCOLUMNS, "SQLColumns"},
    {SQL_API_SQLDRIVERCONNECT, "SQLDriverConnect"}, {SQL_API_SQLGETCONNECTOPTION, "SQLGetConnectOption"},
    {SQL_API_SQLGETDATA, "SQLGetData"}, {SQL_API_SQLGETFUNCTIONS, "SQLGetFunctions"},
    {SQL_API_SQLGETINFO, "SQLGetInfo"}, {SQL_API_SQLGETSTMTOPTION, "SQLGetStmtOption"},
    {SQL_API_SQLGETTYPEINFO, "SQLGetTypeInfo"}, {SQL_API_SQLPARAMDATA, "SQLParamData"},
    {SQL_API_SQLPUTDATA, "SQLPutData"}, {SQL_API_SQLSETCONNECTOPTION, "SQLSetConnectOption"},
    {SQL_API_SQLSETSTMTOPTION, "SQLSetStmtOption"}, {SQL_API_SQLSPECIALCOLUMNS, "SQLSpecialColumns"},
    {SQL_API_SQLSTATISTICS, "SQLStatistics"}, {SQL_API_SQLTABLES, "SQLTables"},
    {SQL_API_SQLBROWSECONNECT, "SQLBrowseConnect"}, {SQL_API_SQLCOLUMNPRIVILEGES, "SQLColumnPrivileges"},
    {SQL_API_SQLDESCRIBEPARAM, "SQLDescribeParam"}, {SQL_API_SQLEXTENDEDFETCH, "SQLExtendedFetch"},
    {SQL_API_SQLFOREIGNKEYS, "SQLForeignKeys"}, {SQL_API_SQLMORERESULTS, "SQLMoreResults"},
    {SQL_API_SQLNATIVESQL, "SQLNativeSql"}, {SQL_API_SQLNUMPARAMS, "SQLNumParams"},
    {SQL_API_SQLPARAMOPTIONS, "SQLParamOptions"}, {SQL_API_SQLPRIMARYKEYS, "SQLPrimaryKeys"},
    {SQL_API_SQLPROCEDURECOLUMNS, "SQLProcedureColumns"}, {SQL_API_SQLPROCEDURES, "SQLProcedures"},
    {SQL_API_SQLSETPOS, "SQLSetPos"}, {SQL_API_SQLSETSCROLLOPTIONS, "SQLSetScrollOptions"},
    {SQL_API_SQLTABLEPRIVILEGES, "SQLTablePrivileges"}, {SQL_API_SQLBINDPARAMETER, "SQLBindParameter"},
    {SQL_API_SQLALLOCHANDLE, "SQLAllocHandle"}, {SQL_API_SQLBINDPARAM, "SQLBindParam"},
    {SQL_API_SQLCLOSECURSOR, "SQLCloseCursor"}, {SQL_API_SQLCOPYDESC, "SQLCopyDesc"},
    {SQL_API_SQLENDTRAN, "SQLEndTran"}, {SQL_API_SQLFREEHANDLE, "SQLFreeHandle"},
    {SQL_API_SQLGETCONNECTATTR, "SQLGetConnectAttr"}, {SQL_API_SQLGETDESCFIELD, "SQLGetDescField"},
    {SQL_API_SQLGETDESCREC, "SQLGetDescRec"}, {SQL_API_SQLGETDIAGFIELD, "SQLGetDiagField"},
    {SQL_API_SQLGETDIAGREC, "SQLGetDiagRec"}, {SQL_API_SQLGETENVATTR, "SQLGetEnvAttr"},
    {SQL_API_SQLGETSTMTATTR, "SQLGetStmtAttr"}, {SQL_API_SQLSETCONNECTATTR, "SQLSetConnectAttr"},
    {SQL_API_SQLSETDESCFIELD, "SQLSetDescField"}, {SQL_API_SQLSETDESCREC, "SQLSetDescRec"},
    {SQL_API_SQLSETENVATTR, "SQLSetEnvAttr"}, {SQL_API_SQLSETSTMTATTR, "SQLSetStmtAttr"},
    {SQL_API_SQLFETCHSCROLL, "SQLFetchScroll"},
};

bool bit_set(const SQLUSMALLINT* bitmap, SQLUSMALLINT id) { return SQL_FUNC_EXISTS(bitmap, id) == SQL_TRUE; }

}  // namespace

TEST_CASE("SQLGetInfo: the DBMS, as the server reports itself", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  const std::string version = st.scalar("SELECT VERSION()");
  CHECK(info_both(f.dbc, SQL_DBMS_NAME) == "MariaDB");
  const std::string dbms_ver = info_both(f.dbc, SQL_DBMS_VER);
  // ##.##.#### first (ODBC's form), then the server's own version string.
  CHECK(dbms_ver == odbc_version_form(version) + " " + version);
  CHECK(info_both(f.dbc, SQL_DATABASE_NAME) == st.scalar("SELECT DATABASE()"));
  CHECK(info_both(f.dbc, SQL_USER_NAME) == st.scalar("SELECT SUBSTRING_INDEX(USER(), '@', 1)"));
  CHECK(info_both(f.dbc, SQL_IDENTIFIER_QUOTE_CHAR) == "`");
  // The quote character quotes identifiers on this server.
  CHECK(st.scalar("SELECT 3 AS `a quoted name`") == "3");
}

TEST_CASE("SQLGetInfo: SQL_DATABASE_NAME follows the current catalog", "[integration][info]") {
  Fixture f;
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLSetConnectAttr(f.dbc.h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "mysql", SQL_NTS));
  CHECK(info_both(f.dbc, SQL_DATABASE_NAME) == "mysql");
}

TEST_CASE("SQLGetInfo: SQL_USER_NAME for a DSN connection", "[integration][info]") {
  const std::string dsn = env_or("TEST_DSN", "");
  REQUIRE_FALSE(dsn.empty());
  Env env;
  Dbc dbc(env);
  ODBC_OK(SQL_HANDLE_DBC, dbc.h, SQLConnect(dbc.h, (SQLCHAR*)dsn.c_str(), SQL_NTS, nullptr, 0, nullptr, 0));
  dbc.connected = true;
  Stmt st(dbc);
  CHECK(info_both(dbc, SQL_USER_NAME) == st.scalar("SELECT SUBSTRING_INDEX(USER(), '@', 1)"));
  CHECK(info_both(dbc, SQL_DATA_SOURCE_NAME) == dsn);
}

TEST_CASE("SQLGetInfo: the driver's name and versions", "[integration][info]") {
  Fixture f;
  // The file name of the library the driver manager loaded.
  const std::string path = driver().path;
  const std::string file = path.substr(path.find_last_of('/') + 1);
  CHECK(info_both(f.dbc, SQL_DRIVER_NAME) == file);
  CHECK(info_both(f.dbc, SQL_DRIVER_ODBC_VER) == "03.80");
  // SQL_DRIVER_VER is ##.##.####, and the same version the message prefix carries.
  const std::string driver_ver = info_both(f.dbc, SQL_DRIVER_VER);
  CHECK(std::regex_match(driver_ver, std::regex("[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}")));
  Stmt st(f.dbc);
  REQUIRE(st.exec("SELECT * FROM h2_no_such_table") == SQL_ERROR);
  const std::string message = diagnostics(SQL_HANDLE_STMT, st.h).at(0).message;
  std::smatch m;
  REQUIRE(std::regex_search(message, m, std::regex("^\\[Holdfast\\]\\[([0-9.]+)\\]")));
  CHECK(odbc_version_form(m[1].str()) == driver_ver);
}

TEST_CASE("SQLGetInfo: limits and capabilities the server confirms", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  const auto column_limit = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_COLUMN_NAME_LEN);
  CHECK(column_limit == 64);
  st.run("DROP TABLE IF EXISTS h2_info_names");
  st.run("CREATE TABLE h2_info_names (" + std::string(column_limit, 'c') + " INT)");
  CHECK(st.exec("ALTER TABLE h2_info_names ADD COLUMN " + std::string(column_limit + 1u, 'd') + " INT") == SQL_ERROR);
  CHECK(diagnostics(SQL_HANDLE_STMT, st.h).at(0).native == 1059);  // ER_TOO_LONG_IDENT
  st.run("DROP TABLE h2_info_names");
  const auto table_limit = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_TABLE_NAME_LEN);
  CHECK(table_limit == 64);
  CHECK(st.exec("CREATE TABLE h2_" + std::string(table_limit - 2u, 't') + " (x INT)") == SQL_ERROR);
  const SQLINTEGER native = diagnostics(SQL_HANDLE_STMT, st.h).at(0).native;
  CHECK((native == 1059 || native == 1103));  // ER_TOO_LONG_IDENT, ER_WRONG_TABLE_NAME
  st.run("DROP TABLE IF EXISTS h2_" + std::string(table_limit - 3u, 't'));
  st.run("CREATE TABLE h2_" + std::string(table_limit - 3u, 't') + " (x INT)");
  st.run("DROP TABLE h2_" + std::string(table_limit - 3u, 't'));

  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_TXN_CAPABLE) == SQL_TC_DDL_COMMIT);
  CHECK(info_number<SQLUINTEGER>(f.dbc, SQL_DEFAULT_TXN_ISOLATION) == SQL_TXN_REPEATABLE_READ);
  CHECK(st.scalar("SELECT @@global.tx_isolation") == "REPEATABLE-READ");

  // SQL_GETDATA_EXTENSIONS: any column, any order, bound columns too; and it is so.
  const auto getdata = info_number<SQLUINTEGER>(f.dbc, SQL_GETDATA_EXTENSIONS);
  CHECK((getdata & SQL_GD_ANY_COLUMN) != 0);
  CHECK((getdata & SQL_GD_ANY_ORDER) != 0);
  CHECK((getdata & SQL_GD_BOUND) != 0);
  REQUIRE(st.exec("SELECT 10, 20, 30") == SQL_SUCCESS);
  SQLINTEGER bound = 0, value = 0;
  SQLLEN ind = 0, bound_ind = 0;
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &bound, 0, &bound_ind) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(bound == 10);
  CHECK(SQLGetData(st.h, 3, SQL_C_SLONG, &value, 0, &ind) == SQL_SUCCESS);
  CHECK(value == 30);
  CHECK(SQLGetData(st.h, 2, SQL_C_SLONG, &value, 0, &ind) == SQL_SUCCESS);  // backwards
  CHECK(value == 20);
  CHECK(SQLGetData(st.h, 1, SQL_C_SLONG, &value, 0, &ind) == SQL_SUCCESS);  // a bound column
  CHECK(value == 10);
}

TEST_CASE("SQLGetInfo: other answers isql and pyodbc read", "[integration][info]") {
  Fixture f;
  CHECK(info_both(f.dbc, SQL_CATALOG_NAME_SEPARATOR) == ".");
  CHECK(info_both(f.dbc, SQL_CATALOG_TERM) == "database");
  CHECK(info_both(f.dbc, SQL_CATALOG_NAME) == "Y");
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_CATALOG_NAME_LEN) == 64);
  CHECK(info_both(f.dbc, SQL_SEARCH_PATTERN_ESCAPE) == "\\");
  CHECK(info_both(f.dbc, SQL_SERVER_NAME) == env_or("TEST_SERVER", "127.0.0.1"));
  // Multiple result sets: the server returns them for a CALL.
  CHECK(info_both(f.dbc, SQL_MULT_RESULT_SETS) == "Y");
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_CURSOR_COMMIT_BEHAVIOR) == SQL_CB_PRESERVE);
  CHECK(info_number<SQLUINTEGER>(f.dbc, SQL_ODBC_INTERFACE_CONFORMANCE) == SQL_OIC_CORE);
}

TEST_CASE("SQLGetInfo: catalog answers true for the connected server", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  // SQL_IDENTIFIER_CASE from lower_case_table_names, and so it is.
  const std::string folding = st.scalar("SELECT @@lower_case_table_names");
  const SQLUSMALLINT expected = folding == "0" ? SQL_IC_SENSITIVE : folding == "1" ? SQL_IC_LOWER : SQL_IC_MIXED;
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_IDENTIFIER_CASE) == expected);
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_QUOTED_IDENTIFIER_CASE) == expected);
  st.run("DROP TABLE IF EXISTS h2_CaseT");
  st.run("DROP TABLE IF EXISTS h2_caset");
  st.run("CREATE TABLE h2_CaseT (x INT)");
  CHECK((st.exec("CREATE TABLE `h2_caset` (x INT)") == SQL_SUCCESS) == (expected == SQL_IC_SENSITIVE));
  st.run("DROP TABLE IF EXISTS h2_caset");
  st.run("DROP TABLE IF EXISTS h2_CaseT");

  // Name limits: a name of the limit works, one character more does not.
  const auto catalog_limit = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_CATALOG_NAME_LEN);
  CHECK(catalog_limit == 64);
  const std::string database(catalog_limit, 'd');
  st.run("DROP DATABASE IF EXISTS " + database);
  st.run("CREATE DATABASE " + database);
  st.run("DROP DATABASE " + database);
  CHECK(st.exec("CREATE DATABASE " + database + "x") == SQL_ERROR);
  const auto procedure_limit = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_PROCEDURE_NAME_LEN);
  CHECK(procedure_limit == 64);
  const std::string procedure(procedure_limit, 'p');
  st.run("DROP PROCEDURE IF EXISTS " + procedure);
  st.run("CREATE PROCEDURE " + procedure + "() SELECT 1");
  st.run("DROP PROCEDURE " + procedure);
  CHECK(st.exec("CREATE PROCEDURE " + procedure + "x() SELECT 1") == SQL_ERROR);
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_IDENTIFIER_LEN) == 64);
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_SCHEMA_NAME_LEN) == 0);  // no schemas by default
  const auto user_limit = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_USER_NAME_LEN);
  const std::string user(user_limit, 'u');
  st.run("DROP USER IF EXISTS '" + user + "'@'localhost'");
  st.run("CREATE USER '" + user + "'@'localhost'");
  st.run("DROP USER '" + user + "'@'localhost'");
  CHECK(st.exec("CREATE USER '" + user + "u'@'localhost'") == SQL_ERROR);
  const auto key_parts = info_number<SQLUSMALLINT>(f.dbc, SQL_MAX_COLUMNS_IN_INDEX);
  std::string columns, index;
  for (unsigned i = 0; i <= key_parts; ++i) {
    columns += (i ? ", c" : "c") + std::to_string(i) + " INT";
    if (i < key_parts) index += (i ? ", c" : "c") + std::to_string(i);
  }
  st.run("DROP TABLE IF EXISTS h2_key_parts");
  st.run("CREATE TABLE h2_key_parts (" + columns + ")");
  st.run("CREATE INDEX ix_all ON h2_key_parts (" + index + ")");
  CHECK(st.exec("CREATE INDEX ix_more ON h2_key_parts (" + index + ", c" + std::to_string(key_parts) + ")") ==
        SQL_ERROR);
  st.run("DROP TABLE h2_key_parts");

  // The catalog in statements: catalog.table in DML (SQL_CU_DML_STATEMENTS), CALL
  // catalog.procedure (SQL_CU_PROCEDURE_INVOCATION).
  const auto usage = info_number<SQLUINTEGER>(f.dbc, SQL_CATALOG_USAGE);
  CHECK((usage & SQL_CU_DML_STATEMENTS) != 0);
  CHECK((usage & SQL_CU_PROCEDURE_INVOCATION) != 0);
  const std::string db = st.scalar("SELECT DATABASE()");
  st.run("DROP TABLE IF EXISTS h2_usage");
  st.run("CREATE TABLE " + db + ".h2_usage (x INT)");
  st.run("INSERT INTO " + db + ".h2_usage VALUES (4)");
  CHECK(st.scalar("SELECT x FROM " + db + ".h2_usage") == "4");
  st.run("DROP TABLE " + db + ".h2_usage");
  CHECK(info_number<SQLUSMALLINT>(f.dbc, SQL_CATALOG_LOCATION) == SQL_CL_START);
  CHECK(info_both(f.dbc, SQL_TABLE_TERM) == "table");
  CHECK(info_both(f.dbc, SQL_PROCEDURE_TERM) == "procedure");
  CHECK(info_both(f.dbc, SQL_PROCEDURES) == "Y");
  CHECK(info_both(f.dbc, SQL_ACCESSIBLE_TABLES) == "N");  // see the privileges test
  CHECK(info_both(f.dbc, SQL_ACCESSIBLE_PROCEDURES) == "N");
  CHECK(info_both(f.dbc, SQL_SCHEMA_TERM).empty());
}

TEST_CASE("SQLGetInfo: truncation in both forms, and an unknown type", "[integration][info]") {
  Fixture f;
  const std::string full = info_a(f.dbc, SQL_DBMS_VER).text;
  REQUIRE(full.size() > 10);
  SQLCHAR small[6];
  SQLSMALLINT length = 0;
  CHECK(SQLGetInfo(f.dbc.h, SQL_DBMS_VER, small, sizeof small, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(std::string(reinterpret_cast<char*>(small)) == full.substr(0, 5));
  CHECK(length == static_cast<SQLSMALLINT>(full.size()));
  CHECK(first_state(SQL_HANDLE_DBC, f.dbc.h) == "01004");

  SQLWCHAR wsmall[6];
  CHECK(SQLGetInfoW(f.dbc.h, SQL_DBMS_VER, wsmall, sizeof wsmall, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(wide(wsmall, 6) == utf16_of(full.substr(0, 5)) + u'\0');
  CHECK(length == static_cast<SQLSMALLINT>(full.size() * sizeof(SQLWCHAR)));
  CHECK(first_state(SQL_HANDLE_DBC, f.dbc.h) == "01004");

  SQLCHAR buffer[64];
  CHECK(SQLGetInfo(f.dbc.h, 9999, buffer, sizeof buffer, &length) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DBC, f.dbc.h) == "HY096");
}

TEST_CASE("SQLGetFunctions through the driver manager", "[integration][info]") {
  Fixture f;
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE] = {0};
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap));
  CHECK(bit_set(bitmap, SQL_API_SQLFETCH));
  CHECK(bit_set(bitmap, SQL_API_SQLGETTYPEINFO));
  CHECK(bit_set(bitmap, SQL_API_SQLENDTRAN));
  CHECK(bit_set(bitmap, SQL_API_SQLTABLES));
  CHECK(bit_set(bitmap, SQL_API_SQLCOLUMNS));
  CHECK(bit_set(bitmap, SQL_API_SQLFOREIGNKEYS));
  CHECK(bit_set(bitmap, SQL_API_SQLTABLEPRIVILEGES));
  CHECK(bit_set(bitmap, SQL_API_SQLCOLUMNPRIVILEGES));
  CHECK_FALSE(bit_set(bitmap, SQL_API_SQLBROWSECONNECT));

  SQLUSMALLINT one = 99;
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_SQLFETCH, &one));
  CHECK(one == SQL_TRUE);
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_SQLFOREIGNKEYS, &one));
  CHECK(one == SQL_TRUE);
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_SQLCOLUMNPRIVILEGES, &one));
  CHECK(one == SQL_TRUE);
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_SQLBROWSECONNECT, &one));
  CHECK(one == SQL_FALSE);

  SQLUSMALLINT odbc2[100];
  std::fill(std::begin(odbc2), std::end(odbc2), SQLUSMALLINT{99});
  ODBC_OK(SQL_HANDLE_DBC, f.dbc.h, SQLGetFunctions(f.dbc.h, SQL_API_ALL_FUNCTIONS, odbc2));
  CHECK(odbc2[SQL_API_SQLFETCH] == SQL_TRUE);
  CHECK(odbc2[SQL_API_SQLERROR] == SQL_TRUE);
  CHECK(odbc2[SQL_API_SQLTABLES] == SQL_TRUE);
  CHECK(odbc2[SQL_API_SQLFOREIGNKEYS] == SQL_TRUE);
  CHECK(odbc2[SQL_API_SQLTABLEPRIVILEGES] == SQL_TRUE);
  CHECK(odbc2[SQL_API_SQLBROWSECONNECT] == SQL_FALSE);
  for (int i = 0; i < 100; ++i) {
    INFO("function " << i);
    CHECK((odbc2[i] == SQL_TRUE || odbc2[i] == SQL_FALSE));
  }
}

TEST_CASE("the driver's SQLGetFunctions matches what the library exports", "[integration][info]") {
  const DriverLib& d = driver();
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
  std::fill(std::begin(bitmap), std::end(bitmap), SQLUSMALLINT{0xFFFF});
  REQUIRE(d.SQLGetFunctions(dbc.h, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap) == SQL_SUCCESS);
  SQLUSMALLINT odbc2[100];
  std::fill(std::begin(odbc2), std::end(odbc2), SQLUSMALLINT{99});
  REQUIRE(d.SQLGetFunctions(dbc.h, SQL_API_ALL_FUNCTIONS, odbc2) == SQL_SUCCESS);
  std::set<SQLUSMALLINT> known;
  for (const FunctionName& fn : kFunctions) {
    INFO(fn.name << " (" << fn.id << ")");
    known.insert(fn.id);
    const bool exported = d.symbol(fn.name) != nullptr;
    CHECK(bit_set(bitmap, fn.id) == exported);
    SQLUSMALLINT one = 99;
    REQUIRE(d.SQLGetFunctions(dbc.h, fn.id, &one) == SQL_SUCCESS);
    CHECK(one == (exported ? SQL_TRUE : SQL_FALSE));
    if (fn.id < 100) CHECK(odbc2[fn.id] == (exported ? SQL_TRUE : SQL_FALSE));
  }
  // No other bit is set, and the ODBC 2 array agrees with the bitmap everywhere.
  for (unsigned id = 0; id < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; ++id) {
    if (known.count(static_cast<SQLUSMALLINT>(id))) continue;
    INFO("function id " << id);
    CHECK_FALSE(bit_set(bitmap, static_cast<SQLUSMALLINT>(id)));
  }
  for (SQLUSMALLINT id = 0; id < 100; ++id) {
    INFO("function id " << id);
    CHECK(odbc2[id] == (bit_set(bitmap, id) ? SQL_TRUE : SQL_FALSE));
  }
}

TEST_CASE("SQLGetTypeInfo(SQL_ALL_TYPES): 19 ODBC 3 columns, rows by DATA_TYPE", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_ALL_TYPES));
  CHECK(column_names(st.h) == kOdbc3TypeInfoColumns);
  // Column types the spec gives: DATA_TYPE smallint, COLUMN_SIZE integer.
  SQLLEN type = 0;
  REQUIRE(SQLColAttribute(st.h, 2, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &type) == SQL_SUCCESS);
  CHECK(type == SQL_SMALLINT);
  REQUIRE(SQLColAttribute(st.h, 3, SQL_DESC_CONCISE_TYPE, nullptr, 0, nullptr, &type) == SQL_SUCCESS);
  CHECK(type == SQL_INTEGER);
  const std::vector<TypeRow> rows = fetch_type_rows(st.h);
  REQUIRE(rows.size() > 20);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    INFO(rows[i - 1].name << " before " << rows[i].name);
    CHECK(rows[i - 1].data_type <= rows[i].data_type);
  }
  bool found_int = false;
  std::set<SQLINTEGER> data_types;
  for (const TypeRow& r : rows) {
    INFO(r.name);
    data_types.insert(r.data_type);
    if (r.name == "int") {
      found_int = true;
      CHECK(r.data_type == SQL_INTEGER);
      CHECK(r.column_size == 10);
      CHECK(r.unsigned_attribute == SQL_FALSE);
      CHECK(r.radix == 10);
    }
    // SQL_DATA_TYPE is the verbose type: SQL_DATETIME with a subcode for datetimes.
    if (r.data_type == SQL_TYPE_DATE || r.data_type == SQL_TYPE_TIME || r.data_type == SQL_TYPE_TIMESTAMP) {
      CHECK(r.sql_data_type == SQL_DATETIME);
      CHECK(r.datetime_sub == r.data_type - 90);  // SQL_CODE_DATE/TIME/TIMESTAMP
    } else {
      CHECK(r.sql_data_type == r.data_type);
      CHECK_FALSE(r.datetime_sub.has_value());
    }
  }
  CHECK(found_int);
  for (SQLINTEGER t : {SQL_INTEGER, SQL_BIGINT, SQL_WVARCHAR, SQL_VARCHAR, SQL_DECIMAL, SQL_DOUBLE, SQL_TYPE_DATE,
                       SQL_TYPE_TIMESTAMP, SQL_LONGVARBINARY})
    CHECK(data_types.count(t) == 1);
  // Not ODBC 2's datetime codes in an ODBC 3 application.
  CHECK(data_types.count(SQL_TIMESTAMP) == 0);
}

TEST_CASE("SQLGetTypeInfo: every TYPE_NAME, with its CREATE_PARAMS, makes a column", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_ALL_TYPES));
  const std::vector<TypeRow> rows = fetch_type_rows(st.h);
  REQUIRE_FALSE(rows.empty());
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  const std::map<std::string, std::string> params = {
      {"length", "(10)"}, {"precision,scale", "(10,2)"}, {"precision", "(3)"}, {"value list", "('a','b')"}};
  for (const TypeRow& r : rows) {
    std::string definition = r.name;
    if (r.create_params) {
      auto it = params.find(*r.create_params);
      INFO(r.name << ": CREATE_PARAMS " << *r.create_params);
      REQUIRE(it != params.end());
      definition += it->second;
    }
    st.run("DROP TABLE IF EXISTS h2_info_type");
    const std::string sql = "CREATE TABLE h2_info_type (c " + definition + ")";
    SQLRETURN rc = st.exec(sql);
    INFO(sql << "\n" << describe(SQL_HANDLE_STMT, st.h));
    CHECK(SQL_SUCCEEDED(rc));
    // UNSIGNED_ATTRIBUTE says whether the column refuses a negative number (strict mode).
    if (SQL_SUCCEEDED(rc) && r.unsigned_attribute) {
      const bool stored = SQL_SUCCEEDED(st.exec("INSERT INTO h2_info_type VALUES (-1)"));
      CHECK(stored == (*r.unsigned_attribute == SQL_FALSE));
    }
  }
  st.run("DROP TABLE IF EXISTS h2_info_type");
}

TEST_CASE("SQLGetTypeInfo(SQL_TYPE_TIMESTAMP) gives datetime and timestamp", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_TYPE_TIMESTAMP));
  std::set<std::string> names;
  for (const TypeRow& r : fetch_type_rows(st.h)) {
    INFO(r.name);
    CHECK(r.data_type == SQL_TYPE_TIMESTAMP);
    names.insert(r.name);
  }
  CHECK(names == std::set<std::string>{"datetime", "timestamp"});
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  // One type: only its rows.
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_INTEGER));
  for (const TypeRow& r : fetch_type_rows(st.h)) CHECK(r.data_type == SQL_INTEGER);
}

TEST_CASE("SQLGetTypeInfo in an ODBC 2 application: ODBC 2 names and datetime codes", "[integration][info]") {
  Fixture f(SQL_OV_ODBC2);
  Stmt st(f.dbc);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_ALL_TYPES));
  const std::vector<std::string> names = column_names(st.h);
  REQUIRE(names.size() == 19);
  CHECK(names[2] == "PRECISION");
  CHECK(names[10] == "MONEY");
  CHECK(names[11] == "AUTO_INCREMENT");
  CHECK(names[0] == "TYPE_NAME");
  CHECK(names[18] == "INTERVAL_PRECISION");
  std::set<SQLINTEGER> data_types;
  for (const TypeRow& r : fetch_type_rows(st.h)) data_types.insert(r.data_type);
  CHECK(data_types.count(SQL_TIMESTAMP) == 1);
  CHECK(data_types.count(SQL_TYPE_TIMESTAMP) == 0);
  REQUIRE(SQLCloseCursor(st.h) == SQL_SUCCESS);
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_TIMESTAMP));
  std::set<std::string> timestamp_names;
  for (const TypeRow& r : fetch_type_rows(st.h)) {
    CHECK(r.data_type == SQL_TIMESTAMP);
    timestamp_names.insert(r.name);
  }
  CHECK(timestamp_names == std::set<std::string>{"datetime", "timestamp"});
}

TEST_CASE("SQLGetTypeInfo: an invalid type is HY004, an open cursor 24000", "[integration][info]") {
  Fixture f;
  Stmt st(f.dbc);
  CHECK(SQLGetTypeInfo(st.h, 12345) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY004");
  ODBC_OK(SQL_HANDLE_STMT, st.h, SQLGetTypeInfo(st.h, SQL_ALL_TYPES));
  CHECK(SQLGetTypeInfo(st.h, SQL_ALL_TYPES) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "24000");
  // From the driver itself, too.
  DirectEnv env;
  DirectDbc dbc(env);
  dbc.connect();
  DirectStmt direct(dbc);
  CHECK(driver().SQLGetTypeInfo(direct.h, 12345) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, direct.h) == "HY004");
  CHECK(driver().SQLGetTypeInfo(direct.h, -100) == SQL_ERROR);
  CHECK(driver_first_state(SQL_HANDLE_STMT, direct.h) == "HY004");
}
