// SQLGetInfo, SQLGetFunctions, SQLGetTypeInfo.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/connection.h"
#include "core/dispatch.h"
#include "core/function_list.h"
#include "core/statement.h"

using namespace holdfast;

namespace {

SQLRETURN get_info(SQLHDBC dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity, SQLSMALLINT* length,
                   CharWidth width) {
  return guarded<Connection>(dbc, [&](Connection& c) { return c.get_info(type, value, capacity, length, width); });
}

SQLRETURN type_info(SQLHSTMT stmt, SQLSMALLINT type) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.type_info(type); });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetInfo(SQLHDBC dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity,
                             SQLSMALLINT* length) {
  return get_info(dbc, type, value, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT capacity,
                              SQLSMALLINT* length) {
  return get_info(dbc, type, value, capacity, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC dbc, SQLUSMALLINT function, SQLUSMALLINT* supported) {
  return guarded<Connection>(dbc, [&](Connection&) {
    if (!supported) throw OdbcError("HY009", "Invalid use of null pointer");
    if (function == SQL_API_ODBC3_ALL_FUNCTIONS)
      fill_functions_odbc3(supported);
    else if (function == SQL_API_ALL_FUNCTIONS)
      fill_functions_odbc2(supported);
    else
      *supported = function_supported(function) ? SQL_TRUE : SQL_FALSE;
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT stmt, SQLSMALLINT type) { return type_info(stmt, type); }

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT stmt, SQLSMALLINT type) { return type_info(stmt, type); }

}  // extern "C"
