#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/column_meta.h"
#include "core/odbc_error.h"

using namespace holdfast;

namespace {

constexpr unsigned kUtf8mb4 = 45;

MYSQL_FIELD field(enum_field_types type, unsigned long length, unsigned flags = 0,
                  unsigned decimals = 0, unsigned charsetnr = kBinaryCharsetNr) {
  MYSQL_FIELD f;
  std::memset(&f, 0, sizeof f);
  f.type = type;
  f.length = length;
  f.flags = flags;
  f.decimals = decimals;
  f.charsetnr = charsetnr;
  return f;
}

struct Row {
  const char* what;
  MYSQL_FIELD f;
  SQLSMALLINT sql_type;
  SQLULEN column_size;
  SQLSMALLINT decimal_digits;
  SQLLEN octet_length;
  SQLLEN display_size;
  const char* type_name;
  SQLSMALLINT default_c_type;
  ValueKind kind;
};

}  // namespace

TEST_CASE("describe_field maps every MySQL type (narrow text)", "[unit][types]") {
  const std::vector<Row> rows = {
      // integers: sizes come from the ODBC type, signedness from the flag
      {"TINYINT", field(MYSQL_TYPE_TINY, 4), SQL_TINYINT, 3, 0, 1, 4, "tinyint", SQL_C_STINYINT, ValueKind::integer},
      {"TINYINT UNSIGNED", field(MYSQL_TYPE_TINY, 3, UNSIGNED_FLAG), SQL_TINYINT, 3, 0, 1, 3, "tinyint unsigned", SQL_C_UTINYINT, ValueKind::integer},
      {"SMALLINT", field(MYSQL_TYPE_SHORT, 6), SQL_SMALLINT, 5, 0, 2, 6, "smallint", SQL_C_SSHORT, ValueKind::integer},
      {"SMALLINT UNSIGNED", field(MYSQL_TYPE_SHORT, 5, UNSIGNED_FLAG), SQL_SMALLINT, 5, 0, 2, 5, "smallint unsigned", SQL_C_USHORT, ValueKind::integer},
      {"MEDIUMINT", field(MYSQL_TYPE_INT24, 9), SQL_INTEGER, 10, 0, 4, 11, "mediumint", SQL_C_SLONG, ValueKind::integer},
      {"MEDIUMINT UNSIGNED", field(MYSQL_TYPE_INT24, 8, UNSIGNED_FLAG), SQL_INTEGER, 10, 0, 4, 10, "mediumint unsigned", SQL_C_ULONG, ValueKind::integer},
      {"INT", field(MYSQL_TYPE_LONG, 11), SQL_INTEGER, 10, 0, 4, 11, "int", SQL_C_SLONG, ValueKind::integer},
      {"INT UNSIGNED", field(MYSQL_TYPE_LONG, 10, UNSIGNED_FLAG), SQL_INTEGER, 10, 0, 4, 10, "int unsigned", SQL_C_ULONG, ValueKind::integer},
      {"BIGINT", field(MYSQL_TYPE_LONGLONG, 20), SQL_BIGINT, 19, 0, 8, 20, "bigint", SQL_C_SBIGINT, ValueKind::integer},
      {"BIGINT UNSIGNED", field(MYSQL_TYPE_LONGLONG, 20, UNSIGNED_FLAG), SQL_BIGINT, 20, 0, 8, 20, "bigint unsigned", SQL_C_UBIGINT, ValueKind::integer},
      {"YEAR", field(MYSQL_TYPE_YEAR, 4, UNSIGNED_FLAG | ZEROFILL_FLAG), SQL_SMALLINT, 5, 0, 2, 5, "year", SQL_C_USHORT, ValueKind::integer},
      // approximate
      {"FLOAT", field(MYSQL_TYPE_FLOAT, 12, 0, 31), SQL_REAL, 7, 0, 4, 14, "float", SQL_C_FLOAT, ValueKind::floating},
      {"DOUBLE", field(MYSQL_TYPE_DOUBLE, 22, 0, 31), SQL_DOUBLE, 15, 0, 8, 24, "double", SQL_C_DOUBLE, ValueKind::floating},
      // exact: length counts sign and point
      {"DECIMAL(10,2)", field(MYSQL_TYPE_NEWDECIMAL, 12, 0, 2), SQL_DECIMAL, 10, 2, 12, 12, "decimal", SQL_C_CHAR, ValueKind::decimal},
      {"DECIMAL(10,2) UNSIGNED", field(MYSQL_TYPE_NEWDECIMAL, 11, UNSIGNED_FLAG, 2), SQL_DECIMAL, 10, 2, 12, 12, "decimal", SQL_C_CHAR, ValueKind::decimal},
      {"DECIMAL(5,0)", field(MYSQL_TYPE_NEWDECIMAL, 6, 0, 0), SQL_DECIMAL, 5, 0, 7, 7, "decimal", SQL_C_CHAR, ValueKind::decimal},
      {"DECIMAL(65,30)", field(MYSQL_TYPE_NEWDECIMAL, 67, 0, 30), SQL_DECIMAL, 65, 30, 67, 67, "decimal", SQL_C_CHAR, ValueKind::decimal},
      {"old DECIMAL(4,1)", field(MYSQL_TYPE_DECIMAL, 6, 0, 1), SQL_DECIMAL, 4, 1, 6, 6, "decimal", SQL_C_CHAR, ValueKind::decimal},
      // BIT
      {"BIT(1)", field(MYSQL_TYPE_BIT, 1, UNSIGNED_FLAG), SQL_BIT, 1, 0, 1, 1, "bit", SQL_C_BIT, ValueKind::bit},
      {"BIT(10)", field(MYSQL_TYPE_BIT, 10, UNSIGNED_FLAG), SQL_BINARY, 2, 0, 2, 4, "bit", SQL_C_BINARY, ValueKind::bit},
      {"BIT(64)", field(MYSQL_TYPE_BIT, 64, UNSIGNED_FLAG), SQL_BINARY, 8, 0, 8, 16, "bit", SQL_C_BINARY, ValueKind::bit},
      // temporal
      {"DATE", field(MYSQL_TYPE_DATE, 10), SQL_TYPE_DATE, 10, 0, 6, 10, "date", SQL_C_TYPE_DATE, ValueKind::date},
      {"NEWDATE", field(MYSQL_TYPE_NEWDATE, 10), SQL_TYPE_DATE, 10, 0, 6, 10, "date", SQL_C_TYPE_DATE, ValueKind::date},
      {"TIME", field(MYSQL_TYPE_TIME, 10), SQL_TYPE_TIME, 8, 0, 6, 8, "time", SQL_C_TYPE_TIME, ValueKind::time},
      {"TIME(3)", field(MYSQL_TYPE_TIME, 14, 0, 3), SQL_TYPE_TIME, 12, 3, 6, 12, "time", SQL_C_TYPE_TIME, ValueKind::time},
      {"DATETIME", field(MYSQL_TYPE_DATETIME, 19), SQL_TYPE_TIMESTAMP, 19, 0, 16, 19, "datetime", SQL_C_TYPE_TIMESTAMP, ValueKind::datetime},
      {"DATETIME(6)", field(MYSQL_TYPE_DATETIME, 26, 0, 6), SQL_TYPE_TIMESTAMP, 26, 6, 16, 26, "datetime", SQL_C_TYPE_TIMESTAMP, ValueKind::datetime},
      {"TIMESTAMP(2)", field(MYSQL_TYPE_TIMESTAMP, 22, NOT_NULL_FLAG, 2), SQL_TYPE_TIMESTAMP, 22, 2, 16, 22, "timestamp", SQL_C_TYPE_TIMESTAMP, ValueKind::datetime},
      {"DATETIME not-fixed decimals", field(MYSQL_TYPE_DATETIME, 26, 0, 39), SQL_TYPE_TIMESTAMP, 26, 6, 16, 26, "datetime", SQL_C_TYPE_TIMESTAMP, ValueKind::datetime},
      // character: sizes in characters (utf8mb4: 4 bytes per character)
      {"CHAR(10)", field(MYSQL_TYPE_STRING, 40, 0, 0, kUtf8mb4), SQL_CHAR, 10, 0, 40, 10, "char", SQL_C_CHAR, ValueKind::text},
      {"VARCHAR(255)", field(MYSQL_TYPE_VAR_STRING, 1020, 0, 0, kUtf8mb4), SQL_VARCHAR, 255, 0, 1020, 255, "varchar", SQL_C_CHAR, ValueKind::text},
      {"VARCHAR (type 15)", field(MYSQL_TYPE_VARCHAR, 80, 0, 0, kUtf8mb4), SQL_VARCHAR, 20, 0, 80, 20, "varchar", SQL_C_CHAR, ValueKind::text},
      {"TINYTEXT", field(MYSQL_TYPE_BLOB, 1020, BLOB_FLAG, 0, kUtf8mb4), SQL_LONGVARCHAR, 255, 0, 1020, 255, "tinytext", SQL_C_CHAR, ValueKind::text},
      {"TEXT", field(MYSQL_TYPE_BLOB, 262140, BLOB_FLAG, 0, kUtf8mb4), SQL_LONGVARCHAR, 65535, 0, 262140, 65535, "text", SQL_C_CHAR, ValueKind::text},
      {"MEDIUMTEXT", field(MYSQL_TYPE_BLOB, 67108860, BLOB_FLAG, 0, kUtf8mb4), SQL_LONGVARCHAR, 16777215, 0, 67108860, 16777215, "mediumtext", SQL_C_CHAR, ValueKind::text},
      {"LONGTEXT", field(MYSQL_TYPE_BLOB, 4294967295UL, BLOB_FLAG, 0, kUtf8mb4), SQL_LONGVARCHAR, 1073741823, 0, 4294967292LL, 1073741823, "longtext", SQL_C_CHAR, ValueKind::text},
      {"MEDIUM_BLOB type, text", field(MYSQL_TYPE_MEDIUM_BLOB, 400, BLOB_FLAG, 0, kUtf8mb4), SQL_LONGVARCHAR, 100, 0, 400, 100, "mediumtext", SQL_C_CHAR, ValueKind::text},
      {"ENUM as STRING", field(MYSQL_TYPE_STRING, 20, ENUM_FLAG, 0, kUtf8mb4), SQL_CHAR, 5, 0, 20, 5, "enum", SQL_C_CHAR, ValueKind::text},
      {"SET as STRING", field(MYSQL_TYPE_STRING, 36, SET_FLAG, 0, kUtf8mb4), SQL_CHAR, 9, 0, 36, 9, "set", SQL_C_CHAR, ValueKind::text},
      {"ENUM type", field(MYSQL_TYPE_ENUM, 8, 0, 0, kUtf8mb4), SQL_CHAR, 2, 0, 8, 2, "enum", SQL_C_CHAR, ValueKind::text},
      {"SET type", field(MYSQL_TYPE_SET, 8, 0, 0, kUtf8mb4), SQL_CHAR, 2, 0, 8, 2, "set", SQL_C_CHAR, ValueKind::text},
      {"JSON (binary charset)", field(MYSQL_TYPE_JSON, 4294967295UL, BLOB_FLAG, 0, kBinaryCharsetNr), SQL_LONGVARCHAR, 1073741823, 0, 4294967292LL, 1073741823, "json", SQL_C_CHAR, ValueKind::text},
      // binary
      {"BINARY(16)", field(MYSQL_TYPE_STRING, 16, BINARY_FLAG), SQL_BINARY, 16, 0, 16, 32, "binary", SQL_C_BINARY, ValueKind::binary},
      {"VARBINARY(100)", field(MYSQL_TYPE_VAR_STRING, 100, BINARY_FLAG), SQL_VARBINARY, 100, 0, 100, 200, "varbinary", SQL_C_BINARY, ValueKind::binary},
      {"TINYBLOB", field(MYSQL_TYPE_BLOB, 255, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 255, 0, 255, 510, "tinyblob", SQL_C_BINARY, ValueKind::binary},
      {"BLOB", field(MYSQL_TYPE_BLOB, 65535, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 65535, 0, 65535, 131070, "blob", SQL_C_BINARY, ValueKind::binary},
      {"MEDIUMBLOB", field(MYSQL_TYPE_BLOB, 16777215, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 16777215, 0, 16777215, 33554430, "mediumblob", SQL_C_BINARY, ValueKind::binary},
      {"LONGBLOB", field(MYSQL_TYPE_BLOB, 4294967295UL, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 4294967295UL, 0, 4294967295LL, 8589934590LL, "longblob", SQL_C_BINARY, ValueKind::binary},
      {"TINY_BLOB type", field(MYSQL_TYPE_TINY_BLOB, 255, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 255, 0, 255, 510, "tinyblob", SQL_C_BINARY, ValueKind::binary},
      {"LONG_BLOB type", field(MYSQL_TYPE_LONG_BLOB, 100, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 100, 0, 100, 200, "longblob", SQL_C_BINARY, ValueKind::binary},
      {"GEOMETRY", field(MYSQL_TYPE_GEOMETRY, 4294967295UL, BLOB_FLAG | BINARY_FLAG), SQL_LONGVARBINARY, 4294967295UL, 0, 4294967295LL, 8589934590LL, "geometry", SQL_C_BINARY, ValueKind::binary},
      // NULL type
      {"NULL", field(MYSQL_TYPE_NULL, 0), SQL_VARCHAR, 0, 0, 0, 0, "null", SQL_C_CHAR, ValueKind::null},
  };
  for (const auto& r : rows) {
    INFO(r.what);
    const ColumnMeta m = describe_field(r.f, 4, false);
    CHECK(m.sql_type == r.sql_type);
    CHECK(m.column_size == r.column_size);
    CHECK(m.decimal_digits == r.decimal_digits);
    CHECK(m.octet_length == r.octet_length);
    CHECK(m.display_size == r.display_size);
    CHECK(m.type_name == r.type_name);
    CHECK(m.default_c_type == r.default_c_type);
    CHECK(m.kind == r.kind);
    CHECK(m.mysql_type == r.f.type);
    CHECK(m.length == r.f.length);
  }
}

TEST_CASE("describe_field maps text to W types when asked", "[unit][types]") {
  struct WRow {
    MYSQL_FIELD f;
    SQLSMALLINT sql_type;
    SQLULEN column_size;
    SQLLEN octet_length;
  };
  const std::vector<WRow> rows = {
      {field(MYSQL_TYPE_STRING, 40, 0, 0, kUtf8mb4), SQL_WCHAR, 10, 40},
      {field(MYSQL_TYPE_VAR_STRING, 1020, 0, 0, kUtf8mb4), SQL_WVARCHAR, 255, 1020},
      {field(MYSQL_TYPE_BLOB, 262140, BLOB_FLAG, 0, kUtf8mb4), SQL_WLONGVARCHAR, 65535, 262140},
      {field(MYSQL_TYPE_JSON, 4294967295UL, 0, 0, kBinaryCharsetNr), SQL_WLONGVARCHAR, 1073741823, 4294967292LL},
      {field(MYSQL_TYPE_ENUM, 8, 0, 0, kUtf8mb4), SQL_WCHAR, 2, 8},
  };
  for (const auto& r : rows) {
    const ColumnMeta m = describe_field(r.f, 4, true);
    CHECK(m.sql_type == r.sql_type);
    CHECK(m.verbose_type == r.sql_type);
    CHECK(m.column_size == r.column_size);
    CHECK(m.octet_length == r.octet_length);
    CHECK(m.default_c_type == SQL_C_WCHAR);
  }
  // Binary data and numbers are not affected.
  CHECK(describe_field(field(MYSQL_TYPE_VAR_STRING, 10, BINARY_FLAG), 4, true).sql_type == SQL_VARBINARY);
  CHECK(describe_field(field(MYSQL_TYPE_LONG, 11), 4, true).sql_type == SQL_INTEGER);
}

TEST_CASE("Character sizes follow the connection's bytes per character", "[unit][types]") {
  // latin1 result set: one byte per character.
  const ColumnMeta narrow = describe_field(field(MYSQL_TYPE_VAR_STRING, 30, 0, 0, 8), 1, false);
  CHECK(narrow.column_size == 30);
  CHECK(narrow.octet_length == 30);
  const ColumnMeta wide = describe_field(field(MYSQL_TYPE_VAR_STRING, 30, 0, 0, 8), 1, true);
  CHECK(wide.column_size == 30);
  CHECK(wide.octet_length == 60);  // two UTF-16 bytes per character, no supplementary chars
  // utf8mb3: three bytes per character.
  const ColumnMeta mb3 = describe_field(field(MYSQL_TYPE_STRING, 30, 0, 0, 33), 3, false);
  CHECK(mb3.column_size == 10);
  CHECK(mb3.octet_length == 30);
  // A zero max-bytes-per-char is treated as 1 rather than dividing by zero.
  CHECK(describe_field(field(MYSQL_TYPE_STRING, 7, 0, 0, 8), 0, false).column_size == 7);
}

TEST_CASE("describe_field derived attributes", "[unit][types]") {
  MYSQL_FIELD f = field(MYSQL_TYPE_LONG, 11, NOT_NULL_FLAG | AUTO_INCREMENT_FLAG | PRI_KEY_FLAG);
  char name[] = "id_label";
  char org_name[] = "id";
  char table[] = "t1";
  char org_table[] = "things";
  char db[] = "shop";
  f.name = name;
  f.name_length = 8;
  f.org_name = org_name;
  f.org_name_length = 2;
  f.table = table;
  f.table_length = 2;
  f.org_table = org_table;
  f.org_table_length = 6;
  f.db = db;
  f.db_length = 4;
  ColumnMeta m = describe_field(f, 4, false);
  CHECK(m.name == "id_label");
  CHECK(m.org_name == "id");
  CHECK(m.table == "t1");
  CHECK(m.org_table == "things");
  CHECK(m.db == "shop");
  CHECK(m.nullable == SQL_NO_NULLS);
  CHECK(m.auto_increment);
  CHECK_FALSE(m.is_unsigned);
  CHECK_FALSE(m.case_sensitive);
  CHECK(m.num_prec_radix == 10);
  CHECK(m.has_decimal_digits);
  CHECK(m.literal_prefix.empty());
  CHECK(m.searchable == SQL_PRED_SEARCHABLE);

  const ColumnMeta text = describe_field(field(MYSQL_TYPE_VAR_STRING, 40, 0, 0, kUtf8mb4), 4, false);
  CHECK(text.nullable == SQL_NULLABLE);
  CHECK(text.is_unsigned);  // not numeric
  CHECK_FALSE(text.case_sensitive);
  CHECK(text.literal_prefix == "'");
  CHECK(text.literal_suffix == "'");
  CHECK(text.num_prec_radix == 0);
  CHECK_FALSE(text.has_decimal_digits);

  const ColumnMeta bin_collation = describe_field(field(MYSQL_TYPE_VAR_STRING, 40, BINARY_FLAG, 0, 46), 4, false);
  CHECK(bin_collation.sql_type == SQL_VARCHAR);  // a _bin collation is still text
  CHECK(bin_collation.case_sensitive);

  const ColumnMeta blob = describe_field(field(MYSQL_TYPE_BLOB, 65535, BINARY_FLAG | BLOB_FLAG), 4, false);
  CHECK(blob.case_sensitive);
  CHECK(blob.literal_prefix == "0x");
  CHECK(blob.literal_suffix.empty());

  const ColumnMeta dt = describe_field(field(MYSQL_TYPE_DATETIME, 19), 4, false);
  CHECK(dt.verbose_type == SQL_DATETIME);
  CHECK(dt.datetime_subcode == SQL_CODE_TIMESTAMP);
  CHECK(dt.literal_prefix == "'");
  CHECK(describe_field(field(MYSQL_TYPE_DATE, 10), 4, false).datetime_subcode == SQL_CODE_DATE);
  CHECK(describe_field(field(MYSQL_TYPE_TIME, 10), 4, false).datetime_subcode == SQL_CODE_TIME);
  CHECK_FALSE(describe_field(field(MYSQL_TYPE_DATE, 10), 4, false).has_decimal_digits);

  const ColumnMeta u = describe_field(field(MYSQL_TYPE_NEWDECIMAL, 5, UNSIGNED_FLAG, 2), 4, false);
  CHECK(u.is_unsigned);
  CHECK(u.column_size == 4);

  const ColumnMeta dbl = describe_field(field(MYSQL_TYPE_DOUBLE, 22, 0, 31), 4, false);
  CHECK_FALSE(dbl.has_decimal_digits);
  CHECK(dbl.num_prec_radix == 10);
}

TEST_CASE("synthetic_column describes driver-built result columns", "[unit][types]") {
  ColumnMeta m = synthetic_column("TABLE_NAME", SQL_WVARCHAR, 64, SQL_NO_NULLS);
  CHECK(m.name == "TABLE_NAME");
  CHECK(m.sql_type == SQL_WVARCHAR);
  CHECK(m.column_size == 64);
  CHECK(m.nullable == SQL_NO_NULLS);
  CHECK(m.kind == ValueKind::text);
  CHECK(m.default_c_type == SQL_C_WCHAR);

  m = synthetic_column("DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS);
  CHECK(m.sql_type == SQL_SMALLINT);
  CHECK(m.column_size == 5);
  CHECK(m.default_c_type == SQL_C_SSHORT);
  CHECK(m.kind == ValueKind::integer);

  m = synthetic_column("COLUMN_SIZE", SQL_INTEGER, 0, SQL_NULLABLE);
  CHECK(m.sql_type == SQL_INTEGER);
  CHECK(m.nullable == SQL_NULLABLE);

  m = synthetic_column("U", SQL_BIGINT, 0, SQL_NULLABLE_UNKNOWN, 0, true);
  CHECK(m.column_size == 20);
  CHECK(m.default_c_type == SQL_C_UBIGINT);
  CHECK(m.nullable == SQL_NULLABLE_UNKNOWN);

  m = synthetic_column("D", SQL_DECIMAL, 12, SQL_NULLABLE, 3);
  CHECK(m.sql_type == SQL_DECIMAL);
  CHECK(m.column_size == 12);
  CHECK(m.decimal_digits == 3);

  m = synthetic_column("TS", SQL_TYPE_TIMESTAMP, 0, SQL_NULLABLE, 6);
  CHECK(m.column_size == 26);
  m = synthetic_column("C", SQL_CHAR, 3, SQL_NULLABLE);
  CHECK(m.sql_type == SQL_CHAR);
  CHECK(m.column_size == 3);
  m = synthetic_column("B", SQL_VARBINARY, 16, SQL_NULLABLE);
  CHECK(m.sql_type == SQL_VARBINARY);
  CHECK(m.column_size == 16);
  CHECK(m.kind == ValueKind::binary);
  CHECK(synthetic_column("L", SQL_LONGVARCHAR, 100, SQL_NULLABLE).sql_type == SQL_LONGVARCHAR);
  CHECK(synthetic_column("F", SQL_REAL, 0, SQL_NULLABLE).sql_type == SQL_REAL);
  CHECK(synthetic_column("F", SQL_DOUBLE, 0, SQL_NULLABLE).sql_type == SQL_DOUBLE);
  CHECK(synthetic_column("X", SQL_BIT, 0, SQL_NULLABLE).sql_type == SQL_BIT);

  try {
    synthetic_column("G", SQL_GUID, 0, SQL_NULLABLE);
    FAIL("expected HY004");
  } catch (const OdbcError& e) {
    CHECK(e.sqlstate() == "HY004");
  }
}
