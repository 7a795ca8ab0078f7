// Preparing and executing statements, parameters.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/connection.h"
#include "core/dispatch.h"
#include "core/statement.h"
#include "core/statement_sql.h"

using namespace holdfast;

namespace {

template <class Char>
SQLRETURN exec_direct(SQLHSTMT stmt, Char* text, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "Invalid use of null pointer: no statement text");
    return s.exec_direct(text_in(text, length));
  });
}

template <class Char>
SQLRETURN prepare(SQLHSTMT stmt, Char* text, SQLINTEGER length) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    if (!text) throw OdbcError("HY009", "Invalid use of null pointer: no statement text");
    return s.prepare(text_in(text, length));
  });
}

template <class Char>
SQLRETURN native_sql(SQLHDBC dbc, Char* in, SQLINTEGER in_length, Char* out, SQLINTEGER capacity,
                     SQLINTEGER* out_length, CharWidth width) {
  return guarded<Connection>(dbc, [&](Connection& c) {
    if (!in) throw OdbcError("HY009", "Invalid use of null pointer: no statement text");
    const std::string translated = native_sql_text(text_in(in, in_length), scan_options(c.config().charset, false));
    bool truncated = false;
    store_length(out_length, write_text(translated, TextOut{out, capacity, width, LengthUnit::chars}, truncated));
    if (truncated) c.warn("01004", "String data, right truncated");
    return SQL_SUCCESS;
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT stmt, SQLCHAR* text, SQLINTEGER length) {
  return exec_direct(stmt, text, length);
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT stmt, SQLWCHAR* text, SQLINTEGER length) {
  return exec_direct(stmt, text, length);
}

SQLRETURN SQL_API SQLPrepare(SQLHSTMT stmt, SQLCHAR* text, SQLINTEGER length) { return prepare(stmt, text, length); }

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT stmt, SQLWCHAR* text, SQLINTEGER length) { return prepare(stmt, text, length); }

SQLRETURN SQL_API SQLExecute(SQLHSTMT stmt) {
  return guarded<Statement>(stmt, [](Statement& s) { return s.execute(); });
}

SQLRETURN SQL_API SQLNativeSql(SQLHDBC dbc, SQLCHAR* in, SQLINTEGER in_length, SQLCHAR* out, SQLINTEGER capacity,
                               SQLINTEGER* out_length) {
  return native_sql(dbc, in, in_length, out, capacity, out_length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC dbc, SQLWCHAR* in, SQLINTEGER in_length, SQLWCHAR* out, SQLINTEGER capacity,
                                SQLINTEGER* out_length) {
  return native_sql(dbc, in, in_length, out, capacity, out_length, CharWidth::wide);
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT stmt, SQLSMALLINT* count) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.num_params(count); });
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT* type, SQLULEN* size,
                                   SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.describe_param(number, type, size, digits, nullable); });
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                   SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT digits, SQLPOINTER buffer,
                                   SQLLEN buffer_length, SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return s.bind_parameter(number, io_type, c_type, sql_type, column_size, digits, buffer, buffer_length, indicator);
  });
}

SQLRETURN SQL_API SQLCancel(SQLHSTMT stmt) {
  // No lock: SQLCancel may come from another thread while the statement runs.
  return guarded<Statement>(stmt, [](Statement& s) { return s.cancel(); }, Locking::no_lock, DiagReset::keep);
}

}  // extern "C"
