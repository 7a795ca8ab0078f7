// SQLTablePrivileges and SQLColumnPrivileges, from information_schema's privilege views.
//
// Which privileges a table (column) lists: every grant through which its grantee holds the
// privilege on that table (column), whatever level it was granted at. An application
// asks "who may SELECT from this table?", and in MySQL the answer includes grants on the
// database (`GRANT SELECT ON db.*`, SCHEMA_PRIVILEGES, its name matched as the server
// matches it: '%' and '_' are wildcards) and global ones (`ON *.*`, USER_PRIVILEGES), not
// only table-level grants (TABLE_PRIVILEGES) or column-level ones (COLUMN_PRIVILEGES).
// So:
//   SQLTablePrivileges: table-level, database-level and global grants of the privileges
//     a table can have (SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX,
//     ALTER, CREATE VIEW, SHOW VIEW, TRIGGER, DELETE HISTORY), one row per table,
//     grantee and privilege.
//   SQLColumnPrivileges: column-level grants, and grants at any higher level of the
//     privileges a column can have (SELECT, INSERT, UPDATE, REFERENCES), one row per
//     column, grantee and privilege.
// A privilege granted at several levels is one row, IS_GRANTABLE "YES" when any of its
// grants carries GRANT OPTION. GRANTEE is the account as the server writes it
// ('user'@'host', or a role). GRANTOR is NULL: information_schema does not record it. As
// information_schema shows, a user without access to the mysql database sees only the
// grants to itself (and to PUBLIC / its roles where the server has them).
#include <algorithm>

#include "core/catalog.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr SQLULEN kGranteeChars = 385;  // information_schema's GRANTEE: 'user'@'host'

constexpr CatalogColumnDef kTablePrivilegeColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"GRANTOR", "GRANTOR", SQL_VARCHAR, kGranteeChars, SQL_NULLABLE},
    {"GRANTEE", "GRANTEE", SQL_VARCHAR, kGranteeChars, SQL_NO_NULLS},
    {"PRIVILEGE", "PRIVILEGE", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"IS_GRANTABLE", "IS_GRANTABLE", SQL_VARCHAR, 3, SQL_NULLABLE},
};

constexpr CatalogColumnDef kColumnPrivilegeColumns[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"TABLE_SCHEM", "TABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"TABLE_NAME", "TABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"COLUMN_NAME", "COLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"GRANTOR", "GRANTOR", SQL_VARCHAR, kGranteeChars, SQL_NULLABLE},
    {"GRANTEE", "GRANTEE", SQL_VARCHAR, kGranteeChars, SQL_NO_NULLS},
    {"PRIVILEGE", "PRIVILEGE", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"IS_GRANTABLE", "IS_GRANTABLE", SQL_VARCHAR, 3, SQL_NULLABLE},
};

constexpr std::string_view kTablePrivilegeTypes =
    "('SELECT','INSERT','UPDATE','DELETE','CREATE','DROP','REFERENCES','INDEX','ALTER','CREATE VIEW',"
    "'SHOW VIEW','TRIGGER','DELETE HISTORY')";
constexpr std::string_view kColumnPrivilegeTypes = "('SELECT','INSERT','UPDATE','REFERENCES')";

// Two database or table names that are the same name for the server (case as
// lower_case_table_names says).
std::string same_table_name(const std::string& a, const std::string& b) {
  return "(" + a + " = " + b + " AND (@@lower_case_table_names <> 0 OR " + binary_collated(a) + " = " +
         binary_collated(b) + "))";
}

// A database name matched by the database part of a grant, which the server reads as a
// LIKE pattern with '\' as its escape.
std::string database_in_grant(const std::string& name, const std::string& grant, const LiteralOptions& literal) {
  std::string escape;
  append_quoted_string(escape, "\\", literal);
  return "(" + name + " LIKE " + grant + " ESCAPE " + escape + " AND (@@lower_case_table_names <> 0 OR " +
         binary_collated(name) + " LIKE " + binary_collated(grant) + " ESCAPE " + escape + "))";
}

}  // namespace

