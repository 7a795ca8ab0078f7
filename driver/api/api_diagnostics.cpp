// SQLGetDiagRec, SQLGetDiagField, SQLError: they read diagnostics and keep them.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <mutex>

#include "core/diag_access.h"

using namespace holdfast;

namespace {

template <class Body>
SQLRETURN with_handle(SQLSMALLINT type, SQLHANDLE raw, Body&& body) noexcept {
  HandleBase* h = find_handle(type, raw);
  if (!h) return SQL_INVALID_HANDLE;
  try {
    std::lock_guard lock(h->mutex());
    return body(*h);
  } catch (...) {
    return SQL_ERROR;
  }
}

SQLRETURN diag_rec(SQLSMALLINT type, SQLHANDLE raw, SQLSMALLINT record, void* state, SQLINTEGER* native,
                   void* message, SQLSMALLINT capacity, SQLSMALLINT* length, CharWidth width) {
  return with_handle(type, raw, [&](HandleBase& h) {
    return get_diag_rec(h, record, state, native, TextOut{message, capacity, width, LengthUnit::chars}, length);
  });
}

SQLRETURN diag_field(SQLSMALLINT type, SQLHANDLE raw, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                     SQLSMALLINT capacity, SQLSMALLINT* length, CharWidth width) {
  return with_handle(type, raw, [&](HandleBase& h) {
    return get_diag_field(h, record, field, value, capacity, length, width);
  });
}

SQLRETURN error(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, void* state, SQLINTEGER* native, void* message,
                SQLSMALLINT capacity, SQLSMALLINT* length, CharWidth width) {
  SQLSMALLINT type = SQL_HANDLE_STMT;
  SQLHANDLE raw = stmt;
  if (!stmt) {
    type = dbc ? SQL_HANDLE_DBC : SQL_HANDLE_ENV;
    raw = dbc ? dbc : env;
  }
  return with_handle(type, raw, [&](HandleBase& h) {
    return odbc2_error(h, state, native, TextOut{message, capacity, width, LengthUnit::chars}, length);
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record, SQLCHAR* state,
                                SQLINTEGER* native, SQLCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return diag_rec(type, handle, record, state, native, message, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record, SQLWCHAR* state,
                                 SQLINTEGER* native, SQLWCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return diag_rec(type, handle, record, state, native, message, capacity, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                                  SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return diag_field(type, handle, record, field, value, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT record, SQLSMALLINT field,
                                   SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return diag_field(type, handle, record, field, value, capacity, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLError(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, SQLCHAR* state, SQLINTEGER* native,
                           SQLCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return error(env, dbc, stmt, state, native, message, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLErrorW(SQLHENV env, SQLHDBC dbc, SQLHSTMT stmt, SQLWCHAR* state, SQLINTEGER* native,
                            SQLWCHAR* message, SQLSMALLINT capacity, SQLSMALLINT* length) {
  return error(env, dbc, stmt, state, native, message, capacity, length, CharWidth::wide);
}

}  // extern "C"
