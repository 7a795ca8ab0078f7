// Data at execution: SQLParamData and SQLPutData (core/statement_data_at_exec.cpp).
#include <sql.h>
#include <sqlext.h>

#include "core/dispatch.h"
#include "core/statement.h"

using namespace holdfast;

extern "C" {

SQLRETURN SQL_API SQLParamData(SQLHSTMT stmt, SQLPOINTER* value) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.param_data(value); });
}

SQLRETURN SQL_API SQLPutData(SQLHSTMT stmt, SQLPOINTER data, SQLLEN length) {
  return guarded<Statement>(stmt, [&](Statement& s) { return s.put_data(data, length); });
}

}  // extern "C"
