// What the SQL scanner and the literal escaper must know about the connection's
// character set: where its multi-byte characters begin and end.
//
// In gbk, big5, sjis, cp932 and gb18030 the second byte of a character may be an ASCII
// byte such as 0x5C '\\' or 0x60 '`'; the server reads such a pair as one character, so
// the client must too, or it sees a backslash or a quote that the server does not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace holdfast {

enum class SqlCharset : std::uint8_t {
  single_byte,  // latin1, ascii, cp1251, binary...: every byte is a character
  utf8,         // utf8mb3/utf8mb4: no byte of a multi-byte character is below 0x80
  gbk,
  big5,
  sjis,
  cp932,
  euckr,
  gb2312,
  ujis,
  eucjpms,
  gb18030,
};

// The MySQL/MariaDB character set name ("utf8mb4", "gbk", "latin1", ...), case-insensitive.
// std::nullopt for a name this code does not know (do not guess: an unknown multi-byte
// set treated as single-byte is an injection risk).
std::optional<SqlCharset> charset_from_mysql_name(std::string_view name) noexcept;

// True for the sets whose multi-byte characters can contain a byte below 0x80, where
// the lexer and the escaper must walk whole characters.
constexpr bool charset_has_ascii_trail(SqlCharset cs) noexcept {
  switch (cs) {
    case SqlCharset::gbk:
    case SqlCharset::big5:
    case SqlCharset::sjis:
    case SqlCharset::cp932:
    case SqlCharset::euckr:
    case SqlCharset::gb18030:
      return true;
    default:
      return false;
  }
}

// True for the sets with multi-byte characters other than UTF-8.
constexpr bool charset_is_east_asian_mb(SqlCharset cs) noexcept {
  return cs != SqlCharset::single_byte && cs != SqlCharset::utf8;
}

// Length (2..4) of the well-formed multi-byte character that starts at p[0], as the
// server's lexer would take it; 0 when p[0] starts no such character (an ASCII byte,
// a stray lead byte, or a single-byte character). `avail` is the number of bytes
// available from p (>= 1). Always 0 for single_byte and utf8 (callers never need it).
std::size_t mb_char_length(SqlCharset cs, const unsigned char* p, std::size_t avail) noexcept;

// True when `b` could begin a multi-byte character of `cs` (a lead byte).
bool is_mb_lead_byte(SqlCharset cs, unsigned char b) noexcept;

}  // namespace holdfast
