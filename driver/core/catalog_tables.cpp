// SQLTables: tables and views, and the special enumerations of catalogs, schemas and
// table types.
//
// Table types, from information_schema.TABLES.TABLE_TYPE:
//   BASE TABLE, SYSTEM VERSIONED -> TABLE      VIEW -> VIEW
//   SYSTEM VIEW, and everything in information_schema, performance_schema, mysql and
//   sys -> SYSTEM TABLE                         SEQUENCE (MariaDB) -> SEQUENCE
//   TEMPORARY (MariaDB 11.2+) -> LOCAL TEMPORARY
#include <algorithm>
#include <array>

#include "core/catalog.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_TYPE", "TABLE_TYPE", SQL_VARCHAR, 32, SQL_NULLABLE},
    {"REMARKS", "REMARKS", SQL_VARCHAR, 2048, SQL_NULLABLE},
};

constexpr std::string_view kTypeExpression =
    "CASE WHEN TABLE_SCHEMA IN ('information_schema','performance_schema','mysql','sys') "
    "OR TABLE_TYPE = 'SYSTEM VIEW' THEN 'SYSTEM TABLE' "
    "WHEN TABLE_TYPE = 'VIEW' THEN 'VIEW' "
    "WHEN TABLE_TYPE = 'SEQUENCE' THEN 'SEQUENCE' "
    "WHEN TABLE_TYPE = 'TEMPORARY' THEN 'LOCAL TEMPORARY' "
    "ELSE 'TABLE' END";

// The types this server can report, in TABLE_TYPE order.
std::vector<std::string_view> server_table_types(const CatalogContext& c) {
  const bool mariadb = c.flavor != ServerFlavor::mysql;
  std::vector<std::string_view> types;
  if (mariadb && c.server_version >= 110200) types.push_back("LOCAL TEMPORARY");
  if (mariadb && c.server_version >= 100300) types.push_back("SEQUENCE");
  types.push_back("SYSTEM TABLE");
  types.push_back("TABLE");
  types.push_back("VIEW");
  return types;
}

bool equals(const CatalogArg& arg, std::string_view value) { return arg && *arg == value; }

// The databases, in TABLE_CAT (TABLE_SCHEM with DATABASE_AS_SCHEMA).
SQLRETURN list_databases(Statement& s, const CatalogContext& c) {
  std::unique_ptr<ResultSet> found = run_catalog_query(
      s, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY " + binary_collated("SCHEMA_NAME"));
  std::vector<LocalResult::Row> rows;
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  return finish_catalog_call(s, c, kColumns, std::move(rows));
}

SQLRETURN list_table_types(Statement& s, const CatalogContext& c) {
  std::vector<LocalResult::Row> rows;
  for (std::string_view type : server_table_types(c))
    rows.push_back({std::nullopt, std::nullopt, std::nullopt, std::string(type), std::nullopt});
  return finish_catalog_call(s, c, kColumns, std::move(rows));
}

}  // namespace

SQLRETURN catalog_tables(Statement& s, const TablesArgs& a) {
  const CatalogContext c = begin_catalog_call(s);

  // The special enumerations (SQLTables, "Comments").
  // With DATABASE_AS_SCHEMA the databases are the schemas and there are no catalogs.
  if (equals(a.catalog, SQL_ALL_CATALOGS) && equals(a.schema, "") && equals(a.table, ""))
    return c.database_as_schema ? finish_catalog_call(s, c, kColumns, {}) : list_databases(s, c);
  if (equals(a.schema, SQL_ALL_SCHEMAS) && equals(a.catalog, "") && equals(a.table, ""))
    return c.database_as_schema ? list_databases(s, c) : finish_catalog_call(s, c, kColumns, {});
  if (equals(a.table_type, SQL_ALL_TABLE_TYPES) && equals(a.catalog, "") && equals(a.schema, "") && equals(a.table, ""))
    return list_table_types(s, c);

  // The catalog is a pattern for ODBC 3 applications, an ordinary argument for ODBC 2.
  const DatabaseFilter db =
      select_database(a.catalog, c.odbc2() ? ArgKind::ordinary : ArgKind::pattern, a.schema, ArgKind::pattern, c);
  const NameFilter table = name_filter(a.table, ArgKind::pattern, c.metadata_id, "table name");

  std::string type_condition;
  const TableTypeFilter types = parse_table_types(a.table_type);
  if (!types.all) {
    const std::vector<std::string_view> known = server_table_types(c);
    for (const std::string& t : types.types) {
      if (std::find(known.begin(), known.end(), t) == known.end()) continue;
      type_condition += type_condition.empty() ? "(" + std::string(kTypeExpression) + ") IN (" : ",";
      append_quoted_string(type_condition, t, c.literal);
    }
    if (type_condition.empty()) return finish_catalog_call(s, c, kColumns, {});  // only unknown types
    type_condition += ")";
  }
  if (!db.possible) return finish_catalog_call(s, c, kColumns, {});

  std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, " + std::string(kTypeExpression) +
      ", CASE WHEN TABLE_TYPE IN ('VIEW','SYSTEM VIEW') THEN '' ELSE TABLE_COMMENT END"
      " FROM information_schema.TABLES WHERE " +
      all_of({name_condition("TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
              name_condition("TABLE_NAME", table, NameCase::table_like, c.literal), type_condition}) +
      " ORDER BY 3, " + binary_collated("TABLE_SCHEMA") + ", " + binary_collated("TABLE_NAME");

  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  rows.reserve(static_cast<std::size_t>(std::max<std::int64_t>(found->row_count(), 0)));
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), column_text(*found, 2),
                    column_text(*found, 3)});
  return finish_catalog_call(s, c, kColumns, std::move(rows));
}

}  // namespace holdfast
