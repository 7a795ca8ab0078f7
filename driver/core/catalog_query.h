// What every catalog function shares: the shape of its result set, what it needs to know
// about the connection, and running its information_schema query through the session.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog_pattern.h"
#include "core/error_table.h"
#include "core/param_literal.h"
#include "core/result_set.h"

namespace holdfast {

class Statement;

// One column of a catalog result set as the reference defines it.
struct CatalogColumnDef {
  std::string_view name;        // ODBC 3 name
  std::string_view odbc2_name;  // the ODBC 2 name (the same when it was not renamed)
  SQLSMALLINT sql_type;         // SQL_VARCHAR becomes SQL_WVARCHAR on Unicode connections
  SQLULEN size;                 // characters, for text columns
  SQLSMALLINT nullable;
  // The database column (TABLE_CAT, PKTABLE_CAT, ...), always followed by its schema
  // column: with DATABASE_AS_SCHEMA the two trade values (the database in the schema
  // column, NULL in the catalog column).
  bool database = false;
};

// Descriptions of the columns, named for the application's ODBC version.
std::vector<ColumnMeta> catalog_result_columns(std::span<const CatalogColumnDef> defs, SQLINTEGER odbc_version,
                                               bool unicode_text);

// What a catalog function needs from the statement and its connection.
struct CatalogContext {
  SQLINTEGER odbc_version = SQL_OV_ODBC3;
  bool metadata_id = false;
  bool database_as_schema = false;  // DATABASE_AS_SCHEMA
  bool unicode_text = true;
  unsigned max_bytes_per_char = 4;
  ServerFlavor flavor = ServerFlavor::any;
  unsigned long server_version = 0;  // 100611 for 10.6.11
  std::string current_catalog;       // empty: no current database
  LiteralOptions literal;
  bool odbc2() const noexcept { return odbc_version == SQL_OV_ODBC2; }
};

// Refuses an open cursor (24000) and reads the context (under the session lock).
CatalogContext begin_catalog_call(Statement& statement);

// The databases a call selects from its catalog and schema arguments (catalog_pattern.h,
// database_filter), as the connection's DATABASE_AS_SCHEMA setting says.
DatabaseFilter select_database(const CatalogArg& catalog, ArgKind catalog_kind, const CatalogArg& schema,
                               ArgKind schema_kind, const CatalogContext& context);

// Runs one read-only query through the connection's session, with the statement's
// query timeout, and returns its buffered rows.
std::unique_ptr<ResultSet> run_catalog_query(Statement& statement, const std::string& sql);

// The value of a row's column as text; std::nullopt for NULL.
std::optional<std::string> column_text(const ResultSet& rows, std::size_t column);
// An unsigned number in a server result's column, or nullopt for NULL.
std::optional<std::uint64_t> column_number(const ResultSet& rows, std::size_t column);

// Hands the rows to the statement as its result set (columns from `defs`).
SQLRETURN finish_catalog_call(Statement& statement, const CatalogContext& context,
                              std::span<const CatalogColumnDef> defs, std::vector<LocalResult::Row> rows);

// "a AND b AND c" of the non-empty conditions, "1" when there are none.
std::string all_of(std::initializer_list<std::string> conditions);

// UPDATE_RULE / DELETE_RULE of SQLForeignKeys for a rule of REFERENTIAL_CONSTRAINTS
// ("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"); RESTRICT and NO ACTION
// are SQL_NO_ACTION (SQL_RESTRICT for ODBC 2 applications). std::nullopt for others.
std::optional<std::string> referential_rule(std::string_view rule, bool odbc2);

// A number for an SQL INTEGER column: values beyond its range are clamped.
std::string integer_text(std::int64_t value);

}  // namespace holdfast
