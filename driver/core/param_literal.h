// Bound parameter values as SQL literals, for executing a statement as text (client-side
// parameter substitution), and the substitution itself.
//
// The literal is written for the connection's character set and sql_mode: string data
// is escaped with backslashes (\\ \' \" \0 \n \r \Z), or, under NO_BACKSLASH_ESCAPES,
// by doubling the single quote only. In the multi-byte sets (gbk, big5, sjis, cp932,
// euckr, gb2312, ujis, eucjpms, gb18030) whole characters are copied, so a trail byte
// 0x5C is never split from its lead byte, and a lead byte that starts no valid
// character is itself escaped (otherwise "\xBF'" would become "\xBF\\'", which a gbk
// server reads as the character 0xBF5C followed by a closing quote).
//
// SQLSTATEs (OdbcError), after ODBC appendix D "Converting Data from C to SQL Data Types":
//   HY090 a length that is negative and not SQL_NTS, SQL_NULL_DATA, SQL_DEFAULT_PARAM or
//         data-at-execution (character and binary types only; fixed types ignore it)
//   HY000 a data-at-execution parameter whose data was never supplied (the caller must
//         substitute the collected data before calling this)
//   HY009 a null value pointer for a non-NULL value
//   HY003 an unknown C type; HY004 SQL_C_DEFAULT with an SQL type it cannot map
//   07006 a C type this path does not convert (intervals)
//   22003 NaN or infinity (SQL_C_DOUBLE/FLOAT), SQL_C_BIT other than 0/1
//   22018 character data bound to a numeric SQL type that is not a number
//   22007 a date/time/timestamp structure that is not a valid date or time
//   22008 a timestamp whose time fields are lost (SQL_TYPE_DATE target) or whose
//         fractional seconds exceed the bound DecimalDigits (SQL_TYPE_TIME/TIMESTAMP)
//   07002 fewer parameters than markers (interpolate_params)
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_charset.h"

namespace holdfast {

// One input parameter, as SQLBindParameter describes it (after applying the APD's
// bind offset and the row index for arrays of parameters).
struct ParamSource {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  SQLSMALLINT sql_type = SQL_VARCHAR;
  SQLULEN column_size = 0;
  SQLSMALLINT decimal_digits = 0;
  const void* value = nullptr;
  SQLLEN buffer_length = 0;
  const SQLLEN* str_len_or_ind = nullptr;
};

struct LiteralOptions {
  SqlCharset charset = SqlCharset::utf8;
  bool no_backslash_escapes = false;
};

// The C type SQL_C_DEFAULT means for a parameter of `sql_type` (appendix D, "Default C
// Data Types"). Throws HY004 (or 07006 for intervals) when there is none.
SQLSMALLINT param_default_c_type(SQLSMALLINT sql_type);

// Appends the literal for `p` to `out` (NULL, DEFAULT, a number, a quoted string,
// X'hex'...). On error `out` is left as it was.
void append_param_literal(std::string& out, const ParamSource& p, const LiteralOptions& options);

// Appends 'bytes' quoted and escaped for the connection (see the top of this file).
void append_quoted_string(std::string& out, std::string_view bytes, const LiteralOptions& options);

// Appends X'<hex>'.
void append_hex_literal(std::string& out, std::string_view bytes);

// An upper bound of the bytes append_param_literal writes for `p` (0 when unknown):
// lets the caller reserve once.
std::size_t param_literal_size_bound(const ParamSource& p) noexcept;

// The SQL types whose literal the server reads as a number (SQL_BIT included: its
// literal is written as a number too).
bool is_numeric_sql_type(SQLSMALLINT t) noexcept;

// Writes the literal of marker number `index` (0-based) to `out`.
using LiteralProducer = std::function<void(std::size_t index, std::string& out)>;

// `sql` with the '?' at each of `marker_offsets` (ascending, as scan_sql reports them)
// replaced by what `produce` writes. Reserves sql.size() + literal_bytes_hint up front.
// Throws HY000 if an offset does not point at a '?' in order.
std::string interpolate(std::string_view sql, const std::vector<std::size_t>& marker_offsets,
                        const LiteralProducer& produce, std::size_t literal_bytes_hint = 0);

// interpolate() with the literals of `params` (params[i] for marker i), one allocation.
// Throws 07002 if there are fewer params than markers.
std::string interpolate_params(std::string_view sql, const std::vector<std::size_t>& marker_offsets,
                               std::span<const ParamSource> params, const LiteralOptions& options);

}  // namespace holdfast
