// The ODBC functions the driver implements. Add a row when an entry point is written; the
// SQLGetFunctions answers follow from this list alone.
#include "core/function_list.h"

#include <algorithm>
#include <array>

namespace holdfast {
namespace {

#define HF_FUNCTION(id, name) OdbcFunction{id, name, true}
#define HF_PENDING(id, name) OdbcFunction{id, name, false}

constexpr auto kUnsorted = std::to_array<OdbcFunction>({
    // Handles
    HF_FUNCTION(SQL_API_SQLALLOCHANDLE, "SQLAllocHandle"),
    HF_FUNCTION(SQL_API_SQLALLOCENV, "SQLAllocEnv"),
    HF_FUNCTION(SQL_API_SQLALLOCCONNECT, "SQLAllocConnect"),
    HF_FUNCTION(SQL_API_SQLALLOCSTMT, "SQLAllocStmt"),
    HF_FUNCTION(SQL_API_SQLFREEHANDLE, "SQLFreeHandle"),
    HF_FUNCTION(SQL_API_SQLFREEENV, "SQLFreeEnv"),
    HF_FUNCTION(SQL_API_SQLFREECONNECT, "SQLFreeConnect"),
    HF_FUNCTION(SQL_API_SQLFREESTMT, "SQLFreeStmt"),
    // Connections
    HF_FUNCTION(SQL_API_SQLCONNECT, "SQLConnect"),
    HF_FUNCTION(SQL_API_SQLDRIVERCONNECT, "SQLDriverConnect"),
    HF_FUNCTION(SQL_API_SQLDISCONNECT, "SQLDisconnect"),
    // Diagnostics
    HF_FUNCTION(SQL_API_SQLGETDIAGREC, "SQLGetDiagRec"),
    HF_FUNCTION(SQL_API_SQLGETDIAGFIELD, "SQLGetDiagField"),
    HF_FUNCTION(SQL_API_SQLERROR, "SQLError"),
    // Statements and results
    HF_FUNCTION(SQL_API_SQLEXECDIRECT, "SQLExecDirect"),
    HF_FUNCTION(SQL_API_SQLPREPARE, "SQLPrepare"),
    HF_FUNCTION(SQL_API_SQLEXECUTE, "SQLExecute"),
    HF_FUNCTION(SQL_API_SQLNUMRESULTCOLS, "SQLNumResultCols"),
    HF_FUNCTION(SQL_API_SQLDESCRIBECOL, "SQLDescribeCol"),
    // SQL_API_SQLCOLATTRIBUTE == SQL_API_SQLCOLATTRIBUTES (6): one id for both entry points.
    HF_FUNCTION(SQL_API_SQLCOLATTRIBUTE, "SQLColAttribute"),
    HF_FUNCTION(SQL_API_SQLBINDCOL, "SQLBindCol"),
    HF_FUNCTION(SQL_API_SQLFETCH, "SQLFetch"),
    HF_FUNCTION(SQL_API_SQLFETCHSCROLL, "SQLFetchScroll"),
    HF_FUNCTION(SQL_API_SQLEXTENDEDFETCH, "SQLExtendedFetch"),
    HF_FUNCTION(SQL_API_SQLSETPOS, "SQLSetPos"),
    HF_FUNCTION(SQL_API_SQLBULKOPERATIONS, "SQLBulkOperations"),
    HF_FUNCTION(SQL_API_SQLGETDATA, "SQLGetData"),
    HF_FUNCTION(SQL_API_SQLROWCOUNT, "SQLRowCount"),
    HF_FUNCTION(SQL_API_SQLCLOSECURSOR, "SQLCloseCursor"),
    HF_FUNCTION(SQL_API_SQLMORERESULTS, "SQLMoreResults"),
    HF_FUNCTION(SQL_API_SQLNUMPARAMS, "SQLNumParams"),
    HF_FUNCTION(SQL_API_SQLDESCRIBEPARAM, "SQLDescribeParam"),
    HF_FUNCTION(SQL_API_SQLBINDPARAMETER, "SQLBindParameter"),
    HF_FUNCTION(SQL_API_SQLPARAMDATA, "SQLParamData"),
    HF_FUNCTION(SQL_API_SQLPUTDATA, "SQLPutData"),
    HF_FUNCTION(SQL_API_SQLSETPARAM, "SQLSetParam"),
    HF_FUNCTION(SQL_API_SQLCANCEL, "SQLCancel"),
    HF_FUNCTION(SQL_API_SQLNATIVESQL, "SQLNativeSql"),
    HF_FUNCTION(SQL_API_SQLSETCURSORNAME, "SQLSetCursorName"),
    HF_FUNCTION(SQL_API_SQLGETCURSORNAME, "SQLGetCursorName"),
    // Descriptors
    HF_FUNCTION(SQL_API_SQLGETDESCFIELD, "SQLGetDescField"),
    HF_FUNCTION(SQL_API_SQLSETDESCFIELD, "SQLSetDescField"),
    HF_FUNCTION(SQL_API_SQLGETDESCREC, "SQLGetDescRec"),
    HF_FUNCTION(SQL_API_SQLSETDESCREC, "SQLSetDescRec"),
    HF_FUNCTION(SQL_API_SQLCOPYDESC, "SQLCopyDesc"),
    // Transactions
    HF_FUNCTION(SQL_API_SQLENDTRAN, "SQLEndTran"),
    HF_FUNCTION(SQL_API_SQLTRANSACT, "SQLTransact"),
    // Information
    HF_FUNCTION(SQL_API_SQLGETINFO, "SQLGetInfo"),
    HF_FUNCTION(SQL_API_SQLGETFUNCTIONS, "SQLGetFunctions"),
    HF_FUNCTION(SQL_API_SQLGETTYPEINFO, "SQLGetTypeInfo"),
    // Attributes (and their ODBC 2 forms)
    HF_FUNCTION(SQL_API_SQLGETENVATTR, "SQLGetEnvAttr"),
    HF_FUNCTION(SQL_API_SQLSETENVATTR, "SQLSetEnvAttr"),
    HF_FUNCTION(SQL_API_SQLGETCONNECTATTR, "SQLGetConnectAttr"),
    HF_FUNCTION(SQL_API_SQLSETCONNECTATTR, "SQLSetConnectAttr"),
    HF_FUNCTION(SQL_API_SQLGETCONNECTOPTION, "SQLGetConnectOption"),
    HF_FUNCTION(SQL_API_SQLSETCONNECTOPTION, "SQLSetConnectOption"),
    HF_FUNCTION(SQL_API_SQLGETSTMTATTR, "SQLGetStmtAttr"),
    HF_FUNCTION(SQL_API_SQLSETSTMTATTR, "SQLSetStmtAttr"),
    HF_FUNCTION(SQL_API_SQLGETSTMTOPTION, "SQLGetStmtOption"),
    HF_FUNCTION(SQL_API_SQLSETSTMTOPTION, "SQLSetStmtOption"),
    // Catalog
    HF_FUNCTION(SQL_API_SQLTABLES, "SQLTables"),
    HF_FUNCTION(SQL_API_SQLCOLUMNS, "SQLColumns"),
    HF_FUNCTION(SQL_API_SQLPRIMARYKEYS, "SQLPrimaryKeys"),
    HF_FUNCTION(SQL_API_SQLSTATISTICS, "SQLStatistics"),
    HF_FUNCTION(SQL_API_SQLFOREIGNKEYS, "SQLForeignKeys"),
    HF_FUNCTION(SQL_API_SQLPROCEDURES, "SQLProcedures"),
    HF_FUNCTION(SQL_API_SQLPROCEDURECOLUMNS, "SQLProcedureColumns"),
    HF_FUNCTION(SQL_API_SQLSPECIALCOLUMNS, "SQLSpecialColumns"),
    HF_FUNCTION(SQL_API_SQLTABLEPRIVILEGES, "SQLTablePrivileges"),
    HF_FUNCTION(SQL_API_SQLCOLUMNPRIVILEGES, "SQLColumnPrivileges"),
});

#undef HF_FUNCTION
#undef HF_PENDING

constexpr auto sort_by_id(std::array<OdbcFunction, kUnsorted.size()> functions) {
  std::sort(functions.begin(), functions.end(),
            [](const OdbcFunction& a, const OdbcFunction& b) { return a.id < b.id; });
  return functions;
}

constexpr auto kFunctions = sort_by_id(kUnsorted);

constexpr bool ids_valid() {
  for (std::size_t i = 0; i < kFunctions.size(); ++i) {
    if (i > 0 && kFunctions[i - 1].id == kFunctions[i].id) return false;
    if (kFunctions[i].id >= SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16) return false;
    if (kFunctions[i].id == SQL_API_ALL_FUNCTIONS) return false;
  }
  return true;
}
static_assert(ids_valid(), "function ids must be distinct and fit the ODBC 3 bitmap");

}  // namespace

std::span<const OdbcFunction> odbc_functions() noexcept { return kFunctions; }

bool function_supported(SQLUSMALLINT id) noexcept {
  auto it = std::lower_bound(kFunctions.begin(), kFunctions.end(), id,
                             [](const OdbcFunction& f, SQLUSMALLINT i) { return f.id < i; });
  return it != kFunctions.end() && it->id == id && it->implemented;
}

void fill_functions_odbc3(SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE]) noexcept {
  std::fill_n(bitmap, SQL_API_ODBC3_ALL_FUNCTIONS_SIZE, SQLUSMALLINT{0});
  for (const OdbcFunction& f : kFunctions) {
    if (f.implemented) bitmap[f.id >> 4] |= static_cast<SQLUSMALLINT>(1u << (f.id & 0xF));
  }
}

void fill_functions_odbc2(SQLUSMALLINT array[100]) noexcept {
  std::fill_n(array, 100, SQLUSMALLINT{SQL_FALSE});
  for (const OdbcFunction& f : kFunctions) {
    if (f.implemented && f.id < 100) array[f.id] = SQL_TRUE;
  }
}

}  // namespace holdfast
