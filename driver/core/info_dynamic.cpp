// SQLGetInfo answers that depend on the connection: its names, the server's family and
// version, and whether the driver translates the escapes the server cannot run as written.
#include "core/info_dynamic.h"

#include <cctype>
#include <cstdio>
#include <string_view>

#include "holdfast_version.h"

namespace holdfast::info {
namespace {

bool is_mariadb_at_least(const InfoContext& c, unsigned long version) {
  return c.server_is_mariadb && server_version(c) >= version;
}

bool is_mysql_at_least(const InfoContext& c, unsigned long version) {
  return !c.server_is_mariadb && server_version(c) >= version;
}

// "major.minor.patch" at the start of text -> 10000 * major + 100 * minor + patch.
unsigned long parse_version(std::string_view text) {
  unsigned long parts[3] = {0, 0, 0};
  std::size_t part = 0;
  bool any_digit = false;
  for (char ch : text) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      parts[part] = parts[part] * 10 + static_cast<unsigned long>(ch - '0');
      any_digit = true;
    } else if (ch == '.' && any_digit && part < 2) {
      ++part;
      any_digit = false;
    } else {
      break;
    }
  }
  return parts[0] * 10000 + parts[1] * 100 + parts[2];
}

// Conversions {fn CONVERT(v, SQL_type)} does once the escape translator turns it into
// CAST(v AS CHAR | SIGNED | DECIMAL | DATE | TIME | DATETIME | BINARY), or "(v)+0E0" for
// the approximate types. Not offered: SQL_BIT (CAST AS UNSIGNED is not 0/1) and SQL_GUID.
constexpr SQLUINTEGER kToChars = SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR |
                                 SQL_CVT_WCHAR | SQL_CVT_WVARCHAR | SQL_CVT_WLONGVARCHAR;
constexpr SQLUINTEGER kToExact = SQL_CVT_NUMERIC | SQL_CVT_DECIMAL | SQL_CVT_INTEGER |
                                 SQL_CVT_SMALLINT | SQL_CVT_TINYINT | SQL_CVT_BIGINT;
constexpr SQLUINTEGER kToApprox = SQL_CVT_DOUBLE | SQL_CVT_FLOAT | SQL_CVT_REAL;
constexpr SQLUINTEGER kToBinary = SQL_CVT_BINARY | SQL_CVT_VARBINARY | SQL_CVT_LONGVARBINARY;
constexpr SQLUINTEGER kToDatetime = SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP;

struct ConvertRow {
  SQLUSMALLINT from;  // SQL_CONVERT_xxx
  SQLUINTEGER to;
};

constexpr SQLUINTEGER kFromNumber = kToChars | kToExact | kToApprox;
constexpr SQLUINTEGER kFromChars = kToChars | kToExact | kToApprox | kToDatetime | kToBinary;

constexpr ConvertRow kConversions[] = {
    {SQL_CONVERT_BIGINT, kFromNumber},
    {SQL_CONVERT_BIT, kFromNumber},
    {SQL_CONVERT_DECIMAL, kFromNumber},
    {SQL_CONVERT_DOUBLE, kFromNumber},
    {SQL_CONVERT_FLOAT, kFromNumber},
    {SQL_CONVERT_INTEGER, kFromNumber},
    {SQL_CONVERT_NUMERIC, kFromNumber},
    {SQL_CONVERT_REAL, kFromNumber},
    {SQL_CONVERT_SMALLINT, kFromNumber},
    {SQL_CONVERT_TINYINT, kFromNumber},
    {SQL_CONVERT_CHAR, kFromChars},
    {SQL_CONVERT_VARCHAR, kFromChars},
    {SQL_CONVERT_LONGVARCHAR, kFromChars},
    {SQL_CONVERT_WCHAR, kFromChars},
    {SQL_CONVERT_WVARCHAR, kFromChars},
    {SQL_CONVERT_WLONGVARCHAR, kFromChars},
    {SQL_CONVERT_DATE, kToChars | SQL_CVT_DATE | SQL_CVT_TIMESTAMP},
    {SQL_CONVERT_TIME, kToChars | SQL_CVT_TIME | SQL_CVT_TIMESTAMP},
    {SQL_CONVERT_TIMESTAMP, kToChars | kToDatetime},
    {SQL_CONVERT_BINARY, kToChars | kToBinary},
    {SQL_CONVERT_VARBINARY, kToChars | kToBinary},
    {SQL_CONVERT_LONGVARBINARY, kToChars | kToBinary},
    {SQL_CONVERT_GUID, 0},
    {SQL_CONVERT_INTERVAL_DAY_TIME, 0},
    {SQL_CONVERT_INTERVAL_YEAR_MONTH, 0},
};

}  // namespace

unsigned long server_version(const InfoContext& c) noexcept {
  if (c.server_version_number != 0) return c.server_version_number;
  std::string_view text = c.server_version;
  // Old MariaDB servers prefix their version with "5.5.5-" for old clients.
  if (text.starts_with("5.5.5-")) text.remove_prefix(6);
  return parse_version(text);
}

