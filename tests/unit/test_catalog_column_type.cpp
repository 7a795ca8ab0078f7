// information_schema.COLUMNS rows rebuilt as the MYSQL_FIELD the server sends for the
// same column (the expected fields were read from MariaDB 10.11 with a utf8mb4
// connection), and COLUMN_DEF.
#include <catch2/catch.hpp>

#include "core/catalog_column_type.h"

using namespace holdfast;

namespace {

using U = std::optional<std::uint64_t>;

InfoSchemaColumn col(std::string data_type, std::string column_type, U chars = {}, U precision = {}, U scale = {},
                     U dt_precision = {}, std::optional<std::string> charset = {}) {
  InfoSchemaColumn c;
  c.data_type = std::move(data_type);
  c.column_type = std::move(column_type);
  c.char_max_length = chars;
  c.numeric_precision = precision;
  c.numeric_scale = scale;
  c.datetime_precision = dt_precision;
  c.charset = std::move(charset);
  return c;
}

struct Expected {
  enum_field_types type;
  unsigned long length;
  unsigned decimals;
  bool binary_charset;
  unsigned flags;  // the flags describe_field reads
};

constexpr unsigned kReadFlags = UNSIGNED_FLAG | ENUM_FLAG | SET_FLAG | NOT_NULL_FLAG;

void check_field(const InfoSchemaColumn& c, const Expected& e) {
  INFO(c.column_type);
  const MYSQL_FIELD f = field_for_info_schema_column(c, 4);
  CHECK(f.type == e.type);
  CHECK(f.length == e.length);
  CHECK(f.decimals == e.decimals);
  CHECK((f.charsetnr == kBinaryCharsetNr) == e.binary_charset);
  CHECK((f.flags & kReadFlags) == e.flags);
}

}  // namespace

