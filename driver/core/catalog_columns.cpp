// SQLColumns: the columns of tables and views, described exactly as SQLDescribeCol
// describes them in a result set (one mapping: catalog_column_type.h); and the type
// description SQLProcedureColumns shares (catalog_describe.h).
#include <charconv>

#include "core/catalog.h"
#include "core/catalog_column_type.h"
#include "core/catalog_describe.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"DATA_TYPE", "DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"TYPE_NAME", "TYPE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_SIZE", "PRECISION", SQL_INTEGER, 0, SQL_NULLABLE},
    {"BUFFER_LENGTH", "LENGTH", SQL_INTEGER, 0, SQL_NULLABLE},
    {"DECIMAL_DIGITS", "SCALE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"NUM_PREC_RADIX", "RADIX", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"NULLABLE", "NULLABLE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"REMARKS", "REMARKS", SQL_VARCHAR, 1024, SQL_NULLABLE},
    {"COLUMN_DEF", "COLUMN_DEF", SQL_VARCHAR, kColumnDefChars, SQL_NULLABLE},
    {"SQL_DATA_TYPE", "SQL_DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"SQL_DATETIME_SUB", "SQL_DATETIME_SUB", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"CHAR_OCTET_LENGTH", "CHAR_OCTET_LENGTH", SQL_INTEGER, 0, SQL_NULLABLE},
    {"ORDINAL_POSITION", "ORDINAL_POSITION", SQL_INTEGER, 0, SQL_NO_NULLS},
    {"IS_NULLABLE", "IS_NULLABLE", SQL_VARCHAR, 3, SQL_NULLABLE},
};

// The server query's columns, in this order.
constexpr std::string_view kSelect =
    "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH,"
    " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, IS_NULLABLE,"
    " COLUMN_DEFAULT, COLUMN_COMMENT, ORDINAL_POSITION, EXTRA FROM information_schema.COLUMNS WHERE ";
enum Q { q_schema, q_table, q_column, q_data_type, q_column_type, q_char_max, q_num_precision, q_num_scale,
         q_dt_precision, q_charset, q_is_nullable, q_default, q_comment, q_ordinal, q_extra };

std::string text(const ResultSet& rows, std::size_t column) { return column_text(rows, column).value_or(""); }


bool is_char_or_binary(SQLSMALLINT t) {
  switch (t) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY:
      return true;
    default:
      return false;
  }
}

std::optional<std::string> small(SQLSMALLINT v) { return std::to_string(v); }

LocalResult::Row make_row(const ResultSet& found, const CatalogContext& c) {
  InfoSchemaColumn info = read_type_columns(found, q_data_type);
  info.nullable = text(found, q_is_nullable) == "YES";
  info.extra = text(found, q_extra);

  LocalResult::Row row;
  row.reserve(std::size(kColumns));
  row.push_back(column_text(found, q_schema));
  row.push_back(std::nullopt);
  row.push_back(column_text(found, q_table));
  row.push_back(column_text(found, q_column));
  append_type_description(row, info, column_text(found, q_comment),
                          column_default(info, column_text(found, q_default), c.flavor == ServerFlavor::mysql),
                          static_cast<std::int64_t>(column_number(found, q_ordinal).value_or(0)), c);
  return row;
}

}  // namespace

InfoSchemaColumn read_type_columns(const ResultSet& rows, std::size_t first) {
  InfoSchemaColumn info;
  info.data_type = column_text(rows, first).value_or("");
  info.column_type = column_text(rows, first + 1).value_or("");
  info.char_max_length = column_number(rows, first + 2);
  info.numeric_precision = column_number(rows, first + 3);
  info.numeric_scale = column_number(rows, first + 4);
  info.datetime_precision = column_number(rows, first + 5);
  info.charset = column_text(rows, first + 6);
  return info;
}

void append_type_description(LocalResult::Row& row, const InfoSchemaColumn& info, std::optional<std::string> remarks,
                             std::optional<std::string> column_def, std::int64_t ordinal, const CatalogContext& c) {
  const ColumnMeta m = describe_info_schema_column(info, c.max_bytes_per_char, c.unicode_text);
  const bool odbc2 = c.odbc2();
  row.push_back(small(odbc_version_type(m.sql_type, odbc2)));
  row.push_back(std::string(m.type_name));
  row.push_back(integer_text(static_cast<std::int64_t>(m.column_size)));
  row.push_back(integer_text(m.octet_length));
  row.push_back(m.has_decimal_digits ? small(m.decimal_digits) : std::nullopt);
  row.push_back(m.num_prec_radix ? small(m.num_prec_radix) : std::nullopt);
  row.push_back(small(m.nullable));
  row.push_back(std::move(remarks));
  row.push_back(std::move(column_def));
  row.push_back(small(odbc2 ? odbc_version_type(m.sql_type, true) : m.verbose_type));
  row.push_back(m.datetime_subcode ? small(m.datetime_subcode) : std::nullopt);
  row.push_back(is_char_or_binary(m.sql_type) ? std::optional(integer_text(m.octet_length)) : std::nullopt);
  row.push_back(integer_text(ordinal));
  row.push_back(std::string(info.nullable ? "YES" : "NO"));
}

SQLRETURN catalog_columns(Statement& s, const ColumnsArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::pattern, c);
  const NameFilter table = name_filter(a.table, ArgKind::pattern, c.metadata_id, "table name");
  const NameFilter column = name_filter(a.column, ArgKind::pattern, c.metadata_id, "column name");
  if (!db.possible) return finish_catalog_call(s, c, kColumns, {});

  const std::string sql =
      std::string(kSelect) +
      all_of({name_condition("TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
              name_condition("TABLE_NAME", table, NameCase::table_like, c.literal),
              name_condition("COLUMN_NAME", column, NameCase::insensitive, c.literal)}) +
      " ORDER BY " + binary_collated("TABLE_SCHEMA") + ", " + binary_collated("TABLE_NAME") + ", ORDINAL_POSITION";

  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  rows.reserve(static_cast<std::size_t>(std::max<std::int64_t>(found->row_count(), 0)));
  while (found->next()) rows.push_back(make_row(*found, c));
  return finish_catalog_call(s, c, kColumns, std::move(rows));
}

}  // namespace holdfast
