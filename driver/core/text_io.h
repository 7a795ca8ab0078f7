// Strings crossing the C boundary. Inside, text is UTF-8; the A entry points pass it
// through (the connection character set is UTF-8 by default), the W entry points convert
// to and from UTF-16 here, at the edge, and nowhere else.
#pragma once

#include <sql.h>
#include <sqlucode.h>

#include <string>
#include <string_view>

namespace holdfast {

enum class CharWidth { narrow, wide };
enum class LengthUnit { chars, bytes };

// An application's output buffer for a string.
struct TextOut {
  void* buffer;
  SQLLEN capacity;  // in `unit`s, including room for the terminating NUL
  CharWidth width;
  LengthUnit unit;
};

// Input strings: SQL_NTS or an explicit length (in characters for W). Negative lengths
// other than SQL_NTS are HY090. A null pointer gives an empty string.
std::string text_in(const SQLCHAR* text, SQLINTEGER length);
std::string text_in(const SQLWCHAR* text, SQLINTEGER length);

// Writes `value` NUL-terminated into `out`, truncating on a character boundary. Returns
// the full length of `value` in `out.unit`s (excluding the NUL) and sets `truncated`.
SQLLEN write_text(std::string_view value, const TextOut& out, bool& truncated);

// Stores a length into an application's length pointer of whatever width it has,
// ignoring a null pointer.
template <class Len>
void store_length(Len* where, SQLLEN value) noexcept {
  if (where) *where = static_cast<Len>(value);
}

}  // namespace holdfast
