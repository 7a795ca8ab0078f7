// Internals shared by the convert_*.cpp files; not for use outside them.
#pragma once

#include <string_view>

#include "core/convert.h"

namespace holdfast::convert_detail {

// Stores the length of a non-NULL value: *length_ptr = len, and *indicator_ptr = 0 when it
// is a separate pointer.
void set_length(const CellTarget& t, SQLLEN len) noexcept;

// Result of a conversion that returned everything for a fixed-length type.
ConvertResult fixed_done(PieceState* pieces, const char* warning) noexcept;

// Variable-length outputs, continuing where `pieces` stopped (pieces may be null).
// must_fit: on the first piece, a buffer of at most this many characters (NUL excluded)
// is an error 22003 instead of a truncation (used for numbers and datetimes as text).
ConvertResult put_char_text(std::string_view text, const CellTarget& t, PieceState* pieces,
                            size_t must_fit = 0);
ConvertResult put_wchar_text(std::string_view utf8, const CellTarget& t, PieceState* pieces,
                             size_t must_fit = 0);
// Bytes as hexadecimal digits, two per byte ("0A1B").
ConvertResult put_char_hex(std::string_view bytes, const CellTarget& t, PieceState* pieces);
ConvertResult put_wchar_hex(std::string_view bytes, const CellTarget& t, PieceState* pieces);
// Raw bytes. all_or_error: a value longer than the buffer is 22003 (numbers, datetimes)
// instead of a 01004 truncation.
ConvertResult put_binary(std::string_view bytes, const CellTarget& t, PieceState* pieces,
                         bool all_or_error = false);

// Numeric text (from any column kind) to SQL_C_[SU]*INT*, SQL_C_BIT, SQL_C_FLOAT,
// SQL_C_DOUBLE or SQL_C_NUMERIC. 22018 when the text is not a number.
ConvertResult number_text_to_c(std::string_view text, SQLSMALLINT c_type, const CellTarget& t,
                               PieceState* pieces);

// Number of leading characters of numeric text that must fit in a character buffer
// (whole digits and sign; everything when written with an exponent).
size_t whole_part_length(std::string_view text) noexcept;

// Datetime text (from a datetime or a text column) to a date/time/timestamp structure.
// from_text: the column is character data (a malformed value is 22018, not 22007).
ConvertResult datetime_text_to_c(std::string_view text, bool from_text, SQLSMALLINT c_type,
                                 const CellTarget& t, PieceState* pieces);

// TIME text "[-]H..H:MM:SS[.f]" to a day-time SQL_INTERVAL_STRUCT (core/convert_interval.cpp);
// trailing fields the type has no room for are dropped with 01S07; year-month types 07006.
// The leading field is not checked against the descriptor's interval leading precision.
ConvertResult time_text_to_interval(std::string_view text, bool from_text, SQLSMALLINT c_type,
                                    const CellTarget& t, PieceState* pieces);

// Text "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (optionally in braces) to SQLGUID.
ConvertResult guid_text_to_c(std::string_view text, const CellTarget& t, PieceState* pieces);

// Writes SQL_NULL_DATA (22002 without an indicator pointer).
ConvertResult put_null(const CellTarget& t, PieceState* pieces);

}  // namespace holdfast::convert_detail
