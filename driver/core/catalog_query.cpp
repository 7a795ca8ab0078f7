#include "core/catalog_query.h"

#include <charconv>

#include <limits>
#include <mutex>

#include "core/connection.h"
#include "core/native_value.h"
#include "core/odbc_error.h"
#include "core/statement.h"
#include "core/statement_sql.h"

namespace holdfast {

std::vector<ColumnMeta> catalog_result_columns(std::span<const CatalogColumnDef> defs, SQLINTEGER odbc_version,
                                               bool unicode_text) {
  std::vector<ColumnMeta> columns;
  columns.reserve(defs.size());
  for (const CatalogColumnDef& d : defs) {
    SQLSMALLINT type = d.sql_type;
    if (unicode_text) {
      if (type == SQL_VARCHAR) type = SQL_WVARCHAR;
      else if (type == SQL_CHAR) type = SQL_WCHAR;
    }
    columns.push_back(synthetic_column(odbc_version == SQL_OV_ODBC2 ? d.odbc2_name : d.name, type, d.size, d.nullable));
  }
  return columns;
}

CatalogContext begin_catalog_call(Statement& statement) {
  statement.refuse_needing_data("a catalog function");
  if (statement.cursor_open())
    throw OdbcError("24000", "Invalid cursor state: a result set is open (close it with SQLCloseCursor)");
  Connection& connection = statement.connection();
  CatalogContext c;
  c.odbc_version = connection.odbc_version();
  c.metadata_id = statement.metadata_id();
  c.database_as_schema = connection.config().database_as_schema;
  c.unicode_text = connection.unicode_text_types();
  c.max_bytes_per_char = connection.max_bytes_per_char();
  Session& session = connection.session();
  std::lock_guard lock(session.mutex());
  c.flavor = session.flavor();
  c.server_version = session.server_version_number();
  c.current_catalog = session.current_catalog();
  const ScanOptions scan = scan_options(session.charset(), session.no_backslash_escapes());
  c.literal = LiteralOptions{scan.charset, scan.no_backslash_escapes};
  return c;
}

DatabaseFilter select_database(const CatalogArg& catalog, ArgKind catalog_kind, const CatalogArg& schema,
                               ArgKind schema_kind, const CatalogContext& c) {
  return database_filter(catalog, catalog_kind, schema, schema_kind, c.metadata_id, c.database_as_schema,
                         c.current_catalog);
}

std::unique_ptr<ResultSet> run_catalog_query(Statement& statement, const std::string& sql) {
  Connection& connection = statement.connection();
  Session& session = connection.session();
  StatementReply reply;
  {
    SessionLock lock(session, &statement);
    reply = session.execute(sql, true, statement.query_timeout());
  }
  if (!reply.result) throw OdbcError("HY000", "The catalog query returned no result set");
  return std::make_unique<ServerResult>(std::move(reply.result), connection.max_bytes_per_char(),
                                        connection.unicode_text_types());
}

std::optional<std::string> column_text(const ResultSet& rows, std::size_t column) {
  char room[kNativeTextRoom];
  const SourceValue v = native_as_text(rows.columns()[column], rows.value(column), room);
  if (v.is_null) return std::nullopt;
  return std::string(v.data, v.length);
}

std::optional<std::uint64_t> column_number(const ResultSet& rows, std::size_t column) {
  char room[kNativeTextRoom];
  const SourceValue v = native_as_text(rows.columns()[column], rows.value(column), room);
  if (v.is_null) return std::nullopt;
  std::uint64_t n = 0;
  std::from_chars(v.data, v.data + v.length, n);
  return n;
}

SQLRETURN finish_catalog_call(Statement& statement, const CatalogContext& context,
                              std::span<const CatalogColumnDef> defs, std::vector<LocalResult::Row> rows) {
  if (context.database_as_schema) {
    for (std::size_t i = 0; i + 1 < defs.size(); ++i) {
      if (!defs[i].database) continue;
      for (LocalResult::Row& row : rows) std::swap(row[i], row[i + 1]);
    }
  }
  statement.adopt_local_result(std::make_unique<LocalResult>(
      catalog_result_columns(defs, context.odbc_version, context.unicode_text), std::move(rows)));
  return SQL_SUCCESS;
}

std::string all_of(std::initializer_list<std::string> conditions) {
  std::string out;
  for (const std::string& c : conditions) {
    if (c.empty()) continue;
    if (!out.empty()) out += " AND ";
    out += c;
  }
  return out.empty() ? std::string("1") : out;
}

std::string integer_text(std::int64_t value) {
  constexpr std::int64_t kMax = std::numeric_limits<SQLINTEGER>::max();
  constexpr std::int64_t kMin = std::numeric_limits<SQLINTEGER>::min();
  return std::to_string(value > kMax ? kMax : value < kMin ? kMin : value);
}

}  // namespace holdfast