TEST_CASE("information_schema columns rebuild the server's result-set field", "[unit][catalog]") {
  const std::string utf8 = "utf8mb4";
  check_field(col("int", "int(10) unsigned", {}, 10, 0), {MYSQL_TYPE_LONG, 10, 0, true, UNSIGNED_FLAG});
  check_field(col("bigint", "bigint(20) unsigned", {}, 20, 0), {MYSQL_TYPE_LONGLONG, 20, 0, true, UNSIGNED_FLAG});
  check_field(col("mediumint", "mediumint(9)", {}, 7, 0), {MYSQL_TYPE_INT24, 7, 0, true, 0});
  check_field(col("decimal", "decimal(12,2)", {}, 12, 2), {MYSQL_TYPE_NEWDECIMAL, 14, 2, true, 0});
  check_field(col("decimal", "decimal(5,0) unsigned", {}, 5, 0), {MYSQL_TYPE_NEWDECIMAL, 5, 0, true, UNSIGNED_FLAG});
  check_field(col("varchar", "varchar(100)", 100, {}, {}, {}, utf8), {MYSQL_TYPE_VAR_STRING, 400, 0, false, 0});
  check_field(col("char", "char(10)", 10, {}, {}, {}, std::string("latin1")), {MYSQL_TYPE_STRING, 40, 0, false, 0});
  check_field(col("datetime", "datetime(3)", {}, {}, {}, 3), {MYSQL_TYPE_DATETIME, 23, 3, true, 0});
  check_field(col("timestamp", "timestamp(6)", {}, {}, {}, 6), {MYSQL_TYPE_TIMESTAMP, 26, 6, true, 0});
  check_field(col("time", "time(2)", {}, {}, {}, 2), {MYSQL_TYPE_TIME, 13, 2, true, 0});
  check_field(col("date", "date"), {MYSQL_TYPE_DATE, 10, 0, true, 0});
  check_field(col("tinytext", "tinytext", 255, {}, {}, {}, utf8), {MYSQL_TYPE_BLOB, 1020, 0, false, 0});
  check_field(col("text", "text", 65535, {}, {}, {}, utf8), {MYSQL_TYPE_BLOB, 262140, 0, false, 0});
  check_field(col("mediumtext", "mediumtext", 16777215, {}, {}, {}, utf8), {MYSQL_TYPE_BLOB, 67108860, 0, false, 0});
  check_field(col("longtext", "longtext", 4294967295ULL, {}, {}, {}, utf8),
              {MYSQL_TYPE_BLOB, 4294967295UL, 0, false, 0});
  check_field(col("blob", "blob", 65535), {MYSQL_TYPE_BLOB, 65535, 0, true, 0});
  check_field(col("tinyblob", "tinyblob", 255), {MYSQL_TYPE_BLOB, 255, 0, true, 0});
  check_field(col("binary", "binary(4)", 4), {MYSQL_TYPE_STRING, 4, 0, true, 0});
  check_field(col("varbinary", "varbinary(9)", 9), {MYSQL_TYPE_VAR_STRING, 9, 0, true, 0});
  check_field(col("enum", "enum('x','yyy')", 3, {}, {}, {}, utf8), {MYSQL_TYPE_STRING, 12, 0, false, ENUM_FLAG});
  check_field(col("set", "set('a','bb')", 4, {}, {}, {}, utf8), {MYSQL_TYPE_STRING, 16, 0, false, SET_FLAG});
  check_field(col("bit", "bit(1)", {}, 1), {MYSQL_TYPE_BIT, 1, 0, true, 0});
  check_field(col("bit", "bit(10)", {}, 10), {MYSQL_TYPE_BIT, 10, 0, true, 0});
  check_field(col("year", "year(4)"), {MYSQL_TYPE_YEAR, 4, 0, true, UNSIGNED_FLAG});
  check_field(col("point", "point"), {MYSQL_TYPE_GEOMETRY, 4294967295UL, 0, true, 0});
  check_field(col("inet6", "inet6"), {MYSQL_TYPE_STRING, 156, 0, false, 0});
  check_field(col("uuid", "uuid"), {MYSQL_TYPE_STRING, 144, 0, false, 0});
  check_field(col("json", "json"), {MYSQL_TYPE_JSON, 4294967295UL, 0, true, 0});
  InfoSchemaColumn not_null = col("int", "int(11)", {}, 10, 0);
  not_null.nullable = false;
  check_field(not_null, {MYSQL_TYPE_LONG, 10, 0, true, NOT_NULL_FLAG});
}

TEST_CASE("information_schema columns get the ODBC description of result columns", "[unit][catalog]") {
  ColumnMeta m = describe_info_schema_column(col("int", "int(10) unsigned", {}, 10, 0), 4, true);
  CHECK(m.sql_type == SQL_INTEGER);
  CHECK(m.type_name == "int unsigned");
  CHECK(m.column_size == 10);
  CHECK(m.octet_length == 4);
  CHECK(m.num_prec_radix == 10);

  m = describe_info_schema_column(col("decimal", "decimal(12,2)", {}, 12, 2), 4, true);
  CHECK(m.sql_type == SQL_DECIMAL);
  CHECK(m.column_size == 12);
  CHECK(m.decimal_digits == 2);

  m = describe_info_schema_column(col("varchar", "varchar(100)", 100, {}, {}, {}, std::string("utf8mb4")), 4, true);
  CHECK(m.sql_type == SQL_WVARCHAR);
  CHECK(m.column_size == 100);
  m = describe_info_schema_column(col("varchar", "varchar(100)", 100, {}, {}, {}, std::string("utf8mb4")), 1, false);
  CHECK(m.sql_type == SQL_VARCHAR);
  CHECK(m.column_size == 100);
  CHECK(m.octet_length == 100);

  m = describe_info_schema_column(col("text", "text", 65535, {}, {}, {}, std::string("utf8mb4")), 4, true);
  CHECK(m.sql_type == SQL_WLONGVARCHAR);
  CHECK(m.type_name == "text");
  CHECK(m.column_size == 65535);

  m = describe_info_schema_column(col("datetime", "datetime(3)", {}, {}, {}, 3), 4, true);
  CHECK(m.sql_type == SQL_TYPE_TIMESTAMP);
  CHECK(m.verbose_type == SQL_DATETIME);
  CHECK(m.datetime_subcode == SQL_CODE_TIMESTAMP);
  CHECK(m.column_size == 23);
  CHECK(m.decimal_digits == 3);

  m = describe_info_schema_column(col("bit", "bit(1)", {}, 1), 4, true);
  CHECK(m.sql_type == SQL_BIT);
  m = describe_info_schema_column(col("bit", "bit(10)", {}, 10), 4, true);
  CHECK(m.sql_type == SQL_BINARY);
  CHECK(m.column_size == 2);
  m = describe_info_schema_column(col("year", "year(4)"), 4, true);
  CHECK(m.sql_type == SQL_SMALLINT);
  CHECK(m.type_name == "year");
  m = describe_info_schema_column(col("enum", "enum('x','yyy')", 3, {}, {}, {}, std::string("utf8mb4")), 4, true);
  CHECK(m.sql_type == SQL_WCHAR);
  CHECK(m.column_size == 3);
  m = describe_info_schema_column(col("blob", "blob", 65535), 4, true);
  CHECK(m.sql_type == SQL_LONGVARBINARY);
  CHECK(m.column_size == 65535);
  // An unknown type is text, as describe_field treats unknown result columns.
  m = describe_info_schema_column(col("vector", "vector(3)", 12, {}, {}, {}, std::string("utf8mb4")), 4, true);
  CHECK(m.sql_type == SQL_WVARCHAR);
}

