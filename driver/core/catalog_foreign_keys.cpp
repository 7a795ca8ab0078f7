// SQLForeignKeys: foreign keys from information_schema.KEY_COLUMN_USAGE, with their
// rules from REFERENTIAL_CONSTRAINTS.
#include "core/catalog.h"
#include "core/catalog_pattern.h"
#include "core/catalog_query.h"
#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr CatalogColumnDef kForeignKeyColumns[] = {
    {"PKTABLE_CAT", "PKTABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"PKTABLE_SCHEM", "PKTABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"PKTABLE_NAME", "PKTABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"PKCOLUMN_NAME", "PKCOLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"FKTABLE_CAT", "FKTABLE_QUALIFIER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE, true},
    {"FKTABLE_SCHEM", "FKTABLE_OWNER", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"FKTABLE_NAME", "FKTABLE_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"FKCOLUMN_NAME", "FKCOLUMN_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NO_NULLS},
    {"KEY_SEQ", "KEY_SEQ", SQL_SMALLINT, 0, SQL_NO_NULLS},
    {"UPDATE_RULE", "UPDATE_RULE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"DELETE_RULE", "DELETE_RULE", SQL_SMALLINT, 0, SQL_NULLABLE},
    {"FK_NAME", "FK_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"PK_NAME", "PK_NAME", SQL_VARCHAR, kMaxNameChars, SQL_NULLABLE},
    {"DEFERRABILITY", "DEFERRABILITY", SQL_SMALLINT, 0, SQL_NULLABLE},
};

// The server query's columns, in this order.
constexpr std::string_view kSelect =
    "SELECT k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, k.TABLE_SCHEMA,"
    " k.TABLE_NAME, k.COLUMN_NAME, k.ORDINAL_POSITION, r.UPDATE_RULE, r.DELETE_RULE, k.CONSTRAINT_NAME,"
    " r.UNIQUE_CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE k"
    " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
    " AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
    " WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND ";
enum Q { q_pk_schema, q_pk_table, q_pk_column, q_fk_schema, q_fk_table, q_fk_column, q_seq, q_update, q_delete,
         q_fk_name, q_pk_name };

// The conditions one side's arguments put on the columns naming its table; empty when
// the side's table is not named; std::nullopt when nothing can match (a schema).
std::optional<std::string> side_condition(const TableArgs& a, const CatalogContext& c, std::string_view schema_column,
                                          std::string_view table_column) {
  if (!a.table) return std::string();
  const DatabaseFilter db = select_database(a.catalog, ArgKind::ordinary, a.schema, ArgKind::ordinary, c);
  if (!db.possible) return std::nullopt;
  const NameFilter table = name_filter(a.table, ArgKind::ordinary, c.metadata_id, "table name");
  return all_of({name_condition(schema_column, db.filter, NameCase::table_like, c.literal),
                 name_condition(table_column, table, NameCase::table_like, c.literal)});
}

}  // namespace

std::optional<std::string> referential_rule(std::string_view rule, bool odbc2) {
  if (rule == "CASCADE") return std::to_string(SQL_CASCADE);
  if (rule == "SET NULL") return std::to_string(SQL_SET_NULL);
  if (rule == "SET DEFAULT") return std::to_string(SQL_SET_DEFAULT);
  // RESTRICT and NO ACTION are the same in MySQL: the change is refused.
  if (rule == "RESTRICT" || rule == "NO ACTION") return std::to_string(odbc2 ? SQL_RESTRICT : SQL_NO_ACTION);
  return std::nullopt;
}

SQLRETURN catalog_foreign_keys(Statement& s, const ForeignKeysArgs& a) {
  const CatalogContext c = begin_catalog_call(s);
  if (!a.pk.table && !a.fk.table)
    throw OdbcError("HY009", "Invalid use of null pointer: a primary key or foreign key table name is required");
  const std::optional<std::string> pk = side_condition(a.pk, c, "k.REFERENCED_TABLE_SCHEMA", "k.REFERENCED_TABLE_NAME");
  const std::optional<std::string> fk = side_condition(a.fk, c, "k.TABLE_SCHEMA", "k.TABLE_NAME");
  if (!pk || !fk) return finish_catalog_call(s, c, kForeignKeyColumns, {});
  // Keys referencing a table are ordered by the foreign key table; a table's own foreign
  // keys (with or without the primary key table) by the primary key table.
  const std::string order =
      a.fk.table ? binary_collated("k.REFERENCED_TABLE_SCHEMA") + ", " + binary_collated("k.REFERENCED_TABLE_NAME")
                 : binary_collated("k.TABLE_SCHEMA") + ", " + binary_collated("k.TABLE_NAME");
  const std::string sql = std::string(kSelect) + all_of({*pk, *fk}) + " ORDER BY " + order + ", " +
                          binary_collated("k.CONSTRAINT_NAME") + ", k.ORDINAL_POSITION";
  std::unique_ptr<ResultSet> found = run_catalog_query(s, sql);
  const bool odbc2 = c.odbc2();
  std::vector<LocalResult::Row> rows;
  while (found->next()) {
    LocalResult::Row row;
    row.reserve(std::size(kForeignKeyColumns));
    row.push_back(column_text(*found, q_pk_schema));
    row.push_back(std::nullopt);
    row.push_back(column_text(*found, q_pk_table));
    row.push_back(column_text(*found, q_pk_column));
    row.push_back(column_text(*found, q_fk_schema));
    row.push_back(std::nullopt);
    row.push_back(column_text(*found, q_fk_table));
    row.push_back(column_text(*found, q_fk_column));
    row.push_back(column_text(*found, q_seq));
    row.push_back(referential_rule(column_text(*found, q_update).value_or(""), odbc2));
    row.push_back(referential_rule(column_text(*found, q_delete).value_or(""), odbc2));
    row.push_back(column_text(*found, q_fk_name));
    row.push_back(column_text(*found, q_pk_name));
    row.push_back(std::to_string(SQL_NOT_DEFERRABLE));
    rows.push_back(std::move(row));
  }
  return finish_catalog_call(s, c, kForeignKeyColumns, std::move(rows));
}

}  // namespace holdfast
