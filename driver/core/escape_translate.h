// ODBC escape sequences ("{d '2024-01-31'}", "{fn UCASE(x)}", "{call p(?)}", ...) to
// MySQL/MariaDB SQL (ODBC Programmer's Reference, "Escape Sequences in ODBC" and
// appendix E "Scalar Functions").
//
// Translations:
//   {d 'v'} {t 'v'} {ts 'v'}   -> DATE 'v', TIME 'v', TIMESTAMP 'v'
//   {d ?} {t ?} {ts ?}         -> CAST(? AS DATE), CAST(? AS TIME(6)), CAST(? AS DATETIME(6))
//   {fn NAME(args)}            -> NAME(args), except:
//       CONVERT(x, SQL_type)        -> CAST(x AS mysql_type)
//       TIMESTAMPADD/DIFF(SQL_TSI_u, ...) -> TIMESTAMPADD/DIFF(u, ...);
//           SQL_TSI_FRAC_SECOND (billionths) is done in MICROSECOND, scaled
//       LENGTH(x)                   -> CHAR_LENGTH(RTRIM(x)) (ODBC: characters, trailing
//                                      blanks excluded; MySQL's LENGTH counts bytes)
//   {oj join}                  -> join
//   {call p(args)}             -> CALL p(args)
//   {?= call f(args)}          -> SELECT f(args): MySQL can CALL only procedures, which
//                                 return no value; a function's value comes back as a
//                                 one-row, one-column result. The '?=' marker is gone
//                                 from the text: parameter 1 is the return value.
//   {escape 'c'}               -> ESCAPE 'c'
//   {interval [+|-]'v' F [TO G]} -> INTERVAL '[-]v' F or F_G (YEAR_MONTH, DAY_SECOND...)
//   {guid 'v'}                 -> 'v'
//   { anything else }          -> left as it is (the server accepts "{ident expr}")
// Escapes nest ("{fn UCASE({fn LTRIM(x)})}"); braces inside strings, quoted
// identifiers and comments are not escapes.
//
// Errors (OdbcError):
//   42000 syntax error or access violation: a malformed escape (unterminated, missing
//         literal, unknown CONVERT type or TIMESTAMPADD interval, nested too deep).
//         SQLPrepare/SQLExecDirect list 42000 for text that "contained a syntax error".
//   22007 invalid datetime format: {d}/{t}/{ts} with a value not of the ODBC form
//         (SQLNativeSql lists 22007 for "an escape clause with an invalid date, time,
//         or timestamp value").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/sql_lexer.h"

namespace holdfast {

struct EscapeInfo {
  bool is_call = false;           // the statement is a {call} / {?= call} escape
  bool has_return_value = false;  // it was the {?= call ...} form
};

// Returns std::nullopt, without copying, when `sql` has no '{' in code: use `sql` as is.
// `info` (optional) is reset and filled in.
std::optional<std::string> translate_escapes(std::string_view sql, const ScanOptions& options,
                                             EscapeInfo* info = nullptr);

// Nesting depth beyond which an escape is rejected (42000), to bound recursion.
inline constexpr int kMaxEscapeNesting = 64;

}  // namespace holdfast
