// The ODBC functions the driver implements, as data, and the answers of SQLGetFunctions
// built from it.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <span>
#include <string_view>

namespace holdfast {

struct OdbcFunction {
  SQLUSMALLINT id;        // SQL_API_SQLXXX
  std::string_view name;  // "SQLXxx"
  bool implemented;       // false: listed, entry point pending; not reported as supported
};

// Every function listed, sorted by id.
std::span<const OdbcFunction> odbc_functions() noexcept;

// SQLGetFunctions(FunctionId = id). False for SQL_API_ALL_FUNCTIONS and
// SQL_API_ODBC3_ALL_FUNCTIONS, which are not functions.
bool function_supported(SQLUSMALLINT id) noexcept;

// SQLGetFunctions(SQL_API_ODBC3_ALL_FUNCTIONS): the bitmap read by SQL_FUNC_EXISTS
// (word id >> 4, bit id & 15). Clears the whole bitmap first.
void fill_functions_odbc3(SQLUSMALLINT bitmap[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE]) noexcept;

// SQLGetFunctions(SQL_API_ALL_FUNCTIONS): array[id] = SQL_TRUE or SQL_FALSE for the ODBC 2
// function ids (all below 100). Clears the whole array first.
void fill_functions_odbc2(SQLUSMALLINT array[100]) noexcept;

}  // namespace holdfast
