// Descriptors: the four of a statement, explicit ones, fields and records, SQLCopyDesc,
// and their errors.
#include <cstring>

#include "odbc_test.h"

using namespace odbc_test;

namespace {

struct Fixture {
  Env env;
  Dbc dbc{env};
  Fixture() { dbc.connect(); }
};

SQLHDESC stmt_desc(SQLHSTMT st, SQLINTEGER which) {
  SQLHDESC d = SQL_NULL_HDESC;
  REQUIRE(SQLGetStmtAttr(st, which, &d, 0, nullptr) == SQL_SUCCESS);
  REQUIRE(d != SQL_NULL_HDESC);
  return d;
}

SQLLEN desc_number(SQLHDESC d, SQLSMALLINT record, SQLSMALLINT field) {
  // Wide enough for every numeric field; zeroed so narrower ones read right.
  SQLLEN value = 0;
  const SQLRETURN rc = SQLGetDescField(d, record, field, &value, 0, nullptr);
  INFO("field " << field << ": " << describe(SQL_HANDLE_DESC, d));
  REQUIRE(rc == SQL_SUCCESS);
  return value;
}

SQLSMALLINT desc_small(SQLHDESC d, SQLSMALLINT record, SQLSMALLINT field) {
  SQLSMALLINT value = 0;
  REQUIRE(SQLGetDescField(d, record, field, &value, 0, nullptr) == SQL_SUCCESS);
  return value;
}

SQLPOINTER desc_pointer(SQLHDESC d, SQLSMALLINT record, SQLSMALLINT field) {
  SQLPOINTER value = nullptr;
  const SQLRETURN rc = SQLGetDescField(d, record, field, &value, 0, nullptr);
  INFO("field " << field << ": " << describe(SQL_HANDLE_DESC, d));
  REQUIRE(rc == SQL_SUCCESS);
  return value;
}

SQLPOINTER ptr(SQLLEN n) { return reinterpret_cast<SQLPOINTER>(n); }

}  // namespace

