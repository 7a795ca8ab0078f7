// SQLGetTypeInfo rows for MySQL and MariaDB.
//
// Conventions used for every row:
// - COLUMN_SIZE is the largest the server accepts: characters for text types (the byte
//   limit of TEXT types, which single-byte text reaches), bytes for binary types, digits for
//   exact numbers, characters of the literal for datetimes (with 6 fractional digits).
//   Numbers without a declared precision have the size of their ODBC type in the
//   "Column Size" appendix, in decimal digits (NUM_PREC_RADIX 10), exactly as SQLColumns
//   and SQLDescribeCol report their columns: MEDIUMINT is an SQL_INTEGER of 10 digits,
//   FLOAT (SQL_REAL) 7 and DOUBLE (SQL_DOUBLE, SQL_FLOAT) 15 ("a FLOAT column could return
//   a NUM_PREC_RADIX of 10, a COLUMN_SIZE of 15", SQLColumns); YEAR an SQL_SMALLINT of 5.
//   Applications size buffers and compare the three answers, so they must agree. Sizes above 2^31-1 (LONGTEXT, LONGBLOB: 4 GiB)
//   are capped at 2147483647, the largest SQLINTEGER.
// - CASE_SENSITIVE is SQL_FALSE everywhere: text types compare with the default _ci
//   collations, and the other types are not character types.
// - SEARCHABLE is SQL_SEARCHABLE everywhere: the servers accept LIKE on every type.
// - UNSIGNED_ATTRIBUTE and AUTO_UNIQUE_VALUE are NULL for non-numeric types. No type is
//   autoincrementing by itself (AUTO_INCREMENT is a column attribute that needs a key).
// - FIXED_PREC_SCALE is SQL_FALSE: no money type. LOCAL_TYPE_NAME and INTERVAL_PRECISION
//   are NULL.
#include "core/type_info.h"

#include <algorithm>

