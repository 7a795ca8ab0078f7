// SQLPrimaryKeys and SQLStatistics: a table's primary key and indexes, from
// information_schema.STATISTICS (and TABLES for SQLStatistics' table row).
#include <charconv>

#include "core/catalog.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"
#include "core/native_value.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kPrimaryKeyColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"KEY_SEQ", "KEY_SEQ", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"PK_NAME", "PK_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
};

constexpr CatalogColumnDef kStatisticsColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"NON_UNIQUE", "NON_UNIQUE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"INDEX_QUALIFIER", "INDEX_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"INDEX_NAME", "INDEX_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TYPE", "TYPE", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"ORDINAL_POSITION", "SEQ_IN_INDEX", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"ASC_OR_DESC", "COLLATION", SQL_CHAR, 1, SQL_NULLABLE},
    {"CARDINALITY", "CARDINALITY", SQL_INTEGER, 0, SQL_NULLABLE},
    {"PAGES", "PAGES", SQL_INTEGER, 0, SQL_NULLABLE},
    {"FILTER_CONDITION", "FILTER_CONDITION", SQL_VARCHAR, 128, SQL_NULLABLE},
};

// The one table both functions name: ordinary arguments (identifiers under
// SQL_ATTR_METADATA_ID); the table name is required.
struct TableSelection {
  bool possible = true;  // false: a schema was named, nothing can match
  std::string condition;
};

TableSelection select_table(const TableArgs& a, const CatalogContext& c) {
  if (!a.table) throw OdbcError("HY009", "Invalid use of null pointer: the table name is required");
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::ordinary, c);
  const NameFilter table = name_filter(a.table, ArgKind::ordinary, c.metadata_id, "table name");
  return TableSelection{db.possible, all_of({name_condition("TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
                                           name_condition("TABLE_NAME", table, NameCase::table_like, c.literal)})};
}

std::optional<std::string> clamped_integer(const ResultSet& rows, std::size_t column) {
  char room[kNativeTextRoom];
  const SourceValue v = native_as_text(rows.columns()[column], rows.value(column), room);
  if (v.is_null) return std::nullopt;
  long long n = 0;
  std::from_chars(v.data, v.data + v.length, n);
  return integer_text(n);
}

}  // namespace

SQLRETURN catalog_primary_keys(Statement& s, const TableArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  const TableSelection where = select_table(a, c);
  if (!where.possible) return finish_catalog_call(s, c, kPrimaryKeyColumns, {});
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, SEQ_IN_INDEX FROM information_schema.STATISTICS WHERE "
      "INDEX_NAME = 'PRIMARY' AND " + where.condition + " ORDER BY " + binary_collated("TABLE_SCHEMA") + ", " +
      binary_collated("TABLE_NAME") + ", SEQ_IN_INDEX";
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), column_text(*found, 2),
                    column_text(*found, 3), std::string("PRIMARY")});
  return finish_catalog_call(s, c, kPrimaryKeyColumns, std::move(rows));
}

SQLRETURN catalog_statistics(Statement& s, const TableArgs& a, SQLUSMALLINT unique, SQLUSMALLINT reserved) {
  if (unique != SQL_INDEX_UNIQUE && unique != SQL_INDEX_ALL)
    throw OdbcError("HY100", "Uniqueness option type out of range");
  if (reserved != SQL_ENSURE && reserved != SQL_QUICK) throw OdbcError("HY101", "Accuracy option type out of range");
  const CatalogContext c = begin_catalog_call(s);
  const TableSelection where = select_table(a, c);
  if (!where.possible) return finish_catalog_call(s, c, kStatisticsColumns, {});
  // The SQL_TABLE_STAT row (NON_UNIQUE NULL sorts first), then one row per index column
  // ordered by NON_UNIQUE, TYPE, INDEX_QUALIFIER (always NULL), INDEX_NAME, ORDINAL_POSITION.
  // CARDINALITY is the server's estimate with SQL_QUICK and SQL_ENSURE alike.
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, NULL AS NON_UNIQUE, NULL AS INDEX_NAME, " + std::to_string(SQL_TABLE_STAT) +
      " AS TYPE, NULL AS SEQ, NULL AS COLUMN_NAME, NULL AS COLLATION, TABLE_ROWS AS CARDINALITY"
      " FROM information_schema.TABLES WHERE " + where.condition +
      " UNION ALL SELECT TABLE_SCHEMA, TABLE_NAME, NON_UNIQUE, INDEX_NAME, CASE WHEN INDEX_TYPE = 'HASH' THEN " +
      std::to_string(SQL_INDEX_HASHED) + " ELSE " + std::to_string(SQL_INDEX_OTHER) +
      " END, SEQ_IN_INDEX, COLUMN_NAME, COLLATION, CARDINALITY FROM information_schema.STATISTICS WHERE " +
      where.condition + (unique == SQL_INDEX_UNIQUE ? " AND NON_UNIQUE = 0" : "") +
      " ORDER BY 3, 5, 4, 6, 1, 2";
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), column_text(*found, 2), std::nullopt,
                    column_text(*found, 3), column_text(*found, 4), column_text(*found, 5), column_text(*found, 6),
                    column_text(*found, 7), clamped_integer(*found, 8), std::nullopt, std::nullopt});
  return finish_catalog_call(s, c, kStatisticsColumns, std::move(rows));
}

}  // namespace holdfast