TEST_CASE("Descriptors: the array statement attributes are the header fields of the four descriptors",
          "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLHDESC ard = stmt_desc(st.h, SQL_ATTR_APP_ROW_DESC), apd = stmt_desc(st.h, SQL_ATTR_APP_PARAM_DESC);
  SQLHDESC ird = stmt_desc(st.h, SQL_ATTR_IMP_ROW_DESC), ipd = stmt_desc(st.h, SQL_ATTR_IMP_PARAM_DESC);
  CHECK(desc_small(ard, 0, SQL_DESC_ALLOC_TYPE) == SQL_DESC_ALLOC_AUTO);
  CHECK(desc_small(ipd, 0, SQL_DESC_ALLOC_TYPE) == SQL_DESC_ALLOC_AUTO);

  // Statement attribute -> descriptor field.
  SQLULEN fetched = 0, processed = 0;
  SQLUSMALLINT row_status[4], param_status[4], operations[4];
  SQLLEN offset = 0;
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, ptr(7), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_STATUS_PTR, row_status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, ptr(3), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_STATUS_PTR, param_status, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_OPERATION_PTR, operations, 0) == SQL_SUCCESS);
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_PARAM_BIND_TYPE, ptr(48), 0) == SQL_SUCCESS);
  CHECK(desc_number(ard, 0, SQL_DESC_ARRAY_SIZE) == 7);
  CHECK(desc_pointer(ard, 0, SQL_DESC_BIND_OFFSET_PTR) == &offset);
  CHECK(desc_number(apd, 0, SQL_DESC_ARRAY_SIZE) == 3);
  CHECK(desc_pointer(ipd, 0, SQL_DESC_ARRAY_STATUS_PTR) == param_status);
  CHECK(desc_pointer(ipd, 0, SQL_DESC_ROWS_PROCESSED_PTR) == &processed);
  CHECK(desc_pointer(apd, 0, SQL_DESC_ARRAY_STATUS_PTR) == operations);
  SQLINTEGER bind_type = 0;
  REQUIRE(SQLGetDescField(apd, 0, SQL_DESC_BIND_TYPE, &bind_type, 0, nullptr) == SQL_SUCCESS);
  CHECK(bind_type == 48);

  // The IRD's fields can be read once a statement is prepared (the driver manager
  // answers HY007 before).
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"SELECT 1", SQL_NTS) == SQL_SUCCESS);
  CHECK(desc_pointer(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR) == &fetched);
  CHECK(desc_pointer(ird, 0, SQL_DESC_ARRAY_STATUS_PTR) == row_status);

  // Descriptor field -> statement attribute.
  REQUIRE(SQLSetDescField(ard, 0, SQL_DESC_ARRAY_SIZE, ptr(5), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetDescField(ard, 0, SQL_DESC_BIND_TYPE, ptr(24), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetDescField(apd, 0, SQL_DESC_ARRAY_SIZE, ptr(9), 0) == SQL_SUCCESS);
  SQLULEN value = 0;
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_ARRAY_SIZE, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == 5);
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_ROW_BIND_TYPE, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == 24);
  REQUIRE(SQLGetStmtAttr(st.h, SQL_ATTR_PARAMSET_SIZE, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(value == 9);
}

TEST_CASE("Descriptors: SQLBindCol writes the ARD, SQLBindParameter the APD and IPD", "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLHDESC ard = stmt_desc(st.h, SQL_ATTR_APP_ROW_DESC), apd = stmt_desc(st.h, SQL_ATTR_APP_PARAM_DESC);
  SQLHDESC ipd = stmt_desc(st.h, SQL_ATTR_IMP_PARAM_DESC);
  SQLINTEGER value = 0;
  SQLLEN ind = 0;
  char text[20];
  REQUIRE(SQLBindCol(st.h, 2, SQL_C_SLONG, &value, 0, &ind) == SQL_SUCCESS);
  CHECK(desc_small(ard, 0, SQL_DESC_COUNT) == 2);
  CHECK(desc_small(ard, 2, SQL_DESC_CONCISE_TYPE) == SQL_C_SLONG);
  CHECK(desc_pointer(ard, 2, SQL_DESC_DATA_PTR) == &value);
  CHECK(desc_pointer(ard, 2, SQL_DESC_INDICATOR_PTR) == &ind);
  CHECK(desc_pointer(ard, 2, SQL_DESC_OCTET_LENGTH_PTR) == &ind);
  CHECK(desc_pointer(ard, 1, SQL_DESC_DATA_PTR) == nullptr);
  REQUIRE(SQLBindCol(st.h, 3, SQL_C_TYPE_DATE, text, sizeof text, nullptr) == SQL_SUCCESS);
  CHECK(desc_small(ard, 3, SQL_DESC_TYPE) == SQL_DATETIME);
  CHECK(desc_small(ard, 3, SQL_DESC_DATETIME_INTERVAL_CODE) == SQL_CODE_DATE);
  // Unbinding the last column shrinks the count; SQL_UNBIND empties the ARD.
  REQUIRE(SQLBindCol(st.h, 3, SQL_C_CHAR, nullptr, 0, nullptr) == SQL_SUCCESS);
  CHECK(desc_small(ard, 0, SQL_DESC_COUNT) == 2);
  REQUIRE(SQLFreeStmt(st.h, SQL_UNBIND) == SQL_SUCCESS);
  CHECK(desc_small(ard, 0, SQL_DESC_COUNT) == 0);

  SQLCHAR amount[20] = "12.50";
  SQLLEN amount_len = SQL_NTS;
  REQUIRE(SQLBindParameter(st.h, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_DECIMAL, 10, 2, amount, sizeof amount,
                           &amount_len) == SQL_SUCCESS);
  CHECK(desc_small(apd, 1, SQL_DESC_CONCISE_TYPE) == SQL_C_CHAR);
  CHECK(desc_number(apd, 1, SQL_DESC_OCTET_LENGTH) == static_cast<SQLLEN>(sizeof amount));
  CHECK(desc_pointer(apd, 1, SQL_DESC_DATA_PTR) == amount);
  CHECK(desc_small(ipd, 1, SQL_DESC_CONCISE_TYPE) == SQL_DECIMAL);
  CHECK(desc_small(ipd, 1, SQL_DESC_PRECISION) == 10);
  CHECK(desc_small(ipd, 1, SQL_DESC_SCALE) == 2);
  CHECK(desc_small(ipd, 1, SQL_DESC_PARAMETER_TYPE) == SQL_PARAM_INPUT);

  // The IPD's scale, changed through the descriptor, is what the statement sends.
  REQUIRE(SQLSetDescField(ipd, 1, SQL_DESC_SCALE, ptr(1), 0) == SQL_SUCCESS);
  SQLSMALLINT type = 0, digits = 0;
  SQLULEN size = 0;
  REQUIRE(SQLPrepare(st.h, (SQLCHAR*)"SELECT ?", SQL_NTS) == SQL_SUCCESS);
  REQUIRE(SQLDescribeParam(st.h, 1, &type, &size, &digits, nullptr) == SQL_SUCCESS);
  CHECK(type == SQL_DECIMAL);
  CHECK(size == 10);
  CHECK(digits == 1);
  // The APD still points at the value: only the IPD changed.
  REQUIRE(SQL_SUCCEEDED(SQLExecute(st.h)));
  char out[32];
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  REQUIRE(SQLGetData(st.h, 1, SQL_C_CHAR, out, sizeof out, nullptr) == SQL_SUCCESS);
  CHECK(std::string(out) == "12.50");
}

TEST_CASE("Descriptors: errors of SQLGetDescField and SQLSetDescField", "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLHDESC ard = stmt_desc(st.h, SQL_ATTR_APP_ROW_DESC), ird = stmt_desc(st.h, SQL_ATTR_IMP_ROW_DESC);
  SQLSMALLINT count = -1;

  // An IRD before anything was prepared: HY007.
  CHECK(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "HY007");

  // Unknown field: HY091; a field the descriptor does not have: HY091.
  SQLLEN value = 0;
  CHECK(SQLGetDescField(ard, 1, 9999, &value, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY091");
  CHECK(SQLGetDescField(ard, 0, SQL_DESC_ROWS_PROCESSED_PTR, &value, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY091");
  // A read-only field: HY091.
  CHECK(SQLSetDescField(ard, 0, SQL_DESC_ALLOC_TYPE, ptr(SQL_DESC_ALLOC_USER), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY091");
  // Record 0 (bookmarks off) and negative records: 07009; past the count: SQL_NO_DATA.
  CHECK(SQLGetDescField(ard, 0, SQL_DESC_CONCISE_TYPE, &value, 0, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "07009");
  CHECK(SQLSetDescField(ard, -1, SQL_DESC_CONCISE_TYPE, ptr(SQL_C_CHAR), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "07009");
  CHECK(SQLGetDescField(ard, 5, SQL_DESC_CONCISE_TYPE, &value, 0, nullptr) == SQL_NO_DATA);

  // Consistency check on SQL_DESC_DATA_PTR: SQL_DATETIME without a code is HY021.
  SQL_DATE_STRUCT date;
  REQUIRE(SQLSetDescField(ard, 1, SQL_DESC_TYPE, ptr(SQL_DATETIME), 0) == SQL_SUCCESS);
  CHECK(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &date, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY021");
  CHECK(desc_pointer(ard, 1, SQL_DESC_DATA_PTR) == nullptr);
  REQUIRE(SQLSetDescField(ard, 1, SQL_DESC_DATETIME_INTERVAL_CODE, ptr(SQL_CODE_DATE), 0) == SQL_SUCCESS);
  CHECK(desc_small(ard, 1, SQL_DESC_CONCISE_TYPE) == SQL_C_TYPE_DATE);
  REQUIRE(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &date, 0) == SQL_SUCCESS);
  CHECK(desc_pointer(ard, 1, SQL_DESC_DATA_PTR) == &date);
  // Setting another field unbinds the record.
  REQUIRE(SQLSetDescField(ard, 1, SQL_DESC_OCTET_LENGTH, ptr(6), 0) == SQL_SUCCESS);
  CHECK(desc_pointer(ard, 1, SQL_DESC_DATA_PTR) == nullptr);
  // A C type the driver does not know: HY021.
  REQUIRE(SQLSetDescField(ard, 2, SQL_DESC_CONCISE_TYPE, ptr(12345), 0) == SQL_SUCCESS);
  CHECK(SQLSetDescField(ard, 2, SQL_DESC_DATA_PTR, &date, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY021");

  // The IRD after a query: its count is the result's, its records read-only (HY016),
  // its status and rows-processed pointers settable.
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 1 AS a, 'x' AS b, 2.5 AS c")));
  REQUIRE(SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, nullptr) == SQL_SUCCESS);
  CHECK(count == 3);
  CHECK(SQLSetDescField(ird, 1, SQL_DESC_CONCISE_TYPE, ptr(SQL_C_CHAR), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "HY016");
  CHECK(SQLSetDescField(ird, 0, SQL_DESC_COUNT, ptr(1), 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "HY016");
  SQLULEN rows = 0;
  REQUIRE(SQLSetDescField(ird, 0, SQL_DESC_ROWS_PROCESSED_PTR, &rows, 0) == SQL_SUCCESS);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(rows == 1);
  CHECK(SQLGetDescField(ird, 4, SQL_DESC_NAME, nullptr, 0, nullptr) == SQL_NO_DATA);

  // An automatically allocated descriptor cannot be freed.
  CHECK(SQLFreeHandle(SQL_HANDLE_DESC, ard) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ard) == "HY017");
}

TEST_CASE("Descriptors: IRD fields and records in A and W forms", "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  st.run("DROP TABLE IF EXISTS desc_ird");
  st.run("CREATE TABLE desc_ird (id INT NOT NULL PRIMARY KEY, amount DECIMAL(9,3), `grüße` VARCHAR(12), at DATETIME(3))");
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT id, amount, `grüße` AS label_ü, at FROM desc_ird")));
  SQLHDESC ird = stmt_desc(st.h, SQL_ATTR_IMP_ROW_DESC);
  CHECK(desc_small(ird, 1, SQL_DESC_NULLABLE) == SQL_NO_NULLS);
  CHECK(desc_small(ird, 2, SQL_DESC_CONCISE_TYPE) == SQL_DECIMAL);
  CHECK(desc_small(ird, 2, SQL_DESC_PRECISION) == 9);
  CHECK(desc_small(ird, 2, SQL_DESC_SCALE) == 3);
  CHECK(desc_small(ird, 4, SQL_DESC_TYPE) == SQL_DATETIME);
  CHECK(desc_small(ird, 4, SQL_DESC_DATETIME_INTERVAL_CODE) == SQL_CODE_TIMESTAMP);
  CHECK(desc_small(ird, 4, SQL_DESC_PRECISION) == 3);

  char name[64];
  SQLINTEGER length = 0;
  REQUIRE(SQLGetDescField(ird, 3, SQL_DESC_NAME, name, sizeof name, &length) == SQL_SUCCESS);
  CHECK(std::string(name) == "label_ü");
  CHECK(length == 8);  // bytes
  REQUIRE(SQLGetDescField(ird, 3, SQL_DESC_BASE_COLUMN_NAME, name, sizeof name, &length) == SQL_SUCCESS);
  CHECK(std::string(name) == "grüße");
  SQLWCHAR wname[64];
  REQUIRE(SQLGetDescFieldW(ird, 3, SQL_DESC_NAME, wname, sizeof wname, &length) == SQL_SUCCESS);
  CHECK(length == 7 * 2);  // bytes of UTF-16
  CHECK(wname[6] == 0x00FC);
  // Truncation: 01004, full length reported.
  REQUIRE(SQLGetDescField(ird, 3, SQL_DESC_NAME, name, 4, &length) == SQL_SUCCESS_WITH_INFO);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "01004");
  CHECK(length == 8);

  SQLSMALLINT name_length = 0, type = 0, subtype = 0, precision = 0, scale = 0, nullable = 0;
  SQLLEN octets = 0;
  REQUIRE(SQLGetDescRec(ird, 2, (SQLCHAR*)name, sizeof name, &name_length, &type, &subtype, &octets, &precision,
                        &scale, &nullable) == SQL_SUCCESS);
  CHECK(std::string(name) == "amount");
  CHECK(type == SQL_DECIMAL);
  CHECK(precision == 9);
  CHECK(scale == 3);
  CHECK(nullable == SQL_NULLABLE);
  REQUIRE(SQLGetDescRecW(ird, 3, wname, 64, &name_length, &type, &subtype, &octets, &precision, &scale,
                         &nullable) == SQL_SUCCESS);
  CHECK(name_length == 7);  // characters
  CHECK(SQLGetDescRec(ird, 5, (SQLCHAR*)name, sizeof name, &name_length, &type, &subtype, &octets, &precision,
                      &scale, &nullable) == SQL_NO_DATA);

  // SQLColAttribute answers from the same IRD, ODBC 2 fields included.
  SQLLEN number = 0;
  REQUIRE(SQLColAttribute(st.h, 2, SQL_DESC_PRECISION, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 9);
  REQUIRE(SQLColAttribute(st.h, 2, SQL_COLUMN_SCALE, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 3);
  REQUIRE(SQLColAttribute(st.h, 1, SQL_DESC_OCTET_LENGTH, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == 4);
  REQUIRE(SQLColAttribute(st.h, 1, SQL_COLUMN_NULLABLE, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == SQL_NO_NULLS);
  SQLSMALLINT text_length = 0;
  REQUIRE(SQLColAttribute(st.h, 3, SQL_COLUMN_NAME, name, sizeof name, &text_length, nullptr) == SQL_SUCCESS);
  CHECK(std::string(name) == "label_ü");
  REQUIRE(SQLColAttributeW(st.h, 3, SQL_DESC_LABEL, wname, sizeof wname, &text_length, nullptr) == SQL_SUCCESS);
  CHECK(text_length == 14);  // bytes
  // The W forms count bytes of UTF-16: an odd count is HY090.
  CHECK(SQLColAttributeW(st.h, 3, SQL_DESC_LABEL, wname, 7, &text_length, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY090");
  CHECK(SQLGetDescFieldW(ird, 3, SQL_DESC_NAME, wname, 7, &length) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "HY090");
  REQUIRE(SQLColAttribute(st.h, 3, SQL_DESC_UNNAMED, nullptr, 0, nullptr, &number) == SQL_SUCCESS);
  CHECK(number == SQL_NAMED);
  CHECK(SQLColAttribute(st.h, 1, SQL_DESC_DATA_PTR, nullptr, 0, nullptr, &number) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY091");
}

TEST_CASE("Descriptors: an explicit ARD filled by SQLCopyDesc from the IRD fetches the rows",
          "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLHDESC own_ard = stmt_desc(st.h, SQL_ATTR_APP_ROW_DESC);
  SQLHDESC desc = SQL_NULL_HDESC;
  REQUIRE(SQLAllocHandle(SQL_HANDLE_DESC, f.dbc.h, &desc) == SQL_SUCCESS);
  CHECK(desc_small(desc, 0, SQL_DESC_ALLOC_TYPE) == SQL_DESC_ALLOC_USER);

  st.run("DROP TABLE IF EXISTS desc_copy");
  st.run("CREATE TABLE desc_copy (id INT, word VARCHAR(6), quarter DOUBLE)");
  st.run("INSERT INTO desc_copy VALUES (1, 'w1', 0.25), (2, 'w2', 0.5), (3, 'w3', 0.75)");
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT id, word, quarter FROM desc_copy ORDER BY id")));
  SQLHDESC ird = stmt_desc(st.h, SQL_ATTR_IMP_ROW_DESC);
  REQUIRE(SQLCopyDesc(ird, desc) == SQL_SUCCESS);
  CHECK(desc_small(desc, 0, SQL_DESC_COUNT) == 3);
  // INTEGER, WCHAR and DOUBLE: the SQL type codes are also the C type codes.
  REQUIRE(desc_small(desc, 1, SQL_DESC_CONCISE_TYPE) == SQL_INTEGER);
  REQUIRE(desc_small(desc, 2, SQL_DESC_CONCISE_TYPE) == SQL_WVARCHAR);
  REQUIRE(desc_small(desc, 3, SQL_DESC_CONCISE_TYPE) == SQL_DOUBLE);

  SQLINTEGER id = 0;
  SQLWCHAR text[8];
  double quarter = 0;
  SQLLEN id_ind = 0, text_ind = 0, quarter_ind = 0;
  // WVARCHAR is not a C type: make it SQL_C_WCHAR, then bind (DATA_PTR last).
  REQUIRE(SQLSetDescField(desc, 2, SQL_DESC_CONCISE_TYPE, ptr(SQL_C_WCHAR), 0) == SQL_SUCCESS);
  REQUIRE(SQLSetDescField(desc, 2, SQL_DESC_OCTET_LENGTH, ptr(sizeof text), 0) == SQL_SUCCESS);
  SQLPOINTER data[3] = {&id, text, &quarter};
  SQLLEN* inds[3] = {&id_ind, &text_ind, &quarter_ind};
  for (SQLSMALLINT i = 1; i <= 3; ++i) {
    REQUIRE(SQLSetDescField(desc, i, SQL_DESC_INDICATOR_PTR, inds[i - 1], 0) == SQL_SUCCESS);
    REQUIRE(SQLSetDescField(desc, i, SQL_DESC_OCTET_LENGTH_PTR, inds[i - 1], 0) == SQL_SUCCESS);
    const SQLRETURN rc = SQLSetDescField(desc, i, SQL_DESC_DATA_PTR, data[i - 1], 0);
    INFO(describe(SQL_HANDLE_DESC, desc));
    REQUIRE(rc == SQL_SUCCESS);
  }
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, desc, 0) == SQL_SUCCESS);
  CHECK(stmt_desc(st.h, SQL_ATTR_APP_ROW_DESC) == desc);
  for (int row = 1; row <= 3; ++row) {
    REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
    CHECK(id == row);
    CHECK(text_ind == 4);
    CHECK(text[0] == 'w');
    CHECK(text[1] == '0' + row);
    CHECK(quarter == row / 4.0);
  }
  CHECK(SQLFetch(st.h) == SQL_NO_DATA);

  // Back to the statement's own ARD with SQL_NULL_HDESC.
  // (The driver manager answers SQLGetStmtAttr from its own copy: check through a binding.)
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, SQL_NULL_HDESC, 0) == SQL_SUCCESS);
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &id, 0, nullptr) == SQL_SUCCESS);
  CHECK(desc_small(own_ard, 0, SQL_DESC_COUNT) == 1);
  CHECK(desc_small(desc, 0, SQL_DESC_COUNT) == 3);
  CHECK(desc_small(desc, 1, SQL_DESC_CONCISE_TYPE) == SQL_INTEGER);
  // Another statement's implicit descriptor cannot be used: HY017.
  Stmt other(f.dbc);
  SQLHDESC other_ard = stmt_desc(other.h, SQL_ATTR_APP_ROW_DESC);
  CHECK(SQLSetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, other_ard, 0) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_STMT, st.h) == "HY017");

  // Freeing an explicit descriptor in use gives the statement its own ARD back.
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, desc, 0) == SQL_SUCCESS);
  // (The driver manager keeps its own idea of the handle: check through a binding.)
  REQUIRE(SQLFreeHandle(SQL_HANDLE_DESC, desc) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  REQUIRE(SQLFreeStmt(st.h, SQL_UNBIND) == SQL_SUCCESS);
  SQLINTEGER value = 0;
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT 42")));
  REQUIRE(SQLBindCol(st.h, 1, SQL_C_SLONG, &value, 0, nullptr) == SQL_SUCCESS);
  CHECK(desc_small(own_ard, 0, SQL_DESC_COUNT) == 1);
  CHECK(desc_pointer(own_ard, 1, SQL_DESC_DATA_PTR) == &value);
  REQUIRE(SQLFetch(st.h) == SQL_SUCCESS);
  CHECK(value == 42);
}

TEST_CASE("Descriptors: SQLSetDescRec, SQLGetDescRec and SQLCopyDesc between application descriptors",
          "[integration][descriptors]") {
  Fixture f;
  Stmt st(f.dbc);
  SQLHDESC a = SQL_NULL_HDESC, b = SQL_NULL_HDESC;
  REQUIRE(SQLAllocHandle(SQL_HANDLE_DESC, f.dbc.h, &a) == SQL_SUCCESS);
  REQUIRE(SQLAllocHandle(SQL_HANDLE_DESC, f.dbc.h, &b) == SQL_SUCCESS);
  SQL_NUMERIC_STRUCT number;
  SQLLEN length = 0, indicator = 0;
  REQUIRE(SQLSetDescRec(a, 1, SQL_C_NUMERIC, 0, sizeof number, 12, 4, &number, &length, &indicator) == SQL_SUCCESS);
  SQL_TIMESTAMP_STRUCT ts;
  REQUIRE(SQLSetDescRec(a, 2, SQL_DATETIME, SQL_CODE_TIMESTAMP, sizeof ts, 0, 0, &ts, nullptr, &indicator) ==
          SQL_SUCCESS);
  CHECK(desc_small(a, 2, SQL_DESC_CONCISE_TYPE) == SQL_C_TYPE_TIMESTAMP);
  // A precision out of range fails the consistency check.
  CHECK(SQLSetDescRec(a, 3, SQL_C_NUMERIC, 0, sizeof number, 0, 4, &number, nullptr, nullptr) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, a) == "HY021");
  CHECK(desc_small(a, 0, SQL_DESC_COUNT) == 2);

  REQUIRE(SQLCopyDesc(a, b) == SQL_SUCCESS);
  SQLCHAR name[16];
  SQLSMALLINT name_length = -1, type = 0, subtype = 0, precision = 0, scale = 0, nullable = 0;
  SQLLEN octets = 0;
  REQUIRE(SQLGetDescRec(b, 1, name, sizeof name, &name_length, &type, &subtype, &octets, &precision, &scale,
                        &nullable) == SQL_SUCCESS);
  CHECK(type == SQL_C_NUMERIC);
  CHECK(octets == static_cast<SQLLEN>(sizeof number));
  CHECK(precision == 12);
  CHECK(scale == 4);
  CHECK(name_length == 0);
  CHECK(desc_pointer(b, 1, SQL_DESC_DATA_PTR) == &number);
  REQUIRE(SQLGetDescRec(b, 2, name, sizeof name, &name_length, &type, &subtype, &octets, &precision, &scale,
                        &nullable) == SQL_SUCCESS);
  CHECK(type == SQL_DATETIME);
  CHECK(subtype == SQL_CODE_TIMESTAMP);

  // Fetch a DECIMAL through the explicit ARD's SQL_C_NUMERIC precision and scale.
  REQUIRE(SQLSetStmtAttr(st.h, SQL_ATTR_APP_ROW_DESC, b, 0) == SQL_SUCCESS);
  REQUIRE(SQL_SUCCEEDED(st.exec("SELECT CAST(3.14159 AS DECIMAL(12,5)), TIMESTAMP'2024-02-29 10:11:12'")));
  REQUIRE(SQL_SUCCEEDED(SQLFetch(st.h)));
  CHECK(number.scale == 4);
  CHECK(number.val[0] + 256 * number.val[1] == 31415);  // 3.1415: digits past the scale are cut
  CHECK(ts.year == 2024);
  CHECK(ts.second == 12);

  // The target of a copy cannot be an IRD (HY016); an IPD's name in the W form.
  SQLHDESC ird = stmt_desc(st.h, SQL_ATTR_IMP_ROW_DESC);
  CHECK(SQLCopyDesc(a, ird) == SQL_ERROR);
  CHECK(first_state(SQL_HANDLE_DESC, ird) == "HY016");
  SQLHDESC ipd = stmt_desc(st.h, SQL_ATTR_IMP_PARAM_DESC);
  const SQLWCHAR wide[] = {'p', 0x00E4, 'r', 0};
  REQUIRE(SQLSetDescFieldW(ipd, 1, SQL_DESC_NAME, const_cast<SQLWCHAR*>(wide), SQL_NTS) == SQL_SUCCESS);
  char narrow[16];
  SQLINTEGER narrow_length = 0;
  REQUIRE(SQLGetDescField(ipd, 1, SQL_DESC_NAME, narrow, sizeof narrow, &narrow_length) == SQL_SUCCESS);
  CHECK(std::string(narrow) == "pär");
  CHECK(desc_small(ipd, 1, SQL_DESC_UNNAMED) == SQL_NAMED);
  CHECK(SQLSetDescField(ipd, 1, SQL_DESC_UNNAMED, ptr(SQL_NAMED), 0) == SQL_ERROR);
  REQUIRE(SQLSetDescField(ipd, 1, SQL_DESC_UNNAMED, ptr(SQL_UNNAMED), 0) == SQL_SUCCESS);
  SQLWCHAR wide_out[16];
  REQUIRE(SQLGetDescFieldW(ipd, 1, SQL_DESC_NAME, wide_out, sizeof wide_out, &narrow_length) == SQL_SUCCESS);
  CHECK(narrow_length == 0);

  REQUIRE(SQLFreeStmt(st.h, SQL_CLOSE) == SQL_SUCCESS);
  REQUIRE(SQLFreeHandle(SQL_HANDLE_DESC, a) == SQL_SUCCESS);
  // b is freed by SQLDisconnect with the connection.
}
