// The SQLGetTypeInfo result set as data: one row per MySQL/MariaDB type (a type can appear
// under several ODBC types, e.g. text under SQL_LONGVARCHAR and SQL_WLONGVARCHAR), ordered
// by DATA_TYPE and then by how closely the type maps to it; and the 19 columns.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

namespace holdfast {

// One row, with the ODBC 3 column values. nullptr / nullopt is SQL NULL.
struct TypeInfoRow {
  const char* type_name;                     //  1 TYPE_NAME
  SQLSMALLINT data_type;                     //  2 DATA_TYPE
  std::optional<SQLINTEGER> column_size;     //  3 COLUMN_SIZE (ODBC 2: PRECISION)
  const char* literal_prefix;                //  4 LITERAL_PREFIX
  const char* literal_suffix;                //  5 LITERAL_SUFFIX
  const char* create_params;                 //  6 CREATE_PARAMS
  SQLSMALLINT nullable;                      //  7 NULLABLE
  SQLSMALLINT case_sensitive;                //  8 CASE_SENSITIVE
  SQLSMALLINT searchable;                    //  9 SEARCHABLE
  std::optional<SQLSMALLINT> unsigned_attribute;  // 10 UNSIGNED_ATTRIBUTE
  SQLSMALLINT fixed_prec_scale;              // 11 FIXED_PREC_SCALE (ODBC 2: MONEY)
  std::optional<SQLSMALLINT> auto_unique_value;   // 12 AUTO_UNIQUE_VALUE (ODBC 2: AUTO_INCREMENT)
  const char* local_type_name;               // 13 LOCAL_TYPE_NAME
  std::optional<SQLSMALLINT> minimum_scale;  // 14 MINIMUM_SCALE
  std::optional<SQLSMALLINT> maximum_scale;  // 15 MAXIMUM_SCALE
  SQLSMALLINT sql_data_type;                 // 16 SQL_DATA_TYPE
  std::optional<SQLSMALLINT> sql_datetime_sub;    // 17 SQL_DATETIME_SUB
  std::optional<SQLINTEGER> num_prec_radix;  // 18 NUM_PREC_RADIX
  std::optional<SQLSMALLINT> interval_precision;  // 19 INTERVAL_PRECISION
};

// The rows SQLGetTypeInfo(data_type) returns, in order, for an application of the given
// SQL_ATTR_ODBC_VERSION. data_type SQL_ALL_TYPES gives all rows. SQL_DATE/SQL_TIME/
// SQL_TIMESTAMP (9, 10, 11) are accepted as SQL_TYPE_DATE/TIME/TIMESTAMP for either version.
// For SQL_OV_ODBC2: DATA_TYPE is 9/10/11 for the datetime types; approximate types give
// COLUMN_SIZE in decimal digits with NUM_PREC_RADIX 10 (ODBC 3: bits, radix 2); the Unicode
// types (SQL_WCHAR ...), unknown to ODBC 2, are left out of SQL_ALL_TYPES.
// An empty result for a valid type the server lacks (e.g. SQL_GUID) is a valid answer; check
// is_type_info_data_type() first for HY004.
std::vector<TypeInfoRow> rows_for(SQLSMALLINT data_type, SQLUINTEGER odbc_version);

// Whether data_type is an ODBC SQL data type (or SQL_ALL_TYPES): otherwise SQLGetTypeInfo
// returns HY004.
bool is_type_info_data_type(SQLSMALLINT data_type) noexcept;

// Every row in its ODBC 3 form, in result-set order.
std::span<const TypeInfoRow> type_info_rows() noexcept;

// A description of one of the 19 result-set columns, for SQLDescribeCol/SQLColAttribute.
struct TypeInfoColumn {
  std::string_view name;        // ODBC 3 name
  std::string_view odbc2_name;  // the ODBC 2 name (differs for 3, 11 and 12)
  SQLSMALLINT sql_type;         // SQL_VARCHAR, SQL_SMALLINT or SQL_INTEGER
  SQLULEN column_size;          // characters for SQL_VARCHAR, digits for numbers
  SQLSMALLINT nullable;         // SQL_NO_NULLS or SQL_NULLABLE
};

inline constexpr SQLUSMALLINT kTypeInfoColumnCount = 19;

std::span<const TypeInfoColumn> type_info_columns() noexcept;

std::string_view type_info_column_name(const TypeInfoColumn& column,
                                       SQLUINTEGER odbc_version) noexcept;

// The value of column (1-based) of a row: NULL, text (SQL_VARCHAR columns), SQLSMALLINT
// (SQL_SMALLINT columns) or SQLINTEGER (SQL_INTEGER columns). Column out of range: NULL.
using TypeInfoValue = std::variant<std::monostate, std::string_view, SQLSMALLINT, SQLINTEGER>;
TypeInfoValue type_info_value(const TypeInfoRow& row, SQLUSMALLINT column) noexcept;

}  // namespace holdfast
