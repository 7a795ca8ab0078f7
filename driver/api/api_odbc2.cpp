// ODBC 2 entry points the driver manager cannot map onto the ODBC 3 ones for us.
//
// unixODBC (2.3) maps SQLColAttributes, SQLParamOptions, SQLSetScrollOptions and the
// option functions itself when the driver lacks them. SQLSetParam it maps to
// SQLBindParameter with SQL_PARAM_INPUT_OUTPUT and BufferLength SQL_SETPARAM_VALUE_MAX
// (-1), which a driver must refuse for SQLBindParameter (HY090, and an input/output
// parameter outside {call}); so the driver takes SQLSetParam itself. An ODBC 1 parameter
// is an input: its value is read through the indicator (SQL_NTS or a length, or
// NUL-terminated without one), never bounded by a buffer length.
#include <sql.h>
#include <sqlext.h>

#include "core/dispatch.h"
#include "core/statement.h"

using namespace holdfast;

extern "C" {

SQLRETURN SQL_API SQLSetParam(SQLHSTMT stmt, SQLUSMALLINT number, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                              SQLULEN precision, SQLSMALLINT scale, SQLPOINTER value, SQLLEN* indicator) {
  return guarded<Statement>(stmt, [&](Statement& s) {
    return s.bind_parameter(number, SQL_PARAM_INPUT, c_type, sql_type, precision, scale, value, 0, indicator);
  });
}

}  // extern "C"
