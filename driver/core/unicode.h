// UTF-8 <-> UTF-16 conversion. The driver keeps text in UTF-8 and converts to UTF-16
// (SQLWCHAR: 2-byte units in host byte order) only at the edge: W entry points and
// SQL_C_WCHAR buffers.
//
// Invalid input never fails a conversion: an ill-formed UTF-8 sequence (each maximal
// subpart of it) and an unpaired UTF-16 surrogate become U+FFFD.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace holdfast {

static_assert(sizeof(SQLWCHAR) == 2, "Holdfast expects 2-byte SQLWCHAR (unixODBC default)");

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes one code point from the start of `in` (which must not be empty). Returns the
// number of bytes consumed (>= 1); an ill-formed sequence yields U+FFFD and consumes the
// longest prefix that could have started a valid sequence (at least one byte).
size_t decode_utf8(std::string_view in, char32_t& code_point) noexcept;

// Length in SQLWCHAR units of a UTF-16 string: `len` itself, or up to the first 0 unit
// when len == SQL_NTS. Throws OdbcError HY090 for any other negative length, or if s is
// null with a non-zero length.
size_t utf16_length(const SQLWCHAR* s, SQLINTEGER len);

// UTF-16 -> UTF-8. `len` is in SQLWCHAR units or SQL_NTS (see utf16_length).
// A null pointer with len 0 or SQL_NTS gives "".
std::string utf16_to_utf8(const SQLWCHAR* s, SQLINTEGER len);

// Number of UTF-16 units needed to hold the UTF-8 text `in` (no terminator counted).
size_t utf16_length_of_utf8(std::string_view in) noexcept;

struct Utf16Written {
  size_t units_written;   // SQLWCHAR units stored in the output
  size_t bytes_consumed;  // UTF-8 bytes of the input those units came from
};

// Converts as much of `in` as fits in `out_units` units, never splitting a surrogate
// pair. Writes no terminator. `out` may be null only when out_units is 0.
Utf16Written utf8_to_utf16_partial(std::string_view in, SQLWCHAR* out, size_t out_units) noexcept;

// Same, returning only the number of units written.
inline size_t utf8_to_utf16(std::string_view in, SQLWCHAR* out, size_t out_units) noexcept {
  return utf8_to_utf16_partial(in, out, out_units).units_written;
}

// Number of UTF-8 bytes at the start of `in` whose conversion yields at most `units`
// UTF-16 units, never splitting a code point (used to continue SQLGetData in pieces).
size_t utf8_bytes_for_utf16_units(std::string_view in, size_t units) noexcept;

// Convenience for non-hot paths (allocates).
std::basic_string<SQLWCHAR> utf8_to_utf16_string(std::string_view in);

}  // namespace holdfast