TEST_CASE("COLUMN_DEF as the reference writes it", "[unit][catalog]") {
  const auto text = col("varchar", "varchar(20)", 20);
  const auto number = col("int", "int(11)", {}, 10, 0);
  const auto bits = col("bit", "bit(3)", {}, 3);
  const auto stamp = col("timestamp", "timestamp");
  using S = std::optional<std::string>;

  // MariaDB 10.2.7+ already writes defaults this way.
  CHECK(column_default(text, S("'it''s'"), false) == S("'it''s'"));
  CHECK(column_default(text, S("NULL"), false) == S("NULL"));
  CHECK(column_default(number, S("5"), false) == S("5"));
  CHECK(column_default(stamp, S("current_timestamp()"), false) == S("current_timestamp()"));
  CHECK(column_default(number, std::nullopt, false) == std::nullopt);

  // MySQL: strings unquoted, NULL for a NULL default.
  CHECK(column_default(text, S("it's"), true) == S("'it''s'"));
  CHECK(column_default(text, S("NULL"), true) == S("'NULL'"));
  CHECK(column_default(text, std::nullopt, true) == S("NULL"));
  InfoSchemaColumn required = number;
  required.nullable = false;
  CHECK(column_default(required, std::nullopt, true) == std::nullopt);
  CHECK(column_default(number, S("5"), true) == S("5"));
  CHECK(column_default(bits, S("b'101'"), true) == S("b'101'"));
  InfoSchemaColumn generated_default = stamp;
  generated_default.extra = "DEFAULT_GENERATED on update CURRENT_TIMESTAMP";
  CHECK(column_default(generated_default, S("CURRENT_TIMESTAMP"), true) == S("CURRENT_TIMESTAMP"));
  CHECK(column_default(stamp, S("2020-01-02 03:04:05"), true) == S("'2020-01-02 03:04:05'"));

  // Generated columns have no default.
  InfoSchemaColumn virtual_column = number;
  virtual_column.extra = "VIRTUAL GENERATED";
  CHECK(column_default(virtual_column, S("NULL"), false) == std::nullopt);
  virtual_column.extra = "STORED GENERATED";
  CHECK(column_default(virtual_column, std::nullopt, true) == std::nullopt);

  // Too long for the column: TRUNCATED.
  const std::string fits = "'" + std::string(kColumnDefChars - 2, 'x') + "'";
  CHECK(column_default(text, fits, false) == S(fits));
  CHECK(column_default(text, "'" + std::string(kColumnDefChars, 'x') + "'", false) == S("TRUNCATED"));
}
