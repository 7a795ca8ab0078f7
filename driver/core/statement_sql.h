// From the application's SQL text to what is sent: escape sequences translated,
// parameter markers found, bound values interpolated as literals (the text-protocol path).
#pragma once

#include <sql.h>

#include <string>
#include <vector>

#include "core/descriptor.h"
#include "core/sql_lexer.h"

namespace holdfast {

class Descriptor;
struct ParamSource;

struct PreparedText {
  std::string sql;                   // escapes translated
  std::vector<std::size_t> markers;  // offsets of '?' markers in `sql`
  bool is_read = false;              // safe to send again after a lost reply
  bool searched_change = false;      // UPDATE or DELETE
  bool is_call = false;              // CALL p(...) or {call p(...)}
  bool has_return_value = false;     // {?= call f(...)}: parameter 1 is not in the text
};

// Throws 08001-like HY000 for a character set the escaper does not know (never guessed).
ScanOptions scan_options(const std::string& charset, bool no_backslash_escapes, bool ansi_quotes = false);

// Translates ODBC escapes (unless `translate` is false, SQL_ATTR_NOSCAN) and scans.
PreparedText prepare_text(std::string sql, bool translate, const ScanOptions& options);

// The values of parameter set `row` (from 0) as the APD and IPD describe them: bind
// offset and row-wise or column-wise binding applied. Marker i is parameter
// first + i + 1 (first is 1 for {?= call}). Throws 07002 when a marker has no bound
// parameter.
void parameter_sources(const Descriptor& apd, const Descriptor& ipd, std::size_t marker_count, std::size_t row,
                       std::vector<ParamSource>& out, std::size_t first = 0);

// Where parameter `number`'s indicator and data are for parameter set `row`.
const SQLLEN* parameter_indicator(const Descriptor& apd, SQLUSMALLINT number, std::size_t row);
SQLPOINTER parameter_data(const Descriptor& apd, SQLUSMALLINT number, std::size_t row);

// The statement with every marker replaced by the literal of its value in parameter set
// `row`.
std::string interpolate_parameters(const std::string& sql, const std::vector<std::size_t>& markers,
                                   const Descriptor& apd, const Descriptor& ipd, std::size_t row,
                                   const ScanOptions& options);

// An error after which nothing more is sent for an array of parameters: the link is
// gone, the outcome is unknown, or the transaction was rolled back.
class OdbcError;
bool stops_the_array(const OdbcError& e);

// Column size and decimal digits of an IPD record, as SQLBindParameter gave them.
SQLULEN ipd_column_size(const DescRecord& r) noexcept;
SQLSMALLINT ipd_decimal_digits(const DescRecord& r) noexcept;

// Checks a (C type, SQL type) pair given to SQLBindParameter: HY003 / HY004.
void validate_parameter_types(SQLSMALLINT c_type, SQLSMALLINT sql_type);

// SQLNativeSql: the text with escapes translated.
std::string native_sql_text(std::string sql, const ScanOptions& options);

}  // namespace holdfast
