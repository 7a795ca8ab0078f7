// Describing and fetching results.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/dispatch.h"
#include "core/statement.h"

using namespace holdfast;

namespace {

SQLRETURN describe_col(SQLHSTMT stmt, SQLUSMALLINT column, void* name, SQLSMALLINT capacity, SQLSMALLINT* length,
                       SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable, CharWidth width) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    if (capacity < 0) throw OdbcError("HY090", "Invalid string or buffer length");
    return s.describe_col(column, TextOut{name, capacity, width, LengthUnit::chars}, length, type, size, digits,
                          nullable);
  });
}

SQLRETURN col_attribute(SQLHSTMT stmt, SQLUSMALLINT column, SQLUSMALLINT field, SQLPOINTER text,
                        SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* number, CharWidth width) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return s.col_attribute(column, field, TextOut{text, capacity, width, LengthUnit::bytes}, length, number);
  });
}

template <class Char>
SQLRETURN set_cursor_name(SQLHSTMT stmt, Char* name, SQLSMALLINT length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    if (!name) throw OdbcError("HY009", "Invalid use of null pointer: no cursor name");
    return s.set_cursor_name(text_in(name, length));
  });
}

SQLRETURN get_cursor_name(SQLHSTMT stmt, void* name, SQLSMALLINT capacity, SQLSMALLINT* length, CharWidth width) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    if (capacity < 0) throw OdbcError("HY090", "Invalid string or buffer length");
    return s.get_cursor_name(TextOut{name, capacity, width, LengthUnit::chars}, length);
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT stmt, SQLSMALLINT* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.num_result_cols(count); });
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT stmt, SQLUSMALLINT column, SQLCHAR* name, SQLSMALLINT capacity,
                                 SQLSMALLINT* length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                 SQLSMALLINT* nullable) {
  return describe_col(stmt, column, name, capacity, length, type, size, digits, nullable, CharWidth::narrow);
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT stmt, SQLUSMALLINT column, SQLWCHAR* name, SQLSMALLINT capacity,
                                  SQLSMALLINT* length, SQLSMALLINT* type, SQLULEN* size, SQLSMALLINT* digits,
                                  SQLSMALLINT* nullable) {
  return describe_col(stmt, column, name, capacity, length, type, size, digits, nullable, CharWidth::wide);
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT stmt, SQLUSMALLINT column, SQLUSMALLINT field, SQLPOINTER text,
                                  SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* number) {
  return col_attribute(stmt, column, field, text, capacity, length, number, CharWidth::narrow);
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT stmt, SQLUSMALLINT column, SQLUSMALLINT field, SQLPOINTER text,
                                   SQLSMALLINT capacity, SQLSMALLINT* length, SQLLEN* number) {
  return col_attribute(stmt, column, field, text, capacity, length, number, CharWidth::wide);
}

SQLRETURN SQL_API SQLBindCol(SQLHSTMT stmt, SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer,
                             SQLLEN capacity, SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.bind_column(column, c_type, buffer, capacity, indicator); });
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [](Statement& s) { return s.fetch(); });
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT stmt, SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER buffer,
                             SQLLEN capacity, SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.get_data(column, c_type, buffer, capacity, indicator); });
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT stmt, SQLLEN* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.row_count(count); });
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [](Statement& s) { return s.more_results(); });
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [](Statement& s) { return s.close_cursor(true); });
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT stmt, SQLCHAR* name, SQLSMALLINT length) {
  return set_cursor_name(stmt, name, length);
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT stmt, SQLWCHAR* name, SQLSMALLINT length) {
  return set_cursor_name(stmt, name, length);
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT stmt, SQLCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_cursor_name(stmt, name, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT stmt, SQLWCHAR* name, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return get_cursor_name(stmt, name, capacity, length, CharWidth::wide);
}

}  // extern "C"
