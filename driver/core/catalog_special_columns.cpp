// SQLSpecialColumns: the columns that identify a row (the primary key or a unique
// NOT NULL index, from information_schema.STATISTICS) and the columns the server updates
// when a row changes (ON UPDATE CURRENT_TIMESTAMP, from information_schema.COLUMNS),
// typed as SQLColumns types them.
#include <charconv>

#include "core/catalog.h"
#include "core/catalog_describe.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kSpecialColumns[] = {
    {"SCOPE", "SCOPE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"DATA_TYPE", "DATA_TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"TYPE_NAME", "TYPE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_SIZE", "PRECISION", SQL_INTEGER, 0, SQL_NULLABLE},
    {"BUFFER_LENGTH", "LENGTH", SQL_INTEGER, 0, SQL_NULLABLE},
    {"DECIMAL_DIGITS", "SCALE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"PSEUDO_COLUMN", "PSEUDO_COLUMN", SQL_SMALLINT, 0, SQL_NULLABLE},
};

// The columns' description, from information_schema.COLUMNS (alias c), in this order;
// the query adds its own columns after these.
constexpr std::string_view kDescribe =
    "c.TABLE_SCHEMA, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION,"
    " c.NUMERIC_SCALE, c.DATETIME_PRECISION, c.CHARACTER_SET_NAME, c.IS_NULLABLE, c.EXTRA";
enum Q { q_schema, q_column, q_data_type, q_column_type, q_char_max, q_num_precision, q_num_scale, q_dt_precision,
         q_charset, q_is_nullable, q_extra, q_index };

bool not_null(const ResultSet& found) { return column_text(found, q_is_nullable).value_or("") == "NO"; }

// One result row: SCOPE, COLUMN_NAME, then DATA_TYPE .. DECIMAL_DIGITS as SQLColumns
// gives them, PSEUDO_COLUMN.
LocalResult::Row make_row(const ResultSet& found, std::optional<std::string> scope, const CatalogContext& c) {
  InfoSchemaColumn info = read_type_columns(found, q_data_type);
  info.nullable = !not_null(found);
  info.extra = column_text(found, q_extra).value_or("");
  LocalResult::Row described;
  append_type_description(described, info, std::nullopt, std::nullopt, 0, c);
  LocalResult::Row row;
  row.reserve(std::size(kSpecialColumns));
  row.push_back(std::move(scope));
  row.push_back(column_text(found, q_column));
  for (std::size_t i = 0; i < 5; ++i) row.push_back(std::move(described[i]));  // DATA_TYPE .. DECIMAL_DIGITS
  row.push_back(std::to_string(SQL_PC_NOT_PSEUDO));
  return row;
}

}  // namespace

SQLRETURN catalog_special_columns(Statement& s, SQLUSMALLINT identifier_type, const TableArgs& a, SQLUSMALLINT scope,
                                  SQLUSMALLINT nullable) {
  if (identifier_type != SQL_BEST_ROWID && identifier_type != SQL_ROWVER)
    throw OdbcError("HY097", "Column type out of range");
  if (scope != SQL_SCOPE_CURROW && scope != SQL_SCOPE_TRANSACTION && scope != SQL_SCOPE_SESSION)
    throw OdbcError("HY098", "Scope type out of range");
  if (nullable != SQL_NO_NULLS && nullable != SQL_NULLABLE) throw OdbcError("HY099", "Nullable type out of range");
  const CatalogContext c = begin_catalog_call(s);
  if (!a.table) throw OdbcError("HY009", "Invalid use of null pointer: the table name is required");
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::ordinary, c);
  const NameFilter table = name_filter(a.table, ArgKind::ordinary, c.metadata_id, "table name");
  if (!db.possible) return finish_catalog_call(s, c, kSpecialColumns, {});
  const std::string where = all_of({name_condition("c.TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
                                    name_condition("c.TABLE_NAME", table, NameCase::table_like, c.literal)});
  std::vector<LocalResult::Row> rows;

  if (identifier_type == SQL_ROWVER) {
    // Columns the server sets whenever the row changes.
    const std::string sql = "SELECT " + std::string(kDescribe) + " FROM information_schema.COLUMNS c WHERE " + where +
                            " AND LOWER(c.EXTRA) LIKE '%on update current_timestamp%' ORDER BY " +
                            binary_collated("c.TABLE_SCHEMA") + ", c.ORDINAL_POSITION";
    std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
    while (found->next())
      if (nullable == SQL_NULLABLE || not_null(*found)) rows.push_back(make_row(*found, std::nullopt, c));
    return finish_catalog_call(s, c, kSpecialColumns, std::move(rows));
  }

  // Every unique index's columns, the primary key's first, then by index name; the
  // first index (of the first database, should the table name match in several) whose
  // columns are all NOT NULL identifies a row for as long as the session lasts.
  const std::string sql =
      "SELECT " + std::string(kDescribe) + ", s.INDEX_NAME FROM information_schema.STATISTICS s"
      " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME"
      " AND c.COLUMN_NAME = s.COLUMN_NAME WHERE s.NON_UNIQUE = 0 AND " + where + " ORDER BY " +
      binary_collated("c.TABLE_SCHEMA") + ", s.INDEX_NAME <> 'PRIMARY', " + binary_collated("s.INDEX_NAME") +
      ", s.SEQ_IN_INDEX";
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::optional<std::string> schema;
  std::optional<std::string> index;
  bool usable = false;
  const std::string session_scope = std::to_string(SQL_SCOPE_SESSION);
  while (found->next()) {
    std::optional<std::string> row_schema = column_text(*found, q_schema);
    std::optional<std::string> row_index = column_text(*found, q_index);
    if (schema && row_schema != schema) break;  // another database's table of the same name
    if (row_index != index) {
      if (usable) break;  // the previous index identifies a row
      schema = std::move(row_schema);
      index = std::move(row_index);
      rows.clear();
      usable = true;
    }
    if (!usable) continue;
    if (!not_null(*found)) {
      usable = false;
      rows.clear();
      continue;
    }
    rows.push_back(make_row(*found, session_scope, c));
  }
  if (!usable) rows.clear();
  return finish_catalog_call(s, c, kSpecialColumns, std::move(rows));
}

}  // namespace holdfast