InfoValue dbms_name(SQLUSMALLINT, const InfoContext& c) {
  return std::string(c.server_is_mariadb ? "MariaDB" : "MySQL");
}

// "##.##.####" as the spec requires, then the server's own version string.
InfoValue dbms_ver(SQLUSMALLINT, const InfoContext& c) {
  const unsigned long v = server_version(c);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02lu.%02lu.%04lu", (v / 10000) % 100, (v / 100) % 100,
                v % 100);
  std::string out = buffer;
  if (!c.server_version.empty()) {
    out += ' ';
    out += c.server_version;
  }
  return out;
}

InfoValue driver_ver(SQLUSMALLINT, const InfoContext&) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", HOLDFAST_VERSION_MAJOR % 100,
                HOLDFAST_VERSION_MINOR % 100, HOLDFAST_VERSION_PATCH % 10000);
  return std::string(buffer);
}

InfoValue data_source_name(SQLUSMALLINT, const InfoContext& c) { return c.dsn_name; }
InfoValue server_name(SQLUSMALLINT, const InfoContext& c) { return c.server_name; }
InfoValue database_name(SQLUSMALLINT, const InfoContext& c) { return c.database; }
InfoValue user_name(SQLUSMALLINT, const InfoContext& c) { return c.user_name; }
InfoValue collation_seq(SQLUSMALLINT, const InfoContext& c) { return c.collation; }

// Integrity Enhancement Facility: CHECK constraints are enforced from MariaDB 10.2.1 and
// MySQL 8.0.16 (keys, defaults and foreign keys long before).
InfoValue integrity(SQLUSMALLINT, const InfoContext& c) {
  const bool yes = is_mariadb_at_least(c, 100201) || is_mysql_at_least(c, 80016);
  return std::string(yes ? "Y" : "N");
}

InfoValue keywords(SQLUSMALLINT, const InfoContext& c) {
  return server_keywords(c.server_is_mariadb);
}

// Database and table names follow lower_case_table_names (0: stored as given and compared
// case-sensitively, the Linux default; 1: stored in lower case; 2: stored as given, compared
// in lower case). Backquotes do not change this.
InfoValue identifier_case(SQLUSMALLINT, const InfoContext& c) {
  SQLUSMALLINT value = SQL_IC_SENSITIVE;
  if (c.lower_case_table_names == 1) value = SQL_IC_LOWER;
  if (c.lower_case_table_names == 2) value = SQL_IC_MIXED;
  return value;
}

// Where a database name may stand in a statement: wherever a table, index, procedure
// or privilege is named (db.t), whether the driver calls it a catalog or a schema.
constexpr SQLUINTEGER kDatabaseUsage = SQL_CU_DML_STATEMENTS | SQL_CU_PROCEDURE_INVOCATION | SQL_CU_TABLE_DEFINITION |
                                       SQL_CU_INDEX_DEFINITION | SQL_CU_PRIVILEGE_DEFINITION;
static_assert(kDatabaseUsage == (SQL_SU_DML_STATEMENTS | SQL_SU_PROCEDURE_INVOCATION | SQL_SU_TABLE_DEFINITION |
                                 SQL_SU_INDEX_DEFINITION | SQL_SU_PRIVILEGE_DEFINITION));

InfoValue catalog_text(SQLUSMALLINT type, const InfoContext& c) {
  const bool catalogs = !c.database_as_schema;
  switch (type) {
    case SQL_CATALOG_NAME: return std::string(catalogs ? "Y" : "N");
    case SQL_CATALOG_TERM: return std::string(catalogs ? "database" : "");
    default: return std::string(catalogs ? "." : "");  // SQL_CATALOG_NAME_SEPARATOR
  }
}

InfoValue schema_text(SQLUSMALLINT, const InfoContext& c) {
  return std::string(c.database_as_schema ? "database" : "");
}

InfoValue catalog_location(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUSMALLINT>(c.database_as_schema ? 0 : SQL_CL_START);
}

InfoValue catalog_usage(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUINTEGER>(c.database_as_schema ? 0 : kDatabaseUsage);
}

InfoValue schema_usage(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUINTEGER>(c.database_as_schema ? kDatabaseUsage : 0);
}

// CREATE SCHEMA / DROP SCHEMA create and drop a database (no AUTHORIZATION, no
// CASCADE/RESTRICT): a schema only when databases are schemas.
InfoValue create_schema(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUINTEGER>(c.database_as_schema ? SQL_CS_CREATE_SCHEMA : 0);
}

InfoValue drop_schema(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUINTEGER>(c.database_as_schema ? SQL_DS_DROP_SCHEMA : 0);
}

// Database names are at most 64 characters.
InfoValue max_database_name_len(SQLUSMALLINT type, const InfoContext& c) {
  const bool databases_here = (type == SQL_MAX_SCHEMA_NAME_LEN) == c.database_as_schema;
  return static_cast<SQLUSMALLINT>(databases_here ? 64 : 0);
}

// MySQL: 32 characters from 5.7.8 (16 before). MariaDB: 128 in 10.11 (checked), 80 before.
InfoValue max_user_name_len(SQLUSMALLINT, const InfoContext& c) {
  SQLUSMALLINT value = 16;
  if (c.server_is_mariadb) {
    value = is_mariadb_at_least(c, 101100) ? 128 : 80;
  } else if (is_mysql_at_least(c, 50708)) {
    value = 32;
  }
  return value;
}