namespace holdfast {
namespace {

constexpr SQLINTEGER kMaxSize = 2147483647;

// What every row shares; the builders below fill in the rest.
constexpr TypeInfoRow base(const char* name, SQLSMALLINT type, SQLINTEGER size) {
  TypeInfoRow row{};
  row.type_name = name;
  row.data_type = type;
  row.column_size = size;
  row.nullable = SQL_NULLABLE;
  row.case_sensitive = SQL_FALSE;
  row.searchable = SQL_SEARCHABLE;
  row.fixed_prec_scale = SQL_FALSE;
  row.sql_data_type = type;
  return row;
}

constexpr TypeInfoRow integer(const char* name, SQLSMALLINT type, SQLINTEGER digits,
                              bool is_unsigned) {
  TypeInfoRow row = base(name, type, digits);
  row.unsigned_attribute = is_unsigned ? SQL_TRUE : SQL_FALSE;
  row.auto_unique_value = SQL_FALSE;
  row.minimum_scale = 0;
  row.maximum_scale = 0;
  row.num_prec_radix = 10;
  return row;
}

constexpr TypeInfoRow decimal(const char* name, SQLSMALLINT type) {
  TypeInfoRow row = base(name, type, 65);
  row.create_params = "precision,scale";
  row.unsigned_attribute = SQL_FALSE;
  row.auto_unique_value = SQL_FALSE;
  row.minimum_scale = 0;
  row.maximum_scale = 30;
  row.num_prec_radix = 10;
  return row;
}

constexpr TypeInfoRow approximate(const char* name, SQLSMALLINT type, SQLINTEGER digits) {
  TypeInfoRow row = base(name, type, digits);
  row.unsigned_attribute = SQL_FALSE;
  row.auto_unique_value = SQL_FALSE;
  row.num_prec_radix = 10;
  return row;
}

constexpr TypeInfoRow character(const char* name, SQLSMALLINT type, SQLINTEGER size,
                                const char* create_params) {
  TypeInfoRow row = base(name, type, size);
  row.literal_prefix = "'";
  row.literal_suffix = "'";
  row.create_params = create_params;
  return row;
}

constexpr TypeInfoRow binary(const char* name, SQLSMALLINT type, SQLINTEGER size,
                             const char* create_params) {
  TypeInfoRow row = base(name, type, size);
  row.literal_prefix = "0x";
  row.create_params = create_params;
  return row;
}

// Datetime types: SQL_DATA_TYPE is SQL_DATETIME and SQL_DATETIME_SUB the subcode; the
// create parameter and the scale are the fractional seconds precision (0 to 6).
constexpr TypeInfoRow datetime(const char* name, SQLSMALLINT type, SQLINTEGER size,
                               SQLSMALLINT subcode, bool fractions) {
  TypeInfoRow row = base(name, type, size);
  row.literal_prefix = "'";
  row.literal_suffix = "'";
  row.sql_data_type = SQL_DATETIME;
  row.sql_datetime_sub = subcode;
  if (fractions) {
    row.create_params = "precision";
    row.minimum_scale = 0;
    row.maximum_scale = 6;
  }
  return row;
}

// BIT(1). Not numeric in ODBC's sense: no sign, radix or scale.
constexpr TypeInfoRow bit() {
  TypeInfoRow row = base("bit", SQL_BIT, 1);
  row.literal_prefix = "b'";
  row.literal_suffix = "'";
  return row;
}

// BIT(2) to BIT(64): bytes of binary data, as SQLColumns and SQLDescribeCol type them; the
// create parameter is the number of bits (a hexadecimal literal fills it as well).
constexpr TypeInfoRow bits() { return binary("bit", SQL_BINARY, 8, "length"); }

// In result-set order: DATA_TYPE ascending, then the closest mapping first.
// libmariadb reports ENUM and SET as strings (MYSQL_TYPE_STRING with a flag) and YEAR as
// an unsigned number, hence their places; JSON is text (MariaDB: LONGTEXT).
constexpr TypeInfoRow kRows[] = {
    character("longtext", SQL_WLONGVARCHAR, kMaxSize, nullptr),
    character("mediumtext", SQL_WLONGVARCHAR, 16777215, nullptr),
    character("text", SQL_WLONGVARCHAR, 65535, nullptr),
    character("tinytext", SQL_WLONGVARCHAR, 255, nullptr),
    character("json", SQL_WLONGVARCHAR, kMaxSize, nullptr),
    character("varchar", SQL_WVARCHAR, 65535, "length"),
    character("char", SQL_WCHAR, 255, "length"),
    character("enum", SQL_WCHAR, 255, "value list"),
    character("set", SQL_WCHAR, 16383, "value list"),  // 64 members of 255, commas
    bit(),
    integer("tinyint", SQL_TINYINT, 3, false),
    integer("tinyint unsigned", SQL_TINYINT, 3, true),
    integer("bigint", SQL_BIGINT, 19, false),
    integer("bigint unsigned", SQL_BIGINT, 20, true),
    binary("longblob", SQL_LONGVARBINARY, kMaxSize, nullptr),
    binary("mediumblob", SQL_LONGVARBINARY, 16777215, nullptr),
    binary("blob", SQL_LONGVARBINARY, 65535, nullptr),
    binary("tinyblob", SQL_LONGVARBINARY, 255, nullptr),
    // Spatial columns (POINT, POLYGON, ...) are reported as GEOMETRY: the server's internal
    // form (SRID and WKB) as binary data, which a hexadecimal literal can give.
    binary("geometry", SQL_LONGVARBINARY, kMaxSize, nullptr),
    binary("varbinary", SQL_VARBINARY, 65535, "length"),
    binary("binary", SQL_BINARY, 255, "length"),
    bits(),
    character("longtext", SQL_LONGVARCHAR, kMaxSize, nullptr),
    character("mediumtext", SQL_LONGVARCHAR, 16777215, nullptr),
    character("text", SQL_LONGVARCHAR, 65535, nullptr),
    character("tinytext", SQL_LONGVARCHAR, 255, nullptr),
    character("json", SQL_LONGVARCHAR, kMaxSize, nullptr),
    character("char", SQL_CHAR, 255, "length"),
    character("enum", SQL_CHAR, 255, "value list"),
    character("set", SQL_CHAR, 16383, "value list"),
    decimal("numeric", SQL_NUMERIC),
    decimal("decimal", SQL_DECIMAL),
    integer("int", SQL_INTEGER, 10, false),
    integer("int unsigned", SQL_INTEGER, 10, true),
    integer("integer", SQL_INTEGER, 10, false),
    integer("integer unsigned", SQL_INTEGER, 10, true),
    integer("mediumint", SQL_INTEGER, 10, false),
    integer("mediumint unsigned", SQL_INTEGER, 10, true),
    integer("smallint", SQL_SMALLINT, 5, false),
    integer("smallint unsigned", SQL_SMALLINT, 5, true),
    integer("year", SQL_SMALLINT, 5, true),
    approximate("double", SQL_FLOAT, 15),
    approximate("float", SQL_REAL, 7),
    approximate("double", SQL_DOUBLE, 15),
    character("varchar", SQL_VARCHAR, 65535, "length"),
    datetime("date", SQL_TYPE_DATE, 10, SQL_CODE_DATE, false),
    datetime("time", SQL_TYPE_TIME, 15, SQL_CODE_TIME, true),
    datetime("datetime", SQL_TYPE_TIMESTAMP, 26, SQL_CODE_TIMESTAMP, true),
    datetime("timestamp", SQL_TYPE_TIMESTAMP, 26, SQL_CODE_TIMESTAMP, true),
};

constexpr bool rows_ordered() {
  for (std::size_t i = 1; i < std::size(kRows); ++i) {
    if (kRows[i - 1].data_type > kRows[i].data_type) return false;
  }
  return true;
}
static_assert(rows_ordered(), "SQLGetTypeInfo rows must be ordered by DATA_TYPE");

constexpr TypeInfoColumn kColumns[kTypeInfoColumnCount] = {
    {"TYPE_NAME", "TYPE_NAME", SQL_VARCHAR, 32, SQL_NO_NULLS},
    {"DATA_TYPE", "DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"COLUMN_SIZE", "PRECISION", SQL_INTEGER, 10, SQL_NULLABLE},
    {"LITERAL_PREFIX", "LITERAL_PREFIX", SQL_VARCHAR, 8, SQL_NULLABLE},
    {"LITERAL_SUFFIX", "LITERAL_SUFFIX", SQL_VARCHAR, 8, SQL_NULLABLE},
    {"CREATE_PARAMS", "CREATE_PARAMS", SQL_VARCHAR, 32, SQL_NULLABLE},
    {"NULLABLE", "NULLABLE", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"CASE_SENSITIVE", "CASE_SENSITIVE", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"SEARCHABLE", "SEARCHABLE", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"UNSIGNED_ATTRIBUTE", "UNSIGNED_ATTRIBUTE", SQL_SMALLINT, 5, SQL_NULLABLE},
    {"FIXED_PREC_SCALE", "MONEY", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"AUTO_UNIQUE_VALUE", "AUTO_INCREMENT", SQL_SMALLINT, 5, SQL_NULLABLE},
    {"LOCAL_TYPE_NAME", "LOCAL_TYPE_NAME", SQL_VARCHAR, 32, SQL_NULLABLE},
    {"MINIMUM_SCALE", "MINIMUM_SCALE", SQL_SMALLINT, 5, SQL_NULLABLE},
    {"MAXIMUM_SCALE", "MAXIMUM_SCALE", SQL_SMALLINT, 5, SQL_NULLABLE},
    {"SQL_DATA_TYPE", "SQL_DATA_TYPE", SQL_SMALLINT, 5, SQL_NO_NULLS},
    {"SQL_DATETIME_SUB", "SQL_DATETIME_SUB", SQL_SMALLINT, 5, SQL_NULLABLE},
    {"NUM_PREC_RADIX", "NUM_PREC_RADIX", SQL_INTEGER, 10, SQL_NULLABLE},
    {"INTERVAL_PRECISION", "INTERVAL_PRECISION", SQL_SMALLINT, 5, SQL_NULLABLE},
};

// The SQL data types of appendix D, with SQL_ALL_TYPES and the ODBC 2 datetime codes.
constexpr SQLSMALLINT kValidTypes[] = {
    SQL_ALL_TYPES, SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_WCHAR, SQL_WVARCHAR,
    SQL_WLONGVARCHAR, SQL_DECIMAL, SQL_NUMERIC, SQL_SMALLINT, SQL_INTEGER, SQL_REAL, SQL_FLOAT,
    SQL_DOUBLE, SQL_BIT, SQL_TINYINT, SQL_BIGINT, SQL_BINARY, SQL_VARBINARY, SQL_LONGVARBINARY,
    SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP, SQL_DATE, SQL_TIME, SQL_TIMESTAMP,
    SQL_GUID, SQL_INTERVAL_YEAR, SQL_INTERVAL_MONTH, SQL_INTERVAL_DAY, SQL_INTERVAL_HOUR,
    SQL_INTERVAL_MINUTE, SQL_INTERVAL_SECOND, SQL_INTERVAL_YEAR_TO_MONTH,
    SQL_INTERVAL_DAY_TO_HOUR, SQL_INTERVAL_DAY_TO_MINUTE, SQL_INTERVAL_DAY_TO_SECOND,
    SQL_INTERVAL_HOUR_TO_MINUTE, SQL_INTERVAL_HOUR_TO_SECOND, SQL_INTERVAL_MINUTE_TO_SECOND,
};

bool is_unicode(SQLSMALLINT type) {
  return type == SQL_WCHAR || type == SQL_WVARCHAR || type == SQL_WLONGVARCHAR;
}

// ODBC 2 codes for the datetime types, accepted from either kind of application.
SQLSMALLINT odbc3_type(SQLSMALLINT type) {
  switch (type) {
    case SQL_DATE: return SQL_TYPE_DATE;
    case SQL_TIME: return SQL_TYPE_TIME;
    case SQL_TIMESTAMP: return SQL_TYPE_TIMESTAMP;
    default: return type;
  }
}

TypeInfoRow as_odbc2(TypeInfoRow row) {
  switch (row.data_type) {
    case SQL_TYPE_DATE: row.data_type = SQL_DATE; break;
    case SQL_TYPE_TIME: row.data_type = SQL_TIME; break;
    case SQL_TYPE_TIMESTAMP: row.data_type = SQL_TIMESTAMP; break;
    default: break;
  }
  return row;
}

}  // namespace

std::vector<TypeInfoRow> rows_for(SQLSMALLINT data_type, SQLUINTEGER odbc_version) {
  const bool odbc2 = odbc_version == SQL_OV_ODBC2;
  const SQLSMALLINT wanted = odbc3_type(data_type);
  std::vector<TypeInfoRow> rows;
  for (const TypeInfoRow& row : kRows) {
    if (wanted == SQL_ALL_TYPES) {
      if (odbc2 && is_unicode(row.data_type)) continue;
    } else if (row.data_type != wanted) {
      continue;
    }
    rows.push_back(odbc2 ? as_odbc2(row) : row);
  }
  // ODBC 2 codes move the datetime types (9-11) ahead of SQL_VARCHAR (12).
  if (odbc2) {
    std::stable_sort(rows.begin(), rows.end(), [](const TypeInfoRow& a, const TypeInfoRow& b) {
      return a.data_type < b.data_type;
    });
  }
  return rows;
}

bool is_type_info_data_type(SQLSMALLINT data_type) noexcept {
  return std::find(std::begin(kValidTypes), std::end(kValidTypes), data_type) !=
         std::end(kValidTypes);
}

std::span<const TypeInfoRow> type_info_rows() noexcept { return kRows; }

std::span<const TypeInfoColumn> type_info_columns() noexcept { return kColumns; }

std::string_view type_info_column_name(const TypeInfoColumn& column,
                                       SQLUINTEGER odbc_version) noexcept {
  return odbc_version == SQL_OV_ODBC2 ? column.odbc2_name : column.name;
}

TypeInfoValue type_info_value(const TypeInfoRow& row, SQLUSMALLINT column) noexcept {
  auto text = [](const char* s) -> TypeInfoValue {
    if (s == nullptr) return std::monostate{};
    return std::string_view(s);
  };
  auto small = [](std::optional<SQLSMALLINT> v) -> TypeInfoValue {
    if (!v) return std::monostate{};
    return *v;
  };
  auto integer = [](std::optional<SQLINTEGER> v) -> TypeInfoValue {
    if (!v) return std::monostate{};
    return *v;
  };
  switch (column) {
    case 1: return text(row.type_name);
    case 2: return row.data_type;
    case 3: return integer(row.column_size);
    case 4: return text(row.literal_prefix);
    case 5: return text(row.literal_suffix);
    case 6: return text(row.create_params);
    case 7: return row.nullable;
    case 8: return row.case_sensitive;
    case 9: return row.searchable;
    case 10: return small(row.unsigned_attribute);
    case 11: return row.fixed_prec_scale;
    case 12: return small(row.auto_unique_value);
    case 13: return text(row.local_type_name);
    case 14: return small(row.minimum_scale);
    case 15: return small(row.maximum_scale);
    case 16: return row.sql_data_type;
    case 17: return small(row.sql_datetime_sub);
    case 18: return integer(row.num_prec_radix);
    case 19: return small(row.interval_precision);
    default: return std::monostate{};
  }
}

}  // namespace holdfast
