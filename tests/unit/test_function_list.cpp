#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/function_list.h"

using holdfast::fill_functions_odbc2;
using holdfast::fill_functions_odbc3;
using holdfast::function_supported;

namespace {

// The entry points the driver implements, written out independently of the list.
const std::set<SQLUSMALLINT> kImplemented = {
    SQL_API_SQLALLOCHANDLE,     SQL_API_SQLALLOCENV,        SQL_API_SQLALLOCCONNECT,
    SQL_API_SQLALLOCSTMT,       SQL_API_SQLFREEHANDLE,      SQL_API_SQLFREEENV,
    SQL_API_SQLFREECONNECT,     SQL_API_SQLFREESTMT,        SQL_API_SQLCONNECT,
    SQL_API_SQLDRIVERCONNECT,   SQL_API_SQLDISCONNECT,      SQL_API_SQLGETDIAGREC,
    SQL_API_SQLGETDIAGFIELD,    SQL_API_SQLERROR,           SQL_API_SQLEXECDIRECT,
    SQL_API_SQLPREPARE,         SQL_API_SQLEXECUTE,         SQL_API_SQLNUMRESULTCOLS,
    SQL_API_SQLDESCRIBECOL,     SQL_API_SQLCOLATTRIBUTE,    SQL_API_SQLBINDCOL,
    SQL_API_SQLFETCH,           SQL_API_SQLGETDATA,         SQL_API_SQLROWCOUNT,
    SQL_API_SQLCLOSECURSOR,     SQL_API_SQLMORERESULTS,     SQL_API_SQLENDTRAN,
    SQL_API_SQLTRANSACT,        SQL_API_SQLGETINFO,         SQL_API_SQLGETFUNCTIONS,
    SQL_API_SQLGETTYPEINFO,     SQL_API_SQLGETENVATTR,      SQL_API_SQLSETENVATTR,
    SQL_API_SQLGETCONNECTATTR,  SQL_API_SQLSETCONNECTATTR,  SQL_API_SQLGETCONNECTOPTION,
    SQL_API_SQLSETCONNECTOPTION, SQL_API_SQLGETSTMTATTR,    SQL_API_SQLSETSTMTATTR,
    SQL_API_SQLGETSTMTOPTION,   SQL_API_SQLSETSTMTOPTION,   SQL_API_SQLNUMPARAMS,
    SQL_API_SQLBINDPARAMETER,   SQL_API_SQLCANCEL,          SQL_API_SQLNATIVESQL,
    SQL_API_SQLDESCRIBEPARAM,   SQL_API_SQLTABLES,          SQL_API_SQLCOLUMNS,
    SQL_API_SQLPRIMARYKEYS,     SQL_API_SQLSTATISTICS,      SQL_API_SQLFOREIGNKEYS,
    SQL_API_SQLPROCEDURES,      SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLSPECIALCOLUMNS,
    SQL_API_SQLTABLEPRIVILEGES, SQL_API_SQLCOLUMNPRIVILEGES,
    SQL_API_SQLGETDESCFIELD,    SQL_API_SQLSETDESCFIELD,    SQL_API_SQLGETDESCREC,
    SQL_API_SQLSETDESCREC,      SQL_API_SQLCOPYDESC,        SQL_API_SQLSETCURSORNAME,
    SQL_API_SQLGETCURSORNAME,   SQL_API_SQLSETPARAM,
    SQL_API_SQLFETCHSCROLL,     SQL_API_SQLEXTENDEDFETCH,   SQL_API_SQLSETPOS,
    SQL_API_SQLBULKOPERATIONS,  SQL_API_SQLPARAMDATA,       SQL_API_SQLPUTDATA,
};

constexpr SQLUSMALLINT kBitmapBits = SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16;

}  // namespace

TEST_CASE("the ODBC 3 bitmap has exactly the implemented functions", "[unit][functions]") {
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
  std::fill(std::begin(bitmap), std::end(bitmap), SQLUSMALLINT{0xFFFF});  // must be cleared
  fill_functions_odbc3(bitmap);
  for (SQLUSMALLINT id = 0; id < kBitmapBits; ++id) {
    INFO(id);
    const bool expected = kImplemented.count(id) != 0;
    CHECK((SQL_FUNC_EXISTS(bitmap, id) == SQL_TRUE) == expected);
  }
}

TEST_CASE("SQL_FUNC_EXISTS reads the bitmap as the Driver Manager does", "[unit][functions]") {
  SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
  fill_functions_odbc3(bitmap);
  // SQLAllocHandle is 1001: word 62, bit 9.
  CHECK((bitmap[SQL_API_SQLALLOCHANDLE >> 4] & (1u << (SQL_API_SQLALLOCHANDLE & 0xF))) != 0);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLALLOCHANDLE) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLGETFUNCTIONS) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLCOLATTRIBUTES) == SQL_TRUE);  // same id, 6
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLFETCHSCROLL) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLBINDPARAM) == SQL_FALSE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLEXTENDEDFETCH) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLTABLES) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLCOLUMNS) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLFOREIGNKEYS) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLTABLEPRIVILEGES) == SQL_TRUE);
  CHECK(SQL_FUNC_EXISTS(bitmap, SQL_API_SQLCOLUMNPRIVILEGES) == SQL_TRUE);
}

TEST_CASE("the ODBC 2 array has exactly the implemented functions below 100",
          "[unit][functions]") {
  SQLUSMALLINT array[100];
  std::fill(std::begin(array), std::end(array), SQLUSMALLINT{7});  // must be cleared
  fill_functions_odbc2(array);
  for (SQLUSMALLINT id = 0; id < 100; ++id) {
    INFO(id);
    CHECK(array[id] == (kImplemented.count(id) ? SQL_TRUE : SQL_FALSE));
  }
  CHECK(array[SQL_API_SQLALLOCENV] == SQL_TRUE);
  CHECK(array[SQL_API_SQLERROR] == SQL_TRUE);
  CHECK(array[SQL_API_SQLTABLES] == SQL_TRUE);
  CHECK(array[SQL_API_SQLFOREIGNKEYS] == SQL_TRUE);
  CHECK(array[SQL_API_SQLTABLEPRIVILEGES] == SQL_TRUE);
}

TEST_CASE("function_supported answers single ids", "[unit][functions]") {
  for (SQLUSMALLINT id = 0; id < kBitmapBits; ++id) {
    INFO(id);
    CHECK(function_supported(id) == (kImplemented.count(id) != 0));
  }
  CHECK_FALSE(function_supported(SQL_API_ALL_FUNCTIONS));
  CHECK_FALSE(function_supported(SQL_API_ODBC3_ALL_FUNCTIONS));
  CHECK_FALSE(function_supported(65535));
}

TEST_CASE("the function list is sorted, named and marks pending entries", "[unit][functions]") {
  const auto functions = holdfast::odbc_functions();
  std::set<SQLUSMALLINT> implemented;
  std::set<SQLUSMALLINT> pending;
  for (std::size_t i = 0; i < functions.size(); ++i) {
    INFO(functions[i].name);
    if (i > 0) CHECK(functions[i - 1].id < functions[i].id);
    CHECK(functions[i].name.starts_with("SQL"));
    (functions[i].implemented ? implemented : pending).insert(functions[i].id);
  }
  CHECK(implemented == kImplemented);
  CHECK(pending.empty());
}
