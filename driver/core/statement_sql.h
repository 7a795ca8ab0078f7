// From the application's SQL text to what is sent: escape sequences translated,
// parameter markers found, bound values interpolated as literals (the text-protocol path).
#pragma once

#include <sql.h>

#include <string>
#include <vector>

#include "core/sql_lexer.h"

namespace holdfast {

struct ParameterBinding;

struct PreparedText {
  std::string sql;                   // escapes translated
  std::vector<std::size_t> markers;  // offsets of '?' markers in `sql`
  bool is_read = false;              // safe to send again after a lost reply
  bool searched_change = false;      // UPDATE or DELETE
};

// Throws 08001-like HY000 for a character set the escaper does not know (never guessed).
ScanOptions scan_options(const std::string& charset, bool no_backslash_escapes, bool ansi_quotes = false);

// Translates ODBC escapes (unless `translate` is false, SQL_ATTR_NOSCAN) and scans.
PreparedText prepare_text(std::string sql, bool translate, const ScanOptions& options);

// The statement with every marker replaced by its bound value as a literal. Throws 07002
// when a marker has no bound parameter.
std::string interpolate_parameters(const std::string& sql, const std::vector<std::size_t>& markers,
                                   const std::vector<ParameterBinding>& parameters, const ScanOptions& options);

// Checks a (C type, SQL type) pair given to SQLBindParameter: HY003 / HY004.
void validate_parameter_types(SQLSMALLINT c_type, SQLSMALLINT sql_type);

// SQLNativeSql: the text with escapes translated.
std::string native_sql_text(std::string sql, const ScanOptions& options);

}  // namespace holdfast