// Key parts per index: MySQL 16; MariaDB 32 in 10.11 (checked), 16 assumed before.
InfoValue max_columns_in_index(SQLUSMALLINT, const InfoContext& c) {
  return static_cast<SQLUSMALLINT>(is_mariadb_at_least(c, 101100) ? 32 : 16);
}

// INTERSECT and EXCEPT: MariaDB 10.3, MySQL 8.0.31. No FULL OUTER JOIN, no UNION JOIN.
InfoValue relational_join_operators(SQLUSMALLINT, const InfoContext& c) {
  SQLUINTEGER value = SQL_SRJO_CROSS_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN |
                      SQL_SRJO_NATURAL_JOIN | SQL_SRJO_RIGHT_OUTER_JOIN;
  if (is_mariadb_at_least(c, 100300) || is_mysql_at_least(c, 80031)) {
    value |= SQL_SRJO_EXCEPT_JOIN | SQL_SRJO_INTERSECT_JOIN;
  }
  return value;
}

// INFORMATION_SCHEMA views that exist with their SQL-92 meaning. CHECK_CONSTRAINTS: MariaDB
// 10.3.10, MySQL 8.0.16.
InfoValue info_schema_views(SQLUSMALLINT, const InfoContext& c) {
  SQLUINTEGER value = SQL_ISV_CHARACTER_SETS | SQL_ISV_COLLATIONS | SQL_ISV_COLUMN_PRIVILEGES |
                      SQL_ISV_COLUMNS | SQL_ISV_KEY_COLUMN_USAGE |
                      SQL_ISV_REFERENTIAL_CONSTRAINTS | SQL_ISV_SCHEMATA |
                      SQL_ISV_TABLE_CONSTRAINTS | SQL_ISV_TABLE_PRIVILEGES | SQL_ISV_TABLES |
                      SQL_ISV_VIEWS;
  if (is_mariadb_at_least(c, 100310) || is_mysql_at_least(c, 80016)) {
    value |= SQL_ISV_CHECK_CONSTRAINTS;
  }
  return value;
}

// Every ODBC string function the server runs as written inside {fn ...} (checked on
// MariaDB 10.11), except DIFFERENCE (no such function) and LENGTH (the server's counts
// bytes, ODBC's counts characters without trailing blanks) unless the driver translates it.
InfoValue string_functions(SQLUSMALLINT, const InfoContext& c) {
  SQLUINTEGER value =
      SQL_FN_STR_ASCII | SQL_FN_STR_BIT_LENGTH | SQL_FN_STR_CHAR | SQL_FN_STR_CHAR_LENGTH |
      SQL_FN_STR_CHARACTER_LENGTH | SQL_FN_STR_CONCAT | SQL_FN_STR_INSERT | SQL_FN_STR_LCASE |
      SQL_FN_STR_LEFT | SQL_FN_STR_LOCATE | SQL_FN_STR_LOCATE_2 | SQL_FN_STR_LTRIM |
      SQL_FN_STR_OCTET_LENGTH | SQL_FN_STR_POSITION | SQL_FN_STR_REPEAT | SQL_FN_STR_REPLACE |
      SQL_FN_STR_RIGHT | SQL_FN_STR_RTRIM | SQL_FN_STR_SOUNDEX | SQL_FN_STR_SPACE |
      SQL_FN_STR_SUBSTRING | SQL_FN_STR_UCASE;
  if (c.escape_translation) value |= SQL_FN_STR_LENGTH;
  return value;
}

// SQL_TSI_FRAC_SECOND is gone from the servers (MySQL 5.5); the escape translator does it
// in microseconds.
InfoValue timedate_intervals(SQLUSMALLINT, const InfoContext& c) {
  SQLUINTEGER value = SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR | SQL_FN_TSI_DAY |
                      SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH | SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR;
  if (c.escape_translation) value |= SQL_FN_TSI_FRAC_SECOND;
  return value;
}

// CAST is SQL the server runs; {fn CONVERT(v, SQL_INTEGER)} needs translating.
InfoValue convert_functions(SQLUSMALLINT, const InfoContext& c) {
  SQLUINTEGER value = SQL_FN_CVT_CAST;
  if (c.escape_translation) value |= SQL_FN_CVT_CONVERT;
  return value;
}

InfoValue convert_targets(SQLUSMALLINT type, const InfoContext& c) {
  if (!c.escape_translation) return SQLUINTEGER{0};
  for (const ConvertRow& row : kConversions) {
    if (row.from == type) return row.to;
  }
  return SQLUINTEGER{0};
}

InfoValue driver_hdbc(SQLUSMALLINT, const InfoContext& c) { return c.driver_hdbc; }
InfoValue driver_henv(SQLUSMALLINT, const InfoContext& c) { return c.driver_henv; }
InfoValue driver_input_handle(SQLUSMALLINT, const InfoContext& c) { return c.input_handle; }

}  // namespace holdfast::info
