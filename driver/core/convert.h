// Converting one result value, as the text protocol delivers it, to the C type an
// application asked for (ODBC appendix D, "Converting Data from SQL to C Data Types").
//
// Used by SQLFetch for bound columns (pieces == nullptr) and by SQLGetData (pieces !=
// nullptr, one PieceState per column, reset when the cursor moves).
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <string_view>

#include "core/column_meta.h"

namespace holdfast {

// How a value of the binary protocol is held when it is not text (core/native_value.h):
// `data` then points at a long long, an unsigned long long, a double or a MYSQL_TIME.
enum class NativeKind : unsigned char { none, integer, unsigned_integer, real, time };

// One value of a row: text in the connection character set (UTF-8), raw bytes for
// binary and BIT columns; data need not be NUL-terminated. A native value (native !=
// none) converts exactly as the text the server's text protocol sends for it would.
struct SourceValue {
  const char* data = nullptr;
  unsigned long length = 0;
  bool is_null = true;
  NativeKind native = NativeKind::none;
};

// Default precision the ARD uses for SQL_C_NUMERIC (driver-defined); scale defaults to 0.
inline constexpr SQLSMALLINT kDefaultNumericPrecision = 38;
inline constexpr SQLSMALLINT kDefaultNumericScale = 0;

// Where the value goes: the ARD record fields of one column.
struct CellTarget {
  SQLSMALLINT c_type = SQL_C_DEFAULT;
  SQLPOINTER buffer = nullptr;   // may be null: only the length/indicator is reported
  SQLLEN buffer_length = 0;      // bytes; used only for SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY
  SQLLEN* length_ptr = nullptr;  // SQL_DESC_OCTET_LENGTH_PTR (may be null)
  SQLLEN* indicator_ptr = nullptr;  // SQL_DESC_INDICATOR_PTR (may be null, may equal length_ptr)
  SQLSMALLINT numeric_precision = kDefaultNumericPrecision;  // SQL_C_NUMERIC only; <= 0: default
  SQLSMALLINT numeric_scale = kDefaultNumericScale;          // SQL_C_NUMERIC only
};

// Progress of SQLGetData on one column of the current row.
struct PieceState {
  size_t offset = 0;       // in units of the output stream (bytes of text, hex digits...)
  bool started = false;    // a call already returned something for this column
  bool exhausted = false;  // everything was returned: the next call gets SQL_NO_DATA
  void reset() noexcept { *this = PieceState{}; }
};

struct ConvertResult {
  SQLRETURN rc = SQL_SUCCESS;            // SQL_SUCCESS, SQL_SUCCESS_WITH_INFO or SQL_NO_DATA
  const char* warning_sqlstate = nullptr;  // "01004", "01S07" or nullptr
};

// Converts `value` of a column described by `meta` into `target`.
// Throws OdbcError: 22003 numeric value out of range, 22018 invalid character value for
// cast, 22007 invalid datetime format, 22002 NULL without an indicator, 07006 an
// unsupported conversion, HY003 an unknown C type, HY090 a negative buffer length for a
// variable-length type.
//
// On truncation of character and binary data (01004) as much as fits is written
// (NUL-terminated for SQL_C_CHAR and SQL_C_WCHAR) and *length_ptr gets the full length
// that remained before the call.
//
// MySQL "zero dates" (0000-00-00, with or without a time) are not valid ODBC dates: they
// convert to SQL NULL when the target is a date, time or timestamp structure. Into
// character or binary targets they keep their text.
ConvertResult convert_value(const ColumnMeta& meta, const SourceValue& value,
                            const CellTarget& target, PieceState* pieces);

// ---- building blocks, exposed for the parameter side and for tests ----

// A number as text, parsed without allocation.
struct ParsedNumber {
  bool negative = false;
  unsigned long long whole = 0;  // integer part (valid when !whole_overflow)
  bool whole_overflow = false;   // integer part does not fit in 64 bits
  bool fraction_nonzero = false; // some non-zero digit after the point
  bool has_exponent = false;     // "1e3": use parse_double for the value
};

// Parses [spaces][+|-]digits[.digits][e[+|-]digits][spaces]. Returns false when the text
// is not a numeric literal.
bool parse_number(std::string_view text, ParsedNumber& out) noexcept;

// Parses a floating-point literal (same syntax). Returns false when it is not one; sets
// out_of_range when it overflows a double (the value is then +-HUGE_VAL).
bool parse_double(std::string_view text, double& out, bool& out_of_range) noexcept;

struct DateTimeParts {
  bool has_date = false;
  bool has_time = false;
  bool negative = false;  // TIME values may be negative in MySQL
  int year = 0, month = 0, day = 0;
  unsigned hour = 0, minute = 0, second = 0;  // hour may exceed 23 for MySQL TIME
  unsigned long fraction_ns = 0;
  bool fraction_truncated = false;  // more than 9 fractional digits, some of them non-zero
};

// Parses "YYYY-MM-DD", "[-]H..H:MM:SS[.f...]", "YYYY-MM-DD[ |T]HH:MM:SS[.f...]" and the ODBC
// escapes {d '...'}, {t '...'}, {ts '...'}, ignoring surrounding spaces. Checks the shape
// only; field ranges are checked by the caller. Returns false when the shape is wrong.
bool parse_datetime(std::string_view text, DateTimeParts& out) noexcept;

// The size of one value of a fixed-length C type (what an array element of a column-wise
// binding occupies); 0 for the variable-length types and for unknown ones.
SQLLEN c_type_octet_size(SQLSMALLINT c_type) noexcept;

}  // namespace holdfast
