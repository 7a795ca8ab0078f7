// Scrollable cursors: SQLFetchScroll, SQLExtendedFetch (ODBC 2; unixODBC 2.3 does not map
// it onto SQLFetchScroll, it calls the driver's or reports IM001), SQLSetPos and
// SQLBulkOperations.
#include <sql.h>
#include <sqlext.h>

#include "core/dispatch.h"
#include "core/statement.h"

using namespace holdfast;

extern "C" {

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT stmt, SQLSMALLINT orientation, SQLLEN offset) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.fetch_scroll(orientation, offset); });
}

SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT stmt, SQLUSMALLINT orientation, SQLLEN offset, SQLULEN* rows,
                                   SQLUSMALLINT* status) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.extended_fetch(orientation, offset, rows, status); });
}

SQLRETURN SQL_API SQLSetPos(SQLHSTMT stmt, SQLSETPOSIROW row, SQLUSMALLINT operation, SQLUSMALLINT lock) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.set_pos(row, operation, lock); });
}

SQLRETURN SQL_API SQLBulkOperations(SQLHSTMT stmt, SQLSMALLINT operation) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.bulk_operations(operation); });
}

}  // extern "C"
