#include "core/column_meta.h"

#include <algorithm>
#include <cstring>

#include "core/odbc_error.h"

namespace holdfast {
namespace {

std::string field_string(const char* s, unsigned len) {
  if (s == nullptr) return {};
  return len != 0 ? std::string(s, len) : std::string(s);
}

// Fractional-second digits of a temporal column; the server sends 0..6, or a "not fixed"
// marker (31 or 39) for some expressions, which we read as the maximum, 6.
SQLSMALLINT fraction_digits(unsigned decimals) {
  return static_cast<SQLSMALLINT>(decimals > 6 ? 6 : decimals);
}

void set_integer(ColumnMeta& m, SQLSMALLINT sql_type, bool is_unsigned, std::string_view name,
                 std::string_view unsigned_name) {
  m.kind = ValueKind::integer;
  m.sql_type = m.verbose_type = sql_type;
  m.has_decimal_digits = true;
  m.decimal_digits = 0;
  m.num_prec_radix = 10;
  m.is_unsigned = is_unsigned;
  m.type_name = is_unsigned ? unsigned_name : name;
  switch (sql_type) {
    case SQL_TINYINT:
      m.column_size = 3;
      m.octet_length = 1;
      m.display_size = is_unsigned ? 3 : 4;
      m.default_c_type = is_unsigned ? SQL_C_UTINYINT : SQL_C_STINYINT;
      break;
    case SQL_SMALLINT:
      m.column_size = 5;
      m.octet_length = 2;
      m.display_size = is_unsigned ? 5 : 6;
      m.default_c_type = is_unsigned ? SQL_C_USHORT : SQL_C_SSHORT;
      break;
    case SQL_INTEGER:
      m.column_size = 10;
      m.octet_length = 4;
      m.display_size = is_unsigned ? 10 : 11;
      m.default_c_type = is_unsigned ? SQL_C_ULONG : SQL_C_SLONG;
      break;
    default:  // SQL_BIGINT
      m.column_size = is_unsigned ? 20 : 19;
      m.octet_length = 8;
      m.display_size = 20;
      m.default_c_type = is_unsigned ? SQL_C_UBIGINT : SQL_C_SBIGINT;
      break;
  }
}

void set_temporal(ColumnMeta& m, ValueKind kind, unsigned decimals, std::string_view name) {
  m.kind = kind;
  m.verbose_type = SQL_DATETIME;
  m.type_name = name;
  m.literal_prefix = "'";
  m.literal_suffix = "'";
  const SQLSMALLINT s = fraction_digits(decimals);
  switch (kind) {
    case ValueKind::date:
      m.sql_type = SQL_TYPE_DATE;
      m.datetime_subcode = SQL_CODE_DATE;
      m.column_size = 10;
      m.octet_length = sizeof(SQL_DATE_STRUCT);
      m.default_c_type = SQL_C_TYPE_DATE;
      break;
    case ValueKind::time:
      m.sql_type = SQL_TYPE_TIME;
      m.datetime_subcode = SQL_CODE_TIME;
      m.column_size = s > 0 ? 9 + s : 8;
      m.decimal_digits = s;
      m.has_decimal_digits = true;
      m.octet_length = sizeof(SQL_TIME_STRUCT);
      m.default_c_type = SQL_C_TYPE_TIME;
      break;
    default:  // datetime
      m.sql_type = SQL_TYPE_TIMESTAMP;
      m.datetime_subcode = SQL_CODE_TIMESTAMP;
      m.column_size = s > 0 ? 20 + s : 19;
      m.decimal_digits = s;
      m.has_decimal_digits = true;
      m.octet_length = sizeof(SQL_TIMESTAMP_STRUCT);
      m.default_c_type = SQL_C_TYPE_TIMESTAMP;
      break;
  }
  m.display_size = static_cast<SQLLEN>(m.column_size);
}

enum class CharShape { fixed, variable, longvar };

// Character data: column size in characters, octet length in bytes of the C type the
// column defaults to (UTF-8 for SQL_C_CHAR, UTF-16 for SQL_C_WCHAR).
void set_text(ColumnMeta& m, CharShape shape, unsigned long length_bytes, unsigned mbmax,
              bool unicode, std::string_view name) {
  m.kind = ValueKind::text;
  if (unicode) {
    m.sql_type = shape == CharShape::fixed      ? SQL_WCHAR
                 : shape == CharShape::variable ? SQL_WVARCHAR
                                                : SQL_WLONGVARCHAR;
    m.default_c_type = SQL_C_WCHAR;
  } else {
    m.sql_type = shape == CharShape::fixed      ? SQL_CHAR
                 : shape == CharShape::variable ? SQL_VARCHAR
                                                : SQL_LONGVARCHAR;
    m.default_c_type = SQL_C_CHAR;
  }
  m.verbose_type = m.sql_type;
  m.column_size = length_bytes / mbmax;
  // A supplementary character takes 4 bytes in UTF-8 and 2 units (4 bytes) in UTF-16.
  const SQLULEN utf16_bytes_per_char = mbmax >= 4 ? 4 : 2;
  m.octet_length = static_cast<SQLLEN>(unicode ? m.column_size * utf16_bytes_per_char
                                               : m.column_size * mbmax);
  m.display_size = static_cast<SQLLEN>(m.column_size);
  m.case_sensitive = (m.flags & BINARY_FLAG) != 0;
  m.type_name = name;
  m.literal_prefix = "'";
  m.literal_suffix = "'";
}

void set_binary(ColumnMeta& m, CharShape shape, unsigned long length_bytes, std::string_view name) {
  m.kind = ValueKind::binary;
  m.sql_type = shape == CharShape::fixed      ? SQL_BINARY
               : shape == CharShape::variable ? SQL_VARBINARY
                                              : SQL_LONGVARBINARY;
  m.verbose_type = m.sql_type;
  m.column_size = length_bytes;
  m.octet_length = static_cast<SQLLEN>(length_bytes);
  m.display_size = static_cast<SQLLEN>(length_bytes * 2);
  m.case_sensitive = true;
  m.default_c_type = SQL_C_BINARY;
  m.type_name = name;
  m.literal_prefix = "0x";
}

// TEXT/BLOB flavours differ only in their maximum length (in characters for text).
std::string_view long_type_name(enum_field_types t, unsigned long chars, bool binary) {
  int size;  // 0 tiny, 1 plain, 2 medium, 3 long
  switch (t) {
    case MYSQL_TYPE_TINY_BLOB: size = 0; break;
    case MYSQL_TYPE_MEDIUM_BLOB: size = 2; break;
    case MYSQL_TYPE_LONG_BLOB: size = 3; break;
    default:
      size = chars <= 255UL ? 0 : chars <= 65535UL ? 1 : chars <= 16777215UL ? 2 : 3;
      break;
  }
  static constexpr std::string_view kText[] = {"tinytext", "text", "mediumtext", "longtext"};
  static constexpr std::string_view kBlob[] = {"tinyblob", "blob", "mediumblob", "longblob"};
  return binary ? kBlob[size] : kText[size];
}

}  // namespace

ColumnMeta describe_field(const MYSQL_FIELD& f, unsigned connection_max_bytes_per_char,
                          bool unicode_text_types) {
  ColumnMeta m;
  m.name = field_string(f.name, f.name_length);
  m.org_name = field_string(f.org_name, f.org_name_length);
  m.table = field_string(f.table, f.table_length);
  m.org_table = field_string(f.org_table, f.org_table_length);
  m.db = field_string(f.db, f.db_length);
  m.mysql_type = f.type;
  m.flags = f.flags;
  m.charsetnr = f.charsetnr;
  m.length = f.length;
  m.decimals = f.decimals;
  m.nullable = (f.flags & NOT_NULL_FLAG) != 0 ? SQL_NO_NULLS : SQL_NULLABLE;
  m.auto_increment = (f.flags & AUTO_INCREMENT_FLAG) != 0;

  const unsigned mbmax = std::max(1U, connection_max_bytes_per_char);
  const bool binary_cs = f.charsetnr == kBinaryCharsetNr;
  const bool is_unsigned = (f.flags & UNSIGNED_FLAG) != 0;

  switch (f.type) {
    case MYSQL_TYPE_TINY:
      set_integer(m, SQL_TINYINT, is_unsigned, "tinyint", "tinyint unsigned");
      break;
    case MYSQL_TYPE_SHORT:
      set_integer(m, SQL_SMALLINT, is_unsigned, "smallint", "smallint unsigned");
      break;
    case MYSQL_TYPE_YEAR:
      set_integer(m, SQL_SMALLINT, is_unsigned, "year", "year");
      break;
    case MYSQL_TYPE_INT24:
      set_integer(m, SQL_INTEGER, is_unsigned, "mediumint", "mediumint unsigned");
      break;
    case MYSQL_TYPE_LONG:
      set_integer(m, SQL_INTEGER, is_unsigned, "int", "int unsigned");
      break;
    case MYSQL_TYPE_LONGLONG:
      set_integer(m, SQL_BIGINT, is_unsigned, "bigint", "bigint unsigned");
      break;

    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE: {
      const bool single = f.type == MYSQL_TYPE_FLOAT;
      m.kind = ValueKind::floating;
      m.sql_type = m.verbose_type = single ? SQL_REAL : SQL_DOUBLE;
      m.column_size = single ? 7 : 15;
      m.octet_length = single ? 4 : 8;
      m.display_size = single ? 14 : 24;
      m.num_prec_radix = 10;
      m.is_unsigned = is_unsigned;
      m.default_c_type = single ? SQL_C_FLOAT : SQL_C_DOUBLE;
      m.type_name = single ? "float" : "double";
      break;
    }

    case MYSQL_TYPE_DECIMAL:
    case MYSQL_TYPE_NEWDECIMAL: {
      // The server's length counts the digits plus one byte for the decimal point (when
      // there is a scale) and one for the sign (when signed).
      long precision = static_cast<long>(f.length) - (f.decimals > 0 ? 1 : 0) - (is_unsigned ? 0 : 1);
      precision = std::max<long>({precision, static_cast<long>(f.decimals), 1L});
      m.kind = ValueKind::decimal;
      m.sql_type = m.verbose_type = SQL_DECIMAL;
      m.column_size = static_cast<SQLULEN>(precision);
      m.decimal_digits = static_cast<SQLSMALLINT>(f.decimals);
      m.has_decimal_digits = true;
      m.num_prec_radix = 10;
      m.octet_length = precision + 2;
      m.display_size = precision + 2;
      m.is_unsigned = is_unsigned;
      m.default_c_type = SQL_C_CHAR;
      m.type_name = "decimal";
      break;
    }

    case MYSQL_TYPE_BIT:
      m.kind = ValueKind::bit;
      m.type_name = "bit";
      if (f.length <= 1) {
        m.sql_type = m.verbose_type = SQL_BIT;
        m.column_size = 1;
        m.octet_length = 1;
        m.display_size = 1;
        m.default_c_type = SQL_C_BIT;
      } else {
        const unsigned long bytes = (f.length + 7) / 8;
        m.sql_type = m.verbose_type = SQL_BINARY;
        m.column_size = bytes;
        m.octet_length = static_cast<SQLLEN>(bytes);
        m.display_size = static_cast<SQLLEN>(bytes * 2);
        m.default_c_type = SQL_C_BINARY;
        m.literal_prefix = "0x";
      }
      break;

    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
      set_temporal(m, ValueKind::date, 0, "date");
      break;
    case MYSQL_TYPE_TIME:
    case MYSQL_TYPE_TIME2:
      set_temporal(m, ValueKind::time, f.decimals, "time");
      break;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_DATETIME2:
      set_temporal(m, ValueKind::datetime, f.decimals, "datetime");
      break;
    case MYSQL_TYPE_TIMESTAMP:
    case MYSQL_TYPE_TIMESTAMP2:
      set_temporal(m, ValueKind::datetime, f.decimals, "timestamp");
      break;

    case MYSQL_TYPE_STRING:
      if (f.flags & ENUM_FLAG) {
        set_text(m, CharShape::fixed, f.length, mbmax, unicode_text_types, "enum");
      } else if (f.flags & SET_FLAG) {
        set_text(m, CharShape::fixed, f.length, mbmax, unicode_text_types, "set");
      } else if (binary_cs) {
        set_binary(m, CharShape::fixed, f.length, "binary");
      } else {
        set_text(m, CharShape::fixed, f.length, mbmax, unicode_text_types, "char");
      }
      break;
    case MYSQL_TYPE_VAR_STRING:
    case MYSQL_TYPE_VARCHAR:
      if (binary_cs) {
        set_binary(m, CharShape::variable, f.length, "varbinary");
      } else {
        set_text(m, CharShape::variable, f.length, mbmax, unicode_text_types, "varchar");
      }
      break;
    case MYSQL_TYPE_ENUM:
      set_text(m, CharShape::fixed, f.length, mbmax, unicode_text_types, "enum");
      break;
    case MYSQL_TYPE_SET:
      set_text(m, CharShape::fixed, f.length, mbmax, unicode_text_types, "set");
      break;
    case MYSQL_TYPE_TINY_BLOB:
    case MYSQL_TYPE_BLOB:
    case MYSQL_TYPE_MEDIUM_BLOB:
    case MYSQL_TYPE_LONG_BLOB:
      if (binary_cs) {
        set_binary(m, CharShape::longvar, f.length, long_type_name(f.type, f.length, true));
      } else {
        set_text(m, CharShape::longvar, f.length, mbmax, unicode_text_types,
                 long_type_name(f.type, f.length / mbmax, false));
      }
      break;
    case MYSQL_TYPE_JSON:
      // MySQL labels JSON with the binary charset, but the text protocol sends UTF-8 text.
      set_text(m, CharShape::longvar, f.length, mbmax, unicode_text_types, "json");
      break;
    case MYSQL_TYPE_GEOMETRY:
      set_binary(m, CharShape::longvar, f.length, "geometry");
      m.searchable = SQL_PRED_BASIC;
      break;

    case MYSQL_TYPE_NULL:
      set_text(m, CharShape::variable, 0, mbmax, unicode_text_types, "null");
      m.kind = ValueKind::null;
      m.literal_prefix = m.literal_suffix = "";
      m.nullable = SQL_NULLABLE;
      break;

    default:  // a type this driver does not know: hand it over as text
      set_text(m, CharShape::variable, f.length, binary_cs ? 1 : mbmax, unicode_text_types,
               "varchar");
      break;
  }
  return m;
}

ColumnMeta synthetic_column(std::string_view name, SQLSMALLINT sql_type, SQLULEN column_size,
                            SQLSMALLINT nullable, SQLSMALLINT decimal_digits, bool is_unsigned) {
  constexpr unsigned kMbMax = 4;
  constexpr unsigned kUtf8mb4 = 45;  // utf8mb4_general_ci
  MYSQL_FIELD f;
  std::memset(&f, 0, sizeof f);
  std::string name_copy(name);
  f.name = name_copy.data();
  f.name_length = static_cast<unsigned>(name_copy.size());
  f.charsetnr = kBinaryCharsetNr;
  f.flags = (nullable == SQL_NO_NULLS ? NOT_NULL_FLAG : 0U) | (is_unsigned ? UNSIGNED_FLAG : 0U);
  bool unicode = false;
  switch (sql_type) {
    case SQL_WCHAR: unicode = true; [[fallthrough]];
    case SQL_CHAR:
      f.type = MYSQL_TYPE_STRING;
      break;
    case SQL_WVARCHAR: unicode = true; [[fallthrough]];
    case SQL_VARCHAR:
      f.type = MYSQL_TYPE_VAR_STRING;
      break;
    case SQL_WLONGVARCHAR: unicode = true; [[fallthrough]];
    case SQL_LONGVARCHAR:
      f.type = MYSQL_TYPE_BLOB;
      break;
    case SQL_TINYINT: f.type = MYSQL_TYPE_TINY; break;
    case SQL_SMALLINT: f.type = MYSQL_TYPE_SHORT; break;
    case SQL_INTEGER: f.type = MYSQL_TYPE_LONG; break;
    case SQL_BIGINT: f.type = MYSQL_TYPE_LONGLONG; break;
    case SQL_REAL: f.type = MYSQL_TYPE_FLOAT; break;
    case SQL_FLOAT:
    case SQL_DOUBLE: f.type = MYSQL_TYPE_DOUBLE; break;
    case SQL_DECIMAL:
    case SQL_NUMERIC:
      f.type = MYSQL_TYPE_NEWDECIMAL;
      f.decimals = static_cast<unsigned>(std::max<SQLSMALLINT>(decimal_digits, 0));
      f.length = static_cast<unsigned long>(column_size) + (f.decimals > 0 ? 1 : 0) + (is_unsigned ? 0 : 1);
      break;
    case SQL_BIT:
      f.type = MYSQL_TYPE_BIT;
      f.length = 1;
      break;
    case SQL_TYPE_DATE: f.type = MYSQL_TYPE_DATE; break;
    case SQL_TYPE_TIME:
      f.type = MYSQL_TYPE_TIME;
      f.decimals = static_cast<unsigned>(std::max<SQLSMALLINT>(decimal_digits, 0));
      break;
    case SQL_TYPE_TIMESTAMP:
      f.type = MYSQL_TYPE_DATETIME;
      f.decimals = static_cast<unsigned>(std::max<SQLSMALLINT>(decimal_digits, 0));
      break;
    case SQL_BINARY: f.type = MYSQL_TYPE_STRING; break;
    case SQL_VARBINARY: f.type = MYSQL_TYPE_VAR_STRING; break;
    case SQL_LONGVARBINARY: f.type = MYSQL_TYPE_BLOB; break;
    default:
      throw OdbcError("HY004", "Invalid SQL data type for a driver-built column");
  }
  const bool text = sql_type == SQL_CHAR || sql_type == SQL_VARCHAR || sql_type == SQL_LONGVARCHAR ||
                    sql_type == SQL_WCHAR || sql_type == SQL_WVARCHAR || sql_type == SQL_WLONGVARCHAR;
  const bool binary = sql_type == SQL_BINARY || sql_type == SQL_VARBINARY || sql_type == SQL_LONGVARBINARY;
  if (text) {
    f.charsetnr = kUtf8mb4;
    f.length = static_cast<unsigned long>(column_size * kMbMax);
  } else if (binary) {
    f.length = static_cast<unsigned long>(column_size);
  }
  ColumnMeta m = describe_field(f, kMbMax, unicode);
  if (nullable == SQL_NULLABLE_UNKNOWN) m.nullable = SQL_NULLABLE_UNKNOWN;
  return m;
}

SQLSMALLINT odbc_version_type(SQLSMALLINT sql_type, bool odbc2) noexcept {
  if (!odbc2) return sql_type;
  switch (sql_type) {
    case SQL_TYPE_DATE: return SQL_DATE;
    case SQL_TYPE_TIME: return SQL_TIME;
    case SQL_TYPE_TIMESTAMP: return SQL_TIMESTAMP;
    default: return sql_type;
  }
}

}  // namespace holdfast
