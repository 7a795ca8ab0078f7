// Description of one result column: what the server said about it (MYSQL_FIELD) and the
// ODBC view derived from it (SQLDescribeCol, SQLColAttribute, the IRD).
//
// Sizes follow the ODBC appendix D definitions ("Column Size", "Decimal Digits",
// "Transfer Octet Length", "Display Size").
#pragma once

#include <mysql.h>
#include <sql.h>
#include <sqlext.h>

#include <string>
#include <string_view>

namespace holdfast {

// How a column's values arrive in the text protocol; decides which conversions apply.
enum class ValueKind {
  text,      // character data in the connection character set (UTF-8)
  binary,    // raw bytes (BLOB, BINARY, VARBINARY, GEOMETRY)
  bit,       // BIT(n): big-endian bytes, (n + 7) / 8 of them
  integer,   // decimal digits with optional sign (TINYINT..BIGINT, YEAR)
  decimal,   // exact numeric text "-123.450"
  floating,  // approximate numeric text "1.5e-07"
  date,      // "YYYY-MM-DD"
  time,      // "[-]HHH:MM:SS[.ffffff]"
  datetime,  // "YYYY-MM-DD HH:MM:SS[.ffffff]" (DATETIME, TIMESTAMP)
  null       // the NULL type: every value is NULL
};

// MySQL charset number of the "binary" pseudo character set.
inline constexpr unsigned kBinaryCharsetNr = 63;

struct ColumnMeta {
  // --- as the server described it ---
  std::string name;       // label (SQL_DESC_LABEL / SQL_DESC_NAME)
  std::string org_name;   // SQL_DESC_BASE_COLUMN_NAME
  std::string table;      // SQL_DESC_TABLE_NAME (alias)
  std::string org_table;  // SQL_DESC_BASE_TABLE_NAME
  std::string db;         // schema = catalog in MySQL terms (SQL_DESC_CATALOG_NAME)
  enum_field_types mysql_type = MYSQL_TYPE_NULL;
  unsigned flags = 0;      // NOT_NULL_FLAG, UNSIGNED_FLAG, BINARY_FLAG, ...
  unsigned charsetnr = 0;  // 63 = binary
  unsigned long length = 0;  // server's column width (bytes; bits for BIT)
  unsigned decimals = 0;

  // --- derived ODBC description ---
  ValueKind kind = ValueKind::text;
  SQLSMALLINT sql_type = SQL_VARCHAR;  // concise type (SQL_DESC_CONCISE_TYPE)
  SQLSMALLINT verbose_type = SQL_VARCHAR;  // SQL_DESC_TYPE (SQL_DATETIME for date types)
  SQLSMALLINT datetime_subcode = 0;        // SQL_DESC_DATETIME_INTERVAL_CODE
  SQLULEN column_size = 0;     // chars for char types, bytes for binary, digits for numbers
  SQLSMALLINT decimal_digits = 0;  // scale / fractional-second digits; 0 when N/A
  bool has_decimal_digits = false;  // false: N/A (SQLColumns gives NULL)
  SQLSMALLINT num_prec_radix = 0;   // 10 for numeric types, 0 otherwise
  SQLLEN octet_length = 0;     // transfer octet length (SQL_DESC_OCTET_LENGTH)
  SQLLEN display_size = 0;     // SQL_DESC_DISPLAY_SIZE
  SQLSMALLINT nullable = SQL_NULLABLE;  // SQL_NO_NULLS / SQL_NULLABLE
  bool is_unsigned = true;     // SQL_DESC_UNSIGNED: true for unsigned and non-numeric types
  bool auto_increment = false;
  bool case_sensitive = false;
  SQLSMALLINT searchable = SQL_PRED_SEARCHABLE;
  std::string_view type_name;        // as SQLGetTypeInfo names it: "int unsigned", "varchar"
  std::string_view literal_prefix;   // "" when none
  std::string_view literal_suffix;
  SQLSMALLINT default_c_type = SQL_C_CHAR;  // what SQL_C_DEFAULT means for this column
};

// Builds the description of a column of a server result set.
//  connection_max_bytes_per_char: maximum bytes per character of the result character set
//    (4 for utf8mb4); the server reports char lengths in bytes of that set.
//  unicode_text_types: map text to SQL_WCHAR / SQL_WVARCHAR / SQL_WLONGVARCHAR.
ColumnMeta describe_field(const MYSQL_FIELD& f, unsigned connection_max_bytes_per_char,
                          bool unicode_text_types);

// Describes a column of a result set the driver builds itself (catalog functions,
// SQLGetTypeInfo). Values of such columns are supplied as text (integers as decimal
// digits). Supported sql_type: SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR and the W forms,
// SQL_TINYINT, SQL_SMALLINT, SQL_INTEGER, SQL_BIGINT, SQL_REAL, SQL_DOUBLE, SQL_DECIMAL,
// SQL_BIT, SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP, SQL_BINARY, SQL_VARBINARY,
// SQL_LONGVARBINARY. column_size is in characters for char types and ignored for
// fixed-size types. Throws OdbcError HY004 for any other type.
ColumnMeta synthetic_column(std::string_view name, SQLSMALLINT sql_type, SQLULEN column_size,
                            SQLSMALLINT nullable, SQLSMALLINT decimal_digits = 0,
                            bool is_unsigned = false);

// The type code an application sees: ODBC 2 applications get SQL_DATE/SQL_TIME/
// SQL_TIMESTAMP for the ODBC 3 date/time types.
SQLSMALLINT odbc_version_type(SQLSMALLINT sql_type, bool odbc2) noexcept;

}  // namespace holdfast