SQLRETURN catalog_table_privileges(Statement& s, const TablePrivilegesArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::pattern, c);
  const NameFilter table = name_filter(a.table, ArgKind::pattern, c.metadata_id, "table name");
  if (!db.possible) return finish_catalog_call(s, c, kTablePrivilegeColumns, {});

  const auto where = [&](const std::string& alias) {
    return all_of({name_condition(alias + ".TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
                   name_condition(alias + ".TABLE_NAME", table, NameCase::table_like, c.literal)});
  };
  const std::string types(kTablePrivilegeTypes);
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, GRANTEE, PRIVILEGE_TYPE, MAX(IS_GRANTABLE) FROM ("
      "SELECT p.TABLE_SCHEMA, p.TABLE_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE"
      " FROM information_schema.TABLE_PRIVILEGES p WHERE " + where("p") +
      " UNION ALL SELECT t.TABLE_SCHEMA, t.TABLE_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE"
      " FROM information_schema.TABLES t JOIN information_schema.SCHEMA_PRIVILEGES p ON " +
      database_in_grant("t.TABLE_SCHEMA", "p.TABLE_SCHEMA", c.literal) + " WHERE " + where("t") +
      " AND p.PRIVILEGE_TYPE IN " + types +
      " UNION ALL SELECT t.TABLE_SCHEMA, t.TABLE_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE"
      " FROM information_schema.TABLES t JOIN information_schema.USER_PRIVILEGES p WHERE " + where("t") +
      " AND p.PRIVILEGE_TYPE IN " + types +
      ") g GROUP BY TABLE_SCHEMA, TABLE_NAME, GRANTEE, PRIVILEGE_TYPE ORDER BY " + binary_collated("TABLE_SCHEMA") +
      ", " + binary_collated("TABLE_NAME") + ", " + binary_collated("PRIVILEGE_TYPE") + ", " +
      binary_collated("GRANTEE");

  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  rows.reserve(static_cast<std::size_t>(std::max<std::int64_t>(found->row_count(), 0)));
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), std::nullopt,
                    column_text(*found, 2), column_text(*found, 3), column_text(*found, 4)});
  return finish_catalog_call(s, c, kTablePrivilegeColumns, std::move(rows));
}

SQLRETURN catalog_column_privileges(Statement& s, const ColumnPrivilegesArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  if (!a.table) throw OdbcError("HY009", "Invalid use of null pointer: the table name is required");
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::ordinary, c);
  const NameFilter table = name_filter(a.table, ArgKind::ordinary, c.metadata_id, "table name");
  const NameFilter column = name_filter(a.column, ArgKind::pattern, c.metadata_id, "column name");
  if (!db.possible) return finish_catalog_call(s, c, kColumnPrivilegeColumns, {});

  const auto where = [&](const std::string& alias) {
    return all_of({name_condition(alias + ".TABLE_SCHEMA", db.filter, NameCase::table_like, c.literal),
                   name_condition(alias + ".TABLE_NAME", table, NameCase::table_like, c.literal),
                   name_condition(alias + ".COLUMN_NAME", column, NameCase::insensitive, c.literal)});
  };
  const std::string types(kColumnPrivilegeTypes);
  const std::string from_columns =
      " UNION ALL SELECT k.TABLE_SCHEMA, k.TABLE_NAME, k.COLUMN_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE"
      " FROM information_schema.COLUMNS k JOIN ";
  const std::string sql =
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, GRANTEE, PRIVILEGE_TYPE, MAX(IS_GRANTABLE) FROM ("
      "SELECT p.TABLE_SCHEMA, p.TABLE_NAME, p.COLUMN_NAME, p.GRANTEE, p.PRIVILEGE_TYPE, p.IS_GRANTABLE"
      " FROM information_schema.COLUMN_PRIVILEGES p WHERE " + where("p") +
      from_columns + "information_schema.TABLE_PRIVILEGES p ON " +
      same_table_name("k.TABLE_SCHEMA", "p.TABLE_SCHEMA") + " AND " +
      same_table_name("k.TABLE_NAME", "p.TABLE_NAME") + " WHERE " + where("k") + " AND p.PRIVILEGE_TYPE IN " + types +
      from_columns + "information_schema.SCHEMA_PRIVILEGES p ON " +
      database_in_grant("k.TABLE_SCHEMA", "p.TABLE_SCHEMA", c.literal) + " WHERE " + where("k") +
      " AND p.PRIVILEGE_TYPE IN " + types +
      from_columns + "information_schema.USER_PRIVILEGES p WHERE " + where("k") + " AND p.PRIVILEGE_TYPE IN " + types +
      ") g GROUP BY TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, GRANTEE, PRIVILEGE_TYPE ORDER BY " +
      binary_collated("TABLE_SCHEMA") + ", " + binary_collated("TABLE_NAME") + ", " +
      binary_collated("COLUMN_NAME") + ", " + binary_collated("PRIVILEGE_TYPE") + ", " + binary_collated("GRANTEE");

  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  std::vector<LocalResult::Row> rows;
  rows.reserve(static_cast<std::size_t>(std::max<std::int64_t>(found->row_count(), 0)));
  while (found->next())
    rows.push_back({column_text(*found, 0), std::nullopt, column_text(*found, 1), column_text(*found, 2),
                    std::nullopt, column_text(*found, 3), column_text(*found, 4), column_text(*found, 5)});
  return finish_catalog_call(s, c, kColumnPrivilegeColumns, std::move(rows));
}

}  // namespace holdfast
