#include "core/statement_sql.h"

#include <sqlext.h>
#include <sqlucode.h>

#include "core/escape_translate.h"
#include "core/odbc_error.h"
#include "core/param_literal.h"
#include "core/sql_scan.h"
#include "core/statement.h"

namespace holdfast {

ScanOptions scan_options(const std::string& charset, bool no_backslash_escapes, bool ansi_quotes) {
  const std::optional<SqlCharset> known = charset_from_mysql_name(charset.empty() ? "utf8mb4" : charset);
  if (!known) throw OdbcError("HY000", "Character set '" + charset + "' cannot be escaped safely by the driver");
  ScanOptions o;
  o.charset = *known;
  o.no_backslash_escapes = no_backslash_escapes;
  o.ansi_quotes = ansi_quotes;
  return o;
}

PreparedText prepare_text(std::string sql, bool translate, const ScanOptions& options) {
  PreparedText out;
  ScanResult scan = scan_sql(sql, options);
  if (translate && scan.has_escape) {
    if (std::optional<std::string> translated = translate_escapes(sql, options)) {
      sql = std::move(*translated);
      scan = scan_sql(sql, options);
    }
  }
  out.sql = std::move(sql);
  out.markers = std::move(scan.markers);
  out.is_read = scan.is_read;
  out.searched_change = scan.first_keyword == "UPDATE" || scan.first_keyword == "DELETE";
  return out;
}

std::string interpolate_parameters(const std::string& sql, const std::vector<std::size_t>& markers,
                                   const std::vector<ParameterBinding>& parameters, const ScanOptions& options) {
  if (parameters.size() < markers.size())
    throw OdbcError("07002", "COUNT field incorrect: " + std::to_string(markers.size()) + " parameter markers, " +
                                 std::to_string(parameters.size()) + " parameters bound");
  std::vector<ParamSource> sources;
  sources.reserve(markers.size());
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const ParameterBinding& p = parameters[i];
    if (!p.bound()) throw OdbcError("07002", "COUNT field incorrect: parameter " + std::to_string(i + 1) + " is not bound");
    sources.push_back(ParamSource{p.c_type, p.sql_type, p.column_size, p.decimal_digits, p.buffer, p.buffer_length,
                                  p.indicator});
  }
  return interpolate_params(sql, markers, sources, LiteralOptions{options.charset, options.no_backslash_escapes});
}

void validate_parameter_types(SQLSMALLINT c_type, SQLSMALLINT sql_type) {
  switch (c_type) {
    case SQL_C_CHAR: case SQL_C_WCHAR: case SQL_C_BINARY: case SQL_C_BIT:
    case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_UTINYINT:
    case SQL_C_SHORT: case SQL_C_SSHORT: case SQL_C_USHORT:
    case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_ULONG:
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: case SQL_C_FLOAT: case SQL_C_DOUBLE:
    case SQL_C_NUMERIC: case SQL_C_DATE: case SQL_C_TIME: case SQL_C_TIMESTAMP:
    case SQL_C_TYPE_DATE: case SQL_C_TYPE_TIME: case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_GUID: case SQL_C_DEFAULT: break;
    default: throw OdbcError("HY003", "Invalid application buffer type " + std::to_string(c_type));
  }
  switch (sql_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY:
    case SQL_BIT: case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT:
    case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE: case SQL_DECIMAL: case SQL_NUMERIC:
    case SQL_DATE: case SQL_TIME: case SQL_TIMESTAMP:
    case SQL_TYPE_DATE: case SQL_TYPE_TIME: case SQL_TYPE_TIMESTAMP:
    case SQL_GUID: break;
    default: throw OdbcError("HY004", "Invalid SQL data type " + std::to_string(sql_type));
  }
}

std::string native_sql_text(std::string sql, const ScanOptions& options) {
  if (std::optional<std::string> translated = translate_escapes(sql, options)) return std::move(*translated);
  return sql;
}

}  // namespace holdfast
